"""The home page and the plan page. They belong to the plan (`plans:home`,
`plans:plan-detail`, routed in plans' URL namespace by mscp/urls.py) but show BRAG counts,
which are counted in this app (subgroups/brag.py), so they live above the plan's app."""

from django.shortcuts import get_object_or_404, render

from plans.models import BusinessPlan
from plans.permissions import Editor
from subgroups.brag import brag_summary_per_plan, plan_as_at
from subgroups.selectors import plan_overview


def home(request):
    """The active plans the user can see, each with its latest BRAG position."""
    plans = list(
        BusinessPlan.objects.visible_to(request.user)
        .active()
        .select_related("partnership")
        .order_by("partnership__name", "-period_start")
    )
    # Each plan is judged at its own reporting date, as its plan page and dashboard are.
    counts = brag_summary_per_plan(plans=plans)
    return render(
        request,
        "plans/home.html",
        {
            "plan_rows": [
                (plan, counts[plan.pk] if counts[plan.pk].total else None, plan_as_at(plan).as_at)
                for plan in plans
            ]
        },
    )


def plan_detail(request, pk):
    plan = get_object_or_404(
        BusinessPlan.objects.visible_to(request.user).select_related("partnership"), pk=pk
    )
    context = plan_overview(plan=plan)
    context["can_manage"] = Editor.for_user(request.user).can_manage_plan(plan)
    return render(request, "plans/plan_detail.html", context)
