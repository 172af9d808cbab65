"""Read an uploaded XLSX or CSV workplan into rows of text, keyed by standard column.

Files as people keep them: title rows above the header, blank and section rows, merged
cells, multi-line cells, header variants. The type is judged from the content, never from
the file name.
"""

import csv
import datetime
import io
import re
import zipfile
from dataclasses import dataclass, field

from django.conf import settings

DEFAULT_MAX_BYTES = 5 * 1024 * 1024
# How far down the sheet the header row may be (title rows, notes, a logo's blank rows).
HEADER_SEARCH_ROWS = 30

# The columns the importer knows, with the heading the business plan gives each (used in
# error messages) and every variant people use for it, compared after `normalise_header`.
COLUMNS = {
    "reference": ("Reference", {"reference", "ref", "ref no", "reference number", "no", "number"}),
    "priority": ("Priority", {"priority", "priority area", "business plan priority"}),
    "impact": (
        "Impact",
        {"impact", "outcome", "outcomes", "success measure", "success measures",
         "what will success look like"},
    ),
    "description": ("Action", {"action", "actions", "what we will do to achieve this"}),
    "themes": (
        "Cross-Cutting Themes",
        {"cross cutting themes", "crosscutting themes", "cross cutting theme", "themes", "theme"},
    ),
    "lead": ("Lead", {"lead", "leads", "responsible", "owner", "lead officer", "lead agency"}),
    "timeframe": ("Timeframe", {"timeframe", "timescale", "timescales", "by when", "date", "deadline"}),
    "brag": (
        "BRAG Rating & Update",
        {"brag rating and update", "brag rating", "brag", "rag", "rag rating",
         "rag rating and update", "brag update", "status", "progress", "progress update"},
    ),
}
COLUMN_LABELS = {key: label for key, (label, _variants) in COLUMNS.items()}
# Spreadsheet exports escape formula-like text with an apostrophe (reports/exports.py).
ESCAPED_FORMULA = re.compile(r"^'(?=[=+\-@\t\r])")


class UnreadableFile(Exception):
    """The file as a whole cannot be read as a workplan; the message says why."""


@dataclass
class SheetRow:
    """One row under the header: its number as the spreadsheet shows it, and its cells."""

    number: int
    cells: dict[str, str]
    # Every non-empty cell of the row, in the file's order, known column or not.
    texts: list[str] = field(default_factory=list)
    first_column: int = 0  # where the first of them is (0 = column A)
    filled_columns: tuple[int, ...] = ()  # where each of them is
    table_start: int = 0  # the column of the table's first heading

    @property
    def is_blank(self) -> bool:
        return not self.texts

    @property
    def is_heading(self) -> bool:
        """A section row ("Priority 3: Contextual safeguarding"): one cell, at the table's
        left edge, as typed or merged across the row."""
        return len(self.texts) == 1 and self.first_column <= self.table_start


@dataclass(frozen=True)
class OtherColumn:
    """A column of the table the import does not read: its heading is not one the importer
    knows, is blank, or repeats an earlier column's."""

    letter: str  # as the spreadsheet shows it: "E"
    heading: str  # on one line; "" when the header cell is blank
    has_data: bool  # some action row has something in it

    def __str__(self):
        return f"Column {self.letter}, “{self.heading}”" if self.heading else f"Column {self.letter} (no heading)"

    @property
    def not_imported(self) -> str:
        """"Column E, “Notes”, has data that is not imported"."""
        if self.heading:
            return f"Column {self.letter}, “{self.heading}”, has data that is not imported"
        return f"Column {self.letter}, which has no heading, has data that is not imported"


@dataclass
class Sheet:
    header_row: int
    columns: list[str]  # the standard keys present, in the file's order
    rows: list[SheetRow] = field(default_factory=list)
    other_columns: list[OtherColumn] = field(default_factory=list)

    @property
    def unread_data_columns(self) -> list[OtherColumn]:
        """Columns with data that the import leaves out."""
        return [column for column in self.other_columns if column.has_data]


def max_import_bytes() -> int:
    return getattr(settings, "MSCP_IMPORT_MAX_BYTES", DEFAULT_MAX_BYTES)


def size_error(size: int) -> str | None:
    limit = max_import_bytes()
    if size > limit:
        return (
            f"The file is {size / 1024 / 1024:.1f} MB: it must be smaller than "
            f"{limit / 1024 / 1024:.0f} MB."
        )
    return None


def normalise_header(text: str) -> str:
    """A heading reduced to its letters and digits: "BRAG Rating &⏎Update" ->
    "bragratingandupdate", "Cross-cutting⏎themes" -> "crosscuttingthemes". Case, spacing,
    line breaks and punctuation never matter."""
    return re.sub(r"[^a-z0-9]", "", str(text or "").lower().replace("&", "and"))


# Where the explanation after a heading starts: a spaced dash, a colon or a bracket
# ("Impact – what will success look like?"), or else a line break ("Action⏎What we will do").
HEADING_EXPLANATION = re.compile(r"\s[–—-]\s|[:(]")
VARIANTS = {key: {normalise_header(v) for v in variants} for key, (_label, variants) in COLUMNS.items()}


def column_for(header: str) -> str | None:
    """The standard column a heading names: the whole heading, or the heading without the
    explanation after it, matched ignoring case, spacing, line breaks and punctuation."""
    text = str(header or "").strip()
    candidates = [
        text,
        HEADING_EXPLANATION.split(text, maxsplit=1)[0],
        text.split("\n", maxsplit=1)[0],
    ]
    for candidate in candidates:
        normalised = normalise_header(candidate)
        for key, variants in VARIANTS.items():
            if normalised and normalised in variants:
                return key
    return None


