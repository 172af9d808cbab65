"""The annual report: generated content as at the year end, written sections, publishing
freezes the figures, starting a new draft, concurrent edits and the page's roles."""

import datetime
import threading
import time

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.html import escape

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
from subgroups.brag import brag_summary, brag_trend
from reports.markup import RENDER_BUDGET_SECONDS, SECTION_TEXT_MAX_LENGTH
from reports.models import AnnualReport, ReportSection
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
        "learning", "training", "voice", "scrutiny", "effectiveness", "funding", "appendices", "family-summary",
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
    unchanged = client.post(url, {"text": "A year of **progress**.\r\n", "version": 1}, follow=True)
    assert "Nothing saved: Foreword by the Independent Chair had no changes." in unchanged.text
    assert report.sections.get(slug="foreword").version == 1


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


def test_the_trend_takes_no_more_queries_for_one_quarter_than_for_four(plan, django_assert_max_num_queries):
    # A plan that started in January has one quarter in 2023-24; the fixture's plan has four.
    late_start = BusinessPlanFactory(period_start=D(2024, 1, 1), period_end=D(2026, 3, 31))
    ActionUpdateFactory(action=ActionFactory(workplan=WorkplanFactory(plan=late_start)), as_at=D(2024, 2, 1))
    with CaptureQueriesContext(connection) as four_quarters:
        content = generated_content(partnership=plan.partnership, year="2023-24")
    assert len(content["trend"]) == 4
    # No more, rather than the same: a partnership with nothing in a related register (reviews,
    # say) is spared the query that would fetch their details.
    with django_assert_max_num_queries(len(four_quarters.captured_queries)):
        content = generated_content(partnership=late_start.partnership, year="2023-24")
    assert [point["as_at"] for point in content["trend"]] == ["2024-03-31"]


# -- Bounded written sections (a section cannot take the report down) --------------------------


