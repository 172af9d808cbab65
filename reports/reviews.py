"""The register of learning reviews: rapid reviews, local child safeguarding practice reviews
(LCSPRs), national panel reviews and thematic reviews, their findings and recommendations, and
how each recommendation is tracked to completion through workplan actions.

Working Together to Safeguard Children 2023 asks the yearly report to say what the partnership
did as a result of its reviews; so a recommendation's progress is never typed in: it is read
from the actions linked to it, as they stood on the date asked (`recommendation_progress`),
with each action's rating taken from the same place the dashboard takes it
(`ActionQuerySet.with_current_state`, as `subgroups.brag.brag_actions` uses it).

Nothing here may name a child: free text is checked for dates, dates of birth, ages and
similar details (`identifying_details`) and the forms ask the author to confirm before saving
text that has them.
"""

import datetime
import re
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import BooleanField, Count, ExpressionWrapper, Max, Q
from django.utils import timezone

from plans.models import Partnership, Rating, financial_year, rating_label
from plans.services import (
    attributed,
    edit_changes_nothing,
    refuse_stale_edit,
    stale_edit_message,
    stale_removal_message,
)
from reports.models import Finding, LearningReview, Recommendation
from subgroups.models import Action, closure_label, year_label_bounds

# -- Identifying details -----------------------------------------------------------------------

MONTHS = (
    r"jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?"
)
# What may identify a child in a published register: a full date (a date of birth, or the day
# of an incident), a mention of a birth, an age, a postcode or an NHS number. A month and year
# ("October 2023") is how reviews are named and is not flagged.
IDENTIFYING_PATTERNS = [
    ("a date", re.compile(r"\b\d{1,2}[/.\-]\d{1,2}[/.\-](?:\d{4}|\d{2})\b")),
    ("a date", re.compile(r"\b\d{4}-\d{1,2}-\d{1,2}\b")),
    ("a date", re.compile(rf"\b\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?(?:{MONTHS})\.?,?\s+\d{{4}}\b", re.IGNORECASE)),
    ("a date", re.compile(rf"\b(?:{MONTHS})\.?\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}\b", re.IGNORECASE)),
    ("a date of birth", re.compile(r"\b(?:d\.?o\.?b|date of birth|birth ?date|born)\b", re.IGNORECASE)),
    (
        "an age",
        re.compile(
            r"\baged?\s*\d{1,2}\b|\b\d{1,2}[\s-]*(?:years?|yrs?|months?|weeks?)[\s-]*old\b", re.IGNORECASE
        ),
    ),
    ("a postcode", re.compile(r"\b[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}\b")),
    ("an NHS number", re.compile(r"\b\d{3}[ -]?\d{3}[ -]?\d{4}\b")),
]
NO_IDENTIFYING_DETAILS_HINT = (
    "Do not include anything that could identify a child or family: no names, dates of birth, "
    "ages, addresses, schools or dates of incidents."
)


def identifying_details(text: str) -> list[str]:
    """What in `text` may identify a child, each as the kind and the words found
    ('a date (“12/03/2015”)'), in the order found, each once; empty when nothing does."""
    found: list[tuple[int, str]] = []
    seen = set()
    for kind, pattern in IDENTIFYING_PATTERNS:
        for match in pattern.finditer(text or ""):
            words = match.group(0).strip()
            if words.lower() not in seen:
                seen.add(words.lower())
                found.append((match.start(), f"{kind} (“{words}”)"))
    return [description for _start, description in sorted(found)]


def identifying_details_warning(found: list[str]) -> str:
    """The warning shown beside a field whose text has `found` (see `identifying_details`)."""
    listed = found[0] if len(found) == 1 else ", ".join(found[:-1]) + " and " + found[-1]
    return (
        f"This may identify a child: it contains {listed}. Take it out, or tick “Save anyway” "
        "below if it cannot identify anyone."
    )


# -- Writes ----------------------------------------------------------------------------------------

REVIEW_FIELDS = [
    "kind", "reference", "title", "summary", "notified_on", "rapid_review_on", "decided_on", "published_on", "status",
]


