"""The import service: what a file creates, updates and leaves alone, its errors by row and
column, and that the whole file goes in or nothing does."""

import datetime

import pytest

from plans.models import Membership, Person
from plans.tests.factories import BusinessPlanFactory, PersonFactory, PriorityFactory, ThemeFactory
from subgroups.importing.services import (
    ImportRefused,
    workplan_import,
    workplan_import_apply,
    workplan_import_plan,
)
from subgroups.models import Action, ActionUpdate, Workplan
from subgroups.services import action_edit
from subgroups.tests.factories import ActionFactory, ActionUpdateFactory, SubGroupFactory
from subgroups.tests.spreadsheets import STANDARD_HEADER, csv_bytes, xlsx_bytes
from subgroups.filters import ReportScope

pytestmark = pytest.mark.django_db

AS_AT = datetime.date(2024, 6, 30)


@pytest.fixture
def world(member_of):
    plan = BusinessPlanFactory(period_start=datetime.date(2023, 4, 1), period_end=datetime.date(2025, 3, 31))
    priorities = {
        number: PriorityFactory(plan=plan, number=number, title=title)
        for number, title in [(1, "Early Help"), (3, "Contextual Safeguarding")]
    }
    themes = {
        title: ThemeFactory(plan=plan, title=title)
        for title in ["Voice of children, young people, and families", "Think Family", "Addressing disproportionality"]
    }
    subgroup = SubGroupFactory(partnership=plan.partnership, short_name="QAPR")
    bsu = member_of(plan.partnership, Membership.Role.BSU)
    return {"plan": plan, "priorities": priorities, "themes": themes, "subgroup": subgroup, "bsu": bsu}


def run(world, content, year="2024-25", as_at=AS_AT, dry_run=False, import_without=()):
    return workplan_import(
        content=content, subgroup=world["subgroup"], year=year, author=world["bsu"], as_at=as_at, dry_run=dry_run,
        import_without=import_without,
    )


def fingerprint():
    return (
        Workplan.objects.count(),
        Action.objects.count(),
        ActionUpdate.objects.count(),
        sum(Action.objects.values_list("version", flat=True)),
        Action.history.count(),
    )


WORKPLAN_ROWS = [
    ["Merton MSCP: QAPR workplan 2024-25"],
    [],
    STANDARD_HEADER,
    ["Priority 3: Contextual safeguarding"],
    [
        "Exploited children are identified earlier",
        "Run a MACE audit\nand report to the Executive",
        "Think Family; voice of children, young people and families",
        "Head of Youth Justice",
        "Q3 2024/25",
        "Amber – audit delayed by a vacancy; now starts in October",
    ],
    ["Fewer missing episodes", "Review return home interviews", "", "Police lead", "Ongoing", "G"],
    ["Core functions"],
    ["Learning is embedded", "Publish 7-minute briefings", "Addressing Disproportionality", "BSU", "31/01/2025", ""],
]


def test_an_xlsx_workplan_creates_the_workplan_its_actions_and_dated_updates(world):
    result = run(world, xlsx_bytes(WORKPLAN_ROWS))
    assert (len(result.created), len(result.updated), len(result.unchanged)) == (3, 0, 0)
    workplan = Workplan.objects.get(subgroup=world["subgroup"], year="2024-25")
    assert workplan.plan == world["plan"]
    mace, interviews, briefings = workplan.actions.order_by("order")
    assert mace.description == "Run a MACE audit\nand report to the Executive"
    assert mace.priority == world["priorities"][3] and briefings.priority is None
    assert {t.title for t in mace.themes.all()} == {"Think Family", "Voice of children, young people, and families"}
    assert (mace.timeframe, mace.due_date) == ("Q3 2024/25", datetime.date(2024, 12, 31))
    assert (interviews.timeframe, interviews.due_date) == ("Ongoing", None)
    assert briefings.due_date == datetime.date(2025, 1, 31)
    assert mace.added_on == AS_AT  # added as at the import, so earlier figures stay as they were
    update = mace.updates.get()
    assert (update.rating, update.narrative, update.as_at, update.author) == (
        "amber", "audit delayed by a vacancy; now starts in October", AS_AT, world["bsu"],
    )
    assert interviews.updates.get().rating == "green"
    assert not briefings.updates.exists()


