from django import template

from subgroups.brag import count_label

register = template.Library()


@register.filter
def brag_label(rating: str | None) -> str:
    """The words for a rating, or for a closure ("Carried forward", "Not achieved")."""
    return count_label(rating)