def read_sheet(content: bytes) -> Sheet:
    """The workplan table in `content` (XLSX or CSV bytes). Raises UnreadableFile."""
    if not content:
        raise UnreadableFile("The file is empty.")
    if error := size_error(len(content)):
        raise UnreadableFile(error)
    grid = _xlsx_grid(content) if content.startswith(b"PK\x03\x04") else _csv_grid(content)
    grid = [[_clean(value) for value in row] for row in grid]
    if not any(any(row) for row in grid):
        raise UnreadableFile("The file is empty: it has no rows with anything in them.")
    return _table(grid)


def _clean(value: str) -> str:
    text = str(value).replace("\r\n", "\n").replace("\r", "\n").replace("\xa0", " ").strip()
    return ESCAPED_FORMULA.sub("", text)


def _cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime.datetime | datetime.date):
        return f"{value:%d/%m/%Y}"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _xlsx_grid(content: bytes) -> list[list[str]]:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(content), data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError, TypeError) as error:
        raise UnreadableFile(
            "The file is not a spreadsheet we can read: save it as an Excel workbook (.xlsx) "
            "or as CSV."
        ) from error
    sheet = workbook.worksheets[0]
    grid = [[_cell_text(cell) for cell in row] for row in sheet.iter_rows(values_only=True)]
    # A cell merged down several rows (one impact for three actions) belongs to each of them;
    # a cell merged across a row (a section heading) stays in its first column.
    for merged in sheet.merged_cells.ranges:
        value = grid[merged.min_row - 1][merged.min_col - 1]
        for row in range(merged.min_row, merged.max_row + 1):
            grid[row - 1][merged.min_col - 1] = value
    return grid


def _csv_grid(content: bytes) -> list[list[str]]:
    text = _decode(content)
    sample = text[:4096]
    # Only the separator is sniffed (Excel in some locales saves with ";"); quoting stays
    # Excel's, since a sniffed quote character mistakes apostrophes for quotes.
    try:
        delimiter = csv.Sniffer().sniff(sample, delimiters=",;\t").delimiter
    except csv.Error:
        delimiter = ","
    try:
        return list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    except csv.Error as error:
        raise UnreadableFile(f"The file is not a CSV table we can read: {error}.") from error


NOT_A_SPREADSHEET = (
    "The file is not a spreadsheet: upload an Excel workbook (.xlsx) or a CSV file."
)


def _decode(content: bytes) -> str:
    """UTF-8 (with or without a byte-order mark), else Windows-1252, as Excel saves CSV."""
    if content.startswith(b"\xd0\xcf\x11\xe0"):
        raise UnreadableFile(
            "The file is an old-style Excel workbook (.xls): save it as .xlsx or CSV and "
            "upload that."
        )
    if b"\x00" in content[:8192] or content.startswith(b"%PDF"):
        raise UnreadableFile(NOT_A_SPREADSHEET)
    try:
        return content.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return content.decode("cp1252")
    except UnicodeDecodeError as error:
        raise UnreadableFile(NOT_A_SPREADSHEET) from error


def _table(grid: list[list[str]]) -> Sheet:
    header_index, columns = _find_header(grid)
    sheet = Sheet(header_row=header_index + 1, columns=[key for key in columns if key])
    table_start = next(index for index, key in enumerate(columns) if key)
    for offset, values in enumerate(grid[header_index + 1 :], start=header_index + 2):
        cells = {}
        for key, value in zip(columns, values):
            if key and key not in cells:
                cells[key] = value
        filled = [index for index, value in enumerate(values) if value]
        sheet.rows.append(SheetRow(
            number=offset,
            cells=cells,
            texts=[values[index] for index in filled],
            first_column=filled[0] if filled else 0,
            filled_columns=tuple(filled),
            table_start=table_start,
        ))
    sheet.other_columns = _other_columns(grid[header_index], columns, sheet.rows)
    return sheet


def _other_columns(headings, columns, rows) -> list[OtherColumn]:
    """The table's columns the import does not read, each with whether any action row has
    data in it. Section rows ("Priority 3: …") are headings the import reads, not data."""
    from openpyxl.utils import get_column_letter

    with_data = {
        index for row in rows if not row.is_heading for index in row.filled_columns
    }
    found = []
    for index in range(max([len(headings), *(index + 1 for index in with_data)])):
        if index < len(columns) and columns[index]:
            continue
        heading = " ".join(headings[index].split()) if index < len(headings) else ""
        has_data = index in with_data
        if heading or has_data:
            found.append(OtherColumn(letter=get_column_letter(index + 1), heading=heading, has_data=has_data))
    return found


def _find_header(grid) -> tuple[int, list[str | None]]:
    best = None
    for index, values in enumerate(grid[:HEADER_SEARCH_ROWS]):
        columns = [column_for(value) if value else None for value in values]
        known = {key for key in columns if key}
        if "description" in known and len(known) >= 2:
            # A column heading used twice keeps its first place.
            seen = set()
            unique = []
            for key in columns:
                unique.append(key if key and key not in seen else None)
                seen.add(key)
            return index, unique
        if len(known) >= 2 and best is None:
            best = index
    if best is not None:
        raise UnreadableFile(
            f"Row {best + 1} looks like the header row but has no Action column: head the "
            "column of actions “Action” (or “Actions”)."
        )
    raise UnreadableFile(
        "No header row found: the table needs a header row with at least an “Action” column "
        "(and Impact, Cross-Cutting Themes, Lead, Timeframe, BRAG Rating & Update)."
    )
