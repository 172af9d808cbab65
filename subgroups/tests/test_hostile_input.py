"""Hostile input through the forms and the import: a clear message or an escaped display,
never a server error, and nothing written that should not be."""


import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from plans.models import Membership
from plans.tests.factories import PriorityFactory, ThemeFactory
from subgroups.models import Action, ActionUpdate
from subgroups.tests.factories import ActionFactory, WorkplanFactory
from subgroups.tests.spreadsheets import STANDARD_HEADER, csv_bytes, xlsx_bytes
from subgroups.tests.test_manage_actions import action_data

pytestmark = pytest.mark.django_db

SCRIPT = '<script>alert("x")</script><img src=x onerror=alert(1)>'
SQL = "'); DROP TABLE subgroups_action; --"
CONTROL = "Line one\x07\x1b[31m\u202eline two"
LONG = "x" * 20_000


@pytest.fixture
def world(client, member_of):
    workplan = WorkplanFactory(year="2023-24")
    PriorityFactory(plan=workplan.plan, number=1)
    ThemeFactory(plan=workplan.plan, title="Think Family")
    action = ActionFactory(workplan=workplan, priority=workplan.plan.priorities.get(), reference="PEI 1.1")
    client.force_login(member_of(workplan.plan.partnership, Membership.Role.BSU))
    return workplan, action


def update_data(action, narrative, day=None, month=None, year=None, rating="amber"):
    on = action.workplan.plan.reporting_date()
    prefix = f"update-{action.pk}-"
    return {
        prefix + "rating": rating,
        prefix + "narrative": narrative,
        prefix + "as_at_0": on.day if day is None else day,
        prefix + "as_at_1": on.month if month is None else month,
        prefix + "as_at_2": on.year if year is None else year,
    }


@pytest.mark.parametrize("narrative", [SCRIPT, SQL, CONTROL, "Ünïcødé – “quotes” 🙂"])
def test_any_text_in_an_update_is_kept_as_written_and_shown_escaped(client, world, narrative):
    workplan, action = world
    response = client.post(reverse("subgroups:action-update", args=[action.pk]), update_data(action, narrative))
    assert response.status_code == 302
    assert action.updates.get().narrative == narrative
    page = client.get(workplan.get_absolute_url()).content.decode()
    assert "<script>alert" not in page and "<img src=x" not in page
    if narrative == SCRIPT:
        assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in page


@pytest.mark.parametrize(
    ("narrative", "date", "message"),
    [
        (LONG, {}, "Ensure this value has at most 5000 characters"),
        ("Null \x00 byte", {}, "Null characters are not allowed"),
        ("Fine", {"day": 31, "month": 2, "year": 2024}, "real date"),
        ("Fine", {"day": "x", "month": "';--", "year": "2024"}, "Enter a valid month"),
        ("Fine", {"day": 1, "month": 1, "year": "99999999999999999999"}, "real date"),
        ("Fine", {"day": 1, "month": 1, "year": 1}, "on or after the plan"),
    ],
)
def test_bad_update_input_gets_a_message_beside_the_field_and_saves_nothing(client, world, narrative, date, message):
    _, action = world
    response = client.post(reverse("subgroups:action-update", args=[action.pk]), update_data(action, narrative, **date))
    assert response.status_code == 200
    page = response.content.decode()
    assert "There is a problem" in page
    assert message.lower() in page.lower()
    assert not ActionUpdate.objects.exists()


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"reference": "R" * 50}, "at most 20 characters"),
        ({"leads": ["99999999"]}, "Select a valid choice"),
        ({"impact": LONG}, "at most 5000 characters"),
        ({"description": "\x00"}, "Null characters are not allowed"),
        ({"priority": "99999999999999999999"}, "Select a valid choice"),
        ({"themes": ["'; DROP TABLE plans_crosscuttingtheme; --"]}, "is not a valid value"),
        ({"due_date_0": "40", "due_date_1": "13", "due_date_2": "2025"}, "real date"),
        ({"version": "not a number"}, "Enter a whole number"),
    ],
)
def test_bad_action_edits_get_a_message_and_change_nothing(client, world, fields, message):
    workplan, action = world
    before = Action.objects.values().get(pk=action.pk)
    response = client.post(
        reverse("subgroups:action-edit", args=[action.pk]), action_data(workplan, version=1) | fields
    )
    assert response.status_code == 200
    assert message.lower() in response.content.decode().lower()
    assert Action.objects.values().get(pk=action.pk) == before


def upload(client, workplan, content, name="workplan.csv"):
    url = reverse("subgroups:workplan-import", args=[workplan.subgroup.pk])
    return client.post(url, {"year": workplan.year, "file": SimpleUploadedFile(name, content)})


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (bytes(range(256)) * 20, "not a spreadsheet"),
        (b"PK\x03\x04 not really a zip", "not a spreadsheet"),
        ("Impact,Action\n".encode("utf-16"), "not a spreadsheet"),
        (b"\x00\x00\x00\x00", "not a spreadsheet"),
    ],
)
def test_files_that_only_pretend_to_be_spreadsheets_are_refused(client, world, content, message):
    workplan, _ = world
    response = upload(client, workplan, content, name="workplan.xlsx")
    assert response.status_code == 200
    assert message in response.content.decode()
    assert Action.objects.count() == 1


def test_hostile_cells_in_an_import_are_previewed_escaped_and_refused_where_too_long(client, world):
    workplan, _ = world
    def rows(control):
        return [
            STANDARD_HEADER,
            ["Impact one", SCRIPT, "Think Family", SQL, "March 2024", "Green - " + control],
            ["Impact two", "A second action", "", "L" * 500, "March 2024", ""],
        ]

    # A workbook cannot hold control characters such as bell or escape; a CSV can.
    for content, name in ((csv_bytes(rows(CONTROL)), "workplan.csv"), (xlsx_bytes(rows("\u202e")), "workplan.xlsx")):
        response = upload(client, workplan, content, name=name)
        assert response.status_code in (200, 302)
        page = client.get(response["Location"]).content.decode() if response.status_code == 302 else response.content.decode()
        assert "<script>alert" not in page and "<img src=x" not in page
        assert "row 3" in page.lower() or "Lead" in page  # the over-long lead is reported
        assert Action.objects.count() == 1


def test_text_with_control_characters_still_exports(client, world):
    workplan, action = world
    client.post(reverse("subgroups:action-update", args=[action.pk]), update_data(action, CONTROL, rating="green"))
    for file_format in ("csv", "xlsx"):
        response = client.get(workplan.get_absolute_url(), {"format": file_format})
        assert response.status_code == 200, file_format