def test_a_section_longer_than_the_limit_is_refused_and_changes_nothing(report, bsu):
    section_save(report=report, slug="foreword", text="Short.", expected_version=0, author=bsu)
    with pytest.raises(ValidationError) as refused:
        section_save(report=report, slug="foreword", text="x" * (SECTION_TEXT_MAX_LENGTH + 1), expected_version=1, author=bsu)
    assert refused.value.message_dict["text"] == ["Text must be 20,000 characters or fewer. It has 20,001: shorten it by 1."]
    assert report.sections.get(slug="foreword").text == "Short."
    # The limit counts a line break once, as the page's character count does, though a
    # browser sends it as two characters.
    text = ("a" * 99 + "\r\n") * (SECTION_TEXT_MAX_LENGTH // 100)
    saved = section_save(report=report, slug="foreword", text=text, expected_version=1, author=bsu)
    assert len(saved.text) == SECTION_TEXT_MAX_LENGTH - 1 and "\r" not in saved.text


def test_the_model_refuses_text_longer_than_the_limit(report):
    section = ReportSection(report=report, slug="foreword", text="x" * (SECTION_TEXT_MAX_LENGTH + 1))
    with pytest.raises(ValidationError, match="20,000 characters or fewer"):
        section.full_clean()


def test_the_editor_shows_the_length_error_next_to_the_text_and_keeps_it(client, report, bsu):
    client.force_login(bsu)
    url = reverse("reports:annual-section", args=[report.pk, "learning"])
    too_long = "Learning. " * 2_001
    response = client.post(url, {"text": too_long, "version": 0})
    assert response.status_code == 200
    page = response.text
    error = "Text must be 20,000 characters or fewer. It has 20,009: shorten it by 9."
    assert f'<p class="govuk-error-message" id="id_text-error"><span class="govuk-visually-hidden">Error:</span> {error}</p>' in page
    assert f'<a href="#id_text">{error}</a>' in page  # in the error summary
    assert 'aria-describedby="text-hint id_text-info id_text-error"' in page
    assert 'data-module="govuk-character-count" data-maxlength="20000"' in page
    assert "You can enter up to 20,000 characters" in page
    assert too_long.strip() in page  # the author's text is kept to shorten
    assert not report.sections.exists()


def test_the_preview_says_when_text_is_too_long_to_save(client, report, bsu):
    client.force_login(bsu)
    response = client.post(
        reverse("reports:annual-section-preview", args=[report.pk, "foreword"]), {"text": "**Long.** " * 2_500}
    )
    assert response.status_code == 200
    assert "longer than the 20,000 characters a section can hold" in response.text
    assert "<strong>" not in response.text and "**Long.**" in response.text


HOSTILE_STORED_SECTIONS = {
    # Saved before the limit and the bounded rendering existed (straight into the database).
    "20,000 [": "[" * 20_000,
    "60,000 [ (over the limit)": "[" * 60_000,
    "unclosed tags": "<a " * 6_666,
    "a list nested 10,000 deep": "- " * 9_999 + "x",
}


@pytest.mark.parametrize("text", HOSTILE_STORED_SECTIONS.values(), ids=HOSTILE_STORED_SECTIONS.keys())
def test_a_hostile_stored_section_leaves_the_report_its_pdf_and_its_editor_working(client, report, bsu, text, settings):
    settings.MSCP_SECTION_RENDER_SECONDS = RENDER_BUDGET_SECONDS  # as in production
    ReportSection.objects.create(report=report, slug="foreword", text=text)
    ReportSection.objects.create(report=report, slug="voice", text="Children told us **this**.")
    client.force_login(bsu)
    for url in (
        report.get_absolute_url(),
        reverse("reports:annual-pdf", args=[report.pk]),
        reverse("reports:annual-section", args=[report.pk, "foreword"]),
    ):
        response = client.get(url)
        assert response.status_code == 200, url
    page = client.get(report.get_absolute_url()).text
    assert "Children told us <strong>this</strong>." in page  # the other sections are untouched
    editor = client.get(reverse("reports:annual-section", args=[report.pk, "foreword"])).text
    assert escape(text[:1_000]) in editor  # the stored text is in the box, to be fixed
    # It can be fixed through the page.
    fixed = client.post(reverse("reports:annual-section", args=[report.pk, "foreword"]), {"text": "Fixed.", "version": 1})
    assert fixed.status_code == 302
    assert report.sections.get(slug="foreword").text == "Fixed."


def test_the_editor_says_when_the_preview_is_plain_because_the_text_is_too_complex(client, report, bsu):
    ReportSection.objects.create(report=report, slug="foreword", text="- " * 9_999 + "x")
    client.force_login(bsu)
    editor = client.get(reverse("reports:annual-section", args=[report.pk, "foreword"])).text
    assert "This text is too complex to format" in editor


# -- Starting a report twice at the same moment ----------------------------------------------


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="needs two connections at once; SQLite's test database locks whole tables (CI runs this on PostgreSQL)",
)
@pytest.mark.django_db(transaction=True)
def test_two_people_starting_the_same_year_at_once_get_one_report_and_the_refusal(plan, bsu, member_of):
    """The second start passes the "already a draft" check before the first commits, then
    waits on the database's one-draft-per-year index: it must answer with the refusal, not a
    server error."""
    other = member_of(plan.partnership, Membership.Role.BSU, first_name="Alex", last_name="Other")
    first_started, first_may_commit = threading.Event(), threading.Event()
    outcomes = {}

    def start_and_hold(user):
        try:
            with transaction.atomic():
                annual_report_start(partnership=plan.partnership, year="2023-24")
                first_started.set()
                first_may_commit.wait(timeout=30)
            outcomes["first"] = "started"
        finally:
            connection.close()

    def start_through_the_page(user):
        try:
            client = Client(raise_request_exception=False)  # a server error answers 500
            client.force_login(user)
            response = client.post(reverse("reports:annual-start", args=[plan.pk]), {"year": "2023-24"}, follow=True)
            outcomes["second"] = response
        finally:
            connection.close()

    first = threading.Thread(target=start_and_hold, args=(bsu,))
    first.start()
    assert first_started.wait(timeout=30)
    second = threading.Thread(target=start_through_the_page, args=(other,))
    second.start()
    # Let the first commit only once the second is waiting on the unique index.
    for _ in range(300):
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'"
            )
            if cursor.fetchone()[0]:
                break
        time.sleep(0.05)
    else:
        pytest.fail("the second start never waited on the first")
    first_may_commit.set()
    first.join(timeout=30)
    second.join(timeout=30)
    assert outcomes["first"] == "started"
    response = outcomes["second"]
    assert response.status_code == 200
    assert response.redirect_chain[-1][0] == reverse("reports:annual-list")
    assert "There is already a draft 2023-24 report: carry on with that one." in response.text
    assert AnnualReport.objects.filter(partnership=plan.partnership, year="2023-24").count() == 1


@pytest.mark.django_db(transaction=True)
def test_a_refused_start_leaves_the_callers_transaction_usable(plan):
    # The refusal comes from a savepoint, so a caller's own transaction carries on after it.
    annual_report_start(partnership=plan.partnership, year="2023-24")
    with transaction.atomic():
        with pytest.raises(ValidationError, match="already a draft"):
            annual_report_start(partnership=plan.partnership, year="2023-24")
        assert AnnualReport.objects.count() == 1
