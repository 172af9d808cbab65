"""Import a workplan: plan the changes a file would make (nothing written), then apply them
all in one transaction through the services the pages use, or none of them."""

import datetime
from dataclasses import dataclass, field

from django.db import IntegrityError, transaction

from plans.models import BusinessPlan, Person, Rating, name_key, split_lead_names
from plans.services import people_for_names
from plans.text import with_lf_newlines
from subgroups.exports import brag_rating_and_update
from subgroups.importing.parse import COLUMN_LABELS, OtherColumn, UnreadableFile, read_sheet
from subgroups.importing.values import (
    due_date_from,
    is_priority_heading,
    priority_from,
    rating_and_narrative,
    theme_key,
    themes_from,
)
from subgroups.importing.uploads import token_digest
from subgroups.models import Action, AppliedImport, Workplan, lead_names, year_label_bounds
from subgroups.services import (
    NARRATIVE_REQUIRED,
    FieldChange,
    RowRefused,
    action_update_errors,
    actions_create_many,
    actions_edit_many,
    actions_record_updates_many,
)

CREATE, UPDATE, UNCHANGED = "create", "update", "unchanged"
# Columns a file is refused without unless the person importing says to go ahead: without
# them every rating or theme in the file would be thrown away without a word.
CONFIRM_IF_MISSING = ("brag", "themes")
# What the column holds, as a person confirming an import without it reads it.
MISSING_COLUMN_CONTENT = {"brag": "BRAG ratings", "themes": "cross-cutting themes"}
# Where an imported rating lacks what the update form would ask for.
UPDATE_WARNINGS = {
    Rating.RED: "Red with no narrative: imported as given (an update in the app says why and what is being done)",
    Rating.AMBER: "Amber with no narrative: imported as given (an update in the app says why and what is being done)",
    Rating.BLUE: "Blue with no evidence of impact: imported as given (an update in the app gives the evidence)",
}
# Action fields an import sets from the columns of the same name.
IMPORTED_FIELDS = ("reference", "priority", "impact", "description", "timeframe")
# The longest name a lead cell may give one person (the directory's limit).
LEAD_NAME_LIMIT = Person._meta.get_field("name").max_length
TEXT_LIMITS = {name: Action._meta.get_field(name).max_length for name in ("reference", "timeframe")}


class ImportRefused(Exception):
    """The import cannot go ahead: the sub-group, year or file is wrong (see `errors`)."""

    def __init__(self, errors):
        self.errors = list(errors)
        super().__init__("\n".join(str(error) for error in self.errors))


@dataclass(frozen=True)
class RowError:
    """What is wrong, where: `row` is the spreadsheet's row number (None: the whole file)."""

    row: int | None
    column: str
    message: str

    def __str__(self):
        where = [f"row {self.row}"] if self.row else []
        if self.column:
            where.append(self.column)
        return ": ".join([*where, self.message])


class RowWarning(RowError):
    """Something the import takes as given but a person may want to put right."""


@dataclass
class ImportRow:
    """One action of the file and what importing it does."""

    number: int
    kind: str
    fields: dict
    themes: list
    action: Action | None = None
    changes: list[FieldChange] = field(default_factory=list)
    rating_update: tuple | None = None  # (rating, narrative) to record, if any
    # The names the lead cell gives, in order (None: the file has no Lead column), and
    # those of them not yet in the partnership's directory, which the import adds.
    lead_names: list[str] | None = None
    new_lead_names: list[str] = field(default_factory=list)

    @property
    def lead_text(self) -> str:
        return " / ".join(self.lead_names or [])

    @property
    def reference(self) -> str:
        return self.fields.get("reference") or (self.action.reference if self.action else "")

    @property
    def description(self) -> str:
        return self.fields.get("description") or self.action.description

    @property
    def label(self) -> str:
        text = self.description.splitlines()[0] if self.description else ""
        text = text if len(text) <= 70 else text[:69] + "…"
        return f"{self.reference} – {text}" if self.reference else text


