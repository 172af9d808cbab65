"""The lead partners' sign-off of the annual report: any change withdraws it, publishing needs
every partner's, and the publication record (the dates the report was sent, the dashboard's
reminder until it has gone to the panel and the What Works Centre)."""

import datetime
import html

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from plans.models import LeadPartner, Membership
from plans.services import lead_partner_add, lead_partner_edit, lead_partner_remove
from plans.tests.factories import LeadPartnerFactory
from reports.annual import annual_report_publish, annual_report_start, annual_report_start_from, section_save
from reports.models import Dispatch, SignOff
from reports.publication import dispatch_record, sign_off_record
from subgroups.models import Action
from subgroups.services import action_record_update

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.fixture
def bsu(member_of, plan):
    return member_of(plan.partnership, Membership.Role.BSU, first_name="Bea", last_name="Support")


@pytest.fixture
def partners(plan):
    return [LeadPartnerFactory(partnership=plan.partnership) for _ in range(3)]


@pytest.fixture
def report(plan):
    return annual_report_start(partnership=plan.partnership, year="2023-24")


def sign(report, partner, by, signed_by="Director of Children's Services"):
    return sign_off_record(
        report=report, partner=partner, signed_by=signed_by,
        role="on behalf of the Chief Executive", signed_on=D(2024, 9, 16), by=by,
    )


def test_a_section_edit_withdraws_every_sign_off_with_the_reason_in_its_history(report, partners, bsu, client):
    for partner in partners:
        sign(report, partner, bsu)
    section_save(report=report, slug="foreword", text="A changed foreword.", expected_version=0, author=bsu)
    withdrawn = SignOff.objects.filter(report=report)
    assert all(sign_off.withdrawn_at for sign_off in withdrawn)
    assert {sign_off.withdrawn_reason for sign_off in withdrawn} == {
        f"Foreword by the Independent Chair was changed by Bea Support on {timezone.localdate():%-d %B %Y}."
    }
    latest = withdrawn.first().history.first()
    assert latest.history_user == bsu and latest.withdrawn_reason.startswith("Foreword")
    client.force_login(bsu)
    page = client.get(report.get_absolute_url()).text
    assert page.count("Withdrawn</strong>") == 3 and "It needs signing off again." in page


def test_rearranging_the_sections_withdraws_the_sign_offs_and_a_signed_structure_counts(report, partners, bsu):
    from reports.annual import annual_report_content
    from reports.structure import UP, report_structure, structure_add, structure_move

    sign(report, partners[0], bsu)
    added = structure_add(report=report, title="Our communication strategy", by=bsu)
    sign_off = SignOff.objects.get()
    assert sign_off.withdrawn_at is not None
    assert sign_off.withdrawn_reason.startswith("The report's sections were rearranged by Bea Support")
    sign(report, partners[0], bsu)
    assert [row.counts for row in annual_report_content(report)["sign_offs"]][0] is True
    moved = next(row for row in report_structure(report) if row.slug == added.slug)
    structure_move(report=report, slug=moved.slug, direction=UP, expected_version=moved.version, by=bsu)
    assert SignOff.objects.filter(withdrawn_at__isnull=True).count() == 0


def test_saving_a_section_unchanged_keeps_the_sign_offs(report, partners, bsu):
    section_save(report=report, slug="voice", text="What children told us.", expected_version=0, author=bsu)
    sign(report, partners[0], bsu)
    section = section_save(report=report, slug="voice", text="What children told us.\r\n", expected_version=1, author=bsu)
    assert SignOff.objects.get().withdrawn_at is None
    assert section.version == 1  # nothing written: a co-author's save of version 1 still goes in
    section_save(report=report, slug="voice", text="What children told us, in their words.", expected_version=1, author=bsu)
    assert SignOff.objects.get().withdrawn_at is not None


def test_a_workplan_update_after_signing_means_the_sign_off_no_longer_counts(report, partners, bsu, client):
    for partner in partners:
        sign(report, partner, bsu)
    action = Action.objects.get(reference="A1")
    action_record_update(action=action, rating="amber", narrative="Recovering.", as_at=D(2024, 2, 1), author=bsu)
    client.force_login(bsu)
    page = client.get(report.get_absolute_url()).text
    assert "The report changed after it was signed" in page and "Signed off</strong>" not in page
    with pytest.raises(ValidationError, match="Not signed off: " + ", ".join(p.organisation for p in partners)):
        annual_report_publish(report=report, user=bsu)


