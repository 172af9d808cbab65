"""Reads for the plan pages."""

from django.contrib.auth import get_user_model
from django.db.models import Prefetch


def partnership_members(partnership_id: int):
    """Active users who belong to the partnership, by name: the people an action can be led
    by or an update reported by."""
    return (
        get_user_model()
        .objects.filter(memberships__partnership_id=partnership_id, is_active=True)
        .order_by("first_name", "last_name", "username")
    )


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
