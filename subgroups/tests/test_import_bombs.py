"""Spreadsheets built to take a worker down are refused with a clear message naming the
limit, and never read in full (bench/hostile_inputs.py times the refusals): a merged cell spanning the whole sheet, a zip bomb, XML
with entity bombs or external entities, too many rows or columns. The files are built here,
never kept as binaries."""

import io
import zipfile

import pytest

from subgroups.importing.parse import UnreadableFile, read_sheet
from subgroups.tests.spreadsheets import STANDARD_HEADER, xlsx_bytes

ROWS = [STANDARD_HEADER, ["Impact", "Run the audit", "Think Family", "Lead", "Q4 2024/25", "Green"]]
UNREADABLE = "not a spreadsheet we can read"


def rewritten(content: bytes, change) -> bytes:
    """`content` (an XLSX) with its first sheet's XML passed through `change`."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(content)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = change(data)
            target.writestr(item.filename, data)
    return out.getvalue()


def merged_cell_bomb() -> bytes:
    return rewritten(
        xlsx_bytes(ROWS),
        lambda xml: xml.replace(b"</sheetData>", b'</sheetData><mergeCells count="1"><mergeCell ref="A1:XFD1048576"/></mergeCells>'),
    )


def zip_bomb(megabytes=200) -> bytes:
    """A sheet that unpacks to `megabytes` of blank rows, in a few hundred KB."""
    filler = b"<row/>" * (megabytes * 1024 * 1024 // 6)
    return rewritten(xlsx_bytes(ROWS), lambda xml: xml.replace(b"</sheetData>", filler + b"</sheetData>"))


def refusal(content: bytes) -> str:
    with pytest.raises(UnreadableFile) as refused:
        read_sheet(content)
    return str(refused.value)


def test_a_merged_cell_over_the_whole_sheet_is_read_as_the_cells_it_covers_with_data():
    content = merged_cell_bomb()
    assert len(content) < 10_000
    sheet = read_sheet(content)
    assert [row.cells["description"] for row in sheet.rows] == ["Run the audit"]


def test_a_zip_bomb_is_refused_before_it_is_unpacked():
    content = zip_bomb()
    assert len(content) < 1024 * 1024
    message = refusal(content)
    assert "unpacks to 200 MB" in message and "at most 50 MB" in message


def test_a_part_compressed_far_more_than_a_workbook_is_refused():
    message = refusal(zip_bomb(megabytes=20))
    assert "compressed more than 100 times over" in message


@pytest.mark.parametrize("doctype", [
    # Billion laughs: each entity ten of the one before.
    b'<!DOCTYPE x [<!ENTITY a "lol"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">'
    b'<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">]>',
    # An external entity: a file of the server's.
    b'<!DOCTYPE x [<!ENTITY secret SYSTEM "file:///etc/passwd">]>',
])
def test_xml_with_entities_is_not_a_spreadsheet_we_can_read(doctype):
    content = rewritten(xlsx_bytes(ROWS), lambda xml: xml.replace(b"<worksheet", doctype + b"<worksheet", 1))
    message = refusal(content)
    assert UNREADABLE in message


def test_malformed_xml_is_not_a_spreadsheet_we_can_read():
    content = rewritten(xlsx_bytes(ROWS), lambda xml: xml[: len(xml) // 2])
    assert UNREADABLE in refusal(content)


def test_too_many_rows_or_columns_are_refused_naming_the_limit():
    rows = [STANDARD_HEADER] + [[f"Impact {n}", f"Action {n}"] for n in range(3001)]
    assert "more than 3,000 rows: the import reads at most 3,000" in refusal(xlsx_bytes(rows))
    wide = [STANDARD_HEADER, [*ROWS[1], *["x"] * 60]]
    assert "data in more than 50 columns" in refusal(xlsx_bytes(wide))


@pytest.mark.django_db
def test_the_upload_page_and_the_command_refuse_a_bomb_with_the_message(client, member_of, tmp_path):
    import datetime

    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.core.management import CommandError, call_command
    from django.urls import reverse

    from plans.models import Membership
    from plans.tests.factories import BusinessPlanFactory
    from subgroups.tests.factories import SubGroupFactory

    plan = BusinessPlanFactory(period_start=datetime.date(2023, 4, 1), period_end=datetime.date(2025, 3, 31))
    subgroup = SubGroupFactory(partnership=plan.partnership, short_name="QAPR")
    client.force_login(member_of(plan.partnership, Membership.Role.BSU))
    url = reverse("subgroups:workplan-import", args=[subgroup.pk])
    bomb = zip_bomb()
    response = client.post(url, {
        "year": "2024-25", "as_at_0": 31, "as_at_1": 3, "as_at_2": 2025,
        "file": SimpleUploadedFile("workplan.xlsx", bomb),
    })
    assert response.status_code == 200
    assert "The file unpacks to 200 MB" in response.content.decode()
    path = tmp_path / "workplan.xlsx"
    path.write_bytes(bomb)
    member_of(plan.partnership, Membership.Role.BSU)
    with pytest.raises(CommandError, match="unpacks to 200 MB"):
        call_command("import_workplan", str(path), "--partnership", plan.partnership.slug, "--subgroup", "QAPR", "--year", "2024-25")
