"""Written sections render whatever they hold: the inputs that made Python-Markdown quadratic
(or recurse too deeply) render, formatted or as plain paragraphs, and ordinary Markdown
renders as it always did. How long each takes is measured by bench/hostile_inputs.py, not
here: a timed test fails on a busy machine and proves nothing on a fast one."""

import html as html_module
import random
import re

import markdown
import pytest

from mscp.demo.merton_annual import SECTIONS as MERTON_SECTIONS
from reports.markup import (
    RENDER_BUDGET_SECONDS,
    SECTION_TEXT_MAX_LENGTH,
    TOO_COMPLEX,
    TOO_LONG,
    render_markup,
    render_section_text,
    sanitised,
)

# Each was measured on Python-Markdown as it comes (seconds for 1,000 / 2,000 / 4,000
# characters, growing four times for each doubling): 20,000 of them would take 10 to 60 s.
QUADRATIC_BEFORE = {
    "unclosed [": "[" * SECTION_TEXT_MAX_LENGTH,  # 0.11 / 0.43 / 1.7 s
    "unclosed ![": "![" * (SECTION_TEXT_MAX_LENGTH // 2),  # 0.05 / 0.21 / 0.82 s
    "unclosed [^": "[^" * (SECTION_TEXT_MAX_LENGTH // 2),  # 0.07 / 0.31 / 1.3 s
    "unclosed [ on lines": "[\n" * (SECTION_TEXT_MAX_LENGTH // 2),  # 0.09 / 0.33 / 1.7 s
    "unclosed [ between words": "[ " * (SECTION_TEXT_MAX_LENGTH // 2),
    "[ then <": "[<" * (SECTION_TEXT_MAX_LENGTH // 2),  # 0.06 / 0.21 / 0.94 s
    "closed only at the end": "[" * (SECTION_TEXT_MAX_LENGTH - 1) + "]",
    "reference without a close": "[a][" * (SECTION_TEXT_MAX_LENGTH // 4),  # 0.04 / 0.16 / 0.59 s
    "link without a )": "[x](" * (SECTION_TEXT_MAX_LENGTH // 4),  # 0.01 / 0.05 / 0.18 s
    "link with ( but no )": "[a](" + "(" * (SECTION_TEXT_MAX_LENGTH - 4),
    "empty link without a )": "[](" * (SECTION_TEXT_MAX_LENGTH // 3),
    "link to < without a )": "[a](<" * (SECTION_TEXT_MAX_LENGTH // 5),
    "unclosed HTML tags": "<a " * (SECTION_TEXT_MAX_LENGTH // 3),  # 0.02 / 0.06 / 0.21 s
}


def visible_text(html: str) -> str:
    return html_module.unescape(re.sub(r"<[^>]+>", "", html))


def render_markup_unbounded(text: str) -> str:
    """The section as Python-Markdown renders it as it comes, sanitised the same way."""
    return sanitised(markdown.markdown(text, output_format="html", extensions=["tables"]))


@pytest.mark.parametrize("text", QUADRATIC_BEFORE.values(), ids=QUADRATIC_BEFORE.keys())
def test_inputs_that_were_quadratic_are_formatted_not_shown_plain(text):
    rendered = render_section_text(text, budget_seconds=60)
    # Formatted by Markdown, not the plain fallback: the bounded link finding did the work.
    assert not rendered.is_plain
    # Every bracket the author typed is still there, as text (no links were made).
    assert "<a " not in rendered.html
    for character in "[]()":
        assert visible_text(rendered.html).count(character) == text.count(character)


def test_links_render_as_before():
    html = render_markup(
        "See [the [revised] plan](https://mscp.example/plan_(2024) \"The plan\"), "
        "[Ofsted's report][ofsted] and [MSCP].\n\n"
        "[ofsted]: https://ofsted.example\n[MSCP]: https://mscp.example 'MSCP'"
    )
    assert '<a class="govuk-link" href="https://mscp.example/plan_(2024)"' in html
    assert ">the [revised] plan</a>" in html
    assert 'href="https://ofsted.example"' in html and ">Ofsted's report</a>" in html
    assert 'href="https://mscp.example"' in html and ">MSCP</a>" in html


@pytest.mark.parametrize(
    "text",
    [
        "- " * (SECTION_TEXT_MAX_LENGTH // 2 - 1) + "x",  # a list nested 10,000 deep on one line
        "1. " * (SECTION_TEXT_MAX_LENGTH // 3 - 1) + "x",
        "".join("\t" * depth + "- x\n" for depth in range(1_000))[:SECTION_TEXT_MAX_LENGTH],
    ],
    ids=["bullets", "numbers", "indented bullets"],
)
def test_lists_nested_too_deeply_for_markdown_show_as_plain_paragraphs(text):
    # Python-Markdown recursed past Python's limit on these (a RecursionError: a server error).
    rendered = render_section_text(text)
    assert rendered.plain_because == TOO_COMPLEX
    assert rendered.html.startswith('<p class="govuk-body">')
    assert visible_text(rendered.html).replace(" ", "").replace("\t", "") == "".join(text.split())


def test_text_over_its_time_budget_shows_as_plain_escaped_paragraphs():
    text = "**Bold** first paragraph\nwith two lines.\n\n<script>alert(1)</script> and [a link](https://x.example)"
    rendered = render_section_text(text, budget_seconds=0)
    assert rendered.plain_because == TOO_COMPLEX
    assert rendered.html == (
        '<p class="govuk-body">**Bold** first paragraph with two lines.</p>\n'
        '<p class="govuk-body">&lt;script&gt;alert(1)&lt;/script&gt; and [a link](https://x.example)</p>'
    )


def test_thousands_of_headings_in_one_block_show_as_headings_or_within_the_budget_as_plain_text():
    # Still quadratic in Python-Markdown (each heading splits the rest of the block): 1.7 s
    # for these 20,000 characters here. The time budget stops it and shows plain paragraphs.
    text = ("a\n===\n" * SECTION_TEXT_MAX_LENGTH)[:SECTION_TEXT_MAX_LENGTH]
    rendered = render_section_text(text, budget_seconds=RENDER_BUDGET_SECONDS)
    if rendered.is_plain:
        assert rendered.html.startswith('<p class="govuk-body">') and "<h" not in rendered.html
    else:
        assert rendered.html.count("<h") == text.count("===")


def test_stored_text_longer_than_a_section_may_be_shows_as_plain_paragraphs_cut_at_the_limit():
    # Saved before the limit existed: shown without Markdown, in time proportional to the limit.
    text = "**Long** " + "[" * (3 * SECTION_TEXT_MAX_LENGTH)
    rendered = render_section_text(text)
    assert rendered.plain_because == TOO_LONG
    assert "<strong>" not in rendered.html and "**Long**" in rendered.html
    shown = visible_text(rendered.html)
    assert shown.count("[") == SECTION_TEXT_MAX_LENGTH - len("**Long** ") + 1  # and the note's "["
    assert shown.endswith(
        "[The rest of this section is not shown: it has 60,009 characters, more than the 20,000 a section can hold.]"
    )


def test_long_runs_without_spaces_can_break_but_link_addresses_are_untouched():
    # WeasyPrint took 2.6 s to lay out 20,000 "[" in a row, 11 s for 40,000: they now break.
    address = "https://mscp.example/" + "x" * 100
    html = render_markup("[" * 70 + f" [the plan]({address}) <{address}> short words stay whole")
    assert html.startswith('<p class="govuk-body">' + "[" * 30 + "\u200b" + "[" * 30 + "\u200b" + "[" * 10 + " ")
    assert html.count(f'href="{address}"') == 2  # the addresses are whole
    assert ">" + address[:30] + "\u200b" + address[30:60] + "\u200b" in html  # the address shown as text breaks
    assert "short words stay whole" in html
    assert render_markup("Tom &amp; Jerry " + "&" * 61).count("&amp;") == 62  # entities are never split


def test_ordinary_markdown_is_formatted():
    rendered = render_section_text("### Our year\n\n- **One**\n- *Two*\n\nThen:\n\n1. First")
    assert not rendered.is_plain
    assert rendered.html == (
        '<h3 class="govuk-heading-m">Our year</h3>\n'
        '<ul class="govuk-list govuk-list--bullet">\n<li><strong>One</strong></li>\n<li><em>Two</em></li>\n</ul>\n'
        '<p class="govuk-body">Then:</p>\n'
        '<ol class="govuk-list govuk-list--number">\n<li>First</li>\n</ol>'
    )


@pytest.mark.parametrize("slug", MERTON_SECTIONS.keys())
def test_the_demo_reports_sections_render_exactly_as_python_markdown_renders_them(slug):
    text = MERTON_SECTIONS[slug]
    assert render_markup(text) == render_markup_unbounded(text)


def test_html_typed_into_a_section_is_sanitised_without_leaving_empty_paragraphs():
    html = render_markup("<div>Kept <b>text</b></div>\n\n<p>Para</p>\n\n<script>gone()</script>\n\nAfter")
    assert "<div" not in html and "<b>" not in html and "gone" not in html and "script" not in html
    assert "<p></p>" not in html and '<p class="govuk-body"></p>' not in html
    assert "Kept text" in visible_text(html) and "Para" in html and "After" in html


def test_links_brackets_and_quotes_render_exactly_as_python_markdown_renders_them():
    # The bounded link finding must not change what a person's links become: 1,500 seeded
    # random texts made of the characters links are made of.
    generator = random.Random(14)
    alphabet = ["[", "]", "(", ")", "!", '"', "'", " ", "a", "\\", "`", "*", "\n", ":", "http://x", "[1]: http://one\n"]
    for _ in range(1_500):
        text = "".join(generator.choice(alphabet) for _ in range(generator.randint(1, 80)))
        assert render_markup(text) == render_markup_unbounded(text), text


TABLE = "| Agency | Contribution |\n| :--- | ---: |\n| Merton Council | £98,000 |\n| South West London ICB | £52,000 |"


def test_a_pipe_table_renders_as_a_govuk_table_with_column_headers():
    html = render_markup(f"Our budget:\n\n{TABLE}")
    assert '<table class="govuk-table app-prose-table">' in html
    assert html.count('<th class="govuk-table__header" scope="col">') == 2
    assert '<td class="govuk-table__cell">South West London ICB</td>' in html
    # Alignment is dropped: its style attribute would break the Content Security Policy.
    assert "style=" not in html


def test_script_handlers_and_attributes_in_a_table_are_stripped():
    html = render_markup(
        '| A <script>alert(1)</script> | B |\n| --- | --- |\n'
        '| <img src=x onerror=alert(1)> | [x](javascript:alert(1)) <td onclick="x">y</td> |'
    )
    assert "<script" not in html and "alert(1)</" not in html
    assert "onerror" not in html and "onclick" not in html and "<img" not in html
    assert "javascript:" not in html
    assert '<th scope="row"' not in html and "scope" not in html.replace('scope="col"', "")


def test_a_table_row_of_code_spans_and_bars_is_formatted_in_time():
    text = "| a |\n| - |\n" + "`|" * ((SECTION_TEXT_MAX_LENGTH - 12) // 2)
    assert not render_section_text(text).is_plain


def test_every_table_has_a_caption_the_authors_or_one_for_screen_readers():
    html = render_markup(f"Table: What each partner gives\n\n{TABLE}\n\n### Glossary\n\n| A | B |\n| - | - |\n| x | y |")
    assert '<caption class="govuk-table__caption govuk-table__caption--s">What each partner gives</caption>' in html
    assert "Table: " not in html
    assert '<caption class="govuk-visually-hidden">Glossary</caption>' in html
    assert '<caption class="govuk-visually-hidden">Table of Agency and Contribution</caption>' in render_markup(TABLE)
