import datetime

import pytest
from django.utils import timezone

from plans.models import Membership, Person
from plans.tests.factories import BusinessPlanFactory, MembershipFactory, PersonFactory, PriorityFactory, ThemeFactory
from plans.tests.queries import TENFOLD, assert_queries_do_not_grow
from subgroups.services import action_edit
from subgroups.tests.factories import ActionFactory, ActionUpdateFactory, WorkplanFactory, actions_in_bulk

pytestmark = pytest.mark.django_db
D = datetime.date

WORKPLAN_HEADINGS = [
    "Impact – what will success look like?",
    "Action – what we will do to achieve this",
    "Cross-Cutting Themes",
    "Lead",
    "Timeframe",
    "BRAG Rating &amp; Update",
]


@pytest.fixture
def workplan():
    plan = BusinessPlanFactory()
    PriorityFactory(plan=plan, number=1, title="Early Help")
    PriorityFactory(plan=plan, number=2, title="Mental Health and Wellbeing")
    ThemeFactory(plan=plan, title="Think Family")
    ThemeFactory(plan=plan, title="Addressing disproportionality")
    return WorkplanFactory(plan=plan, subgroup__short_name="PEI", subgroup__name="Prevention & Early Intervention")


@pytest.fixture
def viewer(client, member_of, workplan):
    user = member_of(workplan.plan.partnership)
    client.force_login(user)
    return user


def make_action(workplan, *, priority_number=None, themes=(), rating="green", **fields):
    plan = workplan.plan
    action = ActionFactory(
        workplan=workplan,
        priority=plan.priorities.get(number=priority_number) if priority_number else None,
        **fields,
    )
    action.themes.set(plan.themes.filter(title__in=themes))
    if rating != "unrated":
        ActionUpdateFactory(action=action, rating=rating, as_at=D(2023, 9, 1), narrative=f"{rating} narrative")
    return action


def shown_references(response):
    return [a.reference for group in response.context["groups"] for a in group.actions]


def test_workplan_page_has_the_business_plan_columns_and_groups_by_priority(client, viewer, workplan):
    make_action(workplan, priority_number=2, reference="PEI 2.1", themes=["Think Family"])
    make_action(workplan, priority_number=1, reference="PEI 1.1", rating="amber")
    make_action(workplan, reference="PEI C.1", rating="unrated")
    response = client.get(workplan.get_absolute_url())
    assert response.status_code == 200
    for heading in WORKPLAN_HEADINGS:
        assert heading in response.text
    assert [g.caption for g in response.context["groups"]] == [
        "Priority 1: Early Help",
        "Priority 2: Mental Health and Wellbeing",
        "Core functions (no priority)",
    ]
    assert "Not yet rated" in response.text
    assert "amber narrative" in response.text
    assert 'class="app-brag app-brag--amber">Amber<' in response.text


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"rating": "amber"}, ["PEI 1.1"]),
        ({"rating": "none"}, ["PEI C.1"]),
        ({"priority": "core"}, ["PEI C.1"]),
        ({"lead": "Designated Nurse"}, ["PEI 2.1"]),
        ({"overdue": "true"}, ["PEI 1.1"]),
    ],
)
def test_workplan_filters(client, viewer, workplan, params, expected):
    # The plan has ended, so overdue is judged on its last day, 31 March 2025.
    later = D(2025, 6, 30)
    make_action(workplan, priority_number=2, reference="PEI 2.1", lead="Designated Nurse", themes=["Think Family"], due_date=later)
    make_action(workplan, priority_number=1, reference="PEI 1.1", rating="amber", due_date=D(2023, 12, 31))
    make_action(workplan, reference="PEI C.1", rating="unrated", due_date=later)
    if "lead" in params:
        params = {"lead": Person.objects.get(partnership=workplan.plan.partnership, name=params["lead"]).pk}
    response = client.get(workplan.get_absolute_url(), params)
    assert shown_references(response) == expected