@dataclass
class WorkplanImport:
    """What importing a file into a sub-group's workplan for a year does, or did."""

    subgroup: object
    plan: BusinessPlan
    year: str
    as_at: datetime.date
    workplan: Workplan | None
    rows: list[ImportRow] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    warnings: list[RowWarning] = field(default_factory=list)
    # Of CONFIRM_IF_MISSING, the columns no heading of the file matched.
    missing_columns: list[str] = field(default_factory=list)
    # The file's columns the import does not read (unknown, blank or repeated headings).
    other_columns: list[OtherColumn] = field(default_factory=list)
    header_row: int | None = None  # the spreadsheet's row number of the file's headings
    applied: bool = False

    @property
    def unread_data_columns(self) -> list[OtherColumn]:
        """Columns with data that the import leaves out."""
        return [column for column in self.other_columns if column.has_data]

    @property
    def missing_column_labels(self) -> list[str]:
        return [COLUMN_LABELS[key] for key in self.missing_columns]

    @property
    def is_valid(self) -> bool:
        return not self.errors

    def _of(self, kind):
        return [row for row in self.rows if row.kind == kind]

    @property
    def created(self):
        return self._of(CREATE)

    @property
    def updated(self):
        return self._of(UPDATE)

    @property
    def unchanged(self):
        return self._of(UNCHANGED)

    def refusal_without(self, import_without=()) -> list[RowError]:
        """Why the import cannot be applied unless the person importing has said to go on
        without each missing rating or themes column (`import_without`: their keys)."""
        return [
            RowError(
                None, COLUMN_LABELS[key],
                f"no column is headed {COLUMN_LABELS[key]}, so the file's "
                f"{MISSING_COLUMN_CONTENT[key]} would not be imported"
                + (f" (columns not recognised: {', '.join(map(str, self.other_columns))})" if self.other_columns else ""),
            )
            for key in self.missing_columns
            if key not in import_without
        ]

    @property
    def new_people(self) -> list[str]:
        """The names the file gives as leads that are not in the directory yet: importing
        adds them. Each once, in the order the rows first give them."""
        names: dict[str, str] = {}
        for row in self.rows:
            for name in row.new_lead_names:
                names.setdefault(name_key(name), name)
        return list(names.values())

    @property
    def confirm_label(self) -> str:
        """"Import 1 new action and 2 changed actions"."""
        counts = [
            _count(len(rows), f"{kind} action")
            for rows, kind in ((self.created, "new"), (self.updated, "changed"))
            if rows
        ]
        return f"Import {' and '.join(counts)}" if counts else "Import: no action changes"

    def summary(self) -> str:
        counts = f"{len(self.created)} created, {len(self.updated)} updated, {len(self.unchanged)} unchanged"
        return f"{self.subgroup.short_name} workplan {self.year}: {counts}"


def plan_for_year(*, subgroup, year: str) -> BusinessPlan:
    """The partnership's business plan whose period holds the financial year `year`."""
    try:
        starts, ends = year_label_bounds(year)
    except ValueError as error:
        raise ImportRefused([RowError(None, "", str(error))]) from error
    existing = Workplan.objects.filter(subgroup=subgroup, year=year).select_related("plan").first()
    if existing:
        return existing.plan
    plan = (
        BusinessPlan.objects.filter(
            partnership=subgroup.partnership_id, period_start__lte=starts, period_end__gte=ends
        )
        .order_by("-period_start")  # the latest-starting plan when two overlap the year
        .first()
    )
    if plan is None:
        raise ImportRefused([RowError(
            None, "", f"No business plan of {subgroup.partnership.name} covers {year}: the "
            "year must fall within a plan's period.",
        )])
    return plan


def import_years(*, subgroup) -> list[str]:
    """The financial years a workplan can be imported for: those within one of the
    partnership's plans, newest first."""
    years = set()
    for start, end in subgroup.partnership.plans.values_list("period_start", "period_end"):
        for first in range(start.year - 1, end.year + 1):
            label = f"{first}-{(first + 1) % 100:02d}"
            year_start, year_end = year_label_bounds(label)
            if start <= year_start and year_end <= end:
                years.add(label)
    return sorted(years, reverse=True)


def import_as_at_errors(*, plan: BusinessPlan, as_at: datetime.date) -> list[str]:
    """Why `as_at` cannot be an import's date (when its new actions are added and its ratings
    recorded): the same rules as an update's date, not in the future and within the plan."""
    stand_in = Action(workplan=Workplan(plan=plan))
    return action_update_errors(action=stand_in, rating=None, narrative="", as_at=as_at).get("as_at", [])