def _check_review(review: LearningReview) -> None:
    """Refuse, by field, dates out of the order a review reaches them."""
    errors = {}
    if review.notified_on and review.rapid_review_on and review.rapid_review_on < review.notified_on:
        errors["rapid_review_on"] = ["The rapid review meeting must be on or after the notification."]
    if review.notified_on and review.decided_on and review.decided_on < review.notified_on:
        errors["decided_on"] = ["The decision must be on or after the notification."]
    if review.notified_on and review.published_on and review.published_on < review.notified_on:
        errors["published_on"] = ["Publication must be on or after the notification."]
    if errors:
        raise ValidationError(errors)
    review.full_clean(exclude=["partnership"])


@transaction.atomic
def review_create(*, partnership: Partnership, fields: dict, by) -> LearningReview:
    """Add a review to the partnership's register."""
    review = LearningReview(partnership=partnership, **{name: fields[name] for name in REVIEW_FIELDS if name in fields})
    _check_review(review)
    attributed(review, by).save()
    return review


@transaction.atomic
def review_edit(*, review: LearningReview, expected_version: int, fields: dict, by) -> LearningReview:
    """Save changes to the review's kind, names, summary, dates and status; refused, naming
    who, when someone saved it after the editor loaded `expected_version`."""
    current = LearningReview.objects.select_for_update().get(pk=review.pk)
    refuse_stale_edit(current, expected_version, stale_edit_message("review"))
    if edit_changes_nothing(current, {name: fields[name] for name in REVIEW_FIELDS if name in fields}):
        return current
    for name in REVIEW_FIELDS:
        if name in fields:
            setattr(current, name, fields[name])
    _check_review(current)
    current.version += 1
    attributed(current, by).save()
    return current


@transaction.atomic
def finding_add(*, review: LearningReview, text: str, by) -> Finding:
    """Add a finding after the review's others."""
    last = review.findings.aggregate(last=Max("order"))["last"] or 0
    finding = Finding(review=review, text=text, order=last + 1)
    finding.full_clean()
    attributed(finding, by).save()
    return finding


@transaction.atomic
def finding_edit(*, finding: Finding, expected_version: int, text: str, by) -> Finding:
    """Change a finding's words (refused when someone saved it since `expected_version`)."""
    current = Finding.objects.select_for_update().get(pk=finding.pk)
    refuse_stale_edit(current, expected_version, stale_edit_message("finding"))
    if edit_changes_nothing(current, {"text": text}):
        return current
    current.text = text
    current.full_clean()
    current.version += 1
    attributed(current, by).save()
    return current


@transaction.atomic
def recommendation_add(*, review: LearningReview, text: str, evidence_of_impact: str = "", by) -> Recommendation:
    """Add a recommendation after the review's others; its actions are linked separately."""
    last = review.recommendations.aggregate(last=Max("order"))["last"] or 0
    recommendation = Recommendation(review=review, text=text, evidence_of_impact=evidence_of_impact, order=last + 1)
    recommendation.full_clean()
    attributed(recommendation, by).save()
    return recommendation


@transaction.atomic
def recommendation_edit(
    *, recommendation: Recommendation, expected_version: int, text: str, evidence_of_impact: str, by
) -> Recommendation:
    """Change a recommendation's words and its evidence of impact (refused when someone saved
    it since `expected_version`)."""
    current = Recommendation.objects.select_for_update().get(pk=recommendation.pk)
    refuse_stale_edit(current, expected_version, stale_edit_message("recommendation"))
    if edit_changes_nothing(current, {"text": text, "evidence_of_impact": evidence_of_impact}):
        return current
    current.text, current.evidence_of_impact = text, evidence_of_impact
    current.full_clean()
    current.version += 1
    attributed(current, by).save()
    return current


@transaction.atomic
def recommendation_link_actions(
    *, recommendation: Recommendation, expected_version: int, actions: list[Action], by
) -> Recommendation:
    """Make `actions` the workplan actions that deliver the recommendation (linking the new
    ones, unlinking those left out). Only the review's partnership's actions, of any sub-group
    and year; refused when someone saved the recommendation since `expected_version`."""
    current = Recommendation.objects.select_for_update().select_related("review").get(pk=recommendation.pk)
    refuse_stale_edit(current, expected_version, stale_edit_message("recommendation"))
    partnership_id = current.review.partnership_id
    if any(action.workplan.subgroup.partnership_id != partnership_id for action in actions):
        raise ValidationError({"actions": ["Choose actions of this partnership's workplans."]})
    if edit_changes_nothing(current, {}, {"actions": actions}):
        return current
    attributed(current, by)
    current.actions.set(actions)
    current.version += 1
    current.save(update_fields=["version"])
    return current


