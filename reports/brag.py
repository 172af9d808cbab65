"""BRAG summaries: the one place that counts ratings.

Every count the product shows (plan page, sub-group page, dashboards, exception reports,
PDFs) comes from `brag_summary`, so a figure means the same thing everywhere. Counting
happens in SQL: one grouped query per call, whatever the number of actions or groups.
"""

import datetime
from dataclasses import dataclass, fields

from django.conf import settings
from django.db.models import Count, QuerySet

from plans.models import Rating, rating_label

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


@dataclass(frozen=True)
class BragCounts:
    blue: int = 0
    green: int = 0
    amber: int = 0
    red: int = 0
    not_rated: int = 0
    overdue: int = 0
    stale: int = 0

    def __add__(self, other: "BragCounts") -> "BragCounts":
        return BragCounts(
            **{f.name: getattr(self, f.name) + getattr(other, f.name) for f in fields(self)}
        )

    @property
    def total(self) -> int:
        return self.blue + self.green + self.amber + self.red + self.not_rated

    def count_for(self, rating: str | None) -> int:
        return getattr(self, rating or "not_rated")

    def percent(self, rating: str | None) -> int:
        """Whole-number share of the total; 0 when there are no actions."""
        return round(100 * self.count_for(rating) / self.total) if self.total else 0

    @property
    def rows(self) -> list[dict]:
        """One row per rating, in scale order, for templates and exports."""
        return [
            {
                "rating": rating,
                "label": rating_label(rating),
                "count": self.count_for(rating),
                "percent": self.percent(rating),
            }
            for rating in RATING_ORDER
        ]


def brag_actions(*, actions: QuerySet, as_at: datetime.date) -> QuerySet:
    """The actions as they stood on `as_at`: those that existed then, each annotated with its
    latest update on or before that date (see `ActionQuerySet.with_current_state`)."""
    return actions.existing_on(as_at).with_current_state(as_at)


def brag_summary(
    *,
    actions: QuerySet,
    as_at: datetime.date,
    stale_after_days: int = settings.MSCP_DEFAULT_STALE_AFTER_DAYS,
    group_by: str | None = None,
) -> BragCounts | dict[int | None, BragCounts]:
    """Count `actions` by rating as they stood on `as_at`, plus how many were overdue and stale.

    Actions added after `as_at` or retired by then are left out; an action's rating is its
    latest update on or before `as_at`, and one with none is "not yet rated".
    With `group_by` (a key of GROUPINGS) the result maps each group's id to its counts;
    groups with no actions are absent, so callers use `.get(key, BragCounts())`.
    """
    # SQL groups the actions by (group, rating, overdue, stale): each action's latest update
    # is looked up once, and at most twenty rows per group come back to be folded together.
    key = GROUPINGS[group_by] if group_by else None
    rows = (
        brag_actions(actions=actions, as_at=as_at)
        .with_flags(on=as_at, stale_after_days=stale_after_days)
        .order_by()
        .values(*([key] if key else []), "current_rating", "is_overdue", "is_stale")
        .annotate(actions=Count("pk", distinct=True))
    )
    totals: dict = {}
    for row in rows:
        rating = row["current_rating"] or "not_rated"
        part = {rating: row["actions"]}
        if row["is_overdue"]:
            part["overdue"] = row["actions"]
        if row["is_stale"]:
            part["stale"] = row["actions"]
        group = row[key] if key else None
        totals[group] = totals.get(group, BragCounts()) + BragCounts(**part)
    if key is None:
        return totals.get(None, BragCounts())
    return totals
