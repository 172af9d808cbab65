"""Meetings: the services that record them, "since" measured from the previous meeting of the
body, the meeting pack read back from the PDF, and the actions not updated since the body last
met, grouped by lead and counted by hand."""

import datetime
import io
import re

import pdfplumber
import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from plans.models import Membership, financial_year
from plans.tests.factories import BusinessPlanFactory, PersonFactory, PriorityFactory, UserFactory
from plans.tests.queries import TENFOLD, assert_queries_do_not_grow
from reports.meetings import (
    actions_not_updated,
    meeting_create,
    meeting_delete,
    meeting_edit,
    meetings_by_partnership,
)
from reports.models import Meeting
from subgroups.models import Action
from reports.tests.test_pdfs import assert_accessible, read
from subgroups.tests.factories import (
    ActionFactory,
    ActionUpdateFactory,
    SubGroupFactory,
    WorkplanFactory,
)

pytestmark = pytest.mark.django_db
D = datetime.date
LATER = D(2026, 1, 1)  # "today" in these tests: every meeting below has been held


@pytest.fixture
def world(member_of):
    """A 2023-25 plan with two sub-groups' 2023-24 workplans and their meetings.

    Meetings: the Executive on 5 Oct 2023 (figures as at 28 Sep) and 2 Nov 2023; PEI on
    15 Aug and 14 Nov 2023; QAPR on 20 Oct 2023.
    PEI actions (lead, updates): P1 Head of Early Help, green 1 Aug; P2 Head of Early Help,
    amber 1 Sep (first rating); P3 Alex Lead's login, never updated; P4 blue 1 Jul (complete);
    P5 no lead, green 1 Jun; P6 retired 1 Sep; P7 added 1 Dec (after the meetings); P8 Head of
    Early Help, green 15 Aug (the day of PEI's August figures).
    QAPR actions: Q1 Head of Early Help, green 1 Jul; Q2 QA Manager, red 1 Oct.
    """
    plan = BusinessPlanFactory(period_start=D(2023, 4, 1), period_end=D(2025, 3, 31))
    partnership = plan.partnership
    priority = PriorityFactory(plan=plan, number=1, title="Early Help")
    pei = SubGroupFactory(partnership=partnership, name="Prevention & Early Intervention", short_name="PEI")
    qapr = SubGroupFactory(partnership=partnership, name="Quality Assurance", short_name="QAPR")
    pei_plan = WorkplanFactory(plan=plan, subgroup=pei, year="2023-24")
    qapr_plan = WorkplanFactory(plan=plan, subgroup=qapr, year="2023-24")
    bsu = member_of(partnership, Membership.Role.BSU, first_name="Bea", last_name="Support")
    alex = member_of(partnership, Membership.Role.LEAD, first_name="Alex", last_name="Lead")

    def action(workplan, reference, lead="Head of Early Help", updates=(), **fields):
        made = ActionFactory(workplan=workplan, reference=reference, priority=priority, lead=lead, **fields)
        for day, rating in updates:
            ActionUpdateFactory(action=made, as_at=day, rating=rating, narrative=f"{reference} {rating}", author=bsu)
        return made

    action(pei_plan, "P1", updates=[(D(2023, 8, 1), "green")])
    action(pei_plan, "P2", updates=[(D(2023, 9, 1), "amber")])
    action(pei_plan, "P3", lead="", lead_user=alex)
    action(pei_plan, "P4", updates=[(D(2023, 7, 1), "blue")])
    action(pei_plan, "P5", lead="", updates=[(D(2023, 6, 1), "green")])
    action(pei_plan, "P6", is_retired=True, retired_on=D(2023, 9, 1))
    action(pei_plan, "P7", added_on=D(2023, 12, 1))
    action(pei_plan, "P8", updates=[(D(2023, 8, 15), "green")])
    action(qapr_plan, "Q1", updates=[(D(2023, 7, 1), "green")])
    action(qapr_plan, "Q2", lead="QA Manager", updates=[(D(2023, 10, 1), "red")])

    def meeting(body, day, subgroup=None, cutoff=None):
        return meeting_create(
            partnership=partnership, body=body, subgroup=subgroup, date=day, cutoff=cutoff, by=bsu
        )

    return {
        "plan": plan,
        "partnership": partnership,
        "pei": pei,
        "qapr": qapr,
        "bsu": bsu,
        "alex": alex,
        "exec_october": meeting("executive", D(2023, 10, 5), cutoff=D(2023, 9, 28)),
        "exec_november": meeting("executive", D(2023, 11, 2)),
        "pei_august": meeting("subgroup", D(2023, 8, 15), subgroup=pei),
        "pei_november": meeting("subgroup", D(2023, 11, 14), subgroup=pei),
        "qapr_october": meeting("subgroup", D(2023, 10, 20), subgroup=qapr),
    }


