import datetime
from collections import Counter
from io import StringIO

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.db.models import Count
from django.test import Client
from django.urls import reverse

from plans.models import BusinessPlan, CrossCuttingTheme, Membership, Partnership, Person, Priority, split_lead_names
from conftest_browser import load_demo_once
from mscp.demo import merton
from subgroups.brag import brag_summary
from reports.models import Challenge, ReportSection
from subgroups.models import Action, ActionUpdate, SubGroup, Workplan
from subgroups.selectors import action_timeline

pytestmark = pytest.mark.django_db

MODELS = [
    Partnership, BusinessPlan, Priority, CrossCuttingTheme, SubGroup, Workplan, Action, ActionUpdate, Membership, Person,
]


def row_counts():
    return {model.__name__: model.objects.count() for model in MODELS} | {
        "users": get_user_model().objects.count()
    }


@pytest.fixture
def demo(settings):
    """The demo as `load_demo` leaves it, with DEBUG on (loaded once per process and put back
    for each test: conftest_browser.load_demo_once)."""
    load_demo_once(settings)


def test_loading_twice_gives_the_same_data(demo, settings):
    first = row_counts()
    updates_before = list(ActionUpdate.objects.order_by("pk").values_list("pk", "rating", "narrative"))
    call_command("load_demo", verbosity=0)
    assert row_counts() == first
    assert list(ActionUpdate.objects.order_by("pk").values_list("pk", "rating", "narrative")) == updates_before


def test_merton_plan_as_in_the_business_plan(demo):
    plan = BusinessPlan.objects.get(partnership__slug="merton")
    assert plan.period_start == datetime.date(2023, 4, 1)
    assert plan.approved_on == datetime.date(2023, 3, 2)
    assert [p.title for p in plan.priorities.all()] == [
        "Early Help",
        "Mental Health and Wellbeing",
        "Contextual Safeguarding",
        "Domestic Abuse",
        "Neglect",
        "Strong Leadership and Strong Partnership",
    ]
    assert plan.themes.count() == 5
    assert len(plan.priorities.get(number=6).key_activity_list) == 7
    subgroups = SubGroup.objects.filter(partnership__slug="merton")
    assert sorted(subgroups.values_list("short_name", flat=True)) == ["ESS", "P&T", "PEI", "PPYP", "QAPR"]
    assert sorted(subgroups.get(short_name="PEI").priorities.values_list("number", flat=True)) == [1, 2]
    assert sorted(subgroups.get(short_name="ESS").priorities.values_list("number", flat=True)) == [4, 5]


def test_merton_workplans_for_both_years(demo):
    workplans = Workplan.objects.filter(plan__partnership__slug="merton")
    years = {(w.subgroup.short_name, w.year) for w in workplans.select_related("subgroup")}
    assert {sg for sg, year in years if year == "2023-24"} == {"QAPR", "P&T", "PEI", "PPYP", "ESS"}
    assert {sg for sg, year in years if year == "2024-25"} == {"PEI", "PPYP", "ESS"}
    for workplan in workplans.annotate(n=Count("actions")):
        assert 8 <= workplan.n <= 15, workplan


def test_demo_uses_every_theme_and_every_rating(demo):
    plan = BusinessPlan.objects.get(partnership__slug="merton")
    assert not plan.themes.filter(actions__isnull=True).exists()
    counts = brag_summary(plan=plan)
    assert all(row["count"] > 0 for row in counts.rows if not row["is_closure"]), counts
    assert counts.overdue > 0 and counts.stale > 0
    # The four 2023-24 actions the seeds say were carried forward into 2024-25, each linked to
    # the action that continues it; the seeds record none closed as not achieved.
    assert (counts.carried_forward, counts.not_achieved) == (4, 0)
    carried = Action.objects.filter(workplan__plan=plan, closure="carried_forward").select_related("carried_into")
    assert sorted((a.reference, a.carried_into.reference) for a in carried) == [
        ("ESS 4.4", "ESS 4.1"), ("ESS 5.5", "ESS 5.2"), ("PEI 1.6", "PEI 1.2"), ("PPYP 3.7", "PPYP 3.2")
    ]
    per_action = Action.objects.filter(workplan__plan=plan).annotate(n=Count("updates"))
    assert max(a.n for a in per_action) <= 4