def test_reimporting_the_same_file_changes_nothing(world):
    content = xlsx_bytes(WORKPLAN_ROWS)
    run(world, content)
    before = fingerprint()
    result = run(world, content, as_at=AS_AT + datetime.timedelta(days=30))
    assert (len(result.created), len(result.updated), len(result.unchanged)) == (0, 0, 3)
    assert fingerprint() == before


def test_a_dry_run_writes_nothing(world):
    before = fingerprint()
    result = run(world, xlsx_bytes(WORKPLAN_ROWS), dry_run=True)
    assert len(result.created) == 3 and fingerprint() == before


def test_rows_match_by_reference_and_updates_go_through_the_services(world):
    workplan = Workplan.objects.create(subgroup=world["subgroup"], plan=world["plan"], year="2024-25")
    action = ActionFactory(workplan=workplan, reference="QAPR 1.1", description="Old wording", lead="Old lead")
    ActionUpdateFactory(action=action, rating="green", narrative="On track.", as_at=datetime.date(2024, 5, 1))
    content = csv_bytes([
        ["Ref", "Priority", "Outcome", "Actions", "Themes", "Owner", "Timescale", "RAG"],
        ["QAPR 1.1", "1", action.impact, "New wording", "", "New lead", action.timeframe, "Red: no analyst"],
    ])
    result = run(world, content)
    row = result.updated[0]
    assert {change.field for change in row.changes} == {"Priority", "Action", "Lead", "BRAG Rating & Update"}
    lead_change = next(change for change in row.changes if change.field == "Lead")
    assert (lead_change.old, lead_change.new) == ("Old lead", "New lead")
    action.refresh_from_db()
    assert (action.description, action.lead_names, action.priority) == ("New wording", "New lead", world["priorities"][1])
    assert action.version == 2  # through action_edit: versioned and in the history
    assert action.history.first().description == "New wording"
    latest = action.updates.order_by("-as_at").first()
    assert (latest.rating, latest.narrative, latest.as_at) == ("red", "no analyst", AS_AT)


def test_rows_without_a_reference_match_by_action_text_ignoring_case_and_spacing(world):
    workplan = Workplan.objects.create(subgroup=world["subgroup"], plan=world["plan"], year="2024-25")
    action = ActionFactory(workplan=workplan, reference="", description="Run the  audit programme", lead="QA lead")
    content = csv_bytes([["Impact", "Action", "Lead"], [action.impact, "run the audit\nprogramme", "QA lead"]])
    result = run(world, content, import_without=("brag", "themes"))
    assert result.updated[0].action == action and Action.objects.count() == 1
    assert [change.field for change in result.updated[0].changes] == ["Action"]  # the file's wording wins
    assert run(world, content, import_without=("brag", "themes")).unchanged[0].action == action


def test_columns_the_file_does_not_have_are_left_as_they_are(world):
    workplan = Workplan.objects.create(subgroup=world["subgroup"], plan=world["plan"], year="2024-25")
    action = ActionFactory(workplan=workplan, reference="QAPR 1.1", priority=world["priorities"][1])
    action.themes.set([world["themes"]["Think Family"]])
    content = csv_bytes([["Reference", "Action"], ["QAPR 1.1", action.description]])
    result = run(world, content, import_without=("brag", "themes"))
    assert result.unchanged and action.themes.count() == 1
    action.refresh_from_db()
    assert action.priority == world["priorities"][1]


def error_lines(world, rows, **kwargs):
    with pytest.raises(ImportRefused) as refused:
        run(world, csv_bytes(rows), **kwargs)
    return [str(error) for error in refused.value.errors]


HEADER = ["Reference", "Priority", "Impact", "Action", "Cross-Cutting Themes", "Lead", "Timeframe", "BRAG Rating & Update"]


