"""Sub-group, workplan and action pages."""

from django.shortcuts import get_object_or_404, render

from subgroups.models import Action, SubGroup, Workplan
from subgroups.selectors import action_history, subgroup_overview, workplan_table


def subgroup_detail(request, pk):
    subgroup = get_object_or_404(
        SubGroup.objects.visible_to(request.user).select_related("partnership"), pk=pk
    )
    return render(request, "subgroups/subgroup_detail.html", subgroup_overview(subgroup=subgroup))


def workplan_detail(request, pk):
    workplan = get_object_or_404(
        Workplan.objects.visible_to(request.user).select_related(
            "subgroup__partnership", "plan"
        ),
        pk=pk,
    )
    context = {"workplan": workplan, **workplan_table(workplan=workplan, params=request.GET)}
    return render(request, "subgroups/workplan_detail.html", context)


def action_detail(request, pk):
    action = get_object_or_404(
        Action.objects.visible_to(request.user)
        .with_current_state()
        .select_related("workplan__subgroup__partnership", "workplan__plan", "priority", "lead_user")
        .prefetch_related("themes"),
        pk=pk,
    )
    return render(
        request,
        "subgroups/action_detail.html",
        {"action": action, "history": action_history(action=action)},
    )