def test_medway_has_the_priority_added_mid_plan(demo):
    plan = BusinessPlan.objects.get(partnership__slug="medway")
    added_later = plan.priorities.filter(added_on__gt=plan.period_start)
    assert [p.added_on for p in added_later] == [datetime.date(2022, 9, 1)]
    assert Workplan.objects.filter(plan=plan).exists()


def test_demo_users_belong_to_their_partnership(demo):
    roles = dict(Membership.objects.values_list("user__username", "role"))
    assert roles == {
        "bsu": "bsu",
        "pei-lead": "lead",
        "executive": "executive",
        "viewer": "viewer",
        "medway-bsu": "bsu",
        "scrutineer": "scrutineer",
    }
    pei_lead = get_user_model().objects.get(username="pei-lead")
    assert Action.objects.filter(leads__user=pei_lead, workplan__subgroup__short_name="PEI").exists()
    assert pei_lead.check_password("mscp-demo-2023")


def test_the_demo_challenge_log_has_open_and_closed_challenges_with_their_history(demo):
    challenges = Challenge.objects.filter(partnership__slug="merton")
    assert challenges.count() == 5
    statuses = Counter(challenges.values_list("status", flat=True))
    assert statuses == {"closed": 3, "responded": 1, "open": 1}
    assert set(challenges.values_list("target_kind", flat=True)) == {"subgroup", "action", "agency"}
    closed = challenges.filter(status="closed")
    assert all(challenge.history.count() >= 3 for challenge in closed)
    call_command("load_demo", verbosity=0)  # again: nothing added, nothing changed
    assert Challenge.objects.filter(partnership__slug="merton").count() == 5


def test_refuses_demo_users_when_debug_is_off_unless_forced_and_takes_the_password_from_the_environment(
    settings, monkeypatch
):
    # One real load into an empty database serves both: loading the demo takes seconds.
    settings.DEBUG = False
    monkeypatch.setenv("DEMO_PASSWORD", "another-secret-1")
    with pytest.raises(CommandError, match="DEBUG is off"):
        call_command("load_demo", verbosity=0)
    assert not get_user_model().objects.exists()
    call_command("load_demo", "--force", verbosity=0)
    assert get_user_model().objects.filter(username="bsu").exists(), "--force loads the demo users"
    assert get_user_model().objects.get(username="bsu").check_password("another-secret-1"), (
        "the demo password comes from DEMO_PASSWORD"
    )


def test_scale_adds_synthetic_partnerships_shaped_like_merton(demo):
    merton_actions = Action.objects.filter(workplan__plan__partnership__slug="merton").count()
    call_command("load_demo", "--scale", "3", verbosity=0)
    call_command("load_demo", "--scale", "3", verbosity=0)
    synthetic = Partnership.objects.filter(slug__startswith="synthetic-")
    assert synthetic.count() == 3
    for partnership in synthetic:
        actions = Action.objects.filter(workplan__plan__partnership=partnership)
        assert actions.count() == merton_actions
        assert ActionUpdate.objects.filter(action__in=actions).exists()
        assert Action.themes.through.objects.filter(action__in=actions).exists()
        assert SubGroup.objects.get(partnership=partnership, short_name="PEI").priorities.count() == 2


DEMO_PASSWORD = "mscp-demo-2023"


def load_demo(*args) -> str:
    out = StringIO()
    call_command("load_demo", *args, stdout=out)
    return out.getvalue()


def history_rows() -> int:
    return sum(
        model.objects.count() for model in apps.get_models() if model.__name__.startswith("Historical")
    )


