"""The lead partners' sign-off of an annual report, and what withdraws it.

A sign-off is for the report as it stood when it was signed: its `fingerprint` is a hash of
the report's written text and generated figures (`content_fingerprint`). It counts while it
is not withdrawn and the report still has that fingerprint. A change made through a service
(a section saved) withdraws the report's sign-offs at once, with the reason in their history;
a change the report only shows (a workplan update moving its figures) makes the fingerprints
differ, and the report page says so in words. Publishing needs every lead partner's sign-off
to count (Working Together to Safeguard Children 2023: the lead partners sign off the report).

This module sits below reports/annual.py, which calls it; reports/publication.py records
sign-offs.
"""

import hashlib
import json
from dataclasses import dataclass

from django.utils import timezone

from plans.models import LeadPartner
from plans.services import attributed
from reports.models import AnnualReport, SignOff

# Why a standing sign-off no longer counts when no service withdrew it.
CONTENT_CHANGED = (
    "The report changed after it was signed: its figures from the workplans, reviews, "
    "challenges or evidence registers are not those signed off."
)


def content_fingerprint(*, generated: dict, texts: dict[str, str], sections: list[tuple[str, str]]) -> str:
    """A hash of everything the report shows: the generated content (JSON-ready, as
    reports.annual.generated_content returns it), its sections in order (slug and title) and
    each written part's text by slug."""
    canonical = json.dumps(
        {"generated": generated, "sections": sections, "texts": texts}, sort_keys=True, default=str
    )
    return hashlib.sha256(canonical.encode()).hexdigest()


@dataclass(frozen=True)
class PartnerSignOff:
    """Where one lead partner's sign-off of a report stands: its latest sign-off (or None),
    whether that counts, and if not, why (in words)."""

    partner: LeadPartner
    latest: SignOff | None
    counts: bool
    withdrawn_because: str = ""

    @property
    def status(self) -> str:
        if self.counts:
            return "Signed off"
        return "Withdrawn" if self.latest else "Not yet signed off"


def sign_off_state(*, report: AnnualReport, fingerprint: str | None) -> list[PartnerSignOff]:
    """Each of the partnership's lead partners, in order, with their sign-off of `report`.
    `fingerprint` is the report's content now; None for a published report, whose sign-offs
    stand as they were when it was published. Two queries."""
    partners = list(LeadPartner.objects.filter(partnership_id=report.partnership_id))
    latest: dict[int, SignOff] = {}
    for sign_off in SignOff.objects.filter(report=report).select_related("recorded_by").order_by("-recorded_at", "-pk"):
        latest.setdefault(sign_off.lead_partner_id, sign_off)
    rows = []
    for partner in partners:
        sign_off = latest.get(partner.pk)
        if sign_off is None:
            rows.append(PartnerSignOff(partner=partner, latest=None, counts=False))
        elif sign_off.withdrawn_at is not None:
            rows.append(PartnerSignOff(partner, sign_off, False, sign_off.withdrawn_reason))
        elif fingerprint is not None and sign_off.fingerprint != fingerprint:
            rows.append(PartnerSignOff(partner, sign_off, False, CONTENT_CHANGED))
        else:
            rows.append(PartnerSignOff(partner, sign_off, True))
    return rows


def missing_sign_offs(state: list[PartnerSignOff]) -> list[str]:
    """The lead partners whose sign-off does not count, by organisation."""
    return [row.partner.organisation for row in state if not row.counts]


def sign_offs_withdraw(*, report: AnnualReport, reason: str, by, partner: LeadPartner | None = None) -> int:
    """Withdraw the report's standing sign-offs (one partner's, with `partner`), recording
    `reason` and who made the change in their history. Returns how many were withdrawn.
    Every service that changes a report calls this."""
    standing = SignOff.objects.select_for_update().filter(report=report, withdrawn_at__isnull=True)
    if partner is not None:
        standing = standing.filter(lead_partner=partner)
    now = timezone.now()
    count = 0
    for sign_off in standing:
        sign_off.withdrawn_at, sign_off.withdrawn_reason = now, reason[:300]
        attributed(sign_off, by).save(update_fields=["withdrawn_at", "withdrawn_reason"])
        count += 1
    return count
