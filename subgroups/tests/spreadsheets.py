"""Workplan files built in memory, as people keep them, for the import tests."""

import csv
import io

from openpyxl import Workbook

from subgroups.exports import WORKPLAN_HEADERS

# The business plan's six standard columns, as the export heads them.
STANDARD_HEADER = WORKPLAN_HEADERS[2:]


def xlsx_bytes(rows, merges=()) -> bytes:
    """An XLSX whose first sheet holds `rows` from A1; `merges` are ranges such as "A3:A5"."""
    workbook = Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(list(row))
    for cells in merges:
        sheet.merge_cells(cells)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def csv_bytes(rows, encoding="utf-8", bom=False, delimiter=",") -> bytes:
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter).writerows(rows)
    return ("\ufeff" if bom else "").encode(encoding) + buffer.getvalue().encode(encoding)