def import_default_as_at(*, subgroup, year: str) -> datetime.date:
    """Today, or the plan's last day once it has ended (its first before it starts)."""
    return plan_for_year(subgroup=subgroup, year=year).reporting_date()


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"


def _norm_text(text: str) -> str:
    return " ".join(text.lower().split())


def _text(value) -> str:
    return "none" if value in (None, "") else str(value)


class _Planner:
    """Reads the rows against the workplan as it stands (a few queries, whatever the size)."""

    def __init__(self, *, subgroup, plan, year, as_at, workplan):
        self.result = WorkplanImport(
            subgroup=subgroup, plan=plan, year=year, as_at=as_at, workplan=workplan
        )
        self.priorities = list(plan.priorities.all())
        self.themes_by_key = {theme_key(theme.title): theme for theme in plan.themes.all()}
        self.directory = {
            name_key(person.name) for person in Person.objects.filter(partnership=subgroup.partnership_id)
        }
        actions = []
        if workplan is not None:
            actions = list(
                workplan.actions.with_current_state()
                .select_related("priority", "workplan__plan")
                .prefetch_related("themes", "leads")
            )
        self.by_reference = {a.reference: a for a in actions if a.reference}
        self.by_text = {}
        for action in actions:
            if not action.is_retired:
                self.by_text.setdefault(_norm_text(action.description), action)
        # An unsaved stand-in, so the update rules can be checked for actions not yet created.
        self.new_action = Action(
            workplan=workplan or Workplan(subgroup=subgroup, plan=plan, year=year)
        )
        self.columns: set[str] = set()
        # The priority of the section the rows are in, once a priority heading has been seen.
        self.section_priority = None
        self.has_sections = False
        self.seen_references: dict[str, int] = {}
        self.seen_actions: dict[int, int] = {}
        self.seen_texts: dict[str, int] = {}

    def error(self, row, column_key, message):
        self.result.errors.append(RowError(row, COLUMN_LABELS.get(column_key, column_key), message))

    def warning(self, row, column_key, message):
        self.result.warnings.append(RowWarning(row, COLUMN_LABELS.get(column_key, column_key), message))

    def as_at_errors(self) -> list[str]:
        as_at = self.result.as_at
        return [f"As at {as_at:%-d %B %Y}: {message}" for message in import_as_at_errors(plan=self.result.plan, as_at=as_at)]

    def read(self, content: bytes) -> WorkplanImport:
        try:
            sheet = read_sheet(content)
        except UnreadableFile as error:
            self.error(None, "", str(error))
            return self.result
        self.columns = set(sheet.columns)
        self.result.missing_columns = [key for key in CONFIRM_IF_MISSING if key not in self.columns]
        self.result.other_columns = sheet.other_columns
        self.result.header_row = sheet.header_row
        if as_at_errors := self.as_at_errors():
            for message in as_at_errors:
                self.error(None, "", message)
            return self.result
        for row in sheet.rows:
            if row.is_blank:
                continue
            if not row.cells.get("description"):
                self.section_or_error(row)
                continue
            self.plan_row(row)
        if not self.result.rows and not self.result.errors:
            self.error(None, "", "The file has a header row but no actions under it.")
        return self.result

    def section_or_error(self, row):
        """A row with one cell and no action is a section heading; a priority heading
        applies to the rows under it. Any other row without an action is a mistake."""
        if not row.is_heading:
            self.error(
                row.number, "description",
                "the row has no action text: give the action, or clear the row's other cells",
            )
            return
        heading = row.texts[0]
        if is_priority_heading(heading):
            try:
                self.section_priority = priority_from(heading, self.priorities)
                self.has_sections = True
            except ValueError as error:
                self.error(row.number, "priority", str(error))

    def plan_row(self, row):
        cells = row.cells
        errors_before = len(self.result.errors)
        fields = {"description": cells["description"]}
        for key in ("impact", "timeframe"):
            if key in self.columns:
                fields[key] = cells.get(key, "")
        leads = None
        if "lead" in self.columns:
            leads = split_lead_names(cells.get("lead", ""))
            for name in leads:
                if len(name) > LEAD_NAME_LIMIT:
                    self.error(row.number, "lead", f"a lead's name is longer than {LEAD_NAME_LIMIT} characters")
        reference = cells.get("reference", "").strip()
        if reference:
            fields["reference"] = reference
        for key, limit in TEXT_LIMITS.items():
            if len(fields.get(key, "")) > limit:
                self.error(row.number, key, f"longer than {limit} characters")
        if "priority" in self.columns and cells.get("priority"):
            try:
                fields["priority"] = priority_from(cells["priority"], self.priorities)
            except ValueError as error:
                self.error(row.number, "priority", str(error))
        elif "priority" in self.columns or self.has_sections:
            fields["priority"] = self.section_priority
        themes = None
        if "themes" in self.columns:
            try:
                themes = themes_from(cells.get("themes", ""), self.themes_by_key)
            except ValueError as error:
                self.error(row.number, "themes", str(error))
        rating = None
        if cells.get("brag"):
            try:
                rating = rating_and_narrative(cells["brag"])
            except ValueError as error:
                self.error(row.number, "brag", str(error))
        action = self.match(row, fields)
        if len(self.result.errors) > errors_before:
            return
        if action is None:
            self.plan_create(row, fields, themes, rating)
        else:
            self.plan_update(row, action, fields, themes, rating, leads)
        if leads is not None and self.result.rows and self.result.rows[-1].number == row.number:
            self.result.rows[-1].lead_names = leads
            self.result.rows[-1].new_lead_names = [name for name in leads if name_key(name) not in self.directory]

    def match(self, row, fields) -> Action | None:
        """The existing action the row is: by reference, else by its action text."""
        reference = fields.get("reference")
        text = _norm_text(fields["description"])
        if reference:
            if reference in self.seen_references:
                self.error(row.number, "reference", f"{reference} is also in row {self.seen_references[reference]}")
                return None
            self.seen_references[reference] = row.number
        if text in self.seen_texts:
            self.error(row.number, "description", f"the same action is also in row {self.seen_texts[text]}")
            return None
        self.seen_texts[text] = row.number
        action = self.by_reference.get(reference) if reference else None
        if action is None:
            action = self.by_text.get(text)
            if action is not None and reference and action.reference:
                action = None  # a different action with the same wording: a new one
        if action is None:
            return None
        if action.is_retired:
            self.error(
                row.number, "reference",
                f"{reference} is a retired action of this workplan: give the new action "
                "another reference",
            )
            return None
        if action.pk in self.seen_actions:
            self.error(row.number, "description", f"the same action as row {self.seen_actions[action.pk]}")
            return None
        self.seen_actions[action.pk] = row.number
        return action

    def rating_update(self, row, action, rating, latest) -> tuple | None:
        """The update to record, if the rating or narrative differ from the latest one."""
        if rating is None:
            return None
        new_rating, narrative = rating
        old_rating, old_narrative, old_as_at = latest
        if new_rating == old_rating and narrative == with_lf_newlines(old_narrative).strip():
            return None
        as_at = self.result.as_at
        if old_as_at and old_as_at > as_at:
            self.error(
                row.number, "brag",
                f"the latest update is as at {old_as_at:%-d %B %Y}, after this import's "
                f"as-at date {as_at:%-d %B %Y}: import as at a later date",
            )
            return None
        # History already kept in a spreadsheet is imported as given: a bare "A" is Amber
        # with no narrative. What the update form would have asked for is a warning.
        problems = action_update_errors(
            action=action, rating=new_rating, narrative=narrative, as_at=as_at, require_narrative=False
        )
        for messages in problems.values():
            for message in messages:
                self.error(row.number, "brag", message)
        if problems:
            return None
        if new_rating in NARRATIVE_REQUIRED and not narrative:
            self.warning(row.number, "brag", UPDATE_WARNINGS[new_rating])
        return (new_rating, narrative)

    def plan_create(self, row, fields, themes, rating):
        if not fields.get("impact"):
            self.error(row.number, "impact", "a new action needs its impact: what will success look like?")
            return
        fields.setdefault("priority", None)
        fields["due_date"] = due_date_from(fields.get("timeframe", ""))
        errors_before = len(self.result.errors)
        update = self.rating_update(row, self.new_action, rating, (None, "", None))
        if len(self.result.errors) > errors_before:
            return
        self.result.rows.append(ImportRow(
            number=row.number, kind=CREATE, fields=fields, themes=themes or [], rating_update=update,
        ))

    def plan_update(self, row, action, fields, themes, rating, leads=None):
        changes = []
        for name in IMPORTED_FIELDS:
            if name not in fields:
                continue
            old, new = getattr(action, name), fields[name]
            if isinstance(old, str):  # kept as typed on a page, maybe with CR LF line breaks
                old = with_lf_newlines(old).strip()
            if name == "impact" and not new:
                self.error(row.number, "impact", "the impact cannot be emptied: what will success look like?")
                return
            if (old or "") != (new or ""):
                label = "Action" if name == "description" else COLUMN_LABELS[name]
                changes.append(FieldChange(field=label, old=_text(old), new=_text(new)))
        if "timeframe" in fields and fields["timeframe"] != action.timeframe:
            fields["due_date"] = due_date_from(fields["timeframe"])
        current_themes = list(action.themes.all())
        if themes is not None and {t.pk for t in themes} != {t.pk for t in current_themes}:
            changes.append(FieldChange(
                field=COLUMN_LABELS["themes"],
                old="; ".join(t.title for t in current_themes) or "none",
                new="; ".join(t.title for t in themes) or "none",
            ))
        current_leads = list(action.leads.all())
        if leads is not None and {name_key(name) for name in leads} != {name_key(p.name) for p in current_leads}:
            changes.append(FieldChange(
                field=COLUMN_LABELS["lead"],
                old=lead_names(current_leads) or "none",
                new=" / ".join(sorted(leads, key=str.casefold)) or "none",
            ))
        errors_before = len(self.result.errors)
        latest = (action.current_rating, action.current_narrative, action.current_as_at)
        update = self.rating_update(row, action, rating, latest)
        if len(self.result.errors) > errors_before:
            return
        if update:
            changes.append(FieldChange(
                field=COLUMN_LABELS["brag"],
                old=brag_rating_and_update(action.current_rating, action.current_narrative),
                new=brag_rating_and_update(*update),
            ))
        self.result.rows.append(ImportRow(
            number=row.number,
            kind=UPDATE if changes else UNCHANGED,
            fields=fields if any(c.field != COLUMN_LABELS["brag"] for c in changes) else {},
            themes=themes if themes is not None else current_themes,
            action=action,
            changes=changes,
            rating_update=update,
        ))


