"""The restricted markup of the annual report's written sections: Markdown for paragraphs,
lists, links, emphasis, sub-headings and tables (GitHub's pipe tables, whose first row is the
header row), rendered and then sanitised, so whatever is typed into a section can only ever
become those elements.

Rendering is bounded whatever is stored, because a section that cannot be rendered would
take the report page, its PDF and the section's own editor down with it:

- Python-Markdown finds where a link's "[" closes by scanning forward to the matching "]"
  (and a link's "(" to its ")"), once for every "[" in a paragraph: 20,000 "[" that never
  close cost 200 million steps. `_LinearParsingExtension` finds the closing brackets in one
  pass instead, so those scans cost nothing.
- Python's HTML parser, which Python-Markdown uses to pass blocks of raw HTML through, is
  quadratic on start tags that never close ("<a <a <a ..."): 20,000 characters of them take
  five seconds. Raw HTML blocks are not part of the markup a section offers (the sanitiser
  removes almost all HTML anyway), so that step is left out; HTML typed inside a paragraph
  is still matched, in linear time, and sanitised.
- Python-Markdown's tables split a row into cells by checking each "|" against every code
  span before it: a row of 18,000 "`|" takes 1.4 s. `_LinearTableExtension` finds each
  pipe's code span by bisection instead, with the same cells as a result.
- Anything else that proves slow (deeply nested lists, say) is stopped by a time budget
  checked at every block and inline match, and a list nested deeper than Python's recursion
  limit stops too: the text is then shown as plain paragraphs, still sanitised.
- Text longer than SECTION_TEXT_MAX_LENGTH (the most a section may be saved with; an older
  section may be longer) is shown as plain paragraphs without Markdown at all, cut at that
  length with a note saying so.
- WeasyPrint lays out a "word" with no break in it in time that grows with the square of its
  length (20,000 "[" take 2.6 s, 40,000 take 11 s), so the rendered text gets an invisible
  break opportunity (a zero-width space) every LINE_BREAK_EVERY characters of any run longer
  than LONGEST_UNBROKEN_RUN, a long pasted address too; link addresses are left untouched.
"""

import html
import logging
import re
import time
from bisect import bisect_right
from collections import defaultdict
from dataclasses import dataclass

import markdown
import nh3
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.safestring import SafeString, mark_safe
from markdown.extensions import Extension
from markdown.extensions.tables import TableExtension, TableProcessor
from markdown.inlinepatterns import (
    IMAGE_LINK_RE,
    IMAGE_REFERENCE_RE,
    LINK_RE,
    REFERENCE_RE,
    ImageInlineProcessor,
    ImageReferenceInlineProcessor,
    LinkInlineProcessor,
    ReferenceInlineProcessor,
    ShortImageReferenceInlineProcessor,
    ShortReferenceInlineProcessor,
)

logger = logging.getLogger("mscp.reports")

# The most characters a written section may hold: about 3,000 words, six or seven printed
# pages. The longest sections of the annual reports this product is modelled on (Merton's
# and Medway's "Learning from reviews") run to about 1,500 words, so this is twice the
# longest real section, and Markdown renders it in well under a second.
SECTION_TEXT_MAX_LENGTH = 20_000

# How long one section may take to render before it is shown as plain paragraphs. A
# 20,000-character section of ordinary prose takes about 0.05 s; a report has about
# seventeen written parts, so even if every one used its whole budget the page and the PDF
# would still answer well inside the 60-second worker timeout. The MSCP_SECTION_RENDER_SECONDS
# setting changes it (the tests give it more, so a busy test machine never falls back).
RENDER_BUDGET_SECONDS = 0.5

# The most characters after a link's "(" read to find its address and title, when quotes
# in them mean the closing ")" cannot be found in advance. No real address is that long.
LINK_DESTINATION_SCAN_LIMIT = 2_000

# A run of characters without a space longer than this gets a zero-width space every
# LINE_BREAK_EVERY characters, so a line can break inside it (see the module's docstring).
LONGEST_UNBROKEN_RUN = 60
LINE_BREAK_EVERY = 30
ZERO_WIDTH_SPACE = "\u200b"

