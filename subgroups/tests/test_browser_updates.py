"""Keeping workplans current, in a real browser (see conftest_browser.py): the in-place BRAG
update with the mouse and with the keyboard alone (Tab, Shift+Tab, Enter, Space and arrow
keys; no clicks), the same without JavaScript, a sub-group lead's limits, editing an action
and seeing it in the history, and "My actions"."""

import re
from types import SimpleNamespace
from urllib.parse import urlsplit

import pytest
from django.urls import reverse

from conftest_browser import FOCUS_JS, MAX_TABS, wait_for_path

# GOV.UK radios and checkboxes draw their focus ring on the label's ::before, not the input.
CONTROL_FOCUS_JS = """() => {
  const el = document.activeElement;
  if (!el.matches('input[type=radio], input[type=checkbox]') || !el.labels.length) return false;
  const ring = getComputedStyle(el.labels[0], '::before');
  return ring.boxShadow !== 'none' || parseFloat(ring.borderTopWidth) >= 4;
}"""

pytestmark = pytest.mark.django_db(transaction=True)

SAVE = "#action-{pk} [type=submit]"
NARRATIVE = "Two schools have withdrawn from the pilot; the chair is meeting their heads."

# The workplan's BRAG counts (#workplan-counts), by column header.
COUNTS_JS = """() => {
  const table = document.querySelector('#workplan-counts table');
  const headers = [...table.querySelectorAll('thead th')].slice(1).map(th => th.innerText.trim());
  const cells = [...table.querySelectorAll('tbody td')].map(td => Number(td.innerText.trim()));
  return Object.fromEntries(headers.map((header, i) => [header, cells[i]]));
}"""


@pytest.fixture
def current(demo):
    """Merton's 2024-25 PEI and ESS workplans, and a PEI action led by pei-lead that is not
    Red."""
    from django.contrib.auth import get_user_model

    from subgroups.models import Action, Workplan

    pei = Workplan.objects.get(subgroup=demo.subgroup, year="2024-25")
    ess = Workplan.objects.get(
        subgroup__partnership=demo.plan.partnership, subgroup__short_name="ESS", year="2024-25"
    )
    action = (
        Action.objects.with_current_state()
        .filter(workplan=pei, leads__user=demo.users["lead"], retired_on__isnull=True)
        .exclude(current_rating="red")
        .order_by("order", "pk")
        .first()
    )
    assert action is not None
    bsu = get_user_model().objects.get(username="bsu")
    return SimpleNamespace(
        pei=pei, ess=ess, action=action, bsu_name=bsu.get_full_name() or bsu.username
    )


def section(page, action):
    return page.locator(f"#action-{action.pk}")


def update_form(page, action):
    return section(page, action).locator("form[hx-post]")


def update_link(page, action):
    return section(page, action).locator("[data-update-link]")


def active(page, selector):
    return page.evaluate("(selector) => document.activeElement.matches(selector)", selector)


def press_until(page, key, selector, limit=MAX_TABS):
    """Press `key` (Tab or Shift+Tab) until the element matching `selector` has focus,
    checking that every element focused on the way shows its focus."""
    for _ in range(limit):
        page.keyboard.press(key)
        focus = page.evaluate(FOCUS_JS)
        assert focus is not None, "focus left the page"
        visible = focus["visible"] or page.evaluate(CONTROL_FOCUS_JS)
        assert visible, f"focus is not visible on {focus['describe']}"
        if active(page, selector):
            return
    pytest.fail(f"{selector} not reached with {limit} presses of {key}")


def fill_as_at(form, date):
    """Type the as-at date the way a user does: the plan has ended, so its position is as at
    its last day, and the counts table (judged as at that day) counts only updates up to it."""
    form.get_by_label("Day").fill(str(date.day))
    form.get_by_label("Month").fill(str(date.month))
    form.get_by_label("Year").fill(str(date.year))


def red_count(page):
    return page.evaluate(COUNTS_JS)["Red"]


