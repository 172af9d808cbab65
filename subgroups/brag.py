"""BRAG summaries: the one place that counts ratings, and the one place that says at which
date and with which stale period a plan is judged.

Every count the product shows (home page, plan page, sub-group page, dashboards, exception
reports, annual reports, PDFs) comes from `brag_summary`, `brag_summary_per_plan` or
`brag_trend`, and every one of them judges a plan through `plan_as_at`: as at the date asked
for, else the plan's reporting date (today while it runs, its last day once it has ended),
with the plan's own stale period, and over the workplan year asked for (a scope such as
"2024-25") or the whole plan. So a figure means the same thing everywhere. Counting
happens in SQL: one statement per call, whatever the number of actions, groups, plans or days.
"""

import datetime
from dataclasses import dataclass, field, fields
from urllib.parse import urlencode

from django.db import connections
from django.db.models import BooleanField, Case, Count, IntegerField, Q, QuerySet, Value, When

from plans.models import NOT_RATED, BusinessPlan, Rating, rating_label
from subgroups.models import Action, Closure

# How each grouping reaches its key from an action. A theme grouping counts an action once
# under each theme it addresses.
GROUPINGS = {
    "plan": "workplan__plan",
    "workplan": "workplan",
    "subgroup": "workplan__subgroup",
    "priority": "priority",
    "theme": "themes",
}

# Display order of the scale: complete first, then by how well things are going.
RATING_ORDER = [Rating.BLUE, Rating.GREEN, Rating.AMBER, Rating.RED, None]
# After the scale: the actions closed at a year end, each counted under its closure instead
# of its rating (and never as overdue or stale).
CLOSURE_ORDER = [Closure.CARRIED_FORWARD, Closure.NOT_ACHIEVED]
# Every category a count is split into, in the order pages, exports and PDFs show them.
COUNT_ORDER = [*RATING_ORDER, *CLOSURE_ORDER]


def count_label(category: str | None) -> str:
    """The words for a category of the counts: a rating's ("Amber", "Not yet rated") or a
    closure's ("Carried forward", "Not achieved")."""
    if category in Closure.values:
        return Closure(category).label
    return rating_label(None if category == NOT_RATED else category)


@dataclass(frozen=True)
class BragCounts:
    blue: int = 0
    green: int = 0
    amber: int = 0
    red: int = 0
    not_rated: int = 0
    carried_forward: int = 0
    not_achieved: int = 0
    overdue: int = 0
    stale: int = 0

    def __add__(self, other: "BragCounts") -> "BragCounts":
        return BragCounts(**{name: getattr(self, name) + getattr(other, name) for name in COUNT_FIELDS})

    @property
    def total(self) -> int:
        return self.open + self.closed

    @property
    def open(self) -> int:
        return self.blue + self.green + self.amber + self.red + self.not_rated

    @property
    def closed(self) -> int:
        return self.carried_forward + self.not_achieved

    def count_for(self, rating: str | None) -> int:
        """The count of a rating (None: not yet rated) or of a closure."""
        return getattr(self, rating or "not_rated")

    def percent(self, rating: str | None) -> int:
        """Whole-number share of the total; 0 when there are no actions."""
        return round(100 * self.count_for(rating) / self.total) if self.total else 0

    @property
    def rows(self) -> list[dict]:
        """One row per rating in scale order, then one per closure (carried forward, not
        achieved), for templates and exports: `rating` is the category's key."""
        return [
            {
                "rating": rating,
                "label": count_label(rating),
                "count": self.count_for(rating),
                "percent": self.percent(rating),
                "is_closure": rating in CLOSURE_ORDER,
            }
            for rating in COUNT_ORDER
        ]


# The names of BragCounts' counts, read once (dataclasses.fields() is slow in a loop).
COUNT_FIELDS = tuple(f.name for f in fields(BragCounts))


@dataclass
class CountRow:
    """One line of a BRAG count table (the `brag_count_table` component): what is counted and
    its counts; optionally the page it links to, the date it is judged at when that is the
    row's own, and the filters (`query`) that list its actions."""

    label: str
    counts: BragCounts
    query: dict = field(default_factory=dict)
    url: str = ""
    as_at: datetime.date | None = None

    @property
    def query_string(self) -> str:
        return urlencode(self.query)