TABLE_TAGS = {"table", "thead", "tbody", "tr", "th", "td"}
ALLOWED_TAGS = {"p", "ul", "ol", "li", "a", "strong", "em", "h3", "h4", *TABLE_TAGS}
ALLOWED_ATTRIBUTES = {"a": {"href"}}
ALLOWED_URL_SCHEMES = {"http", "https", "mailto"}

# GOV.UK Frontend classes for the (attribute-free) elements the sanitiser lets through.
GOVUK_CLASSES = {
    "p": "govuk-body",
    "ul": "govuk-list govuk-list--bullet",
    "ol": "govuk-list govuk-list--number",
    "h3": "govuk-heading-m",
    "h4": "govuk-heading-s",
    "table": "govuk-table app-prose-table",
    "thead": "govuk-table__head",
    "tbody": "govuk-table__body",
    "tr": "govuk-table__row",
    "td": "govuk-table__cell",
}
# A pipe table's header cells head their columns; the sanitiser lets no attribute through on
# them (the alignment's style attribute goes too), so the scope is added after it.
HEADER_CELL = '<th class="govuk-table__header" scope="col">'


TOO_LONG, TOO_COMPLEX = "too long", "too complex"


@dataclass(frozen=True)
class RenderedMarkup:
    html: SafeString
    # Why the text is shown as plain paragraphs instead of formatted (TOO_LONG or
    # TOO_COMPLEX), or "" when it is formatted.
    plain_because: str = ""

    @property
    def is_plain(self) -> bool:
        return bool(self.plain_because)


def section_text_length_error(text: str) -> str | None:
    """What is wrong with the length of a section's text, or None when it fits."""
    if len(text) <= SECTION_TEXT_MAX_LENGTH:
        return None
    return (
        f"Text must be {SECTION_TEXT_MAX_LENGTH:,} characters or fewer. It has {len(text):,}: "
        f"shorten it by {len(text) - SECTION_TEXT_MAX_LENGTH:,}."
    )


def validate_section_text_length(text: str) -> None:
    if (message := section_text_length_error(text)) is not None:
        raise ValidationError(message, code="max_length")


def render_markup(text: str) -> SafeString:
    """The section's text as safe HTML with GOV.UK classes; empty text gives ""."""
    return render_section_text(text).html


def render_section_text(text: str, *, budget_seconds: float | None = None) -> RenderedMarkup:
    """The section's text as safe HTML, formatted from its Markdown within `budget_seconds`,
    or as plain paragraphs (`is_plain`) when it is longer than a section may be saved with
    or could not be formatted in time."""
    text = text or ""
    if not text.strip():
        return RenderedMarkup(mark_safe(""))
    if len(text) > SECTION_TEXT_MAX_LENGTH:
        shown = plain_paragraphs(text[:SECTION_TEXT_MAX_LENGTH]) + (
            f"\n<p>[The rest of this section is not shown: it has {len(text):,} characters, more than "
            f"the {SECTION_TEXT_MAX_LENGTH:,} a section can hold.]</p>"
        )
        return RenderedMarkup(sanitised(shown), plain_because=TOO_LONG)
    if budget_seconds is None:
        budget_seconds = getattr(settings, "MSCP_SECTION_RENDER_SECONDS", RENDER_BUDGET_SECONDS)
    formatted = _markdown_within(text, budget_seconds)
    if formatted is None:
        return RenderedMarkup(sanitised(plain_paragraphs(text)), plain_because=TOO_COMPLEX)
    return RenderedMarkup(sanitised(formatted))


def plain_paragraphs(text: str) -> str:
    """The text as escaped paragraphs, one per block of lines, with no other formatting: the
    fallback that takes time in proportion to the text whatever it holds."""
    blocks = re.split(r"\n\s*\n", text.strip())
    return "\n".join(f"<p>{html.escape(' '.join(block.split()))}</p>" for block in blocks if block.strip())


