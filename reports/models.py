"""The annual report: one per partnership and reporting year, with its written sections.

Its generated content (figures, achievements, areas with little progress, themes, sub-group
membership) is computed from the workplans while it is a draft and frozen into `snapshot` when
it is published (see reports/annual.py), so later updates never change a published report.
"""

from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone
from simple_history.models import HistoricalRecords

from plans.models import LeadPartner, Partnership, PartnershipScopedQuerySet, financial_year
from reports.markup import validate_section_text_length
from subgroups.models import validate_year_label


class AnnualReportQuerySet(PartnershipScopedQuerySet):
    partnership_path = "partnership"


class AnnualReport(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        PUBLISHED = "published", "Published"

    partnership = models.ForeignKey(
        Partnership, on_delete=models.CASCADE, related_name="annual_reports"
    )
    year = models.CharField(
        max_length=7, validators=[validate_year_label], help_text="For example 2023-24."
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    based_on = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="later_drafts",
        help_text="The report this draft was started from.",
    )
    published_at = models.DateTimeField(null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="published_reports",
    )
    snapshot = models.JSONField(
        null=True, blank=True, help_text="The generated content as it stood when published."
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = AnnualReportQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["snapshot"])

    class Meta:
        ordering = ["partnership", "-year", "-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["partnership", "year"],
                condition=Q(status="draft"),
                name="one_draft_annual_report_per_year",
            ),
            models.CheckConstraint(
                condition=Q(status__in=["draft", "published"]), name="annual_report_status_valid"
            ),
            models.CheckConstraint(
                condition=Q(status="draft") | Q(published_at__isnull=False, snapshot__isnull=False),
                name="published_report_is_frozen",
            ),
        ]

    def __str__(self):
        return f"{self.partnership.short_name} Annual Report {self.year} ({self.get_status_display()})"

    def get_absolute_url(self):
        return reverse("reports:annual-detail", kwargs={"pk": self.pk})

    @property
    def is_published(self) -> bool:
        return self.status == self.Status.PUBLISHED

    def get_public_url(self) -> str:
        """The report's public address (no sign-in), once published: per partnership and year."""
        return reverse("public:report", kwargs={"partnership": self.partnership.slug, "year": self.year})


class ReportSection(models.Model):
    """The written text of one part of a report (a section, or one priority's commentary),
    in the restricted markup of reports/markup.py."""

    report = models.ForeignKey(AnnualReport, on_delete=models.CASCADE, related_name="sections")
    slug = models.SlugField(max_length=40)
    text = models.TextField(blank=True, validators=[validate_section_text_length])
    version = models.PositiveIntegerField(
        default=1, editable=False, help_text="Goes up by one with every save."
    )
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["report", "slug"]
        constraints = [
            models.UniqueConstraint(fields=["report", "slug"], name="one_text_per_report_section"),
        ]

    def __str__(self):
        return f"{self.report}: {self.slug}"


