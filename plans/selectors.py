"""Reads for the plan pages."""

from django.contrib.auth import get_user_model
from django.db.models import Prefetch

from plans.models import BusinessPlan
from reports.brag import BragCounts, brag_summary, plan_as_at
from subgroups.models import SubGroup


def partnership_members(partnership_id: int):
    """Active users who belong to the partnership, by name: the people an action can be led
    by or an update reported by."""
    return (
        get_user_model()
        .objects.filter(memberships__partnership_id=partnership_id, is_active=True)
        .order_by("first_name", "last_name", "username")
    )


def plan_overview(*, plan: BusinessPlan) -> dict:
    """Everything the plan page shows, in a fixed number of queries: priorities with their
    focus, owning sub-groups and BRAG counts; themes with theirs; the plan's totals."""
    as_at = plan_as_at(plan).as_at
    by_priority = brag_summary(plan=plan, as_at=as_at, group_by="priority")
    by_theme = brag_summary(plan=plan, as_at=as_at, group_by="theme")
    priorities = plan.priorities.prefetch_related(
        Prefetch("subgroups", queryset=SubGroup.objects.order_by("short_name"))
    )
    return {
        "plan": plan,
        "as_at": as_at,
        # Every action has one priority or none, so the priority groups add up to the plan.
        "totals": sum(by_priority.values(), BragCounts()),
        "priority_rows": [(p, by_priority.get(p.pk, BragCounts())) for p in priorities],
        "core_counts": by_priority.get(None, BragCounts()),
        "theme_rows": [(t, by_theme.get(t.pk, BragCounts())) for t in plan.themes.all()],
        "subgroups": SubGroup.objects.filter(partnership=plan.partnership_id).prefetch_related(
            Prefetch("priorities", queryset=plan.priorities.all())
        ),
        "brag_meanings": plan.brag_meanings(),
    }


def partnership_people(*, partnership):
    """The partnership's memberships with their people, by name, and the sub-groups of this
    partnership each person leads (as `led_here`)."""
    led = SubGroup.objects.filter(partnership=partnership).order_by("short_name")
    return (
        partnership.memberships.select_related("user")
        .prefetch_related(Prefetch("user__led_subgroups", queryset=led, to_attr="led_here"))
        .order_by("user__first_name", "user__last_name", "user__username")
    )
