import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from plans.tests.factories import BusinessPlanFactory, MembershipFactory, PriorityFactory, ThemeFactory
from plans.tests.queries import TENFOLD, assert_queries_do_not_grow
from subgroups.tests.factories import ActionFactory, ActionUpdateFactory, WorkplanFactory, actions_in_bulk

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan():
    plan = BusinessPlanFactory(title="MSCP Business Plan 2023-25")
    PriorityFactory(plan=plan, number=1, title="Early Help", focus="Clear coordination of early help.")
    ThemeFactory(plan=plan, title="Think Family")
    return plan


def test_anonymous_users_are_sent_to_the_login_page(client, plan):
    for url in [reverse("plans:home"), plan.get_absolute_url()]:
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login") + "?next=")


def test_login_page_is_open_and_signs_in(client, member_of, plan):
    member_of(plan.partnership, username="casey", password="a-long-test-password")
    assert client.get(reverse("login")).status_code == 200
    response = client.post(
        reverse("login"), {"username": "casey", "password": "a-long-test-password"}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("plans:home")


def test_wrong_password_shows_an_error_summary(client):
    response = client.post(reverse("login"), {"username": "nobody", "password": "wrong"})
    assert response.status_code == 200
    assert "There is a problem" in response.text


def test_home_lists_only_the_users_plans_under_their_status_from_dates(client, member_of, plan):
    BusinessPlanFactory(title="Another partnership's plan")
    today = timezone.localdate()
    running = BusinessPlanFactory(
        partnership=plan.partnership, title="Running plan",
        period_start=today - datetime.timedelta(days=30), period_end=today + datetime.timedelta(days=300),
    )
    client.force_login(member_of(plan.partnership))
    response = client.get(reverse("plans:home"))
    assert "Another partnership's plan" not in response.text
    # The 2023-25 plan ended on 31 March 2025: still listed, but never as active.
    assert [(label, [row[0] for row in rows]) for label, rows in response.context["sections"]] == [
        ("Active plans", [running]),
        ("Ended plans", [plan]),
    ]
    active, ended = response.text.split("Ended plans")
    assert "Running plan" in active and "MSCP Business Plan 2023-25" in ended


def test_home_page_figures_are_the_dashboards_for_the_same_plan(client, member_of, plan):
    # The plan ended on 31 March 2025, so both pages judge it as at that day: an action retired
    # after the end still counts, one added after it does not, and nothing went stale since.
    workplan = WorkplanFactory(plan=plan)
    on_track = ActionFactory(workplan=workplan, due_date=datetime.date(2025, 3, 31))
    ActionUpdateFactory(action=on_track, rating="green", as_at=datetime.date(2025, 3, 1))
    retired_later = ActionFactory(
        workplan=workplan, is_retired=True, retired_on=datetime.date(2025, 6, 1), due_date=datetime.date(2025, 3, 31)
    )
    ActionUpdateFactory(action=retired_later, rating="amber", as_at=datetime.date(2025, 2, 1), narrative="Slipping.")
    ActionFactory(workplan=workplan, added_on=datetime.date(2025, 5, 1))
    client.force_login(member_of(plan.partnership))
    home = client.get(reverse("plans:home"))
    # The home page counts the whole plan, as the dashboard does when asked for it.
    dashboard = client.get(reverse("reports:dashboard"), {"plan": plan.pk, "year": "all"})
    [(shown_plan, counts, as_at)] = home.context["plan_rows"]
    assert shown_plan == plan and as_at == datetime.date(2025, 3, 31) == dashboard.context["as_at"]
    assert counts == dashboard.context["totals"]
    assert (counts.green, counts.amber, counts.not_rated, counts.stale) == (1, 1, 0, 0)
    assert "31 March 2025" in home.text


def test_plan_page_shows_priorities_themes_and_counts(client, member_of, plan):
    workplan = WorkplanFactory(plan=plan)
    action = ActionFactory(workplan=workplan, priority=plan.priorities.get())
    ActionUpdateFactory(action=action, rating="amber", as_at=datetime.date(2023, 6, 1))
    client.force_login(member_of(plan.partnership))
    response = client.get(plan.get_absolute_url())
    assert response.status_code == 200
    assert "Priority 1: Early Help" in response.text
    assert "Clear coordination of early help." in response.text
    assert "Think Family" in response.text
    priority_counts = dict(
        (priority.number, counts) for priority, counts in response.context["priority_rows"]
    )
    assert priority_counts[1].amber == 1


def test_plan_of_another_partnership_is_not_found(client, member_of, plan):
    outsider = member_of(BusinessPlanFactory().partnership)
    client.force_login(outsider)
    response = client.get(plan.get_absolute_url())
    assert response.status_code == 404
    assert "Page not found" in response.text


@pytest.mark.parametrize("action_count", [5, 50])
def test_plan_page_query_count_does_not_grow_with_actions(
    client, member_of, plan, action_count, django_assert_max_num_queries
):
    workplan = WorkplanFactory(plan=plan)
    for _ in range(action_count):
        action = ActionFactory(workplan=workplan, priority=plan.priorities.get())
        action.themes.add(plan.themes.get())
        ActionUpdateFactory(action=action)
    client.force_login(member_of(plan.partnership))
    with django_assert_max_num_queries(18):  # includes renewing the session
        assert client.get(plan.get_absolute_url()).status_code == 200


def test_plan_text_is_shown_as_escaped_paragraphs(client, member_of):
    plan = BusinessPlanFactory(introduction="First <b>paragraph</b>.\n\nSecond line one\nline two")
    client.force_login(member_of(plan.partnership))
    response = client.get(plan.get_absolute_url())
    assert '<p class="govuk-body">First &lt;b&gt;paragraph&lt;/b&gt;.</p>' in response.text
    assert '<p class="govuk-body">Second line one<br>line two</p>' in response.text


def test_home_page_queries_do_not_grow_with_partnerships_plans_or_actions(
    client, member_of, plan, django_assert_max_num_queries
):
    user = member_of(plan.partnership)
    workplan = WorkplanFactory(plan=plan)
    ActionUpdateFactory(action=ActionFactory(workplan=workplan), rating="amber", narrative="Slow.")
    client.force_login(user)

    def grow():
        for n in range(TENFOLD - 1):
            other = WorkplanFactory(plan__period_end=datetime.date(2025 + n, 3, 31))
            MembershipFactory(user=user, partnership=other.plan.partnership)
            actions_in_bulk(other, TENFOLD, updates=[("green", "On track: the audit is scheduled.", datetime.date(2023, 6, 30))])
            actions_in_bulk(workplan, TENFOLD, updates=[("red", "Stuck.", datetime.date(2023, 6, 30))])

    response = assert_queries_do_not_grow(
        client, reverse("plans:home"), grow=grow, ceiling=8,
        django_assert_max_num_queries=django_assert_max_num_queries,
    )
    assert len(response.context["plan_rows"]) == TENFOLD
