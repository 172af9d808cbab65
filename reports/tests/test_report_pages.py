"""The dashboard, the exception report and the action lists behind their counts."""

import datetime

import pytest
from django.urls import reverse

from plans.tests.factories import BusinessPlanFactory, MembershipFactory
from plans.tests.queries import TENFOLD, assert_queries_do_not_grow
from reports.selectors import quarter_ends
from subgroups.tests.factories import ActionFactory, ActionUpdateFactory

pytestmark = pytest.mark.django_db
D = datetime.date
# The fixture's plan ended on 31 March 2025 and its actions are in its 2023-24 workplan; these
# tests count the whole plan, as the pages did before a year was their default scope.
WHOLE_PLAN = {"year": "all"}


def test_quarter_ends_cover_the_period():
    assert quarter_ends(D(2023, 4, 1), D(2024, 3, 31)) == [D(2023, 6, 30), D(2023, 9, 30), D(2023, 12, 31), D(2024, 3, 31)]
    assert quarter_ends(D(2023, 4, 1), D(2023, 8, 15)) == [D(2023, 6, 30), D(2023, 8, 15)]


def test_dashboard_defaults_to_the_plans_reporting_date(client, executive, plan):
    # The whole plan; the default year (2024-25, holding 31 March 2025) is tested in test_years.
    response = client.get(reverse("reports:dashboard"), WHOLE_PLAN)
    assert response.context["as_at"] == D(2025, 3, 31)
    totals = response.context["totals"]
    assert (totals.blue, totals.amber, totals.red, totals.not_rated, totals.overdue) == (1, 1, 1, 1, 1)
    # Stale: A1 (Sep 2023) and A3 (never, added Apr 2023); A4 updated 1 Nov 2024 is 150 days old.
    assert totals.stale == 3
    priority_row = response.context["priority_rows"][0]
    assert (priority_row.label, priority_row.counts.total) == ("Priority 1: Early Help", 3)


def test_dashboard_as_at_an_earlier_date_rebuilds_from_history(client, executive, plan):
    response = client.get(reverse("reports:dashboard"), {"as_at": "2023-12-31"})
    totals = response.context["totals"]
    # A4 did not exist yet; A2 was still green.
    assert (totals.total, totals.green, totals.red, totals.blue) == (3, 1, 1, 0)
    assert "as at 31 December 2023" in response.text
    assert [day for day, _ in response.context["trend"]] == [D(2023, 6, 30), D(2023, 9, 30), D(2023, 12, 31)]


def test_a_bad_date_is_explained_beside_the_field(client, executive, plan):
    response = client.get(reverse("reports:dashboard"), {"as_at": "31/02/2024"})
    assert response.status_code == 200
    assert "Enter a real date, for example 31 3 2025." in response.text
    assert response.context["as_at"] == D(2025, 3, 31)


@pytest.mark.parametrize("page", ["reports:dashboard", "reports:exceptions"])
def test_the_date_is_entered_in_day_month_and_year_boxes(client, executive, plan, page):
    """The same GOV.UK date input as every other form, not the browser's own date picker
    (which shows month first in some browsers)."""
    response = client.get(reverse(page), {"as_at_0": "31", "as_at_1": "12", "as_at_2": "2023"})
    assert response.context["as_at"] == D(2023, 12, 31)
    assert 'type="date"' not in response.text
    for box in ("Day", "Month", "Year"):
        assert f'for="id_as_at_{"Day Month Year".split().index(box)}">{box}</label>' in response.text
    impossible = client.get(reverse(page), {"as_at_0": "30", "as_at_1": "2", "as_at_2": "2024"})
    assert "Enter a real date, for example 31 3 2025." in impossible.text
    incomplete = client.get(reverse(page), {"as_at_0": "30", "as_at_1": "", "as_at_2": "2024"})
    assert "Enter the day, month and year, or leave all three empty." in incomplete.text
    assert incomplete.context["as_at"] == D(2025, 3, 31)


def test_each_count_links_to_its_actions(client, executive, plan):
    dashboard = client.get(reverse("reports:dashboard"), WHOLE_PLAN)
    priority = plan.priorities.get()
    link = f"{reverse('reports:actions')}?plan={plan.pk}&amp;year=all&amp;as_at=2025-03-31&amp;priority={priority.pk}&amp;rating=red"
    assert link in dashboard.text
    listed = client.get(link.replace("&amp;", "&"))
    assert [a.reference for a in listed.context["actions"]] == ["A1"]
    overdue = client.get(reverse("reports:actions"), {"plan": plan.pk, "priority": "core", "flag": "overdue"} | WHOLE_PLAN)
    assert [a.reference for a in overdue.context["actions"]] == ["A3"]


