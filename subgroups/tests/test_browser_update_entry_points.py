"""Every place a BRAG update starts (the action's own page, its workplan row, My actions),
with JavaScript on and off: the update is stored, the user lands where they started, and the
new rating is shown there, with nothing going wrong in the browser on the way."""

import re
from urllib.parse import urlsplit

import pytest
from django.urls import reverse

from conftest_browser import watch_for_problems

pytestmark = pytest.mark.django_db(transaction=True)

NARRATIVE = "Recommissioning slipped: the provider withdrew; the chair escalates in January."
JAVASCRIPT = {"on": {"java_script_enabled": True}, "off": {"java_script_enabled": False}}


@pytest.fixture
def action(demo):
    """A PEI action of the 2024-25 workplan that pei-lead leads, Amber or not yet rated, so
    listed in My actions (it needs attention)."""
    from django.db.models import Q

    from subgroups.models import Action

    return (
        Action.objects.with_current_state()
        .filter(
            workplan__subgroup=demo.subgroup,
            workplan__year="2024-25",
            leads__user=demo.users["lead"],
            retired_on__isnull=True,
        )
        .filter(Q(current_rating="amber") | Q(current_rating__isnull=True))
        .order_by("order", "pk")
        .first()
    )


def fill_update(scope, as_at):
    scope.get_by_label("Red", exact=True).check()
    scope.get_by_label("Day").fill(str(as_at.day))
    scope.get_by_label("Month").fill(str(as_at.month))
    scope.get_by_label("Year").fill(str(as_at.year))
    scope.get_by_label("Update", exact=True).fill(NARRATIVE)
    scope.get_by_role("button", name="Save update").click()


def assert_stored(action, author):
    from subgroups.models import ActionUpdate

    latest = ActionUpdate.objects.filter(action=action).latest("created_at")
    assert (latest.rating, latest.narrative, latest.author) == ("red", NARRATIVE, author)


def row_shows_red(page, action):
    row = page.locator(f"#action-{action.pk}")
    row.locator(".app-brag", has_text="Red").wait_for()
    assert NARRATIVE in row.inner_text()


@pytest.mark.parametrize("javascript", ["on", "off"])
def test_from_the_action_page(browser, live_server, sign_in, demo, action, javascript):
    context = browser.new_context(base_url=live_server.url, **JAVASCRIPT[javascript])
    page = context.new_page()
    problems = watch_for_problems(page)
    user = sign_in(page, demo.users["lead"])
    as_at = action.workplan.plan.reporting_date()

    page.goto(action.get_absolute_url())
    page.get_by_role("link", name="Add a BRAG update").click()
    page.wait_for_url(lambda url: urlsplit(url).path == reverse("subgroups:action-update", args=[action.pk]))
    fill_update(page.locator("main"), as_at)

    page.wait_for_url(lambda url: urlsplit(url).path == action.get_absolute_url())
    banner = page.locator(".govuk-notification-banner--success")
    assert re.search(rf"{re.escape(action.reference)} updated: Red as at ", banner.inner_text())
    latest = page.locator("#history ~ .app-table-wrapper tbody tr").first
    assert NARRATIVE in latest.inner_text()
    assert_stored(action, user)
    assert problems == []
    context.close()


@pytest.mark.parametrize("javascript", ["on", "off"])
@pytest.mark.parametrize("start", ["workplan", "my-actions"])
def test_from_a_row(browser, live_server, sign_in, demo, action, start, javascript):
    context = browser.new_context(base_url=live_server.url, **JAVASCRIPT[javascript])
    page = context.new_page()
    problems = watch_for_problems(page)
    user = sign_in(page, demo.users["lead"])
    as_at = action.workplan.plan.reporting_date()
    start_path = (
        action.workplan.get_absolute_url() if start == "workplan" else reverse("subgroups:my-actions")
    )

    page.goto(start_path)
    page.locator(f"#action-{action.pk} [data-update-link]").click()
    if javascript == "on":
        form = page.locator(f"#action-{action.pk} form[hx-post]")
        form.wait_for()
        assert urlsplit(page.url).path == start_path, "the form opened on another page"
        fill_update(form, as_at)
        form.wait_for(state="detached")
        status = page.locator("#update-status")
        assert re.search(rf"{re.escape(action.reference)} updated: Red as at ", status.inner_text())
    else:
        page.wait_for_url(
            lambda url: urlsplit(url).path == reverse("subgroups:action-update", args=[action.pk])
        )
        fill_update(page.locator("main"), as_at)
        page.wait_for_url(lambda url: urlsplit(url).path == start_path)
        banner = page.locator(".govuk-notification-banner--success")
        assert re.search(rf"{re.escape(action.reference)} updated: Red as at ", banner.inner_text())
    row_shows_red(page, action)
    if start == "my-actions":
        assert f"{action.workplan.subgroup.short_name} workplan {action.workplan.year}" in (
            page.locator(f"#action-{action.pk}").inner_text()
        )
    assert_stored(action, user)
    assert problems == []
    context.close()