@dataclass(frozen=True)
class PlanJudgement:
    """A business plan judged at a date: the day its figures are counted as at, and how long
    an action may go without an update before it is stale. Build it with `plan_as_at`."""

    plan: BusinessPlan
    as_at: datetime.date
    # The workplan year counted ("2024-25"); None counts every workplan of the plan.
    year: str | None = None

    @property
    def stale_after_days(self) -> int:
        return self.plan.stale_after_days

    def actions(self, actions: QuerySet | None = None) -> QuerySet:
        """`actions` (by default every action) kept to this plan's, and to the year's workplans
        when a year is the scope: an action is only ever judged by its own plan's date and
        stale period."""
        actions = (Action.objects.all() if actions is None else actions).filter(workplan__plan=self.plan)
        return actions if self.year is None else actions.filter(workplan__year=self.year)

    def with_flags(self, actions: QuerySet) -> QuerySet:
        """`actions` (annotated by `with_current_state`) with `is_overdue` and `is_stale`
        as judged here."""
        return actions.with_flags(on=self.as_at, stale_after_days=self.stale_after_days)

    def as_they_stood(self, actions: QuerySet | None = None) -> QuerySet:
        """This plan's `actions` as they stood on the date: those that existed then, each with
        its rating then and its overdue and stale flags (see `brag_actions`)."""
        return self.with_flags(brag_actions(actions=self.actions(actions), as_at=self.as_at))


def plan_as_at(
    plan: BusinessPlan, as_at: datetime.date | None = None, *, year: str | None = None
) -> PlanJudgement:
    """`plan` judged as at `as_at`, or, without one, at its reporting date: today while the
    plan runs, its last day once it has ended (its first day before it starts). With `year`
    only that workplan year's actions count; without, the whole plan's."""
    return PlanJudgement(plan=plan, as_at=as_at or plan.reporting_date(), year=year)


def with_flags_per_plan(actions: QuerySet, plans: list[BusinessPlan]) -> QuerySet:
    """`actions` (annotated by `with_current_state`) kept to those of `plans`, each flagged
    `is_overdue` and `is_stale` as judged by its own plan at its reporting date (see
    `plan_as_at`): one statement for any number of plans."""
    judged = [plan_as_at(plan) for plan in plans]

    def per_plan(condition) -> Case:
        return Case(
            *[When(Q(workplan__plan_id=j.plan.pk) & condition(j), then=Value(True)) for j in judged],
            default=Value(False),
            output_field=BooleanField(),
        )

    return actions.filter(workplan__plan__in=[j.plan.pk for j in judged]).annotate(
        is_overdue=per_plan(lambda j: Action.objects.overdue_condition(j.as_at)),
        is_stale=per_plan(lambda j: Action.objects.stale_condition(j.as_at, j.stale_after_days)),
    )


def brag_actions(*, actions: QuerySet, as_at: datetime.date, narrative: bool = True) -> QuerySet:
    """The actions as they stood on `as_at`: those that existed then, each annotated with its
    latest update on or before that date (see `ActionQuerySet.with_current_state`; without
    `narrative`, for counts, `with_current_rating`)."""
    actions = actions.existing_on(as_at)
    return actions.with_current_state(as_at) if narrative else actions.with_current_rating(as_at)


def open_flags(*, closure: str, rating: str | None, is_due_passed, is_inactive) -> tuple[bool, bool]:
    """Whether an action was overdue and stale, from its closure and rating then and the date
    halves of the flags (`ActionQuerySet.with_date_flags`): only an open action that is not
    complete is either. The rule `with_flags` states in SQL, read from a row's rating instead of
    asking SQL to look the rating up again."""
    open_and_not_complete = not closure and rating != Rating.BLUE
    return open_and_not_complete and bool(is_due_passed), open_and_not_complete and bool(is_inactive)


def _fold(rows, key: str | None) -> dict:
    """Add up grouped rows of (key, closure_then, current_rating, is_due_passed, is_inactive,
    actions) into BragCounts per group. An action closed by then counts under its closure
    whatever its rating, and is never overdue or stale. An open one is overdue or stale only
    when it is not complete, which is read from the row's rating here rather than asking SQL
    to look the rating up again."""
    tallies: dict = {}
    for row in rows:
        closure = row["closure_then"]
        rating = closure or row["current_rating"] or "not_rated"
        actions = row["actions"]
        # Plain numbers while adding up, one BragCounts per group at the end.
        tally = tallies.setdefault(row[key] if key else None, dict.fromkeys(COUNT_FIELDS, 0))
        tally[rating] += actions
        overdue, stale = open_flags(
            closure=closure, rating=rating, is_due_passed=row["is_due_passed"], is_inactive=row["is_inactive"]
        )
        if overdue:
            tally["overdue"] += actions
        if stale:
            tally["stale"] += actions
    return {group: BragCounts(**tally) for group, tally in tallies.items()}


