"""E-mail reminders to the people who lead actions: before an action is due, when it becomes
stale, before a meeting's figures are counted ("updates due by …"), and a weekly digest.

A round (`reminder_round`) works out which reminders are due today from the same rules the
pages use (an action's rating, due date and staleness as its plan judges them, see
`subgroups.brag.plan_as_at`; the actions not updated since a body's last meeting, see
`reports.meetings.actions_not_updated`), and sends each person one message per kind, in plain
text and HTML, linking to each action's update form and to a page that stops that kind of
reminder (a signed link that needs no login).

Each reminder is sent once, however many rounds run at the same time and however often one is
run again: before sending, the round claims it by inserting its `SentReminder` row (unique per
person, kind and subject), in a transaction of its own, so that a second round finds it
claimed and passes over it; once sent, the row is marked sent. A round that dies between
claiming and sending (its worker killed) leaves the row pending: a later round claims it again
once `MSCP_REMINDER_LEASE_SECONDS` have passed since the claim, and sends it. A round that dies
after sending and before marking would send that message again: the window is the time it
takes to write one row.
"""

import datetime
import logging
from dataclasses import dataclass, field

from django.conf import settings
from django.core import signing
from django.core.mail import EmailMultiAlternatives
from django.db import IntegrityError, transaction
from django.db.models import F, Prefetch
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from plans.models import BusinessPlan, Partnership, Person, Rating, rating_label
from plans.services import attributed, refuse_stale_edit
from reports.meetings import actions_not_updated
from reports.models import Meeting, ReminderKind, ReminderPreference, ReminderSchedule, SentReminder
from subgroups.brag import plan_as_at
from subgroups.models import Action

logger = logging.getLogger("reports.reminders")

UNSUBSCRIBE_SALT = "reports.reminders.unsubscribe"
SCHEDULE_FIELDS = ["enabled", "days_before_due", "stale_reminders", "days_before_meeting", "digest_weekday"]


# -- Who receives what ----------------------------------------------------------------------------


def person_address(person: Person) -> str:
    """Where a person's reminders go: their directory address, else their account's (an
    account that is switched off receives nothing); "" when they have neither."""
    if person.email:
        return person.email
    user = person.user
    return user.email if user is not None and user.is_active and user.email else ""


def person_receives(person: Person, kind: str) -> bool:
    """Whether the person wants reminders of `kind` (every kind, until they say otherwise)."""
    preference = getattr(person, "reminder_preference", None)
    return preference is None or preference.receives(kind)


# -- What a round sends ----------------------------------------------------------------------------


@dataclass
class Item:
    """One thing a message reminds of: an action (with why, and its update form) or a line."""

    subject_key: str
    action: Action | None = None
    reason: str = ""


@dataclass
class Message:
    """One e-mail to one person, of one kind, about one or more items."""

    person: Person
    address: str
    kind: str
    items: list[Item] = field(default_factory=list)
    meeting: Meeting | None = None
    today: datetime.date | None = None


@dataclass
class RoundResult:
    """What a round did: messages sent, reminders in them, and messages that failed."""

    messages: int = 0
    reminders: int = 0
    failed: int = 0

    def __str__(self):
        return f"{self.messages} message(s) sent with {self.reminders} reminder(s); {self.failed} failed"


def _people_of(partnership: Partnership) -> dict[int, Person]:
    """The partnership's directory with what a round needs to address people: one query."""
    people = Person.objects.filter(partnership=partnership).select_related("user", "reminder_preference")
    return {person.pk: person for person in people}


def _live_actions(plan: BusinessPlan, today: datetime.date):
    """The plan's actions still being worked on, as they stand today, with their leads."""
    return (
        plan_as_at(plan, today)
        .as_they_stood(Action.objects.live())
        .select_related("workplan__subgroup", "workplan__plan")
        .prefetch_related(Prefetch("leads", queryset=Person.objects.only("pk")))
        .order_by("workplan__subgroup__short_name", "order", "pk")
    )


