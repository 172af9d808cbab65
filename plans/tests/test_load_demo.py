import datetime

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.db.models import Count

from plans.models import BusinessPlan, CrossCuttingTheme, Membership, Partnership, Priority
from reports.brag import brag_summary
from subgroups.models import Action, ActionUpdate, SubGroup, Workplan

pytestmark = pytest.mark.django_db

MODELS = [Partnership, BusinessPlan, Priority, CrossCuttingTheme, SubGroup, Workplan, Action, ActionUpdate, Membership]


def row_counts():
    return {model.__name__: model.objects.count() for model in MODELS} | {
        "users": get_user_model().objects.count()
    }


@pytest.fixture
def demo(settings):
    settings.DEBUG = True
    call_command("load_demo", verbosity=0)


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
    counts = brag_summary(actions=Action.objects.filter(workplan__plan=plan), as_at=plan.reporting_date())
    assert all(row["count"] > 0 for row in counts.rows), counts
    assert counts.overdue > 0 and counts.stale > 0
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
    }
    pei_lead = get_user_model().objects.get(username="pei-lead")
    assert Action.objects.filter(lead_user=pei_lead, workplan__subgroup__short_name="PEI").exists()
    assert not Action.objects.filter(lead_user=pei_lead).exclude(workplan__subgroup__short_name="PEI").exists()
    assert pei_lead.check_password("mscp-demo-2023")


def test_demo_password_comes_from_the_environment(settings, monkeypatch):
    settings.DEBUG = True
    monkeypatch.setenv("DEMO_PASSWORD", "another-secret-1")
    call_command("load_demo", verbosity=0)
    assert get_user_model().objects.get(username="bsu").check_password("another-secret-1")


def test_refuses_demo_users_when_debug_is_off_unless_forced(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="DEBUG is off"):
        call_command("load_demo", verbosity=0)
    assert not get_user_model().objects.exists()
    call_command("load_demo", "--force", verbosity=0)
    assert get_user_model().objects.filter(username="bsu").exists()


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


def test_no_demo_user_is_staff_or_holds_model_permissions(demo):
    """The admin is for superusers; the demo BSU configures its partnership through the
    product's pages (People, sub-group settings)."""
    users = get_user_model().objects.filter(username__in=["bsu", "pei-lead", "executive", "viewer", "medway-bsu"])
    assert users.count() == 5
    assert not users.filter(is_staff=True).exists() and not users.filter(is_superuser=True).exists()
    assert not users.filter(user_permissions__isnull=False).exists()