def _judged_rows(judged: PlanJudgement, actions: QuerySet | None) -> QuerySet:
    """The plan's actions as judged, ungrouped: each with its rating then (its latest update
    looked up once), its closure then and the date halves of its flags."""
    return (
        brag_actions(actions=judged.actions(actions), as_at=judged.as_at, narrative=False)
        .with_date_flags(on=judged.as_at, stale_after_days=judged.stale_after_days)
        .annotate(judged_plan=Value(judged.plan.pk, output_field=IntegerField()))
        .order_by()
    )


def _grouped(judged_rows: QuerySet, *keys: str) -> QuerySet:
    """`_judged_rows` grouped by (each of `keys`, rating, due date passed, inactive): at most
    twenty rows per group come back."""
    return judged_rows.values(
        "judged_plan", *keys, "closure_then", "current_rating", "is_due_passed", "is_inactive"
    ).annotate(actions=Count("pk", distinct=True))


def _grouped_rows(judged: PlanJudgement, actions: QuerySet | None, *keys: str) -> QuerySet:
    """The plan's actions as judged, grouped by (each of `keys`, rating, due date passed,
    inactive): each action's latest update is looked up once, and at most twenty rows per group
    come back."""
    return _grouped(_judged_rows(judged, actions), *keys)


def brag_summary(
    *,
    plan: BusinessPlan,
    as_at: datetime.date | None = None,
    actions: QuerySet | None = None,
    group_by: str | None = None,
    year: str | None = None,
) -> BragCounts | dict[int | None, BragCounts]:
    """Count the plan's actions by rating as they stood on `as_at` (by default the plan's
    reporting date, see `plan_as_at`), plus how many were overdue and stale by the plan's
    stale period. `actions` narrows the count to some of the plan's actions, `year` to one
    workplan year's ("2024-25"); without a year the whole plan counts.

    Actions added after `as_at` or retired by then are left out; an action's rating is its
    latest update on or before `as_at`, and one with none is "not yet rated".
    With `group_by` (a key of GROUPINGS) the result maps each group's id to its counts;
    groups with no actions are absent, so callers use `.get(key, BragCounts())`.
    """
    key = GROUPINGS[group_by] if group_by else None
    totals = _fold(_grouped_rows(plan_as_at(plan, as_at, year=year), actions, *([key] if key else [])), key)
    if key is None:
        return totals.get(None, BragCounts())
    return totals


def brag_summaries(
    *,
    plan: BusinessPlan,
    group_by: tuple[str, ...],
    as_at: datetime.date | None = None,
    year: str | None = None,
    themes: bool = False,
) -> dict[str, dict[int | None, BragCounts]]:
    """`brag_summary(plan=plan, as_at=as_at, year=year, group_by=name)` for each name of
    `group_by`, from one statement grouped by all of them at once. Only for groupings of which
    an action is in exactly one group (not themes: an action has several), so that adding up
    the rows of one group never counts an action twice. With `themes`, also the counts by
    theme (under "theme"), from a second statement on the same judged actions."""
    if "theme" in group_by:
        raise ValueError("Themes are counted on their own: an action has several.")
    keys = [GROUPINGS[name] for name in group_by]
    judged_rows = _judged_rows(plan_as_at(plan, as_at, year=year), None)
    rows = list(_grouped(judged_rows, *keys))
    summaries = {name: _fold(rows, key) for name, key in zip(group_by, keys, strict=True)}
    if themes:
        summaries["theme"] = _fold(_grouped(judged_rows, GROUPINGS["theme"]), GROUPINGS["theme"])
    return summaries


