import datetime

import pytest
from django.urls import reverse

from plans.models import Membership
from plans.tests.factories import BusinessPlanFactory, PriorityFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan():
    plan = BusinessPlanFactory(period_start=datetime.date(2021, 4, 1), period_end=datetime.date(2023, 3, 31))
    for number in range(1, 6):
        PriorityFactory(plan=plan, number=number, added_on=plan.period_start)
    return plan


def dated(day, month, year, **fields):
    return {"added_on_0": day, "added_on_1": month, "added_on_2": year} | fields


def test_bsu_adds_a_priority_mid_plan_numbered_after_the_last(client, member_of, plan):
    client.force_login(member_of(plan.partnership, Membership.Role.BSU))
    response = client.post(
        reverse("plans:priority-create", args=[plan.pk]),
        dated(1, 9, 2022, title="Violence against women and girls", text="Street safety."),
        follow=True,
    )
    priority = plan.priorities.get(number=6)
    assert priority.added_on == datetime.date(2022, 9, 1)
    assert "Priority 6: Violence against women and girls added to the plan from 1 September 2022." in response.text
    assert "Added to the plan on 1 September 2022." in response.text


def test_date_added_must_fall_within_the_plan(client, member_of, plan):
    client.force_login(member_of(plan.partnership, Membership.Role.BSU))
    response = client.post(reverse("plans:theme-create", args=[plan.pk]), dated(1, 9, 2024, title="Voice of the child"))
    assert response.status_code == 200
    assert "The date added must fall within the plan" in response.text
    assert not plan.themes.exists()


@pytest.mark.parametrize("role", [Membership.Role.LEAD, Membership.Role.EXECUTIVE, Membership.Role.VIEWER])
def test_only_the_bsu_changes_the_plan(client, member_of, plan, role):
    client.force_login(member_of(plan.partnership, role))
    url = reverse("plans:theme-create", args=[plan.pk])
    assert client.get(url).status_code == 403
    assert client.post(url, dated(1, 9, 2022, title="Voice of the child")).status_code == 403
    assert not plan.themes.exists()
    assert url not in client.get(plan.get_absolute_url()).text
