"""The People page: the BSU adds people (new accounts choose their own password from an
emailed link; existing accounts are added by username and their own email address), changes
roles and removes members, within its own partnership, and never leaves it without a BSU."""

import importlib
import re

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.core import mail
from django.urls import reverse

from plans.models import Membership
from plans.tests.factories import PartnershipFactory, UserFactory
from subgroups.tests.factories import SubGroupFactory

pytestmark = pytest.mark.django_db
User = get_user_model()


@pytest.fixture
def partnership():
    return PartnershipFactory(name="Merton Safeguarding Children Partnership", short_name="MSCP")


@pytest.fixture
def bsu(client, member_of, partnership):
    user = member_of(partnership, Membership.Role.BSU, username="bsu-officer")
    client.force_login(user)
    return user


def people_url(partnership, name="plans:people", *args):
    return reverse(name, args=[partnership.pk, *args])


def test_the_bsu_sees_its_members_and_their_roles_only(client, bsu, partnership, member_of):
    member_of(partnership, Membership.Role.EXECUTIVE, first_name="Exec", last_name="Utive")
    member_of(PartnershipFactory(), Membership.Role.BSU, first_name="Somebody", last_name="Elsewhere")
    page = client.get(people_url(partnership))
    assert page.status_code == 200
    assert "Exec Utive" in page.text and "Executive" in page.text
    assert "Elsewhere" not in page.text
    assert "2 members of Merton Safeguarding Children Partnership" in page.text


def test_adding_a_new_person_emails_them_a_link_to_choose_their_password(client, bsu, partnership):
    response = client.post(
        people_url(partnership, "plans:person-add"),
        {"username": "jo.lead", "first_name": "Jo", "last_name": "Lead", "email": "jo@example.org", "role": "lead"},
    )
    assert response.status_code == 302
    jo = User.objects.get(username="jo.lead")
    assert not jo.has_usable_password() and not jo.is_staff
    assert Membership.objects.get(user=jo).role == Membership.Role.LEAD
    assert "We have emailed jo@example.org a link" in client.get(response["Location"]).text
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["jo@example.org"]
    assert "Business Support" not in mail.outbox[0].subject
    assert "Your username is jo.lead" in mail.outbox[0].body

    # The link lets Jo choose a password and sign in; it works once.
    link = re.search(r"https?://[^/]+(/accounts/password/reset/\S+)", mail.outbox[0].body)[1]
    client.logout()
    form_url = client.get(link)["Location"]
    done = client.post(form_url, {"new_password1": "Jo-chooses-this-42", "new_password2": "Jo-chooses-this-42"})
    assert done["Location"] == reverse("password_reset_complete")
    signed_in = client.post(reverse("login"), {"username": "jo.lead", "password": "Jo-chooses-this-42"})
    assert signed_in.status_code == 302 and client.get(reverse("plans:home")).status_code == 200
    client.logout()
    assert "This link does not work" in client.get(link, follow=True).text


def test_history_says_who_gave_whom_which_role(client, bsu, partnership):
    client.post(
        people_url(partnership, "plans:person-add"),
        {"username": "sam", "email": "sam@example.org", "role": "viewer"},
    )
    membership = Membership.objects.get(user__username="sam")
    client.post(people_url(partnership, "plans:membership-edit", membership.pk), {"role": "executive"})
    history = membership.history.order_by("history_date")
    assert [(h.role, h.history_user) for h in history] == [("viewer", bsu), ("executive", bsu)]


def test_the_people_pages_offer_the_independent_scrutineer_role(client, bsu, partnership):
    add = client.get(people_url(partnership, "plans:person-add"))
    assert 'value="scrutineer"' in add.text and "Independent scrutineer" in add.text
    assert "writes the annual report&#x27;s scrutiny statement" in add.text
    client.post(
        people_url(partnership, "plans:person-add"),
        {"username": "indy", "email": "indy@example.org", "role": "scrutineer"},
    )
    membership = Membership.objects.get(user__username="indy")
    assert membership.role == Membership.Role.SCRUTINEER
    page = client.get(people_url(partnership))
    assert "Independent scrutineer" in page.text
    edit = client.get(people_url(partnership, "plans:membership-edit", membership.pk))
    assert re.search(r'value="scrutineer"[^>]*checked', edit.text)
    client.post(people_url(partnership, "plans:membership-edit", membership.pk), {"role": "viewer"})
    membership.refresh_from_db()
    assert membership.role == Membership.Role.VIEWER