# --- Services --------------------------------------------------------------------------------


def test_a_meeting_is_recorded_with_its_cutoff_defaulting_to_its_date_and_its_author(world):
    meeting = world["exec_november"]
    assert (meeting.date, meeting.cutoff, meeting.version) == (D(2023, 11, 2), D(2023, 11, 2), 1)
    assert str(meeting) == "Executive meeting on 2 November 2023"
    assert world["exec_october"].cutoff == D(2023, 9, 28)
    assert meeting.history.get().history_user == world["bsu"]


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"body": "executive", "date": D(2023, 11, 2)}, "date", "already has a meeting on 2 November 2023"),
        (
            {"body": "executive", "date": D(2023, 12, 7), "cutoff": D(2023, 12, 8)},
            "cutoff",
            "the meeting's date or earlier",
        ),
        ({"body": "subgroup", "date": D(2023, 12, 7)}, "subgroup", "Choose the sub-group"),
        ({"body": "subgroup", "date": D(2023, 12, 7), "foreign": True}, "subgroup", "this partnership's sub-groups"),
    ],
)
def test_a_meeting_that_breaks_a_rule_is_refused_by_field_and_nothing_is_saved(world, fields, field, message):
    fields = dict(fields)
    subgroup = SubGroupFactory() if fields.pop("foreign", False) else None
    before = Meeting.objects.count()
    with pytest.raises(ValidationError) as refused:
        meeting_create(partnership=world["partnership"], subgroup=subgroup, by=world["bsu"], **fields)
    assert message in " ".join(refused.value.message_dict[field])
    assert Meeting.objects.count() == before


def test_an_edit_saves_and_counts_a_version_and_a_stale_edit_is_refused_naming_who(world):
    meeting = world["exec_november"]
    edited = meeting_edit(
        meeting=meeting, expected_version=1, fields={"notes": "Agenda: neglect strategy.", "cutoff": D(2023, 10, 26)},
        by=world["bsu"],
    )
    assert (edited.version, edited.notes, edited.cutoff) == (2, "Agenda: neglect strategy.", D(2023, 10, 26))
    with pytest.raises(ValidationError) as refused:
        meeting_edit(meeting=meeting, expected_version=1, fields={"notes": "Overwritten"}, by=world["alex"])
    assert "Bea Support changed this meeting while you were editing it" in refused.value.messages[0]
    meeting.refresh_from_db()
    assert (meeting.version, meeting.notes) == (2, "Agenda: neglect strategy.")
    # Saved again as it is: nothing written, so the version the others have open stays good.
    again = meeting_edit(meeting=meeting, expected_version=2, fields={"notes": "Agenda: neglect strategy."}, by=world["alex"])
    assert again.version == 2 and meeting.history.count() == 2
    # A cut-off left out is the meeting's date, as the form shows one that is the date.
    meeting_edit(meeting=meeting, expected_version=2, fields={"cutoff": meeting.date}, by=world["alex"])
    assert meeting_edit(meeting=meeting, expected_version=3, fields={"cutoff": None}, by=world["alex"]).version == 3


