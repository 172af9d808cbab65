"""Changes to a live plan: priorities and themes can be added mid-plan (Medway added one in
September 2022), dated so that reports "as at" earlier dates leave them out."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max

from plans.models import BusinessPlan, CrossCuttingTheme, Priority


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
