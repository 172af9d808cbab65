"""Reads for the Executive's pages: the dashboard, the exception report and the lists of
actions their counts link to. Every figure comes from subgroups.brag."""

import datetime
from dataclasses import dataclass

from django.db.models import BooleanField, ExpressionWrapper, F, Q, Subquery

from plans.links import url_with_pk
from plans.models import CORE_FUNCTIONS, Rating, priority_heading, priority_label
from subgroups.brag import BragCounts, CountRow, brag_summaries, brag_trend, open_flags
from subgroups.filters import EXCEPTION_REASONS, ReportFilter, ReportScope
from subgroups.models import (
    LEADS_PREFETCH,
    Action,
    SubGroup,
    join_lead_names,
    latest_update_query,
    year_label_bounds,
)


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


def plan_dashboard(*, scope: ReportScope) -> dict:
    """Counts by priority, sub-group and theme of the scope's actions (one workplan year's, or
    the whole plan's) as they stood on its date, and the trend per quarter from the start of
    the year (or plan) up to that date."""
    plan, as_at, year = scope.plan, scope.as_at, scope.year
    counts = brag_summaries(plan=plan, as_at=as_at, year=year, group_by=("priority", "subgroup"), themes=True)
    by_priority, by_subgroup, by_theme = counts["priority"], counts["subgroup"], counts["theme"]
    start = max(year_label_bounds(year)[0], plan.period_start) if year else plan.period_start
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
        "trend": brag_trend(plan=plan, year=year, days=quarter_ends(start, min(as_at, plan.period_end))),
    }


def filtered_actions(*, scope: ReportScope, report: ReportFilter | None = None, subgroup: SubGroup | None = None):
    """The scope's actions (its plan, and its year unless the whole plan) as they stood on
    its date, narrowed by the report's link filters (priority or "core", sub-group, theme,
    rating or "none", overdue/stale flag, exception reason)."""
    actions = (
        scope.judgement.as_they_stood()
        .select_related(
            "priority", "workplan__plan", "workplan__subgroup",
            "carried_into__workplan", "carried_from__workplan",
        )
        .prefetch_related("themes", LEADS_PREFETCH)
        .order_by(
            F("priority__number").asc(nulls_last=True),
            "workplan__subgroup__short_name",
            "order",
            "pk",
        )
    )
    if subgroup is not None:
        actions = actions.filter(workplan__subgroup=subgroup)
    return report.filter_queryset(actions) if report is not None else actions


@dataclass(frozen=True)
class ExceptionRow:
    """One action of the exception report, as plain values: what its page, PDF and exports
    show (and what the cache keeps), judged as at the report's date."""

    pk: int
    reference: str
    description: str
    timeframe: str
    due_date: datetime.date | None
    current_rating: str | None
    current_as_at: datetime.date | None
    current_narrative: str | None
    lead_names: str
    # Why it is here, in the order of EXCEPTION_REASONS ("Red", "Overdue", "Stale", …).
    reasons: list[str]
    days_since_update: int

    def get_absolute_url(self) -> str:
        return url_with_pk("subgroups:action-detail", self.pk)


@dataclass
class ExceptionGroup:
    priority: str
    subgroup: str
    actions: list[ExceptionRow]


def _reasons(row: dict) -> list[str]:
    """The exception reasons of an open action's row (its rating then and the date halves of
    its flags), as EXCEPTION_REASONS states them in SQL."""
    rating = row["current_rating"]
    overdue, stale = open_flags(
        closure="", rating=rating, is_due_passed=row["is_due_passed"], is_inactive=row["is_inactive"]
    )
    found = {"red": rating == Rating.RED, "amber": rating == Rating.AMBER, "overdue": overdue, "stale": stale}
    return [label for key, (label, _q) in EXCEPTION_REASONS.items() if found[key]]


EXCEPTION_COLUMNS = (
    "pk", "reference", "description", "timeframe", "due_date", "added_on",
    "current_rating", "current_as_at", "current_narrative", "is_due_passed", "is_inactive",
    "priority__number", "priority__title", "workplan__subgroup__name", "workplan__subgroup__short_name",
)


def exception_report(
    *, scope: ReportScope, report: ReportFilter | None = None, subgroup: SubGroup | None = None
) -> list[ExceptionGroup]:
    """The scope's actions that were red, amber, overdue or stale on its date (narrowed by the
    report's sub-group, priority and reason), grouped by priority then sub-group, each with
    its reasons and the days since its last update. An action closed by then (carried
    forward, not achieved) is never an exception.

    One statement reads the scope's open actions as they stood (each latest update looked up
    once) and the reasons are read from each row's rating and date flags, as the BRAG counts
    read theirs; a second reads the exceptions' leads."""
    judged = scope.judgement
    rows = judged.as_they_stood(None if subgroup is None else Action.objects.filter(workplan__subgroup=subgroup))
    if report is not None:
        rows = report.filter_queryset(rows)
    rows = (
        rows.with_date_flags(on=judged.as_at, stale_after_days=judged.stale_after_days)
        .filter(closure_then="")
        .order_by(F("priority__number").asc(nulls_last=True), "workplan__subgroup__short_name", "order", "pk")
        .values(*EXCEPTION_COLUMNS)
    )
    found = [(row, reasons) for row in rows if (reasons := _reasons(row))]
    leads: dict[int, list[str]] = {}
    if found:
        through = Action.leads.through.objects.filter(action_id__in=[row["pk"] for row, _reasons in found])
        for action_id, name in through.values_list("action_id", "person__name"):
            leads.setdefault(action_id, []).append(name)
    groups: list[ExceptionGroup] = []
    for row, reasons in found:
        priority = priority_heading(row["priority__number"], row["priority__title"])
        subgroup_label = f"{row['workplan__subgroup__name']} ({row['workplan__subgroup__short_name']})"
        if not groups or (groups[-1].priority, groups[-1].subgroup) != (priority, subgroup_label):
            groups.append(ExceptionGroup(priority=priority, subgroup=subgroup_label, actions=[]))
        groups[-1].actions.append(
            ExceptionRow(
                pk=row["pk"],
                reference=row["reference"],
                description=row["description"],
                timeframe=row["timeframe"],
                due_date=row["due_date"],
                current_rating=row["current_rating"],
                current_as_at=row["current_as_at"],
                current_narrative=row["current_narrative"],
                lead_names=join_lead_names(leads.get(row["pk"], ())),
                reasons=reasons,
                days_since_update=(judged.as_at - (row["current_as_at"] or row["added_on"])).days,
            )
        )
    return groups


