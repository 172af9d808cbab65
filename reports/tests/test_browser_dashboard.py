"""The Executive's journey in a real browser: the dashboard as it stood at the end of the
first year, then a count followed to the actions behind it. Once with the mouse, once with
the keyboard alone. See conftest_browser.py."""

import datetime
import re

import pytest
from django.urls import reverse

from conftest_browser import ROWS_JS, tab_to, wait_for_path
from subgroups.brag import brag_summary

pytestmark = pytest.mark.django_db(transaction=True)

YEAR_END = datetime.date(2024, 3, 31)


def amber_by_priority(plan):
    """The first priority with amber actions at the year end, and how many, counted by the
    BRAG module rather than read off the page (the dashboard counts the year holding its date)."""
    counts = brag_summary(plan=plan, as_at=YEAR_END, year="2023-24", group_by="priority")
    for priority in plan.priorities.order_by("number"):
        if counts.get(priority.pk) and counts[priority.pk].amber:
            return priority, counts[priority.pk].amber
    pytest.fail("the demo plan has no amber action at the end of 2023-24")


def amber_link(page, priority):
    return page.get_by_role(
        "link", name=re.compile(rf"^\d+ Amber actions, {re.escape(str(priority))}$")
    )


def assert_the_actions_behind_the_count(page, count):
    page.wait_for_url(re.compile(r"/reports/actions/\?.*rating=amber"))
    assert page.locator("h1").inner_text() == "Actions as at 31 March 2024"
    assert page.locator("#filters").inner_text().startswith("Showing actions of the 2023-24 workplans rated Amber, in Priority")
    assert page.get_by_role("status").inner_text() == f"{count} action{'s' if count > 1 else ''} match."
    rows = page.evaluate(ROWS_JS)
    assert len(rows) == count
    assert {row["rating"] for row in rows} == {"Amber"}


def test_executive_reviews_the_year_end_with_the_mouse(page, demo, sign_in):
    priority, count = amber_by_priority(demo.plan)
    sign_in(page, demo.users["executive"])
    page.goto(reverse("plans:home"))
    page.get_by_role("link", name="Dashboard").click()
    wait_for_path(page, reverse("reports:dashboard"))

    as_at = page.get_by_role("group", name="As at")
    as_at.get_by_label("Day").fill(str(YEAR_END.day))
    as_at.get_by_label("Month").fill(str(YEAR_END.month))
    as_at.get_by_label("Year").fill(str(YEAR_END.year))
    page.get_by_role("button", name="Show").click()
    page.wait_for_url(re.compile(r"as_at_0=31&as_at_1=3&as_at_2=2024"))
    assert "as at 31 March 2024" in page.locator("main").inner_text()
    assert page.title().startswith("Dashboard:") and "as at 31 March 2024" in page.title()
    assert amber_link(page, priority).inner_text().startswith(str(count))

    amber_link(page, priority).click()
    assert_the_actions_behind_the_count(page, count)


def test_executive_reviews_the_year_end_with_the_keyboard_alone(page, demo, sign_in):
    priority, count = amber_by_priority(demo.plan)
    sign_in(page, demo.users["executive"])
    page.goto(reverse("plans:home"))

    tab_to(page, f'a[href="{reverse("reports:dashboard")}"]')
    page.keyboard.press("Enter")
    wait_for_path(page, reverse("reports:dashboard"))

    tab_to(page, "#id_as_at_0")
    page.keyboard.type(str(YEAR_END.day))
    page.keyboard.press("Tab")
    page.keyboard.type(str(YEAR_END.month))
    page.keyboard.press("Tab")
    page.keyboard.type(str(YEAR_END.year))
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"as_at_0=31&as_at_1=3&as_at_2=2024"))
    assert "as at 31 March 2024" in page.locator("main").inner_text()

    href = amber_link(page, priority).get_attribute("href")
    tab_to(page, f'a[href="{href}"]')
    page.keyboard.press("Enter")
    assert_the_actions_behind_the_count(page, count)
