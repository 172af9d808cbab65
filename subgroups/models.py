"""Who does what: sub-groups, their annual workplans, the actions in them and BRAG updates."""

import datetime
import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.db import models
from django.db.models import BooleanField, Case, ExpressionWrapper, F, OuterRef, Q, Subquery, Value, When
from django.db.models.functions import Coalesce
from django.db.models.lookups import Exact
from django.utils import timezone
from simple_history.models import HistoricalRecords

from plans.links import url_with_pk
from plans.models import (
    BusinessPlan,
    CrossCuttingTheme,
    Partnership,
    PartnershipScopedQuerySet,
    Person,
    Priority,
    Rating,
    rating_label,
)

# The longest text a workplan cell or an update may hold: a few pages, far more than any real
# one, but a bound on what a paste or an import can put in.
TEXT_LIMIT = 5000

YEAR_LABEL_PATTERN = re.compile(r"^(?P<start>\d{4})-(?P<end>\d{2})$")


def year_label_bounds(label: str) -> tuple[datetime.date, datetime.date]:
    """First and last day of a financial-year label such as "2023-24" (April to March)."""
    match = YEAR_LABEL_PATTERN.match(label or "")
    if not match:
        raise ValueError(f'"{label}" is not a year such as 2023-24')
    start_year = int(match["start"])
    if (start_year + 1) % 100 != int(match["end"]):
        raise ValueError(f'"{label}" is not a year such as 2023-24: the years must follow on')
    return datetime.date(start_year, 4, 1), datetime.date(start_year + 1, 3, 31)


def validate_year_label(label: str) -> None:
    try:
        year_label_bounds(label)
    except ValueError as error:
        raise ValidationError(str(error)) from error


class SubGroupQuerySet(PartnershipScopedQuerySet):
    partnership_path = "partnership"


class SubGroup(models.Model):
    partnership = models.ForeignKey(
        Partnership, on_delete=models.CASCADE, related_name="subgroups"
    )
    name = models.CharField(max_length=200)
    short_name = models.CharField(max_length=20, help_text='For example "PEI".')
    remit = models.TextField(blank=True, help_text="One remit line per line.")
    priorities = models.ManyToManyField(Priority, blank=True, related_name="subgroups")
    chair = models.CharField(max_length=200, blank=True)
    members = models.TextField(blank=True, help_text="Agencies and roles, one per line.")
    leads = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="led_subgroups",
        help_text="Users who chair or lead the sub-group and keep its workplan current.",
    )
    version = models.PositiveIntegerField(
        default=1, help_text="Goes up by one with every change to the sub-group's settings."
    )

    objects = SubGroupQuerySet.as_manager()
    history = HistoricalRecords(m2m_fields=[priorities])

    class Meta:
        ordering = ["partnership", "short_name"]
        verbose_name = "sub-group"
        constraints = [
            models.UniqueConstraint(
                fields=["partnership", "short_name"], name="unique_subgroup_short_name"
            ),
        ]

    def __str__(self):
        return f"{self.name} ({self.short_name})"

    def get_absolute_url(self):
        return url_with_pk("subgroups:subgroup-detail", self.pk)

    @property
    def remit_lines(self) -> list[str]:
        return [line.strip() for line in self.remit.splitlines() if line.strip()]

    @property
    def member_list(self) -> list[str]:
        return [line.strip() for line in self.members.splitlines() if line.strip()]


class WorkplanQuerySet(PartnershipScopedQuerySet):
    partnership_path = "subgroup__partnership"


class Workplan(models.Model):
    subgroup = models.ForeignKey(SubGroup, on_delete=models.CASCADE, related_name="workplans")
    plan = models.ForeignKey(BusinessPlan, on_delete=models.CASCADE, related_name="workplans")
    year = models.CharField(
        max_length=7, validators=[validate_year_label], help_text="For example 2023-24."
    )

    objects = WorkplanQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["subgroup", "-year"]
        constraints = [
            models.UniqueConstraint(fields=["subgroup", "year"], name="one_workplan_per_year"),
        ]

    def __str__(self):
        return f"{self.subgroup.short_name} workplan {self.year}"

    def clean(self):
        if self.subgroup_id and self.plan_id:
            if self.subgroup.partnership_id != self.plan.partnership_id:
                raise ValidationError("The sub-group and the plan belong to different partnerships.")

    def get_absolute_url(self):
        return url_with_pk("subgroups:workplan-detail", self.pk)

    @property
    def starts_on(self) -> datetime.date:
        return year_label_bounds(self.year)[0]

    @property
    def ends_on(self) -> datetime.date:
        return year_label_bounds(self.year)[1]


