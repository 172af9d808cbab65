"""Every change to workplans goes through these functions, whichever page, command or test
asks for it, so each rule is written once."""

import datetime
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.db.models import Subquery
from django.template.defaultfilters import truncatechars
from django.utils import timezone
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from plans import data_stamp
from plans.models import Rating, display_name, rating_label
from plans.services import attributed, edit_changes_nothing, refuse_stale_edit, same_value
from subgroups.importing.uploads import token_digest
from subgroups.models import (
    Action,
    ActionUpdate,
    Closure,
    SubGroup,
    Workplan,
    YearEndRollover,
    latest_update_query,
    year_label_bounds,
)

# Ratings whose update must say why and what is being done (Red, Amber), or give the
# evidence of impact (Blue).
NARRATIVE_REQUIRED = {
    Rating.RED: "Say why this action is red and what is being done about it.",
    Rating.AMBER: "Say why this action is amber and what is being done about it.",
    Rating.BLUE: "Give the evidence of impact that shows this action is complete.",
}


def action_update_errors(
    *,
    action: Action,
    rating: str | None,
    narrative: str,
    as_at: datetime.date,
    require_narrative: bool = True,
    kind: str = ActionUpdate.Kind.UPDATE,
) -> dict[str, list[str]]:
    """The reasons an update would be refused, by form field, that need nothing but the
    update itself (see `_next_update` for those that depend on the action's latest update);
    empty when it is acceptable. `require_narrative=False` (history imported as given)
    leaves out the narrative rule; a check ("Checked, no change") never needs words."""
    errors: dict[str, list[str]] = {}
    if action.closure:
        errors["__all__"] = [
            f"{action} was closed as {action.closure_label.lower()} on {action.closed_on:%-d %B %Y}: "
            "it takes no more updates."
        ]
    today = timezone.localdate()
    plan_start = action.workplan.plan.period_start
    if kind not in ActionUpdate.Kind.values:
        errors.setdefault("kind", []).append("Choose an update or “Checked, no change”.")
    if rating is not None and rating not in Rating.values:
        errors.setdefault("rating", []).append("Choose Blue, Green, Amber, Red or Not yet rated.")
    needs_words = require_narrative and kind != ActionUpdate.Kind.CHECK
    if needs_words and rating in NARRATIVE_REQUIRED and not narrative:
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
    kind: str = ActionUpdate.Kind.UPDATE,
    seen: int | None = None,
) -> ActionUpdate:
    """Append a dated BRAG update to `action`, entered by `author` (on behalf of
    `reported_by`, when someone else gave it). An import records the history a spreadsheet
    already holds as given, so it passes `require_narrative=False`; the form never does.

    Refuses, with a ValidationError keyed by field, an update that breaks a rule: Red and
    Amber need a narrative, Blue needs the impact evidence, the as-at date is not in the
    future and falls within the plan's period, and an update must change something (its rating or
    narrative differs from the latest update's). A check (`kind="check"`, "Checked, no
    change") needs no words and changes nothing on purpose: it keeps the latest update's
    rating (`rating` must be that rating) and is dated after it.

    `seen` is the newest update the person saw when they opened the form (its id; 0 for
    none): if someone has added one since, the update is refused (an `UpdateConflict`
    naming theirs) rather than added without the person having read it. Without `seen`,
    concurrent updates to one action both succeed: the action row is locked only while the
    checks against its latest update run.
    """
    narrative = (narrative or "").strip()
    errors = action_update_errors(
        action=action, rating=rating, narrative=narrative, as_at=as_at,
        require_narrative=require_narrative, kind=kind,
    )
    if reported_by is not None and reported_by.partnership_id != action.workplan.plan.partnership_id:
        errors["reported_by"] = ["Choose someone from this partnership's directory."]
    if errors:
        raise ValidationError(errors)
    Action.objects.select_for_update().filter(pk=action.pk).first()
    if seen is not None:
        newest = action.updates.select_related("author").order_by("-pk").first()
        if (newest.pk if newest else 0) != seen:
            raise UpdateConflict(newest)
    latest = action.updates.order_by("-as_at", "-created_at", "-pk").first()
    update = _next_update(
        action=action, latest=latest, rating=rating, narrative=narrative, as_at=as_at, kind=kind,
        author=author, reported_by=reported_by,
    )
    update.full_clean()
    update.save()
    return update


