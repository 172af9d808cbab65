"""The annual report: its sections, the content generated from the workplans, and the
changes to it (start, write, publish, start again from a published report).

`annual_report_content` returns one plain structure that the report page, the PDF and the
command all present. A draft's generated part is computed from the live data as at the
year end; a published report's is read from the snapshot frozen when it was published.
Every figure comes from subgroups.brag.
"""

import datetime
from dataclasses import asdict, dataclass, fields

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F, Prefetch, Q
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from plans.models import BusinessPlan, Partnership, Rating, display_name, priority_label, rating_label
from plans.permissions import Editor
from plans.text import with_lf_newlines
from subgroups.brag import RATING_ORDER, BragCounts, brag_summary, brag_trend, plan_as_at
from reports.challenges import challenges_of_year
from reports.evidence import funding_of_year, training_of_year, voice_of_year
from reports.charts import stacked_bars
from reports.markup import render_markup, section_text_length_error
from reports.models import AnnualReport, ReportSection, ReportSectionSetting
from reports.reviews import learning_from_reviews
from reports.selectors import quarter_ends
from reports.signoffs import content_fingerprint, missing_sign_offs, sign_off_state, sign_offs_withdraw
from subgroups.models import LEADS_PREFETCH, SubGroup, year_label_bounds

WRITTEN, GENERATED, BOTH = "written", "generated", "both"
NOT_YET_WRITTEN = "Not yet written."


@dataclass(frozen=True)
class Section:
    slug: str
    title: str
    kind: str  # WRITTEN, GENERATED or BOTH
    guidance: str = ""
    # Working Together asks every yearly report to cover it: it can be renamed and moved in a
    # report's structure, never removed.
    statutory: bool = False

    @property
    def is_written(self) -> bool:
        return self.kind in (WRITTEN, BOTH)


# The sections of an annual report, in order: what Working Together to Safeguard Children
# asks a partnership's yearly report to cover, as Merton's and Medway's reports do. These are
# the defaults a new draft's structure is copied from (ReportSectionSetting); the statutory
# ones are the parts Working Together 2023 (chapter 2, "Reporting") names: impact, areas of
# little or no progress, action on reviews, children's and families' feedback, scrutiny,
# funding and how effective the arrangements are.
SECTIONS = [
    Section("foreword", "Foreword by the Independent Chair", WRITTEN,
            "The Independent Chair's view of the year."),
    Section("introduction", "Introduction and local context", WRITTEN,
            "The borough, its children and families, and what shaped the year."),
    Section("arrangements", "Our safeguarding arrangements", BOTH,
            "Governance and the three statutory partners. The sub-groups and their remits are "
            "added from the sub-group records."),
    Section("progress", "Progress against our priorities", BOTH,
            "An overview of the year. Each priority's figures and achievements come from the "
            "workplans; write each priority's commentary under it.", statutory=True),
    Section("little-progress", "Areas with little or no progress", BOTH,
            "Your analysis of the actions listed: why they stalled and what the partnership is "
            "doing about it.", statutory=True),
    Section("themes", "Cross-cutting themes", GENERATED),
    Section("learning", "Learning from reviews", BOTH,
            "Your account of the year's learning. Each review active in the year, its "
            "recommendations, the actions taken, their evidence of impact and what is still "
            "open are added from the reviews register.", statutory=True),
    Section("training", "Multi-agency training and its impact", BOTH,
            "What the training achieved and how its impact was tested. The year's courses, "
            "attendance by agency and evaluations are added from the training register."),
    Section("voice", "The voice of children, young people and families", BOTH,
            "How the partnership sought feedback and how it changed the work. What was heard, "
            "and what changed, is added from the voice register.", statutory=True),
    Section("scrutiny", "Independent scrutiny and assurance", BOTH,
            "The independent scrutineer's statement on the year: what scrutiny looked at, what it "
            "found and how effective the arrangements are. The year's challenges and their "
            "outcomes are added from the challenge log.", statutory=True),
    Section("effectiveness", "Effectiveness of our arrangements and priorities for next year", WRITTEN,
            statutory=True),
    Section("funding", "Funding and budget", BOTH,
            "The budget statement: how the arrangements are funded and how the money was spent. "
            "The partners' contributions are added from the funding register.", statutory=True),
    Section("appendices", "Appendices", BOTH,
            "The glossary of acronyms. Sub-group membership is added from the sub-group records."),
    # Published on its own public page too (reports/publication.py FAMILY_SUMMARY).
    Section("family-summary", "A summary for children and families", WRITTEN,
            "A short summary in plain language for children, young people and families: what the "
            "partnership did this year and what it will do next. It is also published on its own page."),
]
SECTIONS_BY_SLUG = {section.slug: section for section in SECTIONS}
PRIORITY_COMMENTARY = "priority-{number}"


