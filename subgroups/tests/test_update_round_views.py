"""The update round pages (a workplan's, and My actions'): every row the user may update on
one page, the changed rows saved in one submission, each by the single update's rules; rows
refused keep their input beside their messages; untouched rows are not saved."""

import copy
import datetime

import pytest
from django.db import transaction
from django.urls import reverse

from plans.models import Membership
from plans.tests.factories import MembershipFactory, UserFactory
from plans.tests.queries import TENFOLD, assert_queries_do_not_grow
from subgroups.models import ActionUpdate
from subgroups.tests.factories import ActionFactory, ActionUpdateFactory, SubGroupFactory, WorkplanFactory, link_lead_user

pytestmark = pytest.mark.django_db
D = datetime.date


def member_of(partnership, role, **names):
    user = UserFactory(**names)
    MembershipFactory(user=user, partnership=partnership, role=role)
    return user


@pytest.fixture(scope="module")
def module_world(django_db_setup, django_db_blocker):
    """Built once for the module inside a transaction rolled back after its last test; each
    test runs in a savepoint within it."""
    with django_db_blocker.unblock(), transaction.atomic():
        yield _build_world()
        transaction.set_rollback(True)


@pytest.fixture
def world(module_world, db):
    return copy.deepcopy(module_world)


def _build_world():
    workplan = WorkplanFactory(subgroup__short_name="PEI")
    partnership = workplan.plan.partnership
    people = {
        "bsu": member_of(partnership, Membership.Role.BSU),
        "subgroup_lead": member_of(partnership, Membership.Role.LEAD),
        "action_lead": member_of(partnership, Membership.Role.LEAD, first_name="Asha", last_name="Patel"),
        "viewer": member_of(partnership, Membership.Role.VIEWER),
    }
    workplan.subgroup.leads.add(people["subgroup_lead"])
    actions = {}
    for number in range(1, 5):
        reference = f"PEI 1.{number}"
        actions[reference] = ActionFactory(workplan=workplan, reference=reference, order=number, due_date=D(2025, 3, 31))
        ActionUpdateFactory(action=actions[reference], rating="green", narrative="On track.", as_at=D(2024, 5, 1))
    link_lead_user(actions["PEI 1.4"], people["action_lead"])
    # The action lead's own sub-group, with an action of theirs that has never been rated.
    own = WorkplanFactory(plan=workplan.plan, subgroup=SubGroupFactory(partnership=partnership, short_name="QA"))
    own.subgroup.leads.add(people["action_lead"])
    actions["QA 2.1"] = ActionFactory(workplan=own, reference="QA 2.1", lead_user=people["action_lead"])
    return {"workplan": workplan, "people": people, "actions": actions}


def round_url(workplan):
    return reverse("subgroups:workplan-update-round", args=[workplan.pk])


def page_data(response) -> dict:
    """What the browser sends back for the page as shown: every row as it stands."""
    data = {"rows": []}
    for form in response.context["forms"]:
        data["rows"].append(form.action.pk)
        if form.is_bound:
            data |= {key: value for key, value in form.data.items() if key.startswith(f"{form.prefix}-")}
            continue
        as_at = form.initial["as_at"]
        data |= {
            form.add_prefix("rating"): form.initial["rating"],
            form.add_prefix("narrative"): "",
            form.add_prefix("seen"): form.initial["seen"],
            **{form.add_prefix(f"as_at_{i}"): part for i, part in enumerate((as_at.day, as_at.month, as_at.year))},
        }
    return data


def row(action, **fields) -> dict:
    return {f"row-{action.pk}-{name}": value for name, value in fields.items()}