def test_a_held_meeting_that_a_later_held_meeting_measured_from_is_never_deleted(world):
    october = world["exec_october"]
    with pytest.raises(ValidationError) as refused:
        meeting_delete(meeting=october, by=world["bsu"], today=LATER)
    assert "measured what changed since this one" in refused.value.messages[0]
    assert Meeting.objects.filter(pk=october.pk).exists()
    # Before November's meeting was held, October's could still go (say it was recorded twice).
    meeting_delete(meeting=october, by=world["bsu"], today=D(2023, 10, 31))
    assert not Meeting.objects.filter(pk=october.pk).exists()
    assert Meeting.history.filter(id=october.pk, history_type="-").get().history_user == world["bsu"]


def test_the_latest_meeting_and_a_cancelled_future_one_can_be_deleted(world):
    cancelled = meeting_create(
        partnership=world["partnership"], body="executive", subgroup=None, date=D(2026, 3, 5), by=world["bsu"]
    )
    meeting_delete(meeting=cancelled, by=world["bsu"], today=LATER)
    meeting_delete(meeting=world["exec_november"], by=world["bsu"], today=LATER)
    assert not Meeting.objects.filter(pk__in=[cancelled.pk, world["exec_november"].pk]).exists()


def test_the_year_of_a_day_runs_april_to_march():
    days = [D(2024, 3, 31), D(2024, 4, 1), D(2099, 12, 1)]
    assert [financial_year(day) for day in days] == ["2023-24", "2024-25", "2099-00"]


# --- "Since" defaults to the previous meeting of the body ------------------------------------


def test_the_dashboards_changes_default_to_the_executives_last_meeting(client, world):
    client.force_login(world["alex"])
    # QAPR met on 20 October, later than the Executive's 5 October: the plan-wide page goes by
    # the Executive, whose figures then were as at 28 September.
    response = client.get(reverse("reports:dashboard"), {"as_at": "2023-11-01"})
    changes = response.context["changes"]
    assert changes["since"] == D(2023, 9, 28)
    assert response.context["since_meeting"] == world["exec_october"]
    assert "Changes since the Executive meeting on 5 October 2023" in response.text
    assert "Measured from 28 September 2023, the date that meeting's figures were counted at" in response.text
    assert {a.reference: a.direction for a in changes["moved"]} == {"Q2": "First rated"}


def test_an_explicit_since_wins_over_the_last_meeting(client, world):
    client.force_login(world["alex"])
    response = client.get(reverse("reports:dashboard"), {"as_at": "2023-11-01", "since": "2023-07-15"})
    assert response.context["changes"]["since"] == D(2023, 7, 15)
    assert response.context["since_meeting"] is None
    assert "What changed since 15 July 2023" in response.text
    assert {a.reference for a in response.context["changes"]["moved"]} == {"P1", "P2", "P8", "Q2"}


def test_without_an_earlier_executive_meeting_the_dashboard_shows_no_changes(client, world):
    client.force_login(world["alex"])
    response = client.get(reverse("reports:dashboard"), {"as_at": "2023-10-05"})
    assert "changes" not in response.context  # the Executive's first meeting is that day


# --- The meeting pack, read back ------------------------------------------------------------


