"""The challenge log: who may raise, answer and close a challenge; its states (awaiting a
response, responded, closed); stale edits refused; every step in history and on the timeline;
the log's filters and counts; the dashboard's open challenges; and the annual report's scrutiny
section (the year's challenges, frozen at publishing, and the statement the scrutineer writes)."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from plans.models import Membership
from plans.tests.factories import BusinessPlanFactory, PartnershipFactory
from plans.tests.queries import TENFOLD, assert_queries_do_not_grow
from reports.annual import annual_report_content, annual_report_publish, annual_report_start
from reports.challenges import (
    challenge_close,
    challenge_log,
    challenge_raise,
    challenge_respond,
    challenge_timeline,
    challenges_of_year,
    open_challenges,
)
from reports.models import Challenge, ChallengeResponse
from subgroups.tests.factories import ActionFactory, SubGroupFactory, WorkplanFactory

pytestmark = pytest.mark.django_db
D = datetime.date
ROLE = Membership.Role


@pytest.fixture
def world(member_of):
    """A 2023-25 plan; PEI (led by `pei_lead`) with action PEI 1.3 in its 2023-24 workplan;
    QAPR led by `qapr_lead`; a scrutineer, an Executive member, the BSU and a viewer; and
    another partnership's BSU and sub-group."""
    plan = BusinessPlanFactory(period_start=D(2023, 4, 1), period_end=D(2025, 3, 31))
    partnership = plan.partnership
    pei = SubGroupFactory(partnership=partnership, name="Prevention & Early Intervention", short_name="PEI")
    qapr = SubGroupFactory(partnership=partnership, name="Quality Assurance", short_name="QAPR")
    action = ActionFactory(
        workplan=WorkplanFactory(plan=plan, subgroup=pei, year="2023-24"), reference="PEI 1.3",
        description="Agree a step-down protocol.",
    )
    users = {
        "scrutineer": member_of(partnership, ROLE.SCRUTINEER, first_name="Sam", last_name="Scrutineer"),
        "executive": member_of(partnership, ROLE.EXECUTIVE, first_name="Eve", last_name="Executive"),
        "bsu": member_of(partnership, ROLE.BSU, first_name="Bea", last_name="Support"),
        "pei_lead": member_of(partnership, ROLE.LEAD, first_name="Pat", last_name="Lead"),
        "qapr_lead": member_of(partnership, ROLE.LEAD),
        "viewer": member_of(partnership, ROLE.VIEWER),
    }
    pei.leads.add(users["pei_lead"])
    qapr.leads.add(users["qapr_lead"])
    other = PartnershipFactory()
    users["other_bsu"] = member_of(other, ROLE.BSU)
    users["other_scrutineer"] = member_of(other, ROLE.SCRUTINEER)
    return {
        "plan": plan, "partnership": partnership, "pei": pei, "qapr": qapr, "action": action,
        "users": users, "other_subgroup": SubGroupFactory(partnership=other),
    }


RAISED_ON = D(2023, 11, 20)


def raise_to_pei(world, *, by="scrutineer", raised_on=RAISED_ON, **fields):
    target = fields.pop("target", {"target_kind": Challenge.Target.SUBGROUP, "subgroup": world["pei"]})
    return challenge_raise(
        partnership=world["partnership"], by=world["users"][by], raised_on=raised_on,
        question=fields.pop("question", "How do you know the review's learning changed practice?"),
        **target, **fields,
    )


# -- Raising --------------------------------------------------------------------------------


@pytest.mark.parametrize("role", ["scrutineer", "executive"])
def test_the_scrutineer_and_an_executive_member_raise_challenges(world, role):
    challenge = raise_to_pei(world, by=role, respond_by=D(2024, 1, 15))
    assert challenge.status == Challenge.Status.OPEN
    assert challenge.raised_by == world["users"][role]
    assert challenge.history.get().history_user == world["users"][role]
    assert challenge.target_label == "the PEI sub-group"