def test_publishing_is_refused_naming_who_has_not_signed_and_allowed_once_all_have(report, partners, bsu, client):
    sign(report, partners[0], bsu)
    client.force_login(bsu)
    response = client.post(reverse("reports:annual-publish", args=[report.pk]), follow=True)
    assert f"Not signed off: {partners[1].organisation}, {partners[2].organisation}." in response.text
    assert not report.sign_offs.model.objects.filter(report__status="published").exists()
    publish_page = client.get(reverse("reports:annual-publish", args=[report.pk])).text
    assert "cannot be published until every lead partner" in publish_page and ">Publish</button>" not in publish_page
    for partner in partners[1:]:
        sign(report, partner, bsu)
    published = annual_report_publish(report=report, user=bsu)
    assert published.is_published
    page = client.get(published.get_absolute_url()).text
    assert page.count("Signed off</strong>") == 3 and "Publication record" in page


def test_a_new_sign_off_replaces_the_partners_earlier_one(report, partners, bsu):
    first = sign(report, partners[0], bsu, signed_by="First Signatory")
    second = sign(report, partners[0], bsu, signed_by="Second Signatory")
    first.refresh_from_db()
    assert first.withdrawn_reason.startswith("Replaced by the sign-off") and second.withdrawn_at is None


def test_the_sign_off_form_refuses_a_future_date_beside_the_field(report, partners, bsu, client):
    client.force_login(bsu)
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    response = client.post(
        reverse("reports:annual-sign-off", args=[report.pk]),
        {"partner": partners[0].pk, "signed_by": "A Name", "role": "Chief Executive",
         "signed_on_0": tomorrow.day, "signed_on_1": tomorrow.month, "signed_on_2": tomorrow.year},
    )
    assert response.status_code == 400
    assert "The date of the sign-off cannot be in the future." in response.text
    assert 'class="govuk-error-summary' in response.text and not SignOff.objects.exists()


def test_another_partnerships_lead_partner_cannot_sign(report, bsu):
    with pytest.raises(ValidationError):
        sign(report, LeadPartnerFactory(), bsu)


def test_a_new_draft_from_a_published_report_starts_with_no_sign_off(report, partners, bsu):
    for partner in partners:
        sign(report, partner, bsu)
    draft = annual_report_start_from(report=annual_report_publish(report=report, user=bsu), user=bsu)
    with pytest.raises(ValidationError, match="Not signed off"):
        annual_report_publish(report=draft, user=bsu)


# -- Lead partners ------------------------------------------------------------------------------


def test_the_bsu_sets_up_lead_partners_in_order(plan, bsu, client, django_assert_max_num_queries):
    client.force_login(bsu)
    url = reverse("plans:lead-partner-add", args=[plan.partnership.pk])
    for organisation in ("London Borough of Merton", "Metropolitan Police Service"):
        assert client.post(url, {"organisation": organisation, "role": "Chief Executive"}).status_code == 302
    twin = client.post(url, {"organisation": "london borough of merton", "role": "Chief Executive"})
    assert twin.status_code == 400 and "London Borough of Merton is already a lead partner." in twin.text
    assert [p.organisation for p in LeadPartner.objects.all()] == ["London Borough of Merton", "Metropolitan Police Service"]
    with django_assert_max_num_queries(12):
        page = client.get(reverse("plans:lead-partners", args=[plan.partnership.pk])).text
    assert page.index("London Borough of Merton") < page.index("Metropolitan Police Service")


def test_a_stale_lead_partner_edit_is_refused_naming_who_saved(plan, bsu, member_of):
    partner = lead_partner_add(partnership=plan.partnership, organisation="Kent Police", role="Chief Constable", by=bsu)
    other = member_of(plan.partnership, Membership.Role.BSU, first_name="Alex", last_name="Other")
    lead_partner_edit(partner=partner, expected_version=1, organisation="Kent Police", role="Chief Constable (acting)", by=other)
    with pytest.raises(ValidationError, match="Alex Other changed this lead partner"):
        lead_partner_edit(partner=partner, expected_version=1, organisation="Kent Police", role="x", by=bsu)


def test_a_lead_partner_saved_unchanged_keeps_its_version(plan, bsu):
    partner = lead_partner_add(partnership=plan.partnership, organisation="Kent Police", role="Chief Constable", by=bsu)
    assert lead_partner_edit(partner=partner, expected_version=1, organisation=" Kent Police", role="Chief Constable", by=bsu).version == 1
    assert partner.history.count() == 1