def test_the_page_offers_each_row_the_user_may_update_with_fields_named_for_it(client, world):
    client.force_login(world["people"]["action_lead"])
    page = client.get(round_url(world["workplan"]))
    assert [form.name for form in page.context["forms"]] == ["PEI 1.4"]
    html = page.text
    assert "Rating for PEI 1.4" in html and "Checked, no change<span class=\"govuk-visually-hidden\"> for PEI 1.4" in html
    assert "As at for PEI 1.4" in html and "Update for PEI 1.4" in html
    assert "PEI 1.1" not in html
    client.force_login(world["people"]["bsu"])
    page = client.get(round_url(world["workplan"]))
    assert [form.name for form in page.context["forms"]] == ["PEI 1.1", "PEI 1.2", "PEI 1.3", "PEI 1.4"]
    # Each row starts at the action's current rating and the plan's reporting date.
    first = page.context["forms"].forms[0]
    assert (first.initial["rating"], first.initial["as_at"]) == ("green", D(2025, 3, 31))


def test_the_workplan_page_links_to_the_round_for_those_who_may_update(client, world):
    url = round_url(world["workplan"])
    client.force_login(world["people"]["bsu"])
    assert url in client.get(world["workplan"].get_absolute_url()).text
    client.force_login(world["people"]["viewer"])
    assert url not in client.get(world["workplan"].get_absolute_url()).text
    assert client.get(url).status_code == 403


def test_good_rows_are_saved_bad_rows_kept_with_their_messages_and_untouched_rows_left(client, world):
    bsu, actions = world["people"]["bsu"], world["actions"]
    client.force_login(bsu)
    data = page_data(client.get(round_url(world["workplan"])))
    data |= row(actions["PEI 1.1"], rating="amber", narrative="Venue fell through; rebooked for June.")
    data |= row(actions["PEI 1.2"], rating="red")  # no words: refused
    data |= row(actions["PEI 1.3"], kind="on")  # checked, no change
    before = ActionUpdate.objects.count()
    page = client.post(round_url(world["workplan"]), data)
    assert page.status_code == 200
    assert ActionUpdate.objects.count() == before + 2
    assert "2 updates saved; 1 needs attention." in page.text
    amber = actions["PEI 1.1"].updates.order_by("-pk").first()
    assert (amber.rating, amber.author, amber.as_at) == ("amber", bsu, D(2025, 3, 31))
    check = actions["PEI 1.3"].updates.order_by("-pk").first()
    assert (check.kind, check.rating, check.narrative) == (ActionUpdate.Kind.CHECK, "green", "")
    assert not actions["PEI 1.4"].updates.filter(author=bsu).exists()  # untouched
    # The refused row keeps what was typed, its message beside the field and in the summary.
    refused = next(form for form in page.context["forms"] if form.name == "PEI 1.2")
    assert refused.data[refused.add_prefix("rating")] == "red"
    message = "Say why this action is red and what is being done about it."
    assert refused.errors["narrative"] == [message]
    assert f'id="id_row-{actions["PEI 1.2"].pk}-narrative-error"' in page.text
    assert f'href="#id_row-{actions["PEI 1.2"].pk}-narrative">PEI 1.2: {message}' in page.text
    assert 'aria-describedby="id_row-%d-narrative-error"' % actions["PEI 1.2"].pk in page.text
    # The saved rows start again from their new position, so saving again adds nothing twice.
    saved = next(form for form in page.context["forms"] if form.name == "PEI 1.1")
    assert not saved.is_bound and saved.initial["rating"] == "amber"
    again = page_data(page) | row(actions["PEI 1.2"], narrative="The provider withdrew; recommissioning.")
    done = client.post(round_url(world["workplan"]), again, follow=True)
    assert done.redirect_chain[-1][0] == world["workplan"].get_absolute_url()
    assert "1 update saved: PEI 1.2." in done.text
    assert ActionUpdate.objects.count() == before + 3


def test_a_round_that_changes_nothing_saves_nothing_and_says_so(client, world):
    client.force_login(world["people"]["bsu"])
    data = page_data(client.get(round_url(world["workplan"])))
    # A new date alone is not an update.
    data |= row(world["actions"]["PEI 1.1"], as_at_0="1", as_at_1="3", as_at_2="2025")
    before = ActionUpdate.objects.count()
    page = client.post(round_url(world["workplan"]), data)
    assert "Nothing saved: you changed no row." in page.text
    assert ActionUpdate.objects.count() == before