@pytest.mark.parametrize("role", ["bsu", "pei_lead", "viewer", "other_scrutineer"])
def test_nobody_else_raises_a_challenge(world, role):
    with pytest.raises(PermissionDenied):
        raise_to_pei(world, by=role)
    assert not Challenge.objects.exists()


def test_a_challenge_to_an_action_belongs_to_the_actions_subgroup(world):
    challenge = raise_to_pei(world, target={"target_kind": "action", "action": world["action"]})
    assert challenge.subgroup == world["pei"]
    assert challenge.target_label == "action PEI 1.3"


def test_a_challenge_to_a_partner_agency_names_it_and_no_subgroup(world):
    challenge = raise_to_pei(world, target={"target_kind": "agency", "agency": "  Metropolitan Police  "})
    assert (challenge.agency, challenge.subgroup, challenge.target_label) == (
        "Metropolitan Police", None, "Metropolitan Police"
    )


@pytest.mark.parametrize(
    ("target", "field"),
    [
        ({"target_kind": "subgroup"}, "subgroup"),
        ({"target_kind": "action"}, "action"),
        ({"target_kind": "agency", "agency": "   "}, "agency"),
        ({"target_kind": "review"}, "target_kind"),
    ],
)
def test_a_challenge_without_its_target_is_refused_beside_the_field(world, target, field):
    with pytest.raises(ValidationError) as refused:
        raise_to_pei(world, target=target)
    assert field in refused.value.message_dict


def test_another_partnerships_subgroup_cannot_be_challenged(world):
    with pytest.raises(ValidationError) as refused:
        raise_to_pei(world, target={"target_kind": "subgroup", "subgroup": world["other_subgroup"]})
    assert "subgroup" in refused.value.message_dict


def test_an_empty_question_and_a_response_date_in_the_past_are_refused(world):
    with pytest.raises(ValidationError) as refused:
        raise_to_pei(world, question="  ", respond_by=D(2023, 11, 1))
    assert set(refused.value.message_dict) == {"question", "respond_by"}


# -- Responding and closing -------------------------------------------------------------------


@pytest.mark.parametrize("role", ["bsu", "pei_lead"])
def test_the_bsu_and_the_subgroups_leads_respond(world, role):
    challenge = raise_to_pei(world)
    response = challenge_respond(
        challenge=challenge, by=world["users"][role], text="The QAPR dip-sample found 17 of 20 in time.",
        expected_version=1, responded_on=D(2023, 12, 13),
    )
    challenge.refresh_from_db()
    assert challenge.status == Challenge.Status.RESPONDED and challenge.version == 2
    assert response.history.get().history_user == world["users"][role]


@pytest.mark.parametrize("role", ["qapr_lead", "scrutineer", "executive", "viewer", "other_bsu"])
def test_nobody_else_responds(world, role):
    challenge = raise_to_pei(world)
    with pytest.raises(PermissionDenied):
        challenge_respond(challenge=challenge, by=world["users"][role], text="An answer.", expected_version=1)
    assert not ChallengeResponse.objects.exists()


def test_the_leads_of_an_actions_subgroup_respond_to_a_challenge_to_the_action(world):
    challenge = raise_to_pei(world, target={"target_kind": "action", "action": world["action"]})
    challenge_respond(challenge=challenge, by=world["users"]["pei_lead"], text="Answered.", expected_version=1)
    with pytest.raises(PermissionDenied):
        challenge_respond(challenge=challenge, by=world["users"]["qapr_lead"], text="Answered.", expected_version=2)


def test_only_the_bsu_responds_for_a_partner_agency(world):
    challenge = raise_to_pei(world, target={"target_kind": "agency", "agency": "Merton schools"})
    with pytest.raises(PermissionDenied):
        challenge_respond(challenge=challenge, by=world["users"]["pei_lead"], text="Answered.", expected_version=1)
    challenge_respond(challenge=challenge, by=world["users"]["bsu"], text="On the schools' behalf.", expected_version=1)


