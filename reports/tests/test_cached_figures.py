"""The review pages keep their figures in the cache (plans.data_stamp): every write that
changes a figure shows on the very next request, and no partnership is shown another's."""

import datetime

import pytest
from django.urls import reverse

from plans.models import Membership, Partnership
from plans.tests.factories import BusinessPlanFactory, UserFactory
from subgroups.importing.services import workplan_import
from subgroups.models import Action
from subgroups.services import UpdateRow, action_edit, action_record_update, action_record_updates, carry_forward
from subgroups.tests.factories import ActionFactory, ActionUpdateFactory, WorkplanFactory
from subgroups.tests.spreadsheets import csv_bytes

pytestmark = pytest.mark.django_db
D = datetime.date
WHOLE_PLAN = {"year": "all"}


def dashboard_totals(client, **params):
    totals = client.get(reverse("reports:dashboard"), WHOLE_PLAN | params).context["totals"]
    return {"blue": totals.blue, "green": totals.green, "amber": totals.amber, "red": totals.red,
            "not_rated": totals.not_rated}


def exception_references(client, **params):
    groups = client.get(reverse("reports:exceptions"), WHOLE_PLAN | params).context["groups"]
    return sorted(action.reference for group in groups for action in group.actions)


def a1(plan):
    return Action.objects.get(workplan__plan=plan, reference="A1")


@pytest.fixture
def warm(client, executive, plan):
    """Both pages fetched once, so their figures are in the cache before the write."""
    before = dashboard_totals(client), exception_references(client)
    assert before == (
        {"blue": 1, "green": 0, "amber": 1, "red": 1, "not_rated": 1},
        ["A1", "A3", "A4"],
    )
    # A second fetch is answered from the cache, with the same figures.
    assert (dashboard_totals(client), exception_references(client)) == before
    return before


def test_reading_the_pages_never_changes_the_stamp(client, executive, plan):
    stamp = Partnership.objects.get(pk=plan.partnership_id).data_stamp
    dashboard_totals(client)
    exception_references(client)
    workplan = a1(plan).workplan
    for url in (
        reverse("subgroups:workplan-detail", args=[workplan.pk]),
        plan.get_absolute_url(),
        reverse("subgroups:my-actions"),
        reverse("plans:home"),
    ):
        assert client.get(url).status_code == 200, url
    assert Partnership.objects.get(pk=plan.partnership_id).data_stamp == stamp


def test_an_update_through_the_service_shows_on_the_next_request(client, executive, plan, warm):
    action_record_update(action=a1(plan), rating="green", narrative="Back on track.", as_at=D(2025, 3, 1), author=executive)
    assert dashboard_totals(client) == {"blue": 1, "green": 1, "amber": 1, "red": 0, "not_rated": 1}
    assert exception_references(client) == ["A3", "A4"]


def test_a_bulk_update_round_shows_on_the_next_request(client, executive, plan, warm):
    action_record_updates(
        rows=[UpdateRow(action=a1(plan), rating="green", narrative="Back on track.", as_at=D(2025, 3, 1))],
        author=executive,
    )
    assert dashboard_totals(client)["red"] == 0
    assert exception_references(client) == ["A3", "A4"]


def test_an_import_shows_on_the_next_request(client, executive, plan, warm):
    header = ["Reference", "Priority", "Impact", "Action", "Cross-Cutting Themes", "Lead", "Timeframe",
              "BRAG Rating & Update"]
    row = ["A1", "1", "Impact", "Action A1", "Think Family", "", "March 2025", "Blue - Delivered."]
    workplan = a1(plan).workplan
    workplan_import(
        content=csv_bytes([header, row]), subgroup=workplan.subgroup, year=workplan.year, author=executive,
        as_at=D(2024, 3, 31),
    )
    assert dashboard_totals(client) == {"blue": 2, "green": 0, "amber": 1, "red": 0, "not_rated": 1}
    assert exception_references(client) == ["A3", "A4"]


def test_an_action_edit_shows_on_the_next_request(client, executive, plan, warm):
    response = client.get(reverse("reports:dashboard"), WHOLE_PLAN)
    assert [row.counts.total for row in response.context["priority_rows"]] == [3, 1]
    action = a1(plan)
    action_edit(action=action, expected_version=action.version, fields={"priority": None}, themes=[])
    response = client.get(reverse("reports:dashboard"), WHOLE_PLAN)
    assert [row.counts.total for row in response.context["priority_rows"]] == [2, 2]
    assert [row.counts.total for row in response.context["theme_rows"]] == [0]


def test_a_year_end_carry_forward_shows_on_the_next_request(client, executive, plan, warm):
    old = a1(plan)
    carry_forward(action=old, by=executive, on=D(2024, 3, 20))
    groups = client.get(reverse("reports:exceptions"), WHOLE_PLAN).context["groups"]
    assert old.pk not in [action.pk for group in groups for action in group.actions]


def test_an_admin_change_shows_on_the_next_request(client, executive, plan, warm):
    priority = plan.priorities.get(number=1)
    admin = UserFactory(is_staff=True, is_superuser=True)
    client.force_login(admin)
    response = client.post(
        reverse("admin:plans_priority_change", args=[priority.pk]),
        {"plan": plan.pk, "number": 1, "title": "Early Help and Family Support", "focus": "",
         "key_activities": "", "added_on": priority.added_on.isoformat()},
    )
    assert response.status_code == 302
    client.force_login(executive)
    rows = client.get(reverse("reports:dashboard"), WHOLE_PLAN).context["priority_rows"]
    assert rows[0].label == "Priority 1: Early Help and Family Support"


def test_two_partnerships_never_share_figures(client, executive, plan):
    other = BusinessPlanFactory(period_start=plan.period_start, period_end=plan.period_end)
    workplan = WorkplanFactory(plan=other)
    for reference in ("B1", "B2"):
        ActionUpdateFactory(action=ActionFactory(workplan=workplan, reference=reference), rating="red",
                            as_at=D(2024, 6, 1), narrative="Stuck.")
    Membership.objects.create(user=executive, partnership=other.partnership, role=Membership.Role.EXECUTIVE)
    # Even with the same stamp, the figures are kept apart by partnership (and plan).
    Partnership.objects.filter(pk__in=[plan.partnership_id, other.partnership_id]).update(data_stamp="same")
    for _ in range(2):
        assert dashboard_totals(client, plan=plan.pk)["red"] == 1
        assert dashboard_totals(client, plan=other.pk) == {"blue": 0, "green": 0, "amber": 0, "red": 2, "not_rated": 0}
        assert exception_references(client, plan=plan.pk) == ["A1", "A3", "A4"]
        assert exception_references(client, plan=other.pk) == ["B1", "B2"]


def test_the_workplan_page_shows_an_update_and_an_edit_on_the_next_request(client, executive, plan):
    action = a1(plan)
    url = reverse("subgroups:workplan-detail", args=[action.workplan_id])

    def red_and_references(**params):
        response = client.get(url, params)
        return response.context["counts"].red, [row.reference for group in response.context["groups"] for row in group.actions]

    assert red_and_references() == (1, ["A1", "A2", "A4", "A3"])
    assert red_and_references(rating="red") == (1, ["A1"])
    action_record_update(action=action, rating="green", narrative="Back on track.", as_at=D(2025, 3, 1), author=executive)
    assert red_and_references() == (0, ["A1", "A2", "A4", "A3"])
    assert red_and_references(rating="red") == (0, [])
    action = a1(plan)
    action_edit(action=action, expected_version=action.version, fields={"reference": "A1b"}, themes=[])
    assert red_and_references()[1] == ["A1b", "A2", "A4", "A3"]
