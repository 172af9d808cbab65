"""A large import is written in bulk, and still keeps every rule and every action's history:
each new action's history shows it created with its themes, each changed action's the
change (who made it, what it was), and a change someone saved since the preview is refused."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from plans.models import Membership, Person
from plans.tests.factories import BusinessPlanFactory, PersonFactory, ThemeFactory
from subgroups.importing.services import ImportRefused, workplan_import_apply, workplan_import_plan
from subgroups.models import Action, ActionUpdate
from subgroups.services import action_edit, action_history_changes
from subgroups.tests.factories import SubGroupFactory
from subgroups.tests.spreadsheets import STANDARD_HEADER, xlsx_bytes

pytestmark = pytest.mark.django_db
AS_AT = datetime.date(2024, 6, 30)


@pytest.fixture
def world(member_of):
    plan = BusinessPlanFactory(period_start=datetime.date(2023, 4, 1), period_end=datetime.date(2025, 3, 31))
    for title in ("Think Family", "Addressing disproportionality"):
        ThemeFactory(plan=plan, title=title)
    subgroup = SubGroupFactory(partnership=plan.partnership, short_name="QAPR")
    return {"subgroup": subgroup, "bsu": member_of(plan.partnership, Membership.Role.BSU)}


def rows(count, lead="Lead A", themes="Think Family", rating="Green"):
    return [["Reference", *STANDARD_HEADER]] + [
        [f"Q {n}", f"Impact {n}", f"Action {n}", themes, lead, "Q4 2024/25", f"{rating} - note {n}"]
        for n in range(1, count + 1)
    ]


def run(world, table):
    result = workplan_import_plan(content=xlsx_bytes(table), subgroup=world["subgroup"], year="2024-25", as_at=AS_AT)
    return workplan_import_apply(result=result, author=world["bsu"])


def test_history_records_each_created_and_changed_action_with_its_themes_and_author(world):
    run(world, rows(3))
    action = Action.objects.get(reference="Q 2")
    first = action.history.get()
    assert first.history_type == "+" and first.history_user == world["bsu"]
    assert [theme.crosscuttingtheme.title for theme in first.themes.all()] == ["Think Family"]
    assert [lead.person.name for lead in first.leads.all()] == ["Lead A"]

    run(world, rows(3, lead="Lead B", themes="Think Family; Addressing disproportionality", rating="Amber"))
    records = list(action.history.order_by("history_date", "history_id"))
    assert len(records) == 2 and records[1].history_user == world["bsu"]
    changes = {change.field: (change.old, change.new) for change in action_history_changes(records)[0]}
    assert changes["Leads"] == ("Lead A", "Lead B")
    assert changes["Cross-cutting themes"] == ("Think Family", "Addressing disproportionality; Think Family")
    action.refresh_from_db()
    assert action.version == 2 and action.lead_names == "Lead B"
    assert list(action.updates.values_list("rating", flat=True)) == ["amber", "green"]


def test_writes_take_a_fixed_number_of_queries_whatever_the_number_of_rows(world):
    partnership = world["subgroup"].partnership
    run(world, rows(2))  # the first import of the run loads what every import needs
    counts = []
    for number, size in enumerate((5, 40)):  # within one batch of the database's writes
        world["subgroup"] = SubGroupFactory(partnership=partnership, short_name=f"SG{number}")
        with CaptureQueriesContext(connection) as queries:
            run(world, rows(size))
        counts.append(len(queries))
    assert counts[0] == counts[1]
    assert Action.objects.count() == 47 and ActionUpdate.objects.count() == 47


def test_an_action_saved_since_the_preview_refuses_the_whole_bulk_import(world):
    run(world, rows(3))
    result = workplan_import_plan(
        content=xlsx_bytes(rows(3, lead="Lead B")), subgroup=world["subgroup"], year="2024-25", as_at=AS_AT
    )
    edited = Action.objects.get(reference="Q 3")
    someone_else = PersonFactory(partnership=edited.workplan.subgroup.partnership, name="Someone else")
    action_edit(action=edited, expected_version=edited.version, fields={}, themes=list(edited.themes.all()), leads=[someone_else])
    with pytest.raises(ImportRefused) as refused:
        workplan_import_apply(result=result, author=world["bsu"])
    assert "row 4" in str(refused.value) and "changed this action" in str(refused.value)
    assert sorted(action.lead_names for action in Action.objects.all()) == ["Lead A", "Lead A", "Someone else"]
    # Nobody the refused import named was added to the directory either.
    assert not Person.objects.filter(name="Lead B").exists()