def signed_in(username, password=DEMO_PASSWORD) -> Client:
    client = Client()
    response = client.post(reverse("login"), {"username": username, "password": password})
    assert response.status_code == 302, f"{username} could not sign in"
    return client


def pei_action() -> Action:
    return Action.objects.get(
        workplan__subgroup__partnership__slug="merton",
        workplan__year="2024-25",
        reference="PEI 1.1",
    )


def edit_timeframe(client, action, timeframe):
    due = action.due_date
    data = {
        "reference": action.reference,
        "priority": action.priority_id or "",
        "impact": action.impact,
        "description": action.description,
        "themes": [theme.pk for theme in action.themes.all()],
        "leads": [person.pk for person in action.leads.all()],
        "timeframe": timeframe,
        "due_date_0": due.day,
        "due_date_1": due.month,
        "due_date_2": due.year,
        "version": action.version,
    }
    response = client.post(reverse("subgroups:action-edit", args=[action.pk]), data)
    assert response.status_code == 302, response.content.decode()[:2000]


def add_update(client, action, narrative):
    as_at = action.workplan.plan.reporting_date()
    prefix = f"update-{action.pk}-"
    data = {
        prefix + "rating": "amber",
        prefix + "narrative": narrative,
        prefix + "as_at_0": as_at.day,
        prefix + "as_at_1": as_at.month,
        prefix + "as_at_2": as_at.year,
    }
    response = client.post(reverse("subgroups:action-update", args=[action.pk]), data)
    assert response.status_code == 302, response.content.decode()[:2000]


def change_password(client, old, new):
    response = client.post(
        reverse("password_change"),
        {"old_password": old, "new_password1": new, "new_password2": new},
    )
    assert response.status_code == 302, response.content.decode()[:2000]


def test_running_again_keeps_what_people_changed_and_nobody_is_signed_out(demo):
    """What `make run` does a second time: users' edits, updates, passwords and sign-ins stay."""
    bsu = signed_in("bsu")
    lead = signed_in("pei-lead")
    action = pei_action()
    edit_timeframe(bsu, action, "Moved to September 2025 by the Executive")
    add_update(bsu, action, "Venue lost; rebooked for the autumn term.")
    change_password(lead, DEMO_PASSWORD, "a-new-lead-pass-7")
    counts, history = row_counts(), history_rows()

    output = load_demo()

    assert "Demo already loaded: nothing to create." in output
    assert row_counts() == counts
    assert history_rows() == history  # no edit by "The system"
    action.refresh_from_db()
    assert action.timeframe == "Moved to September 2025 by the Executive"
    assert action.updates.filter(narrative="Venue lost; rebooked for the autumn term.").exists()
    page = bsu.get(action.get_absolute_url())  # the same session, still signed in
    assert page.status_code == 200
    assert "Moved to September 2025 by the Executive" in page.text
    assert "Venue lost; rebooked for the autumn term." in page.text
    # The only entry by "The system" is the demo's own creation of the action.
    assert page.text.count("The system") == 1
    assert not [
        entry for entry in action_timeline(action=action) if entry.who == "The system" and entry.changes
    ]
    assert lead.get(reverse("plans:home")).status_code == 200
    pei_lead = get_user_model().objects.get(username="pei-lead")
    assert pei_lead.check_password("a-new-lead-pass-7") and not pei_lead.check_password(DEMO_PASSWORD)


def test_running_again_creates_only_what_is_missing_and_says_what(demo):
    get_user_model().objects.get(username="viewer").delete()
    ReportSection.objects.get(report__partnership__slug="merton", slug="foreword").delete()
    ReportSection.objects.filter(report__partnership__slug="merton", slug="introduction").update(text="Our own words.")

    output = load_demo()

    assert "Demo loaded: created 1 user, 1 membership, 1 report section." in output
    assert signed_in("viewer").get(reverse("plans:home")).status_code == 200
    assert ReportSection.objects.get(report__partnership__slug="merton", slug="introduction").text == "Our own words."


