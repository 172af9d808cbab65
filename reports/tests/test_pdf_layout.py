"""What a reader sees in the PDFs, checked on the page geometry with pdfplumber, not only the
text: every PDF (workplan, exception report, annual report) made once from the demo data, with
one more action that has long texts, a long web address and several themes, then read back.

No character leaves the page or its side margins, no two characters or words sit on top of each
other, no two words run together ("Jun 2023Sep 2023", "2024Outreach"), no template syntax is
printed, a heading never ends a page, and the details the issue named stay put."""

import datetime
import io
import re
from dataclasses import dataclass
from html.parser import HTMLParser
from io import StringIO

import pdfplumber
from pdfplumber.utils import extract_text
import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import transaction
from django.test import Client, override_settings
from django.urls import reverse

from conftest_browser import load_demo_once
from plans.models import BusinessPlan, Membership
from plans.tests.factories import MembershipFactory, ThemeFactory, UserFactory
from reports.charts import SEGMENT_FILLS
from reports.pdf import render_pdf_html
from subgroups.models import Workplan
from subgroups.tests.factories import ActionFactory, ActionUpdateFactory

pytestmark = pytest.mark.django_db  # the module's fixture makes its own data and rolls it back
D = datetime.date
MM = 72 / 25.4  # PDF points per millimetre
SIDE_MARGIN = {"portrait": 18 * MM, "landscape": 14 * MM}  # static/css/pdf.css's @page margins
TOLERANCE = 0.75  # points: rounding in glyph boxes, never a visible overflow
WORD_GAP = 1.5  # points: letters closer than this are one word (a 9pt space is about 2.5pt)
TEMPLATE_SYNTAX = ("{#", "#}", "{%", "%}", "{{", "}}")
LONG_ADDRESS = "https://www.merton.gov.uk/childrenyoungpeopleandfamilies/safeguardingchildrenpartnership/learningandimprovement"
LONG_FILE_NAME = "MSCP_Front_Door_Review_Terms_of_Reference_Final_Version_Approved_by_the_Executive.docx"
LONG_DESCRIPTION = (
    "Commission an independent review of how partners share information at the front door, including the "
    "Multi-Agency Safeguarding Hub, Early Help and the Children's Social Care duty team, and agree a joint "
    "improvement plan with named leads, milestones and a way of measuring whether children receive help "
    "sooner; report progress to every Executive meeting until the plan is complete. " * 2
)


@dataclass
class Page:
    """What the checks need of one PDF page, read once."""

    width: float
    height: float
    chars: list[dict]
    words: list[dict]
    rects: list[dict]
    text: str


class Rendered:
    def __init__(self, pdf: bytes, source_text: str):
        self.source_text = source_text  # the text of the HTML the PDF was made from, words apart
        with pdfplumber.open(io.BytesIO(pdf)) as document:
            self.pages = [
                Page(page.width, page.height, page.chars, page.extract_words(x_tolerance=WORD_GAP), page.rects,
                     page.extract_text())
                for page in document.pages
            ]


class _Text(HTMLParser):
    """The text of an HTML document, every element's text a word apart, scripts and styles left out."""

    def __init__(self):
        super().__init__()
        self.parts, self._skip = [], 0

    def handle_starttag(self, tag, attrs):
        self._skip += tag in ("script", "style", "title")

    def handle_endtag(self, tag):
        self._skip -= tag in ("script", "style", "title")

    def handle_data(self, data):
        if not self._skip:
            self.parts.append(data)


def html_text(html: str) -> str:
    parser = _Text()
    parser.feed(html)
    return " ".join(" ".join(parser.parts).split())


def _from_view(client: Client, url: str) -> Rendered:
    """The PDF a user downloads from `url`, and the HTML it was made from (the view's own
    template and context, rendered again)."""
    response = client.get(url)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    template = response.templates[0].name
    html = render_pdf_html(template, response.context[0].flatten())
    return Rendered(response.content, html_text(html))


