"""Reads for the sub-group, workplan and action pages."""

from dataclasses import dataclass
from itertools import groupby

from django.db.models import F

from plans.models import Priority
from reports.brag import BragCounts, brag_summary
from subgroups.filters import ActionFilter
from subgroups.models import Action, SubGroup, Workplan


@dataclass
class ActionGroup:
    """A block of the workplan table: one priority's actions, the core functions, or (when
    the user sorts the table) all of them."""

    caption: str
    actions: list[Action]


def _priority_caption(priority: Priority | None) -> str:
    return str(priority) if priority else "Core functions (no priority)"


def workplan_actions(*, workplan: Workplan):
    """The workplan's live actions with their current rating and overdue/stale flags,
    in plan order (by priority, core functions last, then the workplan's own order)."""
    plan = workplan.plan
    return (
        workplan.actions.live()
        .with_current_state()
        .with_flags(on=plan.reporting_date(), stale_after_days=plan.stale_after_days)
        .select_related("priority", "lead_user")
        .prefetch_related("themes")
        .order_by(F("priority__number").asc(nulls_last=True), "order", "pk")
    )


def workplan_table(*, workplan: Workplan, params) -> dict:
    """The filtered, sorted workplan table: grouped by priority unless the user sorted it."""
    actions = workplan_actions(workplan=workplan)
    leads = (
        workplan.actions.live().exclude(lead="").order_by("lead").values_list("lead", flat=True)
    )
    action_filter = ActionFilter(
        params, queryset=actions, workplan=workplan, leads=list(dict.fromkeys(leads))
    )
    rows = list(action_filter.qs)
    sort = action_filter.form.cleaned_data.get("sort") if action_filter.form.is_valid() else None
    is_sorted = bool(sort)
    if is_sorted:
        groups = [ActionGroup(caption="All actions", actions=rows)]
    else:
        groups = [
            ActionGroup(caption=_priority_caption(priority), actions=list(items))
            for priority, items in groupby(rows, key=lambda action: action.priority)
        ]
    return {
        "filter": action_filter,
        "groups": groups,
        "is_sorted": is_sorted,
        "sort_label": dict(action_filter.form.fields["sort"].choices).get(sort[0]) if sort else "",
        "shown": len(rows),
        "total": workplan.actions.live().count(),
        "as_at": workplan.plan.reporting_date(),
    }


def subgroup_overview(*, subgroup: SubGroup) -> dict:
    """The sub-group page: remit, priorities and each workplan with its BRAG counts."""
    workplans = list(subgroup.workplans.select_related("plan").order_by("-year"))
    current_plan = workplans[0].plan if workplans else None
    counts = {}
    if current_plan:
        counts = brag_summary(
            actions=Action.objects.filter(workplan__subgroup=subgroup),
            as_at=current_plan.reporting_date(),
            stale_after_days=current_plan.stale_after_days,
            group_by="workplan",
        )
    return {
        "subgroup": subgroup,
        "priorities": subgroup.priorities.select_related("plan"),
        "workplan_rows": [(w, counts.get(w.pk, BragCounts())) for w in workplans],
        "as_at": current_plan.reporting_date() if current_plan else None,
    }


def action_history(*, action: Action):
    """Every BRAG update of the action, newest first, with who entered and reported it."""
    return action.updates.select_related("author", "reported_by").order_by(
        "-as_at", "-created_at", "-pk"
    )

