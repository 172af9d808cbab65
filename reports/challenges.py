"""The challenge log: the independent scrutineer or an Executive member challenges a sub-group,
an action or a partner agency; the addressee responds; the raiser (or the BSU) closes the
challenge with its outcome. Every step is kept in the challenge's history (django-simple-history)
and shown as its timeline; the annual report's scrutiny section lists the year's challenges.

Working Together to Safeguard Children 2023: independent scrutiny "supports and challenges" the
arrangements, and the yearly report says how effective they have been. Merton's Independent
Scrutineer holds "those that are responsible to account" (seeds: Business Plan 2023-25).
"""

import datetime
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone

from plans.models import Partnership, display_name, financial_year
from plans.services import attributed, refuse_stale_edit
from plans.permissions import Editor
from plans.text import with_lf_newlines
from reports.models import Challenge, ChallengeResponse
from subgroups.models import Action, SubGroup, year_label_bounds

# How many open challenges the dashboard lists by name (the oldest first); the rest are counted.
DASHBOARD_OPEN_CHALLENGES = 3
TEXT_LIMIT = 4000


STALE_CHALLENGE = (
    "{who} changed this challenge while you were writing. Nothing has been saved: your "
    "text is still in the form; read the challenge again below and save again if it "
    "still applies."
)


def _refuse_closed(challenge: Challenge) -> None:
    if challenge.is_closed:
        raise ValidationError(
            f"This challenge was closed on {challenge.closed_on:%-d %B %Y} and can no longer be "
            "changed. Raise a new challenge to take it further."
        )


def _required_text(value: str, field: str, message: str) -> str:
    text = with_lf_newlines(value).strip()
    if not text:
        raise ValidationError({field: message})
    if len(text) > TEXT_LIMIT:
        raise ValidationError({field: f"Write {TEXT_LIMIT} characters or fewer (this is {len(text)})."})
    return text


# -- Writes -----------------------------------------------------------------------------------


@transaction.atomic
def challenge_raise(
    *, partnership: Partnership, by, target_kind: str, subgroup: SubGroup | None = None,
    action: Action | None = None, agency: str = "", question: str,
    respond_by: datetime.date | None = None, raised_on: datetime.date | None = None,
) -> Challenge:
    """Raise a challenge to a sub-group, an action or a partner agency of `partnership`.
    Only its independent scrutineer or an Executive member may (PermissionDenied otherwise).
    Refused by field: a target of another partnership or missing, an empty question, a
    response date before the day it is raised."""
    if not Editor.for_user(by).can_raise_challenge(partnership.pk):
        raise PermissionDenied("Only the independent scrutineer or an Executive member raises challenges.")
    raised_on = raised_on or timezone.localdate()
    errors = {}
    agency = (agency or "").strip()
    if target_kind == Challenge.Target.SUBGROUP:
        action, agency = None, ""
        if subgroup is None or subgroup.partnership_id != partnership.pk:
            errors["subgroup"] = "Choose the sub-group you are challenging."
    elif target_kind == Challenge.Target.ACTION:
        agency = ""
        if action is None or action.workplan.subgroup.partnership_id != partnership.pk:
            errors["action"] = "Choose the action you are challenging."
        else:
            subgroup = action.workplan.subgroup
    elif target_kind == Challenge.Target.AGENCY:
        subgroup = action = None
        if not agency:
            errors["agency"] = "Enter the name of the partner agency you are challenging."
        elif len(agency) > 200:
            errors["agency"] = "Enter the agency's name in 200 characters or fewer."
    else:
        errors["target_kind"] = "Choose what the challenge is to: a sub-group, an action or a partner agency."
    try:
        question = _required_text(question, "question", "Enter the challenge: what you are asking and why.")
    except ValidationError as error:
        errors |= error.message_dict
    if respond_by and respond_by < raised_on:
        errors["respond_by"] = "The response date must be today or later."
    if errors:
        raise ValidationError(errors)
    challenge = Challenge(
        partnership=partnership, raised_by=by, raised_on=raised_on, target_kind=target_kind,
        subgroup=subgroup, action=action, agency=agency, question=question, respond_by=respond_by,
    )
    challenge.full_clean()
    attributed(challenge, by).save()
    return challenge