def test_lead_filter_matches_any_of_an_actions_leads_and_offers_only_this_workplans_leads(client, viewer, workplan):
    make_action(workplan, priority_number=1, reference="PEI 1.1", lead="Head of Early Help, LBM")
    make_action(workplan, priority_number=1, reference="PEI 1.2", lead="Head of MASH, LBM / Head of Early Help, LBM")
    make_action(workplan, priority_number=2, reference="PEI 2.1", lead="Designated Nurse")
    elsewhere = WorkplanFactory(plan=workplan.plan, subgroup__partnership=workplan.plan.partnership, year="2024-25")
    ActionFactory(workplan=elsewhere, lead="Youth Participation Lead, LBM")
    early_help = Person.objects.get(partnership=workplan.plan.partnership, name="Head of Early Help, LBM")
    response = client.get(workplan.get_absolute_url(), {"lead": early_help.pk})
    assert shown_references(response) == ["PEI 1.1", "PEI 1.2"]
    offered = [label for value, label in response.context["filter"].form.fields["lead"].choices if value]
    assert offered == ["Designated Nurse", "Head of Early Help, LBM", "Head of MASH, LBM"]
    # The row shows both leads' names, as the workplan's Lead column gives them.
    assert "Head of Early Help, LBM / Head of MASH, LBM" in response.text


def test_sorting_by_lead_goes_by_the_first_leads_name(client, viewer, workplan):
    make_action(workplan, priority_number=1, reference="PEI 1.1", lead="Young Scrutineer")
    make_action(workplan, priority_number=1, reference="PEI 1.2", lead="Designated Nurse / Young Scrutineer")
    make_action(workplan, priority_number=2, reference="PEI 2.1", lead="head of Early Help")
    response = client.get(workplan.get_absolute_url(), {"sort": "lead"})
    assert shown_references(response) == ["PEI 1.2", "PEI 2.1", "PEI 1.1"]


def test_workplan_filter_by_theme_and_priority(client, viewer, workplan):
    make_action(workplan, priority_number=1, reference="PEI 1.1", themes=["Think Family"])
    make_action(workplan, priority_number=1, reference="PEI 1.2", themes=["Addressing disproportionality"])
    make_action(workplan, priority_number=2, reference="PEI 2.1", themes=["Think Family"])
    theme = workplan.plan.themes.get(title="Think Family")
    priority = workplan.plan.priorities.get(number=1)
    response = client.get(workplan.get_absolute_url(), {"theme": theme.pk, "priority": priority.pk})
    assert shown_references(response) == ["PEI 1.1"]
    assert "Showing 1 of 3 actions" in response.text


def test_workplan_sorts_by_rating_with_red_first(client, viewer, workplan):
    make_action(workplan, priority_number=1, reference="PEI 1.1", rating="green")
    make_action(workplan, priority_number=1, reference="PEI 1.2", rating="red")
    make_action(workplan, priority_number=2, reference="PEI 2.1", rating="blue")
    make_action(workplan, priority_number=2, reference="PEI 2.2", rating="unrated")
    response = client.get(workplan.get_absolute_url(), {"sort": "rating"})
    assert shown_references(response) == ["PEI 1.2", "PEI 2.2", "PEI 1.1", "PEI 2.1"]
    assert "sorted by BRAG rating (red first)" in response.text


def test_workplan_rejects_an_unknown_filter_value_with_a_message(client, viewer, workplan):
    make_action(workplan, priority_number=1, reference="PEI 1.1")
    response = client.get(workplan.get_absolute_url(), {"rating": "purple"})
    assert response.status_code == 200
    assert "Select a valid choice" in response.text


def test_retired_actions_leave_the_workplan_table(client, viewer, workplan):
    make_action(workplan, priority_number=1, reference="PEI 1.1")
    make_action(workplan, priority_number=1, reference="PEI 1.2", is_retired=True, retired_on=D(2023, 10, 1))
    response = client.get(workplan.get_absolute_url())
    assert shown_references(response) == ["PEI 1.1"]


