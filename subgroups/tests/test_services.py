"""The BRAG update rules, enforced by the one service every entry point calls."""

import datetime
import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.utils import timezone

from plans.tests.factories import PersonFactory, UserFactory
from subgroups.models import ActionUpdate
from subgroups.services import action_record_update
from subgroups.tests.factories import ActionFactory, ActionUpdateFactory

pytestmark = pytest.mark.django_db
D = datetime.date


def record(action, **fields):
    values = {
        "rating": "green",
        "narrative": "On track.",
        "as_at": D(2024, 6, 1),
        "author": fields.pop("author", None) or UserFactory(),
    }
    return action_record_update(action=action, **(values | fields))


@pytest.mark.parametrize(
    ("rating", "field", "message"),
    [
        ("red", "narrative", "why this action is red"),
        ("amber", "narrative", "why this action is amber"),
        ("blue", "narrative", "evidence of impact"),
    ],
)
def test_red_amber_and_blue_need_a_narrative(rating, field, message):
    action = ActionFactory()
    with pytest.raises(ValidationError) as error:
        record(action, rating=rating, narrative="   ")
    assert message in " ".join(error.value.message_dict[field])
    assert not ActionUpdate.objects.exists()


@pytest.mark.parametrize("rating", ["green", None])
def test_green_and_not_yet_rated_may_have_no_narrative(rating):
    update = record(ActionFactory(), rating=rating, narrative="")
    assert update.rating == rating


def test_as_at_may_not_be_in_the_future():
    with pytest.raises(ValidationError) as error:
        record(ActionFactory(), as_at=timezone.localdate() + datetime.timedelta(days=1))
    assert "future" in error.value.message_dict["as_at"][0]


def test_as_at_may_not_be_before_the_plan_starts():
    action = ActionFactory()  # plan starts 1 April 2023
    with pytest.raises(ValidationError) as error:
        record(action, as_at=D(2023, 3, 31))
    assert "1 April 2023" in error.value.message_dict["as_at"][0]


def test_as_at_may_not_be_after_the_plan_ended():
    action = ActionFactory()  # plan ends 31 March 2025
    with pytest.raises(ValidationError) as error:
        record(action, as_at=D(2025, 4, 1))
    assert "The plan ended on 31 March 2025" in error.value.message_dict["as_at"][0]


def test_an_update_that_changes_nothing_is_refused():
    action = ActionFactory()
    ActionUpdateFactory(action=action, rating="green", narrative="On track.", as_at=D(2024, 5, 1))
    with pytest.raises(ValidationError, match="changes nothing"):
        record(action, rating="green", narrative=" On track. ")
    assert action.updates.count() == 1
    record(action, rating="green", narrative="On track: two of three sessions delivered.")
    assert action.updates.count() == 2


def test_on_behalf_of_records_who_reported_and_who_entered():
    bsu, lead_user = UserFactory(), UserFactory()
    action = ActionFactory()
    lead = PersonFactory(partnership=action.workplan.plan.partnership, user=lead_user)
    update = record(action, author=bsu, reported_by=lead)
    assert (update.author, update.reported_by) == (bsu, lead)
    own = record(ActionFactory(workplan=action.workplan), author=lead_user, reported_by=lead)
    assert own.reported_by is None


def test_an_update_may_be_reported_by_someone_without_an_account():
    action = ActionFactory()
    scrutineer = PersonFactory(partnership=action.workplan.plan.partnership, name="Young Scrutineer")
    update = record(action, author=UserFactory(), reported_by=scrutineer)
    assert update.reported_by == scrutineer


def test_an_update_is_never_reported_by_another_partnerships_person():
    with pytest.raises(ValidationError) as error:
        record(ActionFactory(), author=UserFactory(), reported_by=PersonFactory())
    assert "directory" in error.value.message_dict["reported_by"][0]


@pytest.mark.skipif(
    connection.vendor == "sqlite",
    reason="SQLite's in-memory test database locks whole tables; CI runs this on PostgreSQL",
)
@pytest.mark.django_db(transaction=True)
def test_two_people_adding_updates_at_once_both_succeed():
    action = ActionFactory()
    first, second = UserFactory(), UserFactory()
    barrier = threading.Barrier(2)
    errors = []

    def add(user, narrative):
        try:
            barrier.wait()
            record(action, author=user, narrative=narrative)
        except Exception as error:  # collected and asserted below
            errors.append(error)
        finally:
            connection.close()

    threads = [
        threading.Thread(target=add, args=(first, "Green: first lead's update.")),
        threading.Thread(target=add, args=(second, "Green: second lead's update.")),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert set(action.updates.values_list("author", flat=True)) == {first.pk, second.pk}