def test_a_row_updated_by_someone_else_since_the_page_opened_shows_their_update(client, world):
    actions, lead = world["actions"], world["people"]["action_lead"]
    client.force_login(world["people"]["bsu"])
    data = page_data(client.get(round_url(world["workplan"])))
    ActionUpdateFactory(action=actions["PEI 1.4"], rating="red", narrative="Funding withdrawn.", as_at=D(2024, 9, 1), author=lead)
    data |= row(actions["PEI 1.4"], rating="amber", narrative="Partly funded again.")
    data |= row(actions["PEI 1.1"], kind="on")
    page = client.post(round_url(world["workplan"]), data)
    assert "1 update saved; 1 needs attention." in page.text
    assert "Asha Patel added an update after you opened this page" in page.text
    assert "Red as at 1 September 2024" in page.text and "Funding withdrawn." in page.text
    assert not actions["PEI 1.4"].updates.filter(rating="amber").exists()
    # Their update now shows in the row; saving again adds the person's own.
    conflict = next(form for form in page.context["forms"] if form.name == "PEI 1.4")
    assert conflict.action.current_rating == "red"
    client.post(round_url(world["workplan"]), page_data(page))
    assert actions["PEI 1.4"].updates.filter(rating="amber", narrative="Partly funded again.").exists()


def test_rows_the_user_may_not_update_are_never_saved(client, world):
    actions = world["actions"]
    client.force_login(world["people"]["action_lead"])
    data = page_data(client.get(round_url(world["workplan"])))
    data["rows"].append(actions["PEI 1.1"].pk)
    data |= row(actions["PEI 1.1"], rating="blue", narrative="Done.", as_at_0="1", as_at_1="3", as_at_2="2025")
    page = client.post(round_url(world["workplan"]), data)
    assert "1 action on the page could not be saved" in page.text
    assert not actions["PEI 1.1"].updates.filter(rating="blue").exists()


@pytest.mark.parametrize("rows", [["abc"], ["-1"], ["9" * 30], ["1e3"], ["１２"], []])
def test_rows_that_are_not_row_ids_are_ignored(client, world, rows):
    client.force_login(world["people"]["bsu"])
    before = ActionUpdate.objects.count()
    page = client.post(round_url(world["workplan"]), {"rows": rows, "row-1-rating": "red"})
    assert page.status_code == 200 and "Nothing saved" in page.text
    assert ActionUpdate.objects.count() == before


def test_my_actions_round_lists_the_users_actions_across_workplans(client, world):
    lead, actions = world["people"]["action_lead"], world["actions"]
    client.force_login(lead)
    # Across both years of the plan: My actions and its round count the whole plan when asked.
    my_actions = client.get(reverse("subgroups:my-actions") + "?year=all").text
    url = reverse("subgroups:my-actions-update-round") + "?year=all"
    assert url in my_actions
    page = client.get(url)
    # Only those that need attention: QA 2.1 has never been rated; PEI 1.4 is green and
    # current... but stale as at the plan's end (last update May 2024).
    assert {form.name for form in page.context["forms"]} == {"QA 2.1", "PEI 1.4"}
    assert "QA workplan 2023-24" in page.text
    data = page_data(page) | row(actions["QA 2.1"], rating="green", narrative="Started.")
    data |= row(actions["PEI 1.4"], kind="on")
    done = client.post(url, data, follow=True)
    assert done.redirect_chain[-1][0] == reverse("subgroups:my-actions")
    assert "2 updates saved: PEI 1.4, QA 2.1." in done.text
    assert actions["PEI 1.4"].updates.order_by("-pk").first().kind == ActionUpdate.Kind.CHECK


def test_readers_cannot_open_my_actions_round(client, world):
    client.force_login(world["people"]["viewer"])
    assert client.get(reverse("subgroups:my-actions-update-round")).status_code == 403


