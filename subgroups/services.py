"""Every change to workplans goes through these functions, whichever page, command or test
asks for it, so each rule is written once."""

import datetime
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from plans.models import Rating, display_name
from subgroups.models import Action, ActionUpdate, SubGroup

# Ratings whose update must say why and what is being done (Red, Amber), or give the
# evidence of impact (Blue).
NARRATIVE_REQUIRED = {
    Rating.RED: "Say why this action is red and what is being done about it.",
    Rating.AMBER: "Say why this action is amber and what is being done about it.",
    Rating.BLUE: "Give the evidence of impact that shows this action is complete.",
}


def action_update_errors(
    *, action: Action, rating: str | None, narrative: str, as_at: datetime.date, require_narrative: bool = True
) -> dict[str, list[str]]:
    """The reasons an update would be refused, by form field; empty when it is acceptable.
    `require_narrative=False` (history imported as given) leaves out the narrative rule."""
    errors: dict[str, list[str]] = {}
    today = timezone.localdate()
    plan_start = action.workplan.plan.period_start
    if rating is not None and rating not in Rating.values:
        errors.setdefault("rating", []).append("Choose Blue, Green, Amber, Red or Not yet rated.")
    if require_narrative and rating in NARRATIVE_REQUIRED and not narrative:
        errors.setdefault("narrative", []).append(NARRATIVE_REQUIRED[rating])
    if as_at > today:
        errors.setdefault("as_at", []).append("The as-at date cannot be in the future.")
    if as_at < plan_start:
        errors.setdefault("as_at", []).append(
            f"The as-at date must be on or after the plan's start, {plan_start:%-d %B %Y}."
        )
    plan_end = action.workplan.plan.period_end
    if as_at > plan_end:
        errors.setdefault("as_at", []).append(
            f"The plan ended on {plan_end:%-d %B %Y}: give the position as at that date or earlier."
        )
    return errors


@transaction.atomic
def action_record_update(
    *,
    action: Action,
    rating: str | None,
    narrative: str,
    as_at: datetime.date,
    author,
    reported_by=None,
    require_narrative: bool = True,
) -> ActionUpdate:
    """Append a dated BRAG update to `action`, entered by `author` (on behalf of
    `reported_by`, when someone else gave it). An import records the history a spreadsheet
    already holds as given, so it passes `require_narrative=False`; the form never does.

    Refuses, with a ValidationError keyed by field, an update that breaks a rule: Red and
    Amber need a narrative, Blue needs the impact evidence, the as-at date is not in the
    future and falls within the plan's period, and an update must change something (its rating or
    narrative differs from the latest update's). Concurrent updates to one action both
    succeed: the action row is locked only while the "changes something" check runs.
    """
    narrative = (narrative or "").strip()
    errors = action_update_errors(
        action=action, rating=rating, narrative=narrative, as_at=as_at, require_narrative=require_narrative
    )
    if errors:
        raise ValidationError(errors)
    Action.objects.select_for_update().filter(pk=action.pk).first()
    latest = action.updates.order_by("-as_at", "-created_at", "-pk").first()
    if latest and latest.rating == rating and latest.narrative.strip() == narrative:
        raise ValidationError(
            "This update changes nothing: the rating and narrative are the same as the "
            f"latest update (as at {latest.as_at:%-d %B %Y}). Change the rating or say "
            "what has happened since."
        )
    update = ActionUpdate(
        action=action,
        rating=rating,
        narrative=narrative,
        as_at=as_at,
        author=author,
        reported_by=reported_by if reported_by and reported_by != author else None,
    )
    update.full_clean()
    update.save()
    return update


@dataclass(frozen=True)
class FieldChange:
    field: str
    old: str
    new: str


class EditConflict(Exception):
    """Someone else saved the action after the editor opened it. Carries what they changed,
    so the editor can see it and re-apply their own input."""

    def __init__(self, *, current: Action, changes: list[FieldChange], changed_by: str):
        self.current = current
        self.changes = changes
        self.changed_by = changed_by
        super().__init__(f"{changed_by} changed this action while you were editing it.")


# Columns of an action's history that record bookkeeping, not a change a person made.
UNREAD_HISTORY_FIELDS = {"id", "version", "updated_at", "created_at"}