def test_several_responses_are_kept_in_order(world):
    challenge = raise_to_pei(world)
    lead = world["users"]["pei_lead"]
    challenge_respond(challenge=challenge, by=lead, text="First.", expected_version=1, responded_on=D(2023, 12, 13))
    challenge_respond(challenge=challenge, by=lead, text="Further.", expected_version=2, responded_on=D(2024, 1, 24))
    assert list(challenge.responses.values_list("text", flat=True)) == ["First.", "Further."]


def test_a_stale_response_is_refused_naming_who_changed_the_challenge(world):
    challenge = raise_to_pei(world)
    challenge_respond(challenge=challenge, by=world["users"]["bsu"], text="First.", expected_version=1)
    with pytest.raises(ValidationError, match="Bea Support changed this challenge"):
        challenge_respond(challenge=challenge, by=world["users"]["pei_lead"], text="Mine.", expected_version=1)
    assert challenge.responses.count() == 1


@pytest.mark.parametrize("role", ["scrutineer", "bsu"])
def test_the_raiser_or_the_bsu_closes_with_the_outcome(world, role):
    challenge = raise_to_pei(world)
    closed = challenge_close(
        challenge=challenge, by=world["users"][role], outcome="assured",
        outcome_text="Audit evidence shows the learning changed practice.", expected_version=1,
        closed_on=D(2024, 2, 8),
    )
    assert (closed.status, closed.outcome, closed.closed_by, closed.closed_on) == (
        "closed", "assured", world["users"][role], D(2024, 2, 8)
    )


@pytest.mark.parametrize("role", ["executive", "pei_lead", "viewer", "other_bsu"])
def test_nobody_else_closes_a_challenge(world, role):
    challenge = raise_to_pei(world)  # raised by the scrutineer: another Executive member cannot close it
    with pytest.raises(PermissionDenied):
        challenge_close(challenge=challenge, by=world["users"][role], outcome="assured", outcome_text="x", expected_version=1)
    challenge.refresh_from_db()
    assert challenge.status == "open"


def test_closing_needs_an_outcome_and_what_was_concluded(world):
    challenge = raise_to_pei(world)
    with pytest.raises(ValidationError) as refused:
        challenge_close(challenge=challenge, by=world["users"]["scrutineer"], outcome="", outcome_text=" ", expected_version=1)
    assert set(refused.value.message_dict) == {"outcome", "outcome_text"}


def test_closing_on_a_response_the_closer_has_not_read_is_refused(world):
    challenge = raise_to_pei(world)
    challenge_respond(challenge=challenge, by=world["users"]["pei_lead"], text="New evidence.", expected_version=1)
    with pytest.raises(ValidationError, match="Pat Lead changed this challenge"):
        challenge_close(
            challenge=challenge, by=world["users"]["scrutineer"], outcome="not_assured", outcome_text="No answer.",
            expected_version=1,
        )
    challenge.refresh_from_db()
    assert challenge.status == "responded"


def test_a_closed_challenge_takes_no_more_responses_and_cannot_be_closed_again(world):
    challenge = raise_to_pei(world)
    challenge_close(challenge=challenge, by=world["users"]["scrutineer"], outcome="escalated", outcome_text="To the Executive.", expected_version=1)
    with pytest.raises(ValidationError, match="closed on"):
        challenge_respond(challenge=challenge, by=world["users"]["bsu"], text="Late.", expected_version=2)
    with pytest.raises(ValidationError, match="closed on"):
        challenge_close(challenge=challenge, by=world["users"]["bsu"], outcome="assured", outcome_text="x", expected_version=2)


def test_every_step_is_in_history_and_on_the_timeline(world):
    challenge = raise_to_pei(world)
    challenge_respond(challenge=challenge, by=world["users"]["pei_lead"], text="Evidence.", expected_version=1, responded_on=D(2023, 12, 13))
    challenge_close(challenge=challenge, by=world["users"]["scrutineer"], outcome="assured", outcome_text="Assured.", expected_version=2, closed_on=D(2024, 2, 8))
    steps = challenge.history.order_by("history_id").values_list("status", "history_user__first_name")
    assert list(steps) == [("open", "Sam"), ("responded", "Pat"), ("closed", "Sam")]
    challenge.refresh_from_db()
    assert [(e.day, e.what, e.who) for e in challenge_timeline(challenge)] == [
        (D(2023, 11, 20), "Raised", "Sam Scrutineer"),
        (D(2023, 12, 13), "Response", "Pat Lead"),
        (D(2024, 2, 8), "Closed: Assured", "Sam Scrutineer"),
    ]


