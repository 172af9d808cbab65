"""The business plan and its vocabulary: partnerships, plans, priorities, themes, BRAG."""

import datetime
import re
import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone
from simple_history.models import HistoricalRecords


class Rating(models.TextChoices):
    """The BRAG scale. "Not yet rated" is the absence of a rating (NULL), never a colour."""

    BLUE = "blue", "Blue"
    GREEN = "green", "Green"
    AMBER = "amber", "Amber"
    RED = "red", "Red"

    @classmethod
    def severity(cls, rating: str | None) -> int:
        """Rank for direction of travel: higher is better; not yet rated ranks lowest."""
        return {cls.RED: 1, cls.AMBER: 2, cls.GREEN: 3, cls.BLUE: 4}.get(rating, 0)


NOT_RATED_LABEL = "Not yet rated"
# How forms, filters and links spell "not yet rated" (the database stores NULL).
NOT_RATED = "none"
RATING_CHOICES_WITH_NOT_RATED = [*Rating.choices, (NOT_RATED, NOT_RATED_LABEL)]


def rating_label(rating: str | None) -> str:
    """The word for a rating: "Blue", …, or "Not yet rated" for none."""
    return Rating(rating).label if rating else NOT_RATED_LABEL


CORE_FUNCTIONS_LABEL = "Core functions (no priority)"
# How filters and links spell "no priority" (core-function actions).
CORE_FUNCTIONS = "core"


def priority_label(priority) -> str:
    """A priority as headings name it, or the core functions for an action without one."""
    return str(priority) if priority else CORE_FUNCTIONS_LABEL


def priority_heading(number: int | None, title: str = "") -> str:
    """`priority_label` from a priority's number and title (a number of None: the core
    functions), for rows read as plain values."""
    return f"Priority {number}: {title}" if number is not None else CORE_FUNCTIONS_LABEL


def display_name(user) -> str:
    """How the product names a person: their full name, else their username."""
    return user.get_full_name() or user.username


def last_changed_by(instance) -> str:
    """Who saved `instance` last, by its history (django-simple-history), for a refused
    stale edit to name: "Someone" when the history does not say."""
    latest = instance.history.order_by("-history_date", "-history_id").first()
    return display_name(latest.history_user) if latest and latest.history_user else "Someone"

# Default meanings, from the business plan and the RAG definitions Medway's board discussed
# ("progressing with actions likely to be achieved within timescale").
DEFAULT_BRAG_MEANINGS = {
    Rating.BLUE: "Complete: delivered, impact evidenced",
    Rating.GREEN: "On track: will be achieved within timescale",
    Rating.AMBER: (
        "Progressing, with actions likely to be achieved within timescale; "
        "some risk being managed"
    ),
    Rating.RED: "Off track: will not be achieved within timescale without intervention",
}


def new_data_stamp() -> str:
    return uuid.uuid4().hex


class PartnershipQuerySet(models.QuerySet):
    def visible_to(self, user):
        """The partnerships `user` belongs to; nothing for anonymous users."""
        if not user.is_authenticated:
            return self.none()
        return self.filter(memberships__user=user)


class Partnership(models.Model):
    name = models.CharField(max_length=200, unique=True)
    short_name = models.CharField(max_length=20, help_text='For example "MSCP".')
    slug = models.SlugField(max_length=50, unique=True)
    # The logo on the annual report's cover: a PNG or JPEG kept through Django's storage API
    # in the private media folder, served only to the partnership's members
    # (plans.services.partnership_set_logo checks it).
    logo = models.FileField(upload_to="logos/", blank=True)
    logo_alt = models.CharField(
        "Logo description", max_length=200, blank=True,
        help_text="What the logo shows, for people who cannot see it.",
    )

    # Changed by every write to what the review pages show of this partnership (see
    # plans.data_stamp): their cached figures are kept under it, so a write is never hidden.
    data_stamp = models.CharField(max_length=32, default=new_data_stamp, editable=False)

    objects = PartnershipQuerySet.as_manager()

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class PartnershipScopedQuerySet(models.QuerySet):
    """Rows of one partnership; `partnership_path` is the lookup from the row to it."""

    partnership_path = "partnership"

    def visible_to(self, user):
        """Only rows of the partnerships `user` belongs to."""
        visible = Partnership.objects.visible_to(user)
        return self.filter(**{f"{self.partnership_path}__in": visible})


# Workplans and annual reports run from April to March.
FINANCIAL_YEAR_START_MONTH = 4


def financial_year(day: datetime.date) -> str:
    """The financial year (April to March) holding `day`, as workplans name it: "2024-25"."""
    start = day.year - (day.month < FINANCIAL_YEAR_START_MONTH)
    return f"{start}-{(start + 1) % 100:02d}"