def assert_form_open_in_table(page, action, url):
    form = update_form(page, action)
    form.wait_for()
    assert page.url == url, "opening the form loaded another page"
    assert form.evaluate("form => !!form.closest('table.app-workplan-table')")
    page.wait_for_function(
        "(id) => document.activeElement.closest('form') === document.querySelector(id + ' form[hx-post]')",
        arg=f"#action-{action.pk}",
    )


def assert_error_shown(page, action):
    narrative = section(page, action).locator(".govuk-form-group--error textarea")
    narrative.wait_for()
    group = narrative.locator("xpath=ancestor::div[contains(@class, 'govuk-form-group')][1]")
    assert "why this action is red" in group.locator(".govuk-error-message").inner_text()
    assert narrative.get_attribute("aria-describedby")
    page.wait_for_function(
        "(id) => document.activeElement.matches(id + ' .govuk-error-summary')",
        arg=f"#action-{action.pk}",
    )
    summary = section(page, action).locator(".govuk-error-summary")
    assert "There is a problem" in summary.inner_text()


def assert_saved(page, action, red_before, url):
    row = section(page, action)
    update_form(page, action).wait_for(state="detached")
    assert row.locator(".app-brag").inner_text() == "Red"
    assert NARRATIVE in row.inner_text()
    assert page.url == url
    page.wait_for_function(
        "(expected) => document.querySelector('#workplan-counts tbody td:nth-of-type(4)')"
        ".innerText.trim() === String(expected)",
        arg=red_before + 1,
    )
    assert red_count(page) == red_before + 1
    status = page.locator("#update-status")
    assert re.search(rf"{re.escape(action.reference)} updated: Red as at ", status.inner_text())
    assert status.get_attribute("role") == "status"
    page.wait_for_function(
        "(id) => document.activeElement.matches(id + ' [data-update-link]')",
        arg=f"#action-{action.pk}",
    )


def test_bsu_updates_an_action_in_place_with_the_mouse(page, demo, sign_in, current):
    sign_in(page, demo.users["bsu"])
    action = current.action
    page.goto(current.pei.get_absolute_url())
    url = page.url
    red_before = red_count(page)

    update_link(page, action).click()
    assert_form_open_in_table(page, action, url)
    form = update_form(page, action)
    form.get_by_label("Red", exact=True).check()
    fill_as_at(form, demo.plan.period_end)
    form.get_by_role("button", name="Save update").click()
    assert_error_shown(page, action)
    assert page.url == url
    assert red_count(page) == red_before

    form.get_by_label("Update", exact=True).fill(NARRATIVE)
    form.get_by_role("button", name="Save update").click()
    assert_saved(page, action, red_before, url)

    # Cancel closes the form and gives focus back to the Update link.
    update_link(page, action).click()
    assert_form_open_in_table(page, action, url)
    section(page, action).get_by_role("button", name="Cancel").click()
    update_form(page, action).wait_for(state="detached")
    page.wait_for_function(
        "(id) => document.activeElement.matches(id + ' [data-update-link]')",
        arg=f"#action-{action.pk}",
    )
    assert page.url == url


