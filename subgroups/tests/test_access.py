"""Every page needs a login; a signed-in member sees each page of their partnership."""

import pytest
from django.urls import reverse

from plans.models import Membership
from subgroups.tests.factories import ActionFactory

pytestmark = pytest.mark.django_db


def page_urls(action):
    workplan = action.workplan
    return [
        reverse("plans:home"),
        workplan.plan.get_absolute_url(),
        workplan.subgroup.get_absolute_url(),
        workplan.get_absolute_url(),
        action.get_absolute_url(),
        reverse("password_change"),
    ]


def test_every_page_redirects_anonymous_users_to_login(client):
    for url in page_urls(ActionFactory()):
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"] == f"{reverse('login')}?next={url}"


@pytest.mark.parametrize("role", Membership.Role.values)
def test_every_page_opens_for_each_role_with_the_partnership_in_the_header(client, member_of, role):
    action = ActionFactory()
    partnership = action.workplan.plan.partnership
    client.force_login(member_of(partnership, role=role))
    for url in page_urls(action):
        response = client.get(url)
        assert response.status_code == 200, url
        assert partnership.name in response.text, url
        assert '<html lang="en-GB"' in response.text


def test_admin_is_for_configuration_staff_only(client, member_of):
    action = ActionFactory()
    client.force_login(member_of(action.workplan.plan.partnership))
    response = client.get(reverse("admin:index"))
    assert response.status_code == 302
    assert reverse("admin:login") in response["Location"]
