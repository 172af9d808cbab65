"""Hostile query strings on every page that reads one: whatever is sent, the answer is a page
or a clear "not found", never a server error, and nothing is written."""

import pytest
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from plans.models import Membership
from plans.tests.factories import PriorityFactory, ThemeFactory
from subgroups.models import Action, ActionUpdate
from subgroups.tests.factories import ActionFactory, ActionUpdateFactory, WorkplanFactory

pytestmark = pytest.mark.django_db

HOSTILE_VALUES = [
    "",
    "0",
    "-1",
    "99999999999999999999999",  # past any integer column
    "1e5",
    "2024-02-30",
    "99999-01-01",
    "0001-01-01",
    "31/03/2024",
    "'; DROP TABLE subgroups_action; --",
    "1 OR 1=1",
    "<script>alert(1)</script>",
    "\x00",
    "\u202e\u0007control",
    "é" * 5000,
    "none",
    "core",
    "%00",
    # Digits Python's str.isdigit() accepts but int() may not: superscript, Arabic-Indic, maths
    "²",
    "١٢",
    "\U0001d7d9",
]
PARAMS = ["plan", "as_at", "since", "priority", "subgroup", "theme", "rating", "lead", "flag", "overdue", "sort", "reason", "format", "page", "body"]


@pytest.fixture
def pages(client, member_of):
    workplan = WorkplanFactory()
    PriorityFactory(plan=workplan.plan, number=1)
    ThemeFactory(plan=workplan.plan)
    action = ActionFactory(workplan=workplan, priority=workplan.plan.priorities.get())
    ActionUpdateFactory(action=action, rating="amber", narrative="Delayed.")
    client.force_login(member_of(workplan.plan.partnership, Membership.Role.BSU))
    return [
        reverse("plans:home"),
        workplan.plan.get_absolute_url(),
        workplan.subgroup.get_absolute_url(),
        workplan.get_absolute_url(),
        reverse("subgroups:my-actions"),
        reverse("reports:dashboard"),
        reverse("reports:exceptions"),
        reverse("reports:actions"),
        reverse("reports:annual-list"),
        reverse("reports:meeting-list"),
    ]


def assert_answers_without_error(client, url, params):
    counts = (Action.objects.count(), ActionUpdate.objects.count())
    response = client.get(url, params)
    assert response.status_code in {200, 400, 404}, f"{url} {params!r}: HTTP {response.status_code}"
    if response.status_code == 200 and response["Content-Type"].startswith("text/html"):
        assert "<script>alert(1)</script>" not in response.content.decode()
    assert (Action.objects.count(), ActionUpdate.objects.count()) == counts


@pytest.mark.parametrize("value", HOSTILE_VALUES)
def test_each_hostile_value_in_every_parameter_gets_an_answer(client, pages, value):
    # A refused parameter (a plan that is not one, say) falls back to its default and the
    # others are still read, so one request per page tries the value everywhere at once.
    for url in pages:
        assert_answers_without_error(client, url, dict.fromkeys(PARAMS, value))


# Every parameter already meets every kind of hostile value above; these add random mixes of a
# few parameters at once, and ten of them (each on every page) find what twenty-five did.
@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(params=st.dictionaries(st.sampled_from(PARAMS), st.text(max_size=40), max_size=5))
def test_any_combination_of_parameters_gets_an_answer(client, pages, params):
    for url in pages:
        assert_answers_without_error(client, url, params)


@pytest.mark.parametrize("value", ["²", "١", "\U0001d7d9"])
def test_non_ascii_digits_in_report_links_match_nothing_in_the_pdf_too(client, pages, value):
    for params in ({"priority": value}, {"subgroup": value}, {"priority": value, "format": "pdf"}, {"subgroup": value, "format": "xlsx"}):
        response = client.get(reverse("reports:exceptions"), params)
        assert response.status_code == 200, params
    words = client.get(reverse("reports:actions"), {"priority": value}).content.decode()
    assert "in a priority not in this plan" in words
