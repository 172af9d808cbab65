"""Recording the lead partners' sign-off of a draft annual report, the publication record
(when the published report was sent, and to whom), and the public pages' reads.

Sign-offs count only for the report's content as it stood when they were signed
(reports/signoffs.py); publishing refuses until every lead partner's counts
(reports.annual.annual_report_publish).
"""

import datetime
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404
from django.utils import timezone

from plans.models import LeadPartner
from plans.services import attributed
from reports.annual import annual_report_content, generated_content, report_fingerprint, sections_of
from reports.models import AnnualReport, Dispatch, SignOff
from reports.signoffs import sign_offs_withdraw

# Working Together to Safeguard Children 2018: the report goes to the national panel and the What
# Works Centre within seven days of its publication.
DISPATCH_WITHIN_DAYS = 7
# The written part of the report that the public family summary page shows.
FAMILY_SUMMARY = "family-summary"


@transaction.atomic
def sign_off_record(
    *, report: AnnualReport, partner: LeadPartner, signed_by: str, role: str, signed_on: datetime.date, by
) -> SignOff:
    """Record that `partner` (its lead or a delegate, `signed_by` in `role`) signed off the
    draft as it is now. A sign-off of the same partner that stood before is withdrawn: this one
    replaces it. Refused for a published report, another partnership's partner, or a date in
    the future."""
    report = AnnualReport.objects.select_for_update().select_related("partnership").get(pk=report.pk)
    if report.is_published:
        raise ValidationError("The report is published: its sign-offs can no longer change.")
    if partner.partnership_id != report.partnership_id:
        raise ValidationError({"partner": "Choose one of this partnership's lead partners."})
    if signed_on > timezone.localdate():
        raise ValidationError({"signed_on": "The date of the sign-off cannot be in the future."})
    fingerprint = report_fingerprint(
        generated_content(partnership=report.partnership, year=report.year),
        {row.slug: row for row in report.sections.all()},
        sections_of(report),
    )
    sign_offs_withdraw(
        report=report, partner=partner, by=by,
        reason=f"Replaced by the sign-off recorded on {timezone.localdate():%-d %B %Y}.",
    )
    sign_off = attributed(
        SignOff(
            report=report, lead_partner=partner, signed_by=signed_by.strip(), role=role.strip(),
            signed_on=signed_on, fingerprint=fingerprint, recorded_by=by,
        ),
        by,
    )
    sign_off.full_clean(exclude=["fingerprint", "recorded_by"], validate_constraints=False)
    sign_off.save()
    return sign_off


@transaction.atomic
def dispatch_record(
    *, report: AnnualReport, recipient: str, recipient_name: str = "", sent_on: datetime.date, by
) -> Dispatch:
    """Record the date the published report was sent to `recipient` (for someone else,
    `recipient_name` says who). Refused for a draft, a date before publication or in the
    future, and a second date for the panel or the What Works Centre."""
    report = AnnualReport.objects.select_for_update().get(pk=report.pk)
    if not report.is_published:
        raise ValidationError("Only a published report is sent: publish it first.")
    errors = {}
    if sent_on > timezone.localdate():
        errors["sent_on"] = "The date it was sent cannot be in the future."
    elif sent_on < timezone.localdate(report.published_at):
        errors["sent_on"] = f"The report was published on {report.published_at:%-d %B %Y}: enter that date or later."
    if recipient == Dispatch.Recipient.OTHER and not recipient_name.strip():
        errors["recipient_name"] = "Enter who it was sent to."
    elif recipient != Dispatch.Recipient.OTHER and report.dispatches.filter(recipient=recipient).exists():
        errors["recipient"] = f"The date it was sent to the {Dispatch.Recipient(recipient).label} is recorded already."
    if errors:
        raise ValidationError(errors)
    dispatch = attributed(
        Dispatch(
            report=report, recipient=recipient, sent_on=sent_on, recorded_by=by,
            recipient_name=recipient_name.strip() if recipient == Dispatch.Recipient.OTHER else "",
        ),
        by,
    )
    dispatch.full_clean(exclude=["recorded_by"], validate_constraints=False)
    dispatch.save()
    return dispatch


def outstanding_recipients(report: AnnualReport, dispatches: list[Dispatch]) -> list[str]:
    """Whom the published report must still be sent to (the required recipients without a
    recorded date), by name."""
    sent = {dispatch.recipient for dispatch in dispatches}
    return [Dispatch.Recipient(r).label for r in Dispatch.REQUIRED_RECIPIENTS if r not in sent]


@dataclass(frozen=True)
class DispatchReminder:
    report: AnnualReport
    outstanding: list[str]

    @property
    def due_on(self) -> datetime.date:
        return timezone.localdate(self.report.published_at) + datetime.timedelta(days=DISPATCH_WITHIN_DAYS)


def dispatch_reminders(*, partnership_id: int) -> list[DispatchReminder]:
    """For the dashboard: the partnership's published reports (of each year, the latest
    published: the one the public page shows) not yet recorded as sent to every required
    recipient, oldest first. Two queries."""
    reports = (
        AnnualReport.objects.filter(partnership_id=partnership_id, status=AnnualReport.Status.PUBLISHED)
        .prefetch_related("dispatches")
        .order_by("published_at", "pk")
    )
    latest_of_year = {report.year: report for report in reports}
    reminders = []
    for report in sorted(latest_of_year.values(), key=lambda report: report.published_at):
        if outstanding := outstanding_recipients(report, list(report.dispatches.all())):
            reminders.append(DispatchReminder(report, outstanding))
    return reminders


def published_report(*, partnership_slug: str, year: str) -> AnnualReport:
    """The partnership's published report for `year` (the latest published, when a new draft
    was started from one and published again); Http404 when there is none."""
    report = (
        AnnualReport.objects.filter(
            partnership__slug=partnership_slug, year=year, status=AnnualReport.Status.PUBLISHED
        )
        .select_related("partnership")
        .order_by("-published_at", "-pk")
        .first()
    )
    if report is None:
        raise Http404("No published report for that partnership and year.")
    return report


def public_report_content(report: AnnualReport) -> dict:
    """What the public pages show of a published report: its content (the sign-offs standing
    as they were when it was published), with the family summary picked out (None when the
    partnership removed that section from the report)."""
    content = annual_report_content(report)
    family = next((item for item in content["sections"] if item.section.slug == FAMILY_SUMMARY), None)
    return content | {"family_summary": family}
