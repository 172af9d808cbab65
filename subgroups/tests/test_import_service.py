"""The import service: what a file creates, updates and leaves alone, its errors by row and
column, and that the whole file goes in or nothing does."""

import datetime

import pytest

from plans.models import Membership
from plans.tests.factories import BusinessPlanFactory, PriorityFactory, ThemeFactory
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
    assert (action.description, action.lead, action.priority) == ("New wording", "New lead", world["priorities"][1])
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
    assert lines == ['row 2: Priority: unknown priority "Priority 7: Online safety": the plan has no priority 7']


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
    action_edit(action=action, expected_version=1, fields={"lead": "Edited meanwhile"}, themes=[])
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
