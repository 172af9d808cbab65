"""Template components that many pages share (STYLE.md habit 13)."""

from django import template
from django.urls import reverse

register = template.Library()


def _link(target) -> str:
    """A breadcrumb's address: an object's own page, a URL name's page, or the address itself."""
    if hasattr(target, "get_absolute_url"):
        return target.get_absolute_url()
    if ":" in target and not target.startswith(("/", "?")):
        return reverse(target)
    return target


@register.inclusion_tag("includes/breadcrumbs.html")
def breadcrumbs(*trail, current):
    """GOV.UK breadcrumbs: pairs of label and link (an object with a page, a URL name or an
    address), then the current page's label. A pair whose link is empty is left out (a trail
    step that does not exist for this page)."""
    pairs = zip(trail[::2], trail[1::2], strict=True)
    return {"links": [(label, _link(target)) for label, target in pairs if target], "current": current}