@pytest.mark.parametrize("action_count", [5, 50])
def test_workplan_query_count_does_not_grow_with_actions(
    client, viewer, workplan, action_count, django_assert_max_num_queries
):
    for n in range(action_count):
        make_action(workplan, priority_number=1 + n % 2, themes=["Think Family"], lead_user=viewer)
    # Includes renewing the session, the actions the user's directory entry leads and the leads.
    with django_assert_max_num_queries(19):
        response = client.get(workplan.get_absolute_url(), {"theme": workplan.plan.themes.get(title="Think Family").pk})
    assert response.context["shown"] == action_count


def test_action_page_shows_the_full_history_newest_first(client, viewer, workplan):
    action = make_action(workplan, priority_number=1, reference="PEI 1.1", rating="unrated")
    ActionUpdateFactory(action=action, as_at=D(2023, 6, 1), rating="amber", narrative="Recruitment delayed.")
    ActionUpdateFactory(action=action, as_at=D(2023, 11, 1), rating="green", narrative="Back on track.")
    response = client.get(action.get_absolute_url())
    assert response.status_code == 200
    text = response.text
    assert text.index("Back on track.") < text.index("Recruitment delayed.")
    assert "1 Nov 2023" in text and "1 Jun 2023" in text


def test_subgroup_page_lists_remit_and_workplans_with_counts(client, viewer, workplan):
    make_action(workplan, priority_number=1, rating="red")
    response = client.get(workplan.subgroup.get_absolute_url())
    assert response.status_code == 200
    assert "Quality assurance &amp; audit programme" in response.text
    assert "2023-24 workplan" in response.text
    [(shown_workplan, counts)] = response.context["workplan_rows"]
    assert shown_workplan == workplan and counts.red == 1


def test_subgroup_page_judges_each_workplan_by_its_own_plan(client, viewer, workplan):
    # The 2023-24 workplan's plan ended on 31 March 2025; the new plan runs now, with a
    # shorter stale period. Each row shows what the workplan's own page shows.
    ended = make_action(workplan, priority_number=1, rating="unrated", due_date=D(2025, 3, 31))
    ActionUpdateFactory(action=ended, rating="green", as_at=D(2025, 3, 1))
    today = timezone.localdate()
    running_plan = BusinessPlanFactory(
        partnership=workplan.plan.partnership,
        period_start=today - datetime.timedelta(days=100),
        period_end=today + datetime.timedelta(days=600),
        stale_after_days=30,
    )
    current = WorkplanFactory(plan=running_plan, subgroup=workplan.subgroup, year="2026-27")
    recent = ActionFactory(workplan=current, added_on=running_plan.period_start, due_date=running_plan.period_end)
    ActionUpdateFactory(action=recent, rating="amber", as_at=today - datetime.timedelta(days=45), narrative="Slow.")
    response = client.get(workplan.subgroup.get_absolute_url())
    rows = dict(response.context["workplan_rows"])
    assert list(rows) == [current, workplan]
    for shown in rows:
        assert rows[shown] == client.get(shown.get_absolute_url()).context["counts"]
    # Judged at today, the ended workplan's action would be overdue and stale.
    assert (rows[workplan].green, rows[workplan].overdue, rows[workplan].stale) == (1, 0, 0)
    assert (rows[current].amber, rows[current].stale) == (1, 1)
    assert response.context["as_at"] is None
    assert "2023-24 workplan</a> (as at 31 March 2025)" in response.text


def test_pages_of_another_partnership_are_not_found(client, member_of, workplan):
    action = make_action(workplan, priority_number=1)
    client.force_login(member_of(BusinessPlanFactory().partnership))
    for url in [workplan.get_absolute_url(), workplan.subgroup.get_absolute_url(), action.get_absolute_url()]:
        assert client.get(url).status_code == 404


def another_partnership_of(user, *, role=Membership.Role.VIEWER, actions=2):
    """A further partnership `user` belongs to, with a running plan's workplan of rated actions."""
    workplan = WorkplanFactory()
    MembershipFactory(user=user, partnership=workplan.plan.partnership, role=role)
    for _ in range(actions):
        make_action(workplan, rating="red", lead_user=user, due_date=D(2023, 6, 30))
    return workplan