class ReportSectionSetting(models.Model):
    """One section of one report's structure: its title and place, and whether it is left out.

    A report's sections are its own, copied from the defaults (reports.annual.SECTIONS) when
    the draft starts, or from the published report a new draft is started from. A section's
    slug ties it to its written text (ReportSection) and to the part generated from the data;
    statutory sections, which Working Together asks every yearly report to cover, can be
    renamed and moved but not removed."""

    class Kind(models.TextChoices):
        WRITTEN = "written", "Written"
        GENERATED = "generated", "Generated from the records"
        BOTH = "both", "Written and generated"

    report = models.ForeignKey(AnnualReport, on_delete=models.CASCADE, related_name="structure")
    slug = models.SlugField(max_length=40)
    title = models.CharField(max_length=120)
    position = models.PositiveIntegerField()
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.WRITTEN)
    statutory = models.BooleanField(default=False)
    removed = models.BooleanField(default=False)
    version = models.PositiveIntegerField(
        default=1, editable=False, help_text="Goes up by one with every save."
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["report", "position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["report", "slug"], name="one_setting_per_report_section"),
            models.CheckConstraint(
                condition=Q(kind__in=["written", "generated", "both"]), name="report_section_kind_valid"
            ),
            models.CheckConstraint(
                condition=Q(statutory=False) | Q(removed=False), name="statutory_section_not_removed"
            ),
        ]

    def __str__(self):
        return f"{self.report}: {self.title}"


class SignOff(models.Model):
    """A lead safeguarding partner's sign-off of one report, by them or their delegate.
    `fingerprint` is the report's content as signed (reports/signoffs.py): once the report
    differs from it, or a change withdrew it (`withdrawn_at`, with the reason), the sign-off
    no longer counts. Rows are kept: a withdrawn sign-off stays on record."""

    report = models.ForeignKey(AnnualReport, on_delete=models.CASCADE, related_name="sign_offs")
    # RESTRICT: a partner who signed stays, unless its partnership goes with its reports.
    lead_partner = models.ForeignKey(LeadPartner, on_delete=models.RESTRICT, related_name="sign_offs")
    signed_by = models.CharField("Name", max_length=200)
    role = models.CharField(
        max_length=200,
        help_text="Their role, or as a delegate, on whose behalf they sign.",
    )
    signed_on = models.DateField()
    fingerprint = models.CharField(max_length=64, editable=False)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", editable=False
    )
    recorded_at = models.DateTimeField(auto_now_add=True)
    withdrawn_at = models.DateTimeField(null=True, blank=True, editable=False)
    withdrawn_reason = models.CharField(max_length=300, blank=True, editable=False)

    history = HistoricalRecords()

    class Meta:
        ordering = ["report", "lead_partner__order", "-recorded_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["report", "lead_partner"],
                condition=Q(withdrawn_at__isnull=True),
                name="one_standing_sign_off_per_partner",
            ),
        ]

    def __str__(self):
        return f"{self.lead_partner}: signed by {self.signed_by} on {self.signed_on:%-d %B %Y}"


class Dispatch(models.Model):
    """A date the published report was sent to someone. Working Together to Safeguard Children
    2018 asks the partners to send it to the national Child Safeguarding Practice Review Panel
    and the What Works Centre for Children's Social Care within seven days of publishing it
    (REQUIRED_RECIPIENTS, as the partnership's issue asks); anyone else is "other"."""

    class Recipient(models.TextChoices):
        PANEL = "panel", "Child Safeguarding Practice Review Panel"
        WHAT_WORKS = "what-works", "What Works for Children's Social Care"
        OTHER = "other", "Someone else"

    REQUIRED_RECIPIENTS = (Recipient.PANEL, Recipient.WHAT_WORKS)

    report = models.ForeignKey(AnnualReport, on_delete=models.CASCADE, related_name="dispatches")
    recipient = models.CharField(max_length=12, choices=Recipient.choices)
    recipient_name = models.CharField(
        "Who it was sent to", max_length=200, blank=True, help_text="For someone else: who they are."
    )
    sent_on = models.DateField("Date sent")
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", editable=False
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["report", "sent_on", "pk"]
        verbose_name_plural = "dispatches"
        constraints = [
            models.CheckConstraint(
                condition=Q(recipient__in=["panel", "what-works", "other"]), name="dispatch_recipient_valid"
            ),
            models.CheckConstraint(
                condition=~Q(recipient="other") | ~Q(recipient_name=""), name="dispatch_other_is_named"
            ),
        ]

    def __str__(self):
        return f"{self.recipient_label}, {self.sent_on:%-d %B %Y}"

    @property
    def recipient_label(self) -> str:
        return self.recipient_name if self.recipient == self.Recipient.OTHER else self.get_recipient_display()


class MeetingQuerySet(PartnershipScopedQuerySet):
    partnership_path = "partnership"

    def of_body(self, *, body: str, subgroup_id: int | None = None):
        """The meetings of one body: the Executive, the full partnership, or one sub-group."""
        if body == Meeting.Body.SUBGROUP:
            return self.filter(body=body, subgroup_id=subgroup_id)
        return self.filter(body=body)


