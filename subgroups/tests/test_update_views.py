"""Adding a BRAG update from the workplan: in place with htmx, or as a page without JS."""

import datetime
import re

import pytest
from django.urls import reverse

from plans.models import Membership
from plans.tests.factories import PartnershipFactory
from subgroups.models import ActionUpdate
from plans.models import Person
from plans.tests.factories import PersonFactory
from subgroups.tests.factories import ActionFactory, ActionUpdateFactory, SubGroupFactory, link_lead_user

pytestmark = pytest.mark.django_db
HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def action():
    action = ActionFactory(reference="PEI 1.1", due_date=datetime.date(2025, 6, 30))
    ActionUpdateFactory(action=action, rating="green", narrative="On track.", as_at=datetime.date(2024, 5, 1))
    return action


@pytest.fixture
def people(member_of, action):
    """One user per role the rules distinguish, named for what they are."""
    partnership = action.workplan.plan.partnership
    subgroup_lead = member_of(partnership, Membership.Role.LEAD)
    action.workplan.subgroup.leads.add(subgroup_lead)
    action_lead = member_of(partnership, Membership.Role.LEAD)
    SubGroupFactory(partnership=partnership).leads.add(action_lead)
    link_lead_user(action, action_lead)
    return {
        "bsu": member_of(partnership, Membership.Role.BSU),
        "subgroup_lead": subgroup_lead,
        "action_lead": action_lead,
        "other_lead": member_of(partnership, Membership.Role.LEAD),
        "executive": member_of(partnership, Membership.Role.EXECUTIVE),
        "viewer": member_of(partnership, Membership.Role.VIEWER),
        "outsider": member_of(PartnershipFactory(), Membership.Role.BSU),
    }


def form_data(action, **fields):
    today = action.workplan.plan.reporting_date()
    values = {
        "rating": "amber",
        "narrative": "Delayed: the provider changed; recommissioning by June.",
        "as_at_0": today.day,
        "as_at_1": today.month,
        "as_at_2": today.year,
    } | fields
    return {f"update-{action.pk}-{name}": value for name, value in values.items()}


@pytest.mark.parametrize(
    ("who", "get_status", "post_status", "saved"),
    [
        ("bsu", 200, 302, True),
        ("subgroup_lead", 200, 302, True),
        ("action_lead", 200, 302, True),
        ("other_lead", 403, 403, False),
        ("executive", 403, 403, False),
        ("viewer", 403, 403, False),
        ("outsider", 404, 404, False),
    ],
)
def test_who_may_add_an_update(client, action, people, who, get_status, post_status, saved):
    client.force_login(people[who])
    url = reverse("subgroups:action-update", args=[action.pk])
    assert client.get(url).status_code == get_status
    before = ActionUpdate.objects.count()
    assert client.post(url, form_data(action)).status_code == post_status
    assert ActionUpdate.objects.count() == before + (1 if saved else 0)


def test_update_link_shows_only_on_rows_the_user_may_update(client, action, people):
    url = action.workplan.get_absolute_url()
    update_url = reverse("subgroups:action-update", args=[action.pk])
    client.force_login(people["action_lead"])
    assert update_url in client.get(url).text
    client.force_login(people["viewer"])
    assert update_url not in client.get(url).text


def test_without_javascript_the_form_is_a_page_that_returns_to_the_workplan(client, action, people):
    client.force_login(people["bsu"])
    url = reverse("subgroups:action-update", args=[action.pk])
    page = client.get(url)
    assert "<h1" in page.text and "Update PEI 1.1" in page.text
    response = client.post(url, form_data(action), follow=True)
    assert response.redirect_chain[-1][0] == f"{action.workplan.get_absolute_url()}#action-{action.pk}"
    assert "PEI 1.1 updated: Amber as at 31 March 2025." in response.text
    update = action.updates.order_by("-pk").first()
    assert (update.rating, update.author) == ("amber", people["bsu"])


def test_with_htmx_the_form_opens_in_the_row_and_saving_swaps_in_the_new_row(client, action, people):
    client.force_login(people["action_lead"])
    url = reverse("subgroups:action-update", args=[action.pk])
    opened = client.get(url, **HTMX)
    assert opened.text.lstrip().startswith(f'<tbody class="govuk-table__body app-action app-action--editing" id="action-{action.pk}"')
    assert "<html" not in opened.text
    on_workplan = {"HTTP_HX_CURRENT_URL": f"http://testserver{action.workplan.get_absolute_url()}"}
    saved = client.post(url, form_data(action), **HTMX, **on_workplan)
    assert saved.status_code == 200
    assert 'class="app-brag app-brag--amber">Amber<' in saved.text
    assert "recommissioning by June" in saved.text
    assert 'id="workplan-counts" hx-swap-oob="true"' in saved.text
    assert "PEI 1.1 updated: Amber" in saved.text