def _renumbered(rows) -> None:
    """Number a review's findings or recommendations 1, 2, 3… again after one is removed, so
    every page and the annual report call each by the same number."""
    for number, row in enumerate(rows, start=1):
        if row.order != number:
            row.order = number
            row.save(update_fields=["order"])


@transaction.atomic
def finding_remove(*, finding: Finding, expected_version: int, by) -> None:
    """Remove a finding recorded by mistake (its history keeps it); the others are numbered
    again. Refused when someone changed it since `expected_version`."""
    current = Finding.objects.select_for_update().get(pk=finding.pk)
    refuse_stale_edit(current, expected_version, stale_removal_message("finding"))
    review_id = current.review_id
    attributed(current, by).delete()
    _renumbered(Finding.objects.filter(review=review_id).order_by("order", "pk"))


@transaction.atomic
def recommendation_remove(*, recommendation: Recommendation, expected_version: int, by) -> None:
    """Remove a recommendation recorded by mistake, with its links to actions (the actions
    stay; its history keeps it); the others are numbered again. Refused when someone changed
    it since `expected_version`."""
    current = Recommendation.objects.select_for_update().get(pk=recommendation.pk)
    refuse_stale_edit(current, expected_version, stale_removal_message("recommendation"))
    review_id = current.review_id
    attributed(current, by).delete()
    _renumbered(Recommendation.objects.filter(review=review_id).order_by("order", "pk"))


# -- Reads -------------------------------------------------------------------------------------------


def actions_as_at(actions, as_at: datetime.date):
    """`actions` as they stood on `as_at`, the dashboard's way (`subgroups.brag.brag_actions`):
    `current_rating` (their latest update on or before the date), `closure_then` (carried
    forward or not achieved by then, "" while open), and `existed` (in their workplan then:
    added by then and not retired), so an action linked before it was added still shows."""
    return (
        actions.with_current_state(as_at)
        .annotate(
            closure_then=Action.objects.closure_on(as_at),
            existed=ExpressionWrapper(Action.objects.existing_condition(as_at), output_field=BooleanField()),
        )
        .select_related("workplan__subgroup")
    )


def action_completes(action: Action) -> bool:
    """Whether an action (judged by `actions_as_at`) has done its part for a recommendation:
    in its workplan and Blue, or closed at a year end (carried forward or not achieved), on
    the date. The one rule for a recommendation's completion."""
    return bool(action.existed) and (bool(action.closure_then) or action.current_rating == Rating.BLUE)


def action_state_label(action: Action) -> str:
    """How a linked action stood on the date, in words."""
    if not action.existed:
        return "Not in a workplan on that date"
    if action.closure_then:
        return closure_label(action.closure_then)
    return rating_label(action.current_rating)


@dataclass
class RecommendationProgress:
    """A recommendation and its linked actions as they stood on a date."""

    recommendation: Recommendation
    actions: list[Action] = field(default_factory=list)

    @property
    def is_complete(self) -> bool:
        """Complete when it has actions and every one has done its part (`action_completes`)."""
        return bool(self.actions) and all(action_completes(action) for action in self.actions)

    @property
    def label(self) -> str:
        if not self.actions:
            return "Open: no actions linked"
        if self.is_complete:
            return "Complete"
        done = sum(action_completes(action) for action in self.actions)
        return f"Open: {done} of {len(self.actions)} actions done"


def recommendation_progress(
    recommendations: list[Recommendation], as_at: datetime.date
) -> dict[int, RecommendationProgress]:
    """Each recommendation's progress as at `as_at`, by its id: its linked actions (by year,
    sub-group and workplan order) as they stood then. Two queries, whatever the number."""
    progress = {recommendation.pk: RecommendationProgress(recommendation) for recommendation in recommendations}
    links = list(
        Recommendation.actions.through.objects.filter(recommendation__in=list(progress)).values_list(
            "recommendation_id", "action_id"
        )
    )
    judged = actions_as_at(Action.objects.filter(pk__in={action_id for _rec, action_id in links}), as_at)
    by_id = {action.pk: action for action in judged}
    for recommendation_id, action_id in links:
        progress[recommendation_id].actions.append(by_id[action_id])
    for item in progress.values():
        item.actions.sort(key=lambda a: (a.workplan.year, a.workplan.subgroup.short_name, a.order, a.pk))
    return progress


