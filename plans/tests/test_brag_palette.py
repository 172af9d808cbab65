"""One palette for the BRAG colours: pages, PDFs, charts and spreadsheets all show the colours
of plans/brag_palette.py, and each badge's text is readable on its colour (WCAG 2.2 AA)."""

import io
import logging
import re
from pathlib import Path

import pdfplumber
import pytest
from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from openpyxl import load_workbook

from plans.brag_palette import BRAG_PALETTE, NOT_RATED_KEY, stylesheet
from plans.models import NOT_RATED, rating_label
from plans.tests.factories import UserFactory
from reports.charts import stacked_bars
from reports.pdf import html_to_pdf
from subgroups.brag import BragCounts
from subgroups.exports import ExportTable, xlsx_response

CSS_DIR = Path(settings.BASE_DIR) / "static" / "css"
RATINGS = list(BRAG_PALETTE)


def relative_luminance(colour: str) -> float:
    def channel(hex_pair: str) -> float:
        value = int(hex_pair, 16) / 255
        return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4

    red, green, blue = (channel(colour[i : i + 2]) for i in (1, 3, 5))
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def contrast_ratio(one: str, other: str) -> float:
    lighter, darker = sorted((relative_luminance(one), relative_luminance(other)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def word(rating: str) -> str:
    return rating_label(None if rating == NOT_RATED else rating)


def test_the_palette_has_a_colour_for_every_rating_and_not_yet_rated():
    assert RATINGS == ["blue", "green", "amber", "red", NOT_RATED]
    assert NOT_RATED_KEY == NOT_RATED


@pytest.mark.parametrize("rating", RATINGS)
def test_each_badges_text_meets_wcag_aa_on_its_colour(rating):
    colours = BRAG_PALETTE[rating]
    assert contrast_ratio(colours.background, colours.text) >= 4.5


def test_the_shared_stylesheet_is_the_palettes_own():
    assert (CSS_DIR / "brag.css").read_text() == stylesheet()
    for rating, colours in BRAG_PALETTE.items():
        assert f".app-brag--{rating} {{ background: {colours.background}; color: {colours.text}; }}" in stylesheet()
        assert f".app-chart__segment--{rating} {{ fill: {colours.chart}; }}" in stylesheet()


@pytest.mark.parametrize("name", ["app.css", "pdf.css"])
def test_page_and_pdf_stylesheets_colour_no_rating_themselves(name):
    """Only the high-contrast mode may recolour a rating (by its own, prefixed rules)."""
    own_rules = re.findall(r"^\.app-(?:brag|chart__segment)--\w+[^{]*\{[^}]*\}", (CSS_DIR / name).read_text(), re.M)
    for rule in own_rules:
        assert not re.search(r"\b(background|color|fill)\s*:", rule), rule


@pytest.mark.django_db
def test_pages_load_the_palette_before_their_own_stylesheet(client):
    client.force_login(UserFactory())
    page = client.get(reverse("plans:accessibility")).content.decode()
    assert "css/brag.css" in page
    assert page.index("css/brag.css") < page.index("css/app.css")


def filled_colours(pdf: bytes) -> set[str]:
    """The "#rrggbb" colours the PDF's first page fills boxes with."""
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        return {
            "#" + "".join(f"{round(part * 255):02x}" for part in rect["non_stroking_color"])
            for rect in document.pages[0].rects
            if rect["fill"] and len(rect["non_stroking_color"] or ()) == 3
        }


def test_pdf_badges_are_drawn_in_the_palettes_colours():
    badges = "".join(f'<p><span class="app-brag app-brag--{rating}">{word(rating)}</span></p>' for rating in RATINGS)
    pdf = html_to_pdf(f'<html lang="en-GB"><head><title>Badges</title></head><body>{badges}</body></html>')
    assert {colours.background for colours in BRAG_PALETTE.values()} <= filled_colours(pdf)


def test_a_pdf_with_a_chart_is_drawn_without_a_stylesheet_warning(caplog):
    """WeasyPrint knows no `fill` property among its page styles and would log each chart rule
    of brag.css as ignored on every PDF: those rules are for screens, and a PDF's chart carries
    its fills on the SVG itself."""
    counts = BragCounts(blue=1, green=1, amber=1, red=1, not_rated=1)
    chart = render_to_string("reports/includes/bar_chart.html", {"chart": stacked_bars([("Jun 2023", counts)])})
    with caplog.at_level(logging.WARNING, logger="weasyprint"):
        pdf = html_to_pdf(f'<html lang="en-GB"><head><title>Chart</title></head><body>{chart}</body></html>')
    assert [record.getMessage() for record in caplog.records if record.name.startswith("weasyprint")] == []
    assert {colours.chart for colours in BRAG_PALETTE.values()} <= filled_colours(pdf)


def test_chart_bars_are_filled_in_the_palettes_chart_colours():
    counts = BragCounts(blue=1, green=1, amber=1, red=1, not_rated=1)
    (bar,) = stacked_bars([("Jun 2023", counts)])["bars"]
    assert {segment.rating: segment.fill for segment in bar.segments} == {
        rating: colours.chart for rating, colours in BRAG_PALETTE.items()
    }


def test_spreadsheet_cells_are_filled_in_the_palettes_colours():
    table = ExportTable(title="Ratings", headers=["BRAG"], rows=[[word(r)] for r in RATINGS], rating_columns={0})
    sheet = load_workbook(io.BytesIO(xlsx_response(table, "ratings").content)).active
    for row, rating in enumerate(RATINGS, start=3):
        cell = sheet.cell(row=row, column=1)
        assert cell.value == word(rating)
        assert cell.fill.fgColor.rgb[-6:] == BRAG_PALETTE[rating].background[1:].upper()
        assert cell.font.color.rgb[-6:] == BRAG_PALETTE[rating].text[1:].upper()
