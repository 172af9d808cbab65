"""The evidence registers that feed the annual report: what children, young people and families
told the partnership (and what changed), the partners' contributions to its budget, and the
multi-agency training it ran, each recorded through the year by the BSU.

Working Together to Safeguard Children 2023 asks the yearly report how feedback from children
and families was sought and used and how the arrangements are funded; Merton's and Medway's
reports also give the year's training figures. `voice_of_year`, `funding_of_year` and
`training_of_year` turn a year of records into the report's generated parts, as JSON-ready
data that publishing freezes (reports/annual.py).
"""

import datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Prefetch, Q, Sum
from django.utils import timezone

from plans.models import Partnership, Priority, financial_year, priority_label
from plans.services import (
    attributed,
    edit_changes_nothing,
    refuse_stale_edit,
    stale_edit_message,
    stale_removal_message,
)
from reports.models import PartnerContribution, TrainingAttendance, TrainingCourse, VoiceEvidence
from subgroups.models import Action, year_label_bounds

VOICE_FIELDS = ["source", "heard_on", "what_was_heard", "what_changed"]
CONTRIBUTION_FIELDS = ["year", "partner", "amount"]
COURSE_FIELDS = ["year", "title", "sessions", "rated_good_percent", "evaluation"]


def _saved(row, by, duplicate: dict) -> None:
    """Save `row` as `by`; a row its partnership already has for that year (a unique name,
    taken at the same moment) is refused with `duplicate`, in a savepoint."""
    try:
        with transaction.atomic():
            attributed(row, by).save()
    except IntegrityError as error:
        raise ValidationError(duplicate) from error


# -- Voice of children, young people and families ----------------------------------------------


def _check_voice(evidence: VoiceEvidence, actions: list[Action], priorities: list[Priority]) -> None:
    """Refuse, by field, feedback dated in the future or linked to another partnership's
    actions or priorities."""
    errors = {}
    partnership_id = evidence.partnership_id
    if evidence.heard_on and evidence.heard_on > timezone.localdate():
        errors["heard_on"] = ["The date heard cannot be in the future."]
    if any(action.workplan.subgroup.partnership_id != partnership_id for action in actions):
        errors["actions"] = ["Choose actions of this partnership's workplans."]
    if any(priority.plan.partnership_id != partnership_id for priority in priorities):
        errors["priorities"] = ["Choose priorities of this partnership's plans."]
    if errors:
        raise ValidationError(errors)
    evidence.full_clean(exclude=["partnership"])


@transaction.atomic
def voice_create(*, partnership: Partnership, fields: dict, actions: list[Action] = (),
                 priorities: list[Priority] = (), by) -> VoiceEvidence:
    """Record what children, young people or families told the partnership, linked to the
    partnership's own actions and priorities."""
    evidence = VoiceEvidence(partnership=partnership, **{name: fields[name] for name in VOICE_FIELDS if name in fields})
    _check_voice(evidence, list(actions), list(priorities))
    attributed(evidence, by).save()
    evidence.actions.set(actions)
    evidence.priorities.set(priorities)
    return evidence


@transaction.atomic
def voice_edit(*, evidence: VoiceEvidence, expected_version: int, fields: dict, actions: list[Action],
               priorities: list[Priority], by) -> VoiceEvidence:
    """Save changes to a record of feedback and its links; refused, naming who, when someone
    saved it after the editor loaded `expected_version`."""
    current = VoiceEvidence.objects.select_for_update().get(pk=evidence.pk)
    refuse_stale_edit(current, expected_version, stale_edit_message("record"))
    wanted = {name: fields[name] for name in VOICE_FIELDS if name in fields}
    if edit_changes_nothing(current, wanted, {"actions": actions, "priorities": priorities}):
        return current
    for name in VOICE_FIELDS:
        if name in fields:
            setattr(current, name, fields[name])
    _check_voice(current, list(actions), list(priorities))
    current.version += 1
    attributed(current, by).save()
    current.actions.set(actions)
    current.priorities.set(priorities)
    return current


