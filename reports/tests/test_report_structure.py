"""A report's sections are the partnership's to shape: renamed, moved, removed, added, with
the statutory ones kept and a published report's fixed; the page works without script."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from plans.models import Membership
from reports.annual import (
    SECTIONS,
    annual_report_content,
    annual_report_publish,
    annual_report_start,
    annual_report_start_from,
    section_save,
    sections_of,
)
from reports.models import AnnualReport, ReportSectionSetting
from reports.structure import (
    DOWN,
    UP,
    structure_add,
    structure_move,
    structure_remove,
    structure_rename,
    structure_restore,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def bsu(member_of, plan):
    return member_of(plan.partnership, Membership.Role.BSU)


@pytest.fixture
def report(plan, bsu):
    return annual_report_start(partnership=plan.partnership, year="2023-24", by=bsu)


def slugs(report):
    return [section.slug for section in sections_of(report)]


def version(report, slug):
    return ReportSectionSetting.objects.get(report=report, slug=slug).version


def test_a_new_draft_gets_the_default_sections(report):
    assert slugs(report) == [section.slug for section in SECTIONS]
    statutory = set(report.structure.filter(statutory=True).values_list("slug", flat=True))
    assert {"progress", "little-progress", "learning", "voice", "scrutiny", "effectiveness"} <= statutory
    assert "foreword" not in statutory


def test_renaming_keeps_the_text_and_the_generated_part(report, bsu):
    section_save(report=report, slug="progress", text="A year of steady work.", expected_version=0, author=bsu)
    structure_rename(report=report, slug="progress", title="What we achieved", expected_version=1, by=bsu)
    content = annual_report_content(report)
    progress = next(item for item in content["sections"] if item.section.slug == "progress")
    assert progress.section.title == "What we achieved"
    assert "A year of steady work." in progress.written.html
    history = ReportSectionSetting.objects.get(report=report, slug="progress").history.first()
    assert history.history_user == bsu


def test_moving_swaps_with_the_neighbour_and_stops_at_the_ends(report, bsu):
    structure_move(report=report, slug="introduction", direction=UP, expected_version=1, by=bsu)
    assert slugs(report)[:2] == ["introduction", "foreword"]
    structure_move(report=report, slug="introduction", direction=UP, expected_version=2, by=bsu)
    assert slugs(report)[:2] == ["introduction", "foreword"]
    structure_move(report=report, slug="appendices", direction=DOWN, expected_version=1, by=bsu)
    assert slugs(report)[-1] == "appendices"


def test_a_statutory_section_cannot_be_removed_an_optional_one_can_and_comes_back(report, bsu):
    with pytest.raises(ValidationError, match="Working Together"):
        structure_remove(report=report, slug="voice", expected_version=1, by=bsu)
    section_save(report=report, slug="foreword", text="Thank you all.", expected_version=0, author=bsu)
    structure_remove(report=report, slug="foreword", expected_version=1, by=bsu)
    assert "foreword" not in slugs(report)
    assert "foreword" not in [item.section.slug for item in annual_report_content(report)["sections"]]
    structure_restore(report=report, slug="foreword", expected_version=2, by=bsu)
    assert slugs(report)[0] == "foreword"
    assert "Thank you all." in annual_report_content(report)["sections"][0].written.html


def test_an_added_section_is_written_at_the_end_and_can_be_written(report, bsu):
    setting = structure_add(report=report, title="Education safeguarding", by=bsu)
    assert slugs(report)[-1] == setting.slug == "education-safeguarding"
    section_save(report=report, slug=setting.slug, text="Schools completed the s175 audit.", expected_version=0, author=bsu)
    last = annual_report_content(report)["sections"][-1]
    assert last.section.title == "Education safeguarding" and "s175 audit" in last.written.html
    # A section named like a default one gets its own slug, never the default's.
    assert structure_add(report=report, title="Training", by=bsu).slug == "our-training"
    with pytest.raises(ValidationError, match="already has a section"):
        structure_add(report=report, title="education SAFEGUARDING", by=bsu)


def test_a_stale_change_is_refused_naming_who_changed_the_section(report, bsu, member_of, plan):
    other = member_of(plan.partnership, Membership.Role.BSU, first_name="Ama", last_name="Osei")
    structure_rename(report=report, slug="training", title="Learning and development", expected_version=1, by=other)
    with pytest.raises(ValidationError, match="Ama Osei changed the section"):
        structure_remove(report=report, slug="training", expected_version=1, by=bsu)
    assert "training" in slugs(report)


def test_a_published_reports_structure_is_fixed_and_a_new_draft_copies_it(report, bsu):
    structure_rename(report=report, slug="foreword", title="Chair's foreword", expected_version=1, by=bsu)
    structure_remove(report=report, slug="themes", expected_version=1, by=bsu)
    structure_add(report=report, title="Education safeguarding", by=bsu)
    published = annual_report_publish(report=report, user=bsu)
    with pytest.raises(ValidationError, match="published"):
        structure_rename(report=published, slug="foreword", title="Foreword", expected_version=2, by=bsu)
    with pytest.raises(ValidationError, match="published"):
        structure_add(report=published, title="Another", by=bsu)
    draft = annual_report_start_from(report=published, user=bsu)
    assert slugs(draft) == slugs(published)
    assert sections_of(draft)[0].title == "Chair's foreword" and "themes" not in slugs(draft)


def test_a_report_without_a_structure_of_its_own_shows_and_arranges_the_defaults(plan, bsu):
    report = AnnualReport.objects.create(partnership=plan.partnership, year="2023-24")
    assert slugs(report) == [section.slug for section in SECTIONS]
    structure_move(report=report, slug="introduction", direction=UP, expected_version=1, by=bsu)
    assert slugs(report)[:2] == ["introduction", "foreword"]


def test_the_bsu_arranges_sections_through_the_page_without_script(client, report, bsu):
    client.force_login(bsu)
    url = reverse("reports:annual-structure", args=[report.pk])
    page = client.get(url).content.decode()
    assert "Move down<span class=\"govuk-visually-hidden\">: Foreword by the Independent Chair</span>" in page
    # Statutory sections offer no Remove button.
    assert "Remove<span class=\"govuk-visually-hidden\">: The voice of children" not in page
    change = reverse("reports:annual-structure-change", args=[report.pk, "foreword"])
    response = client.post(change, {"action": DOWN, "version": 1})
    assert response.status_code == 302 and slugs(report)[:2] == ["introduction", "foreword"]
    # The same button pressed again from the page as it was: refused, naming who moved it.
    response = client.post(change, {"action": DOWN, "version": 1})
    assert response.status_code == 409
    assert "changed the section “Foreword by the Independent Chair”" in response.content.decode()
    response = client.post(url, {"title": ""})
    assert "Enter the section&#x27;s title." in response.content.decode()
    client.post(url, {"title": "Education safeguarding"})
    rename = reverse("reports:annual-structure-rename", args=[report.pk, "education-safeguarding"])
    response = client.post(rename, {"title": "Education and early years", "version": 1})
    assert response.status_code == 302
    detail = client.get(report.get_absolute_url()).content.decode()
    assert detail.index("Introduction and local context") < detail.index("Foreword by the Independent Chair")
    assert 'href="#section-education-safeguarding">Education and early years</a>' in detail


def test_the_section_editor_refuses_a_removed_section(client, report, bsu):
    structure_remove(report=report, slug="training", expected_version=1, by=bsu)
    client.force_login(bsu)
    assert client.get(reverse("reports:annual-section", args=[report.pk, "training"])).status_code == 404


def test_the_year_at_a_glance_gives_the_key_figures_after_the_contents(client, report, bsu):
    glance = {item["label"]: item for item in annual_report_content(report)["glance"]}
    # As at 31 March 2024: A1 red, A2 blue, A3 never rated and overdue.
    assert glance["actions in the year's workplans"]["figure"] == 3
    assert glance["complete (Blue)"]["figure"] == "33%"
    assert (glance["Red"]["figure"], glance["overdue"]["figure"]) == (1, 1)
    client.force_login(bsu)
    page = client.get(report.get_absolute_url()).content.decode()
    assert page.index('id="contents-heading"') < page.index('id="year-at-a-glance"') < page.index('id="section-foreword"')


def test_the_arrange_page_takes_a_fixed_number_of_queries(client, report, bsu, django_assert_max_num_queries):
    for number in range(5):
        structure_add(report=report, title=f"Our own section {number}", by=bsu)
    client.force_login(bsu)
    with django_assert_max_num_queries(12):
        response = client.get(reverse("reports:annual-structure", args=[report.pk]))
    assert response.content.decode().count("app-structure__item") == len(SECTIONS) + 5


def test_the_migration_gives_existing_reports_the_default_sections(plan):
    import importlib

    from django.apps import apps

    migration = importlib.import_module("reports.migrations.0008_report_structure")
    report = AnnualReport.objects.create(partnership=plan.partnership, year="2023-24")
    migration.default_structure_for_existing_reports(apps, None)
    rows = list(report.structure.all())
    assert [(row.slug, row.title, row.kind, row.statutory) for row in rows] == migration.DEFAULT_SECTIONS
    # The frozen list is the defaults as they stood (later defaults may add sections).
    defaults = {section.slug: section.title for section in SECTIONS}
    assert all(defaults.get(slug) == title for slug, title, _kind, _statutory in migration.DEFAULT_SECTIONS)
