"""The Executive's pages: dashboard, exception report, and the actions behind each count."""

import dataclasses
from urllib.parse import urlencode

from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.text import slugify

from plans.data_stamp import cached
from reports.challenges import open_challenges
from reports.charts import stacked_bars
from reports.exports import dashboard_table, exceptions_table
from reports.meetings import last_meeting_before
from reports.pdf import pdf_response, render_pdf
from reports.publication import dispatch_reminders
from reports.selectors import changes_since, exception_report, filtered_actions, plan_dashboard
from subgroups.brag import RATING_ORDER
from subgroups.exports import EXPORT_FORMATS, export_response
from subgroups.filters import ReportFilter, ReportScope
from subgroups.models import Workplan
from subgroups.selectors import workplan_table


def _filename(context, report: str) -> str:
    scope = context["scope"]
    return f"{scope.plan.partnership.slug}-{scope.year or 'whole-plan'}-{report}-{scope.as_at:%Y-%m-%d}"


def _report_context(request, page: str) -> dict:
    """The page's parameters read once (`ReportFilter`), with what every report page shows:
    the scope counted, the form, and the query string of the list behind each count."""
    report = ReportFilter(request.GET, user=request.user, page=page)
    scope = report.scope()
    if scope is None:
        raise Http404("You have no plans to report on.")
    base = {key: value for key, value in report.query().items() if key in ("plan", "year", "as_at")}
    return {
        "report": report,
        "form": report.form,
        "scope": scope,
        "plan": scope.plan,
        "as_at": scope.as_at,
        # The list of actions behind each count, for this scope; tables add their filters.
        "actions_url": f"{reverse('reports:actions')}?{urlencode(base)}",
        "scope_query": urlencode(base),
        "download_query": report.query_string(format=None),
    }


def _since(context):
    """The scope with the date "what changed" starts from: the one asked for, else the
    cut-off of the Executive's last meeting before the as-at date (with that meeting, to say
    so). A refused date stays refused: the form shows why, and nothing is compared."""
    scope = context["scope"]
    if scope.since or "since" in context["form"].errors:
        return scope, None
    meeting = last_meeting_before(partnership_id=scope.plan.partnership_id, day=scope.as_at)
    if meeting is None or meeting.cutoff >= scope.as_at:
        return scope, None
    return dataclasses.replace(scope, since=meeting.cutoff), meeting


def _cached(scope: ReportScope, name: str, compute, *parts):
    """`compute()` from the cache, kept under the scope's partnership and its data stamp (read
    with the plan, before any figure), the scope and `parts`: see plans.data_stamp."""
    return cached(
        scope.plan.partnership, name, (scope.plan.pk, scope.as_at, scope.year, scope.since, *parts), compute
    )


def _filters_key(report: ReportFilter) -> str:
    # The link filters as given, and which were accepted (a refused one narrows nothing).
    accepted = sorted(name for name, value in report.cleaned().items() if value not in (None, "", [], ()))
    return repr((sorted(report.query().items()), accepted))


def dashboard(request):
    context = _report_context(request, "dashboard")
    scope = context["scope"]
    data = _cached(dataclasses.replace(scope, since=None), "dashboard", lambda: plan_dashboard(scope=scope))
    chart = stacked_bars([(f"{day:%b %Y}", counts) for day, counts in data["trend"]])
    scope, since_meeting = _since(context)
    if scope.since:
        data["changes"] = _cached(scope, "changes", lambda: changes_since(scope=scope))
        data["since_meeting"] = since_meeting
    if request.GET.get("format") in EXPORT_FORMATS:
        table = dashboard_table(scope=scope, data=data)
        return export_response(table, _filename(context, "dashboard"), request.GET["format"])
    return render(
        request,
        "reports/dashboard.html",
        context | data | {
            "chart": chart,
            "chart_key": RATING_ORDER,
            "open_challenges": open_challenges(partnership_id=scope.plan.partnership_id),
            "dispatch_reminders": dispatch_reminders(partnership_id=scope.plan.partnership_id),
        },
    )


def action_list(request):
    context = _report_context(request, "actions")
    actions = filtered_actions(scope=context["scope"], report=context["report"])
    filters = context["report"].describe()
    return render(request, "reports/action_list.html", context | {"actions": actions, "filters": filters})


def exceptions(request):
    context = _report_context(request, "exceptions")
    scope, report = context["scope"], context["report"]
    groups = _cached(
        scope, "exceptions", lambda: exception_report(scope=scope, report=report), _filters_key(report)
    )
    count = sum(len(group.actions) for group in groups)
    if request.GET.get("format") == "pdf":
        return pdf_response(
            render_pdf(
                "reports/pdf/exceptions.html",
                context | {"groups": groups, "count": count, "filters": report.describe()},
            ),
            _filename(context, "exceptions"),
        )
    if request.GET.get("format") in EXPORT_FORMATS:
        table = exceptions_table(scope=scope, groups=groups)
        return export_response(table, _filename(context, "exceptions"), request.GET["format"])
    return render(
        request,
        "reports/exceptions.html",
        context | {"groups": groups, "count": count, "filters": report.describe()},
    )


def workplan_pdf(request, pk):
    """The workplan as the business plan's six-column table, A4 landscape, for meeting packs."""
    workplan = get_object_or_404(
        Workplan.objects.visible_to(request.user).select_related("subgroup__partnership", "plan"), pk=pk
    )
    table = workplan_table(workplan=workplan, params={})
    pdf = render_pdf("reports/pdf/workplan.html", {"workplan": workplan, **table})
    filename = slugify(
        f"{workplan.subgroup.partnership.slug} {workplan.subgroup.short_name} workplan {workplan.year} "
        f"{table['as_at']:%Y-%m-%d}"
    )
    return pdf_response(pdf, filename)