class Meeting(models.Model):
    """A meeting of the Executive, a sub-group or the full partnership. Its pack's figures are
    counted as at `cutoff` (the meeting's date unless the papers go out earlier); "what changed"
    is measured from the cut-off of the previous meeting of the same body. Merton's Executive
    meets monthly and the full partnership three times a year (Business Plan 2023-25)."""

    class Body(models.TextChoices):
        EXECUTIVE = "executive", "Executive"
        SUBGROUP = "subgroup", "Sub-group"
        PARTNERSHIP = "partnership", "Full partnership"

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="meetings")
    body = models.CharField(max_length=12, choices=Body.choices)
    subgroup = models.ForeignKey(
        "subgroups.SubGroup",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="meetings",
        help_text="The sub-group that meets, for a sub-group meeting.",
    )
    date = models.DateField()
    cutoff = models.DateField(
        "Figures as at", help_text="The date the pack's figures are counted at: the meeting's date or earlier."
    )
    notes = models.TextField(blank=True, max_length=2000)
    version = models.PositiveIntegerField(
        default=1, editable=False, help_text="Goes up by one with every save."
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = MeetingQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["partnership", "date", "body"]
        constraints = [
            models.CheckConstraint(
                condition=Q(body__in=["executive", "subgroup", "partnership"]), name="meeting_body_valid"
            ),
            models.CheckConstraint(
                condition=Q(body="subgroup", subgroup__isnull=False) | (~Q(body="subgroup") & Q(subgroup__isnull=True)),
                name="meeting_subgroup_only_for_subgroup_body",
            ),
            models.CheckConstraint(condition=Q(cutoff__lte=models.F("date")), name="meeting_cutoff_not_after_date"),
            models.UniqueConstraint(
                fields=["partnership", "body", "date"],
                condition=Q(subgroup__isnull=True),
                name="one_meeting_of_a_body_per_day",
            ),
            models.UniqueConstraint(
                fields=["subgroup", "date"],
                condition=Q(subgroup__isnull=False),
                name="one_meeting_of_a_subgroup_per_day",
            ),
        ]

    def __str__(self):
        return f"{self.title} on {self.date:%-d %B %Y}"

    def get_absolute_url(self):
        return reverse("reports:meeting-detail", kwargs={"pk": self.pk})

    @property
    def body_name(self) -> str:
        """The body as headings name it: "Executive", "Full partnership" or the sub-group's short name."""
        if self.body == self.Body.SUBGROUP and self.subgroup_id:
            return self.subgroup.short_name
        return self.get_body_display()

    @property
    def title(self) -> str:
        """ "Executive meeting", "Full partnership meeting", "PEI sub-group meeting". """
        if self.body == self.Body.SUBGROUP and self.subgroup_id:
            return f"{self.subgroup.short_name} sub-group meeting"
        return f"{self.get_body_display()} meeting"

    @property
    def body_phrase(self) -> str:
        """The body in a sentence: "the Executive", "the full partnership", "the PEI sub-group"."""
        if self.body == self.Body.SUBGROUP and self.subgroup_id:
            return f"the {self.subgroup.short_name} sub-group"
        return f"the {self.get_body_display()}" if self.body == self.Body.EXECUTIVE else "the full partnership"

    def same_body(self):
        """The meetings of this meeting's body (this one included)."""
        return Meeting.objects.filter(partnership=self.partnership_id).of_body(
            body=self.body, subgroup_id=self.subgroup_id
        )


class ChallengeQuerySet(PartnershipScopedQuerySet):
    partnership_path = "partnership"

    def not_closed(self):
        """Challenges still open: awaiting a response or responded to, not yet closed."""
        return self.exclude(status=Challenge.Status.CLOSED)


class Challenge(models.Model):
    """A challenge the independent scrutineer or an Executive member raises to a sub-group, an
    action or a partner agency, which the addressee answers and the raiser closes with its
    outcome. Working Together to Safeguard Children 2023: independent scrutiny "supports and
    challenges" the arrangements; the annual report shows what came of it.

    The target is a kind plus the row it names: a sub-group, an action (with its sub-group, so
    the sub-group's leads may answer), or an agency by name. A learning review will be another
    kind with its own nullable foreign key."""

    class Target(models.TextChoices):
        SUBGROUP = "subgroup", "A sub-group"
        ACTION = "action", "An action"
        AGENCY = "agency", "A partner agency"

    class Status(models.TextChoices):
        OPEN = "open", "Awaiting a response"
        RESPONDED = "responded", "Responded"
        CLOSED = "closed", "Closed"

    class Outcome(models.TextChoices):
        ASSURED = "assured", "Assured"
        ACTION_AGREED = "action_agreed", "Action agreed"
        ESCALATED = "escalated", "Escalated"
        NOT_ASSURED = "not_assured", "Not assured"

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="challenges")
    raised_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="challenges_raised")
    raised_on = models.DateField()
    target_kind = models.CharField("Challenge to", max_length=10, choices=Target.choices)
    subgroup = models.ForeignKey(
        "subgroups.SubGroup", on_delete=models.CASCADE, null=True, blank=True, related_name="challenges"
    )
    action = models.ForeignKey(
        "subgroups.Action", on_delete=models.CASCADE, null=True, blank=True, related_name="challenges"
    )
    agency = models.CharField("Partner agency", max_length=200, blank=True)
    question = models.TextField("Challenge", max_length=4000)
    respond_by = models.DateField("Response wanted by", null=True, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    outcome = models.CharField(max_length=15, choices=Outcome.choices, blank=True)
    outcome_text = models.TextField("What was concluded", max_length=4000, blank=True)
    closed_on = models.DateField(null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    version = models.PositiveIntegerField(default=1, editable=False, help_text="Goes up by one with every save.")
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ChallengeQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["partnership", "-raised_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=["open", "responded", "closed"]), name="challenge_status_valid"
            ),
            models.CheckConstraint(
                condition=Q(outcome__in=["", "assured", "action_agreed", "escalated", "not_assured"]),
                name="challenge_outcome_valid",
            ),
            models.CheckConstraint(
                condition=(
                    Q(target_kind="subgroup", subgroup__isnull=False, action__isnull=True, agency="")
                    | Q(target_kind="action", subgroup__isnull=False, action__isnull=False, agency="")
                    | (Q(target_kind="agency", subgroup__isnull=True, action__isnull=True) & ~Q(agency=""))
                ),
                name="challenge_names_one_target",
            ),
            models.CheckConstraint(
                condition=(
                    Q(status="closed", closed_on__isnull=False, closed_by__isnull=False) & ~Q(outcome="")
                )
                | Q(~Q(status="closed"), outcome="", closed_on__isnull=True, closed_by__isnull=True),
                name="challenge_closed_with_outcome",
            ),
        ]

    def __str__(self):
        return f"Challenge to {self.target_label}, raised {self.raised_on:%-d %B %Y}"

    def get_absolute_url(self):
        return reverse("reports:challenge-detail", kwargs={"pk": self.pk})

    @property
    def target_label(self) -> str:
        """Who or what is challenged, as the log names it: "the PEI sub-group", "action PEI 1.3",
        or the agency's name. Needs `subgroup` and `action` loaded for a list."""
        if self.target_kind == self.Target.ACTION and self.action_id:
            name = self.action.reference or self.action.description[:40]
            short_name = self.subgroup.short_name
            return f"action {name}" if name.startswith(f"{short_name} ") else f"action {name} ({short_name})"
        if self.target_kind == self.Target.SUBGROUP and self.subgroup_id:
            return f"the {self.subgroup.short_name} sub-group"
        return self.agency

    @property
    def is_closed(self) -> bool:
        return self.status == self.Status.CLOSED


class ChallengeResponse(models.Model):
    """One answer to a challenge, by the BSU or a lead of the challenged sub-group. Responses
    are appended, never edited: a correction is a further response."""

    challenge = models.ForeignKey(Challenge, on_delete=models.CASCADE, related_name="responses")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    responded_on = models.DateField()
    text = models.TextField("Response", max_length=4000)
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["challenge", "created_at", "pk"]

    def __str__(self):
        return f"Response to {self.challenge} on {self.responded_on:%-d %B %Y}"


# -- Learning from reviews ----------------------------------------------------------------------
# Working Together to Safeguard Children 2023 (chapter 5): a serious incident notification leads
# to a rapid review, which decides whether a local child safeguarding practice review is needed;
# the national Child Safeguarding Practice Review Panel publishes national reviews, and
# partnerships run thematic reviews of their own. The register names none of the children: see
# reports/reviews.py for the check on free text.

REVIEW_TEXT_LIMIT = 3000


class LearningReviewQuerySet(PartnershipScopedQuerySet):
    partnership_path = "partnership"


class LearningReview(models.Model):
    """A review the partnership learns from, with its key dates and where it stands."""

    class Kind(models.TextChoices):
        RAPID = "rapid", "Rapid review"
        LCSPR = "lcspr", "Local child safeguarding practice review"
        NATIONAL = "national", "National panel review"
        THEMATIC = "thematic", "Thematic review"

    class Status(models.TextChoices):
        OPEN = "open", "Open: review under way"
        AWAITING = "awaiting", "Report awaiting publication"
        IMPLEMENTING = "implementing", "Recommendations being implemented"
        CLOSED = "closed", "Closed"

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="reviews")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    reference = models.CharField(max_length=30, blank=True, help_text='For example "RR 2023-04".')
    title = models.CharField(max_length=200)
    summary = models.TextField(blank=True, max_length=REVIEW_TEXT_LIMIT)
    notified_on = models.DateField("Notification", null=True, blank=True)
    rapid_review_on = models.DateField("Rapid review meeting", null=True, blank=True)
    decided_on = models.DateField("Decision", null=True, blank=True)
    published_on = models.DateField("Publication", null=True, blank=True)
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.OPEN)
    version = models.PositiveIntegerField(default=1, editable=False, help_text="Goes up by one with every save.")
    created_at = models.DateTimeField(auto_now_add=True)

    objects = LearningReviewQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["partnership", "-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=["rapid", "lcspr", "national", "thematic"]), name="review_kind_valid"
            ),
            models.CheckConstraint(
                condition=Q(status__in=["open", "awaiting", "implementing", "closed"]), name="review_status_valid"
            ),
        ]

    def __str__(self):
        return f"{self.reference}: {self.title}" if self.reference else self.title

    def get_absolute_url(self):
        return reverse("reports:review-detail", kwargs={"pk": self.pk})

    @property
    def key_dates(self) -> list[tuple[str, object]]:
        """(label, date) of each key date, in the order a review reaches them."""
        return [
            (self._meta.get_field(name).verbose_name, getattr(self, name))
            for name in ("notified_on", "rapid_review_on", "decided_on", "published_on")
        ]