def good_row(reference, **changes):
    row = dict(zip(HEADER, [reference, "1", "Impact", f"Action {reference}", "Think Family", "Lead", "March 2025", "Green"]))
    row.update(changes)
    return list(row.values())


@pytest.mark.parametrize(
    ("bad_row", "expected"),
    [
        (good_row("X3", **{"Cross-Cutting Themes": "Think Families"}), 'row 4: Cross-Cutting Themes: unknown theme "Think Families"'),
        (good_row("X3", Priority="Priority 9"), 'row 4: Priority: unknown priority "Priority 9": the plan has no priority 9'),
        (good_row("X3", **{"BRAG Rating & Update": "Purple - fine"}), 'row 4: BRAG Rating & Update: unknown rating "Purple"'),
        (good_row("X3", Action=""), "row 4: Action: the row has no action text"),
        (good_row("X3", Impact=""), "row 4: Impact: a new action needs its impact"),
        (good_row("X1", Action="Another action"), "row 4: Reference: X1 is also in row 2"),
        (good_row("X3", Action="Action X1"), "row 4: Action: the same action is also in row 2"),
        (good_row("X" * 21), "row 4: Reference: longer than 20 characters"),
    ],
)
def test_each_bad_row_is_an_error_naming_row_column_and_problem_and_nothing_is_written(world, bad_row, expected):
    before = fingerprint()
    lines = error_lines(world, [HEADER, good_row("X1"), good_row("X2"), bad_row])
    assert len(lines) == 1 and lines[0].startswith(expected), lines
    assert fingerprint() == before


def test_an_unknown_priority_heading_is_an_error(world):
    lines = error_lines(world, [["Impact", "Action"], ["Priority 7: Online safety"], ["Impact", "Do it"]])
    assert lines == [
        'row 2: Priority: unknown priority "Priority 7: Online safety": the plan has no priority 7 (its priorities are 1 or 3)'
    ]


def test_a_rating_dated_before_the_latest_update_is_refused_so_reimport_stays_idempotent(world):
    workplan = Workplan.objects.create(subgroup=world["subgroup"], plan=world["plan"], year="2024-25")
    action = ActionFactory(workplan=workplan, reference="X1")
    ActionUpdateFactory(action=action, rating="green", narrative="", as_at=datetime.date(2024, 9, 1))
    lines = error_lines(world, [["Reference", "Action", "BRAG"], ["X1", action.description, "Amber - slipping"]])
    assert lines[0].startswith("row 2: BRAG Rating & Update: the latest update is as at 1 September 2024")


@pytest.mark.parametrize(
    ("year", "message"),
    [("2024", '"2024" is not a year such as 2023-24'), ("2026-27", "covers 2026-27")],
)
def test_a_year_outside_every_plan_is_refused(world, year, message):
    with pytest.raises(ImportRefused, match=message):
        run(world, csv_bytes([["Action"], ["Do it"]]), year=year)


@pytest.mark.django_db(transaction=True)
def test_an_error_in_the_last_row_of_a_long_file_leaves_nothing_written(world):
    rows = [HEADER] + [good_row(f"X{n}") for n in range(1, 40)]
    rows.append(good_row("X99", **{"Cross-Cutting Themes": "Think Families"}))
    before = fingerprint()
    with pytest.raises(ImportRefused, match='row 41: Cross-Cutting Themes: unknown theme "Think Families"'):
        run(world, xlsx_bytes(rows))
    assert fingerprint() == before and not Workplan.objects.filter(year="2024-25").exists()


