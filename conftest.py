"""Fixtures shared by every app's tests, and the order in which a parallel run hands out its
test modules."""

import gc
from collections import Counter

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


# A parallel run (`--dist loadgroup`) hands each worker whole groups of tests, in the order
# collected (pytest.ini turns off xdist's own order, most tests first, which started the long
# browser modules last, so one worker ran on alone at the end). A group is a module, so that a
# module's shared server, browser or data is made once, except in the SPLIT_MODULES: there each
# parametrised case (a role, a width) is a group of its own, so that their minutes of browsing
# spread over the workers instead of keeping one busy while the other waits. The modules that
# take longest, real browsers, servers and subprocesses, start first; the rest follow, most
# tests first, and fill the workers' time, so the workers finish together. Longest first, from
# a run's `--durations=0` summed per file; a module missing here is only scheduled later.
SPLIT_MODULES = {
    "plans/tests/test_accessibility.py",
    "plans/tests/test_browser_every_page.py",
}
LONGEST_MODULES = [
    "plans/tests/test_accessibility.py",
    "plans/tests/test_browser_every_page.py",
    "plans/tests/test_readme_commands.py",
    "plans/tests/test_configuration_grid.py",
    "subgroups/tests/test_import_bombs_server.py",
    "subgroups/tests/test_faults.py",
    "plans/tests/test_production_edge.py",
    "reports/tests/test_reminder_worker.py",
    "reports/tests/test_pdf_worker.py",
    "reports/tests/test_browser_annual.py",
    "plans/tests/test_operations.py",
    "subgroups/tests/test_browser_updates.py",
    "subgroups/tests/test_browser_update_round.py",
    "subgroups/tests/test_browser_year_end.py",
    "reports/tests/test_meetings.py",
    "subgroups/tests/test_browser_update_entry_points.py",
    "plans/tests/test_backup.py",
    "subgroups/tests/test_browser_import.py",
    "plans/tests/test_load_demo.py",
    "subgroups/tests/test_my_actions.py",
    "reports/tests/test_hostile_queries.py",
    "reports/tests/test_pdfs.py",
    "reports/tests/test_annual_report.py",
    "reports/tests/test_browser_dashboard.py",
]


class TestGroups:
    """Names each test's group (see SPLIT_MODULES) before xdist reads the groups; the order
    below is set last, after every other plugin's."""

    @pytest.hookimpl(tryfirst=True)
    def pytest_collection_modifyitems(self, items):
        for item in items:
            module = item.nodeid.split("::")[0]
            split = module in SPLIT_MODULES and hasattr(item, "callspec")
            item.add_marker(pytest.mark.xdist_group(item.nodeid if split else module))


def pytest_configure(config):
    config.pluginmanager.register(TestGroups(), "mscp-test-groups")
    # A test process holds Django, the test modules and their data for the whole run, and the
    # garbage collector's default thresholds walk all of it again and again: the objects made
    # so far are left out of its walks (freeze) and it runs a tenth as often. The suite's
    # Python work drops by about a twentieth; reference counting frees the rest as ever.
    gc.collect()
    gc.freeze()
    gc.set_threshold(50_000, 20, 100)


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items):
    """Longest modules first (a stable sort: each module's tests keep their order)."""
    rank = {module: index for index, module in enumerate(LONGEST_MODULES)}
    sizes = Counter(item.nodeid.split("::")[0] for item in items)

    def module_order(item):
        module = item.nodeid.split("::")[0]
        return rank.get(module, len(rank)), -sizes[module], module

    items.sort(key=module_order)


# Browser fixtures (Playwright + Chromium, axe-core): see conftest_browser.py.
pytest_plugins = ["conftest_browser"]