class Finding(models.Model):
    """What a review found, in the order the review gives its findings."""

    review = models.ForeignKey(LearningReview, on_delete=models.CASCADE, related_name="findings")
    text = models.TextField(max_length=REVIEW_TEXT_LIMIT)
    order = models.PositiveIntegerField(default=0)
    version = models.PositiveIntegerField(default=1, editable=False, help_text="Goes up by one with every save.")

    history = HistoricalRecords()

    class Meta:
        ordering = ["review", "order", "pk"]

    def __str__(self):
        return f"Finding {self.order} of {self.review}"


class Recommendation(models.Model):
    """What a review recommends. It is tracked to completion through the workplan actions
    linked to it (of any sub-group and year): complete when every one is Blue or closed as at
    the date asked (reports/reviews.py says so in one place), never by a status set by hand."""

    review = models.ForeignKey(LearningReview, on_delete=models.CASCADE, related_name="recommendations")
    text = models.TextField(max_length=REVIEW_TEXT_LIMIT)
    order = models.PositiveIntegerField(default=0)
    evidence_of_impact = models.TextField("Evidence of impact", blank=True, max_length=REVIEW_TEXT_LIMIT)
    actions = models.ManyToManyField("subgroups.Action", blank=True, related_name="recommendations")
    version = models.PositiveIntegerField(default=1, editable=False, help_text="Goes up by one with every save.")

    history = HistoricalRecords(m2m_fields=[actions])

    class Meta:
        ordering = ["review", "order", "pk"]

    def __str__(self):
        return f"Recommendation {self.order} of {self.review}"

    def get_absolute_url(self):
        return f"{self.review.get_absolute_url()}#recommendation-{self.pk}"