def sanitised(html_text: str) -> SafeString:
    """`html_text` with only the section's elements and attributes left, and GOV.UK classes."""
    clean = nh3.clean(
        html_text,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_URL_SCHEMES,
        link_rel="noopener noreferrer",
    )
    # HTML typed into a section can leave a paragraph with nothing in it once sanitised.
    clean = re.sub(r"<p>\s*</p>\n?", "", clean)
    for tag, classes in GOVUK_CLASSES.items():
        clean = clean.replace(f"<{tag}>", f'<{tag} class="{classes}">')
    clean = clean.replace("<th>", HEADER_CELL)
    clean = re.sub(r"<a (?=[^>]*href=)", '<a class="govuk-link" ', clean)
    return mark_safe(breakable(captioned(clean)))  # noqa: S308 - sanitised by nh3 just above


TABLE_OPEN = f'<table class="{GOVUK_CLASSES["table"]}">'
# "Table: what it shows" on the line before a table is its caption, as Pandoc's Markdown has it.
_CAPTION_PARAGRAPH = re.compile(
    rf'<p class="{GOVUK_CLASSES["p"]}">Table: ((?:(?!</p>).)*)</p>\s*{re.escape(TABLE_OPEN)}', re.DOTALL
)
_HEADING_OR_TABLE = re.compile(
    rf"<h[34][^>]*>(?P<heading>(?:(?!</h[34]>).)*)</h[34]>|{re.escape(TABLE_OPEN)}", re.DOTALL
)
_HEADER_CELLS = re.compile(r'<th class="govuk-table__header" scope="col">((?:(?!</th>).)*)</th>', re.DOTALL)


def captioned(html_text: str) -> str:
    """Sanitised HTML whose every table has a caption: the author's ("Table: …" just before
    it), shown; otherwise, for screen readers only, the sub-heading it comes under or else its
    column headings."""
    html_text = _CAPTION_PARAGRAPH.sub(
        lambda match: f'{TABLE_OPEN}\n<caption class="govuk-table__caption govuk-table__caption--s">{match[1]}</caption>',
        html_text,
    )
    pieces, last_heading, done = [], None, 0
    for match in _HEADING_OR_TABLE.finditer(html_text):
        if match["heading"] is not None:
            last_heading = match["heading"]
            continue
        rest = html_text[match.end() : match.end() + len("\n<caption")]
        if rest.lstrip().startswith("<caption"):
            continue
        if last_heading is not None:
            caption = last_heading
        else:
            head = html_text[match.end() : html_text.find("</thead>", match.end())]
            cells = [re.sub(r"<[^>]+>", "", cell).strip() for cell in _HEADER_CELLS.findall(head)]
            caption = "Table of " + (", ".join(cells[:-1]) + " and " + cells[-1] if len(cells) > 1 else "".join(cells))
        pieces += [html_text[done : match.end()], f'\n<caption class="govuk-visually-hidden">{caption}</caption>']
        done = match.end()
    return "".join([*pieces, html_text[done:]])


# nh3's HTML: a tag (its attribute values in double quotes, which may hold ">"), or text, in
# which "&", "<" and ">" are always written as entities.
_TAG_OR_TEXT = re.compile(r'(<[^>"]*(?:"[^"]*"[^>"]*)*>)')
_CHARACTER = r"(?:&#?\w+;|[^\s&])"
_UNBROKEN_RUN = re.compile(f"{_CHARACTER}{{{LONGEST_UNBROKEN_RUN + 1},}}")
_ONE_CHARACTER = re.compile(_CHARACTER)


def breakable(html_text: str) -> str:
    """Sanitised HTML with a zero-width space every LINE_BREAK_EVERY characters of each run
    of more than LONGEST_UNBROKEN_RUN characters without a space in its text (never in a tag
    or inside an entity), so browsers and WeasyPrint can break lines there."""

    def with_breaks(run: re.Match) -> str:
        characters = _ONE_CHARACTER.findall(run.group())
        return ZERO_WIDTH_SPACE.join(
            "".join(characters[start : start + LINE_BREAK_EVERY]) for start in range(0, len(characters), LINE_BREAK_EVERY)
        )

    parts = _TAG_OR_TEXT.split(html_text)
    # split() with a group gives text, tag, text, tag, ..., text: the text is at even places.
    parts[::2] = [_UNBROKEN_RUN.sub(with_breaks, text) for text in parts[::2]]
    return "".join(parts)