def _attention(action: Action) -> str:
    """Why an action needs attention, in words ("" when it does not): never by colour alone."""
    reasons = []
    if action.current_rating is None:
        reasons.append("Not yet rated")
    elif action.current_rating in (Rating.RED, Rating.AMBER):
        reasons.append(f"Rated {rating_label(action.current_rating)}")
    if action.is_overdue:
        reasons.append(f"overdue since {action.due_date:%-d %B %Y}")
    if action.is_stale:
        reasons.append(f"no update since {action.last_activity_on:%-d %B %Y}")
    return ", ".join(reasons)


def due_messages(schedule: ReminderSchedule, today: datetime.date) -> list[Message]:
    """The messages the partnership's schedule sends today (before any is claimed): one per
    person and kind, for the plans running today."""
    people = _people_of(schedule.partnership)
    messages: dict[tuple[int, str], Message] = {}

    def add(person_id: int, kind: str, item: Item, meeting: Meeting | None = None):
        person = people.get(person_id)
        if person is None or not schedule.sends(kind) or not person_receives(person, kind):
            return
        address = person_address(person)
        if not address:
            return
        key = (person_id, kind if meeting is None else f"{kind}-{meeting.pk}")
        message = messages.setdefault(
            key, Message(person=person, address=address, kind=kind, meeting=meeting, today=today)
        )
        message.items.append(item)

    plans = BusinessPlan.objects.filter(partnership=schedule.partnership).active(today)
    digest_day = schedule.digest_weekday is not None and today.weekday() == schedule.digest_weekday
    iso_year, iso_week, _ = today.isocalendar()
    for plan in plans:
        for action in _live_actions(plan, today):
            leads = [person.pk for person in action.leads.all()]
            complete = action.current_rating == Rating.BLUE
            if (
                schedule.days_before_due is not None
                and action.due_date is not None
                and not complete
                and today <= action.due_date <= today + datetime.timedelta(days=schedule.days_before_due)
            ):
                item = Item(
                    f"action-{action.pk}-due-{action.due_date:%Y-%m-%d}",
                    action,
                    f"due on {action.due_date:%-d %B %Y} (now: {rating_label(action.current_rating)})",
                )
                for person_id in leads:
                    add(person_id, ReminderKind.DUE, item)
            if action.is_stale:
                # One reminder each time it goes stale: a new update starts the clock again.
                item = Item(
                    f"action-{action.pk}-stale-{action.last_activity_on:%Y-%m-%d}",
                    action,
                    f"no update since {action.last_activity_on:%-d %B %Y}",
                )
                for person_id in leads:
                    add(person_id, ReminderKind.STALE, item)
            if digest_day and (reason := _attention(action)):
                item = Item(f"digest-{iso_year}-W{iso_week:02d}-action-{action.pk}", action, reason)
                for person_id in leads:
                    add(person_id, ReminderKind.DIGEST, item)
    if schedule.days_before_meeting is not None:
        upcoming = Meeting.objects.filter(
            partnership=schedule.partnership,
            cutoff__gte=today,
            cutoff__lte=today + datetime.timedelta(days=schedule.days_before_meeting),
        ).select_related("subgroup", "partnership")
        for meeting in upcoming:
            behind = actions_not_updated(meeting, today=today)
            if behind["plan"] is None or behind["plan"].status_on(today) != BusinessPlan.Status.ACTIVE:
                continue
            seen = set()
            for group in behind["groups"]:
                for action in group.actions:
                    if action.pk in seen:
                        continue
                    seen.add(action.pk)
                    item = Item(f"meeting-{meeting.pk}-action-{action.pk}", action, _attention(action) or "no update since the last meeting")
                    for person in action.leads.all():
                        add(person.pk, ReminderKind.MEETING, item, meeting)
    return list(messages.values())


# -- Claiming and sending --------------------------------------------------------------------------


