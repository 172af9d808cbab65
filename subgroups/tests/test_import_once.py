"""An upload is imported once, whatever arrives: two confirmations of the same preview at the
same moment (a double click, two tabs) on PostgreSQL store each action once, and the second
is told the file has already been imported."""

import datetime
import threading

import pytest
from django.db import connection

from plans.models import Membership
from plans.tests.factories import BusinessPlanFactory, ThemeFactory
from subgroups.importing.services import (
    AlreadyImported,
    import_applied,
    workplan_import_apply,
    workplan_import_plan,
)
from subgroups.models import Action, ActionUpdate
from subgroups.tests.factories import SubGroupFactory, WorkplanFactory
from subgroups.tests.spreadsheets import STANDARD_HEADER, xlsx_bytes

AS_AT = datetime.date(2024, 6, 30)
ROWS = [STANDARD_HEADER] + [
    [f"Impact {number}", f"Action {number}", "Think Family", "Lead", "Q4 2024/25", "Green - on track"]
    for number in range(1, 31)
]


@pytest.fixture
def world(member_of):
    plan = BusinessPlanFactory(period_start=datetime.date(2023, 4, 1), period_end=datetime.date(2025, 3, 31))
    ThemeFactory(plan=plan, title="Think Family")
    subgroup = SubGroupFactory(partnership=plan.partnership, short_name="QAPR")
    WorkplanFactory(subgroup=subgroup, plan=plan, year="2024-25")
    return {"subgroup": subgroup, "bsu": member_of(plan.partnership, Membership.Role.BSU)}


def plan_import(world):
    return workplan_import_plan(content=xlsx_bytes(ROWS), subgroup=world["subgroup"], year="2024-25", as_at=AS_AT)


@pytest.mark.django_db
def test_a_second_confirmation_of_one_upload_changes_nothing(world):
    workplan_import_apply(result=plan_import(world), author=world["bsu"], upload_token="token-1", filename="qapr.xlsx")
    with pytest.raises(AlreadyImported) as already:
        workplan_import_apply(result=plan_import(world), author=world["bsu"], upload_token="token-1", filename="qapr.xlsx")
    assert "already been imported" in str(already.value)
    assert already.value.applied.workplan.year == "2024-25"
    assert Action.objects.count() == 30 and ActionUpdate.objects.count() == 30
    # Another upload of the same file is a new import: nothing in it changes anything.
    again = workplan_import_apply(result=plan_import(world), author=world["bsu"], upload_token="token-2")
    assert len(again.unchanged) == 30 and Action.objects.count() == 30


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL (CI runs the suite on it)")
def test_two_confirmations_at_once_on_postgresql_store_each_action_once(world):
    results = [plan_import(world), plan_import(world)]  # two tabs, each with its preview
    start = threading.Barrier(2)
    outcomes = []

    def confirm(result):
        try:
            start.wait()
            workplan_import_apply(result=result, author=world["bsu"], upload_token="the-token", filename="qapr.xlsx")
            outcomes.append("imported")
        except AlreadyImported:
            outcomes.append("already imported")
        finally:
            connection.close()

    threads = [threading.Thread(target=confirm, args=(result,)) for result in results]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert sorted(outcomes) == ["already imported", "imported"]
    assert Action.objects.count() == 30 and ActionUpdate.objects.count() == 30
    assert sorted(Action.objects.values_list("description", flat=True)) == sorted(f"Action {n}" for n in range(1, 31))
    assert import_applied(token="the-token", subgroup=world["subgroup"]).workplan.actions.count() == 30
