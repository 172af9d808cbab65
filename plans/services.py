"""Changes to a partnership's plans and people.

Priorities and themes can be added mid-plan (Medway added one in September 2022), dated so
that reports "as at" earlier dates leave them out. The BSU manages who belongs to the
partnership, and in which role, through the membership functions below.
"""

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max

from plans.models import BusinessPlan, CrossCuttingTheme, Membership, Partnership, Priority


def _check_added_on(plan: BusinessPlan, added_on) -> None:
    if not plan.period_start <= added_on <= plan.period_end:
        raise ValidationError(
            {
                "added_on": (
                    f"The date added must fall within the plan, {plan.period_start:%-d %B %Y} "
                    f"to {plan.period_end:%-d %B %Y}."
                )
            }
        )


@transaction.atomic
def plan_add_priority(*, plan: BusinessPlan, title: str, focus: str, added_on) -> Priority:
    """Add a priority numbered after the plan's last one."""
    _check_added_on(plan, added_on)
    last = plan.priorities.aggregate(last=Max("number"))["last"] or 0
    priority = Priority(plan=plan, number=last + 1, title=title, focus=focus, added_on=added_on)
    priority.full_clean()
    priority.save()
    return priority


@transaction.atomic
def plan_add_theme(*, plan: BusinessPlan, title: str, description: str, added_on) -> CrossCuttingTheme:
    """Add a cross-cutting theme after the plan's existing ones."""
    _check_added_on(plan, added_on)
    last = plan.themes.aggregate(last=Max("position"))["last"] or 0
    theme = CrossCuttingTheme(
        plan=plan, title=title, description=description, added_on=added_on, position=last + 1
    )
    theme.full_clean()
    theme.save()
    return theme


# People: who belongs to a partnership, in which role. The BSU manages its own partnership's
# people here; a partnership always keeps at least one BSU member, so someone can.

NO_BSU_LEFT = (
    "The partnership must keep at least one Business Support Unit member: give someone else "
    "that role first."
)


def _keeps_a_bsu(partnership, *, without: Membership) -> bool:
    """Whether the partnership still has a BSU member other than `without` (rows locked,
    so two BSU members cannot remove each other at the same moment)."""
    others = Membership.objects.select_for_update().filter(
        partnership=partnership, role=Membership.Role.BSU
    )
    return others.exclude(pk=without.pk).exists()


def _attributed(instance, by):
    """Record `by` as the author of the change in the history (as the request middleware does
    for pages), whoever calls the service."""
    instance._history_user = by
    return instance


@transaction.atomic
def membership_add(
    *, partnership: Partnership, username: str, first_name: str, last_name: str, email: str,
    role: str, by,
) -> tuple[Membership, bool]:
    """Give a person `role` in the partnership; returns the membership and whether a new
    account was made.

    A new username makes a new account with no password (the person sets one from the link
    they are sent). An existing username is added only when `email` is that account's own
    address, so a BSU cannot pull a stranger's account in by guessing a username; the
    account's name and email are left as they are. Refuses, by field, someone who is
    already a member.
    """
    User = get_user_model()
    user = User.objects.filter(username__iexact=username).first()
    created = user is None
    if created:
        user = User(username=username, first_name=first_name, last_name=last_name, email=email)
        user.set_unusable_password()
        user.full_clean()
        try:
            with transaction.atomic():
                user.save()
        except IntegrityError as error:  # someone took the username a moment ago
            raise ValidationError({"username": f"The username {username} is taken."}) from error
    elif not user.email or user.email.lower() != email.lower() or not user.is_active:
        raise ValidationError(
            {
                "username": (
                    f"The username {username} is taken. Choose another for a new account, or, "
                    "to add that person's existing account, give the email address it uses."
                )
            }
        )
    elif Membership.objects.filter(partnership=partnership, user=user).exists():
        raise ValidationError({"username": f"{username} is already a member of {partnership}."})
    membership = _attributed(Membership(partnership=partnership, user=user, role=role), by)
    membership.full_clean()
    membership.save()
    return membership, created


@transaction.atomic
def membership_change_role(*, membership: Membership, role: str, by) -> Membership:
    """Give the member another role, unless that would leave the partnership without a BSU."""
    if role not in Membership.Role.values:
        raise ValidationError({"role": "Choose a role."})
    if (
        membership.role == Membership.Role.BSU
        and role != Membership.Role.BSU
        and not _keeps_a_bsu(membership.partnership_id, without=membership)
    ):
        raise ValidationError({"role": NO_BSU_LEFT})
    membership.role = role
    _attributed(membership, by).save(update_fields=["role"])
    return membership


@transaction.atomic
def membership_remove(*, membership: Membership, by) -> None:
    """Take the person out of the partnership: they no longer see it, and no longer lead its
    sub-groups. Their account, and everything they wrote, stays. Refused when they are the
    partnership's last BSU member."""
    if membership.role == Membership.Role.BSU and not _keeps_a_bsu(
        membership.partnership_id, without=membership
    ):
        raise ValidationError(NO_BSU_LEFT)
    user = membership.user
    user.led_subgroups.remove(*user.led_subgroups.filter(partnership=membership.partnership_id))
    _attributed(membership, by).delete()