def workplan_import_plan(
    *, content: bytes, subgroup, year: str, as_at: datetime.date | None = None
) -> WorkplanImport:
    """What importing `content` (XLSX or CSV bytes) into the sub-group's workplan for `year`
    would create, update and leave alone, and every error by row and column. Writes nothing.
    New actions are added on `as_at` and ratings become updates as at it (default: the
    plan's reporting date, i.e. today while the plan runs, its last day once it has ended).
    Raises ImportRefused when the year is wrong."""
    plan = plan_for_year(subgroup=subgroup, year=year)
    workplan = Workplan.objects.filter(subgroup=subgroup, year=year).first()
    planner = _Planner(
        subgroup=subgroup, plan=plan, year=year, as_at=as_at or plan.reporting_date(), workplan=workplan
    )
    return planner.read(content)


class AlreadyImported(Exception):
    """The upload has been imported already (a second click of the button, a second tab):
    `applied` says when, by whom and into which workplan."""

    def __init__(self, applied: AppliedImport):
        self.applied = applied
        super().__init__(f"This file has already been imported into the {applied.workplan} workplan.")


def import_applied(*, token: str, subgroup) -> AppliedImport | None:
    """The record that the upload with `token` was imported into `subgroup`, if it was."""
    return (
        AppliedImport.objects.filter(token_digest=token_digest(token), subgroup=subgroup)
        .select_related("workplan__subgroup")
        .first()
    )