def test_an_existing_account_is_added_by_its_username_and_its_own_email(client, bsu, partnership, member_of):
    elsewhere = member_of(PartnershipFactory(), Membership.Role.LEAD, username="ali", email="ali@example.org")
    password_before = elsewhere.password
    wrong = client.post(
        people_url(partnership, "plans:person-add"),
        {"username": "ali", "email": "guess@example.org", "role": "viewer"},
    )
    assert wrong.status_code == 200
    assert "The username ali is taken" in wrong.text and 'class="govuk-error-message"' in wrong.text
    assert not Membership.objects.filter(user=elsewhere, partnership=partnership).exists()

    right = client.post(
        people_url(partnership, "plans:person-add"),
        {"username": "ALI", "first_name": "Changed", "email": "Ali@Example.org", "role": "viewer"},
    )
    assert right.status_code == 302
    elsewhere.refresh_from_db()
    assert elsewhere.memberships.count() == 2
    assert elsewhere.first_name != "Changed" and elsewhere.password == password_before
    assert mail.outbox == []

    again = client.post(
        people_url(partnership, "plans:person-add"),
        {"username": "ali", "email": "ali@example.org", "role": "viewer"},
    )
    assert "ali is already a member" in again.text


def test_a_role_that_is_not_offered_is_refused_beside_the_field(client, bsu, partnership, member_of):
    viewer = member_of(partnership)
    membership = Membership.objects.get(user=viewer)
    response = client.post(people_url(partnership, "plans:membership-edit", membership.pk), {"role": "superuser"})
    assert response.status_code == 200 and "Choose one of the roles." in response.text
    membership.refresh_from_db()
    assert membership.role == Membership.Role.VIEWER
    viewer.refresh_from_db()
    assert not viewer.is_superuser and not viewer.is_staff


def test_the_last_bsu_can_be_neither_demoted_nor_removed(client, bsu, partnership):
    own = Membership.objects.get(user=bsu)
    demote = client.post(people_url(partnership, "plans:membership-edit", own.pk), {"role": "viewer"})
    assert demote.status_code == 200 and "must keep at least one Business Support Unit member" in demote.text
    remove = client.post(people_url(partnership, "plans:membership-remove", own.pk))
    assert remove.status_code == 409 and "must keep at least one Business Support Unit member" in remove.text
    assert "<title>Error: Remove" in remove.text  # a screen reader hears the refusal first
    own.refresh_from_db()
    assert own.role == Membership.Role.BSU


def test_a_bsu_can_leave_once_someone_else_is_bsu(client, bsu, partnership, member_of):
    member_of(partnership, Membership.Role.BSU)
    own = Membership.objects.get(user=bsu)
    response = client.post(people_url(partnership, "plans:membership-remove", own.pk))
    assert response["Location"] == reverse("plans:home")
    assert not Membership.objects.filter(user=bsu).exists()
    assert client.get(people_url(partnership)).status_code == 404


def test_removing_a_member_ends_their_access_and_their_sub_group_leads(client, bsu, partnership, member_of):
    lead = member_of(partnership, Membership.Role.LEAD)
    here = SubGroupFactory(partnership=partnership)
    elsewhere_partnership = PartnershipFactory()
    Membership.objects.create(user=lead, partnership=elsewhere_partnership, role=Membership.Role.LEAD)
    elsewhere = SubGroupFactory(partnership=elsewhere_partnership)
    here.leads.add(lead)
    elsewhere.leads.add(lead)
    membership = Membership.objects.get(user=lead, partnership=partnership)
    confirm = client.get(people_url(partnership, "plans:membership-remove", membership.pk))
    assert "Their account, and the updates and edits they made, are kept" in confirm.text
    client.post(people_url(partnership, "plans:membership-remove", membership.pk))
    assert list(lead.memberships.values_list("partnership", flat=True)) == [elsewhere_partnership.pk]
    assert list(lead.led_subgroups.all()) == [elsewhere]
    client.force_login(lead)
    assert client.get(here.get_absolute_url()).status_code == 404