def priority_commentary_slug(number: int) -> str:
    return PRIORITY_COMMENTARY.format(number=number)


# -- A report's structure -----------------------------------------------------------------------


def section_of(setting: ReportSectionSetting) -> Section:
    """The section a structure row describes, with its default's guidance (a section the
    partnership added has none)."""
    default = SECTIONS_BY_SLUG.get(setting.slug)
    return Section(
        setting.slug, setting.title, setting.kind, default.guidance if default else "", setting.statutory
    )


def sections_of(report: AnnualReport | None) -> list[Section]:
    """The report's sections in order, without those removed from it; the defaults for a
    report with no structure of its own (or none)."""
    if report is None:
        return list(SECTIONS)
    settings = list(report.structure.all())
    if not settings:
        return list(SECTIONS)
    return [section_of(setting) for setting in settings if not setting.removed]


def structure_copy(*, report: AnnualReport, to: AnnualReport, by) -> None:
    """Give the draft `to` the structure of `report` (the defaults when it has none of its
    own), adding any statutory default section it lacks."""
    rows = [
        ReportSectionSetting(
            report=to, slug=row.slug, title=row.title, position=row.position, kind=row.kind,
            statutory=row.statutory, removed=row.removed,
        )
        for row in (report.structure.all() if report is not None else [])
    ] or default_structure(to)
    present = {row.slug for row in rows}
    missing = [row for row in default_structure(to) if row.statutory and row.slug not in present]
    for position, row in enumerate(missing, start=len(rows) + 1):
        row.position = position
    bulk_create_with_history([*rows, *missing], ReportSectionSetting, default_user=by)


def default_structure(report: AnnualReport) -> list[ReportSectionSetting]:
    """The default sections as (unsaved) structure rows of `report`."""
    return [
        ReportSectionSetting(
            report=report, slug=section.slug, title=section.title, position=position, kind=section.kind,
            statutory=section.statutory,
        )
        for position, section in enumerate(SECTIONS, start=1)
    ]


# -- Which plan and date a report is about --------------------------------------------------


def plan_for_year(*, partnership: Partnership, year: str) -> BusinessPlan | None:
    """The partnership's business plan covering the financial year `year` (the latest-starting
    one if two overlap it); None when no plan does."""
    start, end = year_label_bounds(year)
    return (
        BusinessPlan.objects.filter(partnership=partnership, period_start__lte=end, period_end__gte=start)
        .order_by("-period_start")
        .first()
    )


def year_end_date(*, plan: BusinessPlan, year: str, today: datetime.date | None = None) -> datetime.date:
    """The date the year's figures are judged at: 31 March at the year's end, kept within the
    plan's period and never after today (a year still running is reported as it stands)."""
    _start, end = year_label_bounds(year)
    today = today or timezone.localdate()
    return max(plan.period_start, min(end, plan.period_end, today))


def report_years(plan: BusinessPlan) -> list[str]:
    """The financial years a plan covers, earliest first ("2023-24", "2024-25")."""
    return plan.years