@transaction.atomic
def voice_remove(*, evidence: VoiceEvidence, expected_version: int, by) -> None:
    """Remove a record made by mistake (its history keeps it)."""
    current = VoiceEvidence.objects.select_for_update().get(pk=evidence.pk)
    refuse_stale_edit(current, expected_version, stale_removal_message("record"))
    attributed(current, by).delete()


# -- Partner contributions ---------------------------------------------------------------------


def _contribution_duplicate(year: str, partner: str) -> dict:
    return {"partner": [f"{partner} already has a contribution for {year}: change that one."]}


def _contribution_taken(partnership_id: int, year: str, partner: str, exclude_pk=None) -> bool:
    taken = PartnerContribution.objects.filter(partnership=partnership_id, year=year, partner__iexact=partner)
    return taken.exclude(pk=exclude_pk).exists()


@transaction.atomic
def contribution_create(*, partnership: Partnership, fields: dict, by) -> PartnerContribution:
    """Record a partner's contribution to a year's budget: one per partner and year."""
    row = PartnerContribution(partnership=partnership, **{name: fields[name] for name in CONTRIBUTION_FIELDS})
    row.partner = row.partner.strip()
    row.full_clean(exclude=["partnership"], validate_constraints=False)
    if _contribution_taken(partnership.pk, row.year, row.partner):
        raise ValidationError(_contribution_duplicate(row.year, row.partner))
    _saved(row, by, _contribution_duplicate(row.year, row.partner))
    return row


@transaction.atomic
def contribution_edit(*, contribution: PartnerContribution, expected_version: int, fields: dict, by) -> PartnerContribution:
    """Change a contribution's year, partner or amount (refused when someone saved it since
    `expected_version`, or when that partner already has one for that year)."""
    current = PartnerContribution.objects.select_for_update().get(pk=contribution.pk)
    refuse_stale_edit(current, expected_version, stale_edit_message("contribution"))
    wanted = {name: fields[name] for name in CONTRIBUTION_FIELDS} | {"partner": fields["partner"].strip()}
    if edit_changes_nothing(current, wanted):
        return current
    for name in CONTRIBUTION_FIELDS:
        setattr(current, name, fields[name])
    current.partner = current.partner.strip()
    current.full_clean(exclude=["partnership"], validate_constraints=False)
    if _contribution_taken(current.partnership_id, current.year, current.partner, exclude_pk=current.pk):
        raise ValidationError(_contribution_duplicate(current.year, current.partner))
    current.version += 1
    _saved(current, by, _contribution_duplicate(current.year, current.partner))
    return current


@transaction.atomic
def contribution_remove(*, contribution: PartnerContribution, expected_version: int, by) -> None:
    """Remove a contribution recorded by mistake (its history keeps it)."""
    current = PartnerContribution.objects.select_for_update().get(pk=contribution.pk)
    refuse_stale_edit(current, expected_version, stale_removal_message("contribution"))
    attributed(current, by).delete()


# -- Multi-agency training ---------------------------------------------------------------------


def parse_attendance(text: str) -> list[tuple[str, int]]:
    """Attendance typed one agency a line, "Agency: number" ("Schools and colleges: 38"),
    as (agency, attended) in the order typed. Raises ValidationError naming the first line
    that is not of that form, or an agency given twice."""
    rows: list[tuple[str, int]] = []
    seen = set()
    for number, line in enumerate((text or "").splitlines(), start=1):
        if not line.strip():
            continue
        agency, _colon, count = line.rpartition(":")
        agency, count = agency.strip(), count.strip()
        if not agency or not count.isascii() or not count.isdigit() or len(count) > 6:
            raise ValidationError(
                f"Line {number}: write the agency, a colon and the number who attended, for example “Schools: 38”."
            )
        if agency.lower() in seen:
            raise ValidationError(f"Line {number}: {agency} is listed twice; give its attendance once.")
        seen.add(agency.lower())
        rows.append((agency[:200], int(count)))
    return rows


def attendance_text(course: TrainingCourse) -> str:
    """A course's attendance as the form shows it, one "Agency: number" a line."""
    return "\n".join(f"{row.agency}: {row.attended}" for row in course.attendance.all())


def _course_duplicate(year: str, title: str) -> dict:
    return {"title": [f"{title} is already recorded for {year}: change that one."]}


