"""The workplan year as the scope of every report: counted by hand on a plan with an action in
each of its two years, the default year either side of the year end, the whole plan, the
words that say which year a page or download counts, and the annual report agreeing with the
dashboard figure for figure."""

import csv
import datetime
import io

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook
from pypdf import PdfReader

from conftest_browser import load_demo_once
from plans.models import BusinessPlan, Membership
from plans.tests.factories import BusinessPlanFactory, PriorityFactory, ThemeFactory
from plans.tests.queries import TENFOLD, assert_queries_do_not_grow
from reports.annual import _hydrated, generated_content, year_end_date
from subgroups.tests.factories import ActionFactory, ActionUpdateFactory, SubGroupFactory, WorkplanFactory

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.fixture
def world(member_of, client):
    """Plan April 2023 to March 2025, one sub-group with a workplan in each year:
    OLD (2023-24, priority 1, theme) rated red on 1 Sep 2023, due 31 Mar 2024;
    NEW (2024-25, priority 1) added 1 Apr 2024, rated green on 15 Apr 2024, due 31 Mar 2025."""
    plan = BusinessPlanFactory(title="Plan 2023-25")
    priority = PriorityFactory(plan=plan, number=1, title="Early Help")
    theme = ThemeFactory(plan=plan, title="Think Family")
    subgroup = SubGroupFactory(partnership=plan.partnership, short_name="PEI")
    first = WorkplanFactory(plan=plan, subgroup=subgroup, year="2023-24")
    second = WorkplanFactory(plan=plan, subgroup=subgroup, year="2024-25")
    old = ActionFactory(workplan=first, reference="OLD", priority=priority, added_on=D(2023, 4, 1), due_date=D(2024, 3, 31))
    old.themes.add(theme)
    ActionUpdateFactory(action=old, rating="red", as_at=D(2023, 9, 1), narrative="Off track.")
    new = ActionFactory(workplan=second, reference="NEW", priority=priority, added_on=D(2024, 4, 1), due_date=D(2025, 3, 31))
    ActionUpdateFactory(action=new, rating="green", as_at=D(2024, 4, 15), narrative="Started.")
    client.force_login(member_of(plan.partnership, Membership.Role.BSU))
    return plan


def dashboard(client, **params):
    return client.get(reverse("reports:dashboard"), params)


def test_the_dashboard_counts_the_year_holding_the_as_at_date(client, world):
    before = dashboard(client, as_at="2024-03-31")
    after = dashboard(client, as_at="2024-04-30")
    assert before.context["scope"].year == "2023-24" and after.context["scope"].year == "2024-25"
    # 31 March 2024: only OLD, red and (due that day, not yet passed) not overdue.
    totals = before.context["totals"]
    assert (totals.total, totals.red, totals.green, totals.overdue) == (1, 1, 0, 0)
    # 30 April 2024: OLD belongs to last year's workplan and is left out; NEW is green.
    totals = after.context["totals"]
    assert (totals.total, totals.red, totals.green, totals.overdue, totals.stale) == (1, 0, 1, 0, 0)
    assert [row.counts.total for row in after.context["subgroup_rows"]] == [1]
    assert [row.counts.total for row in after.context["theme_rows"]] == [0]


def test_the_whole_plan_counts_both_years(client, world):
    whole = dashboard(client, as_at="2024-04-30", year="all")
    totals = whole.context["totals"]
    # OLD is still red and now overdue (due 31 March 2024); NEW green.
    assert (totals.total, totals.red, totals.green, totals.overdue) == (2, 1, 1, 1)
    assert whole.context["scope"].year is None
    assert "counting the whole plan (2023-24 to 2024-25 workplans), as at 30 April 2024" in whole.text


def test_any_year_of_the_plan_can_be_chosen_at_any_date(client, world):
    chosen = dashboard(client, as_at="2024-04-30", year="2023-24")
    totals = chosen.context["totals"]
    assert (totals.total, totals.red, totals.overdue) == (1, 1, 1)
    assert 'value="2023-24" selected' in chosen.text


def test_the_heading_says_which_year_is_counted(client, world):
    page = dashboard(client, as_at="2024-04-30")
    assert '<span class="govuk-caption-l">' in page.text and "2024-25 workplans</span>" in page.text
    assert "counting the 2024-25 workplans, as at 30 April 2024" in page.text
    exceptions = client.get(reverse("reports:exceptions"), {"as_at": "2024-04-30", "year": "2023-24"})
    assert "Counting the 2023-24 workplans." in exceptions.text
    assert [a.reference for g in exceptions.context["groups"] for a in g.actions] == ["OLD"]


def test_a_year_not_in_the_plan_is_explained_beside_the_field(client, world):
    page = dashboard(client, as_at="2024-04-30", year="2019-20")
    message = "Choose a year of Plan 2023-25 (2023-24, 2024-25) or the whole plan."
    assert page.status_code == 200
    assert message in page.text
    assert 'class="govuk-error-summary"' in page.text and 'href="#id_year"' in page.text
    assert 'id="year-error"' in page.text or "govuk-error-message" in page.text.split('id="id_year"')[0][-600:]
    # The figures fall back to the default year rather than to nothing.
    assert page.context["scope"].year == "2024-25"


def test_count_links_and_downloads_carry_the_year(client, world):
    page = dashboard(client, as_at="2024-04-30")
    assert "year=2024-25&amp;as_at=2024-04-30" in page.text
    listed = client.get(reverse("reports:actions"), {"plan": world.pk, "as_at": "2024-04-30", "year": "2024-25"})
    assert [a.reference for a in listed.context["actions"]] == ["NEW"]
    assert "Showing every action of the 2024-25 workplans." in listed.text


