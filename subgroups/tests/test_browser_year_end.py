"""The BSU's year-end rollover in a real browser, with the mouse: choose for each action,
check the preview, apply, and follow the link from the closed action to the one that continues
it. Axe on each page of the journey. See conftest_browser.py."""

import pytest
from django.urls import reverse

from conftest_browser import wait_for_path, watch_for_problems

pytestmark = pytest.mark.django_db(transaction=True)


def test_bsu_rolls_a_workplan_over_with_the_mouse(page, demo, sign_in, assert_no_axe_violations):
    from subgroups.models import Action, Workplan, YearEndRollover
    from subgroups.services import carry_forward_refusals

    # QAPR has no 2024-25 workplan yet: the rollover creates it.
    workplan = Workplan.objects.get(plan=demo.plan, subgroup__short_name="QAPR", year="2023-24")
    problems = watch_for_problems(page)
    sign_in(page, demo.users["bsu"])
    page.goto(workplan.get_absolute_url())
    page.get_by_role("link", name="Year end").click()
    wait_for_path(page, reverse("subgroups:workplan-year-end", args=[workplan.pk]))
    assert_no_axe_violations(page, "year end")
    open_actions = list(
        Action.objects.filter(workplan=workplan).live().with_current_state().exclude(current_rating="blue")
        .select_related("workplan__plan", "workplan__subgroup")
    )
    # Some references are taken in the 2024-25 workplan already: the page says so beside them.
    refused = carry_forward_refusals(actions=open_actions, into_year="2024-25")
    for action in open_actions:
        if action.pk in refused:
            assert "Not possible" in page.locator(f"#year-end-{action.pk}").inner_text()
    carried = next(action for action in open_actions if action.pk not in refused)
    closed = next(action for action in open_actions if action.pk != carried.pk)

    # Carry the first forward; close the second, first without a reason (refused beside it).
    page.locator(f'label[for="id_choice-{carried.pk}_0"]').click()
    page.locator(f'label[for="id_choice-{closed.pk}_1"]').click()
    reason = page.locator(f"#id_reason-{closed.pk}")
    assert reason.is_visible()  # revealed by choosing "Close as not achieved"
    page.get_by_role("button", name="Check the choices").click()
    page.wait_for_load_state()
    assert page.locator(".govuk-error-summary").is_visible()
    assert page.locator(f"#id_reason-{closed.pk}-error").is_visible()
    assert_no_axe_violations(page, "year end with an error")
    page.locator(".govuk-error-summary a").first.click()
    assert page.evaluate("document.activeElement.id") == f"id_reason-{closed.pk}"
    page.keyboard.type("The board stood the work down.")
    page.get_by_role("button", name="Check the choices").click()
    page.wait_for_load_state()

    summary = page.locator("#year-end-summary").inner_text()
    assert f"1 to carry forward into 2024-25, 1 to close as not achieved, {len(open_actions) - 2} left open." in summary
    assert "Workplans to be created: QAPR 2024-25." in summary
    assert_no_axe_violations(page, "year end preview")
    assert not Action.objects.filter(pk__in=[carried.pk, closed.pk]).exclude(closure="").exists()

    page.get_by_role("button", name="Apply the year end").click()
    wait_for_path(page, workplan.get_absolute_url())
    banner = page.locator(".govuk-notification-banner--success, .govuk-notification-banner").first.inner_text()
    assert "Year end 2023-24 applied: 1 carried forward into 2024-25, 1 closed as not achieved" in banner
    assert YearEndRollover.objects.count() == 1
    assert Workplan.objects.filter(subgroup=workplan.subgroup, year="2024-25").exists()

    # The closed action's row says so in words and links to the new action, which links back.
    row = page.locator(f"#action-{carried.pk}")
    assert "Carried forward" in row.inner_text()
    assert "Not achieved" in page.locator(f"#action-{closed.pk}").inner_text()
    row.get_by_role("link", name=f"{carried.reference} (2024-25)").click()
    new = Action.objects.get(carried_from=carried)
    wait_for_path(page, new.get_absolute_url())
    assert f"Carried forward from {carried.reference} (2023-24)" in page.locator("main").inner_text()
    assert_no_axe_violations(page, "the carried-forward action")
    assert not problems, problems
