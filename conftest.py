"""Fixtures shared by every app's tests."""

import pytest

from plans.models import Membership
from plans.tests.factories import MembershipFactory, UserFactory


@pytest.fixture
def member_of():
    """Make a user with `role` in `partnership`: member_of(partnership, role="viewer")."""

    def make(partnership, role=Membership.Role.VIEWER, **user_fields):
        user = UserFactory(**user_fields)
        MembershipFactory(user=user, partnership=partnership, role=role)
        return user

    return make


# Browser fixtures (Playwright + Chromium, axe-core): see conftest_browser.py.
pytest_plugins = ["conftest_browser"]
