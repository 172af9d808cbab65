import datetime
from html import escape
from html.parser import HTMLParser
from urllib.parse import urlencode

import pytest
from django.urls import reverse

from plans.models import Membership, Person
from plans.tests.factories import MembershipFactory
from plans.tests.queries import TENFOLD, assert_queries_do_not_grow
from subgroups.tests.factories import ActionFactory, ActionUpdateFactory, WorkplanFactory, actions_in_bulk

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
    # Includes renewing the session, the sub-group choices, the actions the user's directory
    # entries lead (for permissions) and the rows' leads.
    with django_assert_max_num_queries(14):
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
                actions_in_bulk(
                    workplan, TENFOLD, lead_user=lead, due_date=D(2024, 6, 1),
                    updates=[("red", "Stuck.", D(2024, 5, 1)), ("amber", "Better.", D(2024, 7, 1))],
                )

    response = assert_queries_do_not_grow(
        client, reverse("subgroups:my-actions"), grow=grow, ceiling=14,
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


# -- Filters, groups and counts --------------------------------------------------------------


class Groups(HTMLParser):
    """The page's action groups as a reader meets them: each heading's words, and whether the
    <details> holding its actions is open."""

    def __init__(self, html):
        super().__init__()
        self.groups, self._heading = [], None
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "h3" and "app-action-group__heading" in attrs.get("class", ""):
            self._heading = ""
        elif tag == "details" and "app-action-group" in attrs.get("class", ""):
            self.groups[-1]["open"] = "open" in attrs

    def handle_data(self, data):
        if self._heading is not None:
            self._heading += data

    def handle_endtag(self, tag):
        if tag == "h3" and self._heading is not None:
            self.groups.append({"heading": " ".join(self._heading.split()), "open": None})
            self._heading = None


@pytest.fixture
def two_subgroups(plan_actions):
    """Besides the fixture's workplan (2024-25), a second sub-group's 2024-25 workplan with a
    red and a never-rated action the lead leads, and last year's workplan of the first
    sub-group with a red one."""
    workplan, lead = plan_actions["workplan"], plan_actions["lead"]
    other = WorkplanFactory(plan=workplan.plan, year="2024-25", subgroup__short_name="QA")
    red = ActionFactory(workplan=other, reference="QA-RED", lead_user=lead, due_date=D(2025, 6, 1))
    ActionUpdateFactory(action=red, rating="red", as_at=D(2025, 3, 1))
    ActionFactory(workplan=other, reference="QA-NEVER", lead_user=lead, due_date=D(2025, 6, 1), added_on=D(2025, 3, 1))
    last_year = WorkplanFactory(plan=workplan.plan, subgroup=workplan.subgroup, year="2023-24")
    old = ActionFactory(workplan=last_year, reference="OLD", lead_user=lead, due_date=D(2025, 6, 1))
    ActionUpdateFactory(action=old, rating="red", as_at=D(2025, 3, 1))
    return plan_actions | {"other": other, "last_year": last_year}


@pytest.mark.parametrize(
    ("reason", "expected"),
    [("none", ["NEVER"]), ("red", ["RED"]), ("amber", []), ("overdue", ["LATE"]), ("stale", ["STALE"])],
)
def test_lead_narrows_my_actions_by_the_reason_they_need_attention(client, plan_actions, reason, expected):
    client.force_login(plan_actions["lead"])
    assert references(client.get(reverse("subgroups:my-actions"), {"reason": reason})) == expected


def test_the_reasons_offered_are_exactly_why_an_action_is_listed(client, member_of, plan_actions):
    """Every action listed is found under at least one reason, and every reason's actions are
    listed: "not yet rated" included, as My actions counts it."""
    client.force_login(member_of(plan_actions["workplan"].plan.partnership, Membership.Role.BSU))
    url = reverse("subgroups:my-actions")
    page = client.get(url)
    offered = [value for value, _label in page.context["form"].fields["reason"].choices if value]
    assert offered == ["none", "red", "amber", "overdue", "stale"]
    assert 'value="none">Not yet rated</option>' in page.text
    by_reason = {reason: references(client.get(url, {"reason": reason})) for reason in offered}
    assert sorted({ref for refs in by_reason.values() for ref in refs}) == references(page)
    assert by_reason == {
        "none": ["NEVER"], "red": ["RED"], "amber": ["AMBER"], "overdue": ["LATE"], "stale": ["STALE"],
    }


def test_sub_group_year_and_reason_combine_and_the_page_says_what_it_shows(client, two_subgroups):
    client.force_login(two_subgroups["lead"])
    url = reverse("subgroups:my-actions")
    first, other = two_subgroups["workplan"].subgroup, two_subgroups["other"].subgroup

    qa = client.get(url, {"subgroup": other.pk})
    assert references(qa) == ["QA-NEVER", "QA-RED"]
    assert f"Showing only: of the {other.short_name} sub-group." in qa.text

    assert references(client.get(url, {"subgroup": other.pk, "reason": "none"})) == ["QA-NEVER"]
    assert references(client.get(url, {"reason": "red"})) == ["QA-RED", "RED"]
    assert references(client.get(url, {"reason": "red", "year": "all"})) == ["OLD", "QA-RED", "RED"]
    last_year = client.get(url, {"subgroup": first.pk, "year": "2023-24", "reason": "red"})
    assert references(last_year) == ["OLD"]
    assert f"Showing only: reason Red; of the {first.short_name} sub-group." in last_year.text
    assert "the 2023-24 workplans: 1 action needs attention" in last_year.text
    assert references(client.get(url, {"subgroup": other.pk, "year": "2023-24"})) == []

    everything = client.get(url)
    assert "Showing every action that needs attention." in everything.text


@pytest.mark.parametrize(
    ("params", "field", "message"),
    [
        ({"subgroup": "999999"}, "subgroup", "Choose a sub-group from the list, or all sub-groups."),
        ({"subgroup": "not a number"}, "subgroup", "Choose a sub-group from the list, or all sub-groups."),
        ({"reason": "blue"}, "reason", "Choose a reason from the list, or any reason."),
    ],
)
def test_a_refused_filter_is_explained_beside_its_field_and_the_rest_still_apply(
    client, two_subgroups, params, field, message
):
    client.force_login(two_subgroups["lead"])
    url = reverse("subgroups:my-actions")
    page = client.get(url, params | {"year": "2023-24"})
    assert page.context["form"].errors[field] == [message]
    assert f'href="#id_{field}">{message}</a>' in page.text  # the error summary links to it
    assert "There is a problem" in page.text
    assert references(page) == ["OLD"]  # the year still counts; the refused filter does not narrow
    assert "Showing every action that needs attention." in page.text


def test_a_lead_is_offered_only_their_partnerships_sub_groups(client, two_subgroups):
    elsewhere = WorkplanFactory(year="2024-25", subgroup__short_name="ELSEWHERE")
    client.force_login(two_subgroups["lead"])
    url = reverse("subgroups:my-actions")
    page = client.get(url)
    offered = dict(page.context["form"].fields["subgroup"].choices)
    assert set(offered.values()) == {"All sub-groups", two_subgroups["workplan"].subgroup.short_name, "QA"}
    refused = client.get(url, {"subgroup": elsewhere.subgroup.pk})
    assert "subgroup" in refused.context["form"].errors
    assert references(refused) == references(page)


def test_a_lead_sees_a_group_per_workplan_with_its_count_and_only_the_first_open(client, two_subgroups):
    client.force_login(two_subgroups["lead"])
    page = client.get(reverse("subgroups:my-actions"))
    first = two_subgroups["workplan"].subgroup.short_name  # "SG…", after "QA"
    assert Groups(page.text).groups == [
        {"heading": "QA workplan 2024-25: 2 actions", "open": True},
        {"heading": f"{first} workplan 2024-25: 4 actions", "open": False},
    ]
    assert "6 actions need attention, by workplan" in page.text
    assert page.text.count("<details") == 2
    # Each row still names its workplan, and the show link names its group for screen readers.
    assert "QA workplan 2024-25" in page.text
    assert '<span class="govuk-visually-hidden"> for QA workplan 2024-25</span>' in page.text


def test_bsu_sees_a_group_per_lead_with_its_count_and_only_the_first_open(client, member_of, plan_actions):
    client.force_login(member_of(plan_actions["workplan"].plan.partnership, Membership.Role.BSU))
    page = client.get(reverse("subgroups:my-actions"))
    assert Groups(page.text).groups == [
        {"heading": "Designated Nurse: 1 action", "open": True},
        {"heading": "Pat Lead: 4 actions", "open": False},
    ]
    assert "5 actions need attention, by lead" in page.text
    narrowed = client.get(reverse("subgroups:my-actions"), {"reason": "amber"})
    assert Groups(narrowed.text).groups == [{"heading": "Designated Nurse: 1 action", "open": True}]


def test_update_several_carries_the_filters_and_lists_only_the_actions_shown(client, two_subgroups):
    client.force_login(two_subgroups["lead"])
    query = {"subgroup": two_subgroups["other"].subgroup.pk, "reason": "red"}
    page = client.get(reverse("subgroups:my-actions"), query)
    round_url = f"{reverse('subgroups:my-actions-update-round')}?{urlencode(query)}"
    assert escape(round_url) in page.text
    assert [form.name for form in client.get(round_url).context["forms"]] == ["QA-RED"]


def test_someone_who_leads_nothing_sees_no_groups_but_the_filters(client, member_of, plan_actions):
    client.force_login(member_of(plan_actions["workplan"].plan.partnership, Membership.Role.VIEWER))
    page = client.get(reverse("subgroups:my-actions"), {"reason": "red"})
    assert page.status_code == 200
    assert references(page) == []
    assert Groups(page.text).groups == []
    assert "Nothing needs your attention in this plan among the actions shown." in page.text


def test_someone_in_two_partnerships_is_told_whose_sub_group_each_is(client, member_of, plan_actions):
    bsu = member_of(plan_actions["workplan"].plan.partnership, Membership.Role.BSU)
    other = WorkplanFactory(year="2024-25", subgroup__short_name="QA", plan__period_end=D(2026, 3, 31))
    MembershipFactory(user=bsu, partnership=other.plan.partnership, role=Membership.Role.LEAD)
    client.force_login(bsu)
    offered = dict(client.get(reverse("subgroups:my-actions")).context["form"].fields["subgroup"].choices)
    assert offered[str(other.subgroup.pk)] == f"QA ({other.plan.partnership.name})"
    page = client.get(reverse("subgroups:my-actions"), {"subgroup": other.subgroup.pk})
    assert f"Showing only: of the QA ({other.plan.partnership.name}) sub-group." in page.text
    assert references(page) == []


def test_a_lead_sees_actions_they_lead_with_others_and_may_update_them(client, member_of, plan_actions):
    workplan = plan_actions["workplan"]
    partnership = workplan.plan.partnership
    nurse = member_of(partnership, Membership.Role.LEAD, first_name="Nurse", last_name="Account")
    joint = ActionFactory(
        workplan=workplan, reference="JOINT", lead="Head of Early Help / Designated Nurse", due_date=D(2025, 1, 31)
    )
    Person.objects.filter(partnership=partnership, name="Designated Nurse").update(user=nurse)
    client.force_login(nurse)
    response = client.get(reverse("subgroups:my-actions"))
    # The Designated Nurse leads AMBER alone and JOINT with the Head of Early Help.
    assert references(response) == ["AMBER", "JOINT"]
    assert joint.pk in response.context["updatable_ids"]
    assert client.get(reverse("subgroups:action-update", args=[joint.pk])).status_code == 200


def test_a_lead_not_linked_to_any_of_an_actions_leads_may_not_update_it(client, member_of, plan_actions):
    other = member_of(plan_actions["workplan"].plan.partnership, Membership.Role.LEAD)
    action = ActionFactory(workplan=plan_actions["workplan"], lead="Head of Early Help / Designated Nurse")
    client.force_login(other)
    assert references(client.get(reverse("subgroups:my-actions"))) == []
    assert client.get(reverse("subgroups:action-update", args=[action.pk])).status_code == 403