def test_action_page_shows_each_edit_with_names_not_ids(client, viewer, workplan):
    action = make_action(workplan, priority_number=1, themes=["Think Family"], lead="Head of Service")
    partnership = workplan.plan.partnership
    action_edit(
        action=action,
        expected_version=1,
        fields={"priority": workplan.plan.priorities.get(number=2)},
        themes=workplan.plan.themes.filter(title="Addressing disproportionality"),
        leads=[PersonFactory(partnership=partnership, name="Designated Nurse"), PersonFactory(partnership=partnership, name="Young Scrutineer")],
    )
    timeline = client.get(action.get_absolute_url()).context["timeline"]
    changes = [(change.field, change.old, change.new) for entry in timeline for change in entry.changes or []]
    # Newest first: the leads and themes set after the edit's columns, then the columns,
    # then the leads and themes the action was added with.
    assert changes == [
        ("Leads", "none", "Designated Nurse / Young Scrutineer"),
        ("Leads", "Head of Service", "none"),
        ("Cross-cutting themes", "none", "Addressing disproportionality"),
        ("Cross-cutting themes", "Think Family", "none"),
        ("priority", "Priority 1: Early Help", "Priority 2: Mental Health and Wellbeing"),
        ("Cross-cutting themes", "none", "Think Family"),
        ("Leads", "none", "Head of Service"),
    ]


def test_action_page_queries_do_not_grow_with_its_history_or_the_users_partnerships(
    client, viewer, workplan, member_of, django_assert_max_num_queries
):
    action = make_action(workplan, priority_number=1, themes=["Think Family"])
    priorities = list(workplan.plan.priorities.all())
    themes = list(workplan.plan.themes.all())
    leads = [
        PersonFactory(partnership=workplan.plan.partnership, user=viewer),
        PersonFactory(partnership=workplan.plan.partnership, user=member_of(workplan.plan.partnership, Membership.Role.LEAD)),
    ]

    def record_history(times):
        for n in range(times):
            action.refresh_from_db()
            ActionUpdateFactory(
                action=action, as_at=D(2023, 10, 1) + datetime.timedelta(days=n), rating=["amber", "red"][n % 2],
                narrative=f"Update {n}.", reported_by=leads[n % 2],
            )
            action_edit(
                action=action,
                expected_version=action.version,
                fields={"priority": priorities[(n + 1) % 2]},
                themes=[themes[n % 2]],
                leads=[leads[n % 2], PersonFactory(partnership=workplan.plan.partnership)],
            )

    record_history(1)

    def grow():
        record_history(TENFOLD - 1)
        for _ in range(TENFOLD - 1):
            another_partnership_of(viewer)

    # The ceiling counts the leads (of the action, and of its history's records, read by name)
    # and the actions the user's directory entry leads.
    assert_queries_do_not_grow(
        client, action.get_absolute_url(), grow=grow, ceiling=19,
        django_assert_max_num_queries=django_assert_max_num_queries,
    )


def test_subgroup_page_queries_do_not_grow_with_workplans_plans_or_actions(
    client, viewer, workplan, django_assert_max_num_queries
):
    subgroup = workplan.subgroup
    make_action(workplan, priority_number=1, rating="red")

    def grow():
        for n in range(TENFOLD - 1):
            start = D(2025 + 2 * n, 4, 1)
            plan = BusinessPlanFactory(
                partnership=subgroup.partnership, period_start=start, period_end=start.replace(year=start.year + 2)
            )
            later = WorkplanFactory(plan=plan, subgroup=subgroup, year=f"{start.year}-{(start.year + 1) % 100:02d}")
            actions_in_bulk(later, TENFOLD, added_on=start, updates=[("amber", "Slow.", start)])
            for _ in range(TENFOLD):
                make_action(workplan, priority_number=2, rating="green", themes=["Think Family"])
            another_partnership_of(viewer)

    response = assert_queries_do_not_grow(
        client, subgroup.get_absolute_url(), grow=grow, ceiling=13,
        django_assert_max_num_queries=django_assert_max_num_queries,
    )
    assert len(response.context["workplan_rows"]) == TENFOLD
