"""The workplan as CSV and XLSX: the business plan's columns, safe from formulas, and
importable again into an empty workplan with the same result."""

import csv
import datetime
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from plans.models import Membership
from plans.tests.factories import PriorityFactory, ThemeFactory
from subgroups.importing.services import workplan_import
from subgroups.models import Action, ActionUpdate, Workplan
from subgroups.selectors import workplan_actions
from subgroups.tests.factories import ActionFactory, ActionUpdateFactory, SubGroupFactory, WorkplanFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def workplan():
    workplan = WorkplanFactory(year="2023-24", subgroup__short_name="P&T", subgroup__name="Policy & Training")
    plan = workplan.plan
    early_help = PriorityFactory(plan=plan, number=1, title="Early Help")
    voice = ThemeFactory(plan=plan, title="Voice of children, young people, and families")
    family = ThemeFactory(plan=plan, title="Think Family")
    first = ActionFactory(
        workplan=workplan, reference="PT 1.1", priority=early_help, impact="Practitioners use the toolkit",
        description="Launch the Neglect toolkit\nwith briefings for schools", lead="Head of Training",
        timeframe="Q3 2023/24",
    )
    first.themes.set([voice, family])
    ActionUpdateFactory(action=first, rating="green", narrative="Old update.", as_at=datetime.date(2023, 6, 30))
    ActionUpdateFactory(action=first, rating="amber", narrative="Two briefings moved to spring.", as_at=datetime.date(2023, 12, 31))
    core = ActionFactory(
        workplan=workplan, reference="", priority=None, impact="=Learning is shared",
        description="Publish a 7-minute briefing after every review", lead="BSU", timeframe="Ongoing",
    )
    ActionUpdateFactory(action=core, rating="blue", narrative="-4 briefings published; +2 planned", as_at=datetime.date(2024, 3, 1))
    ActionFactory(workplan=workplan, reference="PT 1.2", priority=early_help, description="Not yet started", timeframe="March 2024")
    return workplan


@pytest.fixture
def viewer(workplan, member_of):
    return member_of(workplan.plan.partnership, Membership.Role.VIEWER)


def download(client, user, workplan, file_format):
    client.force_login(user)
    return client.get(workplan.get_absolute_url(), {"format": file_format})


def test_the_xlsx_has_a_title_row_the_business_plan_headings_and_brag_fills(client, viewer, workplan):
    response = download(client, viewer, workplan, "xlsx")
    assert response["Content-Disposition"].endswith('-pt-workplan-2023-24.xlsx"')
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet["A1"].value == (
        f"{workplan.plan.title}: Policy & Training (P&T) workplan 2023-24, as at 31 March 2025"
    )
    assert [cell.value for cell in sheet[2]] == [
        "Reference", "Priority", "Impact – what will success look like?",
        "Action – what we will do to achieve this", "Cross-Cutting Themes", "Lead", "Timeframe",
        "BRAG Rating & Update",
    ]
    assert sheet.freeze_panes == "A3"
    rows = [[cell.value for cell in row] for row in sheet.iter_rows(min_row=3)]
    assert rows[0] == [
        "PT 1.1", "Priority 1: Early Help", "Practitioners use the toolkit",
        "Launch the Neglect toolkit\nwith briefings for schools",
        "Think Family; Voice of children, young people, and families", "Head of Training",
        "Q3 2023/24", "Amber - Two briefings moved to spring.",
    ]
    assert rows[1][7] == "Not yet rated" and rows[2][1] is None  # PT 1.2, then the core function
    brag = sheet["H3"]
    assert brag.fill.fgColor.rgb.endswith("FFBF47") and brag.alignment.wrap_text
    assert sheet.column_dimensions["D"].width == 45


def test_formula_like_text_is_escaped_in_both_formats(client, viewer, workplan):
    sheet = load_workbook(io.BytesIO(download(client, viewer, workplan, "xlsx").content)).active
    core_row = next(row for row in sheet.iter_rows(min_row=3, values_only=True) if row[3].startswith("Publish"))
    assert core_row[1] is None or core_row[1] == ""
    assert core_row[2] == "'=Learning is shared"
    assert core_row[7] == "Blue - -4 briefings published; +2 planned"  # starts with the word: safe
    response = download(client, viewer, workplan, "csv")
    assert response.content.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[1][0] == "Reference" and "'=Learning is shared" in [cell for row in rows for cell in row]