def test_reset_restores_the_demo_as_shipped(demo):
    shipped = row_counts()
    bsu = signed_in("bsu")
    action = pei_action()
    edit_timeframe(bsu, action, "Moved to September 2025 by the Executive")
    add_update(bsu, action, "Venue lost; rebooked for the autumn term.")
    change_password(signed_in("pei-lead"), DEMO_PASSWORD, "a-new-lead-pass-7")

    output = load_demo("--reset")

    assert output.startswith("Demo reset: 2 partnerships, 2 plans,")
    assert row_counts() == shipped
    restored = pei_action()
    shipped_action = next(
        item
        for workplan in merton.WORKPLANS
        if workplan["subgroup"] == "PEI" and workplan["year"] == "2024-25"
        for item in workplan["actions"]
        if item["reference"] == "PEI 1.1"
    )
    assert restored.timeframe == shipped_action["timeframe"]
    assert not ActionUpdate.objects.filter(narrative="Venue lost; rebooked for the autumn term.").exists()
    assert signed_in("pei-lead").get(reverse("plans:home")).status_code == 200


def test_no_demo_user_is_staff_or_holds_model_permissions(demo):
    """The admin is for superusers; the demo BSU configures its partnership through the
    product's pages (People, sub-group settings)."""
    users = get_user_model().objects.filter(
        username__in=["bsu", "pei-lead", "executive", "viewer", "medway-bsu", "scrutineer"]
    )
    assert users.count() == 6
    assert not users.filter(is_staff=True).exists() and not users.filter(is_superuser=True).exists()
    assert not users.filter(user_permissions__isnull=False).exists()


def test_the_directory_holds_everyone_the_seeds_name_as_leads_and_pei_lead_is_linked(demo):
    partnership = Partnership.objects.get(slug="merton")
    early_help = Person.objects.get(partnership=partnership, name="Head of Early Help, LBM")
    assert (early_help.role, early_help.agency, early_help.user.username) == ("Head of Early Help", "LBM", "pei-lead")
    assert Person.objects.filter(partnership=partnership, name="Young Scrutineer", user__isnull=True).exists()
    actions = Action.objects.filter(workplan__subgroup__partnership=partnership).prefetch_related("leads")
    seeds = {
        (workplan["subgroup"], workplan["year"], item["reference"]): item
        for workplan in merton.WORKPLANS
        for item in workplan["actions"]
    }
    for action in actions:
        # Each action's leads are the names its seed's lead cell gives.
        item = seeds[(action.workplan.subgroup.short_name, action.workplan.year, action.reference)]
        assert sorted(person.name for person in action.leads.all()) == sorted(split_lead_names(item["lead"]))


def test_pei_leads_my_actions_are_what_they_were_before_the_directory(demo):
    """pei-lead led (as `lead_user`) the actions the seeds say; now their directory entry
    leads those, and one more that names the Head of Early Help, which is complete, so
    My actions lists the same actions as before."""
    led = set(Action.objects.filter(leads__user__username="pei-lead"))
    seeded = {
        (workplan["year"], item["reference"])
        for workplan in merton.WORKPLANS
        for item in workplan["actions"]
        if item.get("lead_user") == "pei-lead"
    }
    assert seeded <= {(action.workplan.year, action.reference) for action in led}
    for action in led:
        if (action.workplan.year, action.reference) not in seeded:
            assert action.workplan.subgroup.short_name == "PEI" or action.updates.order_by("-as_at").first().rating == "blue"
    page = signed_in("pei-lead").get(reverse("subgroups:my-actions"))
    shown = {a for s in page.context["sections"] for g in s["groups"] for a in g.actions}
    for action in shown:
        key = (action.workplan.year, action.reference)
        assert key in seeded or action.workplan.subgroup.short_name == "PEI"
    assert shown
