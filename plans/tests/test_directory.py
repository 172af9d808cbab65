"""The directory: a partnership's people who lead actions and give updates, most without a
login. Every member reads it; the BSU adds, changes, removes and merges people."""

import datetime

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse

from plans.models import Membership, Person, name_key, split_lead_names
from plans.services import person_merge, people_for_names
from plans.tests.factories import PartnershipFactory, PersonFactory, UserFactory
from plans.tests.queries import TENFOLD, assert_queries_do_not_grow
from subgroups.models import ActionUpdate
from subgroups.tests.factories import ActionFactory, ActionUpdateFactory, WorkplanFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def workplan():
    return WorkplanFactory(plan__partnership__short_name="MSCP")


@pytest.fixture
def partnership(workplan):
    return workplan.plan.partnership


@pytest.fixture
def bsu(client, member_of, partnership):
    user = member_of(partnership, Membership.Role.BSU, first_name="Bea", last_name="Support")
    client.force_login(user)
    return user


def url(name, partnership, *args):
    return reverse(name, args=[partnership.pk, *args])


# --- Names -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("Head of Early Help, LBM / Young Scrutineer", ["Head of Early Help, LBM", "Young Scrutineer"]),
        ("QAPR Chair;  MSCP Business Manager\nP&T Chair", ["QAPR Chair", "MSCP Business Manager", "P&T Chair"]),
        ("Young Scrutineer / young  scrutineer", ["Young Scrutineer"]),
        ("Performance leads (LBM/Met Police)", ["Performance leads (LBM/Met Police)"]),
        ("  ", []),
    ],
)
def test_a_lead_cell_is_split_into_names_each_once(text, names):
    assert split_lead_names(text) == names


def test_names_are_kept_tidy_and_unique_whatever_their_case(partnership):
    person = Person.objects.create(partnership=partnership, name="  Head of   Early Help ")
    assert person.name == "Head of Early Help"
    with pytest.raises(IntegrityError), transaction.atomic():
        Person.objects.create(partnership=partnership, name="head of early help")
    Person.objects.create(partnership=PartnershipFactory(), name="Head of Early Help")  # another partnership's


def test_people_for_names_finds_whom_the_directory_has_and_adds_the_others(partnership):
    known = PersonFactory(partnership=partnership, name="Designated Nurse, SWL ICB")
    found = people_for_names(partnership=partnership, names=["designated nurse,  SWL ICB", "Young Scrutineer"])
    assert found[0] == known and found[1].name == "Young Scrutineer"
    assert [name_key(p.name) for p in Person.objects.filter(partnership=partnership)] == [
        "designated nurse, swl icb", "young scrutineer",
    ]


# --- The list --------------------------------------------------------------------------------


def test_every_member_reads_the_directory_with_accounts_and_actions_led(client, member_of, partnership, workplan):
    viewer = member_of(partnership, Membership.Role.VIEWER)
    pat = member_of(partnership, Membership.Role.LEAD, username="pat")
    ActionFactory(workplan=workplan, lead="Head of Early Help, LBM / Young Scrutineer")
    ActionFactory(workplan=workplan, lead="Head of Early Help, LBM")
    ActionFactory(workplan=workplan, lead="Head of Early Help, LBM", is_retired=True, retired_on=datetime.date(2024, 1, 1))
    Person.objects.filter(name="Head of Early Help, LBM").update(user=pat, agency="LBM")
    PersonFactory(name="Someone Elsewhere")
    client.force_login(viewer)
    page = client.get(url("plans:directory", partnership))
    assert page.status_code == 200
    people = {person.name: person for person in page.context["people"]}
    assert set(people) == {"Head of Early Help, LBM", "Young Scrutineer"}
    assert (people["Head of Early Help, LBM"].actions_led, people["Young Scrutineer"].actions_led) == (2, 1)
    assert ">pat<" in page.text.replace("</td>", "<")
    assert "Someone Elsewhere" not in page.text
    assert "directory/new" not in page.text and "Only the Business Support Unit changes the directory" in page.text
    assert reverse("plans:directory", args=[partnership.pk]) in page.text  # in the navigation