def _course_taken(partnership_id: int, year: str, title: str, exclude_pk=None) -> bool:
    taken = TrainingCourse.objects.filter(partnership=partnership_id, year=year, title__iexact=title)
    return taken.exclude(pk=exclude_pk).exists()


def _attendance_set(course: TrainingCourse, attendance: list[tuple[str, int]], by) -> None:
    for row in course.attendance.all():
        attributed(row, by).delete()
    for agency, attended in attendance:
        attributed(TrainingAttendance(course=course, agency=agency, attended=attended), by).save()


@transaction.atomic
def training_create(*, partnership: Partnership, fields: dict, attendance: list[tuple[str, int]], by) -> TrainingCourse:
    """Record a course run in a year with its attendance by agency."""
    course = TrainingCourse(partnership=partnership, **{name: fields[name] for name in COURSE_FIELDS if name in fields})
    course.title = course.title.strip()
    course.full_clean(exclude=["partnership"], validate_constraints=False)
    if _course_taken(partnership.pk, course.year, course.title):
        raise ValidationError(_course_duplicate(course.year, course.title))
    _saved(course, by, _course_duplicate(course.year, course.title))
    _attendance_set(course, attendance, by)
    return course


@transaction.atomic
def training_edit(*, course: TrainingCourse, expected_version: int, fields: dict,
                  attendance: list[tuple[str, int]], by) -> TrainingCourse:
    """Change a course's figures and attendance (refused when someone saved it since
    `expected_version`)."""
    current = TrainingCourse.objects.select_for_update().get(pk=course.pk)
    refuse_stale_edit(current, expected_version, stale_edit_message("course"))
    figures = {name: fields[name] for name in COURSE_FIELDS if name in fields}
    if "title" in figures:
        figures["title"] = figures["title"].strip()
    same_attendance = sorted(current.attendance.values_list("agency", "attended")) == sorted(attendance)
    if same_attendance and edit_changes_nothing(current, figures):
        return current
    for name in COURSE_FIELDS:
        if name in fields:
            setattr(current, name, fields[name])
    current.title = current.title.strip()
    current.full_clean(exclude=["partnership"], validate_constraints=False)
    if _course_taken(current.partnership_id, current.year, current.title, exclude_pk=current.pk):
        raise ValidationError(_course_duplicate(current.year, current.title))
    current.version += 1
    _saved(current, by, _course_duplicate(current.year, current.title))
    _attendance_set(current, attendance, by)
    return current


@transaction.atomic
def training_remove(*, course: TrainingCourse, expected_version: int, by) -> None:
    """Remove a course recorded by mistake, with its attendance (its history keeps both)."""
    current = TrainingCourse.objects.select_for_update().get(pk=course.pk)
    refuse_stale_edit(current, expected_version, stale_removal_message("course"))
    for row in current.attendance.all():
        attributed(row, by).delete()
    attributed(current, by).delete()


# -- Reads: the registers ----------------------------------------------------------------------


def actions_named(*, partnership: Partnership, references: list[str], heard_on: datetime.date) -> dict[str, Action]:
    """The partnership's actions with these references (case ignored), by lower-cased
    reference: the one in the workplan of the year holding `heard_on` where there is one,
    else the latest year's. One query."""
    if not references:
        return {}
    year = financial_year(heard_on)
    matching = Q()
    for reference in {ref.lower() for ref in references}:
        matching |= Q(reference__iexact=reference)
    found: dict[str, Action] = {}
    candidates = (
        Action.objects.filter(matching, workplan__subgroup__partnership=partnership)
        .select_related("workplan__subgroup")
        .order_by("-workplan__year", "pk")
    )
    for action in candidates:
        key = action.reference.lower()
        if key not in found or (action.workplan.year == year and found[key].workplan.year != year):
            found[key] = action
    return found


def _in_year(rows, year: str, date_field: str | None = None):
    if not year:
        return rows
    if date_field:
        start, end = year_label_bounds(year)
        return rows.filter(**{f"{date_field}__range": (start, end)})
    return rows.filter(year=year)


