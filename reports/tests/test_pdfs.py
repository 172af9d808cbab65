"""The PDFs, generated for real and read back with pypdf: text, figures, pages, metadata,
tags and bookmarks; "As at" on every page of the meeting-pack PDFs; the command."""

import datetime
import io
import re

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from pypdf import PdfReader

from reports.annual import section_save
from reports.evidence import contribution_create, training_create
from reports.structure import structure_add, structure_remove, structure_rename
from subgroups.models import Workplan
from subgroups.tests.factories import ActionFactory, ActionUpdateFactory

pytestmark = pytest.mark.django_db
D = datetime.date


def read(pdf: bytes) -> PdfReader:
    assert pdf.startswith(b"%PDF")
    return PdfReader(io.BytesIO(pdf))


def text_of(reader: PdfReader) -> str:
    """All pages' text with line breaks and runs of spaces as single spaces (table cells wrap)."""
    return " ".join(" ".join(page.extract_text().split()) for page in reader.pages)


def bookmark_titles(outline) -> list[str]:
    """The titles of the PDF's bookmarks, nested ones included, in order."""
    titles = []
    for item in outline:
        titles.extend(bookmark_titles(item) if isinstance(item, list) else [item["/Title"]])
    return titles


def assert_accessible(reader: PdfReader, title: str):
    root = reader.trailer["/Root"]
    assert reader.metadata.title == title
    assert root["/Lang"] == "en-GB"
    assert bool(root["/MarkInfo"]["/Marked"])
    assert "/StructTreeRoot" in root
    assert reader.outline, "bookmarks from the headings"


def test_annual_report_pdf_is_accessible_and_carries_the_figures(client, report, plan, bsu):
    contribution_create(partnership=plan.partnership, by=bsu, fields={"year": "2023-24", "partner": "Council", "amount": 162_500})
    training_create(
        partnership=plan.partnership, by=bsu, attendance=[("Schools and colleges", 22)],
        fields={"year": "2023-24", "title": "Neglect and the Graded Care Profile 2", "sessions": 2},
    )
    response = client.get(reverse("reports:annual-pdf", args=[report.pk]))
    assert response["Content-Type"] == "application/pdf"
    assert f'{plan.partnership.slug}-annual-report-2023-24-draft.pdf' in response["Content-Disposition"]
    reader = read(response.content)
    title = f"{plan.partnership.name} Annual Report 2023-24 (draft)"
    assert_accessible(reader, title)
    pages = len(reader.pages)
    assert pages > 1
    first, text = reader.pages[0].extract_text(), text_of(reader)
    assert "Annual Report 2023-24" in first and plan.partnership.name in first
    assert f"Page 2 of {pages}" in reader.pages[1].extract_text()
    assert "Priority 1: Early Help" in text
    assert "A year of partnership work." in text
    assert "Provider withdrew." in text and "Delivered." in text  # little progress; impact evidence
    assert "Not yet written." in text
    assert "Contents" in text and "Foreword by the Independent Chair" in text
    bookmarks = bookmark_titles(reader.outline)
    assert bookmarks[0] == "Annual Report 2023-24"
    assert {"Contents", "Areas with little or no progress", "Priority 1: Early Help"} <= set(bookmarks)
    # BRAG as words, and the year's totals (1 blue, 1 red, 1 not yet rated of 3).
    assert "Not yet rated" in text and "Blue" in text
    assert "3 actions in the 2023-24 workplans as at 31 March 2024" in text
    # The evidence registers' tables, with their totals, and the voice section saying it has none.
    assert "Partner contributions to the 2023-24 budget Partner Contribution Council £162,500 Total £162,500" in text
    assert "Attendance by agency in 2023-24 Agency Attended Schools and colleges 22 Total 22" in text
    assert "No feedback from children, young people or families was recorded for 2023-24." in text


def test_contents_give_page_numbers(client, report):
    reader = read(client.get(reverse("reports:annual-pdf", args=[report.pk])).content)
    contents = reader.pages[1].extract_text()
    assert re.search(r"2023-24 at a glance\s*\.+\s*3", contents)
    assert re.search(r"Foreword by the Independent Chair\s*\.+\s*4", contents)


def structure_roles(node, found=None) -> list[str]:
    """The roles (/S) of the PDF's structure tree, in order."""
    found = [] if found is None else found
    node = node.get_object()
    if isinstance(node, list) or hasattr(node, "__iter__") and not hasattr(node, "keys"):
        for child in node:
            structure_roles(child, found)
        return found
    if hasattr(node, "keys"):
        if "/S" in node:
            found.append(str(node["/S"]))
        if "/K" in node:
            structure_roles(node["/K"], found)
    return found


