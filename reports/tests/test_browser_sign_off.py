"""The sign-off and publication journey in a real browser: the BSU records the police's
sign-off of Merton's 2023-24 draft (first forgetting the date), edits a section, which
withdraws all three, records them again, publishes, and records the dates the report was sent;
then a reader with no sign-in opens the public report and its family summary. Each page
passes axe."""

import datetime

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db(transaction=True)

SIGNATORIES = {
    "London Borough of Merton": ("Executive Director, Children, Lifelong Learning and Families", "on behalf of the Chief Executive"),
    "NHS South West London Integrated Care Board": ("Chief Nursing Officer", "on behalf of the Chief Executive"),
    "Metropolitan Police Service": ("Detective Chief Superintendent, South West BCU", "on behalf of the Commissioner"),
}


def record_sign_off(page, report, organisation, *, day="20"):
    page.goto(reverse("reports:annual-sign-off", args=[report.pk]))
    page.get_by_role("radio", name=organisation).check()
    name, role = SIGNATORIES[organisation]
    page.get_by_label("Name of the person who signed").fill(name)
    page.get_by_label("Their role").fill(role)
    if day:
        page.get_by_label("Day").fill(day)
        page.get_by_label("Month").fill("9")
        page.get_by_label("Year").fill("2024")
    page.get_by_role("button", name="Record sign-off").click()


def sign_off_row(page, organisation):
    return " ".join(page.locator(".govuk-summary-list__row", has_text=organisation).inner_text().split())


def test_bsu_signs_off_publishes_and_records_dispatches_and_the_public_reads_it(
    page, sign_in, demo, assert_no_axe_violations, browser
):
    from reports.models import AnnualReport

    report = AnnualReport.objects.get(partnership__slug="merton", year="2023-24", status="draft")
    sign_in(page, demo.users["bsu"])

    # Two partners signed off in September; the police's is still to come.
    page.goto(report.get_absolute_url())
    assert "Not yet signed off" in sign_off_row(page, "Metropolitan Police Service")
    page.get_by_role("link", name="Record a sign-off").click()
    assert_no_axe_violations(page, "record a sign-off")
    record_sign_off(page, report, "Metropolitan Police Service", day="")
    summary = page.locator(".govuk-error-summary")
    summary.wait_for()  # the click waits only for the answer to begin, not for its <title>
    assert page.title().startswith("Error: ")
    assert page.get_by_label("Name of the person who signed").input_value() == SIGNATORIES["Metropolitan Police Service"][0]
    assert_no_axe_violations(page, "sign-off form with errors")
    record_sign_off(page, report, "Metropolitan Police Service")
    page.wait_for_url(f"**{report.get_absolute_url()}#sign-off")
    assert "Signed off" in sign_off_row(page, "Metropolitan Police Service")

    # Editing the foreword withdraws every sign-off, in words.
    page.goto(reverse("reports:annual-section", args=[report.pk, "foreword"]))
    page.get_by_label("Text").fill(page.get_by_label("Text").input_value() + "\n\nWith thanks to our young scrutineers.")
    page.get_by_role("button", name="Save").click()
    page.wait_for_url(f"**{report.get_absolute_url()}#section-foreword")
    for organisation in SIGNATORIES:
        row = sign_off_row(page, organisation)
        assert "Withdrawn" in row and "Foreword by the Independent Chair was changed by Business Support Officer" in row
    page.goto(reverse("reports:annual-publish", args=[report.pk]))
    assert "Not signed off: London Borough of Merton, NHS South West London" in page.content()
    assert page.get_by_role("button", name="Publish").count() == 0

    # Signed again by all three, it is published.
    for organisation in SIGNATORIES:
        record_sign_off(page, report, organisation, day="27")
        page.wait_for_url(f"**{report.get_absolute_url()}#sign-off")
    page.goto(reverse("reports:annual-publish", args=[report.pk]))
    assert_no_axe_violations(page, "publish page, all signed")
    page.get_by_role("button", name="Publish").click()
    page.wait_for_url(f"**{report.get_absolute_url()}")
    assert "is published" in page.content()

    # The dashboard reminds until it has gone to the panel and the What Works Centre.
    page.goto(reverse("reports:dashboard"))
    assert "not yet recorded as sent to: Child Safeguarding Practice Review Panel" in page.content()
    page.get_by_role("link", name="Open the report's publication record").click()
    page.get_by_role("link", name="Record a date sent").click()
    page.get_by_role("button", name="Record date sent").click()
    assert "Choose who the report was sent to." in page.locator(".govuk-error-summary").inner_text()
    assert_no_axe_violations(page, "record a date sent, with errors")
    day = datetime.date.today()
    for recipient in ("Child Safeguarding Practice Review Panel", "What Works for Children's Social Care"):
        page.goto(reverse("reports:annual-dispatch", args=[report.pk]))
        page.get_by_role("radio", name=recipient).check()
        page.get_by_label("Day").fill(str(day.day))
        page.get_by_label("Month").fill(str(day.month))
        page.get_by_label("Year").fill(str(day.year))
        page.get_by_role("button", name="Record date sent").click()
        page.wait_for_url(f"**{report.get_absolute_url()}#publication-record")
    assert "Not yet recorded as sent" not in page.content()
    page.goto(reverse("reports:dashboard"))
    assert "not yet recorded as sent" not in page.content()

    # Anyone, signed in or not, reads the report and its family summary.
    report.refresh_from_db()
    public = browser.new_context(base_url=page.url.split("/reports/")[0], viewport={"width": 320, "height": 800})
    reader = public.new_page()
    try:
        response = reader.goto(report.get_public_url())
        assert response.status == 200 and "public" in response.headers["cache-control"]
        assert reader.get_by_role("heading", level=1).inner_text() == "Annual Report 2023-24"
        assert "Detective Chief Superintendent, South West BCU" in sign_off_row(reader, "Metropolitan Police Service")
        assert reader.evaluate("document.documentElement.scrollWidth") <= 320
        assert_no_axe_violations(reader, "public report")
        reader.get_by_role("link", name="Read our summary for children and families").click()
        assert reader.get_by_role("heading", level=1).inner_text() == "A summary for children and families"
        assert "The year in numbers" in reader.content()
        assert_no_axe_violations(reader, "public family summary")
    finally:
        public.close()
