"""The reviews register: the check for details that may identify a child, recommendations
tracked through their actions as at a date (the dashboard's ratings), stale edits refused,
the pages (warning and "Save anyway", as-at, filters, query guards) and the annual report's
generated "Learning from reviews"."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from mscp.demo import merton_reviews
from plans.models import Membership
from plans.tests.factories import PartnershipFactory
from plans.tests.queries import TENFOLD, assert_queries_do_not_grow
from reports.annual import annual_report_content, annual_report_publish, annual_report_start
from reports.models import LearningReview, Recommendation
from reports.reviews import (
    actions_as_at,
    finding_edit,
    identifying_details,
    recommendation_edit,
    recommendation_link_actions,
    recommendation_progress,
    review_create,
    review_edit,
    reviews_of_year,
)
from reports.tests.factories import FindingFactory, LearningReviewFactory, RecommendationFactory
from reports.tests.test_pdfs import read, text_of
from subgroups.brag import plan_as_at
from subgroups.models import Action
from subgroups.tests.factories import ActionFactory, ActionUpdateFactory, WorkplanFactory

pytestmark = pytest.mark.django_db
D = datetime.date


def actions_of(plan):
    return {action.reference: action for action in Action.objects.filter(workplan__plan=plan)}


# -- Identifying details ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("The child, born 12/03/2015, was known to school.", ["a date of birth (“born”)", "a date (“12/03/2015”)"]),
        ("Seen on 12 March 2015 by the GP.", ["a date (“12 March 2015”)"]),
        ("Seen on March 12, 2015.", ["a date (“March 12, 2015”)"]),
        ("Incident on 2015-03-12.", ["a date (“2015-03-12”)"]),
        ("DOB recorded by the school.", ["a date of birth (“DOB”)"]),
        ("A boy aged 7 and his sister.", ["an age (“aged 7”)"]),
        ("A 15-year-old was stabbed.", ["an age (“15-year-old”)"]),
        ("The family lived at SW19 2AB.", ["a postcode (“SW19 2AB”)"]),
        ("NHS number 485 777 3456.", ["an NHS number (“485 777 3456”)"]),
    ],
)
def test_identifying_details_are_found(text, found):
    assert identifying_details(text) == found


@pytest.mark.parametrize(
    "text",
    [
        "Notified in October 2023 and submitted within 15 working days.",
        "Tracked through the 2023-24 workplans (ESS 5.5).",
        "ICON recorded at only 9 of 30 GP 8-week checks; 96% of new birth visits.",
        "A school-age child lived with chronic neglect.",
    ],
)
def test_ordinary_review_text_is_not_flagged(text):
    assert identifying_details(text) == []


def test_the_demo_register_identifies_nobody():
    for review in merton_reviews.REVIEWS:
        texts = [review["title"], review["summary"], *review["findings"]]
        texts += [part for rec in review["recommendations"] for part in (rec["text"], rec["evidence"])]
        assert [text for text in texts if identifying_details(text)] == []


# -- Recommendations tracked through actions, as at a date ------------------------------------


@pytest.fixture
def review(plan):
    return LearningReviewFactory(partnership=plan.partnership, notified_on=D(2023, 6, 1))


def test_an_actions_rating_as_at_a_date_is_the_dashboards(plan, review):
    actions = actions_of(plan)
    for day in [D(2023, 7, 1), D(2023, 12, 31), D(2024, 3, 31), D(2024, 12, 1)]:
        dashboard = {a.pk: a.current_rating for a in plan_as_at(plan, day).as_they_stood()}
        ours = {a.pk: a.current_rating for a in actions_as_at(Action.objects.all(), day) if a.existed}
        assert ours == dashboard, day
    assert not actions_as_at(Action.objects.filter(pk=actions["A4"].pk), D(2024, 3, 31)).get().existed


def test_a_recommendation_is_complete_when_every_linked_action_is_blue_on_the_date(plan, review):
    actions = actions_of(plan)
    only_a2 = RecommendationFactory(review=review, actions=[actions["A2"]])
    a2_and_a4 = RecommendationFactory(review=review, actions=[actions["A2"], actions["A4"]])
    nothing = RecommendationFactory(review=review)

    def states(day):
        progress = recommendation_progress([only_a2, a2_and_a4, nothing], day)
        return [(progress[r.pk].is_complete, progress[r.pk].label) for r in (only_a2, a2_and_a4, nothing)]

    # A2 green until 10 January 2024, then blue; A4 added October 2024, amber from November.
    assert states(D(2023, 12, 31)) == [
        (False, "Open: 0 of 1 actions done"), (False, "Open: 0 of 2 actions done"), (False, "Open: no actions linked")
    ]
    assert states(D(2024, 3, 31))[:2] == [(True, "Complete"), (False, "Open: 1 of 2 actions done")]
    assert states(D(2025, 3, 31))[1] == (False, "Open: 1 of 2 actions done")
    ActionUpdateFactory(action=actions["A4"], rating="blue", as_at=D(2025, 2, 1))
    assert states(D(2025, 3, 31))[1] == (True, "Complete")
    assert states(D(2025, 1, 31))[1] == (False, "Open: 1 of 2 actions done")


def test_an_action_closed_at_a_year_end_has_done_its_part_from_its_closing_date(plan, review):
    action = actions_of(plan)["A1"]  # red
    Action.objects.filter(pk=action.pk).update(closure="not_achieved", closed_on=D(2024, 4, 1))
    recommendation = RecommendationFactory(review=review, actions=[action])
    assert not recommendation_progress([recommendation], D(2024, 3, 31))[recommendation.pk].is_complete
    assert recommendation_progress([recommendation], D(2024, 4, 1))[recommendation.pk].is_complete


# -- Writes ----------------------------------------------------------------------------------------


def test_a_stale_edit_of_a_review_is_refused_naming_who_changed_it(plan, member_of):
    bsu = member_of(plan.partnership, Membership.Role.BSU, first_name="Sam", last_name="Ellis")
    review = review_create(partnership=plan.partnership, fields={"kind": "rapid", "title": "Review"}, by=bsu)
    review_edit(review=review, expected_version=1, fields={"status": "closed"}, by=bsu)
    with pytest.raises(ValidationError, match="Sam Ellis changed this review"):
        review_edit(review=review, expected_version=1, fields={"title": "Mine"}, by=bsu)
    review.refresh_from_db()
    assert (review.title, review.status, review.version) == ("Review", "closed", 2)
    assert review.history.first().history_user == bsu


def test_saving_a_review_its_finding_recommendation_or_links_unchanged_writes_nothing(plan, member_of):
    bsu = member_of(plan.partnership, Membership.Role.BSU)
    review = review_create(partnership=plan.partnership, fields={"kind": "rapid", "title": "Review"}, by=bsu)
    finding = FindingFactory(review=review)
    recommendation = RecommendationFactory(review=review, evidence_of_impact="")
    action = next(iter(actions_of(plan).values()))
    recommendation_link_actions(recommendation=recommendation, expected_version=1, actions=[action], by=bsu)
    assert review_edit(review=review, expected_version=1, fields={"title": "Review"}, by=bsu).version == 1
    assert finding_edit(finding=finding, expected_version=1, text=finding.text, by=bsu).version == 1
    assert recommendation_edit(
        recommendation=recommendation, expected_version=2, text=recommendation.text, evidence_of_impact="", by=bsu
    ).version == 2
    assert recommendation_link_actions(recommendation=recommendation, expected_version=2, actions=[action], by=bsu).version == 2
    assert recommendation_link_actions(recommendation=recommendation, expected_version=2, actions=[], by=bsu).version == 3


def test_review_dates_out_of_order_are_refused_by_field(plan, member_of):
    bsu = member_of(plan.partnership, Membership.Role.BSU)
    with pytest.raises(ValidationError) as refused:
        review_create(
            partnership=plan.partnership,
            fields={"kind": "rapid", "title": "Review", "notified_on": D(2024, 5, 1), "decided_on": D(2024, 4, 1)},
            by=bsu,
        )
    assert "decided_on" in refused.value.message_dict
    assert not LearningReview.objects.exists()


def test_only_the_partnerships_own_actions_can_be_linked(plan, review, member_of):
    bsu = member_of(plan.partnership, Membership.Role.BSU)
    recommendation = RecommendationFactory(review=review)
    other = ActionFactory()
    mine = actions_of(plan)["A1"]
    with pytest.raises(ValidationError):
        recommendation_link_actions(recommendation=recommendation, expected_version=1, actions=[mine, other], by=bsu)
    assert not recommendation.actions.exists()
    recommendation_link_actions(recommendation=recommendation, expected_version=1, actions=[mine], by=bsu)
    recommendation.refresh_from_db()
    assert list(recommendation.actions.all()) == [mine] and recommendation.version == 2


# -- Pages -------------------------------------------------------------------------------------------


@pytest.fixture
def bsu_client(client, member_of, plan):
    client.force_login(member_of(plan.partnership, Membership.Role.BSU))
    return client


REVIEW_POST = {"kind": "rapid", "title": "Serious injury to an infant", "status": "open", "reference": "RR 9"}


def test_text_that_may_identify_a_child_is_not_saved_until_the_author_confirms(bsu_client, plan):
    url = reverse("reports:review-create", args=[plan.partnership.pk])
    assert "Save anyway" not in bsu_client.get(url).text
    data = REVIEW_POST | {"summary": "A baby aged 3 months, born 01/02/2023, was injured."}
    response = bsu_client.post(url, data)
    assert response.status_code == 200 and not LearningReview.objects.exists()
    page = response.text
    assert "This may identify a child: it contains" in page and "“01/02/2023”" in page
    assert 'id="id_summary-error"' in page or "govuk-error-message" in page
    assert "Save anyway" in page and "born 01/02/2023" in page  # the input is kept
    response = bsu_client.post(url, data | {"save_anyway": "on"})
    assert response.status_code == 302
    assert LearningReview.objects.get().summary.startswith("A baby aged 3 months")


def test_the_form_says_to_leave_out_identifying_details(bsu_client, plan):
    page = bsu_client.get(reverse("reports:review-create", args=[plan.partnership.pk])).text
    assert "Do not include anything that could identify a child" in page


def test_findings_and_recommendations_are_checked_too(bsu_client, review):
    url = reverse("reports:recommendation-create", args=[review.pk])
    response = bsu_client.post(url, {"text": "Follow up the 12-year-old's school.", "evidence_of_impact": ""})
    assert response.status_code == 200 and "an age" in response.text
    assert not Recommendation.objects.exists()
    response = bsu_client.post(reverse("reports:finding-create", args=[review.pk]), {"text": "Schools shared well."})
    assert response.status_code == 302 and review.findings.get().text == "Schools shared well."


def test_the_review_page_shows_each_actions_rating_as_at_the_date_asked(bsu_client, plan, review):
    actions = actions_of(plan)
    RecommendationFactory(review=review, text="Share information.", actions=[actions["A2"], actions["A4"]])
    FindingFactory(review=review, text="Nobody held the whole picture.")
    url = review.get_absolute_url()
    before = bsu_client.get(url, {"as_at": "2023-12-31"}).text
    assert "Nobody held the whole picture." in before
    assert 'app-brag--green">Green' in before and "Not in a workplan on that date" in before
    assert "0 of 1 recommendation complete as at 31 December 2023" in before
    after = bsu_client.get(url, {"as_at": "2025-03-31"}).text
    assert 'app-brag--blue">Blue' in after and 'app-brag--amber">Amber' in after
    refused = bsu_client.get(url, {"as_at_0": "31", "as_at_1": "2", "as_at_2": "2024"})
    assert refused.status_code == 200 and "Enter a real date" in refused.text


def test_a_stale_edit_on_the_page_keeps_the_input_and_says_who(bsu_client, review):
    url = reverse("reports:review-edit", args=[review.pk])
    LearningReview.objects.filter(pk=review.pk).update(version=2)
    response = bsu_client.post(url, REVIEW_POST | {"title": "My new title", "version": 1})
    assert response.status_code == 200
    assert "changed this review while you were editing it" in response.text and "My new title" in response.text
    assert bsu_client.post(url, REVIEW_POST | {"title": "My new title", "version": 2}).status_code == 302


def test_the_link_page_offers_every_year_and_sub_group_and_links_the_ticked(bsu_client, plan, review):
    next_year = ActionFactory(workplan=WorkplanFactory(plan=plan, year="2024-25"), reference="B1")
    recommendation = RecommendationFactory(review=review)
    url = reverse("reports:recommendation-actions", args=[recommendation.pk])
    page = bsu_client.get(url).text
    assert "workplan 2024-25" in page and "workplan 2023-24" in page and "B1:" in page
    a1 = actions_of(plan)["A1"]
    assert bsu_client.post(url, {"actions": [a1.pk, next_year.pk], "version": 1}).status_code == 302
    assert set(recommendation.actions.all()) == {a1, next_year}
    outsider_action = ActionFactory()
    response = bsu_client.post(url, {"actions": [outsider_action.pk], "version": 2})
    assert response.status_code == 200 and "Choose actions from the list" in response.text
    assert bsu_client.post(url, {"version": 2}).status_code == 302
    assert not recommendation.actions.exists()


def test_the_register_filters_by_kind_status_and_year_with_counts(bsu_client, plan):
    partnership = plan.partnership
    LearningReviewFactory(partnership=partnership, title="Rapid one", notified_on=D(2023, 10, 4))
    LearningReviewFactory(partnership=partnership, kind="lcspr", title="Local one", published_on=D(2024, 5, 22))
    LearningReviewFactory(partnership=PartnershipFactory(), title="Not ours")
    url = reverse("reports:review-list")
    page = bsu_client.get(url).text
    assert "Rapid one" in page and "Local one" in page and "Not ours" not in page
    page = bsu_client.get(url, {"kind": "lcspr"}).text
    assert "Local one" in page and "Rapid one" not in page
    page = bsu_client.get(url, {"year": "2023-24"}).text
    assert "Rapid one" in page and "Local one" not in page
    assert "Reviews (1), latest first" in page
    refused = bsu_client.get(url, {"status": "nonsense"})
    assert "Select a valid choice" in refused.text and "Rapid one" in refused.text


def _grow_register(partnership, plan):
    workplan = WorkplanFactory(plan=plan)
    for index in range(TENFOLD):
        review = LearningReviewFactory(partnership=partnership, notified_on=D(2022 + index % 2, 6, 1))
        FindingFactory(review=review)
        actions = [ActionFactory(workplan=workplan) for _ in range(2)]
        for action in actions:
            ActionUpdateFactory(action=action, rating="blue", as_at=D(2023, 9, 1))
        RecommendationFactory(review=review, actions=actions)


def test_the_register_takes_no_more_queries_with_more_reviews(bsu_client, plan, django_assert_max_num_queries):
    # At the start, one of each: a review of the year, and an earlier one still open.
    in_year = LearningReviewFactory(partnership=plan.partnership, notified_on=D(2023, 6, 1))
    earlier = LearningReviewFactory(partnership=plan.partnership, notified_on=D(2022, 6, 1))
    for review in (in_year, earlier):
        RecommendationFactory(review=review, actions=[actions_of(plan)["A1"]])
    assert_queries_do_not_grow(
        bsu_client, reverse("reports:review-list"), grow=lambda: _grow_register(plan.partnership, plan),
        ceiling=20, django_assert_max_num_queries=django_assert_max_num_queries, params={"year": "2023-24"},
    )


def test_the_review_page_takes_no_more_queries_with_more_recommendations(
    bsu_client, plan, review, django_assert_max_num_queries
):
    RecommendationFactory(review=review, actions=[actions_of(plan)["A1"]])
    workplan = WorkplanFactory(plan=plan, year="2024-25", subgroup=Action.objects.first().workplan.subgroup)

    def grow():
        for _ in range(TENFOLD):
            FindingFactory(review=review)
            RecommendationFactory(review=review, actions=[ActionFactory(workplan=workplan) for _ in range(3)])

    assert_queries_do_not_grow(
        bsu_client, review.get_absolute_url(), grow=grow, ceiling=20,
        django_assert_max_num_queries=django_assert_max_num_queries,
    )


# -- The annual report's "Learning from reviews" -----------------------------------------------


@pytest.fixture
def year_reviews(plan):
    """In 2023-24: a rapid review with one recommendation done (A2, Blue in January 2024) and
    one open (A1, Red). Before it: a 2022 review with an open recommendation (carried into the
    year) and a 2022 review whose only recommendation was done (not in the year)."""
    actions = actions_of(plan)
    partnership = plan.partnership
    current = LearningReviewFactory(partnership=partnership, reference="RR 1", title="Infant injury",
                                    notified_on=D(2023, 10, 4), decided_on=D(2023, 10, 26))
    FindingFactory(review=current, text="Fathers were not seen.")
    RecommendationFactory(review=current, order=1, text="Embed ICON.", evidence_of_impact="ICON at 96% of visits.",
                          actions=[actions["A2"]])
    RecommendationFactory(review=current, order=2, text="Record fathers.", actions=[actions["A1"]])
    carried = LearningReviewFactory(partnership=partnership, reference="LCSPR 1", title="Neglect", notified_on=D(2022, 5, 3))
    RecommendationFactory(review=carried, text="Chronology standard.", actions=[actions["A1"]])
    done = LearningReviewFactory(partnership=partnership, reference="RR 0", title="Done before", notified_on=D(2022, 6, 1))
    RecommendationFactory(review=done, text="Finished.", actions=[actions["A2"]])
    Action.objects.filter(pk=actions["A2"].pk).update(added_on=D(2022, 4, 1))
    ActionUpdateFactory(action=actions["A2"], rating="blue", as_at=D(2022, 9, 1))
    return {"current": current, "carried": carried, "done": done}


def test_the_years_reviews_are_those_active_in_it(plan, year_reviews):
    reviews = reviews_of_year(LearningReview.objects.all(), year="2023-24", as_at=D(2024, 3, 31))
    assert {review.reference for review in reviews} == {"RR 1", "LCSPR 1"}


def test_the_learning_section_says_what_was_done_and_what_is_still_open(plan, year_reviews):
    report = annual_report_start(partnership=plan.partnership, year="2023-24")
    content = annual_report_content(report)
    learning = {review["reference"]: review for review in content["learning"]}
    assert set(learning) == {"RR 1", "LCSPR 1"}
    infant = learning["RR 1"]
    assert infant["kind"] == "Rapid review" and infant["findings"] == ["Fathers were not seen."]
    assert [d["label"] for d in infant["dates"]] == ["Notification", "Decision"]
    assert infant["dates"][0]["day"] == D(2023, 10, 4)
    first, second = infant["recommendations"]
    assert (first["complete"], first["evidence_of_impact"]) == (True, "ICON at 96% of visits.")
    assert [(a["reference"], a["rating"]) for a in first["actions"]] == [("A2", "blue")]
    assert (second["complete"], second["actions"][0]["rating"]) == (False, "red")
    assert [(item["review"], item["number"]) for item in content["learning_open"]] == [("LCSPR 1", 1), ("RR 1", 2)]
    section = next(item for item in content["sections"] if item.section.slug == "learning")
    assert section.written is not None  # the narrative stays written


def test_publishing_freezes_the_learning_section(plan, year_reviews, member_of):
    bsu = member_of(plan.partnership, Membership.Role.BSU)
    report = annual_report_publish(report=annual_report_start(partnership=plan.partnership, year="2023-24"), user=bsu)
    assert [r["reference"] for r in report.snapshot["learning"]] == ["LCSPR 1", "RR 1"]
    Recommendation.objects.filter(review=year_reviews["current"]).delete()
    LearningReview.objects.filter(pk=year_reviews["carried"].pk).update(title="Renamed")
    learning = annual_report_content(report)["learning"]
    assert [r["title"] for r in learning] == ["Neglect", "Infant injury"]
    assert len(learning[1]["recommendations"]) == 2


def test_a_report_published_before_the_register_says_so(plan, year_reviews, member_of):
    bsu = member_of(plan.partnership, Membership.Role.BSU)
    report = annual_report_publish(report=annual_report_start(partnership=plan.partnership, year="2023-24"), user=bsu)
    snapshot = dict(report.snapshot)
    del snapshot["learning"]
    type(report).objects.filter(pk=report.pk).update(snapshot=snapshot)
    report.refresh_from_db()
    content = annual_report_content(report)
    assert content["learning"] == [] and content["learning_recorded"] is False


def test_the_annual_page_and_pdf_show_the_learning_section(client, plan, year_reviews, member_of):
    client.force_login(member_of(plan.partnership, Membership.Role.VIEWER))
    report = annual_report_start(partnership=plan.partnership, year="2023-24")
    page = client.get(report.get_absolute_url()).text
    assert "RR 1: Infant injury" in page and "Still open at the year end" in page
    assert "RR 1, recommendation 2: Open: 0 of 1 actions done" in page
    text = text_of(read(client.get(reverse("reports:annual-pdf", args=[report.pk])).content))
    assert "RR 1: Infant injury" in text and "Embed ICON." in text and "ICON at 96% of visits." in text
    assert "Still open at the year end" in text


def test_removing_a_recommendation_keeps_its_actions_and_numbers_the_others_again(bsu_client, plan, review):
    a1 = actions_of(plan)["A1"]
    first = RecommendationFactory(review=review, order=1, actions=[a1])
    second = RecommendationFactory(review=review, order=2, text="Second.")
    url = reverse("reports:recommendation-remove", args=[first.pk])
    assert "Remove recommendation 1" in bsu_client.get(url).text
    Recommendation.objects.filter(pk=first.pk).update(version=2)
    refused = bsu_client.post(url, {"version": 1})
    assert refused.status_code == 200 and "changed this recommendation after you were asked whether to remove it" in refused.text
    assert "The page was out of date: try again." in bsu_client.post(url, {"version": "2x"}).text  # not a server error
    assert bsu_client.post(url, {"version": 2}).status_code == 302
    assert list(review.recommendations.values_list("pk", "order")) == [(second.pk, 1)]
    assert Action.objects.filter(pk=a1.pk).exists()
    assert first.history.filter(history_type="-").exists()


def test_removing_a_finding_numbers_the_others_again(bsu_client, review):
    first, second = FindingFactory(review=review, order=1), FindingFactory(review=review, order=2)
    assert bsu_client.post(reverse("reports:finding-remove", args=[first.pk]), {"version": 1}).status_code == 302
    assert list(review.findings.values_list("pk", "order")) == [(second.pk, 1)]


def test_members_who_are_not_bsu_read_the_review_without_change_links(client, member_of, plan, review):
    RecommendationFactory(review=review, actions=[actions_of(plan)["A1"]])
    FindingFactory(review=review)
    client.force_login(member_of(plan.partnership, Membership.Role.EXECUTIVE))
    page = client.get(review.get_absolute_url()).text
    assert "Recommendation 1" in page and 'app-brag--red">Red' in page
    assert "Change the review" not in page and "Remove" not in page and "Add a recommendation" not in page
    assert "Add a review" not in client.get(reverse("reports:review-list")).text
