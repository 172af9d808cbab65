"""The Executive's pages: dashboard, exception report, and the actions behind each count."""

from urllib.parse import urlencode

from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.text import slugify

from reports.charts import stacked_bars
from reports.exports import dashboard_table, exceptions_table
from reports.forms import ReportForm
from reports.meetings import last_meeting_before
from reports.pdf import pdf_response, render_pdf
from reports.selectors import (
    EXCEPTION_REASONS,
    changes_since,
    describe_filters,
    exception_report,
    filtered_actions,
    plan_dashboard,
)
from subgroups.brag import RATING_ORDER
from subgroups.exports import EXPORT_FORMATS, export_response
from subgroups.models import Workplan
from subgroups.selectors import workplan_table


def _filename(context, report: str) -> str:
    return f"{context['plan'].partnership.slug}-{report}-{context['as_at']:%Y-%m-%d}"


def _report_context(request):
    form = ReportForm(request.GET or None, user=request.user)
    plan, as_at = form.chosen()
    if plan is None:
        raise Http404("You have no plans to report on.")
    # The list of actions behind each count, for this plan and date; tables add their filters.
    actions_url = f"{reverse('reports:actions')}?{urlencode({'plan': plan.pk, 'as_at': as_at.isoformat()})}"
    return {"form": form, "plan": plan, "as_at": as_at, "actions_url": actions_url}


def _since(context):
    """The date "what changed" starts from: the one asked for, else the cut-off of the
    Executive's last meeting before the as-at date (with that meeting, to say so)."""
    form = context["form"]
    form.is_valid()
    since = getattr(form, "cleaned_data", {}).get("since")
    if since is not None or "since" in form.errors:
        return since, None
    meeting = last_meeting_before(partnership_id=context["plan"].partnership_id, day=context["as_at"])
    return (meeting.cutoff, meeting) if meeting else (None, None)


def dashboard(request):
    context = _report_context(request)
    data = plan_dashboard(plan=context["plan"], as_at=context["as_at"])
    chart = stacked_bars([(f"{day:%b %Y}", counts) for day, counts in data["trend"]])
    since, since_meeting = _since(context)
    if since and since < context["as_at"]:
        data["changes"] = changes_since(plan=context["plan"], since=since, as_at=context["as_at"])
        data["since_meeting"] = since_meeting
    if request.GET.get("format") in EXPORT_FORMATS:
        table = dashboard_table(plan=context["plan"], as_at=context["as_at"], data=data)
        return export_response(table, _filename(context, "dashboard"), request.GET["format"])
    return render(
        request,
        "reports/dashboard.html",
        context | data | {"chart": chart, "chart_key": RATING_ORDER},
    )


def action_list(request):
    context = _report_context(request)
    actions = filtered_actions(plan=context["plan"], as_at=context["as_at"], params=request.GET)
    filters = describe_filters(plan=context["plan"], params=request.GET)
    return render(request, "reports/action_list.html", context | {"actions": actions, "filters": filters})


def exceptions(request):
    context = _report_context(request)
    groups = exception_report(plan=context["plan"], as_at=context["as_at"], params=request.GET)
    if request.GET.get("format") == "pdf":
        return pdf_response(
            render_pdf("reports/pdf/exceptions.html", context | _exceptions_pdf_context(context["plan"], groups, request.GET)),
            _filename(context, "exceptions"),
        )
    if request.GET.get("format") in EXPORT_FORMATS:
        table = exceptions_table(plan=context["plan"], as_at=context["as_at"], groups=groups)
        return export_response(table, _filename(context, "exceptions"), request.GET["format"])
    return render(
        request,
        "reports/exceptions.html",
        context
        | {
            "groups": groups,
            "count": sum(len(group.actions) for group in groups),
            "reasons": {key: label for key, (label, _q) in EXCEPTION_REASONS.items()},
            "priorities": context["plan"].priorities.all(),
            "subgroups": context["plan"].partnership.subgroups.all(),
        },
    )


def _exceptions_pdf_context(plan, groups, params) -> dict:
    return {
        "groups": groups,
        "count": sum(len(group.actions) for group in groups),
        "filters": describe_filters(plan=plan, params=params),
    }


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