def test_every_role_that_sees_the_workplan_can_download_it_and_others_get_404(client, workplan, member_of):
    outsider = member_of(SubGroupFactory().partnership, Membership.Role.BSU)
    assert download(client, outsider, workplan, "csv").status_code == 404
    executive = member_of(workplan.plan.partnership, Membership.Role.EXECUTIVE)
    assert download(client, executive, workplan, "csv").status_code == 200


def test_the_workplan_page_links_to_both_downloads(client, viewer, workplan):
    client.force_login(viewer)
    page = client.get(workplan.get_absolute_url()).content.decode()
    assert 'href="?format=csv"' in page and 'href="?format=xlsx"' in page
    assert "Import a workplan" not in page  # the BSU's only


def six_columns(workplan):
    return [
        (
            action.reference, str(action.priority or ""), action.impact, action.description,
            sorted(theme.title for theme in action.themes.all()), action.lead_names, action.timeframe,
            action.current_rating, action.current_narrative,
        )
        for action in workplan_actions(workplan=workplan)
    ]


@pytest.mark.parametrize("file_format", ["xlsx", "csv"])
def test_exporting_and_importing_into_an_empty_workplan_gives_the_same_workplan(
    client, viewer, workplan, member_of, file_format
):
    content = download(client, viewer, workplan, file_format).content
    bsu = member_of(workplan.plan.partnership, Membership.Role.BSU)
    empty_subgroup = SubGroupFactory(partnership=workplan.plan.partnership, short_name="ESS")
    result = workplan_import(
        content=content, subgroup=empty_subgroup, year="2023-24", author=bsu,
        as_at=datetime.date(2024, 3, 31),
    )
    assert len(result.created) == 3
    copy = Workplan.objects.get(subgroup=empty_subgroup, year="2023-24")
    assert six_columns(copy) == six_columns(workplan)
    # And the copy exported and imported again over itself changes nothing.
    again = workplan_import(
        content=content, subgroup=empty_subgroup, year="2023-24", author=bsu,
        as_at=datetime.date(2024, 3, 31),
    )
    assert len(again.unchanged) == 3


@pytest.mark.parametrize("file_format", ["xlsx", "csv"])
def test_text_typed_on_a_page_with_line_breaks_imports_back_over_itself_unchanged(
    client, viewer, workplan, member_of, file_format
):
    """A browser sends a textarea's line breaks as CR LF, and earlier versions kept them so:
    exported and imported again, that text is the same text, not a change or a new update."""
    action = workplan.actions.get(reference="PT 1.1")
    Action.objects.filter(pk=action.pk).update(
        description="Launch the Neglect toolkit\r\nwith briefings for schools", impact="Practitioners\r\nuse the toolkit"
    )
    ActionUpdateFactory(action=action, rating="amber", narrative="Two briefings moved.\r\nVenue booked.", as_at=datetime.date(2024, 1, 31))
    content = download(client, viewer, workplan, file_format).content
    updates = ActionUpdate.objects.count()
    result = workplan_import(
        content=content, subgroup=workplan.subgroup, year="2023-24",
        author=member_of(workplan.plan.partnership, Membership.Role.BSU), as_at=datetime.date(2024, 3, 31),
    )
    assert (len(result.created), len(result.updated), len(result.unchanged)) == (0, 0, 3)
    assert ActionUpdate.objects.count() == updates


def test_the_sub_group_page_offers_the_import_to_the_bsu_only(client, workplan, viewer, member_of):
    url = reverse("subgroups:subgroup-detail", args=[workplan.subgroup.pk])
    import_url = reverse("subgroups:workplan-import", args=[workplan.subgroup.pk])
    client.force_login(viewer)
    assert import_url not in client.get(url).content.decode()
    client.force_login(member_of(workplan.plan.partnership, Membership.Role.BSU))
    assert import_url in client.get(url).content.decode()
