"""The sub-group settings page: the BSU changes names, remit, priorities and leads through the
service, with only its own partnership's priorities and members to choose from."""

import pytest
from django.urls import reverse

from plans.models import Membership
from plans.tests.factories import BusinessPlanFactory, PartnershipFactory, PriorityFactory
from subgroups.models import SubGroup
from subgroups.tests.factories import SubGroupFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def setting(client, member_of):
    plan = BusinessPlanFactory()
    partnership = plan.partnership
    subgroup = SubGroupFactory(partnership=partnership, name="Prevention", short_name="PEI")
    bsu = member_of(partnership, Membership.Role.BSU)
    lead = member_of(partnership, Membership.Role.LEAD, first_name="Pat", last_name="Lead")
    other_plan = BusinessPlanFactory(partnership=PartnershipFactory())
    client.force_login(bsu)
    return {
        "subgroup": subgroup,
        "bsu": bsu,
        "lead": lead,
        "priority": PriorityFactory(plan=plan, number=1, title="Early help"),
        "other_priority": PriorityFactory(plan=other_plan, number=1, title="Theirs only"),
        "stranger": member_of(other_plan.partnership, first_name="Stranger", last_name="Danger"),
        "url": reverse("subgroups:subgroup-settings", args=[subgroup.pk]),
    }


def form_data(setting, **changes):
    subgroup = setting["subgroup"]
    return {
        "name": "Prevention and Early Intervention",
        "short_name": "PEI",
        "remit": "Early help\nNeglect",
        "chair": "Head of Early Help",
        "members": "Health\nPolice",
        "priorities": [setting["priority"].pk],
        "leads": [setting["lead"].pk],
        "version": subgroup.version,
    } | changes


def state(subgroup):
    subgroup = SubGroup.objects.get(pk=subgroup.pk)
    return (
        subgroup.name, subgroup.short_name, subgroup.remit, subgroup.version,
        set(subgroup.priorities.values_list("pk", flat=True)),
        set(subgroup.leads.values_list("pk", flat=True)),
    )


def test_the_bsu_changes_the_settings_and_history_says_who(client, setting):
    page = client.get(setting["subgroup"].get_absolute_url())
    assert setting["url"] in page.text
    form = client.get(setting["url"])
    assert "Early help" in form.text and "Pat Lead" in form.text
    assert "Theirs only" not in form.text and "Stranger" not in form.text
    response = client.post(setting["url"], form_data(setting))
    assert response.status_code == 302
    subgroup = SubGroup.objects.get(pk=setting["subgroup"].pk)
    assert subgroup.name == "Prevention and Early Intervention" and subgroup.version == 2
    assert subgroup.remit_lines == ["Early help", "Neglect"]
    assert list(subgroup.priorities.all()) == [setting["priority"]]
    assert list(subgroup.leads.all()) == [setting["lead"]]
    assert subgroup.history.first().history_user == setting["bsu"]
    assert "PEI settings saved" in client.get(response["Location"]).text


@pytest.mark.parametrize("forged", ["other_priority", "stranger"])
def test_a_forged_choice_from_another_partnership_is_refused_beside_its_field(client, setting, forged):
    field = "priorities" if forged == "other_priority" else "leads"
    before = state(setting["subgroup"])
    response = client.post(setting["url"], form_data(setting, **{field: [setting[forged].pk]}))
    assert response.status_code == 200
    assert "is not one of the available choices" in response.text
    assert f'id="id_{field}_error"' in response.text or "govuk-error-message" in response.text
    assert state(setting["subgroup"]) == before


def test_a_short_name_another_sub_group_uses_is_refused(client, setting):
    SubGroupFactory(partnership=setting["subgroup"].partnership, short_name="QAPR")
    before = state(setting["subgroup"])
    response = client.post(setting["url"], form_data(setting, short_name="QAPR"))
    assert response.status_code == 200 and "govuk-error-message" in response.text
    assert state(setting["subgroup"]) == before


def test_a_save_over_someone_elses_change_is_refused_and_keeps_the_input(client, setting, member_of):
    opened = setting["subgroup"].version
    other_bsu = member_of(setting["subgroup"].partnership, Membership.Role.BSU, first_name="Other", last_name="Officer")
    client.force_login(other_bsu)
    client.post(setting["url"], form_data(setting, name="Their name"))
    client.force_login(setting["bsu"])
    refused = client.post(setting["url"], form_data(setting, name="My name", version=opened))
    assert refused.status_code == 200
    assert "Other Officer changed these settings while you were editing them" in refused.text
    assert 'value="My name"' in refused.text
    assert SubGroup.objects.get(pk=setting["subgroup"].pk).name == "Their name"
    again = client.post(setting["url"], dict(form_data(setting, name="My name"), version=opened + 1))
    assert again.status_code == 302
    assert SubGroup.objects.get(pk=setting["subgroup"].pk).name == "My name"


def test_saving_the_settings_unchanged_writes_nothing(client, setting):
    client.post(setting["url"], form_data(setting))
    before, records = state(setting["subgroup"]), setting["subgroup"].history.count()
    response = client.post(setting["url"], form_data(setting, version=before[3], remit="Early help\r\nNeglect"), follow=True)
    assert "Nothing saved: PEI settings had no changes." in response.text
    assert state(setting["subgroup"]) == before and setting["subgroup"].history.count() == records


def test_the_sub_group_page_offers_settings_to_the_bsu_only(client, setting, member_of):
    for role in (Membership.Role.LEAD, Membership.Role.EXECUTIVE, Membership.Role.VIEWER):
        client.force_login(member_of(setting["subgroup"].partnership, role))
        assert setting["url"] not in client.get(setting["subgroup"].get_absolute_url()).text
        assert client.get(setting["url"]).status_code == 403