class _OutOfTime(Exception):
    pass


def _markdown_within(text: str, budget_seconds: float) -> str | None:
    """The text rendered by Markdown, or None when that took longer than `budget_seconds`
    or nested deeper than Python's recursion limit."""
    deadline = time.monotonic() + budget_seconds
    md = markdown.Markdown(
        output_format="html",
        # The deadline comes last, so that it wraps every other extension's processors too.
        extensions=[_LinearTableExtension(), _LinearParsingExtension(), _DeadlineExtension(deadline)],
    )
    try:
        return md.convert(text)
    except (_OutOfTime, RecursionError) as error:
        logger.warning(
            "A written section of %d characters could not be formatted (%s): shown as plain paragraphs.",
            len(text),
            "over its time budget" if isinstance(error, _OutOfTime) else "nested too deeply",
        )
        return None


class _DeadlineExtension(Extension):
    """Stops rendering once the deadline has passed: checked before every block Markdown
    parses and every inline match it tries, which between them are all of its work."""

    def __init__(self, deadline: float):
        super().__init__()
        self.deadline = deadline

    def check(self) -> None:
        if time.monotonic() > self.deadline:
            raise _OutOfTime

    def checked(self, function):
        def run_if_in_time(*args, **kwargs):
            self.check()
            return function(*args, **kwargs)

        return run_if_in_time

    def extendMarkdown(self, md):  # noqa: N802 - Python-Markdown's name
        md.parser.parseBlocks = self.checked(md.parser.parseBlocks)
        for processor in md.parser.blockprocessors:
            processor.run = self.checked(processor.run)
        for pattern in md.inlinePatterns:
            pattern.handleMatch = self.checked(pattern.handleMatch)


class _ClosingBrackets:
    """Where each opening bracket of a text closes (as Python-Markdown's forward scan would
    find it: the first closing bracket that balances it), worked out in one pass.

    Where a bracket closes depends only on the text after it, and while Markdown works
    through a paragraph it only replaces text before the place it looks at next. So the
    positions are kept counted from the end of the text, with the text they were worked out
    on, and stay true for any later version of the paragraph that ends the same way."""

    def __init__(self, opening: str, closing: str):
        self.opening, self.closing = opening, closing
        self.brackets = re.compile(f"[{re.escape(opening + closing)}]")
        self.tail = ""  # the end of the text the positions were worked out on
        self.closes: dict[int, int | None] = {}  # from the end: an opening -> its closing
        self.checked_text, self.checked_from = None, 0

    def close_of(self, data: str, index: int) -> int | None:
        """The index in `data` of the bracket that closes the one at `index`, or None."""
        if not (data is self.checked_text and index >= self.checked_from):
            length = len(data) - index
            if length > len(self.tail) or not data.endswith(self.tail[len(self.tail) - length:]):
                self._work_out(data, index)
            self.checked_text, self.checked_from = data, index
        close = self.closes.get(len(data) - index)
        return None if close is None else len(data) - close

    def _work_out(self, data: str, start: int) -> None:
        end = len(data)
        closes: dict[int, int | None] = {}
        open_at: list[int] = []
        for match in self.brackets.finditer(data, start):
            if match.group() == self.opening:
                open_at.append(match.start())
            elif open_at:
                closes[end - open_at.pop()] = end - match.start()
        for index in open_at:
            closes[end - index] = None
        self.tail, self.closes = data[start:], closes