class BusinessPlanQuerySet(PartnershipScopedQuerySet):
    def active(self, on: datetime.date | None = None):
        """Plans running on `on` (today by default): started and not yet ended."""
        on = on or timezone.localdate()
        return self.filter(period_start__lte=on, period_end__gte=on)

    def ended(self, on: datetime.date | None = None):
        return self.filter(period_end__lt=on or timezone.localdate())

    def upcoming(self, on: datetime.date | None = None):
        return self.filter(period_start__gt=on or timezone.localdate())


class BusinessPlan(models.Model):
    class Status(models.TextChoices):
        """Where a plan stands, read from its dates (never set by hand)."""

        UPCOMING = "upcoming", "Upcoming"
        ACTIVE = "active", "Active"
        ENDED = "ended", "Ended"

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="plans")
    title = models.CharField(max_length=200)
    period_start = models.DateField()
    period_end = models.DateField()
    approved_on = models.DateField(null=True, blank=True)
    approved_by = models.CharField(max_length=200, blank=True)
    next_review = models.DateField(null=True, blank=True)
    introduction = models.TextField(blank=True)
    stale_after_days = models.PositiveSmallIntegerField(
        default=settings.MSCP_DEFAULT_STALE_AFTER_DAYS,
        help_text="An action with no update for this many days is reported as stale.",
    )

    objects = BusinessPlanQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["-period_start", "title"]
        constraints = [
            models.CheckConstraint(
                condition=Q(period_end__gt=models.F("period_start")),
                name="plan_period_ends_after_it_starts",
            ),
            models.CheckConstraint(
                condition=Q(stale_after_days__gte=1), name="plan_stale_after_days_positive"
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("plans:plan-detail", kwargs={"pk": self.pk})

    def reporting_date(self, today: datetime.date | None = None) -> datetime.date:
        """The date the plan's current position is judged at: today while the plan runs,
        its last day once it has ended, its first day before it starts."""
        today = today or timezone.localdate()
        return min(max(today, self.period_start), self.period_end)

    def status_on(self, day: datetime.date | None = None) -> "BusinessPlan.Status":
        """Upcoming before the plan's first day, active to its last, ended after it."""
        day = day or timezone.localdate()
        if day < self.period_start:
            return self.Status.UPCOMING
        if day > self.period_end:
            return self.Status.ENDED
        return self.Status.ACTIVE

    @property
    def status(self) -> "BusinessPlan.Status":
        return self.status_on()

    @property
    def years(self) -> list[str]:
        """The financial years the plan covers, earliest first ("2023-24", "2024-25")."""
        first = int(financial_year(self.period_start)[:4])
        last = int(financial_year(self.period_end)[:4])
        return [financial_year(datetime.date(year, FINANCIAL_YEAR_START_MONTH, 1)) for year in range(first, last + 1)]

    def year_containing(self, day: datetime.date) -> str:
        """The plan's workplan year holding `day`; its first or last year for a day before it
        starts or after it ends."""
        return financial_year(min(max(day, self.period_start), self.period_end))

    def brag_meanings(self) -> dict[str, str]:
        """This plan's meaning for each rating, falling back to the defaults."""
        meanings = dict(DEFAULT_BRAG_MEANINGS)
        meanings.update({d.rating: d.meaning for d in self.brag_definitions.all()})
        return meanings


class BragDefinition(models.Model):
    """What a rating means in one plan (plans word their definitions differently)."""

    plan = models.ForeignKey(
        BusinessPlan, on_delete=models.CASCADE, related_name="brag_definitions"
    )
    rating = models.CharField(max_length=5, choices=Rating.choices)
    meaning = models.CharField(max_length=300)

    class Meta:
        ordering = ["plan", "rating"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "rating"], name="one_definition_per_rating"),
            models.CheckConstraint(
                condition=Q(rating__in=Rating.values), name="brag_definition_rating_valid"
            ),
        ]

    def __str__(self):
        return f"{self.get_rating_display()}: {self.meaning}"


class Priority(models.Model):
    plan = models.ForeignKey(BusinessPlan, on_delete=models.CASCADE, related_name="priorities")
    number = models.PositiveSmallIntegerField()
    title = models.CharField(max_length=200)
    focus = models.TextField(blank=True, help_text="What the partnership will focus on.")
    key_activities = models.TextField(blank=True, help_text="One activity per line.")
    added_on = models.DateField(
        help_text="When the priority joined the plan (priorities can be added mid-plan)."
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["plan", "number"]
        verbose_name_plural = "priorities"
        constraints = [
            models.UniqueConstraint(fields=["plan", "number"], name="unique_priority_number"),
            models.CheckConstraint(condition=Q(number__gte=1), name="priority_number_positive"),
        ]

    def __str__(self):
        return priority_heading(self.number, self.title)

    @property
    def key_activity_list(self) -> list[str]:
        return [line.strip() for line in self.key_activities.splitlines() if line.strip()]


class CrossCuttingTheme(models.Model):
    plan = models.ForeignKey(BusinessPlan, on_delete=models.CASCADE, related_name="themes")
    title = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    position = models.PositiveSmallIntegerField(default=0)
    added_on = models.DateField(null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["plan", "position", "title"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "title"], name="unique_theme_title"),
        ]

    def __str__(self):
        return self.title


