""""Checked, no change" and the update round's service: a check keeps the rating and ends
staleness; many rows are judged by the single update's rules, the good ones saved."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from plans.models import Rating
from plans.tests.factories import UserFactory
from subgroups.brag import brag_summary, plan_as_at
from subgroups.models import Action, ActionUpdate
from subgroups.selectors import workplan_actions
from subgroups.services import (
    UpdateConflict,
    UpdateRow,
    action_record_update,
    action_record_updates,
)
from subgroups.tests.factories import ActionFactory, ActionUpdateFactory, WorkplanFactory

pytestmark = pytest.mark.django_db
D = datetime.date
CHECK, UPDATE = ActionUpdate.Kind.CHECK, ActionUpdate.Kind.UPDATE


@pytest.fixture
def amber_action():
    """Amber as at 1 January 2024, so stale by June (the plan's 90 days)."""
    action = ActionFactory(due_date=D(2025, 3, 31))
    ActionUpdateFactory(action=action, rating="amber", narrative="Venue fell through; rebooked.", as_at=D(2024, 1, 1))
    return action


def flags(action, on):
    judged = plan_as_at(action.workplan.plan, on)
    return judged.with_flags(Action.objects.filter(pk=action.pk).with_current_state(on)).get()


def test_a_check_keeps_the_rating_and_the_figures_and_ends_staleness(amber_action):
    plan = amber_action.workplan.plan
    on = D(2024, 6, 30)
    assert flags(amber_action, on).is_stale
    before = brag_summary(plan=plan, as_at=on)
    check = action_record_update(
        action=amber_action, rating="amber", narrative="", as_at=D(2024, 6, 1), author=UserFactory(), kind=CHECK
    )
    assert (check.kind, check.rating, check.is_check) == (CHECK, Rating.AMBER, True)
    after = flags(amber_action, on)
    assert not after.is_stale
    assert after.current_rating == "amber"
    # A check with no words leaves the position's text as the update before it said it.
    assert after.current_narrative == "Venue fell through; rebooked."
    counts = brag_summary(plan=plan, as_at=on)
    assert (counts.amber, counts.total, counts.stale) == (before.amber, before.total, before.stale - 1)
    assert check.summary == "checked, no change: Amber as at 1 June 2024"


def test_a_check_with_words_shows_them_as_the_position(amber_action):
    action_record_update(
        action=amber_action, rating="amber", narrative="Checked at the May meeting.", as_at=D(2024, 6, 1),
        author=UserFactory(), kind=CHECK,
    )
    row = workplan_actions(workplan=amber_action.workplan).get(pk=amber_action.pk)
    assert row.current_narrative == "Checked at the May meeting."


def test_a_check_needs_no_words_even_for_amber(amber_action):
    check = action_record_update(
        action=amber_action, rating="amber", narrative="  ", as_at=D(2024, 6, 1), author=UserFactory(), kind=CHECK
    )
    assert check.narrative == ""


def test_a_check_may_not_change_the_rating(amber_action):
    with pytest.raises(ValidationError) as error:
        action_record_update(
            action=amber_action, rating="green", narrative="", as_at=D(2024, 6, 1), author=UserFactory(), kind=CHECK
        )
    assert "keeps the rating, Amber" in error.value.message_dict["rating"][0]
    assert amber_action.updates.count() == 1


@pytest.mark.parametrize("as_at", [D(2024, 1, 1), D(2023, 12, 1)])
def test_a_check_is_dated_after_the_latest_update(amber_action, as_at):
    with pytest.raises(ValidationError) as error:
        action_record_update(
            action=amber_action, rating="amber", narrative="", as_at=as_at, author=UserFactory(), kind=CHECK
        )
    assert "The latest update is as at 1 January 2024" in error.value.message_dict["as_at"][0]


def test_a_never_rated_action_can_be_checked_as_not_yet_rated():
    action = ActionFactory()
    check = action_record_update(action=action, rating=None, narrative="", as_at=D(2024, 6, 1), author=UserFactory(), kind=CHECK)
    assert check.rating is None


def test_an_update_that_changes_nothing_is_still_refused_and_points_to_the_check(amber_action):
    with pytest.raises(ValidationError, match="changes nothing.*Checked, no change"):
        action_record_update(
            action=amber_action, rating="amber", narrative="Venue fell through; rebooked.", as_at=D(2024, 6, 1),
            author=UserFactory(),
        )


def test_an_update_added_after_the_form_opened_is_not_passed_over(amber_action):
    seen = amber_action.updates.get().pk
    other = UserFactory(first_name="Sam", last_name="Okafor")
    action_record_update(action=amber_action, rating="green", narrative="Rebooked for May.", as_at=D(2024, 3, 1), author=other)
    with pytest.raises(UpdateConflict) as conflict:
        action_record_update(
            action=amber_action, rating="red", narrative="Cancelled.", as_at=D(2024, 3, 2), author=UserFactory(), seen=seen
        )
    message = conflict.value.messages[0]
    assert "Sam Okafor added an update after you opened this page" in message
    assert "Green as at 1 March 2024" in message and "Rebooked for May." in message
    assert amber_action.updates.count() == 2
    # Having seen theirs, the person saves again.
    newest = amber_action.updates.order_by("-pk").first().pk
    action_record_update(
        action=amber_action, rating="red", narrative="Cancelled.", as_at=D(2024, 3, 2), author=UserFactory(), seen=newest
    )
    assert amber_action.updates.count() == 3


def test_updates_stay_append_only():
    update = ActionUpdateFactory()
    with pytest.raises(ValidationError):
        update.delete()
    with pytest.raises(ValidationError):
        ActionUpdate.objects.filter(pk=update.pk).delete()


# --- many rows at once ---------------------------------------------------------------------


def round_rows(actions, **fields):
    loaded = {a.pk: a for a in Action.objects.select_related("workplan__plan").filter(pk__in=[a.pk for a in actions])}
    values = {"rating": "green", "narrative": "On track.", "as_at": D(2024, 6, 1)} | fields
    return [UpdateRow(action=loaded[action.pk], **values) for action in actions]


def test_a_round_saves_the_good_rows_and_refuses_the_others_by_the_same_rules():
    workplan = WorkplanFactory()
    good, no_words, future, repeat, check = ActionFactory.create_batch(5, workplan=workplan)
    ActionUpdateFactory(action=repeat, rating="green", narrative="On track.", as_at=D(2024, 1, 1))
    ActionUpdateFactory(action=check, rating="red", narrative="Stuck.", as_at=D(2024, 1, 1))
    rows = [
        *round_rows([good]),
        *round_rows([no_words], rating="amber", narrative=""),
        *round_rows([future], as_at=D(2099, 1, 1)),
        *round_rows([repeat]),
        *round_rows([check], rating="red", narrative="", kind=CHECK),
    ]
    author = UserFactory()
    result = action_record_updates(rows=rows, author=author)
    assert sorted(u.action_id for u in result.saved) == sorted([good.pk, check.pk])
    assert set(result.refused) == {1, 2, 3}
    assert "why this action is amber" in result.refused[1].message_dict["narrative"][0]
    assert "future" in result.refused[2].message_dict["as_at"][0]
    assert "changes nothing" in result.refused[3].messages[0]
    saved_check = check.updates.get(kind=CHECK)
    assert (saved_check.rating, saved_check.author) == ("red", author)
    assert not no_words.updates.exists() and not future.updates.exists()


def test_a_round_refuses_a_row_whose_action_was_updated_since_the_page_opened():
    action, other = ActionFactory.create_batch(2)
    first = ActionUpdateFactory(action=action, rating="green", as_at=D(2024, 1, 1))
    ActionUpdateFactory(action=action, rating="red", narrative="Stuck.", as_at=D(2024, 2, 1))
    rows = [*round_rows([action], seen=first.pk), *round_rows([other], seen=0)]
    result = action_record_updates(rows=rows, author=UserFactory())
    assert [u.action_id for u in result.saved] == [other.pk]
    assert isinstance(result.refused[0], UpdateConflict)
    assert "Red as at 1 February 2024" in result.refused[0].messages[0]


def test_a_rounds_queries_do_not_grow_with_its_rows(django_assert_max_num_queries):
    workplan = WorkplanFactory()
    actions = ActionFactory.create_batch(30, workplan=workplan)
    for action in actions:
        ActionUpdateFactory(action=action, rating="amber", narrative="Slipping.", as_at=D(2024, 1, 1))
    author = UserFactory()
    with django_assert_max_num_queries(12) as few:
        action_record_updates(rows=round_rows(actions[:3], kind=CHECK, rating="amber"), author=author)
    with django_assert_max_num_queries(len(few.captured_queries)):
        result = action_record_updates(rows=round_rows(actions[3:], kind=CHECK, rating="amber"), author=author)
    assert len(result.saved) == 27