@pytest.fixture(scope="module")
def rendered(django_db_setup, django_db_blocker, tmp_path_factory):
    """Each PDF made once for the module, from the demo data, in a transaction rolled back after."""
    folder = tmp_path_factory.mktemp("pdfs")
    with django_db_blocker.unblock(), transaction.atomic():
        with override_settings(DEBUG=True):
            load_demo_once(settings)
        plan = BusinessPlan.objects.get(partnership__slug="merton")
        workplan = Workplan.objects.get(subgroup__short_name="PEI", plan=plan, year="2023-24")
        action = ActionFactory(
            workplan=workplan, added_on=D(2023, 4, 1), priority=plan.priorities.get(number=1), reference="PEI 1.9",
            impact="Children and families get the right help at the right time. " * 3,
            description=LONG_DESCRIPTION, lead="Head of Early Help, LBM / Head of MASH & First Response, LBM",
            timeframe="Review by September 2023; plan agreed by December 2023", due_date=D(2024, 3, 31),
        )
        themes = [*plan.themes.order_by("pk")[:2], ThemeFactory(plan=plan, title="Addressing disproportionality in access")]
        action.themes.add(*themes)
        ActionUpdateFactory(action=action, rating="red", as_at=D(2024, 3, 6),
                            narrative=f"The review has not started: no provider bid. Terms of reference: {LONG_ADDRESS} "
                                      f"({LONG_FILE_NAME}). " * 3)
        client = Client()
        bsu = UserFactory()
        MembershipFactory(user=bsu, partnership=plan.partnership, role=Membership.Role.BSU)
        client.force_login(bsu)

        output = folder / "annual.pdf"
        call_command("annual_report", "--partnership", "merton", "--year", "2023-24", "--output", str(output), stdout=StringIO())
        html = folder / "annual.html"
        call_command("annual_report", "--partnership", "merton", "--year", "2023-24", "--output", str(html),
                     "--format", "html", stdout=StringIO())
        exceptions_url = f"{reverse('reports:exceptions')}?plan={plan.pk}&as_at=2024-03-31"
        made = {
            "workplan": _from_view(client, reverse("reports:workplan-pdf", args=[workplan.pk])),
            "exceptions": _from_view(client, exceptions_url + "&format=pdf"),
            "annual": Rendered(output.read_bytes(), html_text(html.read_text())),
            "exceptions page": client.get(exceptions_url).content.decode(),
            "workplan page": client.get(workplan.get_absolute_url()).content.decode(),
            "themes": [theme.title for theme in themes],
        }
        transaction.set_rollback(True)
    return made


PDFS = ["workplan", "exceptions", "annual"]


def _orientation(page) -> str:
    return "landscape" if page.width > page.height else "portrait"


def _overlaps(boxes, *, share: float) -> list[tuple]:
    """Pairs of boxes (x0, top, x1, bottom, label, position) whose intersection covers more than
    `share` of the smaller box, leaving out neighbours in the text (kerning tucks an "r" under a
    "T"): a sweep along x, so a page of a few thousand characters stays quick."""
    found = []
    boxes = sorted(boxes)
    for index, (x0, top, x1, bottom, label, position) in enumerate(boxes):
        for other in boxes[index + 1:]:
            if other[0] >= x1 - TOLERANCE:
                break
            if abs(other[5] - position) == 1:
                continue
            width = min(x1, other[2]) - max(x0, other[0])
            height = min(bottom, other[3]) - max(top, other[1])
            if width <= TOLERANCE or height <= TOLERANCE:
                continue
            smaller = min((x1 - x0) * (bottom - top), (other[2] - other[0]) * (other[3] - other[1]))
            if smaller and width * height > share * smaller:
                found.append((label, other[4]))
    return found


@pytest.mark.parametrize("name", PDFS)
def test_no_character_leaves_the_page_or_its_side_margins(rendered, name):
    for number, page in enumerate(rendered[name].pages, start=1):
        margin = SIDE_MARGIN[_orientation(page)]
        outside = [
            char["text"] for char in page.chars
            if char["x0"] < margin - TOLERANCE or char["x1"] > page.width - margin + TOLERANCE
            or char["top"] < -TOLERANCE or char["bottom"] > page.height + TOLERANCE
        ]
        assert not outside, f"{name} page {number}: {''.join(outside)!r} outside the margins"


@pytest.mark.parametrize("name", PDFS)
def test_no_two_characters_or_words_overlap(rendered, name):
    for number, page in enumerate(rendered[name].pages, start=1):
        chars = [(c["x0"], c["top"], c["x1"], c["bottom"], c["text"], n) for n, c in enumerate(page.chars)
                 if c["text"].strip()]
        assert not _overlaps(chars, share=0.3), f"{name} page {number}: {_overlaps(chars, share=0.3)[:5]}"
        words = [(w["x0"], w["top"], w["x1"], w["bottom"], w["text"], n) for n, w in enumerate(page.words)]
        assert not _overlaps(words, share=0.1), f"{name} page {number}: {_overlaps(words, share=0.1)[:5]}"


@pytest.mark.parametrize("name", PDFS)
def test_no_two_words_run_together(rendered, name):
    """A word in the PDF that joins a lower-case letter or a digit to a capital ("2023Sep",
    "2024Outreach", "OverdueStale") is two words drawn without a gap, unless the document
    itself has it (an organisation's name such as "SafeLives")."""
    source = rendered[name].source_text
    for number, page in enumerate(rendered[name].pages, start=1):
        glued = [
            word for word in (w["text"].strip(".,;:()'\"") for w in page.words)
            if re.search(r"[a-z\d][A-Z]", word) and word not in source
        ]
        assert not glued, f"{name} page {number}: words run together: {glued}"


@pytest.mark.parametrize("name", PDFS)
def test_no_template_syntax_is_printed(rendered, name):
    for number, page in enumerate(rendered[name].pages, start=1):
        text = page.text
        assert not [mark for mark in TEMPLATE_SYNTAX if mark in text], f"{name} page {number}: {text[:300]}"


def test_the_exception_report_page_prints_no_template_syntax(rendered):
    text = html_text(rendered["exceptions page"])
    assert "Exception report" in text
    assert not [mark for mark in TEMPLATE_SYNTAX if mark in text]