def _mark_applied(*, result: WorkplanImport, token: str, filename: str, author) -> AppliedImport:
    """Mark the upload imported, first thing in the import's transaction. A second
    confirmation of the same upload waits here until the first commits, then finds the
    mark and changes nothing (or, if the first failed, goes ahead)."""
    try:
        with transaction.atomic():
            return AppliedImport.objects.create(
                token_digest=token_digest(token), subgroup=result.subgroup, workplan=result.workplan,
                filename=filename[:255], applied_by=author,
            )
    except IntegrityError:
        raise AlreadyImported(import_applied(token=token, subgroup=result.subgroup)) from None


@transaction.atomic
def workplan_import_apply(
    *, result: WorkplanImport, author, import_without=(), upload_token: str | None = None, filename: str = ""
) -> WorkplanImport:
    """Write a planned import: the whole file or, on any error, nothing. Creates the
    workplan if the sub-group has none for the year. Raises ImportRefused with the row that
    failed (for example when someone changed an action since the preview), and when the
    file has no BRAG rating or themes column unless `import_without` names it ("brag",
    "themes"): the person importing has chosen to go on without it.

    An upload (`upload_token`) is applied once, whatever arrives: a second confirmation
    raises AlreadyImported and writes nothing. Thousands of rows are written in a few
    queries per kind of change, through the services' rules for many actions at once."""
    if result.errors:
        raise ImportRefused(result.errors)
    if refusals := result.refusal_without(import_without):
        raise ImportRefused(refusals)
    Action.objects.lock([row.action.pk for row in result.rows if row.action is not None])
    mark = None
    if upload_token:
        mark = _mark_applied(result=result, token=upload_token, filename=filename, author=author)
    workplan = result.workplan
    if workplan is None:
        workplan = Workplan(subgroup=result.subgroup, plan=result.plan, year=result.year)
        # One workplan a year: the database says so when two imports create it at once.
        workplan.full_clean(validate_unique=False, validate_constraints=False)
        try:
            with transaction.atomic():
                workplan.save()
        except IntegrityError as error:
            raise ImportRefused([RowError(
                None, "", f"The {result.year} workplan was created by someone else while you were "
                "checking the file: upload it again to see it against that workplan.",
            )]) from error
        result.workplan = workplan
    if mark is not None and mark.workplan_id is None:
        mark.workplan = workplan
        mark.save(update_fields=["workplan"])
    # New actions are added as at the import's date, so every page as at an earlier date
    # shows what it showed before the import.
    created = result.created
    edited = [row for row in result.rows if row.kind == UPDATE and row.fields]
    rated = [row for row in result.rows if row.rating_update]
    try:
        # The leads' names become people of the directory, adding those not in it yet.
        people = {
            name_key(person.name): person
            for person in people_for_names(
                partnership=result.subgroup.partnership,
                names=[name for row in result.rows for name in (row.lead_names or [])],
                by=author,
            )
        }

        def leads_of(row) -> list:
            if row.lead_names is None:
                return list(row.action.leads.all()) if row.action else []
            return [people[name_key(name)] for name in row.lead_names]

        stage = created
        actions = actions_create_many(
            workplan=workplan,
            rows=[(row.fields | {"added_on": result.as_at}, row.themes) for row in created],
            author=author,
            leads=[leads_of(row) for row in created],
        )
        for row, action in zip(created, actions):
            row.action = action
        stage = edited
        actions = actions_edit_many(
            edits=[(row.action, row.fields, row.themes) for row in edited],
            author=author,
            leads=[leads_of(row) for row in edited],
        )
        for row, action in zip(edited, actions):
            row.action = action
        stage = rated
        actions_record_updates_many(
            updates=[(row.action, *row.rating_update) for row in rated],
            as_at=result.as_at, author=author, require_narrative=False,
        )
    except RowRefused as refusal:
        # Something changed between the preview and now (someone added an action with
        # the same reference, edited a row): the transaction undoes everything.
        number = stage[refusal.index].number
        raise ImportRefused([RowError(number, "", message) for message in refusal.messages]) from refusal
    except IntegrityError as error:
        raise ImportRefused([RowError(None, "", f"The workplan changed while importing: {error}")]) from error
    result.applied = True
    return result


def workplan_import(
    *, content: bytes, subgroup, year: str, author, as_at: datetime.date | None = None, dry_run: bool = False,
    import_without=(),
) -> WorkplanImport:
    """Plan the import and, unless `dry_run` or there are errors, apply it."""
    result = workplan_import_plan(content=content, subgroup=subgroup, year=year, as_at=as_at)
    if result.errors:
        raise ImportRefused(result.errors)
    if not dry_run:
        workplan_import_apply(result=result, author=author, import_without=import_without)
    return result
