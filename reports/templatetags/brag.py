from django import template

from plans.models import NOT_RATED_LABEL, Rating

register = template.Library()


@register.filter
def brag_label(rating: str | None) -> str:
    """The word for a rating: "Blue", …, or "Not yet rated" for none."""
    return Rating(rating).label if rating else NOT_RATED_LABEL
