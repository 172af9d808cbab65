"""Importing in the browser: upload, preview, confirm; BSU only; nothing written before
the confirmation; the kept file is private to the uploader's session and removed after."""

import datetime
import os
import time

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from plans.models import Membership
from plans.tests.factories import BusinessPlanFactory, PartnershipFactory, PriorityFactory, ThemeFactory
from subgroups.models import Action, ActionUpdate, Workplan
from subgroups.tests.factories import ActionFactory, SubGroupFactory
from subgroups.tests.spreadsheets import STANDARD_HEADER, csv_bytes, xlsx_bytes

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(member_of):
    plan = BusinessPlanFactory()
    ThemeFactory(plan=plan, title="Think Family")
    subgroup = SubGroupFactory(partnership=plan.partnership, short_name="QAPR")
    workplan = Workplan.objects.create(subgroup=subgroup, plan=plan, year="2024-25")
    existing = ActionFactory(workplan=workplan, reference="Q1", description="Existing action", lead="Old lead")
    bsu = member_of(plan.partnership, Membership.Role.BSU)
    return {"plan": plan, "subgroup": subgroup, "workplan": workplan, "existing": existing, "bsu": bsu}


ROWS = [
    ["QAPR workplan 2024-25"],
    ["Reference", *STANDARD_HEADER],
    ["Q1", "Children and families get the right help at the right time.", "Existing action", "", "New lead", "March 2024", ""],
    ["Q2", "Leaders see the data", "Refresh the dashboard", "Think Family", "Head of QA", "March 2025", "Green - on track"],
]


def as_at_fields(day: datetime.date) -> dict:
    return {"as_at_0": day.day, "as_at_1": day.month, "as_at_2": day.year}


def upload(client, world, content, name="workplan.xlsx", year="2024-25", as_at=datetime.date(2025, 3, 31)):
    client.force_login(world["bsu"])
    url = reverse("subgroups:workplan-import", args=[world["subgroup"].pk])
    return client.post(url, {"year": year, "file": SimpleUploadedFile(name, content), **as_at_fields(as_at)})


def test_upload_shows_a_preview_and_writes_nothing_until_confirmed(client, world, private_media):
    response = upload(client, world, xlsx_bytes(ROWS))
    assert response.status_code == 302
    preview_url = response.url
    kept = list((private_media / "imports").iterdir())
    assert len(kept) == 1  # the file waits in private storage, not in a served folder
    preview = client.get(preview_url)
    page = preview.content.decode()
    assert "Actions to be created (1)" in page and "Q2 – Refresh the dashboard" in page
    assert "Actions to be updated (1)" in page and "<strong>Lead</strong>: from “Old lead” to “New lead”" in page
    assert "Import 1 new action and 1 changed action" in page
    # Lead names new to the directory are listed, per row and once in a summary.
    assert 'id="import-new-people"' in page and "New lead (will be added to the directory)" in page
    assert "New to the directory, will be added: New lead" in page
    assert Action.objects.count() == 1 and not ActionUpdate.objects.exists()

    confirmed = client.post(preview_url, follow=True)
    assert confirmed.redirect_chain[-1][0] == world["workplan"].get_absolute_url()
    page = confirmed.content.decode()
    assert "govuk-notification-banner--success" in page
    assert "Workplan imported from workplan.xlsx: 1 action created, 1 updated, 0 unchanged." in page
    assert "Refresh the dashboard" in page
    world["existing"].refresh_from_db()
    assert world["existing"].lead_names == "New lead"
    assert ActionUpdate.objects.get().author == world["bsu"]
    assert not any((private_media / "imports").iterdir())  # deleted after the import
    again = client.post(preview_url)  # and cannot be imported twice
    assert "This file has already been imported" in again.content.decode()
    assert Action.objects.count() == 2 and ActionUpdate.objects.count() == 1


