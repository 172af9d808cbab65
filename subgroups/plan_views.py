"""The home page and the plan page. They belong to the plan (`plans:home`,
`plans:plan-detail`, routed in plans' URL namespace by mscp/urls.py) but show BRAG counts,
which are counted in this app (subgroups/brag.py), so they live above the plan's app."""

from django.shortcuts import get_object_or_404, render

from plans.models import BusinessPlan
from plans.permissions import Editor
from subgroups.brag import brag_summary_per_plan, plan_as_at
from subgroups.selectors import plan_overview


def home(request):
    """The plans the user can see, each with its latest BRAG position: the active ones first,
    then those still to start, then those that have ended (still readable and reportable)."""
    plans = list(
        BusinessPlan.objects.visible_to(request.user)
        .select_related("partnership")
        .order_by("partnership__name", "-period_start")
    )
    # Each plan is judged at its own reporting date, as its plan page and dashboard are.
    counts = brag_summary_per_plan(plans=plans)
    rows = [
        (plan, counts[plan.pk] if counts[plan.pk].total else None, plan_as_at(plan).as_at)
        for plan in plans
    ]
    sections = [
        (label, [row for row in rows if row[0].status == status])
        for status, label in HOME_SECTIONS
    ]
    return render(
        request,
        "plans/home.html",
        {"plan_rows": rows, "sections": [(label, rows) for label, rows in sections if rows]},
    )


HOME_SECTIONS = [
    (BusinessPlan.Status.ACTIVE, "Active plans"),
    (BusinessPlan.Status.UPCOMING, "Upcoming plans"),
    (BusinessPlan.Status.ENDED, "Ended plans"),
]


def plan_detail(request, pk):
    plan = get_object_or_404(
        BusinessPlan.objects.visible_to(request.user).select_related("partnership"), pk=pk
    )
    context = plan_overview(plan=plan)
    context["can_manage"] = Editor.for_user(request.user).can_manage_plan(plan)
    return render(request, "plans/plan_detail.html", context)
