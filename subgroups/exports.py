"""CSV and XLSX downloads of tables (the workplan here; the reports' tables in reports/exports.py),
with the same figures as the pages.

Cells that a spreadsheet would run as a formula (starting with =, +, -, @, tab or carriage
return) are prefixed with an apostrophe, so exported narrative can never execute.
"""

import csv
import io
from dataclasses import dataclass, field

from django.http import HttpResponse

from plans.brag_palette import BRAG_PALETTE
from plans.models import NOT_RATED, rating_label

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def _xlsx_colour(css_colour: str) -> str:
    return css_colour.removeprefix("#").upper()


# Each BRAG word's cell fill and text colour, as the badges show them (plans/brag_palette.py).
RATING_FILLS = {
    rating_label(None if rating == NOT_RATED else rating): (
        _xlsx_colour(colours.background),
        _xlsx_colour(colours.text),
    )
    for rating, colours in BRAG_PALETTE.items()
}

# The ?format= values a page can be downloaded in as a table.
EXPORT_FORMATS = {"csv", "xlsx"}
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@dataclass
class ExportTable:
    """A titled table: `title` goes in the first row, then `headers`, then `rows`.
    `rating_columns` are the indexes of columns holding a BRAG word, filled in its colour."""

    title: str
    headers: list[str]
    rows: list[list] = field(default_factory=list)
    rating_columns: set[int] = field(default_factory=set)
    widths: dict[int, int] = field(default_factory=dict)


def safe_cell(value):
    """The value as a spreadsheet should store it: text that looks like a formula is escaped."""
    if isinstance(value, str) and value.startswith(FORMULA_TRIGGERS):
        return "'" + value
    return value


def rating_word(value) -> str | None:
    """The BRAG word a cell starts with ("Amber" in "Amber - venue rebooked"), if any."""
    if not isinstance(value, str):
        return None
    return next(
        (word for word in RATING_FILLS if value == word or value.startswith(f"{word} - ")), None
    )


def xlsx_cell(value):
    """`safe_cell`, without the control characters (bell, escape...) that a workbook cannot
    hold; pasted text sometimes carries them."""
    # openpyxl is imported where a workbook is made: the views import this module, and
    # loading openpyxl would slow every command's and server's start-up.
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    value = safe_cell(value)
    return ILLEGAL_CHARACTERS_RE.sub("", value) if isinstance(value, str) else value


def csv_response(table: ExportTable, filename: str) -> HttpResponse:
    """UTF-8 with a byte-order mark, so Excel opens it with the right characters."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([safe_cell(table.title)])
    writer.writerow(table.headers)
    for row in table.rows:
        writer.writerow([safe_cell(value) for value in row])
    response = HttpResponse(("\ufeff" + buffer.getvalue()).encode("utf-8"), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}.csv"'
    return response


def xlsx_response(table: ExportTable, filename: str) -> HttpResponse:
    """A workbook with a title row, a frozen bold header row, wrapped text and BRAG fills."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Report"
    sheet.append([xlsx_cell(table.title)])
    sheet["A1"].font = Font(bold=True, size=14)
    sheet.append(table.headers)
    for cell in sheet[2]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    for row in table.rows:
        sheet.append([xlsx_cell(value) for value in row])
    sheet.freeze_panes = "A3"
    for row in sheet.iter_rows(min_row=3):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
            word = rating_word(cell.value) if cell.column - 1 in table.rating_columns else None
            if word:
                background, text = RATING_FILLS[word]
                cell.fill = PatternFill("solid", fgColor=background)
                cell.font = Font(bold=True, color=text)
    for index, header in enumerate(table.headers):
        width = table.widths.get(index, max(12, min(40, len(str(header)) + 4)))
        sheet.column_dimensions[get_column_letter(index + 1)].width = width
    buffer = io.BytesIO()
    workbook.save(buffer)
    response = HttpResponse(buffer.getvalue(), content_type=XLSX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}.xlsx"'
    return response


def export_response(table: ExportTable, filename: str, file_format: str) -> HttpResponse:
    return xlsx_response(table, filename) if file_format == "xlsx" else csv_response(table, filename)


# The standard workplan columns, headed as the business plan heads them (seed 001), after
# the reference and priority; the importer reads these headings back (round trip).
WORKPLAN_HEADERS = [
    "Reference",
    "Priority",
    "Impact – what will success look like?",
    "Action – what we will do to achieve this",
    "Cross-Cutting Themes",
    "Lead",
    "Timeframe",
    "BRAG Rating & Update",
]


def brag_rating_and_update(rating, narrative) -> str:
    """The workplan's BRAG cell: the rating word, then " - " and the latest narrative."""
    word = rating_label(rating)
    return f"{word} - {narrative}" if narrative else word


def closure_words(action) -> str:
    """How a year end closed the action, in words: "Carried forward into PEI 1.2 (2024-25)",
    "Not achieved: <reason>"; "" while it is open."""
    if not action.closure:
        return ""
    words = action.closure_label
    if action.carried_into_id:
        words += f" into {action.carried_into.year_label}"
    if action.closure_reason:
        words += f": {action.closure_reason}"
    return f"{words} ({action.closed_on:%-d %B %Y})"


# The column after the standard ones, only when some action has closed at a year end: the
# import leaves it unread.
YEAR_END_HEADER = "Year end"


def workplan_export_table(*, workplan, actions, as_at) -> ExportTable:
    """The workplan's actions (annotated with their current state) as the standard six-column
    table, and, when any closed at a year end, a column saying how. Several themes in one
    cell are separated by semicolons, because theme titles themselves contain commas."""
    actions = list(actions)
    with_closures = any(action.closure for action in actions)
    subgroup = workplan.subgroup
    table = ExportTable(
        title=(
            f"{workplan.plan.title}: {subgroup.name} ({subgroup.short_name}) workplan "
            f"{workplan.year}, as at {as_at:%-d %B %Y}"
        ),
        headers=WORKPLAN_HEADERS + ([YEAR_END_HEADER] if with_closures else []),
        rating_columns={7},
        widths={0: 12, 1: 28, 2: 45, 3: 45, 4: 30, 5: 24, 6: 18, 7: 60, 8: 40},
    )
    for action in actions:
        table.rows.append([
            action.reference,
            str(action.priority) if action.priority else "",
            action.impact,
            action.description,
            "; ".join(theme.title for theme in action.themes.all()),
            action.lead_names,
            action.timeframe,
            brag_rating_and_update(action.current_rating, action.current_narrative),
            *([closure_words(action)] if with_closures else []),
        ])
    return table