def test_bsu_updates_an_action_in_place_with_the_keyboard_alone(page, demo, sign_in, current):
    sign_in(page, demo.users["bsu"])
    action = current.action
    page.goto(current.pei.get_absolute_url())
    url = page.url
    red_before = red_count(page)
    link = f"#action-{action.pk} [data-update-link]"

    press_until(page, "Tab", link)
    page.keyboard.press("Enter")
    assert_form_open_in_table(page, action, url)

    # Focus is on the first rating radio; the arrow keys choose within the group.
    assert active(page, f"#action-{action.pk} input[type=radio]")
    for _ in range(6):
        if page.evaluate("document.activeElement.labels[0].innerText.trim()") == "Red":
            break
        page.keyboard.press("ArrowRight")
    assert page.evaluate("document.activeElement.checked")
    assert page.evaluate("document.activeElement.labels[0].innerText.trim()") == "Red"
    # Tab selects each date part's text, so typing replaces it.
    end = demo.plan.period_end
    for part, value in [("0", end.day), ("1", end.month), ("2", end.year)]:
        page.keyboard.press("Tab")
        assert active(page, f"#action-{action.pk} input[name$='as_at_{part}']")
        page.keyboard.type(str(value))
    press_until(page, "Tab", SAVE.format(pk=action.pk), limit=15)
    page.keyboard.press("Enter")
    assert_error_shown(page, action)

    press_until(page, "Tab", f"#action-{action.pk} .govuk-error-summary a", limit=5)
    press_until(page, "Tab", f"#action-{action.pk} textarea", limit=15)
    page.keyboard.type(NARRATIVE)
    press_until(page, "Tab", SAVE.format(pk=action.pk), limit=5)
    page.keyboard.press("Enter")
    assert_saved(page, action, red_before, url)

    # Open it again and close it with Cancel: Shift+Tab back from Cancel reaches Save.
    page.keyboard.press("Enter")
    assert_form_open_in_table(page, action, url)
    cancel = f"#action-{action.pk} button[type=button]"
    press_until(page, "Tab", cancel, limit=15)
    page.keyboard.press("Shift+Tab")
    assert active(page, f"#action-{action.pk} [type=submit]")
    page.keyboard.press("Tab")
    assert active(page, cancel)
    page.keyboard.press("Space")
    update_form(page, action).wait_for(state="detached")
    page.wait_for_function(
        "(selector) => document.activeElement.matches(selector)", arg=link
    )
    assert page.url == url


@pytest.mark.parametrize("browser_context_args", [{"java_script_enabled": False}])
def test_without_javascript_the_update_is_a_page_of_its_own(
    page, demo, sign_in, current, browser_context_args
):
    sign_in(page, demo.users["bsu"])
    action = current.action
    page.goto(current.pei.get_absolute_url())
    update_link(page, action).click()
    wait_for_path(page, reverse("subgroups:action-update", args=[action.pk]))
    assert page.locator("h1").inner_text() == f"Update {action.reference}"

    page.get_by_label("Red", exact=True).check()
    page.get_by_role("button", name="Save update").click()
    page.get_by_text("There is a problem").wait_for()
    assert urlsplit(page.url).path == reverse("subgroups:action-update", args=[action.pk])

    page.get_by_label("Update", exact=True).fill(NARRATIVE)
    page.get_by_role("button", name="Save update").click()
    wait_for_path(page, current.pei.get_absolute_url())
    banner = page.locator(".govuk-notification-banner--success")
    assert re.search(rf"{re.escape(action.reference)} updated: Red as at ", banner.inner_text())
    row = section(page, action)
    assert row.locator(".app-brag").inner_text() == "Red"
    assert NARRATIVE in row.inner_text()


def test_a_lead_updates_their_own_action_but_not_another_subgroups(
    page, demo, sign_in, current
):
    sign_in(page, demo.users["lead"])
    action = current.action
    page.goto(current.pei.get_absolute_url())
    url = page.url
    red_before = red_count(page)
    update_link(page, action).click()
    assert_form_open_in_table(page, action, url)
    form = update_form(page, action)
    assert form.get_by_label("Reported by").count() == 0  # only the BSU records for others
    form.get_by_label("Red", exact=True).check()
    fill_as_at(form, demo.plan.period_end)
    form.get_by_label("Update", exact=True).fill(NARRATIVE)
    form.get_by_role("button", name="Save update").click()
    assert_saved(page, action, red_before, url)

    page.goto(current.ess.get_absolute_url())
    assert page.locator("table.app-workplan-table tbody").count() > 0
    main = page.locator("main")
    assert main.locator("[data-update-link]").count() == 0
    assert main.get_by_role("link", name=re.compile(r"^(Update|Edit)\b")).count() == 0
    assert main.get_by_role("link", name="Add an action").count() == 0

    other = current.ess.actions.order_by("order", "pk").first()
    response = page.goto(reverse("subgroups:action-edit", args=[other.pk]))
    assert response.status == 403
    assert page.locator("h1").inner_text() == "You cannot do that"