class _BracketAware:
    """Python-Markdown's link finding with the closing "]" and ")" looked up, not scanned for.
    The results are the same for every link a person writes."""

    square: _ClosingBrackets
    round: _ClosingBrackets

    def getText(self, data, index):  # noqa: N802 - Python-Markdown's name
        close = self.square.close_of(data, index - 1)
        if close is None:
            return "", len(data), False
        return data[index:close], close + 1, True

    def getLink(self, data, index):  # noqa: N802 - Python-Markdown's name
        if not data.startswith("(", index):
            return "", None, index, False
        close = self.round.close_of(data, index)
        end = len(data) if close is None else close + 1
        if '"' not in data[index:end] and "'" not in data[index:end]:
            # No title in quotes: the scan ends at the balancing ")", or finds none.
            if close is None:
                return "", None, index, False
            return super().getLink(data[:end], index)
        return super().getLink(data[: index + LINK_DESTINATION_SCAN_LIMIT], index)


class _LinearParsingExtension(Extension):
    """Replaces Python-Markdown's link, image and reference patterns (same expressions, same
    priorities) with bracket-aware ones sharing one record of where brackets close, and
    leaves out the raw HTML block step (see the module's docstring)."""

    PATTERNS = [
        (ReferenceInlineProcessor, REFERENCE_RE, "reference", 170),
        (LinkInlineProcessor, LINK_RE, "link", 160),
        (ImageInlineProcessor, IMAGE_LINK_RE, "image_link", 150),
        (ImageReferenceInlineProcessor, IMAGE_REFERENCE_RE, "image_reference", 140),
        (ShortReferenceInlineProcessor, REFERENCE_RE, "short_reference", 130),
        (ShortImageReferenceInlineProcessor, IMAGE_REFERENCE_RE, "short_image_ref", 125),
    ]

    def extendMarkdown(self, md):  # noqa: N802 - Python-Markdown's name
        square, round_ = _ClosingBrackets("[", "]"), _ClosingBrackets("(", ")")
        for processor_class, expression, name, priority in self.PATTERNS:
            bounded = type(f"Bounded{processor_class.__name__}", (_BracketAware, processor_class), {})
            processor = bounded(expression, md)
            processor.square, processor.round = square, round_
            md.inlinePatterns.register(processor, name, priority)
        md.preprocessors.deregister("html_block")


class _LinearTableProcessor(TableProcessor):
    """Python-Markdown's pipe tables, with each "|" looked up among the row's code spans by
    bisection rather than compared with every span before it: the same cells, in linear time."""

    def _split(self, row: str) -> list[str]:
        tics: list[int] = []
        tic_points: list[tuple[int, int, int]] = []  # start, end, escape length
        pipes: list[int] = []
        for match in self.RE_CODE_PIPES.finditer(row):
            if match.group(2):
                tics.append(len(match.group(2)) - 1)
                tic_points.append((match.start(2), match.end(2) - 1, 1))
            elif match.group(3):
                tics.append(len(match.group(3)))
                tic_points.append((match.start(3), match.end(3) - 1, 0))
            elif match.group(5):
                pipes.append(match.start(5))
        # A run of backticks opens a code span closed by the next run of the same length.
        where = defaultdict(list)
        for index, size in enumerate(tics):
            where[size].append(index)
        starts, ends = [], []
        pos = 0
        while pos < len(tics):
            size = tics[pos] - tic_points[pos][2]
            later = where.get(size, [])
            following = bisect_right(later, pos)
            if size == 0 or following == len(later):
                pos += 1
                continue
            close = later[following]
            starts.append(tic_points[pos][0])
            ends.append(tic_points[close][1])
            pos = close + 1
        cells, start = [], 0
        for pipe in pipes:
            span = bisect_right(starts, pipe) - 1
            if span >= 0 and pipe <= ends[span]:
                continue  # inside a code span: part of the cell's text
            cells.append(row[start:pipe])
            start = pipe + 1
        cells.append(row[start:])
        return cells


class _LinearTableExtension(TableExtension):
    def extendMarkdown(self, md):  # noqa: N802 - Python-Markdown's name
        super().extendMarkdown(md)
        md.parser.blockprocessors.register(_LinearTableProcessor(md.parser, self.getConfigs()), "table", 75)