def annual_reports_by_plan(*, user) -> list[dict]:
    """For the annual reports page: each plan `user` can see, the years it covers, each
    year's reports (newest first) and whether a draft is open; `can_start` for the BSU."""
    partnerships = Partnership.objects.visible_to(user)
    plans = BusinessPlan.objects.filter(partnership__in=partnerships).select_related("partnership")
    reports = AnnualReport.objects.filter(partnership__in=partnerships).order_by("-created_at")
    by_year: dict = {}
    for report in reports:
        by_year.setdefault((report.partnership_id, report.year), []).append(report)
    editor = Editor.for_user(user)
    rows = []
    for plan in plans:
        years = []
        for year in report_years(plan):
            year_reports = by_year.get((plan.partnership_id, year), [])
            years.append({
                "year": year,
                "reports": year_reports,
                "has_draft": any(not report.is_published for report in year_reports),
            })
        rows.append({"plan": plan, "can_start": editor.is_bsu(plan.partnership_id), "years": years})
    return rows


# -- Generated content -------------------------------------------------------------------------


def _counts(counts: BragCounts) -> dict:
    return asdict(counts)


def _day(value: datetime.date | None) -> str | None:
    return value.isoformat() if value else None


def generated_content(*, partnership: Partnership, year: str) -> dict:
    """The report's generated part, computed from the year's workplans as at the year end, as
    JSON-ready data (this is what publishing freezes). A fixed number of queries whatever the
    number of actions."""
    plan = plan_for_year(partnership=partnership, year=year)
    if plan is None:
        raise ValidationError(f"{partnership.name} has no business plan covering {year}.")
    as_at = year_end_date(plan=plan, year=year)
    year_start = max(year_label_bounds(year)[0], plan.period_start)
    # The year's figures are the dashboard's for the same year and date: the same scope in brag.
    judged = plan_as_at(plan, as_at, year=year)
    by_priority = brag_summary(plan=plan, as_at=as_at, year=year, group_by="priority")
    by_theme = brag_summary(plan=plan, as_at=as_at, year=year, group_by="theme")
    rows = list(
        judged.as_they_stood()
        .filter(
            Q(current_rating__in=[Rating.BLUE, Rating.RED, Rating.AMBER])
            | Q(current_rating__isnull=True)
            | Q(is_overdue=True)
            | ~Q(closure="")
        )
        .select_related("priority", "workplan__subgroup", "carried_into__workplan")
        .prefetch_related(LEADS_PREFETCH)
        .order_by(F("priority__number").asc(nulls_last=True), "workplan__subgroup__short_name", "order", "pk")
    )
    achievements: dict[int | None, list] = {}
    little_progress = []
    for action in rows:
        entry = {
            "reference": action.reference,
            "description": action.description,
            "impact": action.impact,
            "subgroup": action.workplan.subgroup.short_name,
            "priority": priority_label(action.priority),
            "rating": action.current_rating,
            "narrative": action.current_narrative or "",
            "updated_on": _day(action.current_as_at),
            "lead": action.lead_names,
        }
        if action.current_rating == Rating.BLUE and not action.closure:
            achievements.setdefault(action.priority_id, []).append(entry)
            continue
        # How the year end closed it (carried forward, not achieved) and why, whenever the
        # rollover was done: that is the year's outcome for the action.
        if action.closure:
            entry |= {
                "closure": action.closure,
                "closure_label": action.closure_label,
                "closure_reason": action.closure_reason,
                "carried_into": action.carried_into.year_label if action.carried_into else "",
            }
        reasons = [action.closure_label] if action.closure else []
        if action.current_rating in (Rating.RED, Rating.AMBER):
            reasons.append(rating_label(action.current_rating))
        if action.current_rating is None:
            reasons.append(rating_label(None))
        if action.is_overdue:
            reasons.append("Overdue")
        little_progress.append(entry | {"reasons": reasons})
    priorities = list(plan.priorities.filter(added_on__lte=as_at))
    subgroups = SubGroup.objects.filter(partnership=partnership).prefetch_related(
        Prefetch("priorities", queryset=plan.priorities.all())
    )
    return {
        "partnership": {"name": partnership.name, "short_name": partnership.short_name},
        "plan": {
            "title": plan.title,
            "period_start": _day(plan.period_start),
            "period_end": _day(plan.period_end),
            "stale_after_days": plan.stale_after_days,
        },
        "year": year,
        "as_at": _day(as_at),
        # Every action has exactly one priority (or none), so the priority groups add up to all.
        "totals": _counts(sum(by_priority.values(), BragCounts())),
        "trend": [
            {"as_at": _day(day), "counts": _counts(counts)}
            for day, counts in brag_trend(plan=plan, year=year, days=quarter_ends(year_start, as_at))
        ],
        "priorities": [
            {
                "number": priority.number,
                "title": priority.title,
                "label": str(priority),
                "focus": priority.focus,
                "counts": _counts(by_priority.get(priority.pk, BragCounts())),
                "achievements": achievements.get(priority.pk, []),
            }
            for priority in priorities
        ],
        "core": {
            "label": priority_label(None),
            "counts": _counts(by_priority.get(None, BragCounts())),
            "achievements": achievements.get(None, []),
        },
        "little_progress": little_progress,
        "themes": [
            {"label": theme.title, "counts": _counts(by_theme.get(theme.pk, BragCounts()))}
            for theme in plan.themes.all()
        ],
        "learning": learning_from_reviews(partnership=partnership, year=year, as_at=as_at),
        "subgroups": [
            {
                "name": subgroup.name,
                "short_name": subgroup.short_name,
                "chair": subgroup.chair,
                "remit": subgroup.remit_lines,
                "members": subgroup.member_list,
                "priorities": [str(priority) for priority in subgroup.priorities.all()],
            }
            for subgroup in subgroups
        ],
        # The challenges raised in the year, with their outcomes (reports/challenges.py).
        "challenges": challenges_of_year(partnership=partnership, year=year),
        # The evidence registers' records of the year (reports/evidence.py).
        "voice": voice_of_year(partnership=partnership, year=year),
        "funding": funding_of_year(partnership=partnership, year=year),
        "training": training_of_year(partnership=partnership, year=year),
    }