def test_bsu_edits_an_action_and_sees_it_in_the_history(page, demo, sign_in, current):
    sign_in(page, demo.users["bsu"])
    action = current.action
    old = action.timeframe
    new = "June 2025"
    page.goto(current.pei.get_absolute_url())
    section(page, action).get_by_role("link", name=re.compile(r"^Edit")).click()
    wait_for_path(page, reverse("subgroups:action-edit", args=[action.pk]))
    assert page.get_by_label("Timeframe").input_value() == old
    page.get_by_label("Timeframe").fill(new)
    page.get_by_role("button", name="Save action").click()
    wait_for_path(page, action.get_absolute_url())

    assert f"{action.reference} saved." in page.locator(".govuk-notification-banner").inner_text()
    assert new in page.locator(".govuk-summary-list").inner_text()
    edited = page.locator("#history ~ .app-table-wrapper tbody tr").filter(has_text="Edited").first
    cells = edited.locator("td").all_inner_texts()
    assert cells[1].strip() == "Edited"
    assert f"Timeframe: “{old}” to “{new}”" in cells[2]
    assert cells[3].strip() == current.bsu_name


def test_my_actions_lists_the_leads_actions_and_updates_in_place(page, demo, sign_in, current):
    from subgroups.models import Action

    sign_in(page, demo.users["lead"])
    page.goto(reverse("plans:home"))
    page.get_by_role("navigation", name="Main").get_by_role("link", name="My actions").click()
    wait_for_path(page, reverse("subgroups:my-actions"))
    url = page.url

    sections = page.locator("table.app-workplan-table tbody.app-action")
    ids = [int(i.removeprefix("action-")) for i in sections.evaluate_all("s => s.map(e => e.id)")]
    assert ids
    listed = Action.objects.with_current_state().filter(pk__in=ids).select_related("workplan__subgroup")
    assert {a.workplan.subgroup.short_name for a in listed} == {"PEI"}
    # Every row says what needs attention: its rating, or an Overdue or Stale flag.
    for row in sections.all():
        text = row.inner_text()
        assert re.search(r"Not yet rated|Red|Amber|Overdue|Stale", text), text

    action = next(a for a in listed if a.current_rating != "red")
    update_link(page, action).click()
    form = update_form(page, action)
    form.wait_for()
    assert page.url == url
    form.get_by_label("Red", exact=True).check()
    form.get_by_label("Update", exact=True).fill(NARRATIVE)
    form.get_by_role("button", name="Save update").click()
    form.wait_for(state="detached")
    row = section(page, action)
    assert row.locator(".app-brag").inner_text() == "Red"
    assert NARRATIVE in row.inner_text()
    assert f"{action.reference} updated: Red" in page.locator("#update-status").inner_text()
    page.wait_for_function(
        "(id) => document.activeElement.matches(id + ' [data-update-link]')",
        arg=f"#action-{action.pk}",
    )


def test_bsu_opens_a_closed_group_from_the_keyboard_updates_in_it_and_filters_by_reason(page, demo, sign_in):
    sign_in(page, demo.users["bsu"])
    page.goto(reverse("subgroups:my-actions"))
    groups = page.locator("details.app-action-group")
    assert groups.count() > 1
    assert [group.evaluate("d => d.open") for group in groups.all()] == [True] + [False] * (groups.count() - 1)
    second = groups.nth(1)
    row = second.locator("tbody.app-action").first
    assert not row.is_visible()

    second.locator("summary").focus()
    page.keyboard.press("Enter")
    row.wait_for()
    row.locator("[data-update-link]").click()
    form = row.locator("form[hx-post]")
    form.wait_for()
    form.get_by_label("Red", exact=True).check()
    form.get_by_label("Update", exact=True).fill(NARRATIVE)
    form.get_by_role("button", name="Save update").click()
    form.wait_for(state="detached")
    assert NARRATIVE in second.locator("tbody.app-action").first.inner_text()
    assert second.evaluate("d => d.open"), "the group closed on saving"

    page.get_by_label("Reason").select_option(label="Not yet rated")
    page.get_by_role("button", name="Show").click()
    page.locator("#filters", has_text="Showing only: reason Not yet rated.").wait_for()
    rows = page.locator("tbody.app-action")
    assert rows.count() > 0
    for each in rows.all():
        assert "Not yet rated" in each.evaluate("row => row.textContent")