def review_overview(review: LearningReview, *, as_at: datetime.date) -> dict:
    """The review's page: its findings and its recommendations with their actions as at
    `as_at`, and how many recommendations were complete then. Four queries."""
    findings = list(review.findings.all())
    recommendations = list(review.recommendations.all())
    progress = recommendation_progress(recommendations, as_at)
    rows = [progress[recommendation.pk] for recommendation in recommendations]
    return {
        "review": review,
        "as_at": as_at,
        "findings": findings,
        "recommendations": rows,
        "complete": sum(row.is_complete for row in rows),
    }


def _dates_in(start: datetime.date, end: datetime.date) -> Q:
    return (
        Q(notified_on__range=(start, end))
        | Q(rapid_review_on__range=(start, end))
        | Q(decided_on__range=(start, end))
        | Q(published_on__range=(start, end))
    )


def _started_by(day: datetime.date) -> Q:
    """The review had begun by `day`: a key date on or before it, or, with none, added by then."""
    no_dates = Q(notified_on__isnull=True, rapid_review_on__isnull=True, decided_on__isnull=True, published_on__isnull=True)
    return (
        Q(notified_on__lte=day) | Q(rapid_review_on__lte=day) | Q(decided_on__lte=day) | Q(published_on__lte=day)
        | (no_dates & Q(created_at__date__lte=day))
    )


def year_end(year: str, today: datetime.date | None = None) -> datetime.date:
    """The date a year's reviews are judged at: 31 March at its end, or today while it runs."""
    today = today or timezone.localdate()
    start, end = year_label_bounds(year)
    return max(start, min(end, today))


def reviews_of_year(reviews, *, year: str, as_at: datetime.date) -> list[LearningReview]:
    """The reviews (a queryset) active in the financial year `year`: notified, met on, decided
    or published in it, or begun by then with recommendations still open as at `as_at` (the
    year end). What the annual report's "Learning from reviews" covers and the register's year
    filter shows. Three queries."""
    start, end = year_label_bounds(year)
    candidates = list(reviews.filter(_started_by(end)).annotate(in_year=ExpressionWrapper(
        _dates_in(start, end), output_field=BooleanField()
    )))
    carried = [review for review in candidates if not review.in_year]
    recommendations = list(Recommendation.objects.filter(review__in=carried))
    progress = recommendation_progress(recommendations, as_at)
    open_reviews = {item.recommendation.review_id for item in progress.values() if not item.is_complete}
    return [review for review in candidates if review.in_year or review.pk in open_reviews]


def review_years(reviews: list[LearningReview], today: datetime.date | None = None) -> list[str]:
    """The financial years of the reviews' key dates and the current year, latest first."""
    today = today or timezone.localdate()
    years = {financial_year(today)}
    for review in reviews:
        years |= {financial_year(day) for _label, day in review.key_dates if day}
    return sorted(years, reverse=True)


def review_key_date(review: LearningReview) -> datetime.date | None:
    """The latest key date a review has reached: what the register sorts by."""
    return max((day for _label, day in review.key_dates if day), default=None)


@dataclass
class RegisterSection:
    partnership: Partnership
    reviews: list[LearningReview] = field(default_factory=list)
    by_status: list[tuple[str, int]] = field(default_factory=list)
    by_kind: list[tuple[str, int]] = field(default_factory=list)


def reviews_register(
    *, user, kind: str = "", status: str = "", year: str = "", today: datetime.date | None = None
) -> list[RegisterSection]:
    """The register: for each partnership `user` belongs to, its reviews (narrowed to a kind,
    a status and a year's when asked; latest key date first), how many there are of each kind
    and status, and each review's recommendations complete today (`progress_label`). A fixed
    number of queries, whatever the number of reviews."""
    today = today or timezone.localdate()
    partnerships = list(Partnership.objects.visible_to(user).order_by("name"))
    reviews = LearningReview.objects.filter(partnership__in=partnerships)
    if kind:
        reviews = reviews.filter(kind=kind)
    if status:
        reviews = reviews.filter(status=status)
    chosen = reviews_of_year(reviews, year=year, as_at=year_end(year, today)) if year else list(reviews)
    sections = {p.pk: RegisterSection(partnership=p) for p in partnerships}
    counted = LearningReview.objects.filter(pk__in=[review.pk for review in chosen])
    status_labels, kind_labels = dict(LearningReview.Status.choices), dict(LearningReview.Kind.choices)
    for row in counted.order_by().values("partnership", "status").annotate(n=Count("pk")):
        sections[row["partnership"]].by_status.append((status_labels[row["status"]], row["n"]))
    for row in counted.order_by().values("partnership", "kind").annotate(n=Count("pk")):
        sections[row["partnership"]].by_kind.append((kind_labels[row["kind"]], row["n"]))
    for section in sections.values():
        section.by_status.sort(key=lambda item: list(status_labels.values()).index(item[0]))
        section.by_kind.sort(key=lambda item: list(kind_labels.values()).index(item[0]))
    recommendations = list(Recommendation.objects.filter(review__in=[review.pk for review in chosen]))
    progress = recommendation_progress(recommendations, today)
    per_review: dict[int, list[RecommendationProgress]] = {}
    for item in progress.values():
        per_review.setdefault(item.recommendation.review_id, []).append(item)
    for review in sorted(chosen, key=lambda r: (review_key_date(r) or datetime.date.min, r.pk), reverse=True):
        items = per_review.get(review.pk, [])
        review.recommendation_count = len(items)
        review.complete_count = sum(item.is_complete for item in items)
        review.latest_date = review_key_date(review)
        sections[review.partnership_id].reviews.append(review)
    return list(sections.values())


