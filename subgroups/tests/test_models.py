import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import ProtectedError

from plans.tests.factories import BusinessPlanFactory, PriorityFactory
from subgroups.models import Action, ActionUpdate, Workplan, year_label_bounds
from subgroups.tests.factories import (
    ActionFactory,
    ActionUpdateFactory,
    SubGroupFactory,
    WorkplanFactory,
)

pytestmark = pytest.mark.django_db


def test_year_label_gives_the_financial_year():
    assert year_label_bounds("2023-24") == (datetime.date(2023, 4, 1), datetime.date(2024, 3, 31))


@pytest.mark.parametrize("label", ["2023", "2023-25", "23-24", "2023/24", ""])
def test_year_label_must_be_consecutive_years(label):
    with pytest.raises(ValueError):
        year_label_bounds(label)


def test_workplan_rejects_a_badly_written_year():
    workplan = WorkplanFactory.build(year="2023/24")
    with pytest.raises(ValidationError) as error:
        workplan.full_clean(exclude=["plan", "subgroup"])
    assert "year" in error.value.message_dict


def test_workplan_subgroup_and_plan_must_share_a_partnership():
    workplan = Workplan(subgroup=SubGroupFactory(), plan=BusinessPlanFactory(), year="2023-24")
    with pytest.raises(ValidationError, match="different partnerships"):
        workplan.full_clean()


def test_references_are_unique_within_a_workplan_but_may_be_blank():
    workplan = WorkplanFactory()
    ActionFactory(workplan=workplan, reference="PEI 1.1")
    ActionFactory(workplan=workplan, reference="")
    ActionFactory(workplan=workplan, reference="")
    ActionFactory(reference="PEI 1.1")  # another workplan
    with pytest.raises(IntegrityError), transaction.atomic():
        ActionFactory(workplan=workplan, reference="PEI 1.1")


def test_action_priority_must_belong_to_the_workplans_plan():
    action = ActionFactory.build(workplan=WorkplanFactory(), priority=PriorityFactory())
    with pytest.raises(ValidationError) as error:
        action.clean()
    assert "priority" in error.value.message_dict


def test_database_refuses_an_unknown_rating():
    with pytest.raises(IntegrityError), transaction.atomic():
        ActionUpdateFactory(rating="pink")


def test_updates_are_never_edited_or_deleted():
    update = ActionUpdateFactory(rating="amber", narrative="Delayed by staffing.")
    update.narrative = "Rewritten history"
    with pytest.raises(ValidationError, match="never edited"):
        update.save()
    with pytest.raises(ValidationError, match="never deleted"):
        update.delete()
    update.refresh_from_db()
    assert update.narrative == "Delayed by staffing."


def test_updates_and_actions_with_updates_are_never_deleted_by_any_route():
    update = ActionUpdateFactory(rating="red", narrative="Provider withdrew.")
    action = update.action
    with pytest.raises(ValidationError, match="never deleted"):
        ActionUpdate.objects.filter(pk=update.pk).delete()
    with pytest.raises(ValidationError, match="retire it instead"):
        action.delete()
    with pytest.raises(ValidationError, match="retire it instead"):
        Action.objects.filter(pk=action.pk).delete()
    # Nor with the workplan, sub-group, plan or partnership they belong to.
    workplan = action.workplan
    for owner in (workplan, workplan.subgroup, workplan.plan, workplan.plan.partnership):
        with pytest.raises(ProtectedError), transaction.atomic():
            owner.delete()
    assert ActionUpdate.objects.filter(pk=update.pk).exists()
    assert Action.objects.filter(pk=action.pk).exists()


def test_an_action_with_no_updates_yet_can_be_deleted():
    action = ActionFactory()
    action.delete()
    assert not Action.objects.exists()


def test_current_state_is_the_latest_update_and_none_means_not_yet_rated():
    rated = ActionFactory()
    ActionUpdateFactory(action=rated, as_at=datetime.date(2023, 5, 1), rating="amber")
    ActionUpdateFactory(action=rated, as_at=datetime.date(2023, 8, 1), rating="green")
    unrated = ActionFactory()
    states = {a.pk: a for a in Action.objects.with_current_state()}
    assert states[rated.pk].current_rating == "green"
    assert states[rated.pk].current_as_at == datetime.date(2023, 8, 1)
    assert states[unrated.pk].current_rating is None
    assert states[unrated.pk].last_activity_on == unrated.added_on


def test_a_correction_on_the_same_day_wins_over_the_earlier_entry():
    action = ActionFactory()
    ActionUpdateFactory(action=action, as_at=datetime.date(2023, 8, 1), rating="red")
    ActionUpdateFactory(action=action, as_at=datetime.date(2023, 8, 1), rating="amber")
    assert Action.objects.with_current_state().get().current_rating == "amber"
    assert ActionUpdate.objects.count() == 2


def test_retired_action_needs_its_retirement_date():
    with pytest.raises(IntegrityError), transaction.atomic():
        ActionFactory(is_retired=True, retired_on=None)
