"""Adding, editing, reordering and retiring actions, and the concurrent-edit rule."""

import datetime

import pytest
from django.urls import reverse

from plans.models import Membership, split_lead_names
from plans.services import people_for_names
from plans.tests.factories import PersonFactory, PriorityFactory, ThemeFactory
from subgroups.models import TEXT_LIMIT, Action
from subgroups.tests.factories import ActionFactory, ActionUpdateFactory, WorkplanFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def workplan():
    workplan = WorkplanFactory()
    PriorityFactory(plan=workplan.plan, number=1, title="Early Help")
    PriorityFactory(plan=workplan.plan, number=2, title="Neglect")
    ThemeFactory(plan=workplan.plan, title="Think Family")
    return workplan


@pytest.fixture
def bsu(client, member_of, workplan):
    user = member_of(workplan.plan.partnership, Membership.Role.BSU, first_name="Bea", last_name="Support")
    client.force_login(user)
    return user


def action_data(workplan, *, lead="Head of Early Help", **fields):
    """The action form's fields; `lead` names the leads ticked ("A / B"), people of the
    partnership's directory (added to it here if missing)."""
    people = people_for_names(partnership=workplan.plan.partnership, names=split_lead_names(lead))
    values = {
        "reference": "PEI 1.9",
        "priority": workplan.plan.priorities.get(number=1).pk,
        "impact": "Families get help early.",
        "description": "Train 40 practitioners in the Early Help Assessment.",
        "themes": [workplan.plan.themes.get().pk],
        "leads": [person.pk for person in people],
        "timeframe": "March 2025",
        "due_date_0": "31",
        "due_date_1": "3",
        "due_date_2": "2025",
    }
    return values | fields


def test_bsu_adds_an_action_at_the_end_of_the_workplan(client, bsu, workplan):
    ActionFactory(workplan=workplan, order=5)
    response = client.post(reverse("subgroups:action-create", args=[workplan.pk]), action_data(workplan))
    action = Action.objects.get(reference="PEI 1.9")
    assert response.status_code == 302
    assert action.order == 6 and action.due_date == datetime.date(2025, 3, 31)
    assert [t.title for t in action.themes.all()] == ["Think Family"]
    # Its history is one "added" record, by the BSU, that already has its theme and lead.
    (added,) = action.history.all()
    assert added.history_type == "+" and added.history_user == bsu
    assert [link.crosscuttingtheme.title for link in added.themes.all()] == ["Think Family"]
    assert [link.person.name for link in added.leads.all()] == ["Head of Early Help"]


def test_form_errors_show_next_to_the_field_and_nothing_is_saved(client, bsu, workplan):
    ActionFactory(workplan=workplan, reference="PEI 1.9")
    response = client.post(
        reverse("subgroups:action-create", args=[workplan.pk]),
        action_data(workplan, description="", due_date_0="31", due_date_1="2", due_date_2="2025"),
    )
    assert response.status_code == 200
    assert Action.objects.count() == 1
    text = response.text
    assert "There is a problem" in text
    assert "govuk-form-group--error" in text
    assert "PEI 1.9 is already used in this workplan." in text


def test_edit_moves_an_action_to_another_priority_and_is_recorded(client, bsu, workplan):
    action = ActionFactory(workplan=workplan, priority=workplan.plan.priorities.get(number=1))
    url = reverse("subgroups:action-edit", args=[action.pk])
    form = client.get(url)
    assert 'name="version" value="1"' in form.text
    data = action_data(workplan, priority=workplan.plan.priorities.get(number=2).pk, version=1)
    assert client.post(url, data).status_code == 302
    action.refresh_from_db()
    assert action.priority.number == 2 and action.version == 2
    page = client.get(action.get_absolute_url()).text
    assert "Edited" in page and "Priority 2: Neglect" in page and "Bea Support" in page