# -- The log and the dashboard ----------------------------------------------------------------


def _three_challenges(world):
    """Open (2023-24, sub-group), responded (2024-25, action), closed (2024-25, agency)."""
    raise_to_pei(world, raised_on=D(2024, 1, 10))
    responded = raise_to_pei(world, raised_on=D(2024, 5, 1), target={"target_kind": "action", "action": world["action"]})
    challenge_respond(challenge=responded, by=world["users"]["bsu"], text="Answer.", expected_version=1)
    closed = raise_to_pei(world, raised_on=D(2024, 6, 1), target={"target_kind": "agency", "agency": "Police"})
    challenge_close(challenge=closed, by=world["users"]["scrutineer"], outcome="assured", outcome_text="Fine.", expected_version=1)


def test_the_log_filters_by_status_year_and_target_and_counts(world):
    _three_challenges(world)
    partnership = world["partnership"]
    everything = challenge_log(partnership=partnership)
    assert everything["counts"] == {"total": 3, "open": 1, "responded": 1, "closed": 1}
    assert [c.raised_on for c in everything["challenges"]] == [D(2024, 6, 1), D(2024, 5, 1), D(2024, 1, 10)]
    assert len(challenge_log(partnership=partnership, status="open")["challenges"]) == 2
    year = challenge_log(partnership=partnership, year="2024-25")
    assert year["counts"]["total"] == 2 and len(year["challenges"]) == 2
    assert [c.target_kind for c in challenge_log(partnership=partnership, target_kind="agency")["challenges"]] == ["agency"]
    ignored = challenge_log(partnership=partnership, status="bogus", year="20x4", target_kind="nope")
    assert ignored["filters"] == {"status": "", "year": "", "target_kind": ""} and len(ignored["challenges"]) == 3


def test_the_log_page_shows_own_partnerships_challenges_and_offers_raising_to_challengers(client, world):
    _three_challenges(world)
    client.force_login(world["users"]["scrutineer"])
    page = client.get(reverse("reports:challenge-list"), {"status": "open"})
    assert "Challenges, newest first (2)" in page.text
    assert reverse("reports:challenge-create", args=[world["partnership"].pk]) in page.text
    client.force_login(world["users"]["viewer"])
    page = client.get(reverse("reports:challenge-list"))
    assert "Raise a challenge" not in page.text and "Police" in page.text
    client.force_login(world["users"]["other_bsu"])
    assert "Police" not in client.get(reverse("reports:challenge-list")).text


def test_the_log_page_refuses_a_filter_it_does_not_offer_beside_its_field_and_shows_the_rest(client, world):
    _three_challenges(world)
    client.force_login(world["users"]["scrutineer"])
    page = client.get(reverse("reports:challenge-list"), {"status": "bogus", "year": "2024-25", "target_kind": "agency"})
    assert page.status_code == 200
    form = page.context["form"]
    assert form.errors == {"status": ["Choose a status from the list."]}
    assert page.text.count("Choose a status from the list.") == 2  # in the summary and beside the field
    assert "Challenges, newest first (1)" in page.text  # the year and the target still filter
    page = client.get(reverse("reports:challenge-list"), {"year": "1999-00"})
    assert "Choose a raised in from the list." not in page.text
    assert page.context["form"].errors == {"year": ["Choose a year from the list."]}


def test_the_log_page_takes_no_more_queries_with_more_challenges(client, world, django_assert_max_num_queries):
    _three_challenges(world)
    client.force_login(world["users"]["scrutineer"])

    def grow():
        for number in range(TENFOLD * 3):
            challenge = raise_to_pei(world, raised_on=D(2024, 2, 1), question=f"Question {number}")
            challenge_respond(challenge=challenge, by=world["users"]["bsu"], text="Answer.", expected_version=1)

    assert_queries_do_not_grow(
        client, reverse("reports:challenge-list"), grow=grow, ceiling=20,
        django_assert_max_num_queries=django_assert_max_num_queries,
    )