def test_the_list_takes_no_more_queries_with_ten_times_the_people(client, bsu, partnership, workplan, django_assert_max_num_queries):
    def grow():
        for n in range(TENFOLD * 3):
            ActionFactory(workplan=workplan, lead=f"Lead {n} / Lead {n + 1}")

    ActionFactory(workplan=workplan, lead="Lead A")
    assert_queries_do_not_grow(
        client, url("plans:directory", partnership), grow=grow, ceiling=12,
        django_assert_max_num_queries=django_assert_max_num_queries,
    )


# --- Adding and changing ---------------------------------------------------------------------


def test_the_bsu_adds_someone_without_an_account(client, bsu, partnership):
    response = client.post(
        url("plans:directory-add", partnership),
        {"name": "Young  Scrutineer", "role": "Young Scrutineer", "agency": "MSCP", "email": "ys@example.org"},
    )
    assert response.status_code == 302 and response.url == url("plans:directory", partnership)
    person = Person.objects.get(partnership=partnership)
    assert (person.name, person.agency, person.user) == ("Young Scrutineer", "MSCP", None)
    assert person.history.first().history_user == bsu


def test_adding_from_an_action_form_returns_to_it_but_never_to_another_site(client, bsu, partnership, workplan):
    back = reverse("subgroups:action-create", args=[workplan.pk])
    response = client.post(url("plans:directory-add", partnership) + f"?next={back}", {"name": "A"})
    assert response.url == back
    response = client.post(url("plans:directory-add", partnership) + "?next=https://evil.example/", {"name": "B"})
    assert response.url == url("plans:directory", partnership)


def test_a_name_already_in_the_directory_is_refused_beside_the_field(client, bsu, partnership):
    PersonFactory(partnership=partnership, name="Head of Early Help, LBM")
    response = client.post(url("plans:directory-add", partnership), {"name": "head of early help,  lbm", "agency": "LBM"})
    assert response.status_code == 200
    assert "Head of Early Help, LBM is already in the directory." in response.text
    assert 'href="#id_name"' in response.text and 'value="LBM"' in response.text  # input kept
    assert Person.objects.count() == 1


def test_an_account_must_be_a_members_and_linked_to_one_person(client, bsu, member_of, partnership):
    pat = member_of(partnership, Membership.Role.LEAD)
    stranger = UserFactory()
    PersonFactory(partnership=partnership, name="Head of Early Help", user=pat)
    response = client.post(url("plans:directory-add", partnership), {"name": "Another", "user": stranger.pk})
    assert "Select a valid choice" in response.text
    response = client.post(url("plans:directory-add", partnership), {"name": "Another", "user": pat.pk})
    assert "That account is already linked to Head of Early Help." in response.text
    assert Person.objects.count() == 1


def test_linking_an_account_lets_that_lead_update_the_actions_the_person_leads(client, bsu, member_of, partnership, workplan):
    pat = member_of(partnership, Membership.Role.LEAD)
    action = ActionFactory(workplan=workplan, lead="Head of Early Help / Young Scrutineer")
    person = Person.objects.get(name="Young Scrutineer")
    client.post(url("plans:directory-edit", partnership, person.pk), {"name": person.name, "user": pat.pk, "version": 1})
    client.force_login(pat)
    assert client.get(reverse("subgroups:action-update", args=[action.pk])).status_code == 200


def test_a_stale_edit_is_refused_naming_who_changed_it_and_keeps_the_input(client, bsu, member_of, partnership):
    person = PersonFactory(partnership=partnership, name="Designated Nurse")
    other = member_of(partnership, Membership.Role.BSU, first_name="Oli", last_name="Other")
    edit = url("plans:directory-edit", partnership, person.pk)
    client.force_login(other)
    assert client.post(edit, {"name": "Designated Nurse", "agency": "SWL ICB", "version": 1}).status_code == 302
    client.force_login(bsu)
    response = client.post(edit, {"name": "Designated Nurse", "agency": "St George's", "version": 1})
    assert response.status_code == 400
    assert "Oli Other changed this person while you were editing" in response.text
    assert "St George&#x27;s" in response.text
    person.refresh_from_db()
    assert (person.agency, person.version) == ("SWL ICB", 2)


