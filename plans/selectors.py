"""Reads for the plan pages."""

from django.contrib.auth import get_user_model
from django.db.models import Count, F, Prefetch, Q
from django.db.models.functions import Lower
from django.utils import timezone

from plans.models import BusinessPlan, Membership, Partnership, Person


def partnerships_with_role(user) -> list:
    """The partnerships the user belongs to, each with the user's role there (`user_role`):
    one query per request, kept on the user for the header, the navigation and the pages."""
    if user is None or not user.is_authenticated:
        return []
    if not hasattr(user, "_partnerships_with_role"):
        user._partnerships_with_role = list(
            Partnership.objects.filter(memberships__user=user)
            .annotate(user_role=F("memberships__role"))
            .order_by("name")
        )
    return user._partnerships_with_role


def bsu_partnerships(user) -> list:
    """The partnerships whose people and workplans the user manages as Business Support."""
    return [partnership for partnership in partnerships_with_role(user) if partnership.user_role == Membership.Role.BSU]


def partnership_members(partnership_id: int):
    """Active users who belong to the partnership, by name: the people an action can be led
    by or an update reported by."""
    return (
        get_user_model()
        .objects.filter(memberships__partnership_id=partnership_id, is_active=True)
        .order_by("first_name", "last_name", "username")
    )


def partnership_directory_choices(partnership_id: int):
    """The partnership's directory by name: the people an action can be led by or an update
    reported by."""
    return Person.objects.filter(partnership_id=partnership_id).order_by(Lower("name"), "pk")


def partnership_people(*, partnership):
    """The partnership's memberships with their people, by name, and the sub-groups of this
    partnership each person leads (as `led_here`)."""
    # Through the partnership's reverse relation: the sub-groups' app sits above this one.
    led = partnership.subgroups.order_by("short_name")
    return (
        partnership.memberships.select_related("user")
        .prefetch_related(Prefetch("user__led_subgroups", queryset=led, to_attr="led_here"))
        .order_by("user__first_name", "user__last_name", "user__username")
    )


def current_plans(plans) -> list:
    """Of `plans`, the ones a partnership works to now: each partnership's active plans, or,
    where none is active, its latest-ended one (its work stays in view, and reportable, until
    the next plan starts). Upcoming plans are not current yet."""
    today = timezone.localdate()
    by_partnership: dict[int, list] = {}
    for plan in plans:
        by_partnership.setdefault(plan.partnership_id, []).append(plan)
    current = []
    for partnership_plans in by_partnership.values():
        active = [plan for plan in partnership_plans if plan.status_on(today) == BusinessPlan.Status.ACTIVE]
        ended = [plan for plan in partnership_plans if plan.status_on(today) == BusinessPlan.Status.ENDED]
        current += active or sorted(ended, key=lambda plan: plan.period_end)[-1:]
    return sorted(current, key=lambda plan: (plan.partnership.name, -plan.period_start.toordinal()))


def partnership_directory(*, partnership):
    """The partnership's directory by name, each person with their account and
    `actions_led` (how many actions they lead, not counting retired ones): one query."""
    return (
        Person.objects.filter(partnership=partnership)
        .select_related("user")
        .annotate(
            actions_led=Count("led_actions", filter=Q(led_actions__is_retired=False), distinct=True)
        )
        .order_by(Lower("name"), "pk")
    )


def partnership_logo(partnership) -> tuple[bytes, str] | None:
    """The partnership's logo as it is stored, and its content type; None without one (or
    when its file has gone from storage)."""
    from plans.services import LOGO_CONTENT_TYPES

    if not partnership.logo:
        return None
    extension = partnership.logo.name.rsplit(".", 1)[-1].lower()
    try:
        with partnership.logo.open("rb") as stored:
            return stored.read(), LOGO_CONTENT_TYPES.get(extension, "application/octet-stream")
    except FileNotFoundError:
        return None