def test_export_titles_name_the_year(client, world):
    csv_response = dashboard(client, as_at="2024-04-30", format="csv")
    rows = list(csv.reader(io.StringIO(csv_response.content.decode("utf-8-sig"))))
    assert rows[0][0] == f"{world.partnership.name}: Plan 2023-25: 2024-25 workplans: BRAG counts as at 30 April 2024"
    assert "-2024-25-dashboard-2024-04-30.csv" in csv_response["Content-Disposition"]
    xlsx = client.get(reverse("reports:exceptions"), {"as_at": "2024-04-30", "year": "all", "format": "xlsx"})
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    assert sheet["A1"].value.endswith("whole plan (2023-24 to 2024-25 workplans): exception report as at 30 April 2024")
    pdf = client.get(reverse("reports:exceptions"), {"as_at": "2024-04-30", "year": "2023-24", "format": "pdf"})
    reader = PdfReader(io.BytesIO(pdf.content))
    assert reader.metadata.title == "Exception report: Plan 2023-25, 2023-24 workplans, as at 30 April 2024"
    assert "Counting the 2023-24 workplans." in reader.pages[0].extract_text()


def test_the_since_view_counts_the_year_too(client, world):
    page = dashboard(client, as_at="2024-04-30", since="2024-03-01")
    changes = page.context["changes"]
    assert [a.reference for a in changes["moved"]] == []
    assert [a.reference for a in changes["added"]] == ["NEW"]
    whole = dashboard(client, as_at="2024-04-30", since="2024-03-01", year="all")
    assert [a.reference for a in whole.context["changes"]["silent"]] == ["OLD"]
    assert [a.reference for a in page.context["changes"]["silent"]] == []


@pytest.mark.parametrize("year", ["2023-24", "2024-25"])
def test_the_annual_report_and_the_dashboard_agree_figure_for_figure(client, world, year):
    content = _hydrated(generated_content(partnership=world.partnership, year=year))
    as_at = year_end_date(plan=world, year=year)
    page = dashboard(client, as_at=as_at.isoformat(), year=year)
    assert_agree(content, page.context)


def assert_agree(content, context):
    assert content["totals"] == context["totals"]
    assert content["totals"].total > 0
    by_label = {row.label: row.counts for row in context["priority_rows"]}
    for priority in content["priorities"]:
        assert priority["counts"] == by_label[priority["label"]]
    assert content["core"]["counts"] == by_label[content["core"]["label"]]
    assert [theme["counts"] for theme in content["themes"]] == [row.counts for row in context["theme_rows"]]
    assert [(point["as_at"], point["counts"]) for point in content["trend"]] == list(context["trend"])


def test_the_demo_annual_report_agrees_with_the_dashboard(client, member_of, settings):
    load_demo_once(settings)
    plan = BusinessPlan.objects.get(partnership__slug="merton")
    client.force_login(member_of(plan.partnership, Membership.Role.EXECUTIVE))
    for year in plan.years:
        content = _hydrated(generated_content(partnership=plan.partnership, year=year))
        page = dashboard(client, plan=plan.pk, as_at=year_end_date(plan=plan, year=year).isoformat(), year=year)
        assert_agree(content, page.context)


def test_a_year_chosen_keeps_the_dashboards_queries_flat(client, world, django_assert_max_num_queries):
    workplan = world.workplans.get(year="2024-25")

    def grow():
        for n in range(TENFOLD * 2):
            action = ActionFactory(workplan=workplan, priority=world.priorities.get(), added_on=D(2024, 4, 1))
            ActionUpdateFactory(action=action, rating="amber", narrative=f"Slipping {n}.", as_at=D(2024, 4, 20))

    assert_queries_do_not_grow(
        client, reverse("reports:dashboard"), params={"year": "2024-25", "as_at": "2024-04-30"},
        grow=grow, ceiling=30, django_assert_max_num_queries=django_assert_max_num_queries,
    )


def test_plan_status_follows_its_dates():
    today = timezone.localdate()
    ended = BusinessPlanFactory(period_start=D(2021, 4, 1), period_end=D(2023, 3, 31))
    running = BusinessPlanFactory(period_start=today - datetime.timedelta(days=1), period_end=today + datetime.timedelta(days=365))
    upcoming = BusinessPlanFactory(period_start=today + datetime.timedelta(days=1), period_end=today + datetime.timedelta(days=700))
    assert [plan.status.label for plan in (ended, running, upcoming)] == ["Ended", "Active", "Upcoming"]
    assert list(BusinessPlan.objects.active()) == [running]
    assert ended.status_on(D(2022, 6, 1)) == BusinessPlan.Status.ACTIVE
    assert ended.years == ["2021-22", "2022-23"]
    assert ended.year_containing(D(2024, 1, 1)) == "2022-23" and ended.year_containing(D(2021, 4, 1)) == "2021-22"


def test_an_ended_plan_stays_reportable_as_at_any_date(client, member_of):
    plan = BusinessPlanFactory(title="Old plan", period_start=D(2021, 4, 1), period_end=D(2023, 3, 31))
    workplan = WorkplanFactory(plan=plan, year="2021-22")
    action = ActionFactory(workplan=workplan, added_on=D(2021, 5, 1))
    ActionUpdateFactory(action=action, rating="amber", as_at=D(2021, 6, 1))
    client.force_login(member_of(plan.partnership))
    page = dashboard(client, plan=plan.pk, as_at="2021-12-31")
    assert page.context["plan"] == plan and page.context["scope"].year == "2021-22"
    assert page.context["totals"].amber == 1
    assert "Ended" in client.get(plan.get_absolute_url()).text