def test_a_file_with_row_errors_shows_them_by_row_and_column_with_no_confirm_button(client, world):
    rows = [*ROWS, ["Q3", "Impact", "Another action", "Think Families", "", "", "Purple"]]
    preview_url = upload(client, world, csv_bytes(rows), name="plan.csv").url
    page = client.get(preview_url).content.decode()
    assert "nothing has been imported" in page
    assert "unknown theme &quot;Think Families&quot;" in page and "Cross-Cutting Themes" in page
    assert "unknown rating &quot;Purple&quot;" in page
    assert "<td class=\"govuk-table__cell\">5</td>" in page
    assert 'type="submit" class="govuk-button"' not in page
    # Posting anyway imports nothing.
    assert client.post(preview_url).status_code == 200
    assert Action.objects.count() == 1


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "The file is empty."),
        (b"%PDF-1.7\x00\x01", "The file is not a spreadsheet"),
        (b"Impact,Lead\nx,y\n", "has no Action column"),
    ],
)
def test_a_file_that_is_not_a_workplan_is_refused_beside_the_file_field(client, world, content, message):
    response = upload(client, world, content)
    assert response.status_code == 200
    page = response.content.decode()
    assert "There is a problem" in page and message in page
    assert 'href="#id_file"' in page and "govuk-file-upload--error" in page


def test_a_file_over_the_size_limit_is_refused(client, world, settings):
    settings.MSCP_IMPORT_MAX_BYTES = 1000
    response = upload(client, world, xlsx_bytes(ROWS) + b"\0" * 10_000)
    assert "must be smaller than" in response.content.decode()


def test_the_upload_form_offers_the_years_of_the_plans_and_creates_a_missing_workplan(client, world):
    client.force_login(world["bsu"])
    response = client.get(reverse("subgroups:workplan-import", args=[world["subgroup"].pk]))
    page = response.content.decode()
    assert 'value="2023-24"' in page and 'value="2024-25"' in page and "2025-26" not in page
    assert response.context["form"]["year"].value() == "2024-25"  # the latest workplan's year
    preview_url = upload(client, world, xlsx_bytes(ROWS), year="2023-24").url
    assert "The 2023-24 workplan will be created." in client.get(preview_url).content.decode()
    client.post(preview_url)
    assert Workplan.objects.get(subgroup=world["subgroup"], year="2023-24").actions.count() == 2


def test_confirming_checks_the_file_again_against_the_workplan_as_it_now_stands(client, world):
    """Someone adds Q2 between the preview and the confirmation: the row now updates it
    instead of clashing with it."""
    preview_url = upload(client, world, xlsx_bytes(ROWS)).url
    ActionFactory(workplan=world["workplan"], reference="Q2", description="Draft dashboard action")
    response = client.post(preview_url)
    assert response.status_code == 302
    added = world["workplan"].actions.get(reference="Q2")
    assert added.description == "Refresh the dashboard" and added.version == 2


def test_someone_elses_upload_token_is_not_found(client, world, member_of):
    preview_url = upload(client, world, xlsx_bytes(ROWS)).url
    other_bsu = member_of(world["plan"].partnership, Membership.Role.BSU)
    client.force_login(other_bsu)
    assert client.get(preview_url).status_code == 404
    assert client.post(preview_url).status_code == 404
    assert Action.objects.count() == 1


@pytest.mark.parametrize(("role", "status"), [("lead", 403), ("executive", 403), ("viewer", 403), ("outsider", 404)])
def test_only_the_bsu_reaches_the_preview(client, world, member_of, role, status):
    preview_url = upload(client, world, xlsx_bytes(ROWS)).url
    partnership = PartnershipFactory() if role == "outsider" else world["plan"].partnership
    client.force_login(member_of(partnership, "bsu" if role == "outsider" else role))
    assert client.get(preview_url).status_code == status
    assert client.post(preview_url).status_code == status
    assert Action.objects.count() == 1


def test_uploads_never_confirmed_are_deleted_after_a_day(client, world, private_media, member_of):
    upload(client, world, xlsx_bytes(ROWS))
    (abandoned,) = (private_media / "imports").iterdir()
    day_old = time.time() - 25 * 60 * 60
    os.utime(abandoned, (day_old, day_old))
    # Someone else uploads later: the abandoned file goes, theirs stays.
    other = Client()
    other.force_login(member_of(world["plan"].partnership, Membership.Role.BSU))
    url = reverse("subgroups:workplan-import", args=[world["subgroup"].pk])
    other.post(url, {
        "year": "2024-25", "file": SimpleUploadedFile("w.xlsx", xlsx_bytes(ROWS)), **as_at_fields(datetime.date(2025, 3, 31)),
    })
    kept = list((private_media / "imports").iterdir())
    assert len(kept) == 1 and kept[0] != abandoned


