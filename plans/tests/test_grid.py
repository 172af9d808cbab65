"""The permission grids' judge of "the database changed" (plans/tests/grid.py): a refusal
passes only if it truly wrote nothing, and an allowed write is seen in whichever table it lands."""

import pytest
from django.core import mail
from django.db import transaction

from plans.models import Partnership, Person
from plans.tests.factories import PartnershipFactory
from plans.tests.grid import OUR_APPS, Watched, app_models

pytestmark = pytest.mark.django_db


@pytest.fixture
def watched():
    partnership = PartnershipFactory(name="Watched Partnership")
    Person.objects.create(partnership=partnership, name="Someone")
    return Watched(app_models(*OUR_APPS))


def test_a_case_that_writes_nothing_changed_nothing(watched):
    with watched.case() as case:
        list(Person.objects.all())
        assert case.changed() == []


def test_a_write_is_named_by_its_table_and_undone_after_the_case(watched):
    with watched.case() as case:
        Person.objects.update(role="Head of Service")
        assert case.changed() == ["plans.Person"]
    assert not Person.objects.filter(role="Head of Service").exists()
    with watched.case() as case:
        assert case.changed() == []


def test_a_write_the_view_rolled_back_is_no_change(watched):
    with watched.case() as case:
        with pytest.raises(RuntimeError), transaction.atomic():
            Person.objects.create(partnership=Partnership.objects.get(), name="Nobody")
            raise RuntimeError("refused after writing")
        assert case.changed() == []


def test_a_row_written_back_as_it_was_is_no_change(watched):
    with watched.case() as case:
        person = Person.objects.get()
        Person.objects.filter(pk=person.pk).update(name="Changed")
        Person.objects.filter(pk=person.pk).update(name=person.name)
        assert case.changed() == []


def test_mail_sent_is_a_change(watched):
    with watched.case() as case:
        mail.send_mail("Subject", "Body", "from@example.org", ["to@example.org"])
        assert case.changed() == ["mail"]


def test_only_the_columns_named_are_compared(watched):
    names_only = Watched([(Person, ["id", "name"])])
    with names_only.case() as case:
        Person.objects.update(role="Head of Service")
        assert case.changed() == []
        Person.objects.update(name="Renamed")
        assert case.changed() == ["plans.Person"]