def not_complete(rating_field: str = "current_rating") -> Q:
    """Not blue, including not yet rated (SQL's NULL would otherwise fall out of `!= 'blue'`).
    The rating is named once, so a rating that is a subquery is written (and run) once."""
    rating = Coalesce(F(rating_field), Value(""), output_field=models.CharField())
    return ~Q(Exact(rating, Rating.BLUE))


def latest_update_query(as_at: datetime.date | None):
    """The latest update of the outer action, optionally only those on or before `as_at`."""
    updates = ActionUpdate.objects.filter(action=OuterRef("pk"))
    if as_at is not None:
        updates = updates.filter(as_at__lte=as_at)
    return updates.order_by("-as_at", "-created_at", "-pk")


class Closure(models.TextChoices):
    """How an incomplete action left its workplan at a year end: a closed state of its own,
    neither complete (Blue) nor overdue nor stale, always shown in these words."""

    CARRIED_FORWARD = "carried_forward", "Carried forward"
    NOT_ACHIEVED = "not_achieved", "Not achieved"


def closure_label(closure: str) -> str:
    return Closure(closure).label if closure else ""


class ActionQuerySet(PartnershipScopedQuerySet):
    partnership_path = "workplan__subgroup__partnership"

    def lock(self, pks) -> None:
        """Lock the actions `pks` until the transaction ends, in id order, before a write to
        them or to their partnership's data stamp (plans.data_stamp): every writer takes its
        actions first and the stamp after, in the same order, so no two wait on each other."""
        list(self.select_for_update().filter(pk__in=pks).order_by("pk").values_list("pk", flat=True))

    def existing_on(self, day: datetime.date):
        """Actions that were in their workplan on `day`: added by then and not yet retired."""
        return self.filter(self.existing_condition(day))

    def in_workplan(self):
        """Not retired: the actions a workplan lists, open or closed at a year end."""
        return self.filter(is_retired=False)

    def live(self):
        """Not retired and not closed: the actions still being worked on."""
        return self.filter(is_retired=False, closure="")

    def closed_condition(self, on: datetime.date) -> Q:
        """Closed (carried forward or not achieved) on or before `on`. Before its closing
        date an action is exactly as it was."""
        return Q(closed_on__lte=on)

    def closure_on(self, on: datetime.date) -> Case:
        """The action's closure as at `on` ("" while it was open then)."""
        return Case(
            When(self.closed_condition(on), then=F("closure")),
            default=Value(""),
            output_field=models.CharField(),
        )

    def with_current_state(self, as_at: datetime.date | None = None):
        """Annotate each action with its latest update as at `as_at` (or ever, if None):
        `current_rating` (NULL = not yet rated), `current_narrative` (the latest that has
        words: a check with none keeps the text before it), `current_as_at`, and
        `last_activity_on` (the latest update's date, else the date it was added)."""
        # A check with no words leaves the position's text as the update before it said it.
        worded = latest_update_query(as_at).exclude(kind=ActionUpdate.Kind.CHECK, narrative="")
        return self.with_current_rating(as_at).annotate(current_narrative=Subquery(worded.values("narrative")[:1]))

    def with_current_rating(self, as_at: datetime.date | None = None):
        """`with_current_state` without the narrative, for counts and comparisons that never
        show it: `current_rating`, `current_as_at` and `last_activity_on`."""
        latest = latest_update_query(as_at)
        return self.annotate(
            current_rating=Subquery(latest.values("rating")[:1]),
            current_as_at=Subquery(latest.values("as_at")[:1]),
        ).annotate(last_activity_on=Coalesce(F("current_as_at"), F("added_on")))

    def with_newest_update_id(self):
        """Annotate `newest_update_id`: the id of the update entered last (NULL for none),
        which an update form notes so that one added after it opened is not passed over."""
        newest = ActionUpdate.objects.filter(action=OuterRef("pk")).order_by("-pk")
        return self.annotate(newest_update_id=Subquery(newest.values("pk")[:1]))

    def due_passed_condition(self, on: datetime.date) -> Q:
        """The due date is before `on`: overdue, unless the action is complete or closed."""
        return Q(due_date__lt=on) & ~self.closed_condition(on)

    def inactive_condition(
        self, on: datetime.date, after_days: int, activity_field: str = "last_activity_on"
    ) -> Q:
        """No update for `after_days` days before `on`: stale, unless the action is complete
        or closed. Needs `with_current_state` (or another annotation named by `activity_field`)."""
        cutoff = on - datetime.timedelta(days=after_days)
        return Q(**{f"{activity_field}__lt": cutoff}) & ~self.closed_condition(on)

    def overdue_condition(self, on: datetime.date, rating_field: str = "current_rating") -> Q:
        """Due date passed and not complete. Needs `with_current_state` (or another
        annotation of the rating, named by `rating_field`)."""
        return self.due_passed_condition(on) & not_complete(rating_field)

    def stale_condition(
        self,
        on: datetime.date,
        after_days: int,
        rating_field: str = "current_rating",
        activity_field: str = "last_activity_on",
    ) -> Q:
        """No update for `after_days` days and not complete. Needs `with_current_state`."""
        return self.inactive_condition(on, after_days, activity_field) & not_complete(rating_field)

    def existing_condition(self, day: datetime.date) -> Q:
        """In the workplan on `day`: added by then and not yet retired (see `existing_on`)."""
        return Q(added_on__lte=day) & ~Q(is_retired=True, retired_on__lte=day)

    def with_flags(self, *, on: datetime.date, stale_after_days: int):
        """Annotate `is_overdue` and `is_stale` as judged on `on`, and `closure_then` (the
        closure as at `on`, "" while open). Needs `with_current_state`."""
        return self.annotate(
            closure_then=self.closure_on(on),
            is_overdue=ExpressionWrapper(self.overdue_condition(on), output_field=BooleanField()),
            is_stale=ExpressionWrapper(
                self.stale_condition(on, stale_after_days), output_field=BooleanField()
            ),
        )

    def with_date_flags(self, *, on: datetime.date, stale_after_days: int):
        """Annotate the date halves of the flags, `is_due_passed` and `is_inactive`: cheaper
        than `with_flags` where the caller knows each row's rating and applies "not complete"
        itself (each flag would otherwise repeat the latest-update lookup in SQL). Also
        `closure_then`, the closure as at `on` ("" while open)."""
        return self.annotate(
            closure_then=self.closure_on(on),
            is_due_passed=ExpressionWrapper(self.due_passed_condition(on), output_field=BooleanField()),
            is_inactive=ExpressionWrapper(
                self.inactive_condition(on, stale_after_days), output_field=BooleanField()
            ),
        )

    def overdue(self, on: datetime.date):
        return self.filter(self.overdue_condition(on))

    def stale(self, on: datetime.date, after_days: int):
        return self.filter(self.stale_condition(on, after_days))

    def delete(self):
        if ActionUpdate.objects.filter(action__in=self).exists():
            raise ValidationError(ACTION_WITH_UPDATES_KEPT)
        return super().delete()