def test_the_bsu_chooses_the_as_at_date_and_it_is_shown_and_kept_through_the_confirmation(client, world):
    preview_url = upload(client, world, xlsx_bytes(ROWS), as_at=datetime.date(2024, 11, 5)).url
    page = client.get(preview_url).content.decode()
    assert "As at: <strong>5 November 2024</strong>" in page
    client.post(preview_url)
    added = world["workplan"].actions.get(reference="Q2")
    assert added.added_on == datetime.date(2024, 11, 5)
    assert added.updates.get().as_at == datetime.date(2024, 11, 5)


def test_the_as_at_date_defaults_to_today_or_the_plans_last_day_once_it_has_ended(client, world, member_of):
    client.force_login(world["bsu"])
    url = reverse("subgroups:workplan-import", args=[world["subgroup"].pk])
    form = client.get(url).context["form"]
    assert form["as_at"].value() == datetime.date(2025, 3, 31)  # the factory plan ended then
    running = BusinessPlanFactory(
        partnership=world["plan"].partnership, period_start=datetime.date(2025, 4, 1), period_end=datetime.date(2099, 3, 31)
    )
    Workplan.objects.create(subgroup=world["subgroup"], plan=running, year="2026-27")
    form = client.get(url).context["form"]
    assert form["year"].value() == "2026-27" and form["as_at"].value() == timezone.localdate()
    assert 'name="as_at_0"' in client.get(url).content.decode()  # GOV.UK day, month and year boxes


@pytest.mark.parametrize(
    ("as_at", "message"),
    [
        (datetime.date(2099, 1, 1), "The as-at date cannot be in the future."),
        (datetime.date(2023, 3, 1), "The as-at date must be on or after the plan&#x27;s start, 1 April 2023."),
    ],
)
def test_an_as_at_date_outside_the_plan_is_refused_beside_the_date(client, world, as_at, message, private_media):
    response = upload(client, world, xlsx_bytes(ROWS), as_at=as_at)
    assert response.status_code == 200
    page = response.content.decode()
    assert "There is a problem" in page and message in page and 'href="#id_as_at_0"' in page
    assert not (private_media / "imports").exists() or not any((private_media / "imports").iterdir())


NO_RATINGS = [
    ["QAPR workplan"],
    ["Reference", "Impact", "Action", "Cross-Cutting Themes", "Lead", "Progress notes"],
    ["Q2", "Leaders see the data", "Refresh the dashboard", "Think Family", "Head of QA", "Green - fine"],
]


def test_a_file_without_a_rating_column_says_so_and_imports_only_once_the_bsu_ticks_to_go_without(client, world):
    preview_url = upload(client, world, xlsx_bytes(NO_RATINGS)).url
    page = client.get(preview_url).content.decode()
    assert "No BRAG Rating &amp; Update column was found" in page
    assert "Column F, “Progress notes”" in page  # the unrecognised column that may be it
    assert "Column F, “Progress notes”, has data that is not imported." in page
    assert "Import without BRAG ratings" in page and "Import without cross-cutting themes" not in page

    refused = client.post(preview_url)
    assert refused.status_code == 200
    page = refused.content.decode()
    assert "There is a problem" in page and 'href="#id_without_brag"' in page
    assert "govuk-error-message" in page and "Tick “Import without BRAG ratings”" in page
    assert not world["workplan"].actions.filter(reference="Q2").exists()

    assert client.post(preview_url, {"without_brag": "on"}).status_code == 302
    assert world["workplan"].actions.get(reference="Q2").updates.count() == 0


def test_a_file_with_both_columns_present_but_empty_needs_no_choice(client, world):
    rows = [ROWS[1], ["Q2", "Leaders see the data", "Refresh the dashboard", "", "Head of QA", "", ""]]
    preview_url = upload(client, world, csv_bytes(rows), name="plan.csv").url
    page = client.get(preview_url).content.decode()
    assert "column was found" not in page and "Import without" not in page
    assert client.post(preview_url).status_code == 302