@pytest.mark.parametrize("name", PDFS)
def test_a_heading_never_ends_a_page(rendered, name):
    """The lowest line of a page's body is never a heading (set larger than the text): a
    heading always has its first lines of content below it on the same page."""
    pages = rendered[name].pages
    for number, page in enumerate(pages[:-1], start=1):
        body = [char for char in page.chars if char["text"].strip() and char["bottom"] < page.height - 16 * MM]
        lowest = max(char["bottom"] for char in body)
        last_line = [char for char in body if abs(char["bottom"] - lowest) < 2]
        assert max(char["size"] for char in last_line) < 12.5, (  # h3 and larger; the cover's 12pt is text
            f"{name} page {number} ends with a heading: {''.join(c['text'] for c in last_line)!r}"
        )


def test_annual_report_sections_run_on_instead_of_a_page_each(rendered):
    pages = rendered["annual"].pages
    titles = ["Introduction and local context", "Our safeguarding arrangements", "Learning from reviews",
              "Multi-agency training and its impact", "Independent scrutiny and assurance"]
    starts = {
        title: next(number for number, page in enumerate(pages[2:], start=3) if title in page.text.splitlines())
        for title in titles
    }
    assert len(set(starts.values())) < len(titles), f"short sections share pages: {starts}"
    # The learning section lists the year's reviews from the register: pages of their own.
    reviews_pages = starts["Multi-agency training and its impact"] - starts["Learning from reviews"]
    assert len(pages) - reviews_pages < 20  # was 24, one page per section


def test_chart_labels_are_apart_and_the_legend_grey_is_the_bars_grey(rendered):
    page = next(page for page in rendered["annual"].pages if "BRAG counts at the end of each quarter" in page.text)
    words = [word["text"] for word in page.words]
    for label in ("Jun", "Sep", "Dec", "Mar"):
        assert label in words  # each quarter's label a word of its own
    grey = tuple(int(SEGMENT_FILLS["none"][i:i + 2], 16) / 255 for i in (1, 3, 5))

    def is_grey(rect):
        colour = rect.get("non_stroking_color") or ()
        return len(colour) == 3 and all(abs(a - b) < 0.01 for a, b in zip(colour, grey))

    grey_rects = [rect for rect in page.rects if is_grey(rect)]
    swatches = [rect for rect in grey_rects if rect["width"] < 15 and abs(rect["width"] - rect["height"]) < 0.5]
    bars = [rect for rect in grey_rects if rect not in swatches]
    assert bars and swatches, "the legend's Not yet rated swatch has the bars' grey"


@pytest.mark.parametrize("name", ["workplan", "exceptions"])
def test_as_at_is_printed_once_on_the_first_page_and_on_every_page(rendered, name):
    pages = rendered[name].pages
    as_at = "As at 31 March 2025" if name == "workplan" else "As at 31 March 2024"
    assert pages[0].text.count(as_at) == 1
    assert all(as_at in page.text for page in pages)


def test_a_workplan_page_that_continues_a_priority_repeats_its_heading(rendered):
    pages = rendered["workplan"].pages
    assert len(pages) > 2
    for number, page in enumerate(pages[1:], start=2):
        lines = page.text.splitlines()
        body = [line for line in lines if not line.startswith(("As at", "Page "))]
        assert re.match(r"Priority \d: |Core functions", body[0]), f"page {number} starts with {body[0]!r}"
        assert "Impact – what will success" in page.text  # the column headings repeat too


def _column_text(page: Page, first_word: str, right_of: str) -> str:
    """The text of a table column on `page`, from the word `first_word` down, up to the left
    edge of the column whose header begins with `right_of`, as one line."""
    start = next(word for word in page.words if word["text"] == first_word)
    right = next(word["x0"] for word in page.words if word["text"] == right_of)
    chars = [char for char in page.chars if char["top"] >= start["top"] - TOLERANCE
             and start["x0"] - TOLERANCE <= char["x0"] and char["x1"] <= right]
    return " ".join(extract_text(chars).split())


def test_the_exception_pdf_prints_the_whole_action_text(rendered):
    page = next(page for page in rendered["exceptions"].pages if "Commission an independent" in page.text)
    column = _column_text(page, "PEI", right_of="Why").replace("- ", "-")
    assert " ".join(LONG_DESCRIPTION.split()) in column
    assert "..." not in column and "…" not in column


def test_several_themes_are_a_list_in_the_pdf_and_on_the_page(rendered):
    page = next(page for page in rendered["workplan"].pages if "PEI 1.9" in page.text)
    column = re.sub(r"[\s\-\u2010]", "", _column_text(page, "•", right_of="Lead"))  # lines and hyphenation apart
    for title in rendered["themes"]:
        assert "•" + re.sub(r"[\s\-\u2010]", "", title) in column
    page = rendered["workplan page"]
    assert re.search(r'<ul class="govuk-list govuk-list--bullet app-themes">(<li>[^<]+</li>){2,}</ul>', page)
