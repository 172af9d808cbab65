import csv
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from subgroups.exports import safe_cell
from subgroups.tests.factories import ActionUpdateFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("text", ["=SUM(A1)", "+1", "-2", "@cmd", "\tx", "\rx"])
def test_formula_like_cells_are_escaped(text):
    assert safe_cell(text) == "'" + text
    assert safe_cell("Plain text") == "Plain text" and safe_cell(3) == 3


def test_dashboard_csv_has_the_pages_figures(client, executive, plan):
    page = client.get(reverse("reports:dashboard"))
    response = client.get(reverse("reports:dashboard"), {"format": "csv"})
    assert response["Content-Disposition"].endswith('-dashboard-2025-03-31.csv"')
    assert response.content.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][0].endswith("BRAG counts as at 31 March 2025")
    totals = page.context["totals"]
    assert rows[2][:2] == ["All actions", plan.title]
    assert [int(v) for v in rows[2][2:]] == [
        totals.blue, totals.green, totals.amber, totals.red, totals.not_rated,
        totals.carried_forward, totals.not_achieved, totals.total, totals.overdue, totals.stale,
    ]
    assert ["Priority", "Priority 1: Early Help"] == rows[3][:2]


def test_exceptions_xlsx_has_title_frozen_header_and_escaped_narrative(client, executive, plan):
    action = plan.workplans.get().actions.get(reference="A1")
    ActionUpdateFactory(action=action, rating="red", narrative="=HYPERLINK(\"x\")", as_at="2024-06-01")
    whole_plan = {"year": "all"}
    response = client.get(reverse("reports:exceptions"), whole_plan | {"format": "xlsx"})
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet["A1"].value.endswith("whole plan (2023-24 to 2024-25 workplans): exception report as at 31 March 2025")
    assert sheet.freeze_panes == "A3"
    assert [c.value for c in sheet[2]][:3] == ["Priority", "Sub-group", "Reference"]
    rows = {row[2]: row for row in sheet.iter_rows(min_row=3, values_only=True)}
    assert rows["A1"][5] == "Red" and rows["A1"][6] == "'=HYPERLINK(\"x\")"
    red_cell = next(r for r in sheet.iter_rows(min_row=3) if r[2].value == "A1")[5]
    assert red_cell.fill.fgColor.rgb.endswith("AA2A16")
    assert len(rows) == len([a for g in client.get(reverse("reports:exceptions"), whole_plan).context["groups"] for a in g.actions])
