import datetime

import pytest
from django.urls import reverse

from plans.models import Membership
from plans.tests.factories import MembershipFactory
from plans.tests.queries import TENFOLD, assert_queries_do_not_grow
from subgroups.tests.factories import ActionFactory, ActionUpdateFactory, WorkplanFactory

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.fixture
def plan_actions(member_of):
    """As at the plan's last day (31 March 2025), in one sub-group workplan:
    green & recent, red, amber, never rated, overdue, stale, blue & old."""
    workplan = WorkplanFactory(year="2024-25")
    partnership = workplan.plan.partnership
    lead = member_of(partnership, Membership.Role.LEAD, first_name="Pat", last_name="Lead")
    fine = ActionFactory(workplan=workplan, reference="OK", lead_user=lead, due_date=D(2025, 6, 1))
    ActionUpdateFactory(action=fine, rating="green", as_at=D(2025, 3, 1))
    red = ActionFactory(workplan=workplan, reference="RED", lead_user=lead, due_date=D(2025, 6, 1))
    ActionUpdateFactory(action=red, rating="red", as_at=D(2025, 3, 1), narrative="Off track")
    amber = ActionFactory(workplan=workplan, reference="AMBER", due_date=D(2025, 6, 1), lead="Designated Nurse")
    ActionUpdateFactory(action=amber, rating="amber", as_at=D(2025, 3, 1), narrative="Slipping")
    ActionFactory(workplan=workplan, reference="NEVER", lead_user=lead, due_date=D(2025, 6, 1), added_on=D(2025, 3, 1))
    overdue = ActionFactory(workplan=workplan, reference="LATE", lead_user=lead, due_date=D(2025, 1, 31))
    ActionUpdateFactory(action=overdue, rating="green", as_at=D(2025, 3, 1))
    stale = ActionFactory(workplan=workplan, reference="STALE", lead_user=lead, due_date=D(2025, 6, 1))
    ActionUpdateFactory(action=stale, rating="green", as_at=D(2024, 10, 1))
    done = ActionFactory(workplan=workplan, reference="DONE", lead_user=lead, due_date=D(2024, 6, 1))
    ActionUpdateFactory(action=done, rating="blue", as_at=D(2024, 6, 1), narrative="Delivered")
    return {"workplan": workplan, "lead": lead}


def references(response):
    return sorted(
        a.reference for s in response.context["sections"] for g in s["groups"] for a in g.actions
    )


def test_lead_sees_only_their_actions_that_need_attention(client, plan_actions):
    client.force_login(plan_actions["lead"])
    response = client.get(reverse("subgroups:my-actions"))
    assert references(response) == ["LATE", "NEVER", "RED", "STALE"]
    assert reverse("subgroups:action-update", args=[response.context["sections"][0]["groups"][0].actions[0].pk]) in response.text


def test_subgroup_lead_also_sees_the_subgroups_other_actions(client, member_of, plan_actions):
    workplan = plan_actions["workplan"]
    chair = member_of(workplan.plan.partnership, Membership.Role.LEAD)
    workplan.subgroup.leads.add(chair)
    client.force_login(chair)
    assert references(client.get(reverse("subgroups:my-actions"))) == ["AMBER", "LATE", "NEVER", "RED", "STALE"]


def test_bsu_sees_every_lead_grouped_by_who_is_behind(client, member_of, plan_actions):
    client.force_login(member_of(plan_actions["workplan"].plan.partnership, Membership.Role.BSU))
    response = client.get(reverse("subgroups:my-actions"))
    groups = {g.caption: sorted(a.reference for a in g.actions) for g in response.context["sections"][0]["groups"]}
    assert groups == {"Designated Nurse": ["AMBER"], "Pat Lead": ["LATE", "NEVER", "RED", "STALE"]}


def test_other_partnerships_actions_never_appear(client, member_of, plan_actions):
    other = WorkplanFactory(year="2024-25")
    ActionFactory(workplan=other, reference="ELSEWHERE")
    client.force_login(member_of(plan_actions["workplan"].plan.partnership, Membership.Role.BSU))
    assert "ELSEWHERE" not in references(client.get(reverse("subgroups:my-actions")))


@pytest.mark.parametrize("extra", [0, 30])
def test_query_count_does_not_grow_with_actions(client, member_of, plan_actions, extra, django_assert_max_num_queries):
    for _ in range(extra):
        ActionFactory(workplan=plan_actions["workplan"], lead_user=plan_actions["lead"])
    client.force_login(plan_actions["lead"])
    with django_assert_max_num_queries(11):  # includes renewing the session
        response = client.get(reverse("subgroups:my-actions"))
    assert len(references(response)) == 4 + extra


@pytest.mark.parametrize("role", [Membership.Role.LEAD, Membership.Role.BSU])
def test_queries_do_not_grow_with_partnerships_actions_or_updates(
    client, member_of, plan_actions, role, django_assert_max_num_queries
):
    lead = plan_actions["lead"]
    Membership.objects.filter(user=lead).update(role=role)
    client.force_login(lead)

    def grow():
        for n in range(TENFOLD - 1):
            # Further partnerships, each with a plan judged at its own date.
            other = WorkplanFactory(year="2024-25", plan__period_end=D(2025 + n, 3, 31))
            MembershipFactory(user=lead, partnership=other.plan.partnership, role=role)
            for workplan in (other, plan_actions["workplan"]):
                for _ in range(TENFOLD):
                    action = ActionFactory(workplan=workplan, lead_user=lead, due_date=D(2024, 6, 1))
                    ActionUpdateFactory(action=action, rating="red", narrative="Stuck.", as_at=D(2024, 5, 1))
                    ActionUpdateFactory(action=action, rating="amber", narrative="Better.", as_at=D(2024, 7, 1))

    response = assert_queries_do_not_grow(
        client, reverse("subgroups:my-actions"), grow=grow, ceiling=12,
        django_assert_max_num_queries=django_assert_max_num_queries,
    )
    assert len(response.context["sections"]) == TENFOLD
    assert len(references(response)) > TENFOLD * TENFOLD


def test_my_actions_counts_the_plans_current_year_unless_asked(client, plan_actions):
    """The plan ended on 31 March 2025, so its current year is 2024-25: last year's red action
    shows only when 2023-24 or the whole plan is chosen."""
    workplan = plan_actions["workplan"]
    last_year = WorkplanFactory(plan=workplan.plan, subgroup=workplan.subgroup, year="2023-24")
    old = ActionFactory(workplan=last_year, reference="OLD", lead_user=plan_actions["lead"], due_date=D(2025, 6, 1))
    ActionUpdateFactory(action=old, rating="red", as_at=D(2025, 3, 1))
    client.force_login(plan_actions["lead"])
    url = reverse("subgroups:my-actions")
    default = client.get(url)
    assert "OLD" not in references(default)
    assert "the 2024-25 workplans" in default.text
    assert references(client.get(url, {"year": "2023-24"})) == ["OLD"]
    assert "OLD" in references(client.get(url, {"year": "all"}))
    refused = client.get(url, {"year": "1999-00"})
    assert "Choose a year (2023-24, 2024-25) or the whole plan." in refused.text
    assert references(refused) == references(default)
