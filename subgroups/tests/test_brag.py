"""BRAG summaries against hand-counted fixtures."""

import datetime

import pytest
from django.utils import timezone

from plans.tests.factories import BusinessPlanFactory, PriorityFactory, ThemeFactory
from subgroups.brag import (
    BragCounts,
    PlanJudgement,
    brag_summaries,
    brag_summary,
    brag_summary_per_plan,
    brag_trend,
    plan_as_at,
)
from subgroups.tests.factories import ActionFactory, ActionUpdateFactory, WorkplanFactory

pytestmark = pytest.mark.django_db

D = datetime.date


@pytest.fixture
def scenario():
    """A plan with two priorities, one theme and six actions with known histories:

    a1 (P1, theme): green 1 May, red 1 Sep            -> red from 1 Sep
    a2 (P1):        amber 1 Jun, blue 1 Dec            -> blue from 1 Dec
    a3 (P2, theme): no updates, due 31 Jul 2023        -> not yet rated, overdue from 1 Aug
    a4 (P2):        added 1 Oct (mid-year), green 1 Oct
    a5 (core):      green 1 May, retired 1 Nov
    a6 (core):      update with no rating 1 May        -> not yet rated
    """
    plan = BusinessPlanFactory(stale_after_days=90)
    workplan = WorkplanFactory(plan=plan)
    p1, p2 = PriorityFactory(plan=plan, number=1), PriorityFactory(plan=plan, number=2)
    theme = ThemeFactory(plan=plan)
    a1 = ActionFactory(workplan=workplan, priority=p1, due_date=D(2024, 3, 31))
    a1.themes.add(theme)
    ActionUpdateFactory(action=a1, as_at=D(2023, 5, 1), rating="green")
    ActionUpdateFactory(action=a1, as_at=D(2023, 9, 1), rating="red")
    a2 = ActionFactory(workplan=workplan, priority=p1, due_date=D(2023, 12, 31))
    ActionUpdateFactory(action=a2, as_at=D(2023, 6, 1), rating="amber")
    ActionUpdateFactory(action=a2, as_at=D(2023, 12, 1), rating="blue")
    a3 = ActionFactory(workplan=workplan, priority=p2, due_date=D(2023, 7, 31))
    a3.themes.add(theme)
    a4 = ActionFactory(workplan=workplan, priority=p2, added_on=D(2023, 10, 1))
    ActionUpdateFactory(action=a4, as_at=D(2023, 10, 1), rating="green")
    a5 = ActionFactory(
        workplan=workplan, priority=None, is_retired=True, retired_on=D(2023, 11, 1)
    )
    ActionUpdateFactory(action=a5, as_at=D(2023, 5, 1), rating="green")
    a6 = ActionFactory(workplan=workplan, priority=None)
    ActionUpdateFactory(action=a6, as_at=D(2023, 5, 1), rating=None)
    return {"plan": plan, "p1": p1, "p2": p2, "theme": theme, "workplan": workplan}


def summary(plan, as_at, **kwargs):
    return brag_summary(plan=plan, as_at=as_at, **kwargs)


def test_counts_as_at_end_of_june(scenario):
    # a1 green, a2 amber, a3 not rated, a4 not added yet, a5 green, a6 not rated.
    assert summary(scenario["plan"], D(2023, 6, 30)) == BragCounts(
        green=2, amber=1, not_rated=2, overdue=0, stale=0
    )


def test_counts_as_at_year_end_leave_out_retired_and_rebuild_history(scenario):
    # a1 red, a2 blue, a3 not rated + overdue, a4 green, a5 retired, a6 not rated (a1, a4
    # and a6 fall due on 31 March itself, so they are not overdue yet).
    # Stale (no update since 2 Jan 2024 minus 90 days = 2 Jan): a1 (1 Sep), a3 (added 1 Apr),
    # a6 (1 May); a2 is blue so never stale; a4 updated 1 Oct is also before 2 Jan.
    counts = summary(scenario["plan"], D(2024, 3, 31))
    assert counts == BragCounts(blue=1, green=1, red=1, not_rated=2, overdue=1, stale=4)
    assert counts.total == 5