DIRECTIONS = {
    "improved": "Improved",
    "worsened": "Worsened",
    "completed": "Completed",
    "first": "First rated",
    "unrated": "Rating withdrawn",
}


@dataclass(frozen=True)
class ChangedAction:
    """An action of "what changed" (`changes_since`), as plain values: what the dashboard and
    the meeting pack list of it (and what the cache keeps)."""

    pk: int
    reference: str
    description: str
    subgroup_short_name: str
    added_on: datetime.date
    retired_on: datetime.date | None = None
    # Only for the ratings that moved: the rating then and now, and the direction of travel.
    rating_then: str | None = None
    current_rating: str | None = None
    direction: str = ""

    def get_absolute_url(self) -> str:
        return url_with_pk("subgroups:action-detail", self.pk)


CHANGE_COLUMNS = ("pk", "reference", "description", "added_on", "workplan__subgroup__short_name")


def _changed(row: dict, **extra) -> ChangedAction:
    return ChangedAction(
        pk=row["pk"],
        reference=row["reference"],
        description=row["description"],
        subgroup_short_name=row["workplan__subgroup__short_name"],
        added_on=row["added_on"],
        **extra,
    )


def changes_since(*, scope: ReportScope, subgroup: SubGroup | None = None) -> dict:
    """What changed in the scope's actions (one workplan year's, or the whole plan's) between
    `scope.since` (the last meeting) and its date: actions whose rating moved, with direction
    of travel; actions added and retired in between; and actions with no update since then
    (never one closed by its date: carried forward, it is listed once, as the action that
    continues it). `subgroup` narrows it to that sub-group's actions. One statement reads
    the actions that existed on the date or came or went in between, each with its rating
    then and now; the actions come back as `ChangedAction`."""
    since, as_at = scope.since, scope.as_at
    actions = scope.judgement.actions()
    if subgroup is not None:
        actions = actions.filter(workplan__subgroup=subgroup)
    then = latest_update_query(since)
    added_between = Q(added_on__gt=since, added_on__lte=as_at)
    retired_between = Q(is_retired=True, retired_on__gt=since, retired_on__lte=as_at)
    existing = Action.objects.existing_condition(as_at)
    rows = (
        actions.filter(existing | added_between | retired_between)
        .with_current_rating(as_at)
        .annotate(
            rating_then=Subquery(then.values("rating")[:1]),
            updated_then=Subquery(then.values("as_at")[:1]),
            closure_then=Action.objects.closure_on(as_at),
            exists_now=ExpressionWrapper(existing, output_field=BooleanField()),
            was_added=ExpressionWrapper(added_between, output_field=BooleanField()),
            was_retired=ExpressionWrapper(retired_between, output_field=BooleanField()),
        )
        .order_by(F("priority__number").asc(nulls_last=True), "workplan__subgroup__short_name", "order", "pk")
        .values(
            *CHANGE_COLUMNS, "current_rating", "current_as_at", "rating_then", "updated_then", "closure_then",
            "retired_on", "exists_now", "was_added", "was_retired",
        )
    )
    moved, silent, came_or_went = [], [], []
    for row in rows:
        if row["was_added"] or row["was_retired"]:
            came_or_went.append(row)
        if not row["exists_now"]:
            continue
        existed_then = row["added_on"] <= since
        if existed_then and row["rating_then"] != row["current_rating"]:
            moved.append(
                _changed(
                    row,
                    rating_then=row["rating_then"],
                    current_rating=row["current_rating"],
                    direction=_direction(row["rating_then"], row["current_rating"]),
                )
            )
        if (
            existed_then
            and row["current_as_at"] == row["updated_then"]
            and row["current_rating"] != Rating.BLUE
            and not row["closure_then"]
        ):
            silent.append(_changed(row))
    came_or_went.sort(key=lambda row: row["pk"])
    return {
        "since": since,
        "moved": moved,
        "added": [
            _changed(row)
            for row in sorted((row for row in came_or_went if row["was_added"]), key=lambda row: row["added_on"])
        ],
        "retired": [
            _changed(row, retired_on=row["retired_on"])
            for row in sorted(
                (row for row in came_or_went if row["was_retired"]),
                key=lambda row: row["retired_on"],
            )
        ],
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