def pack_pages(client, meeting) -> list[str]:
    response = client.get(reverse("reports:meeting-pack", args=[meeting.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    with pdfplumber.open(io.BytesIO(response.content)) as pdf:
        pages = [" ".join((page.extract_text() or "").split()) for page in pdf.pages]
    return pages, response.content


def page_of(pages, text) -> int:
    """The number of the first page with `text` (after the cover and contents, which name
    every part)."""
    return next(number for number, page in enumerate(pages, start=1) if number > 2 and text in page)


def part(pages, start, end) -> str:
    """The text of the pages from the one with `start` to the one before `end`."""
    return " ".join(pages[page_of(pages, start) - 1 : page_of(pages, end) - 1])


def test_a_sub_groups_pack_has_its_cover_contents_dashboard_changes_exceptions_and_workplan(client, world):
    client.force_login(world["bsu"])
    pages, content = pack_pages(client, world["pei_november"])
    assert_accessible(read(content), "Meeting pack: PEI sub-group meeting, 14 November 2023")
    cover, contents = pages[0], pages[1]
    assert "PEI sub-group meeting" in cover and "Tuesday 14 November 2023" in cover
    assert "Figures as at 14 November 2023" in cover
    assert "Changes are since the PEI sub-group meeting on 15 August 2023" in cover
    # The contents give each part's page, and the part is on that page.
    for title, heading in [
        ("Dashboard as at 14 November 2023", "Dashboard as at 14 November 2023"),
        ("What changed since the previous meeting", "What changed since the PEI sub-group meeting on 15 August 2023"),
        ("Exceptions", "Exceptions as at 14 November 2023: PEI"),
        ("Workplans 2023-24", "Workplans 2023-24"),
    ]:
        assert re.search(rf"{re.escape(title)}[ .]*{page_of(pages, heading)}\b", contents), title
    whole = " ".join(pages[2:])
    # The dashboard counts the whole plan as at the cut-off: P7 was not yet added, P6 retired.
    assert "8 actions in the plan on 14 November 2023: 1 Blue, 4 Green, 1 Amber, 1 Red, 1 Not yet rated" in whole
    # PEI's changes since 15 August: P2 first rated; nothing of QAPR's.
    changes = part(pages, "What changed since the PEI", "Exceptions as at")
    assert re.search(r"P2 .* Not yet rated Amber First rated", changes) and "Q2" not in changes
    exceptions = part(pages, "Exceptions as at", "Workplans 2023-24")
    assert "P2" in exceptions and "Q2" not in exceptions
    workplans = " ".join(pages[page_of(pages, "Workplans 2023-24") - 1 :])
    assert "Prevention & Early Intervention (PEI) workplan 2023-24" in workplans
    assert "Quality Assurance (QAPR) workplan" not in workplans
    assert "P7" not in workplans  # added after the cut-off


def test_the_executives_pack_holds_every_sub_groups_workplan_and_exceptions(client, world, member_of):
    client.force_login(member_of(world["partnership"], Membership.Role.EXECUTIVE))
    pages, _content = pack_pages(client, world["exec_november"])
    whole = " ".join(pages)
    assert "Executive meeting" in pages[0]
    assert "Changes are since the Executive meeting on 5 October 2023 (figures as at 28 September 2023)" in pages[0]
    assert "Prevention & Early Intervention (PEI) workplan 2023-24" in whole
    assert "Quality Assurance (QAPR) workplan 2023-24" in whole
    exceptions = part(pages, "Exceptions as at 2 November 2023", "Workplans 2023-24")
    assert "Q2" in exceptions and "Red" in exceptions  # the rating's word, never its colour alone


def test_the_first_meeting_of_a_body_says_there_is_nothing_to_compare(client, world):
    client.force_login(world["bsu"])
    pages, _content = pack_pages(client, world["pei_august"])
    assert "No earlier meeting of the PEI sub-group is recorded" in pages[0]


# --- Actions not updated since the last meeting, by lead -------------------------------------


def summary(data) -> dict:
    return {group.lead: [a.reference for a in group.actions] for group in data["groups"]}


def test_a_sub_groups_actions_not_updated_since_its_last_meeting_by_lead(world):
    # Since PEI's 15 August figures: P1 (1 Aug) and P8 (15 Aug, that very day) have no later
    # update; P3 never had one; P5 (1 Jun) has no lead named. P2 was updated 1 Sep; P4 is
    # complete; P6 was retired and P7 not yet added; QAPR's actions are not PEI's.
    data = actions_not_updated(world["pei_november"], today=LATER)
    assert summary(data) == {"Head of Early Help": ["P1", "P8"], "Alex Lead": ["P3"], "No lead named": ["P5"]}
    assert [group.count for group in data["groups"]] == [2, 1, 1]
    assert data["count"] == 4 and data["as_at"] == D(2023, 11, 14)


def test_the_executives_list_covers_every_sub_group_since_its_own_last_meeting(world):
    # Since the Executive's 28 September figures: P1, P2 (1 Sep), P8 and Q1 for Head of Early
    # Help; P3; P5. Q2 was updated on 1 October.
    data = actions_not_updated(world["exec_november"], today=LATER)
    assert summary(data) == {
        "Head of Early Help": ["P1", "P2", "P8", "Q1"], "Alex Lead": ["P3"], "No lead named": ["P5"],
    }


def test_before_the_cutoff_the_list_is_judged_today(world):
    # On 1 November PEI's list is as it stood that day (the meeting is on the 14th).
    data = actions_not_updated(world["pei_november"], today=D(2023, 11, 1))
    assert data["as_at"] == D(2023, 11, 1) and data["count"] == 4


def test_the_page_links_each_action_the_user_may_update_to_its_update_form(client, world):
    client.force_login(world["alex"])
    url = reverse("reports:meeting-not-updated", args=[world["pei_november"].pk])
    response = client.get(url)
    assert "Actions with no update since the PEI sub-group meeting on 15 August 2023" in response.text
    p3 = next(a for g in response.context["groups"] for a in g.actions if a.reference == "P3")
    p1 = next(a for g in response.context["groups"] for a in g.actions if a.reference == "P1")
    assert reverse("subgroups:action-update", args=[p3.pk]) in response.text  # Alex leads P3
    assert reverse("subgroups:action-update", args=[p1.pk]) not in response.text
    client.force_login(world["bsu"])
    response = client.get(url)
    assert f'{reverse("subgroups:action-update", args=[p1.pk])}?next=' in response.text
    assert "Head of Early Help (2)" in response.text and "Alex Lead (1)" in response.text


# --- Pages -----------------------------------------------------------------------------------


def test_the_bsu_adds_a_meeting_from_its_page_and_the_figures_date_defaults(client, world):
    client.force_login(world["bsu"])
    url = reverse("reports:meeting-create", args=[world["partnership"].pk])
    response = client.post(
        url,
        {"meets": f"subgroup-{world['qapr'].pk}", "date_0": "16", "date_1": "1", "date_2": "2024", "notes": "Audit"},
    )
    meeting = Meeting.objects.get(subgroup=world["qapr"], date=D(2024, 1, 16))
    assert response.status_code == 302 and response["Location"] == meeting.get_absolute_url()
    assert (meeting.cutoff, meeting.notes) == (D(2024, 1, 16), "Audit")
    page = client.get(meeting.get_absolute_url())
    assert "QAPR sub-group meeting, 16 January 2024" in page.text
    assert reverse("reports:meeting-pack-build", args=[meeting.pk]) in page.text
    assert "Previous meeting" in page.text and "20 October 2023" in page.text


def test_a_figures_date_after_the_meeting_is_explained_beside_the_field(client, world):
    client.force_login(world["bsu"])
    before = Meeting.objects.count()
    response = client.post(
        reverse("reports:meeting-create", args=[world["partnership"].pk]),
        {"meets": "executive", "date": "2024-01-04", "cutoff": "2024-01-05"},
    )
    assert response.status_code == 200
    assert "There is a problem" in response.text
    assert 'href="#id_cutoff_0">The figures&#x27; date must be the meeting&#x27;s date or earlier.' in response.text
    assert Meeting.objects.count() == before
    missing = client.post(reverse("reports:meeting-create", args=[world["partnership"].pk]), {"meets": "executive"})
    assert "Enter the date of the meeting." in missing.text
    part_filled = client.post(
        reverse("reports:meeting-create", args=[world["partnership"].pk]),
        {"meets": "executive", "date_0": "", "date_1": "13", "date_2": "2024"},
    )
    assert "Enter the day, month and year of the meeting." in part_filled.text
    assert "leave all three empty" not in part_filled.text
    assert Meeting.objects.count() == before


def test_an_edit_made_from_a_stale_page_is_refused_and_keeps_the_input(client, world):
    client.force_login(world["bsu"])
    meeting = world["exec_november"]
    meeting_edit(meeting=meeting, expected_version=1, fields={"notes": "Theirs"}, by=world["alex"])
    response = client.post(
        reverse("reports:meeting-edit", args=[meeting.pk]),
        {"meets": "executive", "date": "2023-11-02", "notes": "Mine", "version": "1"},
    )
    assert response.status_code == 200
    assert "Alex Lead changed this meeting while you were editing it" in response.text
    assert "Mine" in response.text
    meeting.refresh_from_db()
    assert meeting.notes == "Theirs"


def test_the_delete_page_says_why_a_meeting_stays(client, world):
    client.force_login(world["bsu"])
    october = world["exec_october"]
    response = client.post(reverse("reports:meeting-delete", args=[october.pk]))
    assert response.status_code == 200
    assert "The Executive meeting on 2 November 2023 measured what changed since this one" in response.text
    assert Meeting.objects.filter(pk=october.pk).exists()


def test_the_meetings_list_shows_past_meetings_latest_first_and_filters_by_body(client, world):
    client.force_login(world["alex"])
    response = client.get(reverse("reports:meeting-list"))
    (section,) = response.context["sections"]
    assert [m.date for m in section["past"]][:2] == [D(2023, 11, 14), D(2023, 11, 2)]
    assert section["upcoming"] == []
    assert reverse("reports:meeting-create", args=[world["partnership"].pk]) not in response.text  # not BSU
    only_pei = client.get(reverse("reports:meeting-list"), {"body": world["pei"].pk})
    assert [m.date for m in only_pei.context["sections"][0]["past"]] == [D(2023, 11, 14), D(2023, 8, 15)]
    sections = meetings_by_partnership(user=world["alex"], body="executive", today=D(2023, 10, 1))
    assert [m.date for m in sections[0]["upcoming"]] == [D(2023, 10, 5), D(2023, 11, 2)]


# --- Query guards ----------------------------------------------------------------------------


def test_the_meetings_list_takes_no_more_queries_with_ten_times_the_meetings(
    client, world, django_assert_max_num_queries
):
    client.force_login(world["bsu"])

    def grow():
        for n in range(TENFOLD * 5):
            subgroup = SubGroupFactory(partnership=world["partnership"])
            Meeting.objects.create(
                partnership=world["partnership"], body="subgroup", subgroup=subgroup,
                date=D(2024, 1, 1) + datetime.timedelta(days=n), cutoff=D(2024, 1, 1),
            )
            Meeting.objects.create(
                partnership=world["partnership"], body="executive",
                date=D(2025, 1, 1) + datetime.timedelta(days=n), cutoff=D(2025, 1, 1),
            )

    assert_queries_do_not_grow(
        client, reverse("reports:meeting-list"), grow=grow, ceiling=12,
        django_assert_max_num_queries=django_assert_max_num_queries,
    )


def test_the_not_updated_list_takes_no_more_queries_with_ten_times_the_actions(
    client, world, django_assert_max_num_queries
):
    client.force_login(world["bsu"])
    workplan = world["pei"].workplans.get()

    def grow():
        for n in range(TENFOLD * 4):
            lead_user = UserFactory() if n % 2 else None
            action = ActionFactory(workplan=workplan, lead=f"Lead {n % 7}", lead_user=lead_user)
            ActionUpdateFactory(action=action, as_at=D(2023, 7, 1), author=world["bsu"])

    response = assert_queries_do_not_grow(
        client, reverse("reports:meeting-not-updated", args=[world["pei_november"].pk]), grow=grow, ceiling=20,
        django_assert_max_num_queries=django_assert_max_num_queries,
    )
    assert response.context["count"] == 4 + TENFOLD * 4


def test_an_action_with_several_leads_is_behind_for_each_of_them(world):
    pei_action = Action.objects.get(reference="P1")
    pei_action.leads.add(PersonFactory(partnership=pei_action.workplan.subgroup.partnership, name="Young Scrutineer"))
    data = actions_not_updated(world["pei_november"], today=LATER)
    assert summary(data) == {
        "Head of Early Help": ["P1", "P8"], "Alex Lead": ["P3"], "No lead named": ["P5"], "Young Scrutineer": ["P1"],
    }
    assert data["count"] == 4  # actions, each counted once however many lead it
