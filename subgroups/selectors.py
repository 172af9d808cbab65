"""Reads for the sub-group, workplan and action pages."""

import datetime
from dataclasses import dataclass
from itertools import groupby

from django.db.models import F, Prefetch, Q
from django.db.models.functions import Lower

from plans.data_stamp import cached
from plans.models import BusinessPlan, Person, display_name, priority_label
from subgroups.brag import BragCounts, CountRow, brag_summary, brag_summary_per_plan, plan_as_at, with_flags_per_plan
from subgroups.filters import ATTENTION_REASONS, ActionFilter, ReportFilter, ReportScope
from subgroups.models import LEADS_PREFETCH, Action, SubGroup, Workplan, not_complete
from subgroups.services import (
    CARRY,
    CLOSE,
    LEAVE,
    action_history_changes,
    carry_forward_refusals,
    next_year_label,
)


@dataclass
class ActionGroup:
    """A block of the workplan table: one priority's actions, the core functions, or (when
    the user sorts the table) all of them."""

    caption: str
    actions: list[Action]


def workplan_actions(*, workplan: Workplan):
    """The workplan's actions (open, or closed at a year end; not retired) with their current
    rating, overdue/stale flags and the actions they were carried from or into, in plan order
    (by priority, core functions last, then the workplan's own order). Each row's `workplan`
    is `workplan` itself (the related manager sets it), not a copy read again with each row."""
    return (
        plan_as_at(workplan.plan)
        .with_flags(workplan.actions.in_workplan().with_current_state())
        .select_related("priority", "carried_into__workplan", "carried_from__workplan")
        .prefetch_related("themes", LEADS_PREFETCH)
        .order_by(F("priority__number").asc(nulls_last=True), "order", "pk")
    )


def workplan_table(*, workplan: Workplan, params) -> dict:
    """The filtered, sorted workplan table: grouped by priority unless the user sorted it.
    The rows and counts are kept in the cache under the partnership's data stamp
    (plans.data_stamp), the reporting date and the parameters as given and as accepted."""
    actions = workplan_actions(workplan=workplan)
    leads = Person.objects.filter(led_actions__in=workplan.actions.in_workplan()).distinct().order_by(Lower("name"))
    action_filter = ActionFilter(params, queryset=actions, workplan=workplan, leads=list(leads))
    valid = action_filter.form.is_valid()
    sort = action_filter.form.cleaned_data.get("sort") if valid else None
    as_at = plan_as_at(workplan.plan).as_at
    accepted = sorted(name for name, value in action_filter.form.cleaned_data.items() if value) if valid else None
    given = sorted((name, params.getlist(name) if hasattr(params, "getlist") else params[name]) for name in params)

    def rows_and_counts():
        rows = list(action_filter.qs)
        if sort:
            groups = [ActionGroup(caption="All actions", actions=rows)]
        else:
            groups = [
                ActionGroup(caption=priority_label(priority), actions=list(items))
                for priority, items in groupby(rows, key=lambda action: action.priority)
            ]
        return {
            "groups": groups,
            "counts": workplan_counts(workplan=workplan),
            "shown": len(rows),
            # Unfiltered (sorted at most), the rows are the whole workplan: no need to count it.
            "total": workplan.actions.in_workplan().count() if _narrowed(action_filter) else len(rows),
        }

    return {
        "filter": action_filter,
        **cached(workplan.subgroup.partnership, "workplan", (workplan.pk, as_at, given, accepted), rows_and_counts),
        "is_sorted": bool(sort),
        "sort_label": dict(action_filter.form.fields["sort"].choices).get(sort[0]) if sort else "",
        "as_at": as_at,
    }


def _narrowed(action_filter: ActionFilter) -> bool:
    """Whether the filter leaves some of the workplan's actions out: any value but the sort
    order, or values it refused."""
    if not action_filter.form.is_valid():
        return True
    return any(value for name, value in action_filter.form.cleaned_data.items() if name != "sort")


def workplan_counts(*, workplan: Workplan) -> BragCounts:
    """The workplan's BRAG counts as at its plan's reporting date."""
    return brag_summary(plan=workplan.plan, actions=workplan.actions.all())


def workplan_row(*, workplan: Workplan, action_pk: int) -> Action:
    """One action of the workplan table, annotated like the rows of `workplan_actions`."""
    return workplan_actions(workplan=workplan).get(pk=action_pk)