def still_open(learning: list[dict]) -> list[dict]:
    """The recommendations of the year's reviews still open at the year end, by review."""
    return [
        {"review": review["reference"] or review["title"], "number": number, "progress": recommendation["progress"]}
        for review in learning
        for number, recommendation in enumerate(review["recommendations"], start=1)
        if not recommendation["complete"]
    ]


def _hydrated(generated: dict) -> dict:
    """The JSON-ready generated content with BragCounts and dates back in place, for
    templates and charts."""

    def counts(data: dict) -> BragCounts:
        known = {f.name for f in fields(BragCounts)}
        return BragCounts(**{key: value for key, value in data.items() if key in known})

    def day(value):
        return datetime.date.fromisoformat(value) if value else None

    def actions(entries):
        return [entry | {"updated_on": day(entry["updated_on"])} for entry in entries]

    return generated | {
        "as_at": day(generated["as_at"]),
        "plan": generated["plan"] | {
            "period_start": day(generated["plan"]["period_start"]),
            "period_end": day(generated["plan"]["period_end"]),
        },
        "totals": counts(generated["totals"]),
        "trend": [{"as_at": day(point["as_at"]), "counts": counts(point["counts"])} for point in generated["trend"]],
        "priorities": [
            priority | {"counts": counts(priority["counts"]), "achievements": actions(priority["achievements"])}
            for priority in generated["priorities"]
        ],
        "core": generated["core"] | {
            "counts": counts(generated["core"]["counts"]),
            "achievements": actions(generated["core"]["achievements"]),
        },
        "little_progress": actions(generated["little_progress"]),
        "themes": [theme | {"counts": counts(theme["counts"])} for theme in generated["themes"]],
        # Reports published before the challenge log have none.
        "challenges": [
            challenge | {"raised_on": day(challenge["raised_on"]), "closed_on": day(challenge["closed_on"])}
            for challenge in generated.get("challenges", [])
        ],
        # Reports published before the evidence registers have none of their parts.
        "evidence_recorded": "voice" in generated,
        "voice": [record | {"heard_on": day(record["heard_on"])} for record in generated.get("voice", [])],
        "funding": generated.get("funding", {"contributions": [], "total": 0}),
        "training": generated.get("training", {"courses": [], "by_agency": [], "sessions": 0, "attended": 0}),
        # Reports published before the register existed have no generated learning part.
        "learning_recorded": "learning" in generated,
        "learning": [
            review | {
                "dates": [date | {"day": day(date["day"])} for date in review["dates"]],
                "recommendations": [
                    recommendation | {"actions": actions(recommendation["actions"])}
                    for recommendation in review["recommendations"]
                ],
            }
            for review in generated.get("learning", [])
        ],
    }