def voice_records(partnerships, *, year: str = ""):
    """The partnerships' records of feedback (heard in `year` when given), latest first, with
    their links loaded. Three queries."""
    return _in_year(VoiceEvidence.objects.filter(partnership__in=partnerships), year, "heard_on").prefetch_related(
        Prefetch("actions", queryset=Action.objects.select_related("workplan__subgroup").order_by("reference")),
        Prefetch("priorities", queryset=Priority.objects.order_by("number")),
    )


def contribution_records(partnerships, *, year: str = ""):
    """The partnerships' contributions (of `year` when given), by year then amount."""
    return _in_year(PartnerContribution.objects.filter(partnership__in=partnerships), year)


def training_records(partnerships, *, year: str = ""):
    """The partnerships' courses (of `year` when given), with their attendance. Two queries."""
    return _in_year(TrainingCourse.objects.filter(partnership__in=partnerships), year).prefetch_related("attendance")


def evidence_years(partnerships, today: datetime.date | None = None) -> list[str]:
    """The financial years any evidence record is for, and the current year, latest first."""
    years = {financial_year(today or timezone.localdate())}
    years |= set(PartnerContribution.objects.filter(partnership__in=partnerships).values_list("year", flat=True))
    years |= set(TrainingCourse.objects.filter(partnership__in=partnerships).values_list("year", flat=True))
    years |= {financial_year(day) for day in VoiceEvidence.objects.filter(partnership__in=partnerships).dates("heard_on", "day")}
    return sorted(years, reverse=True)


def contribution_totals(partnerships, *, year: str = "") -> dict[int, dict[str, int]]:
    """Each partnership's total contributions per year (summed in SQL)."""
    totals: dict[int, dict[str, int]] = {}
    rows = _in_year(PartnerContribution.objects.filter(partnership__in=partnerships), year)
    for row in rows.order_by().values("partnership", "year").annotate(total=Sum("amount")):
        totals.setdefault(row["partnership"], {})[row["year"]] = row["total"]
    return totals


# -- The annual report's generated parts -------------------------------------------------------


def voice_of_year(*, partnership: Partnership, year: str) -> list[dict]:
    """The feedback heard in `year`, earliest first, as the report's voice section lists it
    (JSON-ready): who was heard and when, what they said, what changed, and the priorities
    and actions it bears on. Three queries."""
    records = voice_records([partnership], year=year).order_by("heard_on", "pk")
    return [
        {
            "source": record.source,
            "heard_on": record.heard_on.isoformat(),
            "what_was_heard": record.what_was_heard,
            "what_changed": record.what_changed,
            "priorities": [priority_label(priority) for priority in record.priorities.all()],
            "actions": [action.reference or action.description[:60] for action in record.actions.all()],
        }
        for record in records
    ]


def funding_of_year(*, partnership: Partnership, year: str) -> dict:
    """The year's contributions, largest first, and their total (JSON-ready)."""
    rows = list(contribution_records([partnership], year=year).order_by("-amount", "partner"))
    return {
        "contributions": [{"partner": row.partner, "amount": row.amount} for row in rows],
        "total": sum(row.amount for row in rows),
    }


def training_of_year(*, partnership: Partnership, year: str) -> dict:
    """The year's courses with their sessions, attendance and evaluation, and attendance by
    agency across all of them, largest first (JSON-ready). Two queries."""
    courses = list(training_records([partnership], year=year).order_by("title"))
    by_agency: dict[str, int] = {}
    for course in courses:
        for row in course.attendance.all():
            by_agency[row.agency] = by_agency.get(row.agency, 0) + row.attended
    return {
        "courses": [
            {
                "title": course.title,
                "sessions": course.sessions,
                "attended": sum(row.attended for row in course.attendance.all()),
                "rated_good_percent": course.rated_good_percent,
                "evaluation": course.evaluation,
            }
            for course in courses
        ],
        "by_agency": [
            {"agency": agency, "attended": attended}
            for agency, attended in sorted(by_agency.items(), key=lambda item: (-item[1], item[0].lower()))
        ],
        "sessions": sum(course.sessions for course in courses),
        "attended": sum(by_agency.values()),
    }