def test_a_new_link_can_be_sent_to_someone_who_has_not_chosen_a_password(client, bsu, partnership, member_of):
    newcomer = member_of(partnership, email="new@example.org")
    newcomer.set_unusable_password()
    newcomer.save()
    page = client.get(people_url(partnership))
    assert "Not chosen yet" in page.text and "Send a new password link" in page.text
    membership = Membership.objects.get(user=newcomer)
    client.post(people_url(partnership, "plans:membership-send-link", membership.pk))
    assert mail.outbox[0].to == ["new@example.org"]
    # Someone with a password resets it themselves; the BSU never sends them links.
    own = Membership.objects.get(user=bsu)
    assert client.post(people_url(partnership, "plans:membership-send-link", own.pk)).status_code == 403


def test_another_partnerships_members_cannot_be_reached_through_this_partnerships_pages(client, bsu, partnership, member_of):
    other = PartnershipFactory()
    stranger = member_of(other, Membership.Role.BSU)
    theirs = Membership.objects.get(user=stranger)
    for name in ("plans:membership-edit", "plans:membership-remove"):
        response = client.post(people_url(partnership, name, theirs.pk), {"role": "viewer"})
        assert response.status_code == 404
    theirs.refresh_from_db()
    assert theirs.role == Membership.Role.BSU and theirs.partnership == other


def test_the_migration_takes_staff_and_model_permissions_from_bsu_members(partnership, member_of):
    """Databases loaded before: their BSU users were staff with every plans/subgroups
    permission."""
    old_bsu = member_of(partnership, Membership.Role.BSU, is_staff=True)
    old_bsu.user_permissions.set(Permission.objects.filter(content_type__app_label__in=["plans", "subgroups"]))
    admin = UserFactory(is_staff=True, is_superuser=True)
    Membership.objects.create(user=admin, partnership=partnership, role=Membership.Role.BSU)
    migration = importlib.import_module("plans.migrations.0004_bsu_not_staff")
    migration.bsu_members_not_staff(apps, None)
    old_bsu.refresh_from_db()
    admin.refresh_from_db()
    assert not old_bsu.is_staff and not old_bsu.user_permissions.exists()
    assert admin.is_staff and admin.is_superuser


def test_hostile_input_is_refused_beside_its_field_or_shown_escaped(client, bsu, partnership):
    refused = client.post(
        people_url(partnership, "plans:person-add"),
        {"username": "has spaces<script>", "email": "not-an-email", "role": "viewer"},
    )
    assert refused.status_code == 200
    assert "Enter a valid username" in refused.text
    assert "Enter an email address in the right form" in refused.text
    assert "<script>" not in refused.text
    added = client.post(
        people_url(partnership, "plans:person-add"),
        {"username": "x" * 150, "first_name": "<b>Bold</b>", "email": "x@example.org", "role": "viewer"},
    )
    assert added.status_code == 302
    page = client.get(people_url(partnership))
    assert "&lt;b&gt;Bold&lt;/b&gt;" in page.text and "<b>Bold</b>" not in page.text


def test_the_people_page_takes_the_same_queries_however_many_members(client, bsu, partnership, member_of, django_assert_max_num_queries):
    subgroup = SubGroupFactory(partnership=partnership)
    for _ in range(3):
        subgroup.leads.add(member_of(partnership, Membership.Role.LEAD))
    client.get(people_url(partnership))
    with django_assert_max_num_queries(12) as few:
        client.get(people_url(partnership))
    for _ in range(20):
        subgroup.leads.add(member_of(partnership, Membership.Role.LEAD))
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(people_url(partnership))