def _share(part: int, whole: int) -> str:
    return f"{round(100 * part / whole)}%" if whole else "0%"


def year_at_a_glance(content: dict) -> list[dict]:
    """The key figures of the year, for the page after the contents: each a figure, what it
    counts, and a note. From the generated content only, so a published report's stay fixed."""
    totals, challenges = content["totals"], content["challenges"]
    recommendations = sum(len(review["recommendations"]) for review in content["learning"])
    return [
        {"figure": totals.total, "label": "actions in the year's workplans",
         "note": f"across {len(content['priorities'])} priorities and {len(content['subgroups'])} sub-groups"},
        {"figure": _share(totals.blue, totals.total), "label": "complete (Blue)", "note": f"{totals.blue} actions"},
        {"figure": _share(totals.green, totals.total), "label": "on track (Green)", "note": f"{totals.green} actions"},
        {"figure": totals.amber, "label": "Amber", "note": "progressing, with some risk being managed"},
        {"figure": totals.red, "label": "Red", "note": "off track without intervention"},
        {"figure": totals.overdue, "label": "overdue", "note": "past their due date and not complete"},
        {"figure": len(content["learning"]), "label": "reviews in the year",
         "note": f"{recommendations} recommendations, {len(content['learning_open'])} still open"},
        {"figure": len(challenges), "label": "challenges raised by scrutiny",
         "note": f"{sum(1 for challenge in challenges if challenge['closed_on'])} closed"},
    ]


@dataclass
class WrittenPart:
    slug: str
    title: str
    html: str
    is_written: bool
    version: int


@dataclass
class SectionContent:
    section: Section
    written: WrittenPart | None


def _written_part(slug: str, title: str, texts: dict[str, ReportSection]) -> WrittenPart:
    row = texts.get(slug)
    html = render_markup(row.text) if row else ""
    return WrittenPart(slug=slug, title=title, html=html, is_written=bool(html), version=row.version if row else 0)


def annual_report_content(report: AnnualReport | None, *, partnership: Partnership | None = None,
                          year: str | None = None) -> dict:
    """Everything the report shows, in order: the generated content (frozen for a published
    report, live as at the year end for a draft) and each written part as safe HTML.

    Without a `report` (the command, for a year nobody has started a report for), the content
    is generated for `partnership` and `year` with every written part "Not yet written".
    """
    if report is not None:
        partnership, year = report.partnership, report.year
        generated = report.snapshot if report.is_published else None
        texts = {row.slug: row for row in report.sections.all()}
    else:
        generated, texts = None, {}
    raw_generated = generated or generated_content(partnership=partnership, year=year)
    generated = _hydrated(raw_generated)
    generated["learning_open"] = still_open(generated["learning"])
    generated["glance"] = year_at_a_glance(generated)
    sections = [
        SectionContent(section=section, written=_written_part(section.slug, section.title, texts) if section.is_written else None)
        for section in sections_of(report)
    ]
    for priority in generated["priorities"]:
        priority["commentary"] = _written_part(
            priority_commentary_slug(priority["number"]), f"{priority['label']}: commentary", texts
        )
    priority_rows = [*generated["priorities"], generated["core"]]
    return {
        "report": report,
        "partnership": partnership,
        "year": year,
        "title": f"{partnership.name} Annual Report {year}",
        "sections": sections,
        "not_yet_written": NOT_YET_WRITTEN,
        **generated,
        "priority_rows": priority_rows,
        "trend_rows": [(point["as_at"], point["counts"]) for point in generated["trend"]],
        "trend_chart": stacked_bars([(f"{point['as_at']:%b %Y}", point["counts"]) for point in generated["trend"]]),
        "priority_chart": stacked_bars(
            [(f"P{row['number']}" if "number" in row else "Core", row["counts"]) for row in priority_rows]
        ),
        "chart_key": RATING_ORDER,
        **_sign_off_content(report, partnership, raw_generated, texts, [section.section for section in sections]),
    }


