"""Pages about the plan itself: the home page and the plan page."""

from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from plans.models import BusinessPlan
from plans.selectors import plan_overview
from reports.brag import brag_summary
from subgroups.models import Action


def home(request):
    """The active plans the user can see, each with its latest BRAG position."""
    plans = list(
        BusinessPlan.objects.visible_to(request.user)
        .active()
        .select_related("partnership")
        .order_by("partnership__name", "-period_start")
    )
    today = timezone.localdate()
    counts = brag_summary(
        actions=Action.objects.filter(workplan__plan__in=plans),
        as_at=today,
        group_by="plan",
    )
    return render(
        request,
        "plans/home.html",
        {"plan_rows": [(plan, counts.get(plan.pk)) for plan in plans], "today": today},
    )


def plan_detail(request, pk):
    plan = get_object_or_404(
        BusinessPlan.objects.visible_to(request.user).select_related("partnership"), pk=pk
    )
    return render(request, "plans/plan_detail.html", plan_overview(plan=plan))
