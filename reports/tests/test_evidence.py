"""The evidence registers (voice of children and families, training, partner contributions):
their services, the annual report's generated voice, training and funding parts checked against
hand-built data, the completeness check flipping as data is added, and the register pages."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from plans.models import Membership
from plans.tests.factories import PartnershipFactory, PriorityFactory
from plans.tests.queries import TENFOLD
from reports.annual import annual_report_content, annual_report_publish, annual_report_start, section_save
from reports.completeness import COVERED, MISSING, THIN, report_completeness
from reports.evidence import (
    contribution_create,
    contribution_edit,
    funding_of_year,
    parse_attendance,
    training_create,
    training_edit,
    training_of_year,
    voice_create,
    voice_edit,
    voice_of_year,
)
from reports.models import PartnerContribution, TrainingAttendance, TrainingCourse, VoiceEvidence
from subgroups.tests.factories import ActionFactory, SubGroupFactory, WorkplanFactory

pytestmark = pytest.mark.django_db
D = datetime.date
OCTOBER_2023 = D(2023, 10, 2)


def heard(partnership, by, *, on=OCTOBER_2023, source="Young people's advisory group", changed="", **links):
    return voice_create(
        partnership=partnership, by=by, **links,
        fields={"source": source, "heard_on": on, "what_was_heard": "Explain decisions to us.", "what_changed": changed},
    )


def course(partnership, by, title, attendance, *, year="2023-24", sessions=2):
    return training_create(
        partnership=partnership, by=by, attendance=attendance,
        fields={"year": year, "title": title, "sessions": sessions, "rated_good_percent": 90, "evaluation": "Useful."},
    )


@pytest.fixture
def bsu(plan, member_of):
    return member_of(plan.partnership, Membership.Role.BSU)


# -- The generated parts, against hand-built data ---------------------------------------------


def test_voice_of_year_lists_the_years_feedback_earliest_first_with_what_it_bears_on(plan, bsu):
    partnership = plan.partnership
    action = plan.workplans.get().actions.get(reference="A1")
    priority = plan.priorities.get(number=1)
    heard(partnership, bsu, on=D(2024, 3, 1), source="Parent survey", changed="Letters rewritten.",
          actions=[action], priorities=[priority])
    heard(partnership, bsu, on=D(2023, 4, 1), source="Youth Parliament")
    heard(partnership, bsu, on=D(2024, 4, 1), source="Next year's group")  # 2024-25
    heard(PartnershipFactory(), bsu, source="Another partnership's group")

    assert voice_of_year(partnership=partnership, year="2023-24") == [
        {"source": "Youth Parliament", "heard_on": "2023-04-01", "what_was_heard": "Explain decisions to us.",
         "what_changed": "", "priorities": [], "actions": []},
        {"source": "Parent survey", "heard_on": "2024-03-01", "what_was_heard": "Explain decisions to us.",
         "what_changed": "Letters rewritten.", "priorities": ["Priority 1: Early Help"], "actions": ["A1"]},
    ]


def test_funding_of_year_tables_contributions_largest_first_with_their_total(plan, bsu):
    partnership = plan.partnership
    for partner, amount in [("Police", 5_000), ("Council", 162_500), ("ICB", 81_250)]:
        contribution_create(partnership=partnership, by=bsu, fields={"year": "2023-24", "partner": partner, "amount": amount})
    contribution_create(partnership=partnership, by=bsu, fields={"year": "2024-25", "partner": "Council", "amount": 1})

    assert funding_of_year(partnership=partnership, year="2023-24") == {
        "contributions": [
            {"partner": "Council", "amount": 162_500}, {"partner": "ICB", "amount": 81_250},
            {"partner": "Police", "amount": 5_000},
        ],
        "total": 248_750,
    }


def test_training_of_year_adds_up_attendance_by_agency_across_courses(plan, bsu):
    partnership = plan.partnership
    course(partnership, bsu, "Neglect", [("Schools", 10), ("Health", 4)], sessions=3)
    course(partnership, bsu, "Domestic abuse", [("Health", 8), ("Police", 2)])
    course(partnership, bsu, "Next year", [("Schools", 99)], year="2024-25")

    training = training_of_year(partnership=partnership, year="2023-24")

    assert [(c["title"], c["sessions"], c["attended"]) for c in training["courses"]] == [
        ("Domestic abuse", 2, 10), ("Neglect", 3, 14),
    ]
    assert training["by_agency"] == [
        {"agency": "Health", "attended": 12}, {"agency": "Schools", "attended": 10}, {"agency": "Police", "attended": 2},
    ]
    assert (training["sessions"], training["attended"]) == (5, 24)


def test_publishing_freezes_the_evidence_and_older_reports_say_they_had_none(plan, bsu):
    partnership = plan.partnership
    heard(partnership, bsu, changed="Letters rewritten.")
    report = annual_report_publish(report=annual_report_start(partnership=partnership, year="2023-24"), user=bsu)
    heard(partnership, bsu, on=D(2023, 12, 1), source="Added after publishing")
    contribution_create(partnership=partnership, by=bsu, fields={"year": "2023-24", "partner": "Council", "amount": 9})

    content = annual_report_content(report)
    assert [record["source"] for record in content["voice"]] == ["Young people's advisory group"]
    assert content["voice"][0]["heard_on"] == D(2023, 10, 2)
    assert content["funding"] == {"contributions": [], "total": 0}

    for key in ("voice", "funding", "training"):
        del report.snapshot[key]
    report.save()
    old = annual_report_content(report)
    assert old["evidence_recorded"] is False and old["voice"] == []


# -- The completeness check ---------------------------------------------------------------------


def coverage(report) -> dict[str, tuple[str, str]]:
    return {item.topic: (item.status, item.reason) for item in report_completeness(annual_report_content(report))}


def test_completeness_flips_from_missing_to_thin_to_covered_as_evidence_and_text_are_added(plan, bsu):
    partnership = plan.partnership
    report = annual_report_start(partnership=partnership, year="2023-24")
    voice, funding = "Feedback from children and families", "Funding"

    assert coverage(report)[voice] == (
        MISSING, "No evidence from children and families recorded for 2023-24, and “The voice of children, "
        "young people and families” is not written.",
    )
    assert coverage(report)[funding][0] == MISSING

    heard(partnership, bsu)  # nothing changed yet: feedback recorded, not yet used
    assert coverage(report)[voice] == (
        MISSING, "1 record of feedback for 2023-24, none saying what changed, and “The voice of children, "
        "young people and families” is not written.",
    )
    heard(partnership, bsu, on=D(2024, 1, 5), changed="Letters rewritten.")
    assert coverage(report)[voice] == (
        THIN, "2 records of feedback for 2023-24, 1 saying what changed, but “The voice of children, young "
        "people and families” is not written.",
    )
    section_save(report=report, slug="voice", text="Children told us.", expected_version=0, author=bsu)
    assert coverage(report)[voice][0] == COVERED

    section_save(report=report, slug="funding", text="A pooled budget.", expected_version=0, author=bsu)
    assert coverage(report)[funding] == (
        THIN, "“Funding and budget” is written, but no partner contributions recorded for 2023-24.",
    )
    contribution_create(partnership=partnership, by=bsu, fields={"year": "2023-24", "partner": "Council", "amount": 1})
    assert coverage(report)[funding][0] == COVERED


def test_education_counts_from_subgroup_members_training_and_the_written_text(plan, bsu):
    partnership = plan.partnership
    report = annual_report_start(partnership=partnership, year="2023-24")
    topic = "Education's involvement"
    assert coverage(report)[topic][0] == MISSING

    SubGroupFactory(partnership=partnership, members="Designated safeguarding leads of Merton's schools")
    assert coverage(report)[topic] == (
        THIN, "1 education member of the sub-groups, but no written section mentions schools or education.",
    )
    section_save(report=report, slug="arrangements", text="Early years settings take part.", expected_version=0, author=bsu)
    assert coverage(report)[topic][0] == COVERED
    assert len(report_completeness(annual_report_content(report))) == 7


def test_impact_little_progress_learning_and_scrutiny_are_judged_from_their_records(plan, bsu):
    report = annual_report_start(partnership=plan.partnership, year="2023-24")
    judged = coverage(report)
    # A2 is Blue with impact evidence; A1 red and A3 overdue are listed; no reviews or challenges.
    assert judged["Impact of the arrangements"] == (
        THIN, "1 complete action with impact evidence, but “Effectiveness of our arrangements and priorities "
        "for next year” is not written.",
    )
    assert judged["Areas of little or no progress"][0] == THIN
    assert judged["Learning from reviews and actions taken"][0] == MISSING
    assert judged["Independent scrutiny"][0] == MISSING


# -- Services -------------------------------------------------------------------------------------


def test_a_partners_second_contribution_for_a_year_is_refused_whatever_its_case(plan, bsu):
    fields = {"year": "2023-24", "partner": "London Borough of Merton", "amount": 1}
    contribution_create(partnership=plan.partnership, by=bsu, fields=fields)
    with pytest.raises(ValidationError) as refused:
        contribution_create(partnership=plan.partnership, by=bsu, fields=fields | {"partner": " london borough of merton "})
    assert "already has a contribution for 2023-24" in refused.value.message_dict["partner"][0]
    assert PartnerContribution.objects.count() == 1


def test_a_stale_edit_is_refused_naming_who_saved_since(plan, bsu, member_of):
    other = member_of(plan.partnership, Membership.Role.BSU, first_name="Alex", last_name="Other")
    row = contribution_create(partnership=plan.partnership, by=bsu, fields={"year": "2023-24", "partner": "ICB", "amount": 1})
    contribution_edit(contribution=row, expected_version=1, by=other, fields={"year": "2023-24", "partner": "ICB", "amount": 2})
    with pytest.raises(ValidationError, match="Alex Other changed this contribution"):
        contribution_edit(contribution=row, expected_version=1, by=bsu, fields={"year": "2023-24", "partner": "ICB", "amount": 3})
    assert PartnerContribution.objects.get().amount == 2


def test_an_edit_that_changes_nothing_is_not_saved_in_any_register(plan, bsu, member_of, client):
    """Voice (with its links), contributions and courses (with their attendance): the record
    keeps its version and history, and the page says nothing was saved."""
    priority = plan.priorities.get(number=1)
    voice = heard(plan.partnership, bsu, priorities=[priority], actions=[])
    voice_fields = {"source": "Young people's advisory group", "heard_on": OCTOBER_2023,
                    "what_was_heard": "Explain decisions to us.", "what_changed": ""}
    contribution = contribution_create(partnership=plan.partnership, by=bsu, fields={"year": "2023-24", "partner": "ICB", "amount": 1})
    training = course(plan.partnership, bsu, "Neglect toolkit", [("Health", 12), ("Police", 4)])
    course_fields = {"year": "2023-24", "title": "Neglect toolkit ", "sessions": 2, "rated_good_percent": 90, "evaluation": "Useful."}
    for row, edit in [
        (voice, lambda: voice_edit(evidence=voice, expected_version=1, by=bsu, actions=[], priorities=[priority], fields=voice_fields)),
        (contribution, lambda: contribution_edit(
            contribution=contribution, expected_version=1, by=bsu, fields={"year": "2023-24", "partner": "ICB ", "amount": 1})),
        (training, lambda: training_edit(
            course=training, expected_version=1, by=bsu, fields=course_fields, attendance=[("Police", 4), ("Health", 12)])),
    ]:
        records = row.history.count()
        assert edit().version == 1
        row.refresh_from_db()
        assert (row.version, row.history.count()) == (1, records)
    # A change to the links or the attendance alone is a change.
    assert voice_edit(evidence=voice, expected_version=1, by=bsu, actions=[], priorities=[], fields=voice_fields).version == 2
    assert training_edit(course=training, expected_version=1, by=bsu, fields=course_fields, attendance=[("Health", 12)]).version == 2

    client.force_login(bsu)
    page = client.post(
        reverse("reports:contribution-edit", args=[contribution.pk]),
        {"year": "2023-24", "partner": "ICB", "amount": "1", "version": "1"}, follow=True,
    )
    assert f"Nothing saved: {contribution} had no changes." in page.text


@pytest.mark.parametrize(
    ("name", "make", "changed_by"),
    [
        ("voice", lambda plan, by: heard(plan.partnership, by), lambda row, by: voice_edit(
            evidence=row, expected_version=1, by=by, actions=[], priorities=[],
            fields={"source": "Parent survey", "heard_on": OCTOBER_2023, "what_was_heard": "Call back.", "what_changed": ""},
        )),
        ("contribution", lambda plan, by: contribution_create(
            partnership=plan.partnership, by=by, fields={"year": "2023-24", "partner": "ICB", "amount": 1},
        ), lambda row, by: contribution_edit(
            contribution=row, expected_version=1, by=by, fields={"year": "2023-24", "partner": "ICB", "amount": 2},
        )),
    ],
    ids=["voice", "contribution"],
)
def test_a_record_is_removed_only_as_the_bsu_was_asked_about_it(plan, bsu, member_of, client, name, make, changed_by):
    """The remove page asks first; a removal asked before someone changed the record is
    refused, naming who, and the page shows the record as it is now; asked again, it goes."""
    other = member_of(plan.partnership, Membership.Role.BSU, first_name="Alex", last_name="Other")
    row = make(plan, bsu)
    url = reverse(f"reports:{name}-remove", args=[row.pk])
    client.force_login(bsu)
    assert "Remove the " in client.get(url).text
    changed_by(row, other)
    refused = client.post(url, {"version": 1})
    assert "Alex Other changed this" in refused.text and "after you were asked whether to remove it" in refused.text
    assert 'name="version" value="2"' in refused.text
    assert type(row).objects.filter(pk=row.pk).exists()
    assert client.post(url, {"version": 2}).status_code == 302
    assert not type(row).objects.filter(pk=row.pk).exists()
    assert row.history.filter(history_type="-").get().history_user == bsu


def test_feedback_cannot_be_linked_to_another_partnerships_actions(plan, bsu):
    stranger = ActionFactory(workplan=WorkplanFactory())
    record = heard(plan.partnership, bsu)
    with pytest.raises(ValidationError) as refused:
        voice_edit(evidence=record, expected_version=1, by=bsu, actions=[stranger], priorities=[],
                   fields={"source": "Group"})
    assert "actions" in refused.value.message_dict
    assert not VoiceEvidence.objects.get().actions.exists()
    with pytest.raises(ValidationError, match="cannot be in the future"):
        heard(plan.partnership, bsu, on=datetime.date.today() + datetime.timedelta(days=2))


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("Schools 38", "Line 1: write the agency, a colon and the number who attended"),
        ("Schools: 38\n\nHealth: two", "Line 3: write the agency"),
        ("Schools: 38\nschools: 2", "Line 2: schools is listed twice"),
        ("Schools: ３８", "Line 1: write the agency"),
    ],
)
def test_attendance_lines_that_are_not_agency_colon_number_are_refused_by_line(text, message):
    with pytest.raises(ValidationError, match=message):
        parse_attendance(text)


def test_attendance_keeps_colons_in_agency_names():
    assert parse_attendance("Health: acute trusts: 12\n  Schools : 3 ") == [("Health: acute trusts", 12), ("Schools", 3)]


# -- Pages ------------------------------------------------------------------------------------------


def test_bsu_records_feedback_linked_to_actions_by_reference(plan, bsu, client):
    client.force_login(bsu)
    priority = plan.priorities.get(number=1)
    response = client.post(
        reverse("reports:voice-create", args=[plan.partnership_id]),
        {
            "source": "Parent survey", "heard_on_0": "2", "heard_on_1": "10", "heard_on_2": "2023",
            "what_was_heard": "We did not know who to call.", "what_changed": "",
            "priorities": [priority.pk], "action_references": "a1, A2",
        },
    )
    assert response.status_code == 302 and response.url.endswith("?year=2023-24")
    record = VoiceEvidence.objects.get()
    assert sorted(record.actions.values_list("reference", flat=True)) == ["A1", "A2"]
    assert list(record.priorities.all()) == [priority]
    assert record.history.latest().history_user == bsu


def test_unknown_action_references_and_a_missing_date_are_shown_beside_their_fields(plan, bsu, client):
    client.force_login(bsu)
    response = client.post(
        reverse("reports:voice-create", args=[plan.partnership_id]),
        {"source": "Parent survey", "what_was_heard": "Words.", "action_references": "A1"},
    )
    assert response.status_code == 200
    assert "Enter the date it was heard." in response.content.decode()
    response = client.post(
        reverse("reports:voice-create", args=[plan.partnership_id]),
        {"source": "Parent survey", "heard_on_0": "2", "heard_on_1": "10", "heard_on_2": "2023",
         "what_was_heard": "Words.", "action_references": "A1, ZZ 9.9"},
    )
    assert "has the reference ZZ 9.9" in response.content.decode()
    assert not VoiceEvidence.objects.exists()


def test_bsu_adds_a_course_with_its_attendance_and_errors_name_the_line(plan, bsu, client):
    client.force_login(bsu)
    url = reverse("reports:training-create", args=[plan.partnership_id])
    data = {"year": "2023-24", "title": "Neglect", "sessions": "3", "attendance": "Schools: 10\nHealth 4"}
    response = client.post(url, data)
    assert "Line 2: write the agency" in response.content.decode()
    response = client.post(url, data | {"attendance": "Schools: 10\nHealth: 4"})
    assert response.status_code == 302
    assert list(TrainingCourse.objects.get().attendance.values_list("agency", "attended")) == [("Schools", 10), ("Health", 4)]


def test_registers_show_only_the_users_partnership_and_the_chosen_year(plan, bsu, client, member_of):
    heard(plan.partnership, bsu, source="Our group")
    heard(plan.partnership, bsu, source="Last year's group", on=D(2024, 5, 1))
    heard(PartnershipFactory(), bsu, source="Their group")
    client.force_login(member_of(plan.partnership, Membership.Role.SCRUTINEER))

    page = client.get(reverse("reports:voice-list"), {"year": "2023-24"}).content.decode()

    assert "Our group" in page and "Last year's group" not in page and "Their group" not in page
    assert "Add a record" not in page


def test_an_amount_is_taken_as_typed_with_a_pound_sign_and_commas(plan, bsu, client):
    client.force_login(bsu)
    url = reverse("reports:contribution-create", args=[plan.partnership_id])
    response = client.post(url, {"year": "2023-24", "partner": "Council", "amount": "162.5k"})
    assert "Enter the amount as a whole number of pounds" in response.content.decode()
    client.post(url, {"year": "2023-24", "partner": "Council", "amount": " £162,500 "})
    assert PartnerContribution.objects.get().amount == 162_500


def test_the_funding_register_totals_each_year(plan, bsu, client):
    for partner, amount in [("Council", 162_500), ("ICB", 81_250)]:
        contribution_create(partnership=plan.partnership, by=bsu, fields={"year": "2023-24", "partner": partner, "amount": amount})
    client.force_login(bsu)
    page = client.get(reverse("reports:contribution-list")).content.decode()
    assert "Contributions to the 2023-24 budget" in page
    assert "£243,750" in page


def test_register_queries_do_not_grow_with_records(plan, bsu, client, django_assert_max_num_queries):
    partnership = plan.partnership
    action = plan.workplans.get().actions.first()
    priority = PriorityFactory(plan=plan)
    added = iter(range(1, 1000))

    def grow():  # ten times the records of each kind, each with its links and attendance
        numbers = [next(added) for _ in range(TENFOLD)]
        records = VoiceEvidence.objects.bulk_create(
            VoiceEvidence(partnership=partnership, source=f"Group {n}", heard_on=OCTOBER_2023, what_was_heard="Words.")
            for n in numbers
        )
        VoiceEvidence.actions.through.objects.bulk_create(
            VoiceEvidence.actions.through(voiceevidence=record, action=action) for record in records
        )
        VoiceEvidence.priorities.through.objects.bulk_create(
            VoiceEvidence.priorities.through(voiceevidence=record, priority=priority) for record in records
        )
        courses = TrainingCourse.objects.bulk_create(
            TrainingCourse(partnership=partnership, year="2023-24", title=f"Course {n}") for n in numbers
        )
        TrainingAttendance.objects.bulk_create(
            TrainingAttendance(course=row, agency=agency, attended=1) for row in courses for agency in ("Schools", "Health")
        )
        PartnerContribution.objects.bulk_create(
            PartnerContribution(partnership=partnership, year="2023-24", partner=f"P{n}", amount=n) for n in numbers
        )

    grow()
    client.force_login(bsu)
    urls = [reverse(name) for name in ("reports:voice-list", "reports:training-list", "reports:contribution-list")]
    counts = []
    for url in urls:
        client.get(url)
        with django_assert_max_num_queries(18) as small:
            assert client.get(url).status_code == 200
        counts.append(len(small.captured_queries))
    grow()
    for url, count in zip(urls, counts, strict=True):
        client.get(url)
        with django_assert_max_num_queries(count):
            assert client.get(url).status_code == 200


def test_the_report_page_shows_each_topics_coverage_in_words_and_links_the_registers(plan, bsu, client):
    report = annual_report_start(partnership=plan.partnership, year="2023-24")
    client.force_login(bsu)
    page = client.get(report.get_absolute_url()).content.decode()
    assert "Before publishing: what the report covers" in page
    assert page.count(">Missing</strong>") >= 3 and ">Thin</strong>" in page
    assert f"{reverse('reports:voice-list')}?year=2023-24" in page
    publish_page = client.get(reverse("reports:annual-publish", args=[report.pk])).content.decode()
    assert "No partner contributions recorded for 2023-24" in publish_page