class Membership(models.Model):
    """A user's role in one partnership. A user sees only the partnerships they belong to."""

    class Role(models.TextChoices):
        BSU = "bsu", "Business Support Unit"
        LEAD = "lead", "Sub-group chair or action lead"
        EXECUTIVE = "executive", "Executive"
        VIEWER = "viewer", "Viewer"
        # Working Together 2023: independent scrutiny "supports and challenges" the
        # arrangements; the scrutineer reads everything and writes only scrutiny records.
        SCRUTINEER = "scrutineer", "Independent scrutineer"

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    partnership = models.ForeignKey(
        Partnership, on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(max_length=10, choices=Role.choices)
    # Who gave whom which role, and when: access to a partnership is worth an audit trail.
    history = HistoricalRecords()

    class Meta:
        ordering = ["partnership", "user"]
        constraints = [
            models.UniqueConstraint(fields=["user", "partnership"], name="one_role_per_partnership"),
            models.CheckConstraint(
                condition=Q(role__in=["bsu", "lead", "executive", "viewer", "scrutineer"]),
                name="membership_role_valid",
            ),
        ]

    def __str__(self):
        return f"{self.user} – {self.get_role_display()}, {self.partnership.short_name}"


# How a workplan's lead cell names several leads: "Head of Early Help, LBM / Young Scrutineer",
# or one per line, or separated by semicolons.
LEAD_SEPARATORS = re.compile(r"\s+/\s+|;|\n")


def normalise_name(name: str) -> str:
    """A name as the directory keeps it: trimmed, runs of spaces made one."""
    return " ".join((name or "").split())


def name_key(name: str) -> str:
    """What two names that are the same person share: case and spacing ignored."""
    return normalise_name(name).casefold()


def split_lead_names(text: str) -> list[str]:
    """The names in a lead cell, in order, each once: "A / B; C" is A, B and C."""
    names: dict[str, str] = {}
    for piece in LEAD_SEPARATORS.split(text or ""):
        name = normalise_name(piece)
        if name:
            names.setdefault(name_key(name), name)
    return list(names.values())


class PersonQuerySet(PartnershipScopedQuerySet):
    def for_user(self, user):
        """The directories of the partnerships `user` belongs to."""
        return self.visible_to(user)


class Person(models.Model):
    """Someone in a partnership's directory: who leads actions and gives updates. Most have no
    login; `user` links the one who does, so My actions and updating work for them."""

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="people")
    name = models.CharField(max_length=200, help_text='A name or a post, for example "Head of Early Help, LBM".')
    role = models.CharField("Role or job title", max_length=200, blank=True)
    agency = models.CharField(max_length=200, blank=True)
    email = models.EmailField(blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="directory_entries",
        verbose_name="Account",
        help_text="Their login, where they have one.",
    )
    version = models.PositiveIntegerField(
        default=1, editable=False, help_text="Goes up by one with every edit."
    )

    objects = PersonQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = [Lower("name"), "pk"]
        verbose_name_plural = "people"
        constraints = [
            models.UniqueConstraint(
                "partnership", Lower("name"), name="unique_person_name_per_partnership"
            ),
            models.UniqueConstraint(
                fields=["partnership", "user"], name="one_person_per_user_per_partnership"
            ),
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.name = normalise_name(self.name)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("plans:directory-edit", kwargs={"pk": self.partnership_id, "person_pk": self.pk})


class LeadPartnerQuerySet(PartnershipScopedQuerySet):
    partnership_path = "partnership"


class LeadPartner(models.Model):
    """One of the partnership's lead safeguarding partners, who sign off its annual report
    (Working Together to Safeguard Children 2023: the local authority's chief executive, the
    integrated care board's chief executive and the chief officer of police). How many there
    are is how many sign-offs publishing needs."""

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="lead_partners")
    organisation = models.CharField(max_length=200, help_text='For example "London Borough of Merton".')
    role = models.CharField(
        "Lead partner's role", max_length=200, help_text='The statutory lead, for example "Chief Executive".'
    )
    order = models.PositiveIntegerField(default=0)
    version = models.PositiveIntegerField(
        default=1, editable=False, help_text="Goes up by one with every edit."
    )

    objects = LeadPartnerQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["partnership", "order", "pk"]
        constraints = [
            models.UniqueConstraint(
                "partnership", Lower("organisation"), name="unique_lead_partner_per_partnership"
            ),
        ]

    def __str__(self):
        return self.organisation