# -- Reminders --------------------------------------------------------------------------------------
# E-mails to the people who lead actions (anyone in the directory with an address, or with an
# account that has one): before an action is due, when it becomes stale, before a meeting, and a
# weekly digest. The BSU sets the schedule; each person chooses which they receive and can stop
# any of them from a link in every message (reports/reminders.py).


class ReminderKind(models.TextChoices):
    DUE = "due", "Before an action is due"
    STALE = "stale", "When an action has had no update for too long"
    MEETING = "meeting", "Before a meeting, when your updates are due"
    DIGEST = "digest", "A weekly digest of your actions that need attention"


class Weekday(models.IntegerChoices):
    MONDAY = 0, "Monday"
    TUESDAY = 1, "Tuesday"
    WEDNESDAY = 2, "Wednesday"
    THURSDAY = 3, "Thursday"
    FRIDAY = 4, "Friday"


DEFAULT_DAYS_BEFORE_DUE = 14
DEFAULT_DAYS_BEFORE_MEETING = 7
# The furthest ahead a reminder may be sent: a quarter.
MAX_REMINDER_DAYS_AHEAD = 90


class ReminderScheduleQuerySet(PartnershipScopedQuerySet):
    partnership_path = "partnership"


class ReminderSchedule(models.Model):
    """When a partnership's leads are reminded. A partnership without one sends no reminders:
    its BSU turns them on."""

    partnership = models.OneToOneField(Partnership, on_delete=models.CASCADE, related_name="reminder_schedule")
    enabled = models.BooleanField("Send reminders", default=True)
    days_before_due = models.PositiveSmallIntegerField(
        "Days before an action is due", null=True, blank=True, default=DEFAULT_DAYS_BEFORE_DUE,
        help_text="Empty: no reminder before an action is due.",
    )
    stale_reminders = models.BooleanField("Remind when an action becomes stale", default=True)
    days_before_meeting = models.PositiveSmallIntegerField(
        "Days before a meeting's figures are counted", null=True, blank=True, default=DEFAULT_DAYS_BEFORE_MEETING,
        help_text="Empty: no reminder before meetings.",
    )
    digest_weekday = models.PositiveSmallIntegerField(
        "Weekly digest on", choices=Weekday.choices, null=True, blank=True, default=Weekday.MONDAY,
        help_text="Empty: no weekly digest.",
    )
    version = models.PositiveIntegerField(default=1, editable=False, help_text="Goes up by one with every save.")

    objects = ReminderScheduleQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(days_before_due__isnull=True)
                | Q(days_before_due__gte=1, days_before_due__lte=MAX_REMINDER_DAYS_AHEAD),
                name="reminder_days_before_due_in_range",
            ),
            models.CheckConstraint(
                condition=Q(days_before_meeting__isnull=True)
                | Q(days_before_meeting__gte=1, days_before_meeting__lte=MAX_REMINDER_DAYS_AHEAD),
                name="reminder_days_before_meeting_in_range",
            ),
            models.CheckConstraint(
                condition=Q(digest_weekday__isnull=True) | Q(digest_weekday__lte=4),
                name="reminder_digest_weekday_valid",
            ),
        ]

    def __str__(self):
        return f"Reminder schedule of {self.partnership.short_name}"

    def get_absolute_url(self):
        return reverse("reports:reminder-schedule", kwargs={"partnership_pk": self.partnership_id})

    def sends(self, kind: str) -> bool:
        """Whether the schedule sends reminders of `kind` at all."""
        if not self.enabled:
            return False
        return {
            ReminderKind.DUE: self.days_before_due is not None,
            ReminderKind.STALE: self.stale_reminders,
            ReminderKind.MEETING: self.days_before_meeting is not None,
            ReminderKind.DIGEST: self.digest_weekday is not None,
        }[kind]