def test_the_single_form_offers_checked_no_change_and_the_history_shows_it(client, world):
    action = world["actions"]["PEI 1.1"]
    client.force_login(world["people"]["bsu"])
    url = reverse("subgroups:action-update", args=[action.pk])
    form_page = client.get(url)
    # The form starts at the current rating, so a check needs only the tick.
    assert "Checked, no change" in form_page.text and form_page.context["form"].initial["rating"] == "green"
    seen = action.updates.order_by("-pk").first().pk
    data = {
        "kind": "on", "rating": "green", "narrative": "", "seen": seen,
        "as_at_0": 31, "as_at_1": 3, "as_at_2": 2025,
    }
    response = client.post(url, {f"update-{action.pk}-{k}": v for k, v in data.items()}, follow=True)
    assert "PEI 1.1 checked, no change: Green as at 31 March 2025." in response.text
    history = client.get(action.get_absolute_url()).text
    assert "Checked, no change</strong>: rating kept" in history


def test_the_single_form_shows_an_update_added_since_it_opened(client, world):
    action, lead = world["actions"]["PEI 1.4"], world["people"]["action_lead"]
    client.force_login(world["people"]["bsu"])
    url = reverse("subgroups:action-update", args=[action.pk])
    seen = client.get(url).context["form"].initial["seen"]
    ActionUpdateFactory(action=action, rating="red", narrative="Funding withdrawn.", as_at=D(2024, 9, 1), author=lead)
    data = {"rating": "amber", "narrative": "Partly funded.", "seen": seen, "as_at_0": 31, "as_at_1": 3, "as_at_2": 2025}
    response = client.post(url, {f"update-{action.pk}-{k}": v for k, v in data.items()})
    assert response.status_code == 200
    assert "Asha Patel added an update after you opened this page" in response.text
    assert not action.updates.filter(rating="amber").exists()
    # The form now counts theirs as seen: saving again adds this one.
    again = response.context["form"].data
    client.post(url, again)
    assert action.updates.filter(rating="amber").exists()


def test_the_round_page_and_its_save_take_no_more_queries_with_ten_times_the_rows(client, world, django_assert_max_num_queries):
    workplan = world["workplan"]
    client.force_login(world["people"]["bsu"])

    def checked(response, forms):
        data = page_data(response)
        for form in forms:
            data |= row(form.action, kind="on")
        return data

    page = client.get(round_url(workplan))
    with django_assert_max_num_queries(30) as few:
        assert client.post(round_url(workplan), checked(page, page.context["forms"])).status_code == 302
    # Read now: each request empties the connection's log the count is read from.
    ceiling = len(few.captured_queries)

    def grow():
        for _ in range(TENFOLD * 4):
            action = ActionFactory(workplan=workplan)
            ActionUpdateFactory(action=action, rating="red", narrative="Stuck.", as_at=D(2024, 5, 1))

    big = assert_queries_do_not_grow(
        client, round_url(workplan), grow=grow, ceiling=20,
        django_assert_max_num_queries=django_assert_max_num_queries,
    )
    new_rows = [form for form in big.context["forms"] if form.action.reference not in world["actions"]]
    assert len(new_rows) == TENFOLD * 4
    saved = ActionUpdate.objects.count()
    with django_assert_max_num_queries(ceiling):
        assert client.post(round_url(workplan), checked(big, new_rows)).status_code == 302
    assert ActionUpdate.objects.count() == saved + TENFOLD * 4


def test_my_actions_round_takes_no_more_queries_with_ten_times_the_rows(client, world, django_assert_max_num_queries):
    lead, workplan = world["people"]["action_lead"], world["workplan"]
    client.force_login(lead)

    def grow():
        for _ in range(TENFOLD * 2):
            action = ActionFactory(workplan=workplan, lead_user=lead, due_date=D(2024, 6, 1))
            ActionUpdateFactory(action=action, rating="red", narrative="Stuck.", as_at=D(2024, 5, 1))

    response = assert_queries_do_not_grow(
        client, reverse("subgroups:my-actions-update-round") + "?year=all", grow=grow, ceiling=20,
        django_assert_max_num_queries=django_assert_max_num_queries,
    )
    assert len(response.context["forms"]) == 2 + TENFOLD * 2
