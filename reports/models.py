"""The annual report: one per partnership and reporting year, with its written sections.

Its generated content (figures, achievements, areas with little progress, themes, sub-group
membership) is computed from the workplans while it is a draft and frozen into `snapshot` when
it is published (see reports/annual.py), so later updates never change a published report.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from simple_history.models import HistoricalRecords

from plans.models import LeadPartner, Partnership, PartnershipScopedQuerySet
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