class ReminderPreference(models.Model):
    """Which reminders one person of the directory receives. Without a row they receive every
    kind the schedule sends; each kind is stopped by its own field."""

    person = models.OneToOneField("plans.Person", on_delete=models.CASCADE, related_name="reminder_preference")
    due = models.BooleanField(ReminderKind.DUE.label, default=True)
    stale = models.BooleanField(ReminderKind.STALE.label, default=True)
    meeting = models.BooleanField(ReminderKind.MEETING.label, default=True)
    digest = models.BooleanField(ReminderKind.DIGEST.label, default=True)
    version = models.PositiveIntegerField(default=1, editable=False, help_text="Goes up by one with every save.")

    history = HistoricalRecords()

    def __str__(self):
        return f"Reminders for {self.person}"

    def receives(self, kind: str) -> bool:
        return getattr(self, kind)

    @property
    def kinds(self) -> set[str]:
        return {kind for kind in ReminderKind.values if self.receives(kind)}


class SentReminder(models.Model):
    """One reminder to one person, claimed before it is sent. The unique (person, kind,
    subject) makes a reminder go once however many schedulers run: the one whose insert
    commits sends it; a row left pending (its sender died between claiming and sending) is
    claimed again, once its lease has run out, by a later round."""

    class Status(models.TextChoices):
        PENDING = "pending", "Claimed, not yet sent"
        SENT = "sent", "Sent"

    person = models.ForeignKey("plans.Person", on_delete=models.CASCADE, related_name="sent_reminders")
    kind = models.CharField(max_length=10, choices=ReminderKind.choices)
    subject_key = models.CharField(
        max_length=100, help_text='What it reminds of: "action-12-due-2025-06-30", "meeting-4", "digest-2025-W23".'
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    address = models.EmailField(blank=True)
    claimed_at = models.DateTimeField(default=timezone.now)
    sent_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(default=1)

    class Meta:
        ordering = ["-claimed_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["person", "kind", "subject_key"], name="one_reminder_per_subject"),
            models.CheckConstraint(condition=Q(kind__in=ReminderKind.values), name="sent_reminder_kind_valid"),
            models.CheckConstraint(
                condition=Q(status="pending", sent_at__isnull=True) | Q(status="sent", sent_at__isnull=False),
                name="sent_reminder_sent_at_when_sent",
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} to {self.person}: {self.subject_key} ({self.get_status_display()})"


# -- Evidence records that feed the annual report ----------------------------------------------
# Working Together to Safeguard Children 2023 asks the yearly report how feedback from children
# and families was sought and used, how the arrangements are funded, and (as Merton's and
# Medway's reports do) what multi-agency training was delivered. These registers hold that
# evidence through the year; reports/evidence.py turns a year of it into the report's tables.

EVIDENCE_TEXT_LIMIT = 3000


class EvidenceQuerySet(PartnershipScopedQuerySet):
    partnership_path = "partnership"


class VoiceEvidence(models.Model):
    """Something children, young people or families told the partnership, and what changed
    because of it, linked to the priorities and actions it bears on."""

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="voice_evidence")
    source = models.CharField(max_length=200, help_text='Who was heard, for example "Young people\'s advisory group".')
    heard_on = models.DateField("Date heard")
    what_was_heard = models.TextField("What was heard", max_length=EVIDENCE_TEXT_LIMIT)
    what_changed = models.TextField("What changed", blank=True, max_length=EVIDENCE_TEXT_LIMIT)
    actions = models.ManyToManyField("subgroups.Action", blank=True, related_name="voice_evidence")
    priorities = models.ManyToManyField("plans.Priority", blank=True, related_name="voice_evidence")
    version = models.PositiveIntegerField(default=1, editable=False, help_text="Goes up by one with every save.")
    created_at = models.DateTimeField(auto_now_add=True)

    objects = EvidenceQuerySet.as_manager()
    history = HistoricalRecords(m2m_fields=[actions, priorities])

    class Meta:
        ordering = ["partnership", "-heard_on", "-pk"]
        verbose_name_plural = "voice evidence"

    def __str__(self):
        return f"{self.source}, {self.heard_on:%-d %B %Y}"

    def get_absolute_url(self):
        return reverse("reports:voice-edit", kwargs={"pk": self.pk})

    @property
    def year(self) -> str:
        """The financial year it was heard in ("2023-24")."""
        return financial_year(self.heard_on)


class PartnerContribution(models.Model):
    """What one partner agency paid into the partnership's budget for a financial year, in
    whole pounds."""

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="contributions")
    year = models.CharField(max_length=7, validators=[validate_year_label], help_text="For example 2023-24.")
    partner = models.CharField("Partner", max_length=200, help_text='For example "London Borough of Merton".')
    amount = models.PositiveIntegerField("Amount (£)", help_text="In whole pounds.")
    version = models.PositiveIntegerField(default=1, editable=False, help_text="Goes up by one with every save.")
    created_at = models.DateTimeField(auto_now_add=True)

    objects = EvidenceQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["partnership", "-year", "-amount", "partner"]
        constraints = [
            models.UniqueConstraint(
                "partnership", "year", Lower("partner"), name="one_contribution_per_partner_per_year"
            ),
        ]

    def __str__(self):
        return f"{self.partner}, {self.year}"

    def get_absolute_url(self):
        return reverse("reports:contribution-edit", kwargs={"pk": self.pk})