def _describe(value) -> str:
    """A history value as a person reads it."""
    return "none" if value in (None, "") else str(value)


def action_changes_since(*, action: Action, version: int) -> tuple[list[FieldChange], str]:
    """What was changed in `action` after `version`, and by whom (from its history)."""
    history = action.history.order_by("history_date", "history_id")
    before = history.filter(version__lte=version).last()
    latest = history.select_related("history_user").last()
    if before is None or latest is None or before.pk == latest.pk:
        return [], "Someone"
    user = latest.history_user
    changes = action_changes_between(before=before, after=latest)
    return changes, display_name(user) if user else "Someone"


def action_changes_between(*, before, after) -> list[FieldChange]:
    """The differences between two historical records of an action, as people read them."""
    return action_history_changes([before, after])[0]


def action_history_changes(records: list) -> list[list[FieldChange]]:
    """For each historical record of an action after the first (`records` oldest first),
    what it changed since the one before, as people read it, field by field in name order.

    A fixed number of queries whatever the number of records: one for the themes of every
    record, and one per kind of related row (priority, lead) that changed."""
    if len(records) < 2:
        return []
    fields = [
        field
        for field in records[0].tracked_fields
        if field.editable and field.name not in UNREAD_HISTORY_FIELDS
    ]
    themes = _themes_by_record(records)
    changed: list[list[tuple[str, object, object]]] = []
    for before, after in zip(records, records[1:]):
        pairs = [
            (field.name, field.value_from_object(before), field.value_from_object(after))
            for field in fields
        ]
        pairs.append(("themes", themes[before.history_id], themes[after.history_id]))
        changed.append([pair for pair in pairs if pair[1] != pair[2]])
    related = _related_rows(fields, changed)
    return [
        [
            FieldChange(
                field=str(Action._meta.get_field(name).verbose_name),
                old=_read(name, old, related),
                new=_read(name, new, related),
            )
            for name, old, new in sorted(pairs)
        ]
        for pairs in changed
    ]


def _themes_by_record(records: list) -> dict[int, tuple[int, ...]]:
    """The ids of the themes each historical record had, in one query."""
    through = records[0].themes.model
    themes: dict[int, list[int]] = {record.history_id: [] for record in records}
    rows = through.objects.filter(history__in=list(themes)).values_list("history_id", "crosscuttingtheme_id")
    for history_id, theme_id in rows:
        themes[history_id].append(theme_id)
    return {history_id: tuple(sorted(ids)) for history_id, ids in themes.items()}


def _related_rows(fields, changed) -> dict[str, tuple[type, dict]]:
    """The related rows (themes, and each foreign key's) named in `changed`: by field, the
    related model and its rows by id."""
    models = {field.name: field.related_model for field in fields if field.is_relation}
    models["themes"] = Action._meta.get_field("themes").related_model
    wanted: dict[str, set] = {}
    for pairs in changed:
        for name, old, new in pairs:
            if name in models:
                for value in (old, new):
                    wanted.setdefault(name, set()).update(value if name == "themes" else [value])
    return {
        name: (models[name], models[name]._base_manager.in_bulk([pk for pk in ids if pk is not None]))
        for name, ids in wanted.items()
    }


def _read(name: str, value, related: dict[str, tuple[type, dict]]) -> str:
    """One side of a change as a person reads it; related rows by their names."""

    def row_name(pk) -> str:
        model, rows = related[name]
        return str(rows[pk]) if pk in rows else f"Deleted {model._meta.verbose_name}"

    if name == "themes":
        return "; ".join(sorted(row_name(pk) for pk in value)) or "none"
    if name in related and value is not None:
        return row_name(value)
    return _describe(value)


EDITABLE_FIELDS = [
    "reference",
    "priority",
    "impact",
    "description",
    "lead",
    "lead_user",
    "timeframe",
    "due_date",
]