def test_second_of_two_concurrent_edits_is_refused_showing_the_other_change(client, member_of, bsu, workplan):
    action = ActionFactory(workplan=workplan, reference="PEI 1.1", lead="Head of Early Help")
    url = reverse("subgroups:action-edit", args=[action.pk])
    # Both open the form at version 1; the other person saves first.
    other = member_of(workplan.plan.partnership, Membership.Role.BSU, first_name="Oli", last_name="Other")
    client.force_login(other)
    client.post(url, action_data(workplan, reference="PEI 1.1", lead="Designated Nurse", version=1))
    client.force_login(bsu)
    response = client.post(url, action_data(workplan, reference="PEI 1.1", lead="Head of Early Help", timeframe="June 2025", version=1))
    assert response.status_code == 409
    text = response.text
    assert "Oli Other changed this action while you were editing it" in text
    assert "“Head of Early Help” to “Designated Nurse”" in text.replace("from “", "“")
    assert 'value="June 2025"' in text  # the editor's own input is kept
    assert 'name="version" value="2"' in text
    action.refresh_from_db()
    assert (action.lead_names, action.timeframe) == ("Designated Nurse", "March 2025")
    # Saving again deliberately applies their input.
    client.post(url, action_data(workplan, reference="PEI 1.1", lead="Head of Early Help", timeframe="June 2025", version=2))
    action.refresh_from_db()
    assert (action.lead_names, action.timeframe) == ("Head of Early Help", "June 2025")


def test_saving_the_form_unchanged_writes_nothing_and_cannot_refuse_another_editor(client, member_of, bsu, workplan):
    """Pressing Save without changing anything is not an edit: no history record, the same
    version, and someone who opened the form meanwhile saves their change as usual."""
    action = ActionFactory(workplan=workplan, reference="PEI 1.9")
    url = reverse("subgroups:action-edit", args=[action.pk])
    assert client.post(url, action_data(workplan, version=1)).status_code == 302  # makes it the form's action
    action.refresh_from_db()
    records = action.history.count()
    assert action.version == 2

    response = client.post(url, action_data(workplan, version=2), follow=True)
    assert "Nothing saved: PEI 1.9 had no changes." in response.text
    action.refresh_from_db()
    assert action.version == 2 and action.history.count() == records

    other = member_of(workplan.plan.partnership, Membership.Role.BSU)
    client.force_login(other)
    assert client.post(url, action_data(workplan, timeframe="June 2025", version=2)).status_code == 302
    action.refresh_from_db()
    assert (action.timeframe, action.version) == ("June 2025", 3)