def test_open_challenges_count_the_not_closed_and_list_the_oldest(world):
    _three_challenges(world)
    summary = open_challenges(partnership_id=world["partnership"].pk)
    assert (summary["count"], summary["awaiting"]) == (2, 1)
    assert [c.raised_on for c in summary["oldest"]] == [D(2024, 1, 10), D(2024, 5, 1)]


def test_the_dashboard_shows_open_challenges_without_more_queries(client, world, django_assert_max_num_queries):
    _three_challenges(world)
    client.force_login(world["users"]["executive"])
    url = reverse("reports:dashboard")

    def grow():
        for number in range(TENFOLD * 2):
            raise_to_pei(world, raised_on=D(2024, 2, 1), question=f"Question {number}")

    page = assert_queries_do_not_grow(
        client, url, grow=grow, ceiling=60, django_assert_max_num_queries=django_assert_max_num_queries
    )
    assert "Open challenges" in page.text
    assert "22</strong> challenges not yet closed, 21 awaiting a response" in page.text
    assert page.text.count(reverse("reports:challenge-detail", args=[Challenge.objects.earliest("raised_on").pk])) == 1


# -- Pages ------------------------------------------------------------------------------------


def test_raising_through_the_form_keeps_the_input_and_says_what_is_missing(client, world):
    client.force_login(world["users"]["scrutineer"])
    url = reverse("reports:challenge-create", args=[world["partnership"].pk])
    page = client.post(url, {"target_kind": "action", "question": "Where is the protocol?", "respond_by_0": "31"})
    assert page.status_code == 200 and not Challenge.objects.exists()
    assert "Choose the action you are challenging." in page.text
    assert "Enter the day, month and year, or leave all three empty." in page.text
    assert "Where is the protocol?" in page.text
    done = client.post(url, {"target_kind": "action", "action": world["action"].pk, "question": "Where is the protocol?"})
    challenge = Challenge.objects.get()
    assert done.status_code == 302 and done.url == challenge.get_absolute_url()
    assert challenge.subgroup == world["pei"]


def test_a_link_from_an_action_chooses_it_in_the_form(client, world):
    client.force_login(world["users"]["executive"])
    url = reverse("reports:challenge-create", args=[world["partnership"].pk])
    page = client.get(url, {"action": world["action"].pk})
    assert f'<option value="{world["action"].pk}" selected>' in page.text


def test_the_challenge_page_offers_respond_and_close_to_whom_it_should(client, world):
    challenge = raise_to_pei(world)
    respond = reverse("reports:challenge-respond", args=[challenge.pk])
    close = reverse("reports:challenge-close", args=[challenge.pk])
    for role, offers_respond, offers_close in [
        ("scrutineer", False, True), ("bsu", True, True), ("pei_lead", True, False),
        ("qapr_lead", False, False), ("executive", False, False), ("viewer", False, False),
    ]:
        client.force_login(world["users"][role])
        page = client.get(challenge.get_absolute_url())
        assert (respond in page.text, close in page.text) == (offers_respond, offers_close), role


def test_a_stale_response_keeps_the_text_and_shows_the_new_one(client, world):
    challenge = raise_to_pei(world)
    client.force_login(world["users"]["pei_lead"])
    url = reverse("reports:challenge-respond", args=[challenge.pk])
    client.get(url)
    challenge_respond(challenge=challenge, by=world["users"]["bsu"], text="The BSU's answer.", expected_version=1)
    page = client.post(url, {"text": "My own answer.", "version": 1})
    assert page.status_code == 409
    assert "Bea Support changed this challenge" in page.text
    assert "My own answer." in page.text and "The BSU&#x27;s answer." in page.text
    again = client.post(url, {"text": "My own answer.", "version": 2})
    assert again.status_code == 302 and challenge.responses.count() == 2