def _sign_off_content(report, partnership, generated: dict, texts: dict, sections: list[Section]) -> dict:
    """The lead partners (for the cover) and, for a report, where each one's sign-off stands
    against the content shown (reports/signoffs.py)."""
    if report is None:
        return {"lead_partners": list(partnership.lead_partners.all()), "sign_offs": []}
    fingerprint = None if report.is_published else report_fingerprint(generated, texts, sections)
    state = sign_off_state(report=report, fingerprint=fingerprint)
    if report.is_published:  # the partners who signed it, whoever has joined since
        state = [row for row in state if row.counts]
    return {"lead_partners": [row.partner for row in state], "sign_offs": state, "fingerprint": fingerprint}


def report_fingerprint(generated: dict, texts: dict[str, ReportSection], sections: list[Section]) -> str:
    """The fingerprint a sign-off of this content carries: its generated part, its sections in
    order with their titles, and its written texts (an empty text is as good as none: the
    report shows "Not yet written" for both)."""
    return content_fingerprint(
        generated=generated,
        texts={slug: row.text for slug, row in texts.items() if row.text},
        sections=[(section.slug, section.title) for section in sections],
    )


# -- Changes -------------------------------------------------------------------------------------


def written_part_title(report: AnnualReport, slug: str) -> str | None:
    """The title of the written part `slug` of `report`, or None when the report has none."""
    section = next((section for section in sections_of(report) if section.slug == slug), None)
    if section is not None:
        return section.title if section.is_written else None
    plan = plan_for_year(partnership=report.partnership, year=report.year)
    if plan is not None and slug.startswith("priority-") and slug[9:].isdigit():
        priority = plan.priorities.filter(number=int(slug[9:])).first()
        if priority is not None:
            return f"{priority}: commentary"
    return None


class SectionConflict(Exception):
    """Someone else saved the section after the author opened it."""

    def __init__(self, *, current: ReportSection):
        self.current = current
        changed_by = display_name(current.updated_by) if current.updated_by else "Someone"
        self.changed_by = changed_by
        super().__init__(f"{changed_by} changed this section while you were editing it.")


def _refuse_if_published(report: AnnualReport) -> None:
    if report.is_published:
        raise ValidationError(
            f"The {report.year} report was published on {report.published_at:%-d %B %Y} and can "
            "no longer be changed. Start a new draft from it to make changes."
        )


@transaction.atomic
def annual_report_start(*, partnership: Partnership, year: str, by=None) -> AnnualReport:
    """Start an empty draft report for `year`, with the default sections. Refused when the
    year is not covered by a business plan or a draft for it exists already."""
    try:
        year_label_bounds(year)
    except ValueError as error:
        raise ValidationError({"year": str(error)}) from error
    if plan_for_year(partnership=partnership, year=year) is None:
        raise ValidationError({"year": f"{partnership.name} has no business plan covering {year}."})
    already_started = ValidationError({"year": f"There is already a draft {year} report: carry on with that one."})
    if AnnualReport.objects.filter(partnership=partnership, year=year, status=AnnualReport.Status.DRAFT).exists():
        raise already_started
    report = AnnualReport(partnership=partnership, year=year)
    report.full_clean()
    try:
        # Someone starting the same year at the same moment passes the check above too; the
        # database's one-draft-per-year constraint refuses the second, in a savepoint so the
        # caller's transaction carries on.
        with transaction.atomic():
            report.save()
    except IntegrityError as error:
        raise already_started from error
    structure_copy(report=None, to=report, by=by)
    return report