class UpdateConflict(ValidationError):
    """Someone added an update to the action after the person opened their form: theirs
    (`newest`) is named, and nothing of the person's is saved until they have seen it."""

    def __init__(self, newest: ActionUpdate | None):
        self.newest = newest
        if newest is None:
            message = "This action's updates changed after you opened this page."
        else:
            said = f": “{truncatechars(newest.narrative, 120)}”" if newest.narrative else ""
            message = (
                f"{display_name(newest.author)} added an update after you opened this page "
                f"({newest.get_kind_display()}, {newest.rating_label} as at {newest.as_at:%-d %B %Y}{said})."
            )
        super().__init__(
            f"{message} Yours has not been saved: check it against theirs, then save again to add it."
        )


def _next_update(
    *, action: Action, latest: ActionUpdate | None, rating, narrative: str, as_at, kind, author, reported_by=None
) -> ActionUpdate:
    """The update to append after `latest` (the action's latest update, or None), not yet
    saved; or a ValidationError keyed by field saying why it is refused. An update must
    change something; a check keeps `latest`'s rating and is dated after it."""
    if kind == ActionUpdate.Kind.CHECK:
        kept = latest.rating if latest else None
        errors = {}
        if rating != kept:
            errors["rating"] = [
                f"“Checked, no change” keeps the rating, {rating_label(kept)}. To change the "
                "rating, record an update instead."
            ]
        if latest and as_at <= latest.as_at:
            errors["as_at"] = [
                f"The latest update is as at {latest.as_at:%-d %B %Y}: a check confirms the "
                "position on a later date."
            ]
        if errors:
            raise ValidationError(errors)
    elif message := _update_changes_nothing(latest, rating, narrative):
        raise ValidationError(message)
    return ActionUpdate(
        action=action,
        rating=rating,
        narrative=narrative,
        kind=kind,
        as_at=as_at,
        author=author,
        # Who gave it, unless that is the person entering it ("Reported by" left as "Me").
        reported_by=reported_by if reported_by and reported_by.user_id != author.pk else None,
    )


def _update_changes_nothing(latest, rating, narrative: str) -> str | None:
    """Why an update is refused when it repeats the latest one (None when it does not)."""
    if latest and latest.rating == rating and latest.narrative.strip() == narrative:
        return (
            "This update changes nothing: the rating and narrative are the same as the "
            f"latest update (as at {latest.as_at:%-d %B %Y}). Change the rating, say "
            "what has happened since, or record “Checked, no change”."
        )
    return None


@dataclass
class UpdateRow:
    """One row of a bulk update round: what `action_record_update` would be given."""

    action: Action
    rating: str | None
    narrative: str
    as_at: datetime.date
    kind: str = ActionUpdate.Kind.UPDATE
    seen: int | None = None


@dataclass
class UpdatesRecorded:
    """The outcome of a round: the updates saved, and each refused row's reasons by its
    place in the rows given (a ValidationError keyed by field, as one update's would be)."""

    saved: list[ActionUpdate]
    refused: dict[int, ValidationError]