@transaction.atomic
def challenge_respond(
    *, challenge: Challenge, by, text: str, expected_version: int, responded_on: datetime.date | None = None
) -> ChallengeResponse:
    """Add a response to the challenge: the BSU, or a lead of the challenged sub-group, may
    (PermissionDenied otherwise). A challenge may have several responses; the first moves it
    from "awaiting a response" to "responded". Refused: a closed challenge, an empty response,
    and a challenge changed since the author loaded `expected_version` (naming who)."""
    current = Challenge.objects.select_for_update(of=("self",)).get(pk=challenge.pk)
    if not Editor.for_user(by).answers_challenge(current):
        raise PermissionDenied("Only the BSU or a lead of the challenged sub-group responds.")
    _refuse_closed(current)
    text = _required_text(text, "text", "Enter your response to the challenge.")
    refuse_stale_edit(current, expected_version, STALE_CHALLENGE)
    response = ChallengeResponse(
        challenge=current, author=by, responded_on=responded_on or timezone.localdate(), text=text
    )
    response.full_clean()
    attributed(response, by).save()
    current.status = Challenge.Status.RESPONDED
    current.version += 1
    attributed(current, by).save(update_fields=["status", "version"])
    return response


@transaction.atomic
def challenge_close(
    *, challenge: Challenge, by, outcome: str, outcome_text: str, expected_version: int,
    closed_on: datetime.date | None = None,
) -> Challenge:
    """Close the challenge with its outcome (assured, action agreed, escalated, not assured)
    and what was concluded: whoever raised it, or the BSU (PermissionDenied otherwise). Refused:
    a closed challenge, a missing outcome or conclusion, and a challenge changed (answered, say)
    since the closer loaded `expected_version`, so nobody closes on a response they never read."""
    current = Challenge.objects.select_for_update(of=("self",)).get(pk=challenge.pk)
    if not Editor.for_user(by).closes_challenge(current):
        raise PermissionDenied("Only whoever raised the challenge, or the BSU, closes it.")
    _refuse_closed(current)
    errors = {}
    if outcome not in Challenge.Outcome.values:
        errors["outcome"] = "Choose the outcome of the challenge."
    try:
        outcome_text = _required_text(outcome_text, "outcome_text", "Enter what was concluded and why.")
    except ValidationError as error:
        errors |= error.message_dict
    if errors:
        raise ValidationError(errors)
    refuse_stale_edit(current, expected_version, STALE_CHALLENGE)
    current.status = Challenge.Status.CLOSED
    current.outcome, current.outcome_text = outcome, outcome_text
    current.closed_on, current.closed_by = closed_on or timezone.localdate(), by
    current.version += 1
    current.full_clean()
    attributed(current, by).save(
        update_fields=["status", "outcome", "outcome_text", "closed_on", "closed_by", "version"]
    )
    return current


# -- Reads --------------------------------------------------------------------------------------

# The log's status filter: its label, and the challenges it keeps.
LOG_STATUSES = {
    "open": ("Open (not yet closed)", Q(status__in=[Challenge.Status.OPEN, Challenge.Status.RESPONDED])),
    "closed": ("Closed", Q(status=Challenge.Status.CLOSED)),
}


def _with_targets(queryset):
    return queryset.select_related("partnership", "raised_by", "subgroup", "action", "closed_by")


def challenge_years(challenges, *, today: datetime.date | None = None) -> list[str]:
    """The financial years `challenges` were raised in, and the current one, latest first."""
    days = challenges.dates("raised_on", "month")
    years = {financial_year(day) for day in days} | {financial_year(today or timezone.localdate())}
    return sorted(years, reverse=True)