@transaction.atomic
def action_edit(*, action: Action, expected_version: int, fields: dict, themes) -> Action:
    """Save an edit of the action's columns, unless someone else saved it since the editor
    loaded `expected_version`: then raise EditConflict and change nothing."""
    current = Action.objects.select_for_update().get(pk=action.pk)
    if current.version != expected_version:
        changes, changed_by = action_changes_since(action=current, version=expected_version)
        raise EditConflict(current=current, changes=changes, changed_by=changed_by)
    for name in EDITABLE_FIELDS:
        if name in fields:
            setattr(current, name, fields[name])
    current.version += 1
    current.full_clean()
    current.save()
    current.themes.set(themes)
    return current


@transaction.atomic
def action_create(*, workplan, fields: dict, themes) -> Action:
    """Add an action at the end of the workplan, dated today unless `added_on` is given."""
    last = workplan.actions.order_by("-order").values_list("order", flat=True).first() or 0
    action = Action(workplan=workplan, order=last + 1, **{
        name: value for name, value in fields.items() if name in EDITABLE_FIELDS + ["added_on"]
    })
    action.full_clean()
    action.save()
    action.themes.set(themes)
    return action


@transaction.atomic
def action_retire(*, action: Action, on: datetime.date | None = None) -> Action:
    """Take the action out of the workplan from `on` (default today). Its history stays:
    retired actions are never deleted once they have updates."""
    current = Action.objects.select_for_update().get(pk=action.pk)
    if current.is_retired:
        raise ValidationError("This action is already retired.")
    current.is_retired = True
    current.retired_on = on or timezone.localdate()
    current.version += 1
    current.save(update_fields=["is_retired", "retired_on", "version", "updated_at"])
    return current


@transaction.atomic
def action_move(*, action: Action, up: bool) -> None:
    """Swap the action with its neighbour in its priority's block of the workplan."""
    siblings = list(
        Action.objects.select_for_update()
        .filter(workplan=action.workplan_id, priority=action.priority_id, is_retired=False)
        .order_by("order", "pk")
    )
    index = next(i for i, sibling in enumerate(siblings) if sibling.pk == action.pk)
    other = index - 1 if up else index + 1
    if not 0 <= other < len(siblings):
        return
    siblings[index], siblings[other] = siblings[other], siblings[index]
    for position, sibling in enumerate(siblings, start=1):
        if sibling.order != position:
            sibling.order = position
            sibling.save(update_fields=["order", "updated_at"])


SUBGROUP_SETTINGS = ["name", "short_name", "remit", "chair", "members"]


@transaction.atomic
def subgroup_configure(
    *, subgroup: SubGroup, expected_version: int, fields: dict, priorities, leads, by
) -> SubGroup:
    """Save the sub-group's settings: its names, remit, chair and members, the plan
    priorities it covers and the people who lead it.

    Priorities must be of the partnership's own plans and leads its own members (refused by
    field otherwise, whatever the form offered). If someone saved the settings after the
    editor loaded `expected_version`, the save is refused, naming who, and nothing changes.
    """
    current = SubGroup.objects.select_for_update().get(pk=subgroup.pk)
    if current.version != expected_version:
        latest = current.history.order_by("-history_date", "-history_id").first()
        who = display_name(latest.history_user) if latest and latest.history_user else "Someone"
        raise ValidationError(
            f"{who} changed these settings while you were editing them. Nothing has been "
            "saved: your input is still in the form; check it against the sub-group's page and "
            "save again to apply it."
        )
    errors = {}
    priorities, leads = list(priorities), list(leads)
    if any(p.plan.partnership_id != current.partnership_id for p in priorities):
        errors["priorities"] = ["Choose priorities of this partnership's plans."]
    members = set(current.partnership.memberships.values_list("user_id", flat=True))
    if any(user.pk not in members for user in leads):
        errors["leads"] = ["Choose leads from this partnership's members."]
    short_name = fields.get("short_name", current.short_name)
    siblings = SubGroup.objects.filter(partnership=current.partnership_id).exclude(pk=current.pk)
    if siblings.filter(short_name__iexact=short_name).exists():
        errors["short_name"] = [f"Another sub-group of the partnership is called {short_name}."]
    if errors:
        raise ValidationError(errors)
    for name in SUBGROUP_SETTINGS:
        if name in fields:
            setattr(current, name, fields[name])
    current.version += 1
    current.full_clean()
    current._history_user = by
    current.save()
    current.priorities.set(priorities)
    current.leads.set(leads)
    return current