def test_the_actions_behind_a_count_say_which_filter_they_show(client, executive, plan):
    priority = plan.priorities.get()
    listed = client.get(reverse("reports:actions"), {"plan": plan.pk, "priority": priority.pk, "rating": "red"})
    assert f"Showing actions of the 2024-25 workplans rated Red, in {priority}." in listed.text
    assert listed.context["filters"] == ["rated Red", f"in {priority}"]
    overdue = client.get(reverse("reports:actions"), {"plan": plan.pk, "priority": "core", "flag": "overdue"})
    assert "Showing actions of the 2024-25 workplans that are overdue, in the core functions (no priority)." in overdue.text
    everything = client.get(reverse("reports:actions"), {"plan": plan.pk} | WHOLE_PLAN)
    assert "Showing every action of the whole plan (2023-24 to 2024-25 workplans)." in everything.text
    foreign = client.get(reverse("reports:actions"), {"plan": plan.pk, "subgroup": "999999"})
    assert "of a sub-group not in this partnership" in foreign.text


def test_exception_report_groups_and_filters(client, executive, plan):
    response = client.get(reverse("reports:exceptions"), WHOLE_PLAN)
    [group] = response.context["groups"][:1]
    references = {a.reference: a.reasons for g in response.context["groups"] for a in g.actions}
    assert references == {"A1": ["Red", "Stale"], "A4": ["Amber", "Stale"], "A3": ["Overdue", "Stale"]}
    assert group.priority == "Priority 1: Early Help"
    assert "Provider withdrew." in response.text
    red_only = client.get(reverse("reports:exceptions"), {"reason": "red"} | WHOLE_PLAN)
    assert [a.reference for g in red_only.context["groups"] for a in g.actions] == ["A1"]
    earlier = client.get(reverse("reports:exceptions"), {"as_at": "2023-06-30"})
    assert [a.reference for g in earlier.context["groups"] for a in g.actions] == []


def test_days_since_last_update(client, executive, plan):
    response = client.get(reverse("reports:exceptions"), {"as_at": "2024-03-31", "reason": "red"})
    [action] = response.context["groups"][0].actions
    assert action.days_since_update == (D(2024, 3, 31) - D(2023, 9, 1)).days


def test_another_partnerships_plan_is_never_reported(client, executive, plan):
    other = BusinessPlanFactory(title="Someone else's plan")
    response = client.get(reverse("reports:dashboard"), {"plan": other.pk})
    assert response.context["plan"] == plan
    assert "Someone else&#x27;s plan" not in response.text and "Someone else's plan" not in response.text


@pytest.mark.parametrize("extra", [0, 40])
@pytest.mark.parametrize("page", ["reports:dashboard", "reports:exceptions"])
def test_query_count_is_constant(client, executive, plan, extra, page, django_assert_max_num_queries):
    workplan = plan.workplans.get()
    for _ in range(extra):
        action = ActionFactory(workplan=workplan, priority=plan.priorities.get())
        ActionUpdateFactory(action=action, rating="red", narrative="Off track.", as_at=D(2024, 6, 1))
        BusinessPlanFactory()
    with django_assert_max_num_queries(30):
        assert client.get(reverse(page)).status_code == 200


def test_since_the_last_meeting_shows_direction_of_travel(client, executive, plan):
    # Between 1 Aug 2023 and 31 Mar 2025: A1 not yet rated -> red (first rated);
    # A2 green -> blue (completed); A3 never updated (silent); A4 added Oct 2024.
    response = client.get(reverse("reports:dashboard"), {"since": "2023-08-01"} | WHOLE_PLAN)
    changes = response.context["changes"]
    assert {a.reference: a.direction for a in changes["moved"]} == {"A1": "First rated", "A2": "Completed"}
    assert [a.reference for a in changes["added"]] == ["A4"]
    assert [a.reference for a in changes["silent"]] == ["A3"]
    assert "What changed since 1 August 2023" in response.text


def test_since_must_be_before_as_at(client, executive, plan):
    response = client.get(reverse("reports:dashboard"), {"since": "2025-06-01", "as_at": "2024-01-01"})
    assert "must be before the as-at date" in response.text
    assert "changes" not in response.context


@pytest.mark.parametrize(
    ("before", "after", "direction"),
    [("red", "amber", "Improved"), ("green", "red", "Worsened"), ("amber", "blue", "Completed"),
     (None, "green", "First rated"), ("green", None, "Rating withdrawn")],
)
def test_direction_of_travel(before, after, direction):
    from reports.selectors import _direction

    assert _direction(before, after) == direction


@pytest.mark.parametrize("params", [{}, {"rating": "red"}, {"flag": "stale"}])
def test_action_list_queries_do_not_grow_with_actions_updates_or_partnerships(
    client, executive, plan, params, django_assert_max_num_queries
):
    workplan = plan.workplans.get()
    theme = plan.themes.get()

    def grow():
        for n in range(TENFOLD * 4):
            action = ActionFactory(workplan=workplan, priority=plan.priorities.get(), lead_user=executive)
            action.themes.add(theme)
            for month in (6, 9):
                ActionUpdateFactory(action=action, rating="red", narrative=f"Off track {n}.", as_at=D(2024, month, 1))
        for _ in range(TENFOLD - 1):
            other = BusinessPlanFactory()
            MembershipFactory(user=executive, partnership=other.partnership)

    response = assert_queries_do_not_grow(
        client, reverse("reports:actions"), params={"plan": plan.pk} | WHOLE_PLAN | params, grow=grow, ceiling=12,
        django_assert_max_num_queries=django_assert_max_num_queries,
    )
    assert len(response.context["actions"]) >= TENFOLD * 4
