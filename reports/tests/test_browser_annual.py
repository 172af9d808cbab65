"""The BSU's annual report journey in a real browser: open the demo's 2023-24 report, prepare
its PDF, download it and read it; edit a section with the live preview; all with the keyboard too."""

import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

from subgroups.tests.test_browser_workplan import tab_to

pytestmark = pytest.mark.django_db(transaction=True)


def pdf_text(download) -> tuple[PdfReader, str]:
    reader = PdfReader(io.BytesIO(open(download.path(), "rb").read()))
    return reader, " ".join(" ".join(page.extract_text().split()) for page in reader.pages)


def check_downloaded_report(download):
    assert download.suggested_filename == "merton-annual-report-2023-24-draft.pdf"
    reader, text = pdf_text(download)
    assert len(reader.pages) > 5
    assert reader.metadata.title == "Merton Safeguarding Children Partnership Annual Report 2023-24 (draft)"
    assert "Priority 1: Early Help" in text and "Priority 6: Strong Leadership" in text
    assert "As Independent Chair of the Merton Safeguarding Children Partnership" in text
    assert f"Page 1 of {len(reader.pages)}" not in text  # the cover has no footer
    assert f"Page 2 of {len(reader.pages)}" in text


def test_bsu_opens_the_annual_report_and_downloads_the_pdf(page, sign_in, demo, assert_no_axe_violations):
    sign_in(page, demo.users["bsu"])
    page.goto(reverse("plans:home"))
    page.get_by_role("link", name="Annual reports").click()
    page.get_by_role("link", name="Annual Report 2023-24").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Annual Report 2023-24"
    assert_no_axe_violations(page, "annual report")
    page.get_by_role("button", name="Prepare the PDF").click()
    # Without a broker the PDF is made before the progress page answers: it says so at once.
    status = page.get_by_role("status")
    assert "Ready" in status.inner_text()
    assert_no_axe_violations(page, "annual report PDF, ready")
    with page.expect_download() as downloading:
        page.get_by_role("link", name="Download the PDF").click()
    check_downloaded_report(downloading.value)


def test_bsu_downloads_the_pdf_with_the_keyboard_alone(page, sign_in, demo):
    from reports.models import AnnualReport

    report = AnnualReport.objects.get(partnership__slug="merton", year="2023-24")
    sign_in(page, demo.users["bsu"])
    page.goto(report.get_absolute_url())
    tab_to(page, f'form[action="{reverse("reports:annual-pdf-build", args=[report.pk])}"] button')
    page.keyboard.press("Enter")
    page.wait_for_url("**/pdf-builds/**")
    tab_to(page, 'a[href$="/file/"]')
    with page.expect_download() as downloading:
        page.keyboard.press("Enter")
    check_downloaded_report(downloading.value)


def test_bsu_sees_a_live_preview_while_writing_a_section(page, sign_in, demo):
    from reports.models import AnnualReport

    report = AnnualReport.objects.get(partnership__slug="merton", year="2023-24")
    sign_in(page, demo.users["bsu"])
    page.goto(reverse("reports:annual-section", args=[report.pk, "voice"]))
    box = page.get_by_label("Text")
    box.fill("")
    box.press_sequentially("Young people **told us** what matters.\n\n- one\n", delay=5)
    preview = page.locator("#section-preview")
    preview.locator("strong", has_text="told us").wait_for()
    assert preview.locator("ul li").inner_text() == "one"
    page.get_by_role("button", name="Save").click()
    page.wait_for_url(lambda url: "#section-voice" in url)
    assert "Young people told us what matters." in page.locator("#section-voice + *, section[aria-labelledby=section-voice]").first.inner_text()


def test_bsu_is_told_how_much_to_cut_from_a_section_that_is_too_long(page, sign_in, demo, assert_no_axe_violations):
    from reports.models import AnnualReport

    report = AnnualReport.objects.get(partnership__slug="merton", year="2023-24")
    sign_in(page, demo.users["bsu"])
    page.goto(reverse("reports:annual-section", args=[report.pk, "learning"]))
    count = page.locator(".govuk-character-count__status")
    assert "characters remaining" in count.inner_text()
    box = page.get_by_label("Text")
    box.fill("Learning from reviews. " * 900)  # 20,700 characters, pasted
    box.press("End")
    box.press("!")
    assert count.inner_text() == "You have 701 characters too many"
    page.locator("#section-preview").get_by_text("longer than the 20,000 characters a section can hold").wait_for()
    page.get_by_role("button", name="Save").click()
    error = "Text must be 20,000 characters or fewer. It has 20,701: shorten it by 701."
    page.get_by_role("alert").get_by_role("link", name=error).click()
    assert page.evaluate("document.activeElement.id") == "id_text"  # the summary's link leads to the box
    assert_no_axe_violations(page, "section too long")
    assert not report.sections.filter(slug="learning", text__startswith="Learning from reviews. Learning").exists()
