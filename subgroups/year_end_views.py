"""The year-end pages (BSU only): every incomplete action of a workplan, or of all of a plan's
sub-groups for a year, with a choice each; a preview; then the year end applied once."""

import secrets

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods

from plans.models import BusinessPlan
from plans.permissions import Editor
from subgroups.forms import YearEndForm
from subgroups.models import Workplan, year_label_bounds
from subgroups.selectors import plan_years, year_end_page, year_end_preview
from subgroups.services import AlreadyRolledOver, YearEndRefused, year_end_applied, year_end_apply


@require_http_methods(["GET", "POST"])
def workplan_year_end(request, pk):
    workplan = get_object_or_404(
        Workplan.objects.visible_to(request.user).select_related("subgroup__partnership", "plan"), pk=pk
    )
    return _year_end(request, plan=workplan.plan, year=workplan.year, workplan=workplan)


@require_http_methods(["GET", "POST"])
def plan_year_end(request, pk):
    plan = get_object_or_404(BusinessPlan.objects.visible_to(request.user).select_related("partnership"), pk=pk)
    years = plan_years(plan=plan)
    year = request.POST.get("year") or request.GET.get("year")
    if year not in years:
        if not years:
            raise Http404("This plan has no workplans yet.")
        # The year the plan is in now (its last once it has ended; its first before it starts).
        started = [y for y in years if year_label_bounds(y)[0] <= plan.reporting_date()]
        year = (started or years)[-1]
    return _year_end(request, plan=plan, year=year, workplan=None, years=years)


def _year_end(request, *, plan, year, workplan, years=()):
    if not Editor.for_user(request.user).is_bsu(plan.partnership_id):
        raise PermissionDenied
    done_url = workplan.get_absolute_url() if workplan else plan.get_absolute_url()
    token = request.POST.get("token", "")
    if request.method == "POST" and token and (applied := year_end_applied(token=token)):
        return _already_applied(request, applied, done_url)
    page = year_end_page(plan=plan, year=year, workplan=workplan)
    form = YearEndForm(
        request.POST if request.method == "POST" and "change" not in request.POST else None,
        actions=page["actions"], into_year=page["into_year"], refusals=page["refusals"],
    )
    if request.method == "POST" and "change" in request.POST:
        # Back from the preview to the choices, as they were made.
        form = YearEndForm(
            request.POST, actions=page["actions"], into_year=page["into_year"], refusals=page["refusals"]
        )
        form.is_valid()
    elif request.method == "POST" and form.is_valid():
        choices = form.choices()
        if "confirm" in request.POST and token:
            try:
                rollover = year_end_apply(
                    plan=plan, year=year, choices=choices, by=request.user, token=token, workplan=workplan
                )
            except AlreadyRolledOver as already:
                return _already_applied(request, already.rollover, done_url)
            except YearEndRefused as refusal:
                for action_id, message in refusal.errors.items():
                    field = f"choice-{action_id}"
                    form.add_error(field if field in form.fields else None, message)
            else:
                messages.success(request, _summary(rollover))
                return redirect(done_url)
        else:
            return render(
                request,
                "subgroups/year_end_preview.html",
                {
                    **page, "workplan": workplan, "form": form, "token": secrets.token_urlsafe(24),
                    **year_end_preview(page=page, choices=choices),
                },
            )
    return render(
        request,
        "subgroups/year_end.html",
        {**page, "workplan": workplan, "form": form, "years": years},
    )


def _summary(rollover) -> str:
    parts = [
        f"{rollover.carried_forward} carried forward into {rollover.into_year}",
        f"{rollover.not_achieved} closed as not achieved",
        f"{rollover.left_open} left open",
    ]
    text = f"Year end {rollover.year} applied: " + ", ".join(parts) + "."
    if rollover.workplans_created:
        text += " Workplans created: " + ", ".join(rollover.workplans_created.splitlines()) + "."
    return text


def _already_applied(request, rollover, done_url):
    return render(
        request, "subgroups/year_end_done.html", {"rollover": rollover, "done_url": done_url, "summary": _summary(rollover)}
    )
