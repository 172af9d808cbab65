"""The BSU's journey to a filtered workplan, in a real browser: once with the keyboard alone
(Tab, Enter, Space and arrow keys; no clicks), once with the mouse. See conftest_browser.py."""

import re

import pytest
from django.urls import reverse

from conftest_browser import ROWS_JS, choose_with_arrows, tab_to, wait_for_path

pytestmark = pytest.mark.django_db(transaction=True)

def showing(page):
    text = page.get_by_text(re.compile(r"^Showing \d+ of \d+ action")).inner_text()
    shown, total = re.match(r"Showing (\d+) of (\d+)", text).groups()
    return int(shown), int(total)


def pick_filter(rows):
    """A (theme, rating) pair that picks out some of the workplan's rows but not all."""
    pairs = {}
    for row in rows:
        for theme in row["themes"]:
            pairs.setdefault((theme, row["rating"]), set()).add(row["reference"])
    candidates = sorted(
        ((len(refs), pair) for pair, refs in pairs.items() if 0 < len(refs) < len(rows)),
        reverse=True,
    )
    assert candidates, "the demo workplan has no theme and rating to filter by"
    theme, rating = candidates[0][1]
    return theme, rating, pairs[(theme, rating)]


def test_bsu_filters_a_workplan_with_the_keyboard_alone(page, demo):
    page.goto(reverse("login"))
    # The skip link comes first.
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.classList.contains('govuk-skip-link')")

    tab_to(page, "#id_username")
    page.keyboard.type("bsu")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "id_password"
    page.keyboard.type(demo.password)
    page.keyboard.press("Enter")
    wait_for_path(page, reverse('plans:home'))

    tab_to(page, f'main a[href="{demo.plan.get_absolute_url()}"]')
    page.keyboard.press("Enter")
    wait_for_path(page, demo.plan.get_absolute_url())
    assert page.locator("h1").inner_text() == demo.plan.title

    tab_to(page, f'main a[href="{demo.subgroup.get_absolute_url()}"]')
    page.keyboard.press("Enter")
    wait_for_path(page, demo.subgroup.get_absolute_url())

    tab_to(page, f'main a[href="{demo.workplan.get_absolute_url()}"]')
    page.keyboard.press("Enter")
    wait_for_path(page, demo.workplan.get_absolute_url())

    rows = page.evaluate(ROWS_JS)
    shown, total = showing(page)
    assert shown == total == len(rows) > 1
    theme, rating, expected = pick_filter(rows)

    tab_to(page, "details.app-filters > summary")
    assert not page.locator("details.app-filters").evaluate("details => details.open")
    page.keyboard.press("Space")
    assert page.locator("details.app-filters").evaluate("details => details.open")

    tab_to(page, "#id_theme")
    choose_with_arrows(page, "id_theme", theme)
    tab_to(page, "#id_rating")
    choose_with_arrows(page, "id_rating", rating)
    tab_to(page, 'form button[type="submit"], form input[type="submit"]')
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"theme=\d+.*rating=\w+"))

    filtered = page.evaluate(ROWS_JS)
    assert {row["reference"] for row in filtered} == expected
    assert all(theme in row["themes"] and row["rating"] == rating for row in filtered)
    assert showing(page) == (len(expected), total)
    assert page.get_by_label("Cross-cutting theme").evaluate(
        "select => select.selectedOptions[0].textContent.trim()"
    ) == theme


def test_bsu_filters_a_workplan_with_the_mouse(page, demo):
    page.goto(reverse("login"))
    page.get_by_label("Username").click()
    page.get_by_label("Username").fill("bsu")
    page.get_by_label("Password").fill(demo.password)
    page.get_by_role("button", name="Sign in").click()
    wait_for_path(page, reverse('plans:home'))

    page.get_by_role("link", name=demo.plan.title).click()
    wait_for_path(page, demo.plan.get_absolute_url())
    page.locator(f'main a[href="{demo.subgroup.get_absolute_url()}"]').first.click()
    wait_for_path(page, demo.subgroup.get_absolute_url())
    page.locator(f'main a[href="{demo.workplan.get_absolute_url()}"]').first.click()
    wait_for_path(page, demo.workplan.get_absolute_url())

    rows = page.evaluate(ROWS_JS)
    _shown, total = showing(page)
    theme, rating, expected = pick_filter(rows)

    page.get_by_text("Filter and sort actions").click()
    page.get_by_label("Cross-cutting theme").select_option(label=theme)
    page.get_by_label("BRAG rating").select_option(label=rating)
    page.get_by_role("button", name="Apply filters").click()
    page.wait_for_url(re.compile(r"theme=\d+.*rating=\w+"))

    filtered = page.evaluate(ROWS_JS)
    assert {row["reference"] for row in filtered} == expected
    assert showing(page) == (len(expected), total)

    page.get_by_role("link", name="Clear filters").click()
    wait_for_path(page, demo.workplan.get_absolute_url())
    assert showing(page) == (total, total)