def brag_summary_per_plan(
    *,
    plans: list[BusinessPlan],
    actions: QuerySet | None = None,
    group_by: str | None = None,
) -> dict[int, BragCounts | dict[int | None, BragCounts]]:
    """`brag_summary(plan=plan, actions=actions, group_by=group_by)` for each of `plans`, each
    judged at its own reporting date with its own stale period, in one statement. Maps each
    plan's id to what `brag_summary` returns for it."""
    plans = list(plans)
    if not plans:
        return {}
    key = GROUPINGS[group_by] if group_by else None
    parts = [_grouped_rows(plan_as_at(plan), actions, *([key] if key else [])) for plan in plans]
    rows = parts[0].union(*parts[1:], all=True) if len(parts) > 1 else parts[0]
    by_plan: dict[int, list] = {plan.pk: [] for plan in plans}
    for row in rows:
        by_plan[row["judged_plan"]].append(row)
    result = {}
    for plan_id, plan_rows in by_plan.items():
        totals = _fold(plan_rows, key)
        result[plan_id] = totals.get(None, BragCounts()) if key is None else totals
    return result


# The trend asks the same question as `brag_summary` for every day at once, in one
# statement: the actions cross-joined with a list of days. The ORM cannot join a list of
# values, so this is SQL; it mirrors `ActionQuerySet.existing_condition`,
# `latest_update_query`, `closure_on`, `due_passed_condition` and `inactive_condition`, and
# reports/tests/test_brag.py checks that it agrees with `brag_summary` day by day.
TREND_SQL = """
WITH days (day, cutoff) AS (VALUES {days}),
candidates AS ({actions})
SELECT day, closure_then, current_rating, is_due_passed, is_inactive, COUNT(*) AS actions
FROM (
    SELECT
        days.day,
        (CASE WHEN a.closed_on IS NOT NULL AND a.closed_on <= days.day THEN a.closure ELSE '' END)
            AS closure_then,
        (SELECT u.rating FROM subgroups_actionupdate u
          WHERE u.action_id = a.id AND u.as_at <= days.day
          ORDER BY u.as_at DESC, u.created_at DESC, u.id DESC LIMIT 1) AS current_rating,
        (a.due_date < days.day AND NOT (a.closed_on IS NOT NULL AND a.closed_on <= days.day))
            AS is_due_passed,
        (NOT (a.closed_on IS NOT NULL AND a.closed_on <= days.day) AND COALESCE(
            (SELECT u.as_at FROM subgroups_actionupdate u
              WHERE u.action_id = a.id AND u.as_at <= days.day
              ORDER BY u.as_at DESC, u.created_at DESC, u.id DESC LIMIT 1),
            a.added_on) < days.cutoff) AS is_inactive
    FROM candidates a CROSS JOIN days
    WHERE a.added_on <= days.day
      AND NOT (a.is_retired AND a.retired_on IS NOT NULL AND a.retired_on <= days.day)
) judged
GROUP BY day, closure_then, current_rating, is_due_passed, is_inactive
"""


def brag_trend(
    *,
    plan: BusinessPlan,
    days: list[datetime.date],
    actions: QuerySet | None = None,
    year: str | None = None,
) -> list[tuple[datetime.date, BragCounts]]:
    """`brag_summary(plan=plan, as_at=day, actions=actions, year=year)` for each of `days`,
    in one query."""
    if not days:
        return []
    actions = plan_as_at(plan, year=year).actions(actions)
    stale_after_days = plan.stale_after_days
    connection = connections[actions.db]
    adapt = connection.ops.adapt_datefield_value
    candidates_sql, candidates_params = (
        actions.order_by()
        .values("id", "due_date", "added_on", "is_retired", "retired_on", "closure", "closed_on")
        .query.sql_with_params()
    )
    day_params = []
    distinct_days = sorted(set(days))
    for day in distinct_days:
        day_params += [adapt(day), adapt(day - datetime.timedelta(days=stale_after_days))]
    cast = "CAST(%s AS date)" if connection.vendor == "postgresql" else "%s"
    sql = TREND_SQL.format(
        days=", ".join(f"({cast}, {cast})" for _ in distinct_days), actions=candidates_sql
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [*day_params, *candidates_params])
        columns = [column[0] for column in cursor.description]
        rows = [dict(zip(columns, values)) for values in cursor.fetchall()]
    for row in rows:
        row["day"] = _as_date(row["day"])
    by_day = _fold(rows, "day")
    return [(day, by_day.get(day, BragCounts())) for day in days]


def _as_date(value) -> datetime.date:
    return value if isinstance(value, datetime.date) else datetime.date.fromisoformat(value)