@pytest.mark.django_db(transaction=True)
def test_a_failure_part_way_through_writing_rolls_back_the_rows_already_written(world):
    """Someone adds an action with the file's last reference between preview and confirm:
    the database refuses that row, and the rows before it are undone."""
    workplan = Workplan.objects.create(subgroup=world["subgroup"], plan=world["plan"], year="2024-25")
    result = workplan_import_plan(
        content=csv_bytes([HEADER, good_row("X1"), good_row("X2"), good_row("X3")]),
        subgroup=world["subgroup"], year="2024-25", as_at=AS_AT,
    )
    assert len(result.created) == 3
    ActionFactory(workplan=workplan, reference="X3", description="Added by someone else")
    before = fingerprint()
    with pytest.raises(ImportRefused, match="row 4: .*X3|row 4: .*reference"):
        workplan_import_apply(result=result, author=world["bsu"])
    assert fingerprint() == before
    assert list(workplan.actions.values_list("reference", flat=True)) == ["X3"]


@pytest.mark.django_db(transaction=True)
def test_an_action_edited_since_the_preview_rolls_back_the_whole_import(world):
    workplan = Workplan.objects.create(subgroup=world["subgroup"], plan=world["plan"], year="2024-25")
    action = ActionFactory(workplan=workplan, reference="X2", description="Action X2", lead="Old lead")
    result = workplan_import_plan(
        content=csv_bytes([HEADER, good_row("X1"), good_row("X2")]),
        subgroup=world["subgroup"], year="2024-25", as_at=AS_AT,
    )
    action_edit(action=action, expected_version=1, fields={"timeframe": "Edited meanwhile"}, themes=[])
    before = fingerprint()
    with pytest.raises(ImportRefused, match="row 3: .*changed this action"):
        workplan_import_apply(result=result, author=world["bsu"])
    assert fingerprint() == before and not workplan.actions.filter(reference="X1").exists()


def test_planning_takes_the_same_queries_for_ten_rows_or_a_hundred(world, django_assert_max_num_queries):
    workplan = Workplan.objects.create(subgroup=world["subgroup"], plan=world["plan"], year="2024-25")
    for n in range(1, 101):
        ActionFactory(workplan=workplan, reference=f"X{n}", description=f"Action X{n}")
    for count in (10, 100):
        content = csv_bytes([HEADER] + [good_row(f"X{n}") for n in range(1, count + 1)])
        with django_assert_max_num_queries(12):
            workplan_import_plan(content=content, subgroup=world["subgroup"], year="2024-25", as_at=AS_AT)


@pytest.mark.parametrize(
    ("cell", "rating"),
    [("A", "amber"), ("B", "blue"), ("Amber", "amber"), ("r", "red"), ("g", "green"), ("RED", "red")],
)
def test_a_bare_rating_imports_as_given_with_no_narrative(world, cell, rating):
    run(world, csv_bytes([HEADER, good_row("X1", **{"BRAG Rating & Update": cell})]))
    update = ActionUpdate.objects.get()
    assert (update.rating, update.narrative, update.as_at, update.author) == (rating, "", AS_AT, world["bsu"])


def test_red_or_amber_with_no_narrative_and_blue_with_no_evidence_are_warnings_not_errors(world):
    workplan = Workplan.objects.create(subgroup=world["subgroup"], plan=world["plan"], year="2024-25")
    existing = ActionFactory(workplan=workplan, reference="X5", description="Action X5", impact="Impact", lead="Lead",
                             timeframe="March 2025", priority=world["priorities"][1])
    existing.themes.set([world["themes"]["Think Family"]])
    rows = [
        HEADER,
        good_row("X1", **{"BRAG Rating & Update": "Amber"}),
        good_row("X2", **{"BRAG Rating & Update": "r"}),
        good_row("X3", **{"BRAG Rating & Update": "B"}),
        good_row("X4", **{"BRAG Rating & Update": "Amber - venue rebooked"}),
        good_row("X5", **{"BRAG Rating & Update": "a"}),  # an existing action's new update
        good_row("X6", **{"BRAG Rating & Update": "G"}),
    ]
    result = run(world, csv_bytes(rows))
    assert [str(warning) for warning in result.warnings] == [
        "row 2: BRAG Rating & Update: Amber with no narrative: imported as given (an update in the app says why and what is being done)",
        "row 3: BRAG Rating & Update: Red with no narrative: imported as given (an update in the app says why and what is being done)",
        "row 4: BRAG Rating & Update: Blue with no evidence of impact: imported as given (an update in the app gives the evidence)",
        "row 6: BRAG Rating & Update: Amber with no narrative: imported as given (an update in the app says why and what is being done)",
    ]
    assert not result.errors and len(result.created) == 5 and len(result.updated) == 1
    assert existing.updates.get().rating == "amber"