def test_overdue_means_due_date_passed_and_not_blue(scenario):
    # On 1 Jan 2024: a2 (due 31 Dec) is blue, so only a3 (due 31 Jul) is overdue.
    assert summary(scenario["plan"], D(2024, 1, 1)).overdue == 1


def test_an_action_added_mid_year_does_not_exist_before_it_was_added(scenario):
    before = summary(scenario["plan"], D(2023, 9, 30))
    after = summary(scenario["plan"], D(2023, 10, 1))
    assert after.total == before.total + 1
    assert after.green == before.green + 1


def test_grouped_by_priority_counts_core_functions_under_none(scenario):
    by_priority = summary(scenario["plan"], D(2024, 3, 31), group_by="priority")
    assert by_priority[scenario["p1"].pk] == BragCounts(blue=1, red=1, stale=1)
    assert by_priority[scenario["p2"].pk] == BragCounts(green=1, not_rated=1, overdue=1, stale=2)
    assert by_priority[None] == BragCounts(not_rated=1, stale=1)


def test_grouped_by_theme_counts_each_action_under_its_themes(scenario):
    by_theme = summary(scenario["plan"], D(2024, 3, 31), group_by="theme")
    assert by_theme[scenario["theme"].pk] == BragCounts(red=1, not_rated=1, overdue=1, stale=2)


def test_several_groupings_from_one_query_give_what_each_grouping_gives_alone(
    scenario, django_assert_num_queries
):
    second_workplan = WorkplanFactory(plan=scenario["plan"], year=scenario["workplan"].year)
    ActionUpdateFactory(
        action=ActionFactory(workplan=second_workplan, priority=scenario["p1"]), as_at=D(2023, 6, 1), rating="amber"
    )
    with django_assert_num_queries(1):
        both = brag_summaries(plan=scenario["plan"], as_at=D(2024, 3, 31), group_by=("priority", "subgroup"))
    for name in ("priority", "subgroup"):
        assert both[name] == summary(scenario["plan"], D(2024, 3, 31), group_by=name)
    assert both["priority"][scenario["p1"].pk] == BragCounts(blue=1, amber=1, red=1, stale=2)
    assert both["subgroup"][second_workplan.subgroup_id] == BragCounts(amber=1, stale=1)
    with pytest.raises(ValueError, match="Themes are counted on their own"):
        brag_summaries(plan=scenario["plan"], group_by=("priority", "theme"))


def test_rows_give_every_rating_in_scale_order_then_the_closures_with_shares():
    counts = BragCounts(blue=1, green=2, amber=0, red=1, not_rated=0)
    assert [(row["label"], row["count"], row["percent"]) for row in counts.rows] == [
        ("Blue", 1, 25),
        ("Green", 2, 50),
        ("Amber", 0, 0),
        ("Red", 1, 25),
        ("Not yet rated", 0, 0),
        ("Carried forward", 0, 0),
        ("Not achieved", 0, 0),
    ]
    assert BragCounts().percent("blue") == 0


def test_one_query_whatever_the_number_of_actions(scenario, django_assert_num_queries):
    for _ in range(20):
        ActionFactory(workplan=scenario["workplan"], priority=scenario["p1"])
    with django_assert_num_queries(1):
        summary(scenario["plan"], D(2024, 3, 31), group_by="priority")


def trend(plan, days):
    return brag_trend(plan=plan, days=days)


def test_trend_gives_the_hand_counted_figures_for_each_day(scenario):
    assert trend(scenario["plan"], [D(2023, 6, 30), D(2024, 3, 31)]) == [
        (D(2023, 6, 30), BragCounts(green=2, amber=1, not_rated=2)),
        (D(2024, 3, 31), BragCounts(blue=1, green=1, red=1, not_rated=2, overdue=1, stale=4)),
    ]