def _claim(message: Message, now: datetime.datetime) -> list[SentReminder]:
    """Claim the message's items that nobody has sent or is sending: each by inserting its row
    (committed at once, so any other round sees it), or by taking over a pending row whose
    lease has run out. Returns the rows claimed; the message's items are kept to those."""
    existing = {
        row.subject_key: row
        for row in SentReminder.objects.filter(
            person=message.person, kind=message.kind, subject_key__in=[item.subject_key for item in message.items]
        )
    }
    expired = now - datetime.timedelta(seconds=settings.MSCP_REMINDER_LEASE_SECONDS)
    claimed, kept = [], []
    for item in message.items:
        row = existing.get(item.subject_key)
        if row is None:
            try:
                with transaction.atomic():
                    row = SentReminder.objects.create(
                        person=message.person, kind=message.kind, subject_key=item.subject_key,
                        address=message.address, claimed_at=now,
                    )
            except IntegrityError:  # another round claimed it a moment ago
                continue
        elif row.status == SentReminder.Status.SENT or row.claimed_at >= expired:
            continue
        elif not SentReminder.objects.filter(
            pk=row.pk, status=SentReminder.Status.PENDING, claimed_at__lt=expired
        ).update(claimed_at=now, attempts=F("attempts") + 1, address=message.address):
            continue  # another round took it over first
        claimed.append(row)
        kept.append(item)
    message.items = kept
    return claimed


def unsubscribe_token(person: Person, kind: str) -> str:
    """The signed token of a message's "stop these reminders" link: it names the person and
    the kind, and cannot be made up for anyone else."""
    return signing.dumps({"person": person.pk, "kind": kind}, salt=UNSUBSCRIBE_SALT, compress=True)


def unsubscribe_token_read(token: str) -> tuple[Person, str] | None:
    """The person and kind a token names; None for a token that is not one of ours, or names
    a person who has since left the directory."""
    try:
        data = signing.loads(token, salt=UNSUBSCRIBE_SALT)
        person = Person.objects.select_related("partnership").get(pk=int(data["person"]))
        kind = ReminderKind(data["kind"])
    except (signing.BadSignature, KeyError, TypeError, ValueError, Person.DoesNotExist):
        return None
    return person, kind


def absolute_url(path: str) -> str:
    return f"{settings.SITE_URL}{path}"


SUBJECTS = {
    ReminderKind.DUE: "Due soon: {names}",
    ReminderKind.STALE: "No recent update: {names}",
    ReminderKind.DIGEST: "Your actions that need attention, week of {monday:%-d %B %Y}",
}


def _names(items: list[Item]) -> str:
    names = [str(item.action) for item in items[:3]]
    more = len(items) - len(names)
    return ", ".join(names) + (f" and {more} more" if more else "")


def message_subject(message: Message) -> str:
    if message.kind == ReminderKind.MEETING:
        meeting = message.meeting
        return f"Updates due by {meeting.cutoff:%-d %B %Y} for the {meeting.title} on {meeting.date:%-d %B %Y}"
    monday = message.today - datetime.timedelta(days=message.today.weekday())
    return SUBJECTS[message.kind].format(names=_names(message.items), monday=monday)


def render_message(message: Message) -> EmailMultiAlternatives:
    """The e-mail for `message`: plain text and accessible HTML with the same words, each
    action linking to its update form, and a link that stops this kind of reminder."""
    unsubscribe_url = absolute_url(
        reverse("reports:reminder-unsubscribe", kwargs={"token": unsubscribe_token(message.person, message.kind)})
    )
    context = {
        "message": message,
        "subject": message_subject(message),
        "kind_label": ReminderKind(message.kind).label,
        "items": [
            {
                "action": item.action,
                "reason": item.reason,
                "update_url": absolute_url(reverse("subgroups:action-update", args=[item.action.pk])),
                "workplan": item.action.workplan,
            }
            for item in message.items
        ],
        "unsubscribe_url": unsubscribe_url,
        "preferences_url": absolute_url(reverse("reports:my-reminders")),
        "schedule_partnership": message.person.partnership,
        "service_name": settings.MSCP_SERVICE_NAME,
    }
    email = EmailMultiAlternatives(
        subject=context["subject"],
        body=render_to_string("reports/email/reminder.txt", context),
        to=[message.address],
        headers={"List-Unsubscribe": f"<{unsubscribe_url}>", "Auto-Submitted": "auto-generated"},
    )
    email.attach_alternative(render_to_string("reports/email/reminder.html", context), "text/html")
    return email