def test_line_breaks_typed_in_the_form_are_kept_as_lf_and_count_once_against_the_limit(client, bsu, workplan):
    """The browser sends "\\r\\n" for each line break typed in a textarea."""
    action = ActionFactory(workplan=workplan, reference="PEI 1.9")
    url = reverse("subgroups:action-edit", args=[action.pk])
    lines = ["x" * 99] * (TEXT_LIMIT // 100)  # TEXT_LIMIT characters with their line breaks
    assert client.post(url, action_data(workplan, description="\r\n".join(lines) + "x", version=1)).status_code == 302
    action.refresh_from_db()
    assert action.description == "\n".join(lines) + "x" and len(action.description) == TEXT_LIMIT
    # The same text sent again is no change.
    response = client.post(url, action_data(workplan, description="\r\n".join(lines) + "x", version=2), follow=True)
    assert "Nothing saved: PEI 1.9 had no changes." in response.text


def test_text_kept_with_cr_lf_line_breaks_is_no_change_when_saved_with_lf(client, bsu, workplan):
    """Text saved before line breaks were read as LF keeps its CR LF: saving it unchanged is
    nothing to save, and an edit of another column shows only that column as changed."""
    action = ActionFactory(workplan=workplan, reference="PEI 1.9")
    url = reverse("subgroups:action-edit", args=[action.pk])
    data = action_data(workplan, description="Train practitioners\nin two rounds", version=1)
    client.post(url, data)
    for kept in (Action.objects.filter(pk=action.pk), action.history.filter(version=2)):
        kept.update(description="Train practitioners\r\nin two rounds")

    response = client.post(url, data | {"version": 2}, follow=True)
    assert "Nothing saved: PEI 1.9 had no changes." in response.text
    client.post(url, data | {"version": 2, "timeframe": "June 2025"})
    timeline = client.get(reverse("subgroups:action-detail", args=[action.pk])).context["timeline"]
    assert [(change.field, change.new) for change in timeline[0].changes] == [("Timeframe", "June 2025")]


def test_retire_keeps_the_action_and_its_updates(client, bsu, workplan):
    action = ActionFactory(workplan=workplan)
    ActionUpdateFactory(action=action)
    response = client.post(reverse("subgroups:action-retire", args=[action.pk]), follow=True)
    assert "retired" in response.text
    action.refresh_from_db()
    assert action.is_retired and action.retired_on is not None and action.updates.count() == 1
    assert action.pk not in [a.pk for g in client.get(workplan.get_absolute_url()).context["groups"] for a in g.actions]


def test_reorder_swaps_neighbours_within_a_priority(client, bsu, workplan):
    p1 = workplan.plan.priorities.get(number=1)
    first, second, third = (ActionFactory(workplan=workplan, priority=p1, order=n) for n in (1, 2, 3))
    client.post(reverse("subgroups:action-move", args=[third.pk]), {"direction": "up"})
    assert list(workplan.actions.order_by("order").values_list("pk", flat=True)) == [first.pk, third.pk, second.pk]
    client.post(reverse("subgroups:action-move", args=[first.pk]), {"direction": "up"})  # already first
    assert list(workplan.actions.order_by("order").values_list("pk", flat=True)) == [first.pk, third.pk, second.pk]


def test_the_form_offers_the_directory_as_leads_checkboxes_sorted_with_a_link_to_add_someone(client, bsu, workplan):
    partnership = workplan.plan.partnership
    for name in ["Young Scrutineer", "designated Nurse", "Head of Early Help"]:
        PersonFactory(partnership=partnership, name=name)
    PersonFactory(name="Someone of another partnership")
    page = client.get(reverse("subgroups:action-create", args=[workplan.pk]))
    labels = [label for _value, label in page.context["form"].fields["leads"].choices]
    assert labels == ["designated Nurse", "Head of Early Help", "Young Scrutineer"]
    assert 'name="leads"' in page.text and "govuk-checkboxes__input" in page.text
    assert reverse("plans:directory-add", args=[partnership.pk]) + "?next=" in page.text


def test_an_action_can_have_several_leads(client, bsu, workplan):
    client.post(
        reverse("subgroups:action-create", args=[workplan.pk]),
        action_data(workplan, lead="Head of Early Help / Young Scrutineer"),
    )
    action = Action.objects.get(reference="PEI 1.9")
    assert action.lead_names == "Head of Early Help / Young Scrutineer"
    assert "Head of Early Help / Young Scrutineer" in client.get(action.get_absolute_url()).text


def test_a_lead_from_another_partnerships_directory_is_refused(client, bsu, workplan):
    stranger = PersonFactory(name="Elsewhere")
    response = client.post(
        reverse("subgroups:action-create", args=[workplan.pk]), action_data(workplan) | {"leads": [stranger.pk]}
    )
    assert response.status_code == 200 and "Select a valid choice" in response.text
    assert not Action.objects.exists()


def test_a_sub_group_lead_editing_actions_is_not_offered_to_add_to_the_directory(client, member_of, workplan):
    lead = member_of(workplan.plan.partnership, Membership.Role.LEAD)
    workplan.subgroup.leads.add(lead)
    client.force_login(lead)
    page = client.get(reverse("subgroups:action-create", args=[workplan.pk]))
    assert page.status_code == 200 and "directory/new" not in page.text
