"""An update round in a real browser (see conftest_browser.py): the BSU updates a workplan's
actions on one page with the mouse (one row refused, corrected and saved again), and a lead
updates their actions from My actions with the keyboard alone. axe checks the page, its
errors included."""

import re

import pytest
from django.urls import reverse

from subgroups.models import ActionUpdate
from subgroups.tests.test_browser_updates import press_until
from subgroups.tests.test_browser_workplan import wait_for_path

pytestmark = pytest.mark.django_db(transaction=True)

ROWS = "table.app-update-round tbody"


def row(page, reference):
    return page.locator(ROWS, has=page.locator(".app-reference", has_text=re.compile(rf"^{re.escape(reference)}\b")))


def test_the_bsu_updates_a_workplan_in_one_round_with_the_mouse(page, demo, sign_in, assert_no_axe_violations):
    actions = {a.reference: a for a in demo.workplan.actions.all()}
    before = ActionUpdate.objects.count()
    sign_in(page, demo.users["bsu"])
    page.goto(demo.workplan.get_absolute_url())
    page.get_by_role("link", name="Update several actions").click()
    page.get_by_role("heading", level=1, name="Update PEI workplan 2023-24").wait_for()
    assert_no_axe_violations(page, "update round")

    page.get_by_label("Checked, no change for PEI 1.1").check()
    page.get_by_label("Rating for PEI 2.1").select_option(label="Red")  # no words: refused
    page.get_by_label("Rating for PEI 2.4").select_option(label="Amber")
    page.get_by_label("Update for PEI 2.4").fill("Launch slipped to June: the pathway needs the ED's sign-off.")
    page.get_by_role("button", name="Save updates").click()

    page.locator(".govuk-error-summary").wait_for()
    assert "2 updates saved; 1 needs attention." in page.locator("#round-outcome").inner_text()
    assert "PEI 2.1: Say why this action is red" in page.locator(".govuk-error-summary").inner_text()
    assert "Say why this action is red" in row(page, "PEI 2.1").inner_text()
    assert page.get_by_label("Rating for PEI 2.1").input_value() == "red"  # kept as typed
    assert ActionUpdate.objects.count() == before + 2
    assert actions["PEI 1.1"].updates.order_by("-pk").first().kind == ActionUpdate.Kind.CHECK
    assert_no_axe_violations(page, "update round with a row refused")

    page.locator(".govuk-error-summary a").first.click()
    assert page.evaluate("document.activeElement.id") == page.get_by_label("Update for PEI 2.1").get_attribute("id")
    page.get_by_label("Update for PEI 2.1").fill("Community partners withdrew; the chair is escalating to the Executive.")
    page.get_by_role("button", name="Save updates").click()
    wait_for_path(page, demo.workplan.get_absolute_url())
    assert "1 update saved: PEI 2.1." in page.locator(".govuk-notification-banner--success").inner_text()
    assert actions["PEI 2.1"].updates.order_by("-pk").first().rating == "red"
    assert ActionUpdate.objects.count() == before + 3

    # The history shows the check in words.
    page.goto(actions["PEI 1.1"].get_absolute_url())
    assert "Checked, no change: rating kept" in page.locator("table").inner_text()


def test_a_lead_updates_their_actions_from_my_actions_with_the_keyboard_only(page, demo, sign_in):
    lead = demo.users["lead"]
    sign_in(page, lead)
    page.goto(reverse("subgroups:my-actions"))
    press_until(page, "Tab", "a[href$='/my-actions/update/']")
    page.keyboard.press("Enter")
    page.get_by_role("heading", level=1, name="Update my actions").wait_for()

    selects = page.locator("select[name$='-rating']")
    assert selects.count() >= 2
    references = page.locator(".app-reference").evaluate_all("links => links.map(a => a.firstChild.textContent.trim())")
    first_id, (first_ref, second_ref) = selects.nth(0).get_attribute("id"), references[:2]
    second_check = page.locator("input[name$='-kind']").nth(1).get_attribute("id")

    press_until(page, "Tab", f"#{first_id}")
    options = selects.nth(0).evaluate("select => [...select.options].map(o => o.text)")
    current = selects.nth(0).evaluate("select => select.selectedOptions[0].text")
    index = options.index(current)
    page.keyboard.press("ArrowDown" if index + 1 < len(options) else "ArrowUp")
    chosen = selects.nth(0).evaluate("select => select.selectedOptions[0].text")
    assert chosen != current
    press_until(page, "Tab", f"#{first_id.replace('-rating', '-narrative')}")
    page.keyboard.type("Reviewed with the chair: the new position and why.")
    press_until(page, "Tab", f"#{second_check}")
    page.keyboard.press("Space")
    assert page.locator(f"#{second_check}").is_checked()
    press_until(page, "Tab", "main button[type=submit]")
    page.keyboard.press("Enter")

    wait_for_path(page, reverse("subgroups:my-actions"))
    banner = page.locator(".govuk-notification-banner--success").inner_text()
    assert "2 updates saved:" in banner and first_ref in banner and second_ref in banner
    first, second = (
        ActionUpdate.objects.filter(author=lead, action__reference=ref).order_by("-pk").first()
        for ref in (first_ref, second_ref)
    )
    assert first.rating_label == chosen and first.narrative.startswith("Reviewed with the chair")
    assert second.kind == ActionUpdate.Kind.CHECK
