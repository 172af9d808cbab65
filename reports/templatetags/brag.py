from django import template

from subgroups.brag import COUNT_ORDER, count_label

register = template.Library()


@register.filter
def brag_label(rating: str | None) -> str:
    """The words for a rating, or for a closure ("Carried forward", "Not achieved")."""
    return count_label(rating)


@register.simple_tag
def count_categories() -> list:
    """Every category a BragCounts row is split into, in the order of its `rows`: the ratings
    (None: not yet rated), then the closures. Column headers loop over it."""
    return list(COUNT_ORDER)
