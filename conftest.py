"""Fixtures shared by every app's tests."""

import pytest
from django.core.cache import caches
from django.core.cache.backends.locmem import LocMemCache

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


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with an empty cache, so no count (the password-reset throttle's, say)
    carries over from another test. (Only the in-process cache: a Redis named by REDIS_URL
    may be shared.)"""
    if isinstance(caches["default"], LocMemCache):
        caches["default"].clear()
    yield


# Browser fixtures (Playwright + Chromium, axe-core): see conftest_browser.py.
pytest_plugins = ["conftest_browser"]