def test_the_update_form_still_needs_a_narrative_for_red_amber_and_blue(world):
    """Only the import takes history as given: the service the form uses keeps its rule."""
    from django.core.exceptions import ValidationError

    from subgroups.services import action_record_update

    workplan = Workplan.objects.create(subgroup=world["subgroup"], plan=world["plan"], year="2024-25")
    action = ActionFactory(workplan=workplan)
    with pytest.raises(ValidationError, match="Say why this action is amber"):
        action_record_update(action=action, rating="amber", narrative="", as_at=AS_AT, author=world["bsu"])
    assert not action.updates.exists()


@pytest.mark.parametrize(
    ("header", "missing"),
    [
        (["Reference", "Impact", "Action", "Cross-Cutting Themes"], ["brag"]),
        (["Reference", "Impact", "Action", "BRAG"], ["themes"]),
        (["Reference", "Impact", "Action", "Notes"], ["brag", "themes"]),
    ],
)
def test_a_file_without_a_rating_or_themes_column_is_refused_unless_the_importer_says_to_go_without(
    world, header, missing
):
    content = csv_bytes([header, ["X1", "Impact", "Do it", ""]])
    result = workplan_import_plan(content=content, subgroup=world["subgroup"], year="2024-25", as_at=AS_AT)
    assert result.missing_columns == missing and not result.errors
    for partly in ([], missing[:-1]):
        with pytest.raises(ImportRefused) as refused:
            workplan_import_apply(result=result, author=world["bsu"], import_without=partly)
        assert "no column is headed" in str(refused.value)
        assert not Action.objects.exists()
    workplan_import_apply(result=result, author=world["bsu"], import_without=missing)
    assert Action.objects.get().description == "Do it"


def test_the_refusal_lists_the_columns_not_recognised(world):
    content = csv_bytes([["Impact", "Action", "Cross-Cutting Themes", "Progress notes"], ["Impact", "Do it", "", "Amber"]])
    with pytest.raises(ImportRefused) as refused:
        run(world, content)
    assert str(refused.value) == (
        "BRAG Rating & Update: no column is headed BRAG Rating & Update, so the file's BRAG ratings would not "
        "be imported (columns not recognised: Column D, “Progress notes”)"
    )
    assert not Workplan.objects.exists()


def test_rating_and_themes_columns_that_are_there_but_empty_import_without_a_question(world):
    result = run(world, csv_bytes([HEADER, good_row("X1", **{"BRAG Rating & Update": "", "Cross-Cutting Themes": ""})]))
    assert result.missing_columns == [] and len(result.created) == 1 and not ActionUpdate.objects.exists()


def test_columns_with_data_the_import_does_not_use_are_named(world):
    rows = [[*HEADER, "Notes"], good_row("X1") + ["chase the analyst"], good_row("X2") + [""]]
    result = run(world, csv_bytes(rows))
    assert [column.not_imported for column in result.unread_data_columns] == [
        "Column I, “Notes”, has data that is not imported"
    ]


def dashboard_as_at(plan, day):
    from reports.selectors import exception_report, plan_dashboard

    whole_plan = ReportScope(plan=plan, as_at=day, year=None)
    return repr(plan_dashboard(scope=whole_plan)), repr(exception_report(scope=whole_plan))