ACTION_WITH_UPDATES_KEPT = (
    "An action with BRAG updates is never deleted: retire it instead, and its history stays."
)


class Action(models.Model):
    """One row of a sub-group workplan, with the six columns the business plan prescribes."""

    workplan = models.ForeignKey(Workplan, on_delete=models.CASCADE, related_name="actions")
    reference = models.CharField(max_length=20, blank=True, help_text='For example "PEI 1.3".')
    priority = models.ForeignKey(
        Priority,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="actions",
        help_text="Leave empty for a core-function action.",
    )
    impact = models.TextField(
        "Impact – what will success look like?", validators=[MaxLengthValidator(TEXT_LIMIT)]
    )
    description = models.TextField(
        "Action – what we will do to achieve this", validators=[MaxLengthValidator(TEXT_LIMIT)]
    )
    themes = models.ManyToManyField(
        CrossCuttingTheme, blank=True, related_name="actions", verbose_name="Cross-cutting themes"
    )
    leads = models.ManyToManyField(
        Person,
        blank=True,
        related_name="led_actions",
        verbose_name="Leads",
        help_text="The people in the partnership's directory who lead the action.",
    )
    timeframe = models.CharField("Timeframe", max_length=100, blank=True)
    due_date = models.DateField(null=True, blank=True, help_text="The date behind the timeframe.")
    added_on = models.DateField(default=timezone.localdate)
    order = models.PositiveIntegerField(default=0)
    is_retired = models.BooleanField(default=False)
    retired_on = models.DateField(null=True, blank=True)
    closure = models.CharField(
        "Closed as", max_length=20, choices=Closure.choices, blank=True, default="",
        help_text="Empty while the action is open.",
    )
    closed_on = models.DateField("Closed on", null=True, blank=True)
    closure_reason = models.TextField(
        "Reason for closing", blank=True, validators=[MaxLengthValidator(TEXT_LIMIT)]
    )
    carried_into = models.OneToOneField(
        "self",
        verbose_name="Carried forward into",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="carried_from",
        help_text="The action that continues this one in the next year's workplan.",
    )
    version = models.PositiveIntegerField(
        default=1, editable=False, help_text="Goes up by one with every edit."
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ActionQuerySet.as_manager()
    history = HistoricalRecords(m2m_fields=[themes, leads], excluded_fields=["updated_at"])

    class Meta:
        ordering = ["workplan", "order", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["workplan", "reference"],
                condition=~Q(reference=""),
                name="unique_action_reference_per_workplan",
            ),
            models.CheckConstraint(
                condition=Q(is_retired=False) | Q(retired_on__isnull=False),
                name="retired_action_has_retired_on",
            ),
            models.CheckConstraint(
                condition=(Q(closure="") & Q(closed_on__isnull=True) & Q(carried_into__isnull=True))
                | (Q(closure__in=Closure.values) & Q(closed_on__isnull=False)),
                name="closed_action_has_closed_on",
            ),
        ]

    def __str__(self):
        return self.reference or self.description[:60]

    def clean(self):
        if self.priority_id and self.workplan_id and self.priority.plan_id != self.workplan.plan_id:
            raise ValidationError({"priority": "Choose a priority of this workplan's plan."})

    def get_absolute_url(self):
        return url_with_pk("subgroups:action-detail", self.pk)

    @property
    def lead_names(self) -> str:
        """The leads' names as a workplan's Lead column gives them: "A / B" ("" for none).
        Reads `leads` as prefetched (see `LEADS_PREFETCH`), so a list costs one query."""
        return lead_names(self.leads.all())

    @property
    def is_closed(self) -> bool:
        return bool(self.closure)

    @property
    def closure_label(self) -> str:
        return closure_label(self.closure)

    @property
    def closure_as_judged(self) -> str:
        """The closure a row shows: as at the date the row was judged (`closure_then`, which
        the report queries annotate), so a page as at a day before the year end shows the
        action open; else its closure now."""
        return getattr(self, "closure_then", self.closure)

    @property
    def year_label(self) -> str:
        """How another year's page names this action: "PEI 1.2 (2023-24)"."""
        return f"{self} ({self.workplan.year})"

    def delete(self, *args, **kwargs):
        if self.pk is not None and self.updates.exists():
            raise ValidationError(ACTION_WITH_UPDATES_KEPT)
        return super().delete(*args, **kwargs)