def test_a_refused_close_shows_the_errors_on_the_challenge_page(client, world):
    challenge = raise_to_pei(world)
    client.force_login(world["users"]["scrutineer"])
    page = client.post(reverse("reports:challenge-close", args=[challenge.pk]), {"outcome_text": "Half done", "version": 1})
    assert page.status_code == 200
    assert "Choose the outcome of the challenge." in page.text and "Half done" in page.text
    assert page.text.count("<title>Error: ") == 1


# -- The annual report's scrutiny section -----------------------------------------------------


def test_the_scrutiny_section_lists_the_years_challenges_and_publishing_freezes_them(world):
    _three_challenges(world)
    partnership = world["partnership"]
    assert [row["raised_on"] for row in challenges_of_year(partnership=partnership, year="2024-25")] == [
        "2024-05-01", "2024-06-01"
    ]
    report = annual_report_start(partnership=partnership, year="2024-25")
    content = annual_report_content(report)
    assert [(c["target"], c["status_label"], c["outcome"]) for c in content["challenges"]] == [
        ("action PEI 1.3", "Responded", ""), ("Police", "Closed", "Assured"),
    ]
    published = annual_report_publish(report=report, user=world["users"]["bsu"])
    raise_to_pei(world, raised_on=D(2024, 7, 1))  # after publishing: not in the frozen report
    assert len(annual_report_content(published)["challenges"]) == 2
    assert len(annual_report_content(annual_report_start(partnership=partnership, year="2024-25"))["challenges"]) == 3


def test_a_report_published_before_the_challenge_log_still_shows(world):
    report = annual_report_publish(
        report=annual_report_start(partnership=world["partnership"], year="2023-24"), user=world["users"]["bsu"]
    )
    report.snapshot.pop("challenges")
    report.save(update_fields=["snapshot"])
    assert annual_report_content(report)["challenges"] == []


def test_the_scrutineer_writes_the_scrutiny_statement_and_no_other_section(client, world):
    report = annual_report_start(partnership=world["partnership"], year="2023-24")
    client.force_login(world["users"]["scrutineer"])
    page = client.get(report.get_absolute_url())
    assert reverse("reports:annual-section", args=[report.pk, "scrutiny"]) in page.text
    assert reverse("reports:annual-section", args=[report.pk, "foreword"]) not in page.text
    assert reverse("reports:annual-publish", args=[report.pk]) not in page.text
    saved = client.post(
        reverse("reports:annual-section", args=[report.pk, "scrutiny"]),
        {"text": "Challenge between partners is open and constructive.", "version": 0},
    )
    assert saved.status_code == 302
    assert report.sections.get(slug="scrutiny").updated_by == world["users"]["scrutineer"]
    assert client.get(reverse("reports:annual-section", args=[report.pk, "foreword"])).status_code == 403
    assert client.post(reverse("reports:annual-publish", args=[report.pk])).status_code == 403


def test_the_scrutiny_table_is_in_the_pdf(client, world):
    _three_challenges(world)
    report = annual_report_start(partnership=world["partnership"], year="2024-25")
    client.force_login(world["users"]["viewer"])
    from reports.tests.test_pdfs import read, text_of

    text = text_of(read(client.get(reverse("reports:annual-pdf", args=[report.pk])).content))
    assert "Challenges raised in 2024-25" in text and "Assured" in text and "To action PEI 1.3" in text


def test_the_action_and_subgroup_pages_offer_a_challenge_to_challengers_only(client, world):
    create = reverse("reports:challenge-create", args=[world["partnership"].pk])
    for role, offered in [("scrutineer", True), ("executive", True), ("bsu", False), ("viewer", False)]:
        client.force_login(world["users"][role])
        action_page = client.get(world["action"].get_absolute_url()).text
        subgroup_page = client.get(world["pei"].get_absolute_url()).text
        assert (f"{create}?action={world['action'].pk}" in action_page) == offered, role
        assert (f"{create}?subgroup={world['pei'].pk}" in subgroup_page) == offered, role