def test_the_pdf_follows_the_reports_own_sections_with_the_year_at_a_glance_and_tables(client, report, bsu):
    structure_rename(report=report, slug="foreword", title="Chair's foreword", expected_version=1, by=bsu)
    structure_remove(report=report, slug="training", expected_version=1, by=bsu)
    added = structure_add(report=report, title="Our communication strategy", by=bsu)
    section_save(
        report=report, slug=added.slug, expected_version=0, author=bsu,
        text="| Audience | How we reach them |\n| --- | --- |\n| Practitioners | Newsletter |",
    )
    reader = read(client.get(reverse("reports:annual-pdf", args=[report.pk])).content)
    bookmarks = bookmark_titles(reader.outline)
    assert "Chair's foreword" in bookmarks and "Foreword by the Independent Chair" not in bookmarks
    assert "Multi-agency training and its impact" not in bookmarks
    assert bookmarks[-1] == "Our communication strategy"
    glance = reader.pages[2].extract_text()
    assert "2023-24 at a glance" in glance and "actions in the year's workplans" in glance
    assert "Newsletter" in text_of(reader)
    roles = structure_roles(reader.trailer["/Root"]["/StructTreeRoot"])
    assert "/TH" in roles and "/Figure" in roles


def test_workplan_pdf_has_the_six_columns_and_as_at_on_every_page(client, plan, bsu):
    workplan = Workplan.objects.get(plan=plan)
    for number in range(40):  # enough rows for several landscape pages
        action = ActionFactory(workplan=workplan, priority=plan.priorities.first(), reference=f"W{number}",
                               description="Hold a multi-agency workshop on the learning. " * 4)
        ActionUpdateFactory(action=action, rating="green", as_at=D(2024, 2, 1), narrative="On track. " * 10)
    response = client.get(reverse("reports:workplan-pdf", args=[workplan.pk]))
    reader = read(response.content)
    assert len(reader.pages) > 1
    box = reader.pages[0].mediabox
    assert box.width > box.height  # landscape
    assert_accessible(reader, f"{workplan.subgroup.short_name} workplan 2023-24 as at 31 March 2025")
    for page in reader.pages:
        assert "As at 31 March 2025" in page.extract_text()
    text = text_of(reader)
    for heading in ["Impact – what will success look like?", "Action – what we will do to achieve this",
                    "Cross-Cutting Themes", "Lead", "Timeframe", "BRAG Rating & Update"]:
        assert heading in text
    assert "Provider withdrew." in text


def test_workplan_page_links_to_its_pdf(client, plan, bsu):
    workplan = Workplan.objects.get(plan=plan)
    assert reverse("reports:workplan-pdf", args=[workplan.pk]) in client.get(workplan.get_absolute_url()).text


def test_exception_pdf_honours_filters_and_as_at(client, plan, bsu):
    url = f"{reverse('reports:exceptions')}?plan={plan.pk}&as_at=2024-03-31&reason=red&format=pdf"
    response = client.get(url)
    assert "exceptions-2024-03-31.pdf" in response["Content-Disposition"]
    reader = read(response.content)
    assert_accessible(reader, f"Exception report: {plan.title}, 2023-24 workplans, as at 31 March 2024")
    text = text_of(reader)
    assert all("As at 31 March 2024" in page.extract_text() for page in reader.pages)
    assert "A1" in text and "Provider withdrew." in text
    assert "A3" not in text  # overdue but not red: filtered out
    assert "reason Red" in text


def test_exception_page_offers_the_pdf(client, plan, bsu):
    assert "format=pdf" in client.get(reverse("reports:exceptions")).text


def test_command_writes_the_pdf(tmp_path, report, plan):
    output = tmp_path / "report.pdf"
    call_command("annual_report", "--partnership", plan.partnership.slug, "--year", "2023-24", "--output", str(output))
    text = text_of(read(output.read_bytes()))
    assert "A year of partnership work." in text and "Priority 1: Early Help" in text


def test_command_generates_a_year_nobody_started_and_writes_html(tmp_path, plan):
    output = tmp_path / "report.html"
    call_command("annual_report", "--partnership", plan.partnership.slug, "--year", "2024-25",
                 "--output", str(output), "--format", "html")
    html = output.read_text()
    assert '<html lang="en-GB">' in html and "Annual Report 2024-25" in html
    assert html.count("Not yet written.") >= 10


@pytest.mark.parametrize(
    ("partnership", "year", "message"),
    [("nowhere", "2023-24", 'No partnership "nowhere"'), (None, "2030-31", "no business plan covering 2030-31"),
     (None, "2023-25", "not a year such as 2023-24")],
)
def test_command_refuses_unknown_partnership_or_year(tmp_path, plan, partnership, year, message):
    output = tmp_path / "report.pdf"
    with pytest.raises(CommandError, match=message):
        call_command("annual_report", "--partnership", partnership or plan.partnership.slug, "--year", year,
                     "--output", str(output))
    assert not output.exists()
