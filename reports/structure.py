"""A report's structure: the partnership shapes the sections of its draft report.

The BSU renames, moves, removes and puts back sections, and adds written sections of its own
(reports.annual copies the structure when a draft starts). Statutory sections cannot be
removed; a published report's structure is frozen with it. Every change is refused when
someone else changed the section since the page was loaded, naming who.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.text import slugify

from plans.models import display_name
from plans.services import attributed, refuse_stale_edit
from reports.annual import (
    PRIORITY_COMMENTARY,
    SECTIONS_BY_SLUG,
    WRITTEN,
    default_structure,
    section_of,
    structure_copy,
)
from reports.models import AnnualReport, ReportSectionSetting
from reports.signoffs import sign_offs_withdraw

UP, DOWN = "up", "down"
SECTION_TITLE_MAX_LENGTH = ReportSectionSetting._meta.get_field("title").max_length
SLUG_MAX_LENGTH = ReportSectionSetting._meta.get_field("slug").max_length


def report_structure(report: AnnualReport) -> list[ReportSectionSetting]:
    """Every section of the report's structure in order, removed ones included (the
    defaults, not yet saved, for a report with no structure of its own)."""
    return list(report.structure.all()) or default_structure(report)


def _locked_report(report: AnnualReport, by) -> AnnualReport:
    """The report, locked for the change, refused when published, with its structure made
    from the defaults if it has none of its own yet."""
    report = AnnualReport.objects.select_for_update().get(pk=report.pk)
    if report.is_published:
        raise ValidationError(
            f"The {report.year} report is published: its sections are fixed. Start a new draft "
            "from it to change them."
        )
    if not report.structure.exists():
        structure_copy(report=None, to=report, by=by)
    return report


def _setting(report: AnnualReport, slug: str, expected_version: int) -> ReportSectionSetting:
    current = ReportSectionSetting.objects.filter(report=report, slug=slug).first()
    if current is None:
        raise ValidationError("This report has no such section.")
    refuse_stale_edit(
        current,
        expected_version,
        f"{{who}} changed the section “{current.title}” while you were arranging the sections. "
        "Nothing has been changed: check the sections as they are now and try again.",
    )
    return current


def _clean_title(report: AnnualReport, title: str, *, slug: str | None = None) -> str:
    title = " ".join((title or "").split())
    if not title:
        raise ValidationError({"title": "Enter the section's title."})
    if len(title) > SECTION_TITLE_MAX_LENGTH:
        raise ValidationError({"title": f"The title must be {SECTION_TITLE_MAX_LENGTH} characters or fewer."})
    taken = report.structure.filter(title__iexact=title, removed=False).exclude(slug=slug)
    if taken.exists():
        raise ValidationError({"title": f"The report already has a section called “{title}”."})
    return title


def _withdraw_sign_offs(report: AnnualReport, by) -> None:
    """A change to the sections changes the report its lead partners signed off."""
    sign_offs_withdraw(
        report=report, by=by,
        reason=f"The report's sections were rearranged by {display_name(by)} on {timezone.localdate():%-d %B %Y}.",
    )


def _save(setting: ReportSectionSetting, by, fields: list[str]) -> ReportSectionSetting:
    setting.version += 1
    setting.full_clean()
    attributed(setting, by).save(update_fields=[*fields, "version"])
    _withdraw_sign_offs(setting.report, by)
    return setting


@transaction.atomic
def structure_rename(*, report: AnnualReport, slug: str, title: str, expected_version: int, by) -> ReportSectionSetting:
    """Give the section `slug` a new title; its text and generated part stay with it."""
    report = _locked_report(report, by)
    setting = _setting(report, slug, expected_version)
    setting.title = _clean_title(report, title, slug=slug)
    return _save(setting, by, ["title"])


@transaction.atomic
def structure_move(*, report: AnnualReport, slug: str, direction: str, expected_version: int, by) -> ReportSectionSetting:
    """Swap the section `slug` with the shown section before it (UP) or after it (DOWN);
    nothing happens at either end. Removed sections keep their place and are stepped over."""
    report = _locked_report(report, by)
    setting = _setting(report, slug, expected_version)
    shown = [row for row in report.structure.select_for_update() if not row.removed]
    index = next(index for index, row in enumerate(shown) if row.pk == setting.pk)
    other_index = index - 1 if direction == UP else index + 1
    if direction not in (UP, DOWN) or not 0 <= other_index < len(shown):
        return setting
    other = shown[other_index]
    setting.position, other.position = other.position, setting.position
    _save(other, by, ["position"])
    return _save(setting, by, ["position"])


@transaction.atomic
def structure_remove(*, report: AnnualReport, slug: str, expected_version: int, by) -> ReportSectionSetting:
    """Leave the optional section `slug` out of the report; its text is kept, so putting it
    back restores it. A statutory section is refused."""
    report = _locked_report(report, by)
    setting = _setting(report, slug, expected_version)
    if setting.statutory:
        raise ValidationError(
            f"“{setting.title}” is a section Working Together asks every yearly report to cover: "
            "it can be renamed or moved, not removed."
        )
    setting.removed = True
    return _save(setting, by, ["removed"])


@transaction.atomic
def structure_restore(*, report: AnnualReport, slug: str, expected_version: int, by) -> ReportSectionSetting:
    """Put a removed section back where it was."""
    report = _locked_report(report, by)
    setting = _setting(report, slug, expected_version)
    setting.removed = False
    _clean_title(report, setting.title, slug=slug)
    return _save(setting, by, ["removed"])


def _new_slug(report: AnnualReport, title: str) -> str:
    """A slug for a new section: from its title, never one of the defaults' or a priority
    commentary's, unique in the report."""
    base = (slugify(title)[: SLUG_MAX_LENGTH - 4].strip("-") or "section")
    if base in SECTIONS_BY_SLUG or base.startswith(PRIORITY_COMMENTARY.split("{")[0]):
        base = f"our-{base}"[: SLUG_MAX_LENGTH - 4]
    taken = set(report.structure.values_list("slug", flat=True))
    slug, number = base, 2
    while slug in taken:
        slug, number = f"{base}-{number}", number + 1
    return slug


@transaction.atomic
def structure_add(*, report: AnnualReport, title: str, by) -> ReportSectionSetting:
    """Add a written section called `title` at the end of the report."""
    report = _locked_report(report, by)
    title = _clean_title(report, title)
    last = report.structure.aggregate(last=Max("position"))["last"] or 0
    setting = ReportSectionSetting(
        report=report, slug=_new_slug(report, title), title=title, position=last + 1, kind=WRITTEN
    )
    setting.full_clean()
    attributed(setting, by).save()
    _withdraw_sign_offs(report, by)
    return setting


def structure_rows(report: AnnualReport) -> list[dict]:
    """The arrange page's rows: each section with what may be done to it."""
    settings = report_structure(report)
    shown = [row for row in settings if not row.removed]
    return [
        {
            "setting": row,
            "section": section_of(row),
            "first": bool(shown) and row.slug == shown[0].slug,
            "last": bool(shown) and row.slug == shown[-1].slug,
        }
        for row in settings
    ]