def test_saving_someone_unchanged_is_not_an_edit(client, bsu, partnership):
    person = PersonFactory(partnership=partnership, name="Designated Nurse", agency="SWL ICB")
    response = client.post(
        url("plans:directory-edit", partnership, person.pk), {"name": "Designated Nurse", "agency": "SWL ICB", "version": 1},
        follow=True,
    )
    assert "Nothing saved: Designated Nurse had no changes." in response.text
    person.refresh_from_db()
    assert (person.version, person.history.count()) == (1, 1)


# --- Removing and merging --------------------------------------------------------------------


def test_someone_who_leads_nothing_is_removed(client, bsu, partnership):
    person = PersonFactory(partnership=partnership, name="Former lead")
    response = client.post(url("plans:directory-remove", partnership, person.pk), {"remove": "1"})
    assert response.status_code == 302 and not Person.objects.filter(pk=person.pk).exists()


def test_removing_someone_who_leads_actions_or_gave_updates_is_refused_with_a_reason(client, bsu, partnership, workplan):
    action = ActionFactory(workplan=workplan, lead="Head of Early Help")
    person = action.leads.get()
    page = client.get(url("plans:directory-remove", partnership, person.pk))
    assert "Head of Early Help leads 1 action, so cannot be removed" in page.text
    assert "Merge into another person" in page.text
    response = client.post(url("plans:directory-remove", partnership, person.pk), {"remove": "1"})
    assert response.status_code == 409 and "There is a problem" in response.text
    assert "<title>Error: Remove Head of Early Help" in response.text
    assert "<title>Remove Head of Early Help" in page.text
    assert Person.objects.filter(pk=person.pk).exists()
    reporter = PersonFactory(partnership=partnership, name="Young Scrutineer")
    ActionUpdateFactory(action=action, reported_by=reporter)
    response = client.post(url("plans:directory-remove", partnership, reporter.pk), {"remove": "1"})
    assert response.status_code == 409 and "gave 1 update" in response.text


def test_merging_moves_leads_and_reports_then_removes_the_duplicate(client, bsu, member_of, partnership, workplan):
    pat = member_of(partnership, Membership.Role.LEAD)
    both = ActionFactory(workplan=workplan, lead="Head of Early Help / HoEH")
    alone = ActionFactory(workplan=workplan, lead="HoEH")
    duplicate = Person.objects.get(name="HoEH")
    duplicate.user = pat
    duplicate.save()
    update = ActionUpdateFactory(action=alone, reported_by=duplicate)
    keep = Person.objects.get(name="Head of Early Help")
    response = client.post(url("plans:directory-remove", partnership, duplicate.pk), {"merge": "Merge", "into": keep.pk})
    assert response.status_code == 302
    assert not Person.objects.filter(pk=duplicate.pk).exists()
    assert list(both.leads.all()) == [keep] and list(alone.leads.all()) == [keep]
    assert ActionUpdate.objects.get(pk=update.pk).reported_by == keep
    keep.refresh_from_db()
    assert keep.user == pat  # the account goes with them


def test_merging_into_someone_of_another_partnership_is_refused(partnership, bsu):
    person = PersonFactory(partnership=partnership)
    with pytest.raises(Exception, match="another person of this partnership"):
        person_merge(person=person, into=PersonFactory(), by=bsu)


def test_only_the_bsu_changes_the_directory(client, member_of, partnership):
    person = PersonFactory(partnership=partnership)
    for role in (Membership.Role.LEAD, Membership.Role.EXECUTIVE, Membership.Role.VIEWER):
        client.force_login(member_of(partnership, role))
        assert client.get(url("plans:directory-add", partnership)).status_code == 403
        assert client.post(url("plans:directory-edit", partnership, person.pk), {"name": "X", "version": 1}).status_code == 403
        assert client.post(url("plans:directory-remove", partnership, person.pk), {"remove": "1"}).status_code == 403
    assert Person.objects.get(pk=person.pk).version == 1