def plan_overview(*, plan: BusinessPlan) -> dict:
    """Everything the plan page shows, in a fixed number of queries: priorities with their
    focus, owning sub-groups and BRAG counts; themes with theirs; the plan's totals."""
    as_at = plan_as_at(plan).as_at
    by_priority = brag_summary(plan=plan, as_at=as_at, group_by="priority")
    by_theme = brag_summary(plan=plan, as_at=as_at, group_by="theme")
    priorities = list(
        plan.priorities.prefetch_related(Prefetch("subgroups", queryset=SubGroup.objects.order_by("short_name")))
    )
    priority_rows = [(p, by_priority.get(p.pk, BragCounts())) for p in priorities]
    core_counts = by_priority.get(None, BragCounts())
    return {
        "plan": plan,
        "as_at": as_at,
        # Every action has one priority or none, so the priority groups add up to the plan.
        "totals": sum(by_priority.values(), BragCounts()),
        "priority_rows": priority_rows,
        "core_counts": core_counts,
        # The count table's rows: each priority links to its part of the page.
        "priority_count_rows": [
            *(CountRow(str(p), counts, url=f"#priority-{p.number}") for p, counts in priority_rows),
            CountRow(priority_label(None), core_counts),
        ],
        "theme_rows": [(t, by_theme.get(t.pk, BragCounts())) for t in plan.themes.all()],
        "subgroups": SubGroup.objects.filter(partnership=plan.partnership_id).prefetch_related(
            Prefetch("priorities", queryset=plan.priorities.all())
        ),
        "brag_meanings": plan.brag_meanings(),
    }


def subgroup_overview(*, subgroup: SubGroup) -> dict:
    """The sub-group page: remit, priorities and each workplan with its BRAG counts, each
    workplan judged by its own plan (as at that plan's reporting date, with its stale
    period), as the workplan's own page judges it."""
    workplans = list(subgroup.workplans.select_related("plan").order_by("-year"))
    plans = list({workplan.plan_id: workplan.plan for workplan in workplans}.values())
    dates = {plan_as_at(plan).as_at for plan in plans}
    counts = brag_summary_per_plan(
        plans=plans, actions=Action.objects.filter(workplan__subgroup=subgroup), group_by="workplan"
    )
    workplan_rows = [(w, counts[w.plan_id].get(w.pk, BragCounts())) for w in workplans]
    # One date for the whole table when every workplan is judged at it; else each row's.
    as_at = next(iter(dates)) if len(dates) == 1 else None
    return {
        "subgroup": subgroup,
        "priorities": subgroup.priorities.select_related("plan"),
        "workplan_rows": workplan_rows,
        "workplan_count_rows": [
            CountRow(
                f"{w.year} workplan", counts, url=w.get_absolute_url(), as_at=None if as_at else w.plan.reporting_date()
            )
            for w, counts in workplan_rows
        ],
        "as_at": as_at,
    }


def action_history(*, action: Action):
    """Every BRAG update of the action, newest first, with who entered and reported it."""
    return action.updates.select_related("author", "reported_by").order_by(
        "-as_at", "-created_at", "-pk"
    )



def attention_needed(actions, *, plans):
    """Of `actions`, the live ones of `plans` that need attention as each plan stands now
    (judged at its own reporting date): for one of ATTENTION_REASONS (never rated, red,
    amber, overdue, stale), the reasons My actions offers to filter by; annotated like the
    workplan's rows."""
    needing = Q(pk__in=[])
    for _label, condition in ATTENTION_REASONS.values():
        needing |= condition
    return (
        with_flags_per_plan(actions.live().with_current_state(), plans)
        .filter(needing)
        .select_related("priority", "workplan__plan", "workplan__subgroup", "carried_from__workplan")
        .prefetch_related("themes", LEADS_PREFETCH)
    )


def my_actions(*, user, editor, report: ReportFilter) -> list[dict]:
    """The "My actions" page: per current plan the user can see (see `current_plans`), the
    actions needing attention that they lead or whose sub-group they lead, of the year the
    report asks for (by default each plan's current year; or the whole plan), narrowed by
    its sub-group and reason. A BSU sees every lead's, grouped by lead so it is clear who is
    behind; anyone else sees theirs grouped by workplan. One query for the actions of every
    plan."""
    plans = report.current_plans
    years = {plan.pk: report.year_of(plan) for plan in plans}
    bsu_partnerships = [plan.partnership_id for plan in plans if editor.is_bsu(plan.partnership_id)]
    in_scope = Q(pk__in=[])
    for plan in plans:
        year = years[plan.pk]
        in_scope |= Q(workplan__plan=plan, **({"workplan__year": year} if year else {}))
    actions = Action.objects.filter(in_scope).filter(
        Q(workplan__plan__partnership__in=bsu_partnerships)
        | Q(pk__in=Action.objects.filter(leads__user=user).values("pk"))
        | Q(workplan__subgroup__in=editor.led_subgroup_ids)
    )
    rows_by_plan: dict[int, list[Action]] = {plan.pk: [] for plan in plans}
    for action in report.filter_queryset(attention_needed(actions, plans=plans)).order_by(
        "workplan__subgroup__short_name", "workplan__subgroup", "-workplan__year", "order", "pk"
    ):
        rows_by_plan[action.workplan.plan_id].append(action)
    sections = []
    for plan in plans:
        rows = rows_by_plan[plan.pk]
        is_bsu = plan.partnership_id in bsu_partnerships
        if is_bsu:
            rows.sort(key=lead_name)
            groups = [
                ActionGroup(caption=name, actions=list(items))
                for name, items in groupby(rows, key=lead_name)
            ]
        else:
            # Ordered by sub-group then year, so each workplan's rows are together.
            groups = [
                ActionGroup(caption=str(workplan), actions=list(items))
                for workplan, items in groupby(rows, key=lambda action: action.workplan)
            ]
        sections.append({
            "plan": plan,
            "scope": ReportScope(plan=plan, as_at=plan_as_at(plan).as_at, year=years[plan.pk]),
            "groups": groups,
            "count": len(rows),
            "is_bsu": is_bsu,
        })
    return sections