def partnership_actions_by_workplan(*, partnership_id: int, linked_ids: set[int], as_at: datetime.date) -> list[dict]:
    """The actions a recommendation may be linked to: the partnership's, of every sub-group and
    year, grouped by workplan (latest year first), each with its rating as at `as_at`. Retired
    actions are left out unless already linked. One query."""
    actions = actions_as_at(
        Action.objects.filter(workplan__subgroup__partnership=partnership_id).filter(
            Q(is_retired=False) | Q(pk__in=linked_ids)
        ),
        as_at,
    ).order_by("-workplan__year", "workplan__subgroup__short_name", "order", "pk")
    groups: list[dict] = []
    for action in actions:
        if not groups or groups[-1]["workplan"].pk != action.workplan_id:
            groups.append({"workplan": action.workplan, "actions": []})
        groups[-1]["actions"].append(action)
    return groups


# -- The annual report's "Learning from reviews" ------------------------------------------------


def _day(value: datetime.date | None) -> str | None:
    return value.isoformat() if value else None


def learning_from_reviews(*, partnership: Partnership, year: str, as_at: datetime.date) -> list[dict]:
    """The generated part of the annual report's "Learning from reviews", as JSON-ready data
    (publishing freezes it): each review active in the year (`reviews_of_year`), what it was,
    its recommendations, the actions taken with their ratings as at `as_at` (the year end),
    the evidence of impact, and whether each recommendation was still open. A fixed number of
    queries."""
    reviews = reviews_of_year(LearningReview.objects.filter(partnership=partnership), year=year, as_at=as_at)
    reviews.sort(key=lambda r: (review_key_date(r) or datetime.date.min, r.pk))
    findings: dict[int, list[str]] = {}
    for finding in Finding.objects.filter(review__in=[r.pk for r in reviews]):
        findings.setdefault(finding.review_id, []).append(finding.text)
    recommendations = list(Recommendation.objects.filter(review__in=[r.pk for r in reviews]))
    progress = recommendation_progress(recommendations, as_at)
    entries = []
    for review in reviews:
        rows = [progress[r.pk] for r in recommendations if r.review_id == review.pk]
        entries.append({
            "reference": review.reference,
            "title": review.title,
            "kind": review.get_kind_display(),
            "status": review.get_status_display(),
            "summary": review.summary,
            "dates": [{"label": str(label), "day": _day(day)} for label, day in review.key_dates if day],
            "findings": findings.get(review.pk, []),
            "recommendations": [
                {
                    "number": row.recommendation.order,
                    "text": row.recommendation.text,
                    "evidence_of_impact": row.recommendation.evidence_of_impact,
                    "complete": row.is_complete,
                    "progress": row.label,
                    "actions": [
                        {
                            "reference": action.reference,
                            "subgroup": action.workplan.subgroup.short_name,
                            "year": action.workplan.year,
                            "description": action.description,
                            "rating": action.current_rating if action.existed and not action.closure_then else None,
                            "closure": action.closure_then if action.existed else "",
                            "in_workplan": bool(action.existed),
                            "state": action_state_label(action),
                            "narrative": action.current_narrative or "",
                            "updated_on": _day(action.current_as_at),
                        }
                        for action in row.actions
                    ],
                }
                for row in rows
            ],
        })
    return entries
