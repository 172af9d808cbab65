"""The annual report: generated content as at the year end, written sections, publishing
freezes the figures, starting a new draft, concurrent edits and the page's roles."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from plans.models import Membership
from reports.annual import (
    SECTIONS,
    SectionConflict,
    annual_report_content,
    annual_report_publish,
    annual_report_start,
    annual_report_start_from,
    generated_content,
    section_save,
)
from reports.brag import brag_summary, brag_trend
from reports.models import AnnualReport
from subgroups.models import Action
from subgroups.services import action_record_update
from plans.tests.factories import BusinessPlanFactory
from subgroups.tests.factories import ActionFactory, ActionUpdateFactory, WorkplanFactory

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.fixture
def bsu(member_of, plan):
    return member_of(plan.partnership, Membership.Role.BSU)


@pytest.fixture
def report(plan):
    return annual_report_start(partnership=plan.partnership, year="2023-24")


def test_sections_come_in_the_order_the_issue_gives():
    assert [s.slug for s in SECTIONS] == [
        "foreword", "introduction", "arrangements", "progress", "little-progress", "themes",
        "learning", "training", "voice", "scrutiny", "effectiveness", "appendices",
    ]


def test_figures_are_as_at_the_year_end(report):
    content = annual_report_content(report)
    assert content["as_at"] == D(2024, 3, 31)
    # As at 31 March 2024: A1 red, A2 blue (Jan 2024), A3 never rated; A4 added later.
    assert (content["totals"].red, content["totals"].blue, content["totals"].not_rated) == (1, 1, 1)
    assert content["totals"].total == 3
    early_help = content["priorities"][0]
    assert early_help["label"] == "Priority 1: Early Help"
    assert [a["reference"] for a in early_help["achievements"]] == ["A2"]
    assert early_help["achievements"][0]["narrative"] == "Delivered."
    assert [(a["reference"], a["reasons"]) for a in content["little_progress"]] == [
        ("A1", ["Red"]), ("A3", ["Not yet rated", "Overdue"])
    ]
    assert content["themes"][0]["counts"].red == 1
    assert [point["as_at"] for point in content["trend"]] == [
        D(2023, 6, 30), D(2023, 9, 30), D(2023, 12, 31), D(2024, 3, 31)
    ]


def test_a_later_year_reports_its_own_workplans(plan):
    report = annual_report_start(partnership=plan.partnership, year="2024-25")
    content = annual_report_content(report)
    assert content["as_at"] == D(2025, 3, 31)
    assert content["totals"].total == 0  # the fixture's workplan is 2023-24


def test_a_year_outside_the_plan_cannot_be_started(plan):
    with pytest.raises(ValidationError, match="no business plan covering 2026-27"):
        annual_report_start(partnership=plan.partnership, year="2026-27")


def test_only_one_draft_per_year(plan, report):
    with pytest.raises(ValidationError, match="already a draft"):
        annual_report_start(partnership=plan.partnership, year="2023-24")


def test_written_sections_are_sanitised_markup(report, bsu):
    section_save(report=report, slug="foreword", text="Hello <script>x()</script>\n\n- [MSCP](https://mscp.example)\n- [bad](javascript:alert(1))", expected_version=0, author=bsu)
    foreword = annual_report_content(report)["sections"][0].written
    assert foreword.is_written and "<script" not in foreword.html and "javascript:" not in foreword.html
    assert '<a class="govuk-link" href="https://mscp.example"' in foreword.html


def test_a_stale_version_is_refused_and_changes_nothing(report, bsu, member_of, plan):
    other = member_of(plan.partnership, Membership.Role.BSU, first_name="Alex", last_name="Other")
    section_save(report=report, slug="foreword", text="First.", expected_version=0, author=other)
    with pytest.raises(SectionConflict) as conflict:
        section_save(report=report, slug="foreword", text="Mine.", expected_version=0, author=bsu)
    assert conflict.value.changed_by == "Alex Other"
    assert report.sections.get(slug="foreword").text == "First."


def test_publishing_freezes_the_figures_and_a_new_draft_is_live(plan, report, bsu):
    section_save(report=report, slug="foreword", text="Our year.", expected_version=0, author=bsu)
    published = annual_report_publish(report=report, user=bsu)
    a1 = Action.objects.get(reference="A1")
    action_record_update(action=a1, rating="blue", narrative="Recovered and delivered.", as_at=D(2024, 3, 30), author=bsu)
    frozen = annual_report_content(published)
    assert (frozen["totals"].red, frozen["totals"].blue) == (1, 1)
    draft = annual_report_start_from(report=published, user=bsu)
    live = annual_report_content(draft)
    assert (live["totals"].red, live["totals"].blue) == (0, 2)
    assert draft.based_on == published and draft.sections.get(slug="foreword").text == "Our year."
    with pytest.raises(ValidationError, match="published"):
        section_save(report=published, slug="foreword", text="Changed.", expected_version=1, author=bsu)


def test_a_second_new_draft_of_the_same_year_is_refused(report, bsu):
    published = annual_report_publish(report=report, user=bsu)
    annual_report_start_from(report=published, user=bsu)
    with pytest.raises(ValidationError, match="already a draft"):
        annual_report_start_from(report=published, user=bsu)
    assert AnnualReport.objects.filter(status="draft").count() == 1


def test_report_page_shows_every_section_and_the_figures(client, report, bsu):
    client.force_login(bsu)
    response = client.get(report.get_absolute_url())
    assert response.status_code == 200
    for section in SECTIONS:
        assert section.title in response.text
    assert "Priority 1: Early Help" in response.text and "Provider withdrew." in response.text
    assert "Not yet written." in response.text
    assert reverse("reports:annual-section", args=[report.pk, "foreword"]) in response.text


def test_readers_see_no_edit_links(client, report, member_of, plan):
    client.force_login(member_of(plan.partnership, Membership.Role.EXECUTIVE))
    response = client.get(report.get_absolute_url())
    assert response.status_code == 200
    assert reverse("reports:annual-section", args=[report.pk, "foreword"]) not in response.text


def test_report_page_query_count_does_not_grow_with_actions(client, report, bsu, plan, django_assert_max_num_queries):
    client.force_login(bsu)
    with django_assert_max_num_queries(30) as few:
        client.get(report.get_absolute_url())
    workplan = Action.objects.first().workplan
    for number in range(20):
        action = ActionFactory(workplan=workplan, priority=plan.priorities.first(), reference=f"B{number}")
        ActionUpdateFactory(action=action, rating="red", as_at=D(2023, 10, 1), narrative="Stuck.")
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(report.get_absolute_url())


def test_section_edit_saves_and_returns_to_the_section(client, report, bsu):
    client.force_login(bsu)
    url = reverse("reports:annual-section", args=[report.pk, "foreword"])
    response = client.post(url, {"text": "A year of **progress**.", "version": 0})
    assert response.status_code == 302 and response.url.endswith("#section-foreword")
    assert report.sections.get(slug="foreword").version == 1
    assert "<strong>progress</strong>" in client.get(report.get_absolute_url()).text


def test_section_edit_conflict_keeps_the_authors_text(client, report, bsu, member_of, plan):
    other = member_of(plan.partnership, Membership.Role.BSU, first_name="Alex", last_name="Other")
    section_save(report=report, slug="voice", text="Their words.", expected_version=0, author=other)
    client.force_login(bsu)
    response = client.post(reverse("reports:annual-section", args=[report.pk, "voice"]), {"text": "My words.", "version": 0})
    assert response.status_code == 409
    assert "Alex Other changed this section while you were editing it" in response.text
    assert "My words." in response.text and "Their words." in response.text
    assert report.sections.get(slug="voice").text == "Their words."


def test_priority_commentary_is_editable_and_unknown_sections_are_not_found(client, report, bsu):
    client.force_login(bsu)
    ok = client.post(reverse("reports:annual-section", args=[report.pk, "priority-1"]), {"text": "Good year.", "version": 0})
    assert ok.status_code == 302
    assert client.get(reverse("reports:annual-section", args=[report.pk, "priority-9"])).status_code == 404
    assert client.get(reverse("reports:annual-section", args=[report.pk, "themes"])).status_code == 404


def test_preview_renders_the_restricted_markup(client, report, bsu):
    client.force_login(bsu)
    response = client.post(
        reverse("reports:annual-section-preview", args=[report.pk, "foreword"]),
        {"text": "- one\n- two\n\n<img src=x onerror=alert(1)>"},
    )
    assert response.status_code == 200
    assert '<ul class="govuk-list govuk-list--bullet">' in response.text and "<img" not in response.text


def test_editing_a_published_report_is_refused_with_a_message(client, report, bsu):
    annual_report_publish(report=report, user=bsu)
    client.force_login(bsu)
    response = client.post(reverse("reports:annual-section", args=[report.pk, "foreword"]), {"text": "x", "version": 0}, follow=True)
    assert "is published and can no longer be changed" in response.text
    assert not report.sections.exists()


def test_start_and_publish_through_the_pages(client, plan, bsu):
    client.force_login(bsu)
    response = client.post(reverse("reports:annual-start", args=[plan.pk]), {"year": "2023-24"})
    report = AnnualReport.objects.get()
    assert response.url == report.get_absolute_url()
    client.post(reverse("reports:annual-publish", args=[report.pk]))
    report.refresh_from_db()
    assert report.is_published and report.snapshot["totals"]["red"] == 1
    client.post(reverse("reports:annual-start-from", args=[report.pk]))
    assert AnnualReport.objects.filter(status="draft", based_on=report).exists()


def test_demo_ships_a_complete_merton_draft(settings):
    from io import StringIO

    from django.core.management import call_command

    settings.DEBUG = True
    call_command("load_demo", stdout=StringIO())
    call_command("load_demo", stdout=StringIO())  # idempotent
    report = AnnualReport.objects.get(partnership__slug="merton", year="2023-24")
    content = annual_report_content(report)
    assert report.status == "draft"
    assert all(item.written.is_written for item in content["sections"] if item.written)
    assert all(priority["commentary"].is_written for priority in content["priorities"])
    assert len(content["priorities"]) == 6 and content["totals"].total > 0


def test_the_trend_is_the_plans_trend_for_the_years_workplans(report, plan):
    content = annual_report_content(report)
    days = [D(2023, 6, 30), D(2023, 9, 30), D(2023, 12, 31), D(2024, 3, 31)]
    expected = brag_trend(plan=plan, actions=Action.objects.filter(workplan__year="2023-24"), days=days)
    assert [(point["as_at"], point["counts"]) for point in content["trend"]] == expected
    # The dashboard's own figures for each quarter end agree.
    assert expected[-1][1] == brag_summary(plan=plan, as_at=D(2024, 3, 31))


def test_the_trend_takes_the_same_queries_for_one_quarter_or_four(plan, django_assert_num_queries):
    # A plan that started in January has one quarter in 2023-24; the fixture's plan has four.
    late_start = BusinessPlanFactory(period_start=D(2024, 1, 1), period_end=D(2026, 3, 31))
    ActionUpdateFactory(action=ActionFactory(workplan=WorkplanFactory(plan=late_start)), as_at=D(2024, 2, 1))
    with CaptureQueriesContext(connection) as four_quarters:
        content = generated_content(partnership=plan.partnership, year="2023-24")
    assert len(content["trend"]) == 4
    with django_assert_num_queries(len(four_quarters.captured_queries)):
        content = generated_content(partnership=late_start.partnership, year="2023-24")
    assert [point["as_at"] for point in content["trend"]] == ["2024-03-31"]