def test_saved_in_my_actions_the_row_names_its_workplan_and_no_counts_are_sent(client, action, people):
    """My actions has no counts table: an out-of-band swap with no target is an error in
    the browser, so none is sent; the row keeps saying which workplan it is from."""
    client.force_login(people["action_lead"])
    on_my_actions = {"HTTP_HX_CURRENT_URL": f"http://testserver{reverse('subgroups:my-actions')}"}
    saved = client.post(
        reverse("subgroups:action-update", args=[action.pk]), form_data(action), **HTMX, **on_my_actions
    )
    assert saved.status_code == 200
    assert "workplan-counts" not in saved.text
    assert f"{action.workplan.subgroup.short_name} workplan {action.workplan.year}" in saved.text
    assert "PEI 1.1 updated: Amber" in saved.text


def test_without_javascript_saving_returns_to_the_page_the_update_began_on(client, action, people):
    client.force_login(people["action_lead"])
    url = reverse("subgroups:action-update", args=[action.pk])
    from_action_page = client.post(f"{url}?next={action.get_absolute_url()}", form_data(action))
    assert from_action_page.headers["Location"] == action.get_absolute_url()
    my_actions = reverse("subgroups:my-actions")
    from_my_actions = client.post(url, form_data(action, rating="red") | {"next": my_actions})
    assert from_my_actions.headers["Location"] == f"{my_actions}#action-{action.pk}"
    elsewhere = client.post(url, form_data(action, rating="green") | {"next": "https://evil.example/"})
    assert elsewhere.headers["Location"] == f"{action.workplan.get_absolute_url()}#action-{action.pk}"
    assert action.updates.count() == 4


def test_refused_update_keeps_the_input_and_shows_the_error_by_the_field(client, action, people):
    client.force_login(people["bsu"])
    url = reverse("subgroups:action-update", args=[action.pk])
    response = client.post(url, form_data(action, rating="red", narrative=""), **HTMX)
    assert response.status_code == 200
    assert "Say why this action is red" in response.text
    assert re.search(r'value="red"[^>]*checked', response.text)
    assert action.updates.count() == 1


def test_an_update_that_changes_nothing_is_refused_with_a_message(client, action, people):
    client.force_login(people["bsu"])
    url = reverse("subgroups:action-update", args=[action.pk])
    response = client.post(url, form_data(action, rating="green", narrative="On track."))
    assert response.status_code == 200
    assert "This update changes nothing" in response.text
    assert action.updates.count() == 1


def test_bsu_records_an_update_on_behalf_of_a_lead(client, action, people):
    client.force_login(people["bsu"])
    lead = Person.objects.get(user=people["action_lead"])
    url = reverse("subgroups:action-update", args=[action.pk])
    client.post(url, form_data(action, reported_by=lead.pk))
    update = action.updates.order_by("-pk").first()
    assert (update.author, update.reported_by) == (people["bsu"], lead)
    history = client.get(action.get_absolute_url()).text
    assert f"reported by {lead.name}" in history


def test_reported_by_offers_everyone_in_the_directory_accounts_or_not(client, action, people):
    partnership = action.workplan.plan.partnership
    scrutineer = PersonFactory(partnership=partnership, name="Young Scrutineer")
    PersonFactory(name="Someone of another partnership")
    client.force_login(people["bsu"])
    url = reverse("subgroups:action-update", args=[action.pk])
    form = client.get(url).context["form"]
    offered = set(form.fields["reported_by"].queryset)
    assert offered == set(Person.objects.filter(partnership=partnership))
    assert {scrutineer, Person.objects.get(user=people["action_lead"])} <= offered
    client.post(url, form_data(action, reported_by=scrutineer.pk))
    assert action.updates.order_by("-pk").first().reported_by == scrutineer


def test_leads_do_not_get_the_on_behalf_of_choice(client, action, people):
    client.force_login(people["action_lead"])
    page = client.get(reverse("subgroups:action-update", args=[action.pk]))
    assert "Reported by" not in page.text


def test_cancel_puts_the_row_back(client, action, people):
    client.force_login(people["viewer"])
    response = client.get(reverse("subgroups:action-row", args=[action.pk]), **HTMX)
    assert response.text.lstrip().startswith(f'<tbody class="govuk-table__body app-action" id="action-{action.pk}"')
    assert "data-update-link" not in response.text