class TrainingCourse(models.Model):
    """A multi-agency training course run in a financial year: how many times it ran, who
    attended from each agency (`TrainingAttendance`) and what its evaluation found."""

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="training_courses")
    year = models.CharField(max_length=7, validators=[validate_year_label], help_text="For example 2023-24.")
    title = models.CharField(max_length=200)
    sessions = models.PositiveSmallIntegerField("Sessions run", default=1)
    rated_good_percent = models.PositiveSmallIntegerField(
        "Rated good or excellent (%)", null=True, blank=True,
        validators=[MaxValueValidator(100)],
        help_text="The share of evaluations rating the course good or excellent.",
    )
    evaluation = models.TextField("What the evaluation found", blank=True, max_length=EVIDENCE_TEXT_LIMIT)
    version = models.PositiveIntegerField(default=1, editable=False, help_text="Goes up by one with every save.")
    created_at = models.DateTimeField(auto_now_add=True)

    objects = EvidenceQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["partnership", "-year", "title"]
        constraints = [
            models.UniqueConstraint("partnership", "year", Lower("title"), name="one_course_title_per_year"),
        ]

    def __str__(self):
        return f"{self.title}, {self.year}"

    def get_absolute_url(self):
        return reverse("reports:training-edit", kwargs={"pk": self.pk})