def test_an_import_never_changes_what_pages_showed_as_at_dates_before_its_as_at_date(world):
    """New actions are added as at the import's date, not the start of the workplan year:
    the dashboard and exception report as at any earlier date are the same after it."""
    workplan = Workplan.objects.create(subgroup=world["subgroup"], plan=world["plan"], year="2024-25")
    # The file gives X1 a new rating and leaves its columns as they are. (Changing an existing
    # action's priority or due date changes figures at every date, as on the edit page.)
    existing = ActionFactory(
        workplan=workplan, reference="X1", description="Action X1", impact="Impact", lead="Lead",
        priority=world["priorities"][1], timeframe="March 2025", due_date=datetime.date(2025, 3, 31),
        added_on=datetime.date(2024, 4, 1),
    )
    existing.themes.set([world["themes"]["Think Family"]])
    ActionUpdateFactory(action=existing, rating="green", narrative="", as_at=datetime.date(2024, 5, 1))
    earlier_days = [datetime.date(2024, 4, 30), datetime.date(2024, 6, 29), datetime.date(2024, 9, 1)]
    as_at = datetime.date(2024, 9, 2)
    before = {day: dashboard_as_at(world["plan"], day) for day in earlier_days}
    totals_before = plan_totals(world["plan"], as_at)

    rows = [HEADER, good_row("X1", **{"BRAG Rating & Update": "Red - slipped"}), good_row("X2"), good_row("X3")]
    result = run(world, xlsx_bytes(rows), as_at=as_at)

    assert len(result.created) == 2
    assert {day: dashboard_as_at(world["plan"], day) for day in earlier_days} == before
    assert plan_totals(world["plan"], as_at) != totals_before  # the import shows from its date
    new = Action.objects.get(reference="X2")
    assert new.added_on == as_at and new.updates.get().as_at == as_at
    existing.refresh_from_db()
    assert existing.updates.order_by("as_at").last().as_at == as_at and existing.version == 1


def plan_totals(plan, day):
    from reports.selectors import plan_dashboard

    return repr(plan_dashboard(scope=ReportScope(plan=plan, as_at=day, year=None))["totals"])


@pytest.mark.parametrize(
    ("as_at", "message"),
    [
        (datetime.date(2099, 1, 1), "As at 1 January 2099: The as-at date cannot be in the future."),
        (datetime.date(2023, 3, 31), "As at 31 March 2023: The as-at date must be on or after the plan's start, 1 April 2023."),
    ],
)
def test_an_as_at_date_outside_the_plan_or_in_the_future_is_refused_for_the_whole_file(world, as_at, message):
    lines = error_lines(world, [HEADER, good_row("X1", **{"BRAG Rating & Update": ""})], as_at=as_at)
    assert message in lines


@pytest.mark.parametrize(
    ("created", "updated", "label"),
    [
        (1, 1, "Import 1 new action and 1 changed action"),
        (2, 0, "Import 2 new actions"),
        (0, 3, "Import 3 changed actions"),
        (2, 1, "Import 2 new actions and 1 changed action"),
        (0, 0, "Import: no action changes"),
    ],
)
def test_the_confirm_button_counts_in_words_that_agree(world, created, updated, label):
    workplan = Workplan.objects.create(subgroup=world["subgroup"], plan=world["plan"], year="2024-25")
    rows = [HEADER]
    for n in range(1, updated + 1):
        ActionFactory(workplan=workplan, reference=f"U{n}", description=f"Action U{n}")
        rows.append(good_row(f"U{n}"))
    rows += [good_row(f"C{n}") for n in range(1, created + 1)]
    if not created and not updated:
        ActionFactory(workplan=workplan, reference="X1", description="Action X1")
        run(world, csv_bytes([HEADER, good_row("X1")]))
        rows.append(good_row("X1"))
    result = workplan_import_plan(content=csv_bytes(rows), subgroup=world["subgroup"], year="2024-25", as_at=AS_AT)
    assert result.confirm_label == label


def test_a_workplan_created_by_someone_else_since_the_preview_is_a_refusal_not_a_server_error(world):
    """Two first imports for a new year at once: the second finds the year's workplan taken
    when it writes, and says so; nothing of its own is written."""
    result = workplan_import_plan(
        content=xlsx_bytes(WORKPLAN_ROWS), subgroup=world["subgroup"], year="2024-25", as_at=AS_AT
    )
    assert result.workplan is None
    Workplan.objects.create(subgroup=world["subgroup"], plan=world["plan"], year="2024-25")
    with pytest.raises(ImportRefused) as refusal:
        workplan_import_apply(result=result, author=world["bsu"])
    assert "The 2024-25 workplan was created by someone else" in str(refusal.value.errors[0])
    assert not Action.objects.exists() and not ActionUpdate.objects.exists()