def normalised_section_text(text: str | None) -> str:
    """A section's text as it is stored and measured: without surrounding blank space, and
    with the CR LF line breaks a browser sends as LF, so a line break counts as one
    character, as the page's character count shows it."""
    return with_lf_newlines(text).strip()


@transaction.atomic
def section_save(*, report: AnnualReport, slug: str, text: str, expected_version: int, author) -> ReportSection:
    """Save the written text of part `slug`, unless someone else saved it since the author
    loaded `expected_version` (0 for a part nobody has written): then raise SectionConflict
    and change nothing. A published report, and text longer than SECTION_TEXT_MAX_LENGTH,
    are refused. Text as it was is not saved again: the version stays (so nobody writing
    the part meanwhile is refused) and the sign-offs stand."""
    text = normalised_section_text(text)
    if (too_long := section_text_length_error(text)) is not None:
        raise ValidationError({"text": too_long})
    report = AnnualReport.objects.select_for_update().get(pk=report.pk)
    _refuse_if_published(report)
    if written_part_title(report, slug) is None:
        raise ValidationError("This report has no such section.")
    current = ReportSection.objects.filter(report=report, slug=slug).select_related("updated_by").first()
    if (current.version if current else 0) != expected_version:
        raise SectionConflict(current=current)
    if current is None:
        current = ReportSection(report=report, slug=slug, version=0)
    if current.text == text:
        return current
    current.text = text
    current.version += 1
    current.updated_by = author
    current.save()
    sign_offs_withdraw(
        report=report, by=author,
        reason=f"{written_part_title(report, slug)} was changed by {display_name(author)} on {timezone.localdate():%-d %B %Y}.",
    )
    return current


@transaction.atomic
def annual_report_publish(*, report: AnnualReport, user) -> AnnualReport:
    """Publish the draft: freeze its generated content, so later updates to the workplans
    never change it. Refused, naming them, until every lead partner has signed off the
    content as it is now."""
    report = AnnualReport.objects.select_for_update().select_related("partnership").get(pk=report.pk)
    _refuse_if_published(report)
    report.snapshot = generated_content(partnership=report.partnership, year=report.year)
    fingerprint = report_fingerprint(
        report.snapshot, {row.slug: row for row in report.sections.all()}, sections_of(report)
    )
    if missing := missing_sign_offs(sign_off_state(report=report, fingerprint=fingerprint)):
        raise ValidationError(
            "Every lead partner must sign off the report as it is now before it is published. "
            f"Not signed off: {', '.join(missing)}."
        )
    report.status = AnnualReport.Status.PUBLISHED
    report.published_at = timezone.now()
    report.published_by = user
    report.full_clean()
    report.save(update_fields=["snapshot", "status", "published_at", "published_by"])
    return report


@transaction.atomic
def annual_report_start_from(*, report: AnnualReport, user) -> AnnualReport:
    """Start a new draft of a published report's year with its structure and written
    sections copied in. Refused when a draft for that year exists already."""
    if not report.is_published:
        raise ValidationError("Only a published report can be started again: this one is still a draft.")
    try:
        with transaction.atomic():
            draft = AnnualReport.objects.create(partnership=report.partnership, year=report.year, based_on=report)
    except IntegrityError as error:
        raise ValidationError(f"There is already a draft {report.year} report: carry on with that one.") from error
    bulk_create_with_history(
        [ReportSection(report=draft, slug=row.slug, text=row.text, updated_by=user) for row in report.sections.all()],
        ReportSection,
        default_user=user,
    )
    structure_copy(report=report, to=draft, by=user)
    return draft