def lead_names(people) -> str:
    """People's names joined as a lead cell joins them, by name: "A / B"."""
    return join_lead_names(person.name for person in people)


def join_lead_names(names) -> str:
    """Names (text) joined as a lead cell joins them: "A / B", in order of name."""
    return " / ".join(sorted(names, key=str.casefold))


# Prefetch for every list that shows or groups by the leads: one query, whatever the rows.
LEADS_PREFETCH = "leads"


class ActionUpdateQuerySet(models.QuerySet):
    def delete(self):
        raise ValidationError(UPDATES_NEVER_DELETED)

    def erase_with_their_partnership(self):
        """Erase these updates for good. Only for taking a whole partnership's data away
        (`load_demo --reset` restoring the demo as shipped), never for one person's history."""
        return models.QuerySet.delete(self)


UPDATES_NEVER_DELETED = "BRAG updates are never deleted: add a new update instead."


class ActionUpdate(models.Model):
    """A dated BRAG update. Append-only: a correction is a new update, never an edit.

    Most updates give a rating and say what has happened (`Kind.UPDATE`). A check
    (`Kind.CHECK`) records that the lead confirmed on `as_at` that the position is unchanged:
    it carries the rating forward, so every figure stays as it was, and the action is no
    longer stale."""

    class Kind(models.TextChoices):
        UPDATE = "update", "BRAG update"
        CHECK = "check", "Checked, no change"

    # PROTECT: deleting a workplan, sub-group, plan or partnership never takes updates with it.
    action = models.ForeignKey(Action, on_delete=models.PROTECT, related_name="updates")
    as_at = models.DateField("As at")
    rating = models.CharField(max_length=5, choices=Rating.choices, null=True, blank=True)
    narrative = models.TextField(blank=True, validators=[MaxLengthValidator(TEXT_LIMIT)])
    kind = models.CharField(max_length=6, choices=Kind.choices, default=Kind.UPDATE)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="entered_updates",
        help_text="Who entered the update.",
    )
    reported_by = models.ForeignKey(
        Person,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="reported_updates",
        help_text="Who gave the update, when someone else entered it on their behalf.",
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    objects = ActionUpdateQuerySet.as_manager()

    class Meta:
        ordering = ["action", "-as_at", "-created_at", "-pk"]
        indexes = [models.Index(fields=["action", "as_at", "created_at"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(rating__in=Rating.values) | Q(rating__isnull=True),
                name="update_rating_valid",
            ),
            models.CheckConstraint(
                condition=Q(kind__in=["update", "check"]), name="update_kind_valid"
            ),
        ]

    def __str__(self):
        return f"{self.action} as at {self.as_at:%d %b %Y}: {self.rating_label}"

    def save(self, *args, **kwargs):
        if self.pk is not None and not self._state.adding:
            raise ValidationError("BRAG updates are never edited: add a new update instead.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValidationError(UPDATES_NEVER_DELETED)

    @property
    def rating_label(self) -> str:
        return rating_label(self.rating)

    @property
    def is_check(self) -> bool:
        return self.kind == self.Kind.CHECK

    @property
    def summary(self) -> str:
        """What the update did, after the action's name: "updated: Amber as at 3 June 2024"
        or "checked, no change: Amber as at 3 June 2024"."""
        did = "checked, no change" if self.is_check else "updated"
        return f"{did}: {self.rating_label} as at {self.as_at:%-d %B %Y}"


class AppliedImport(models.Model):
    """The marker that an uploaded file has been imported: written in the same transaction
    as the import, so a second confirmation of the same upload (a double click, a second
    tab) finds it, waits for the first to finish, and changes nothing. Only a digest of the
    upload's token is kept; the token itself stays in the uploader's session."""

    token_digest = models.CharField(max_length=64, unique=True)
    subgroup = models.ForeignKey(SubGroup, on_delete=models.CASCADE, related_name="applied_imports")
    workplan = models.ForeignKey(
        Workplan, on_delete=models.CASCADE, null=True, related_name="applied_imports"
    )
    filename = models.CharField(max_length=255, blank=True)
    applied_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    applied_at = models.DateTimeField(default=timezone.now)

    def __str__(self):
        return f"{self.filename} imported into {self.workplan}"


class YearEndRollover(models.Model):
    """A year end applied from the year-end page: what was chosen, by whom and when. Written
    in the same transaction as the closures it records, keyed by a digest of the preview's
    token, so a second confirmation of one preview (a double click, a second tab) finds it
    and changes nothing."""

    token_digest = models.CharField(max_length=64, unique=True)
    plan = models.ForeignKey(BusinessPlan, on_delete=models.CASCADE, related_name="year_ends")
    year = models.CharField(max_length=7, validators=[validate_year_label])
    into_year = models.CharField(max_length=7, validators=[validate_year_label])
    workplan = models.ForeignKey(
        Workplan, on_delete=models.CASCADE, null=True, blank=True, related_name="year_ends",
        help_text="The one workplan rolled over; empty when the page covered every sub-group.",
    )
    carried_forward = models.PositiveIntegerField(default=0)
    not_achieved = models.PositiveIntegerField(default=0)
    left_open = models.PositiveIntegerField(default=0)
    workplans_created = models.TextField(blank=True, help_text="One workplan per line.")
    applied_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    applied_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-applied_at"]

    def __str__(self):
        return f"Year end {self.year} of {self.workplan or self.plan}"