class TrainingAttendance(models.Model):
    """How many people from one agency attended a course."""

    course = models.ForeignKey(TrainingCourse, on_delete=models.CASCADE, related_name="attendance")
    agency = models.CharField(max_length=200)
    attended = models.PositiveIntegerField()

    history = HistoricalRecords()

    class Meta:
        ordering = ["course", "-attended", "agency"]
        constraints = [
            models.UniqueConstraint("course", Lower("agency"), name="one_attendance_row_per_agency"),
        ]

    def __str__(self):
        return f"{self.agency}: {self.attended}"


# -- PDFs built in the background --------------------------------------------------------------


class PdfBuildQuerySet(PartnershipScopedQuerySet):
    partnership_path = "partnership"


class PdfBuild(models.Model):
    """One request for the PDF of an annual report or a meeting pack, built by a worker
    (reports/pdf_builds.py) and kept in the default storage under a name of its own, so that
    a build run again after its worker died writes the same file rather than a second one."""

    class Kind(models.TextChoices):
        ANNUAL_REPORT = "annual-report", "Annual report"
        MEETING_PACK = "meeting-pack", "Meeting pack"

    class Status(models.TextChoices):
        QUEUED = "queued", "Queued"
        BUILDING = "building", "Being made"
        READY = "ready", "Ready"
        FAILED = "failed", "Failed"

    class Stage(models.TextChoices):
        WAITING = "waiting", "Waiting for a worker"
        GATHERING = "gathering", "Gathering the figures"
        LAYING_OUT = "laying-out", "Laying out the pages"
        SAVING = "saving", "Saving the file"
        DONE = "done", "Done"

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="pdf_builds")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    report = models.ForeignKey(AnnualReport, on_delete=models.CASCADE, null=True, blank=True, related_name="pdf_builds")
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, null=True, blank=True, related_name="pdf_builds")
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    stage = models.CharField(max_length=12, choices=Stage.choices, default=Stage.WAITING)
    fingerprint = models.CharField(
        max_length=64, blank=True, help_text="A hash of what the PDF shows: a ready build with the same one is reused."
    )
    filename = models.CharField(max_length=200, blank=True, help_text="The download's name, without .pdf.")
    file = models.FileField(max_length=255, blank=True)
    error = models.TextField(blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    created_at = models.DateTimeField(default=timezone.now)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    objects = PdfBuildQuerySet.as_manager()

    # A worker's stages, in order.
    BUILDING_STAGES = (Stage.GATHERING, Stage.LAYING_OUT, Stage.SAVING)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["kind", "report", "meeting", "-created_at"], name="pdf_build_target_idx")]
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(kind="annual-report", report__isnull=False, meeting__isnull=True)
                    | Q(kind="meeting-pack", meeting__isnull=False, report__isnull=True)
                ),
                name="pdf_build_one_target_of_its_kind",
            ),
            models.CheckConstraint(
                condition=~Q(status="ready") | ~Q(file=""), name="pdf_build_ready_has_a_file"
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} PDF for {self.target} ({self.get_status_display()})"

    def get_absolute_url(self):
        return reverse("reports:pdf-build", args=[self.pk])

    @property
    def target(self):
        """The annual report or meeting the PDF is of."""
        return self.report if self.kind == self.Kind.ANNUAL_REPORT else self.meeting

    @property
    def is_finished(self) -> bool:
        return self.status in (self.Status.READY, self.Status.FAILED)

    @property
    def step(self) -> int:
        """Which of the building stages it is at, from 1 (0 while it waits)."""
        stages = self.BUILDING_STAGES
        return stages.index(self.stage) + 1 if self.stage in stages else 0

    @property
    def steps(self) -> int:
        return len(self.BUILDING_STAGES)

    @property
    def progress(self) -> str:
        """Where the build stands, in words."""
        if self.is_finished:
            return "Ready to download" if self.status == self.Status.READY else "The PDF could not be made"
        return self.get_stage_display()