def challenge_log(*, partnership: Partnership, status: str = "", year: str = "", target_kind: str = "") -> dict:
    """The partnership's challenges, newest first, filtered by status ("open": not yet closed,
    or "closed"), financial year raised in ("2024-25") and target kind; with the counts of the
    filtered year and kind by status. Unknown filter values are ignored. A fixed number of
    queries whatever the number of challenges."""
    challenges = Challenge.objects.filter(partnership=partnership)
    if year:
        try:
            start, end = year_label_bounds(year)
        except ValueError:
            year = ""
        else:
            challenges = challenges.filter(raised_on__range=(start, end))
    if target_kind in Challenge.Target.values:
        challenges = challenges.filter(target_kind=target_kind)
    else:
        target_kind = ""
    counts = challenges.aggregate(
        total=Count("pk"),
        open=Count("pk", filter=Q(status=Challenge.Status.OPEN)),
        responded=Count("pk", filter=Q(status=Challenge.Status.RESPONDED)),
        closed=Count("pk", filter=Q(status=Challenge.Status.CLOSED)),
    )
    if status in LOG_STATUSES:
        challenges = challenges.filter(LOG_STATUSES[status][1])
    else:
        status = ""
    rows = list(_with_targets(challenges).annotate(response_count=Count("responses")).order_by("-raised_on", "-pk"))
    return {
        "challenges": rows,
        "counts": counts,
        "filters": {"status": status, "year": year, "target_kind": target_kind},
    }


def open_challenges(*, partnership_id: int, limit: int = DASHBOARD_OPEN_CHALLENGES) -> dict:
    """For the dashboard: how many of the partnership's challenges are not yet closed, how many
    of those await a response, and the oldest `limit` of them. Two queries."""
    not_closed = Challenge.objects.filter(partnership_id=partnership_id).not_closed()
    counts = not_closed.aggregate(
        count=Count("pk"), awaiting=Count("pk", filter=Q(status=Challenge.Status.OPEN))
    )
    oldest = list(
        not_closed.select_related("subgroup", "action").order_by("raised_on", "pk")[:limit]
    ) if counts["count"] else []
    return counts | {"oldest": oldest}


@dataclass(frozen=True)
class TimelineEntry:
    day: datetime.date
    what: str
    who: str
    text: str = ""


def challenge_timeline(challenge: Challenge) -> list[TimelineEntry]:
    """Every step of the challenge in order, read from its history: raised, each response,
    closed with the outcome. Two queries."""
    entries = [
        TimelineEntry(challenge.raised_on, "Raised", display_name(challenge.raised_by), challenge.question)
    ]
    for response in challenge.responses.select_related("author"):
        entries.append(TimelineEntry(response.responded_on, "Response", display_name(response.author), response.text))
    if challenge.is_closed:
        entries.append(
            TimelineEntry(
                challenge.closed_on,
                f"Closed: {challenge.get_outcome_display()}",
                display_name(challenge.closed_by) if challenge.closed_by else "Someone",
                challenge.outcome_text,
            )
        )
    return entries


def challenges_of_year(*, partnership: Partnership, year: str) -> list[dict]:
    """The challenges raised in the financial year `year`, oldest first, as JSON-ready rows for
    the annual report's scrutiny section (frozen with the report when it is published)."""
    start, end = year_label_bounds(year)
    rows = _with_targets(Challenge.objects.filter(partnership=partnership, raised_on__range=(start, end)))
    return [
        {
            "raised_on": challenge.raised_on.isoformat(),
            "raised_by": display_name(challenge.raised_by),
            "target": challenge.target_label,
            "target_kind": challenge.get_target_kind_display(),
            "question": challenge.question,
            "status": challenge.status,
            "status_label": challenge.get_status_display(),
            "outcome": challenge.get_outcome_display() if challenge.outcome else "",
            "outcome_text": challenge.outcome_text,
            "closed_on": challenge.closed_on.isoformat() if challenge.closed_on else None,
        }
        for challenge in rows.order_by("raised_on", "pk")
    ]
