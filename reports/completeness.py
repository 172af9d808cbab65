"""The completeness check shown on the annual report before it is published: does the report
cover what Working Together to Safeguard Children 2023 asks a partnership's yearly report to
cover?

The seven topics are the statutory guidance's: the impact of the arrangements, areas of little
or no progress, learning from reviews and the actions taken, feedback from children and
families, independent scrutiny, funding, and education's involvement. Each is judged the same
way, from two kinds of evidence in the report itself (`annual_report_content`):

- its data: the records the report's generated part is built from (achievements with their
  impact evidence, the actions with little progress, the reviews, the feedback, the
  challenges, the contributions, education's members and attendance);
- its text: the written part where the report tells the story.

Both: covered. One of the two: thin. Neither: missing. The reason says which is lacking.

Education's involvement (Working Together 2023 names education and childcare among the
relevant agencies) counts as data when a sub-group's members, or the year's training
attendance, name a school, college, education, early years or nursery service; and as text
when any written part of the report mentions one of those.
"""

import re
from dataclasses import dataclass

COVERED, THIN, MISSING = "covered", "thin", "missing"
STATUS_LABELS = {COVERED: "Covered", THIN: "Thin", MISSING: "Missing"}
# GOV.UK Frontend tag colours; the word is always shown, so colour is never the only sign.
STATUS_TAGS = {COVERED: "govuk-tag--green", THIN: "govuk-tag--yellow", MISSING: "govuk-tag--red"}
EDUCATION_WORDS = re.compile(r"\b(?:schools?|education(?:al)?|colleges?|early years|nurser(?:y|ies))\b", re.IGNORECASE)


@dataclass(frozen=True)
class CompletenessItem:
    topic: str
    status: str  # COVERED, THIN or MISSING
    reason: str
    section: str  # the slug of the report section it is judged on, for a link

    @property
    def status_label(self) -> str:
        return STATUS_LABELS[self.status]

    @property
    def tag_class(self) -> str:
        return STATUS_TAGS[self.status]


def _plural(count: int, word: str, plural: str | None = None) -> str:
    return f"{count} {word if count == 1 else (plural or word + 's')}"


def _judged(topic: str, section: str, *, data: str | None, lacking_data: str, written: bool, title: str) -> CompletenessItem:
    """One topic judged from its `data` (what was found, or None) and whether its section is
    `written`."""
    if data and written:
        return CompletenessItem(topic, COVERED, f"{data}, and “{title}” is written.", section)
    if data:
        return CompletenessItem(topic, THIN, f"{data}, but “{title}” is not written.", section)
    if written:
        return CompletenessItem(topic, THIN, f"“{title}” is written, but {lacking_data[0].lower()}{lacking_data[1:]}.", section)
    return CompletenessItem(topic, MISSING, f"{lacking_data}, and “{title}” is not written.", section)


def report_completeness(content: dict) -> list[CompletenessItem]:
    """The seven topics Working Together asks the report to cover, each covered, thin or
    missing with a one-line reason, judged from `content` (reports.annual.annual_report_content)."""
    year = content["year"]
    sections = {item.section.slug: item for item in content["sections"]}

    def written(slug: str) -> bool:
        item = sections.get(slug)
        return bool(item and item.written and item.written.is_written)

    def title(slug: str) -> str:
        return sections[slug].section.title

    def judged(topic, slug, data, lacking):
        return _judged(topic, slug, data=data, lacking_data=lacking, written=written(slug), title=title(slug))

    achievements = [
        entry
        for row in [*content["priorities"], content["core"]]
        for entry in row["achievements"]
        if entry["narrative"]
    ]
    reviews_acted_on = [
        review for review in content["learning"]
        if any(recommendation["actions"] for recommendation in review["recommendations"])
    ]
    voice = content.get("voice", [])
    changed = [record for record in voice if record["what_changed"]]
    contributions = content.get("funding", {}).get("contributions", [])
    total_actions = content["totals"].total
    little = content["little_progress"]

    education_members = [
        member for subgroup in content["subgroups"] for member in subgroup["members"] if EDUCATION_WORDS.search(member)
    ]
    education_attended = sum(
        row["attended"] for row in content.get("training", {}).get("by_agency", []) if EDUCATION_WORDS.search(row["agency"])
    )
    written_html = [item.written.html for item in content["sections"] if item.written and item.written.is_written]
    written_html += [str(p["commentary"].html) for p in content["priorities"] if "commentary" in p]
    education_written = any(EDUCATION_WORDS.search(str(html)) for html in written_html)
    education_data = ", and ".join(
        part for part in (
            _plural(len(education_members), "education member") + " of the sub-groups" if education_members else "",
            f"{education_attended} from education at training" if education_attended else "",
        ) if part
    )
    education_text = "the written sections mention schools or education" if education_written else "no written section mentions schools or education"
    if education_data and education_written:
        education = CompletenessItem("Education's involvement", COVERED, f"{education_data}; {education_text}.", "arrangements")
    elif education_data or education_written:
        lacking = "no education agency is among the sub-groups' members or training attendance"
        education = CompletenessItem(
            "Education's involvement", THIN,
            f"{education_data}, but {education_text}." if education_data else f"The written sections mention schools or education, but {lacking}.",
            "arrangements",
        )
    else:
        education = CompletenessItem(
            "Education's involvement", MISSING,
            f"No education agency is among the sub-groups' members or training attendance, and {education_text}.",
            "arrangements",
        )

    return [
        judged(
            "Impact of the arrangements", "effectiveness",
            f"{_plural(len(achievements), 'complete action')} with impact evidence" if achievements else None,
            f"No action complete with impact evidence in {year}",
        ),
        judged(
            "Areas of little or no progress", "little-progress",
            (f"{_plural(len(little), 'action')} with little or no progress listed" if little
             else f"Every one of {total_actions} actions was on track (the report says so)") if total_actions else None,
            f"No actions in the {year} workplans",
        ),
        judged(
            "Learning from reviews and actions taken", "learning",
            f"{_plural(len(reviews_acted_on), 'review')} with recommendations linked to actions" if reviews_acted_on else None,
            f"No review active in {year} has recommendations linked to actions",
        ),
        judged(
            "Feedback from children and families", "voice",
            f"{_plural(len(voice), 'record')} of feedback for {year}, {len(changed)} saying what changed" if changed else None,
            f"No evidence from children and families recorded for {year}" if not voice
            else f"{_plural(len(voice), 'record')} of feedback for {year}, none saying what changed",
        ),
        judged(
            "Independent scrutiny", "scrutiny",
            f"{_plural(len(content['challenges']), 'challenge')} raised in {year}" if content["challenges"] else None,
            f"No challenges raised in {year}",
        ),
        judged(
            "Funding", "funding",
            f"{_plural(len(contributions), 'partner contribution')} for {year}" if contributions else None,
            f"No partner contributions recorded for {year}",
        ),
        education,
    ]