@transaction.atomic
def action_record_updates(*, rows: list[UpdateRow], author) -> UpdatesRecorded:
    """`action_record_update` for each of `rows` at once (an update round: several actions,
    each with its own rating, date and words, or a check): every row is judged by exactly
    the same rules, against its action's latest update with the actions locked; the rows
    that pass are saved and the others refused, each with its reasons. Each action (with
    its `workplan.plan` loaded) appears once. A fixed number of queries, whatever the
    number of rows."""
    refused: dict[int, ValidationError] = {}
    for index, row in enumerate(rows):
        row.narrative = (row.narrative or "").strip()
        errors = action_update_errors(
            action=row.action, rating=row.rating, narrative=row.narrative, as_at=row.as_at, kind=row.kind
        )
        if errors:
            refused[index] = ValidationError(errors)
    checked = [index for index in range(len(rows)) if index not in refused]
    pks = [rows[index].action.pk for index in checked]
    if not pks:
        return UpdatesRecorded(saved=[], refused=refused)
    Action.objects.lock(pks)
    ids = {
        pk: (latest_id, newest_id)
        for pk, latest_id, newest_id in Action.objects.filter(pk__in=pks)
        .with_newest_update_id()
        .annotate(latest_id=Subquery(latest_update_query(None).values("pk")[:1]))
        .values_list("pk", "latest_id", "newest_update_id")
    }
    conflicts = [
        index for index in checked
        if rows[index].seen is not None and (ids[rows[index].action.pk][1] or 0) != rows[index].seen
    ]
    wanted = {ids[rows[index].action.pk][0] for index in checked} | {ids[rows[index].action.pk][1] for index in conflicts}
    updates = ActionUpdate.objects.select_related("author").in_bulk([pk for pk in wanted if pk])
    for index in conflicts:
        refused[index] = UpdateConflict(updates.get(ids[rows[index].action.pk][1]))
    written = []
    for index in checked:
        if index in refused:
            continue
        row = rows[index]
        try:
            update = _next_update(
                action=row.action, latest=updates.get(ids[row.action.pk][0]), rating=row.rating,
                narrative=row.narrative, as_at=row.as_at, kind=row.kind, author=author,
            )
            update.full_clean(exclude=_NOT_CHECKED_ONE_BY_ONE, validate_constraints=False)
        except ValidationError as error:
            refused[index] = error
        else:
            written.append(update)
    saved = ActionUpdate.objects.bulk_create(written, batch_size=BULK_BATCH_SIZE)
    if saved:
        data_stamp.bump(subgroups__workplans__actions__in=[update.action_id for update in saved])
    return UpdatesRecorded(saved=saved, refused=refused)


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

    A fixed number of queries whatever the number of records: one for the themes and one for
    the leads of every record, and one per kind of related row (priority, themes, leads)
    that changed."""
    if len(records) < 2:
        return []
    fields = [
        field
        for field in records[0].tracked_fields
        if field.editable and field.name not in UNREAD_HISTORY_FIELDS
    ]
    linked = {name: _m2m_by_record(records, name) for name in HISTORY_M2M}
    changed: list[list[tuple[str, object, object]]] = []
    for before, after in zip(records, records[1:]):
        pairs = [
            (field.name, field.value_from_object(before), field.value_from_object(after))
            for field in fields
        ]
        for name, by_record in linked.items():
            pairs.append((name, by_record[before.history_id], by_record[after.history_id]))
        changed.append([pair for pair in pairs if not same_value(pair[1], pair[2])])
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


# The many-to-many columns an action's history keeps, and each one's column in its link table.
HISTORY_M2M = {"themes": "crosscuttingtheme_id", "leads": "person_id"}


def _m2m_by_record(records: list, name: str) -> dict[int, tuple[int, ...]]:
    """The ids of the themes (or leads) each historical record had, in one query."""
    through = getattr(records[0], name).model
    linked: dict[int, list[int]] = {record.history_id: [] for record in records}
    rows = through.objects.filter(history__in=list(linked)).values_list("history_id", HISTORY_M2M[name])
    for history_id, pk in rows:
        linked[history_id].append(pk)
    return {history_id: tuple(sorted(ids)) for history_id, ids in linked.items()}


def _related_rows(fields, changed) -> dict[str, tuple[type, dict]]:
    """The related rows (themes, and each foreign key's) named in `changed`: by field, the
    related model and its rows by id."""
    models = {field.name: field.related_model for field in fields if field.is_relation}
    for m2m in HISTORY_M2M:
        models[m2m] = Action._meta.get_field(m2m).related_model
    wanted: dict[str, set] = {}
    for pairs in changed:
        for name, old, new in pairs:
            if name in models:
                for value in (old, new):
                    wanted.setdefault(name, set()).update(value if name in HISTORY_M2M else [value])
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
    if name == "leads":
        return " / ".join(sorted((row_name(pk) for pk in value), key=str.casefold)) or "none"
    if name in related and value is not None:
        return row_name(value)
    choices = dict(Action._meta.get_field(name).flatchoices)
    if choices and value:
        return str(choices.get(value, value))
    return _describe(value)


EDITABLE_FIELDS = [
    "reference",
    "priority",
    "impact",
    "description",
    "timeframe",
    "due_date",
]


@transaction.atomic
def action_edit(*, action: Action, expected_version: int, fields: dict, themes, leads=None) -> Action:
    """Save an edit of the action's columns (and its leads, people of its partnership's
    directory, unless `leads` is None), unless someone else saved it since the editor
    loaded `expected_version`: then raise EditConflict and change nothing.

    An edit that changes nothing writes nothing: the version stays, so no history record
    says "edited" and nobody editing the action meanwhile is told it changed."""
    current = Action.objects.select_for_update().get(pk=action.pk)
    if current.version != expected_version:
        changes, changed_by = action_changes_since(action=current, version=expected_version)
        raise EditConflict(current=current, changes=changes, changed_by=changed_by)
    if current.is_closed:
        raise ValidationError(f"{current} was closed at a year end: it is no longer edited.")
    if leads is not None:
        _check_leads(current.workplan, leads)
    links = {"themes": themes} | ({"leads": leads} if leads is not None else {})
    if edit_changes_nothing(current, {name: fields[name] for name in EDITABLE_FIELDS if name in fields}, links):
        return current
    for name in EDITABLE_FIELDS:
        if name in fields:
            setattr(current, name, fields[name])
    current.version += 1
    current.full_clean()
    current.save()
    current.themes.set(themes)
    if leads is not None:
        current.leads.set(leads)
    return current


def _check_leads(workplan, leads) -> None:
    partnership_id = workplan.subgroup.partnership_id
    if any(person.partnership_id != partnership_id for person in leads):
        raise ValidationError({"leads": ["Choose leads from this partnership's directory."]})


@transaction.atomic
def action_create(*, workplan, fields: dict, themes, leads=()) -> Action:
    """Add an action at the end of the workplan, dated today unless `added_on` is given, led
    by `leads` (people of the partnership's directory)."""
    _check_leads(workplan, leads)
    last = workplan.actions.order_by("-order").values_list("order", flat=True).first() or 0
    action = Action(workplan=workplan, order=last + 1, **{
        name: value for name, value in fields.items() if name in EDITABLE_FIELDS + ["added_on"]
    })
    action.full_clean()
    action.save()
    action_links_set_on_creation(action, themes=themes, leads=leads)
    return action


@transaction.atomic
def action_links_set_on_creation(action: Action, *, themes, leads) -> None:
    """Link a just-saved `action` to its themes and leads as part of its creation: its
    "added" history record lists them, as an import's do, with no "changed" record for each
    link after it."""
    action.skip_history_when_saving = True  # django-simple-history: no record per link
    try:
        action.themes.set(themes)
        action.leads.set(leads)
    finally:
        del action.skip_history_when_saving
    added = action.history.values_list("history_id", flat=True).latest("history_id")
    _history_links_record({action.pk: added})


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
    refuse_stale_edit(
        current,
        expected_version,
        "{who} changed these settings while you were editing them. Nothing has been "
        "saved: your input is still in the form; check it against the sub-group's page and "
        "save again to apply it.",
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
    settings = {name: fields[name] for name in SUBGROUP_SETTINGS if name in fields}
    if edit_changes_nothing(current, settings, {"priorities": priorities, "leads": leads}):
        return current
    for name in SUBGROUP_SETTINGS:
        if name in fields:
            setattr(current, name, fields[name])
    current.version += 1
    current.full_clean()
    attributed(current, by)
    current.save()
    current.priorities.set(priorities)
    current.leads.set(leads)
    return current


# Many changes at once (an import of thousands of rows): the same rules as the one-action
# services above, in a fixed number of queries per batch rather than several per action.
BULK_BATCH_SIZE = 500
# Checked for each action in Python; the database's constraints and foreign keys are checked
# once, by the writes (each would otherwise cost a query per action).
_NOT_CHECKED_ONE_BY_ONE = ["workplan", "priority", "action", "author", "reported_by"]


class RowRefused(Exception):
    """One of many changes breaks a rule: `index` is its place in the list given."""

    def __init__(self, index: int, messages: list[str]):
        self.index = index
        self.messages = list(messages)
        super().__init__("; ".join(self.messages))


def _check(instance, index: int) -> None:
    try:
        instance.full_clean(exclude=_NOT_CHECKED_ONE_BY_ONE, validate_constraints=False)
    except ValidationError as error:
        raise RowRefused(index, error.messages) from error


def _check_references(workplan, actions: list[Action]) -> None:
    """A reference is used once in a workplan (the rule the database also keeps), checked
    for all of `actions` in one query."""
    references = {action.reference for action in actions if action.reference}
    taken = dict(
        workplan.actions.filter(reference__in=references)
        .exclude(pk__in=[action.pk for action in actions if action.pk])
        .values_list("reference", "pk")
    ) if references else {}
    seen = set()
    for index, action in enumerate(actions):
        if action.reference and (action.reference in taken or action.reference in seen):
            raise RowRefused(index, [f"{action.reference} is already used in this workplan."])
        seen.add(action.reference)


def _history_themes_record(actions: list[Action], *, history_type: str, at) -> None:
    """Give each action's history record written `at` the themes and leads the action now
    has, as a save through the one-action services records them."""
    history = Action.history.model
    pks = [action.pk for action in actions]
    _history_links_record(
        dict(
            history.objects.filter(id__in=pks, history_type=history_type, history_date=at)
            .values_list("id", "history_id")
        )
    )


def _history_links_record(record_of: dict[int, int]) -> None:
    """Give each history record in `record_of` (action pk: history id) the themes and leads
    its action now has."""
    history = Action.history.model
    for name, column in HISTORY_M2M.items():
        through = history._meta.get_field(f"historicalaction_{name}").related_model
        links = getattr(Action, name).through.objects.filter(action__in=list(record_of)).values_list(
            "id", "action_id", column
        )
        through.objects.bulk_create(
            [
                through(id=link_id, history_id=record_of[action_id], action_id=action_id, **{column: pk})
                for link_id, action_id, pk in links
            ],
            batch_size=BULK_BATCH_SIZE,
        )


def _m2m_link(name: str, actions: list[Action], related: list) -> None:
    """Link each of `actions` to its list in `related`: themes or leads (`name`)."""
    link = getattr(Action, name).through
    column = HISTORY_M2M[name]
    link.objects.bulk_create(
        [
            link(action_id=action.pk, **{column: row.pk})
            for action, rows in zip(actions, related)
            for row in rows
        ],
        batch_size=BULK_BATCH_SIZE,
    )


def _m2m_relink(name: str, actions: list[Action], related: list) -> None:
    """Make each of `actions` linked to exactly its list in `related`, rewriting only the
    actions whose links differ."""
    link = getattr(Action, name).through
    column = HISTORY_M2M[name]
    now_linked: dict[int, set[int]] = {}
    for action_id, pk in link.objects.filter(action__in=actions).values_list("action_id", column):
        now_linked.setdefault(action_id, set()).add(pk)
    relinked = [
        (action, rows) for action, rows in zip(actions, related)
        if now_linked.get(action.pk, set()) != {row.pk for row in rows}
    ]
    if relinked:
        link.objects.filter(action__in=[action for action, _rows in relinked]).delete()
        _m2m_link(name, *map(list, zip(*relinked)))


def _rows_update(actions: list[Action], names: list[str]) -> None:
    fields = [Action._meta.get_field(name) for name in names]
    quote = connection.ops.quote_name
    assignments = ", ".join(f"{quote(field.column)} = %s" for field in fields)
    statement = f"UPDATE {quote(Action._meta.db_table)} SET {assignments} WHERE {quote(Action._meta.pk.column)} = %s"
    rows = [
        [field.get_db_prep_save(getattr(action, field.attname), connection) for field in fields] + [action.pk]
        for action in actions
    ]
    with connection.cursor() as cursor:
        for start in range(0, len(rows), BULK_BATCH_SIZE):
            cursor.executemany(statement, rows[start : start + BULK_BATCH_SIZE])


@transaction.atomic
def actions_create_many(
    *, workplan, rows: list[tuple[dict, list]], author=None, leads: list[list] | None = None
) -> list[Action]:
    """`action_create` for many (fields, themes) at once, added at the end of the workplan in
    the order given, each led by its list in `leads` (none without); each action's history
    records it as created, with its themes and leads, by `author`. Raises RowRefused for the
    first that breaks a rule, and writes nothing."""
    if not rows:
        return []
    last = workplan.actions.order_by("-order").values_list("order", flat=True).first() or 0
    actions = []
    for index, (fields, _themes) in enumerate(rows):
        action = Action(workplan=workplan, order=last + 1 + index, **{
            name: value for name, value in fields.items() if name in EDITABLE_FIELDS + ["added_on"]
        })
        _check(action, index)
        actions.append(action)
    _check_references(workplan, actions)
    at = timezone.now()
    actions = bulk_create_with_history(
        actions, Action, batch_size=BULK_BATCH_SIZE, default_user=author, default_date=at
    )
    themes = [list(action_themes) for _fields, action_themes in rows]
    _m2m_link("themes", actions, themes)
    if leads:
        _m2m_link("leads", actions, leads)
    _history_themes_record(actions, history_type="+", at=at)
    data_stamp.bump(subgroups__workplans=workplan.pk)
    return actions


@transaction.atomic
def actions_edit_many(
    *, edits: list[tuple[Action, dict, list]], author=None, leads: list[list] | None = None
) -> list[Action]:
    """`action_edit` for many (action, fields, themes) at once, each led by its list in
    `leads` (leads unchanged without): each action as loaded (its `version`) is refused with
    the changes someone else saved since, as one edit would be. One history record per
    action, with its themes and leads, by `author`. Raises RowRefused for the first that
    breaks a rule, and writes nothing."""
    if not edits:
        return []
    current = Action.objects.select_for_update(of=("self",)).select_related("workplan__plan", "priority").in_bulk(
        [action.pk for action, _fields, _themes in edits]
    )
    actions, themes = [], []
    for index, (loaded, fields, action_themes) in enumerate(edits):
        action = current[loaded.pk]
        if action.version != loaded.version:
            changes, changed_by = action_changes_since(action=action, version=loaded.version)
            raise RowRefused(index, [str(EditConflict(current=action, changes=changes, changed_by=changed_by))])
        for name in EDITABLE_FIELDS:
            if name in fields:
                setattr(action, name, fields[name])
        action.version += 1
        action.updated_at = timezone.now()
        _check(action, index)
        actions.append(action)
        themes.append(list(action_themes))
    for workplan_id in {action.workplan_id for action in actions}:
        of_workplan = [action for action in actions if action.workplan_id == workplan_id]
        _check_references(of_workplan[0].workplan, of_workplan)
    at = timezone.now()
    # Only the columns given are written, one statement run for every row (Django's
    # bulk_update builds a CASE per column and row, which costs seconds for thousands);
    # the history records each row as bulk_update_with_history does.
    given = {name for _action, fields, _themes in edits for name in fields}
    _rows_update(actions, [*(name for name in EDITABLE_FIELDS if name in given), "version", "updated_at"])
    bulk_update_with_history(
        actions, Action, fields=[], batch_size=BULK_BATCH_SIZE, default_user=author, default_date=at
    )
    _m2m_relink("themes", actions, themes)
    if leads is not None:
        _m2m_relink("leads", actions, leads)
    _history_themes_record(actions, history_type="~", at=at)
    data_stamp.bump(subgroups__workplans__actions__in=[action.pk for action in actions])
    return actions


@transaction.atomic
def actions_record_updates_many(
    *, updates: list[tuple[Action, str | None, str]], as_at: datetime.date, author, require_narrative: bool = True
) -> list[ActionUpdate]:
    """`action_record_update` for many (action, rating, narrative) as at one date, by
    `author`: the same rules, each against the action's latest update with the actions
    locked. Raises RowRefused for the first that breaks a rule, and writes nothing."""
    if not updates:
        return []
    pks = [action.pk for action, _rating, _narrative in updates]
    Action.objects.lock(pks)
    latest: dict[int, ActionUpdate] = {}
    for update in ActionUpdate.objects.filter(action__in=pks).order_by("action", "-as_at", "-created_at", "-pk"):
        latest.setdefault(update.action_id, update)
    written = []
    for index, (action, rating, narrative) in enumerate(updates):
        narrative = (narrative or "").strip()
        errors = action_update_errors(
            action=action, rating=rating, narrative=narrative, as_at=as_at, require_narrative=require_narrative
        )
        messages = [message for field_messages in errors.values() for message in field_messages]
        if message := _update_changes_nothing(latest.get(action.pk), rating, narrative):
            messages.append(message)
        if messages:
            raise RowRefused(index, messages)
        update = ActionUpdate(action=action, rating=rating, narrative=narrative, as_at=as_at, author=author)
        _check(update, index)
        written.append(update)
    saved = ActionUpdate.objects.bulk_create(written, batch_size=BULK_BATCH_SIZE)
    data_stamp.bump(subgroups__workplans__actions__in=pks)
    return saved


# Year end: an incomplete action is carried forward into the next year's workplan, closed as
# not achieved, or left open. Closing keeps the action as it stood: as at any earlier date
# every page shows what it showed before.


def next_year_label(year: str) -> str:
    """The financial year after `year`: "2024-25" after "2023-24"."""
    start = year_label_bounds(year)[0].year + 1
    return f"{start}-{(start + 1) % 100:02d}"


def year_end_refusal(action: Action, expected_version: int | None) -> str | None:
    """Why `action` (locked, as it now is) cannot be closed; None when it can."""
    if expected_version is not None and action.version != expected_version:
        return (
            f"{action} was changed by someone else after this page was opened: "
            "check it and choose again."
        )
    if action.is_retired:
        return f"{action} has been retired."
    if action.is_closed:
        return f"{action} is already closed as {action.closure_label.lower()}."
    return None


def carry_forward_refusals(*, actions: list[Action], into_year: str) -> dict[int, str]:
    """Why each of `actions` (with their workplan, plan and sub-group loaded) cannot be
    carried into `into_year` of its plan, by action id: the plan ends before that year, or
    the reference is taken in that year's workplan. One query whatever the number."""
    starts_on = year_label_bounds(into_year)[0]
    taken = set(
        Action.objects.filter(
            workplan__subgroup__in={action.workplan.subgroup_id for action in actions},
            workplan__year=into_year,
            reference__in={action.reference for action in actions if action.reference},
        ).values_list("workplan__subgroup_id", "reference")
    )
    refusals = {}
    for action in actions:
        plan = action.workplan.plan
        if starts_on > plan.period_end:
            refusals[action.pk] = (
                f"{plan.title} ends on {plan.period_end:%-d %B %Y}, before {into_year}: close "
                f"{action} as not achieved, or leave it open."
            )
        elif (action.workplan.subgroup_id, action.reference) in taken:
            refusals[action.pk] = (
                f"{action.reference} is already used in the {action.workplan.subgroup.short_name} "
                f"{into_year} workplan."
            )
    return refusals


def _closed(current: Action, *, closure: str, reason: str, on: datetime.date, by, into=None) -> Action:
    current.closure = closure
    current.closure_reason = (reason or "").strip()
    current.closed_on = on
    current.carried_into = into
    current.version += 1
    attributed(current, by)
    current.full_clean(validate_unique=False, validate_constraints=False)
    current.save()
    return current


def _locked_open(action: Action, expected_version: int | None) -> Action:
    current = Action.objects.select_for_update().select_related("workplan__plan", "workplan__subgroup").get(
        pk=action.pk
    )
    if refusal := year_end_refusal(current, expected_version):
        raise ValidationError(refusal)
    return current


@transaction.atomic
def close_not_achieved(
    *, action: Action, reason: str, by, on: datetime.date | None = None, expected_version: int | None = None
) -> Action:
    """Close `action` as not achieved on `on` (default `closing_day`), saying why. Refused if it is
    closed or retired already, or (with `expected_version`) changed since it was loaded."""
    if not (reason or "").strip():
        raise ValidationError({"reason": "Say why this action was not achieved."})
    current = _locked_open(action, expected_version)
    return _closed(current, closure=Closure.NOT_ACHIEVED, reason=reason, on=on or closing_day(current), by=by)


def closing_day(action: Action) -> datetime.date:
    """The day a year end closes `action` on when no day is given: today, or the plan's last
    day once the plan has ended, so its final figures (which are as at that day) show it."""
    return min(timezone.localdate(), action.workplan.plan.period_end)


@dataclass
class CarriedForward:
    old: Action
    new: Action
    workplan_created: bool


@transaction.atomic
def carry_forward(
    *,
    action: Action,
    by,
    into_year: str | None = None,
    reason: str = "",
    on: datetime.date | None = None,
    expected_version: int | None = None,
) -> CarriedForward:
    """Carry `action` forward into its sub-group's workplan for `into_year` (by default the
    next year), creating that workplan if there is none, and close it as carried forward on
    `on` (default `closing_day`), linked to the new action.

    The new action keeps the reference, priority, impact, action, themes, lead and timeframe;
    its due date is cleared (the old one has passed or is about to: the sub-group sets the new
    one), and it is added on the new year's first day, or on `on` if later. It starts with the
    rating it had, as its first update as at the day it is added, so the new year's figures
    show where it stands rather than "not yet rated"; the narrative says where it came from.
    """
    current = _locked_open(action, expected_version)
    on = on or closing_day(current)
    into_year = into_year or next_year_label(current.workplan.year)
    if refusal := carry_forward_refusals(actions=[current], into_year=into_year).get(current.pk):
        raise ValidationError(refusal)
    workplan = Workplan.objects.filter(subgroup=current.workplan.subgroup_id, year=into_year).first()
    created = workplan is None
    if created:
        workplan = Workplan(subgroup=current.workplan.subgroup, plan=current.workplan.plan, year=into_year)
        attributed(workplan, by)
        workplan.full_clean(validate_unique=False, validate_constraints=False)
        try:
            with transaction.atomic():
                workplan.save()
        except IntegrityError:
            raise ValidationError(
                f"The {current.workplan.subgroup.short_name} {into_year} workplan was created by someone "
                "else meanwhile: check the choices and apply them again."
            ) from None
    last = workplan.actions.order_by("-order").values_list("order", flat=True).first() or 0
    new = Action(
        workplan=workplan,
        order=last + 1,
        added_on=max(on, year_label_bounds(into_year)[0]),
        **{name: getattr(current, name) for name in EDITABLE_FIELDS if name != "due_date"},
    )
    attributed(new, by)
    new.full_clean()
    new.save()
    action_links_set_on_creation(new, themes=current.themes.all(), leads=current.leads.all())
    latest = current.updates.order_by("-as_at", "-created_at", "-pk").first()
    if latest is not None and (latest.rating or latest.narrative):
        ActionUpdate.objects.create(
            action=new,
            as_at=new.added_on,
            rating=latest.rating,
            narrative=f"Carried forward from {current.year_label}. {latest.narrative}".strip(),
            author=by,
        )
    _closed(current, closure=Closure.CARRIED_FORWARD, reason=reason, on=on, by=by, into=new)
    return CarriedForward(old=current, new=new, workplan_created=created)


class AlreadyRolledOver(Exception):
    """The year end has been applied already (a second click, a second tab)."""

    def __init__(self, rollover: YearEndRollover):
        self.rollover = rollover
        super().__init__("This year end has already been applied.")


class YearEndRefused(Exception):
    """Some choices cannot be applied: `errors` maps an action's id to why. Nothing changed."""

    def __init__(self, errors: dict[int, str]):
        self.errors = errors
        super().__init__("; ".join(errors.values()))


CARRY, CLOSE, LEAVE = "carry", "close", "leave"


@dataclass(frozen=True)
class YearEndChoice:
    action_id: int
    version: int
    choice: str  # CARRY, CLOSE or LEAVE
    reason: str = ""


def year_end_applied(*, token: str) -> YearEndRollover | None:
    return YearEndRollover.objects.filter(token_digest=token_digest(token)).select_related("applied_by").first()


@transaction.atomic
def year_end_apply(
    *, plan, year: str, choices: list[YearEndChoice], by, token: str, workplan=None
) -> YearEndRollover:
    """Apply a previewed year end in one transaction: every choice or, if any is refused (an
    action changed since the preview, a reference taken), none. Applied once per `token`: a
    second confirmation raises AlreadyRolledOver and changes nothing. The rollover is recorded
    (who, when, how many of each), and each action's history records its closure."""
    Action.objects.lock([choice.action_id for choice in choices])
    try:
        with transaction.atomic():
            rollover = YearEndRollover.objects.create(
                token_digest=token_digest(token), plan=plan, year=year, into_year=next_year_label(year),
                workplan=workplan, applied_by=by,
            )
    except IntegrityError:
        raise AlreadyRolledOver(year_end_applied(token=token)) from None
    errors: dict[int, str] = {}
    actions = Action.objects.filter(
        pk__in=[choice.action_id for choice in choices], workplan__plan=plan, workplan__year=year
    ).in_bulk()
    created = []
    for choice in choices:
        action = actions.get(choice.action_id)
        if action is None:
            errors[choice.action_id] = "This action is not in this year's workplans."
            continue
        if choice.choice == LEAVE:
            rollover.left_open += 1
            continue
        try:
            if choice.choice == CARRY:
                result = carry_forward(
                    action=action, by=by, into_year=rollover.into_year, reason=choice.reason,
                    expected_version=choice.version,
                )
                rollover.carried_forward += 1
                if result.workplan_created:
                    created.append(str(result.new.workplan))
            else:
                close_not_achieved(action=action, reason=choice.reason, by=by, expected_version=choice.version)
                rollover.not_achieved += 1
        except ValidationError as error:
            errors[choice.action_id] = " ".join(error.messages)
    if errors:
        raise YearEndRefused(errors)
    rollover.workplans_created = "\n".join(created)
    rollover.save()
    return rollover
