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

from plans.models import Partnership, PartnershipScopedQuerySet
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
