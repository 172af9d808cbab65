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

from plans.text import with_lf_newlines

DEFAULT_MAX_BYTES = 5 * 1024 * 1024
# What an XLSX may hold, so that a small file cannot take a worker's memory or time: a
# workplan is a few hundred rows of a dozen columns.
XLSX_MAX_PARTS = 500  # files inside the zip
XLSX_MAX_UNPACKED_BYTES = 50 * 1024 * 1024
XLSX_MAX_RATIO = 100  # how many times over a part larger than 1 MB may be compressed
# Of the sheet, header and title rows included (CSV too). Confirming 5,000 changed rows took
# longer than the 10 seconds a confirmation should (README, Benchmarks): 3,000 stays within.
XLSX_MAX_ROWS = 3000
XLSX_MAX_COLUMNS = 50
XLSX_MAX_MERGED_RANGES = 10000
MAX_CELL_CHARACTERS = 32767  # Excel's own limit for a cell
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
# Spreadsheet exports escape formula-like text with an apostrophe (subgroups/exports.py).
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
    text = with_lf_newlines(str(value)).replace("\xa0", " ").strip()
    return ESCAPED_FORMULA.sub("", text)


def _cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime.datetime | datetime.date):
        return f"{value:%d/%m/%Y}"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


UNREADABLE_SPREADSHEET = (
    "The file is not a spreadsheet we can read: save it as an Excel workbook (.xlsx) or as CSV."
)


def _limit_error(what: str, limit: int) -> UnreadableFile:
    return UnreadableFile(
        f"The file has {what}: the import reads at most {limit:,}. Split the workplan into "
        "smaller files, or remove what is not part of it, and upload it again."
    )


def _zip_check(content: bytes) -> None:
    """Refuse a workbook whose parts would unpack to more than the import reads (a zip
    bomb), before anything unpacks it: the sizes are the zip's own, which reading it keeps
    to (a part that unpacks longer than it says is an error)."""
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError) as error:
        raise UnreadableFile(UNREADABLE_SPREADSHEET) from error
    if len(members) > XLSX_MAX_PARTS:
        raise _limit_error(f"{len(members):,} parts inside it", XLSX_MAX_PARTS)
    unpacked = sum(member.file_size for member in members)
    if unpacked > XLSX_MAX_UNPACKED_BYTES:
        raise UnreadableFile(
            f"The file unpacks to {unpacked / 1024 / 1024:,.0f} MB: the import reads workbooks "
            f"that unpack to at most {XLSX_MAX_UNPACKED_BYTES / 1024 / 1024:.0f} MB. Remove what "
            "is not part of the workplan (other sheets, images) and upload it again."
        )
    for member in members:
        if member.file_size > 1024 * 1024 and member.file_size > XLSX_MAX_RATIO * max(member.compress_size, 1):
            raise UnreadableFile(
                f"The file is compressed more than {XLSX_MAX_RATIO} times over, which a "
                "workplan never is: save it again from Excel and upload that."
            )


def _merged_ranges(archive_read, sheet_path: str, rows: int, columns: int) -> list[tuple[int, int, int, int]]:
    """The first sheet's merged ranges as (min_row, min_col, max_row, max_col), each clamped
    to the `rows` and `columns` that hold data, read with a streaming parser that refuses
    entities and DTDs (openpyxl's full reader would make a cell object for every merged
    cell: A1:XFD1048576 is 17 billion of them)."""
    from defusedxml.ElementTree import iterparse
    from openpyxl.utils.cell import range_boundaries

    ranges = []
    with archive_read(sheet_path) as source:
        for _event, element in iterparse(source, events=("end",)):
            if element.tag.endswith("}mergeCell"):
                if len(ranges) >= XLSX_MAX_MERGED_RANGES:
                    raise _limit_error(f"more than {XLSX_MAX_MERGED_RANGES:,} merged cells", XLSX_MAX_MERGED_RANGES)
                min_col, min_row, max_col, max_row = range_boundaries(element.get("ref", ""))
                if min_row <= rows and min_col <= columns:
                    ranges.append((min_row, min_col, min(max_row, rows), min(max_col, columns)))
            elif element.tag.endswith("}row"):
                element.clear()  # the cells are read by openpyxl; keep memory flat
    return ranges


def _xlsx_grid(content: bytes) -> list[list[str]]:
    """The first sheet's cells as text, read row by row (openpyxl's read-only mode) within
    the limits on rows, columns, merged cells, cell length and unpacked size."""
    from openpyxl import load_workbook

    _zip_check(content)
    try:
        workbook = load_workbook(io.BytesIO(content), data_only=True, read_only=True)
        try:
            sheet = workbook.worksheets[0]
            grid = []
            for values in sheet.iter_rows(
                max_row=XLSX_MAX_ROWS + 1, max_col=XLSX_MAX_COLUMNS + 1, values_only=True
            ):
                row = [_cell_text(value) for value in values]
                if len(row) > XLSX_MAX_COLUMNS and row[XLSX_MAX_COLUMNS]:
                    raise _limit_error(f"data in more than {XLSX_MAX_COLUMNS} columns", XLSX_MAX_COLUMNS)
                if any(len(text) > MAX_CELL_CHARACTERS for text in row):
                    raise _limit_error(
                        f"a cell in row {len(grid) + 1} longer than {MAX_CELL_CHARACTERS:,} characters",
                        MAX_CELL_CHARACTERS,
                    )
                grid.append(row[:XLSX_MAX_COLUMNS])
            while grid and not any(grid[-1]):
                grid.pop()
            if len(grid) > XLSX_MAX_ROWS:
                raise _limit_error(f"more than {XLSX_MAX_ROWS:,} rows", XLSX_MAX_ROWS)
            width = max((len(row) for row in grid), default=0)
            grid = [row + [""] * (width - len(row)) for row in grid]
            merged = _merged_ranges(workbook._archive.open, sheet._worksheet_path, len(grid), width)
        finally:
            workbook.close()
    except UnreadableFile:
        raise
    except Exception as error:  # noqa: BLE001 - whatever a hostile or broken file makes the reader raise
        raise UnreadableFile(UNREADABLE_SPREADSHEET) from error
    # A cell merged down several rows (one impact for three actions) belongs to each of them;
    # a cell merged across a row (a section heading) stays in its first column.
    for min_row, min_col, max_row, _max_col in merged:
        value = grid[min_row - 1][min_col - 1]
        for row in range(min_row, max_row + 1):
            grid[row - 1][min_col - 1] = value
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
        rows = []
        for row in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter):
            if len(rows) >= XLSX_MAX_ROWS:
                if any(row):
                    raise _limit_error(f"more than {XLSX_MAX_ROWS:,} rows", XLSX_MAX_ROWS)
                continue
            if len(row) > XLSX_MAX_COLUMNS and any(row[XLSX_MAX_COLUMNS:]):
                raise _limit_error(f"data in more than {XLSX_MAX_COLUMNS} columns", XLSX_MAX_COLUMNS)
            rows.append(row[:XLSX_MAX_COLUMNS])
        return rows
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