def update_round_rows(*, actions) -> list[Action]:
    """The rows of a bulk update round: of `actions` (a queryset), the live ones, each with
    its current state, its overdue and stale flags as its own plan judges them, and the id
    of its newest update (`newest_update_id`, for the update forms); by sub-group, year and
    the workplan's order. A fixed number of queries, whatever the number of rows."""
    plans = list(BusinessPlan.objects.filter(pk__in=actions.values("workplan__plan")))
    rows = with_flags_per_plan(actions.live().with_current_state().with_newest_update_id(), plans)
    return list(
        rows.select_related("priority", "workplan__plan", "workplan__subgroup")
        .prefetch_related(LEADS_PREFETCH)
        .order_by(
            "workplan__subgroup__short_name",
            "-workplan__year",
            F("priority__number").asc(nulls_last=True),
            "order",
            "pk",
        )
    )


NO_LEAD = "No lead named"


def lead_name(action: Action) -> str:
    """The name an action's leads go by together ("A / B"), for grouping by lead."""
    return action.lead_names or NO_LEAD


@dataclass
class TimelineEntry:
    """One event in an action's life: a BRAG update, or an edit of its columns."""

    at: "datetime.datetime"
    kind: str  # "update" or "edit"
    who: str
    update: object = None
    changes: list = None


def _person(user) -> str:
    return display_name(user) if user else "The system"


def action_timeline(*, action: Action) -> list[TimelineEntry]:
    """The action's BRAG updates and its edits (from its history), newest first."""
    entries = [
        TimelineEntry(at=update.created_at, kind="update", who=_person(update.author), update=update)
        for update in action_history(action=action)
    ]
    records = list(action.history.select_related("history_user").order_by("history_date", "history_id"))
    for after, changes in zip(records[1:], action_history_changes(records)):
        if changes:
            entries.append(
                TimelineEntry(at=after.history_date, kind="edit", who=_person(after.history_user), changes=changes)
            )
    if records:
        first = records[0]
        entries.append(TimelineEntry(at=first.history_date, kind="edit", who=_person(first.history_user), changes=[]))
    return sorted(entries, key=lambda entry: entry.at, reverse=True)


def year_end_actions(*, plan: BusinessPlan, year: str, workplan: Workplan | None = None):
    """The incomplete actions of the plan's `year` workplans (or of `workplan` only): open
    (neither retired nor closed) and not rated Blue as they now stand, by sub-group then in
    workplan order, each with its current rating."""
    actions = Action.objects.filter(workplan__plan=plan, workplan__year=year)
    if workplan is not None:
        actions = actions.filter(workplan=workplan)
    return (
        actions.live()
        .with_current_state()
        .filter(not_complete())
        .select_related("workplan__subgroup", "workplan__plan", "priority")
        .prefetch_related(LEADS_PREFETCH)
        .order_by("workplan__subgroup__short_name", F("priority__number").asc(nulls_last=True), "order", "pk")
    )


def year_end_page(*, plan: BusinessPlan, year: str, workplan: Workplan | None = None) -> dict:
    """What the year-end page needs: the incomplete actions, the year they would be carried
    into, why any cannot be, and which sub-groups have no workplan for that year yet."""
    into_year = next_year_label(year)
    actions = list(year_end_actions(plan=plan, year=year, workplan=workplan))
    refusals = carry_forward_refusals(actions=actions, into_year=into_year)
    have_workplan = set(
        Workplan.objects.filter(plan__partnership=plan.partnership_id, year=into_year).values_list(
            "subgroup_id", flat=True
        )
    )
    return {
        "plan": plan,
        "year": year,
        "into_year": into_year,
        "actions": actions,
        "refusals": refusals,
        "have_workplan": have_workplan,
    }


def year_end_preview(*, page: dict, choices: list) -> dict:
    """The preview of the chosen year end: how many of each, and the workplans it creates."""
    by_id = {action.pk: action for action in page["actions"]}
    carried = [by_id[c.action_id] for c in choices if c.choice == CARRY]
    closed = [(by_id[c.action_id], c.reason) for c in choices if c.choice == CLOSE]
    left = [by_id[c.action_id] for c in choices if c.choice == LEAVE]
    new_workplans = sorted(
        {a.workplan.subgroup.short_name for a in carried if a.workplan.subgroup_id not in page["have_workplan"]}
    )
    return {"carried": carried, "closed": closed, "left": left, "new_workplans": new_workplans}


def plan_years(*, plan: BusinessPlan) -> list[str]:
    """The years the plan has workplans for, earliest first."""
    return sorted(set(plan.workplans.values_list("year", flat=True)))
