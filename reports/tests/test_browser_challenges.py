"""The challenge journey in a real browser: the independent scrutineer raises a challenge to
an action (first forgetting to say which), the BSU finds it on the dashboard and answers it
(first sending nothing), and the scrutineer closes it with its outcome; every step is on the
challenge's timeline and each page passes axe."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db(transaction=True)

QUESTION = "The step-down protocol was signed off: how many step-downs now happen within five working days?"
ANSWER = "The QAPR dip-sample found 17 of 20 step-downs completed within five working days."


def status_of(page) -> str:
    return page.locator(".govuk-summary-list__row", has_text="Status").locator("dd").inner_text().strip()


def test_scrutineer_raises_a_challenge_the_bsu_answers_and_the_scrutineer_closes_it(
    page, sign_in, demo, assert_no_axe_violations
):
    from reports.models import Challenge

    action = demo.workplan.actions.get(reference="PEI 1.3")
    sign_in(page, demo.users["scrutineer"])
    page.goto(reverse("plans:home"))
    page.get_by_role("link", name="Challenges", exact=True).click()
    page.get_by_role("link", name="Raise a challenge").click()
    page.wait_for_url(f"**{reverse('reports:challenge-create', args=[demo.plan.partnership_id])}")
    assert page.get_by_role("heading", level=1).inner_text() == "Raise a challenge"
    assert_no_axe_violations(page, "raise a challenge")

    # The scrutineer chooses "An action" and writes the question, but forgets to pick which.
    page.get_by_label("An action").check()
    page.get_by_label("Your challenge").fill(QUESTION)
    page.get_by_role("button", name="Raise the challenge").click()
    summary = page.locator(".govuk-error-summary")
    assert "Choose the action you are challenging." in summary.inner_text()
    assert page.title().startswith("Error: ")
    assert page.get_by_label("Your challenge").input_value() == QUESTION  # nothing lost
    assert page.get_by_label("An action").is_checked()
    summary.get_by_role("link", name="Choose the action you are challenging.").click()
    assert page.evaluate("document.activeElement.id") == "id_action"
    page.get_by_label("Action", exact=True).select_option(str(action.pk))
    page.get_by_role("button", name="Raise the challenge").click()

    challenge = Challenge.objects.get(question=QUESTION)
    page.wait_for_url(f"**{challenge.get_absolute_url()}")
    assert page.get_by_role("heading", level=1).inner_text() == "Challenge to action PEI 1.3"
    assert status_of(page) == "Awaiting a response"
    assert "Respond to the challenge" not in page.content()  # the scrutineer does not answer
    assert_no_axe_violations(page, "challenge raised")

    # The BSU finds it on the dashboard and answers it, first sending an empty response.
    sign_in(page, demo.users["bsu"])
    page.goto(reverse("reports:dashboard"))
    panel = page.locator("section", has=page.get_by_role("heading", name="Open challenges"))
    assert "3 challenges not yet closed, 2 awaiting a response" in " ".join(panel.inner_text().split())
    page.goto(reverse("reports:challenge-list") + "?status=open")
    page.get_by_role("link", name="challenge to action PEI 1.3").click()
    page.wait_for_url(f"**{challenge.get_absolute_url()}")
    page.get_by_role("link", name="Respond to the challenge").click()
    page.wait_for_url(f"**{reverse('reports:challenge-respond', args=[challenge.pk])}")
    assert_no_axe_violations(page, "respond to a challenge")
    page.get_by_role("button", name="Send the response").click()
    assert "Enter your response to the challenge." in page.locator(".govuk-error-summary").inner_text()
    page.get_by_label("Your response").fill(ANSWER)
    page.get_by_role("button", name="Send the response").click()
    page.wait_for_url(f"**{challenge.get_absolute_url()}")
    assert "Your response has been added to the challenge." in page.content()
    assert status_of(page) == "Responded"
    timeline = page.locator(".app-timeline")
    assert "Business Support Officer" in timeline.inner_text() and ANSWER in timeline.inner_text()

    # The scrutineer closes it with its outcome.
    sign_in(page, demo.users["scrutineer"])
    page.goto(challenge.get_absolute_url())
    assert_no_axe_violations(page, "challenge with its close form")
    page.get_by_role("radio", name="Assured", exact=True).check()
    page.get_by_label("What was concluded").fill("Audit evidence shows the protocol works. Assured.")
    page.get_by_role("button", name="Close the challenge").click()
    page.get_by_text("Challenge closed: Assured.").wait_for()
    assert status_of(page) == "Closed"
    steps = [step.inner_text() for step in page.locator(".app-timeline__title").all()]
    assert steps == ["Raised", "Response", "Closed: Assured"]
    assert page.get_by_role("button", name="Close the challenge").count() == 0
    challenge.refresh_from_db()
    assert [h.status for h in challenge.history.order_by("history_id")] == ["open", "responded", "closed"]


def test_the_scrutineer_writes_the_scrutiny_statement_under_the_years_challenges(page, sign_in, demo):
    from reports.models import AnnualReport

    report = AnnualReport.objects.get(partnership__slug="merton", year="2023-24", status="draft")
    sign_in(page, demo.users["scrutineer"])
    page.goto(report.get_absolute_url())
    section = page.locator("section", has=page.get_by_role("heading", name="Independent scrutiny and assurance", exact=True))
    table = section.get_by_role("table", name="Challenges raised in 2023-24 and their outcomes")
    assert table.locator("tbody tr").count() == 5
    assert "Escalated" in table.inner_text()
    assert page.get_by_role("link", name="Edit Foreword by the Independent Chair").count() == 0
    section.get_by_role("link", name="Edit Independent scrutiny and assurance").click()
    page.get_by_label("Text").fill("Challenge between partners is open and constructive.")
    page.get_by_role("button", name="Save").click()
    page.wait_for_url(f"**{report.get_absolute_url()}#section-scrutiny")
    assert "Challenge between partners is open and constructive." in section.inner_text()