# A workplan as a partnership keeps it: title rows, headings typed over two lines, a section
# row merged across the table, an impact merged down two actions, bare ratings, and a notes
# column the import does not read.
MESSY = [
    ["Merton Safeguarding Children Partnership"],
    ["QAPR sub-group workplan 2024-25 (draft)"],
    [],
    ["Ref", "Priority", "Impact –\nwhat will success look like?", "Action –\nwhat we will do to achieve this",
     "Cross-cutting\nthemes", "Lead", "Timeframe", "BRAG Rating &\nUpdate", "Notes"],
    ["Priority 1: Early help"],
    ["QX1", "", "Families get help earlier", "Audit early help referrals", "Think Family", "Head of QA", "Q3 2024/25", "A", "chase analyst"],
    ["QX2", "", None, "Refresh the threshold document", "think family", "BSU", "March 2025", "Amber", ""],
    ["QX3", "", "Partners use the data", "Publish a quarterly dashboard", "", "Head of Performance", "31/01/2025", "b", ""],
    ["QX4", "", "Learning is embedded", "Run 7-minute briefings", "", "BSU", "Ongoing", "Green - on track", ""],
    ["QX5", "", "Children are heard", "Survey young people", "", "BSU", "June 2025", "r", ""],
]


def test_a_messy_real_looking_workplan_imports_end_to_end_with_its_themes_and_ratings(client, world):
    PriorityFactory(plan=world["plan"], number=1, title="Early help")
    preview_url = upload(client, world, xlsx_bytes(MESSY, merges=["A5:I5", "C6:C7"]), name="QAPR workplan.xlsx").url
    page = client.get(preview_url).content.decode()
    assert "nothing has been imported" not in page and "column was found" not in page
    assert "Column I, “Notes”, has data that is not imported." in page
    assert "Warnings (4)" in page
    assert "Amber with no narrative: imported as given" in page and "Blue with no evidence of impact" in page
    assert "Import 5 new actions" in page and "5 to create, 0 to update, 0 left alone." in page

    workplan_page = client.post(preview_url, follow=True).content.decode()
    assert "Workplan imported from QAPR workplan.xlsx: 5 actions created, 0 updated, 0 unchanged." in workplan_page
    actions = {action.reference: action for action in world["workplan"].actions.prefetch_related("themes", "updates")}
    assert actions["QX2"].impact == "Families get help earlier"  # merged down from QX1's row
    assert [t.title for t in actions["QX2"].themes.all()] == ["Think Family"]
    assert {ref: [(u.rating, u.narrative) for u in actions[ref].updates.all()] for ref in ["QX1", "QX3", "QX4", "QX5"]} == {
        "QX1": [("amber", "")], "QX3": [("blue", "")], "QX4": [("green", "on track")], "QX5": [("red", "")],
    }
    assert all(actions[ref].priority.title == "Early help" for ref in ["QX1", "QX5"])
    for text in ["Audit early help referrals", "Think Family", "on track", "Amber", "Blue", "Red"]:
        assert text in workplan_page


def test_a_large_file_is_previewed_100_rows_a_page_and_imported_whole(client, world):
    rows = [["Reference", *STANDARD_HEADER]] + [
        [f"N{n}", f"Impact {n}", f"New action {n}", "Think Family", "Lead", "March 2025", "Green"] for n in range(1, 251)
    ]
    preview_url = upload(client, world, xlsx_bytes(rows)).url
    first = client.get(preview_url).content.decode()
    assert "Actions to be created (250)" in first
    assert first.count("New action ") == 100 and "N1 – New action 1<" in first and "New action 101<" not in first
    assert 'class="govuk-pagination"' in first and "Page 1 of 3" in first
    last = client.get(f"{preview_url}?page=3").content.decode()
    assert last.count("New action ") == 50 and "N250 – New action 250<" in last
    assert "Page 3 of 3" in client.get(f"{preview_url}?page=99").content.decode()  # past the end: the last page
    assert "Page 1 of 3" in client.get(f"{preview_url}?page=²").content.decode()
    client.post(f"{preview_url}?page=2")
    assert world["workplan"].actions.count() == 251