def send_message(email: EmailMultiAlternatives) -> None:
    """Hand one e-mail to the mail server (Django's e-mail API; SMTP in production)."""
    email.send(fail_silently=False)


def reminder_round(today: datetime.date | None = None) -> RoundResult:
    """Send every reminder due today (by each partnership's schedule and each person's
    choices) that has not been sent, each once; see the module's docstring for how a
    reminder is claimed. Runs outside any transaction: each claim commits on its own."""
    today = today or timezone.localdate()
    result = RoundResult()
    schedules = ReminderSchedule.objects.filter(enabled=True).select_related("partnership")
    for schedule in schedules:
        for message in due_messages(schedule, today):
            claimed = _claim(message, timezone.now())
            if not claimed:
                continue
            try:
                send_message(render_message(message))
            except OSError:  # smtplib's errors, a refused or dropped connection
                # Not sent: give the claims back, so the next round tries again.
                SentReminder.objects.filter(pk__in=[row.pk for row in claimed], status=SentReminder.Status.PENDING).delete()
                logger.exception("Reminder not sent to person %s (%s)", message.person.pk, message.kind)
                result.failed += 1
                continue
            SentReminder.objects.filter(pk__in=[row.pk for row in claimed]).update(
                status=SentReminder.Status.SENT, sent_at=timezone.now()
            )
            result.messages += 1
            result.reminders += len(claimed)
    logger.info("Reminder round for %s: %s", today, result)
    return result


# -- Writes: the schedule and each person's choices -------------------------------------------------


@transaction.atomic
def reminder_schedule_save(*, partnership: Partnership, expected_version: int, fields: dict, by) -> ReminderSchedule:
    """Set when the partnership's leads are reminded (made on first save; a partnership with
    none sends nothing). Refused, naming who, when someone saved it after `expected_version`."""
    schedule = ReminderSchedule.objects.select_for_update().filter(partnership=partnership).first()
    if schedule is None:
        schedule = ReminderSchedule(partnership=partnership, version=0)
    else:
        refuse_stale_edit(
            schedule,
            expected_version,
            "{who} changed the reminder schedule while you were editing it. Nothing has been saved: your "
            "choices are still in the form; check them against the schedule as it is now and save again.",
        )
    for name in SCHEDULE_FIELDS:
        if name in fields:
            setattr(schedule, name, fields[name])
    schedule.full_clean(exclude=["partnership"])
    schedule.version += 1
    attributed(schedule, by).save()
    return schedule


@transaction.atomic
def reminder_preferences_save(*, person: Person, kinds: set[str], by) -> ReminderPreference:
    """Make `kinds` the reminders the person receives (the others stop)."""
    preference, _ = ReminderPreference.objects.select_for_update().get_or_create(person=person)
    for kind in ReminderKind.values:
        setattr(preference, kind, kind in kinds)
    preference.version += 1
    attributed(preference, by).save()
    return preference


def reminder_unsubscribe(*, person: Person, kind: str | None) -> ReminderPreference:
    """Stop one kind of reminder for the person (every kind, for None): from the link in a
    message, so nobody signed in is named as having done it."""
    preference, _ = ReminderPreference.objects.get_or_create(person=person)
    kinds = set() if kind is None else preference.kinds - {kind}
    return reminder_preferences_save(person=person, kinds=kinds, by=None)