def test_trend_agrees_with_the_summary_on_every_day_of_the_year(scenario):
    workplan = scenario["workplan"]
    # Two updates on the same day: the later one recorded counts.
    same_day = ActionFactory(workplan=workplan, priority=scenario["p1"], due_date=D(2023, 8, 1))
    ActionUpdateFactory(action=same_day, as_at=D(2023, 7, 1), rating="red")
    ActionUpdateFactory(action=same_day, as_at=D(2023, 7, 1), rating="amber")
    # Added and retired on quarter ends themselves.
    ActionFactory(workplan=workplan, added_on=D(2023, 9, 30), is_retired=True, retired_on=D(2023, 12, 31))
    # Another plan's action stays out.
    ActionUpdateFactory(action=ActionFactory(), as_at=D(2023, 7, 1), rating="red")
    days = [D(2023, 4, 1) + datetime.timedelta(days=offset) for offset in range(0, 366, 7)]
    days += [D(2023, 6, 30), D(2023, 7, 1), D(2023, 9, 30), D(2023, 12, 31), D(2024, 3, 31)]
    expected = [(day, summary(scenario["plan"], day)) for day in days]
    assert trend(scenario["plan"], days) == expected
    assert dict(expected)[D(2023, 7, 1)].amber == 2  # the same-day update and a2


def test_trend_is_one_query_whatever_the_number_of_days_and_actions(scenario, django_assert_num_queries):
    for _ in range(20):
        ActionFactory(workplan=scenario["workplan"], priority=scenario["p1"])
    days = [D(2023, 6, 30), D(2023, 9, 30), D(2023, 12, 31), D(2024, 3, 31)]
    with django_assert_num_queries(1):
        trend(scenario["plan"], days)
    assert trend(scenario["plan"], []) == []


def test_a_plan_is_judged_at_its_reporting_date_unless_a_date_is_given(scenario):
    plan = scenario["plan"]
    # The plan ran 2023-25, so it is judged at its last day, with its own stale period.
    assert plan_as_at(plan) == PlanJudgement(plan=plan, as_at=D(2025, 3, 31))
    assert plan_as_at(plan, D(2023, 6, 30)).as_at == D(2023, 6, 30)
    assert brag_summary(plan=plan) == summary(plan, D(2025, 3, 31))


def test_only_the_plans_own_actions_are_counted(scenario):
    ActionUpdateFactory(action=ActionFactory(), as_at=D(2023, 7, 1), rating="red")
    assert summary(scenario["plan"], D(2023, 7, 1)).red == 0


def test_each_plan_is_judged_at_its_own_date_and_stale_period_in_one_query(
    scenario, django_assert_num_queries
):
    today = timezone.localdate()
    running = BusinessPlanFactory(
        period_start=today - datetime.timedelta(days=200),
        period_end=today + datetime.timedelta(days=500),
        stale_after_days=30,
    )
    recent = ActionFactory(
        workplan=WorkplanFactory(plan=running), added_on=running.period_start, due_date=running.period_end
    )
    ActionUpdateFactory(action=recent, as_at=today - datetime.timedelta(days=40), rating="green")
    plans = [scenario["plan"], running]
    with django_assert_num_queries(1):
        per_plan = brag_summary_per_plan(plans=plans)
    assert per_plan == {plan.pk: brag_summary(plan=plan) for plan in plans}
    # Judged at today with 30 days' grace, the running plan's action is stale.
    assert per_plan[running.pk] == BragCounts(green=1, stale=1)
    # The ended plan is judged at 31 March 2025 with its 90 days, not at today.
    assert per_plan[scenario["plan"].pk] == summary(scenario["plan"], D(2025, 3, 31))
    grouped = brag_summary_per_plan(plans=plans, group_by="priority")
    assert grouped[scenario["plan"].pk] == summary(scenario["plan"], D(2025, 3, 31), group_by="priority")
    assert brag_summary_per_plan(plans=[]) == {}
