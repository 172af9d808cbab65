"""The main navigation each user is shown (mscp/navigation.py), read from the pages."""

import re

import pytest
from django.urls import reverse

from plans.models import Membership
from plans.tests.factories import BusinessPlanFactory, PartnershipFactory

pytestmark = pytest.mark.django_db

NAVIGATION = re.compile(r'<nav aria-label="Main".*?</nav>', re.S)
ITEM = re.compile(r'<a class="govuk-service-navigation__link" href="([^"]+)"( aria-current="page")?>(?:<strong[^>]*>)?([^<]+)')


def navigation(client, url):
    """(label, address, current) for each item, in order."""
    response = client.get(url)
    assert response.status_code == 200
    found = NAVIGATION.search(response.content.decode())
    return [(label, href, bool(current)) for href, current, label in ITEM.findall(found[0])] if found else []


SECTIONS = ["Plans", "My actions", "Dashboard", "Exceptions", "Meetings", "Challenges", "Reviews", "Annual reports"]


def test_a_viewer_has_the_sections_and_their_partnerships_directory_with_the_page_in_view_marked(client, member_of):
    partnership = BusinessPlanFactory().partnership
    client.force_login(member_of(partnership, Membership.Role.VIEWER))
    items = navigation(client, reverse("reports:exceptions"))
    assert [label for label, _, _ in items] == [*SECTIONS, "Directory"]
    assert [label for label, _, current in items if current] == ["Exceptions"]
    assert items[-1][1] == reverse("plans:directory", args=[partnership.pk])
    # The same page with a query string is still the section's own.
    with_query = navigation(client, reverse("plans:home") + "?from=reminder")
    assert [label for label, _, current in with_query if current] == ["Plans"]


def test_a_bsu_of_two_partnerships_has_each_ones_directory_by_name_and_their_own_people(client, member_of):
    merton = PartnershipFactory(name="Merton Safeguarding Children Partnership", short_name="MSCP")
    medway = PartnershipFactory(name="Medway Safeguarding Children Partnership", short_name="MdSCP")
    user = member_of(merton, Membership.Role.BSU)
    Membership.objects.create(user=user, partnership=medway, role=Membership.Role.VIEWER)
    client.force_login(user)
    people = reverse("plans:people", args=[merton.pk])
    items = navigation(client, people)
    assert [label for label, _, _ in items][len(SECTIONS):] == ["Directory (MdSCP)", "Directory (MSCP)", "People"]
    assert [label for label, _, current in items if current] == ["People"]
    assert ("People", people, True) in items


def test_only_an_active_superuser_is_offered_the_configuration_in_the_header(client, member_of):
    partnership = PartnershipFactory()
    configuration = f'<a class="govuk-link govuk-link--inverse" href="{reverse("admin:index")}">Configuration</a>'
    admin = member_of(partnership, Membership.Role.BSU, is_superuser=True, is_staff=True)
    client.force_login(admin)
    assert configuration in client.get(reverse("plans:home")).content.decode()
    assert [label for label, _, _ in navigation(client, reverse("plans:home"))] == [*SECTIONS, "Directory", "People"]
    client.force_login(member_of(partnership, Membership.Role.BSU))
    assert configuration not in client.get(reverse("plans:home")).content.decode()


def test_the_signed_out_pages_have_no_navigation(client):
    assert navigation(client, reverse("login")) == []
