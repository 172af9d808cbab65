"""Reads for the Executive's pages: the dashboard, the exception report and the lists of
actions their counts link to. Every figure comes from subgroups.brag."""

import datetime
from dataclasses import dataclass
from urllib.parse import urlencode

from django.db.models import BooleanField, ExpressionWrapper, F, Q, Subquery

from plans.models import CORE_FUNCTIONS, NOT_RATED, BusinessPlan, Rating, priority_label
from subgroups.brag import BragCounts, brag_summary, brag_trend, plan_as_at
from subgroups.models import Action, Closure, SubGroup, latest_update_query



@dataclass
class CountRow:
    """One line of a dashboard table: what is counted, its counts, and the query string that
    lists those actions."""

    label: str
    counts: BragCounts
    query: dict

    @property
    def query_string(self) -> str:
        return urlencode(self.query)


def quarter_ends(start: datetime.date, end: datetime.date) -> list[datetime.date]:
    """The last day of each quarter (June, September, December, March) from `start` to `end`,
    ending with `end` itself when it is not a quarter end."""
    ends = []
    year, month = start.year, start.month
    while True:
        month_end = ((month - 1) // 3 + 1) * 3
        first_of_next = datetime.date(year + (month_end == 12), month_end % 12 + 1, 1)
        day = first_of_next - datetime.timedelta(days=1)
        if day >= end:
            ends.append(end)
            return ends
        ends.append(day)
        year, month = first_of_next.year, first_of_next.month


def plan_dashboard(*, plan: BusinessPlan, as_at: datetime.date) -> dict:
    """Counts by priority, sub-group and theme as the plan stood on `as_at`, and the trend
    per quarter from the plan's start up to `as_at`."""
    by_priority = brag_summary(plan=plan, as_at=as_at, group_by="priority")
    by_subgroup = brag_summary(plan=plan, as_at=as_at, group_by="subgroup")
    by_theme = brag_summary(plan=plan, as_at=as_at, group_by="theme")
    priorities = list(plan.priorities.filter(added_on__lte=as_at))
    subgroups = SubGroup.objects.filter(partnership=plan.partnership_id).order_by("short_name")
    return {
        # Every action has exactly one priority (or none), so the priority groups add up to all.
        "totals": sum(by_priority.values(), BragCounts()),
        "priority_rows": [
            CountRow(str(p), by_priority.get(p.pk, BragCounts()), {"priority": p.pk})
            for p in priorities
        ]
        + [CountRow(priority_label(None), by_priority.get(None, BragCounts()), {"priority": CORE_FUNCTIONS})],
        "subgroup_rows": [
            CountRow(f"{s.name} ({s.short_name})", by_subgroup.get(s.pk, BragCounts()), {"subgroup": s.pk})
            for s in subgroups
        ],
        "theme_rows": [
            CountRow(t.title, by_theme.get(t.pk, BragCounts()), {"theme": t.pk})
            for t in plan.themes.all()
        ],
        "trend": brag_trend(plan=plan, days=quarter_ends(plan.period_start, min(as_at, plan.period_end))),
    }


LARGEST_ID = 2**63 - 1


def link_id(value: str) -> int:
    """The id a report link names; 0 (which matches nothing) for anything that is not one,
    so a mangled link shows no actions rather than failing."""
    value = str(value).strip()
    return int(value) if value.isascii() and value.isdigit() and 0 < int(value) <= LARGEST_ID else 0


def describe_filters(*, plan: BusinessPlan, params: dict) -> list[str]:
    """The report links' filters in words ("rated Amber", "in Priority 1: Early Help", …), so
    a page or PDF behind a count says which actions it shows."""
    words = []
    rating = params.get("rating")
    if rating in Closure.values:
        words.append(f"closed as {Closure(rating).label.lower()}")
    elif rating == NOT_RATED:
        words.append("not yet rated")
    elif rating in Rating.values:
        words.append(f"rated {Rating(rating).label}")
    if params.get("flag") in ("overdue", "stale"):
        words.append(f"that are {params['flag']}")
    if params.get("reason") in EXCEPTION_REASONS:
        words.append(f"reason {EXCEPTION_REASONS[params['reason']][0]}")
    priority = params.get("priority")
    if priority == CORE_FUNCTIONS:
        words.append("in the core functions (no priority)")
    elif priority:
        found = plan.priorities.filter(pk=link_id(priority)).first()
        words.append(f"in {found}" if found else "in a priority not in this plan")
    if params.get("subgroup"):
        found = SubGroup.objects.filter(partnership=plan.partnership_id, pk=link_id(params["subgroup"])).first()
        words.append(f"of the {found.short_name} sub-group" if found else "of a sub-group not in this partnership")
    if params.get("theme"):
        found = plan.themes.filter(pk=link_id(params["theme"])).first()
        words.append(f"with the theme {found.title}" if found else "with a theme not in this plan")
    return words


def filtered_actions(*, plan: BusinessPlan, as_at: datetime.date, params: dict):
    """The plan's actions as they stood on `as_at`, narrowed by the dashboard's links:
    priority (an id or "core"), subgroup, theme, rating (or "none") and flag (overdue/stale)."""
    actions = (
        plan_as_at(plan, as_at)
        .as_they_stood()
        .select_related(
            "priority", "lead_user", "workplan__plan", "workplan__subgroup",
            "carried_into__workplan", "carried_from__workplan",
        )
        .prefetch_related("themes")
        .order_by(
            F("priority__number").asc(nulls_last=True),
            "workplan__subgroup__short_name",
            "order",
            "pk",
        )
    )
    priority = params.get("priority")
    if priority == CORE_FUNCTIONS:
        actions = actions.filter(priority__isnull=True)
    elif priority:
        actions = actions.filter(priority_id=link_id(priority))
    if params.get("subgroup"):
        actions = actions.filter(workplan__subgroup_id=link_id(params["subgroup"]))
    if params.get("theme"):
        actions = actions.filter(themes=link_id(params["theme"]))
    rating = params.get("rating")
    # A closed action is counted under its closure, not its rating (subgroups.brag).
    if rating in Closure.values:
        actions = actions.filter(closure_then=rating)
    elif rating == NOT_RATED:
        actions = actions.filter(current_rating__isnull=True, closure_then="")
    elif rating in Rating.values:
        actions = actions.filter(current_rating=rating, closure_then="")
    if params.get("flag") == "overdue":
        actions = actions.filter(is_overdue=True)
    elif params.get("flag") == "stale":
        actions = actions.filter(is_stale=True)
    return actions


EXCEPTION_REASONS = {
    "red": ("Red", Q(current_rating=Rating.RED)),
    "amber": ("Amber", Q(current_rating=Rating.AMBER)),
    "overdue": ("Overdue", Q(is_overdue=True)),
    "stale": ("Stale", Q(is_stale=True)),
}


@dataclass
class ExceptionGroup:
    priority: str
    subgroup: str
    actions: list


def exception_report(*, plan: BusinessPlan, as_at: datetime.date, params: dict) -> list[ExceptionGroup]:
    """Actions that were red, amber, overdue or stale on `as_at`, grouped by priority then
    sub-group, each with its reasons and the days since its last update. An action closed
    by then (carried forward, not achieved) is never an exception."""
    reasons = [params["reason"]] if params.get("reason") in EXCEPTION_REASONS else EXCEPTION_REASONS
    condition = Q()
    for reason in reasons:
        condition |= EXCEPTION_REASONS[reason][1]
    narrowed = {key: params.get(key) for key in ("priority", "subgroup")}
    flags = {
        f"reason_{key}": ExpressionWrapper(reason_condition, output_field=BooleanField())
        for key, (_label, reason_condition) in EXCEPTION_REASONS.items()
    }
    rows = (
        filtered_actions(plan=plan, as_at=as_at, params=narrowed)
        .filter(condition, closure_then="")
        .annotate(**flags)
    )
    groups: list[ExceptionGroup] = []
    for action in rows:
        action.reasons = [
            label for key, (label, _q) in EXCEPTION_REASONS.items() if getattr(action, f"reason_{key}")
        ]
        action.days_since_update = (as_at - action.last_activity_on).days
        priority = priority_label(action.priority)
        subgroup = f"{action.workplan.subgroup.name} ({action.workplan.subgroup.short_name})"
        if not groups or (groups[-1].priority, groups[-1].subgroup) != (priority, subgroup):
            groups.append(ExceptionGroup(priority=priority, subgroup=subgroup, actions=[]))
        groups[-1].actions.append(action)
    return groups


DIRECTIONS = {
    "improved": "Improved",
    "worsened": "Worsened",
    "completed": "Completed",
    "first": "First rated",
    "unrated": "Rating withdrawn",
}


def changes_since(*, plan: BusinessPlan, since: datetime.date, as_at: datetime.date) -> dict:
    """What changed between `since` (the last meeting) and `as_at`: actions whose rating
    moved, with direction of travel; actions added and retired in between; and actions with
    no update since then (never one closed by `as_at`: carried forward, it is listed once, as
    the action that continues it). One query for the moves, one each for the lists."""
    actions = Action.objects.filter(workplan__plan=plan)
    then = latest_update_query(since)
    compared = (
        actions.existing_on(as_at)
        .with_current_state(as_at)
        .annotate(
            rating_then=Subquery(then.values("rating")[:1]),
            updated_then=Subquery(then.values("as_at")[:1]),
            closure_then=Action.objects.closure_on(as_at),
        )
        .select_related("priority", "workplan__subgroup")
        .order_by(F("priority__number").asc(nulls_last=True), "workplan__subgroup__short_name", "order", "pk")
    )
    moved, silent = [], []
    for action in compared:
        existed_then = action.added_on <= since
        if existed_then and action.rating_then != action.current_rating:
            action.direction = _direction(action.rating_then, action.current_rating)
            moved.append(action)
        if (
            existed_then
            and action.current_as_at == action.updated_then
            and action.current_rating != Rating.BLUE
            and not action.closure_then
        ):
            silent.append(action)
    window = {"added_on__gt": since, "added_on__lte": as_at}
    return {
        "since": since,
        "moved": moved,
        "added": list(actions.filter(**window).select_related("workplan__subgroup").order_by("added_on")),
        "retired": list(
            actions.filter(is_retired=True, retired_on__gt=since, retired_on__lte=as_at)
            .select_related("workplan__subgroup")
            .order_by("retired_on")
        ),
        "silent": silent,
    }


def _direction(before: str | None, after: str | None) -> str:
    if after == Rating.BLUE:
        return DIRECTIONS["completed"]
    if before is None:
        return DIRECTIONS["first"]
    if after is None:
        return DIRECTIONS["unrated"]
    if Rating.severity(after) > Rating.severity(before):
        return DIRECTIONS["improved"]
    return DIRECTIONS["worsened"]