def test_a_lead_partner_who_signed_cannot_be_removed(report, partners, bsu, client):
    sign(report, partners[0], bsu)
    with pytest.raises(ValidationError, match="has signed off an annual report"):
        lead_partner_remove(partner=partners[0], expected_version=partners[0].version, by=bsu)
    client.force_login(bsu)
    # The BSU is told before being asked, and a removal sent anyway is refused.
    url = reverse("plans:lead-partner-remove", args=[report.partnership_id, partners[0].pk])
    page = client.get(url)
    assert "has signed off an annual report, so cannot be removed" in page.text
    assert "Remove the lead partner" not in page.text
    refused = client.post(url, {"version": partners[0].version})
    assert refused.status_code == 409 and "has signed off an annual report" in refused.text
    assert LeadPartner.objects.count() == 3


def test_the_bsu_is_asked_before_a_lead_partner_is_removed(report, partners, bsu, client):
    client.force_login(bsu)
    listing = client.get(reverse("plans:lead-partners", args=[report.partnership_id])).text
    url = reverse("plans:lead-partner-remove", args=[report.partnership_id, partners[1].pk])
    assert f'href="{url}"' in listing  # a link to the question, not a button that removes
    question = client.get(url).text
    assert f"Remove {partners[1].organisation} as a lead partner?" in html.unescape(question)
    assert LeadPartner.objects.count() == 3
    page = client.post(url, {"version": partners[1].version}, follow=True).text
    assert f"{partners[1].organisation} is no longer a lead partner." in page
    assert LeadPartner.objects.count() == 2


def test_a_removal_asked_before_someone_changed_the_partner_is_refused_naming_who(
    report, partners, bsu, client, member_of
):
    other = member_of(report.partnership, Membership.Role.BSU, first_name="Alex", last_name="Other")
    client.force_login(bsu)
    url = reverse("plans:lead-partner-remove", args=[report.partnership_id, partners[1].pk])
    asked_at = partners[1].version
    lead_partner_edit(
        partner=partners[1], expected_version=asked_at, organisation=partners[1].organisation,
        role="Chief Executive (acting)", by=other,
    )
    refused = client.post(url, {"version": asked_at})
    assert refused.status_code == 409 and "<title>Error: Remove" in refused.text
    assert "Alex Other changed this lead partner after you were asked whether to remove it" in html.unescape(refused.text)
    assert "Chief Executive (acting)" in refused.text  # the question shows it as it is now
    assert LeadPartner.objects.filter(pk=partners[1].pk).exists()


# -- The publication record ---------------------------------------------------------------------


@pytest.fixture
def published(report, bsu):
    return annual_report_publish(report=report, user=bsu)


def test_the_dashboard_reminds_until_the_panel_and_what_works_have_the_report(published, bsu, client, plan):
    client.force_login(bsu)
    dashboard = reverse("reports:dashboard")
    page = client.get(dashboard, {"plan": plan.pk}).text
    assert "is not yet recorded as sent to: Child Safeguarding Practice Review Panel, What Works" in page
    today = timezone.localdate()
    response = client.post(
        reverse("reports:annual-dispatch", args=[published.pk]),
        {"recipient": "panel", "sent_on_0": today.day, "sent_on_1": today.month, "sent_on_2": today.year},
    )
    assert response.status_code == 302
    page = client.get(dashboard, {"plan": plan.pk}).text
    assert "not yet recorded as sent to: What Works for Children&#x27;s Social Care." in page
    dispatch_record(report=published, recipient="what-works", sent_on=today, by=bsu)
    dispatch_record(report=published, recipient="other", recipient_name="Merton Health and Wellbeing Board", sent_on=today, by=bsu)
    assert "not yet recorded as sent" not in client.get(dashboard, {"plan": plan.pk}).text
    assert "Sent to Merton Health and Wellbeing Board on" in client.get(published.get_absolute_url()).text


def test_a_dispatch_is_refused_before_publication_twice_to_the_panel_or_unnamed(report, bsu):
    today = timezone.localdate()
    with pytest.raises(ValidationError, match="publish it first"):
        dispatch_record(report=report, recipient="panel", sent_on=today, by=bsu)
    published = annual_report_publish(report=report, user=bsu)
    with pytest.raises(ValidationError) as before:
        dispatch_record(report=published, recipient="panel", sent_on=today - datetime.timedelta(days=1), by=bsu)
    assert "sent_on" in before.value.message_dict
    dispatch_record(report=published, recipient="panel", sent_on=today, by=bsu)
    with pytest.raises(ValidationError) as twice:
        dispatch_record(report=published, recipient="panel", sent_on=today, by=bsu)
    assert "recipient" in twice.value.message_dict
    with pytest.raises(ValidationError) as unnamed:
        dispatch_record(report=published, recipient="other", sent_on=today, by=bsu)
    assert "recipient_name" in unnamed.value.message_dict
    assert Dispatch.objects.count() == 1