LEAD_ROWS = [
    ["Ref", "Priority", "Outcome", "Actions", "Themes", "Lead", "Timescale", "RAG"],
    ["QAPR 1.1", "1", "Families get help early", "Audit early help", "", "head of early help,  LBM / Young Scrutineer", "March 2025", ""],
    ["QAPR 1.2", "1", "Schools are confident", "Brief schools", "", "Young Scrutineer; Education Safeguarding Lead", "March 2025", ""],
    ["QAPR 1.3", "1", "Leaders know the picture", "Report to the board", "", "", "March 2025", ""],
]


def test_lead_names_are_matched_to_the_directory_and_new_ones_listed_in_the_preview(world):
    partnership = world["subgroup"].partnership
    early_help = PersonFactory(partnership=partnership, name="Head of Early Help, LBM")
    result = workplan_import_plan(content=csv_bytes(LEAD_ROWS), subgroup=world["subgroup"], year="2024-25", as_at=AS_AT)
    rows = {row.reference: row for row in result.rows}
    # Case and spacing do not make a new person; each row lists the names new to the directory.
    assert rows["QAPR 1.1"].lead_names == ["head of early help, LBM", "Young Scrutineer"]
    assert rows["QAPR 1.1"].new_lead_names == ["Young Scrutineer"]
    assert rows["QAPR 1.2"].new_lead_names == ["Young Scrutineer", "Education Safeguarding Lead"]
    assert rows["QAPR 1.3"].lead_names == [] and rows["QAPR 1.3"].new_lead_names == []
    assert result.new_people == ["Young Scrutineer", "Education Safeguarding Lead"]
    assert Person.objects.filter(partnership=partnership).count() == 1  # a preview writes nothing

    workplan_import_apply(result=result, author=world["bsu"])
    assert sorted(Person.objects.filter(partnership=partnership).values_list("name", flat=True)) == [
        "Education Safeguarding Lead", "Head of Early Help, LBM", "Young Scrutineer",
    ]
    actions = {action.reference: action for action in Action.objects.prefetch_related("leads")}
    assert set(actions["QAPR 1.1"].leads.all()) == {early_help, Person.objects.get(name="Young Scrutineer")}
    assert actions["QAPR 1.1"].lead_names == "Head of Early Help, LBM / Young Scrutineer"
    assert actions["QAPR 1.2"].lead_names == "Education Safeguarding Lead / Young Scrutineer"
    assert actions["QAPR 1.3"].lead_names == ""


def test_reimporting_the_same_leads_changes_nothing_and_a_changed_lead_is_a_change(world):
    run(world, csv_bytes(LEAD_ROWS))
    again = workplan_import_plan(content=csv_bytes(LEAD_ROWS), subgroup=world["subgroup"], year="2024-25", as_at=AS_AT)
    assert len(again.unchanged) == 3 and again.new_people == []
    changed = [list(row) for row in LEAD_ROWS]
    changed[3][5] = "Young Scrutineer"
    result = run(world, csv_bytes(changed))
    (row,) = result.updated
    assert [(change.field, change.old, change.new) for change in row.changes] == [("Lead", "none", "Young Scrutineer")]
    assert Action.objects.get(reference="QAPR 1.3").lead_names == "Young Scrutineer"


def test_a_failed_import_adds_nobody_to_the_directory(world):
    rows = [list(row) for row in LEAD_ROWS] + [["QAPR 1.4", "9", "Impact", "Unknown priority", "", "New Person", "", ""]]
    with pytest.raises(ImportRefused):
        run(world, csv_bytes(rows))
    assert not Person.objects.exists()
