"""The public pages of a published annual report: no sign-in, only published reports (the
latest of the year), nothing of the app beyond what the report prints, its PDF and the family
summary."""

import datetime
import io
import re

import pytest
from django.urls import reverse
from pypdf import PdfReader

from plans.models import Membership
from plans.tests.factories import LeadPartnerFactory
from reports.annual import annual_report_publish, annual_report_start, annual_report_start_from, section_save
from reports.publication import sign_off_record

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.fixture
def bsu(member_of, plan):
    return member_of(plan.partnership, Membership.Role.BSU, first_name="Bea", last_name="Support")


@pytest.fixture
def draft(plan, bsu):
    report = annual_report_start(partnership=plan.partnership, year="2023-24")
    section_save(report=report, slug="family-summary", text="We kept **children** safe.", expected_version=0, author=bsu)
    section_save(report=report, slug="foreword", text="The first foreword.", expected_version=0, author=bsu)
    return report


@pytest.fixture
def published(draft, bsu, plan):
    partner = LeadPartnerFactory(partnership=plan.partnership, organisation="London Borough of Merton")
    sign_off_record(
        report=draft, partner=partner, signed_by="Jane Signatory", role="Chief Executive",
        signed_on=D(2024, 9, 16), by=bsu,
    )
    return annual_report_publish(report=draft, user=bsu)


def public_url(report, name="public:report"):
    return reverse(name, kwargs={"partnership": report.partnership.slug, "year": report.year})


def test_a_published_report_is_public_cacheable_and_shows_nothing_of_the_app(client, published):
    response = client.get(public_url(published))
    assert response.status_code == 200
    assert "public" in response["Cache-Control"] and "max-age=3600" in response["Cache-Control"]
    page = response.text
    assert "The first foreword." in page and "Lead safeguarding partners: London Borough of Merton." in page
    assert "Jane Signatory, Chief Executive, on 16 September 2024." in page
    # No staff name, account link or address inside the app.
    assert "Bea Support" not in page and "Recorded by" not in page and "Sign out" not in page
    internal = [href for href in re.findall(r'href="([^"#]*)"', page)
                if href and not href.startswith(("/static/", "/published/"))]
    assert internal == []


def test_a_draft_an_unknown_year_or_partnership_is_not_found(client, draft, published):
    assert client.get(public_url(draft)).status_code == 200  # the year's published version
    assert client.get(reverse("public:report", kwargs={"partnership": "merton-x", "year": "2023-24"})).status_code == 404
    assert client.get(reverse("public:report", kwargs={"partnership": draft.partnership.slug, "year": "2024-25"})).status_code == 404
    assert client.post(public_url(published)).status_code == 405


def test_a_year_with_only_a_draft_is_not_found(client, draft):
    for name in ("public:report", "public:report-pdf", "public:family-summary"):
        assert client.get(public_url(draft, name)).status_code == 404


def test_the_latest_published_version_of_the_year_wins(client, published, bsu, plan):
    draft = annual_report_start_from(report=published, user=bsu)
    version = draft.sections.get(slug="foreword").version
    section_save(report=draft, slug="foreword", text="The second foreword.", expected_version=version, author=bsu)
    sign_off_record(
        report=draft, partner=plan.partnership.lead_partners.get(), signed_by="Jane Signatory",
        role="Chief Executive", signed_on=D(2024, 10, 1), by=bsu,
    )
    annual_report_publish(report=draft, user=bsu)
    page = client.get(public_url(published)).text
    assert "The second foreword." in page and "The first foreword." not in page


def test_the_pdf_downloads_without_a_sign_in_with_the_partners_on_its_cover(client, published):
    response = client.get(public_url(published, "public:report-pdf"))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert "attachment" in response["Content-Disposition"]
    cover = PdfReader(io.BytesIO(response.content)).pages[0].extract_text()
    assert "Lead safeguarding partners London Borough of Merton" in " ".join(cover.split())


def test_the_family_summary_is_the_written_summary_with_a_few_figures(client, published):
    page = client.get(public_url(published, "public:family-summary")).text
    assert "We kept <strong>children</strong> safe." in page
    assert "The year in numbers" in page and f'href="{public_url(published)}"' in page


def test_a_report_without_its_family_summary_section_has_no_family_page(client, draft, bsu, plan):
    from reports.structure import report_structure, structure_remove

    summary = next(row for row in report_structure(draft) if row.slug == "family-summary")
    structure_remove(report=draft, slug="family-summary", expected_version=summary.version, by=bsu)
    published = annual_report_publish(report=draft, user=bsu)
    assert client.get(public_url(published, "public:family-summary")).status_code == 404
    page = client.get(public_url(published))
    assert page.status_code == 200 and "summary for children and families" not in page.text


def test_the_public_pdf_has_the_partnerships_logo_on_its_cover(client, published, bsu):
    from django.core.files.uploadedfile import SimpleUploadedFile
    from PIL import Image

    from plans.services import partnership_set_logo

    image = io.BytesIO()
    Image.new("RGB", (120, 40), "navy").save(image, format="PNG")
    partnership_set_logo(
        partnership=published.partnership, by=bsu, alt_text="Partnership logo",
        upload=SimpleUploadedFile("logo.png", image.getvalue(), content_type="image/png"),
    )
    response = client.get(public_url(published, "public:report-pdf"))
    cover = PdfReader(io.BytesIO(response.content)).pages[0]
    assert list(cover.images), "the cover carries the logo"
