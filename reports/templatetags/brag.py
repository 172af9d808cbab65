from django import template

from plans.models import rating_label

register = template.Library()


@register.filter
def brag_label(rating: str | None) -> str:
    return rating_label(rating)
