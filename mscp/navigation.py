"""The main navigation: the sections a signed-in user can go to, and the one they are in."""

from dataclasses import dataclass

from django.urls import reverse
from django.utils.functional import SimpleLazyObject

from plans.selectors import bsu_partnerships, partnerships_with_role

# (label, URL name): the sections every signed-in user has. A page is in a section when it is
# the section's own page; the pages beneath one show where they are in their breadcrumbs.
SECTIONS = [
    ("Plans", "plans:home"),
    ("My actions", "subgroups:my-actions"),
    ("Dashboard", "reports:dashboard"),
    ("Exceptions", "reports:exceptions"),
    ("Meetings", "reports:meeting-list"),
    ("Challenges", "reports:challenge-list"),
    ("Reviews", "reports:review-list"),
    ("Annual reports", "reports:annual-list"),
]


@dataclass(frozen=True)
class NavigationItem:
    label: str
    url: str
    current: bool


def navigation_items(request) -> list[NavigationItem]:
    """The sections, then the directory of each partnership the user belongs to, the people of
    each they manage as BSU (named by partnership when there are several). (A superuser's
    configuration, the admin, is a tool rather than a section: it is in the header.)"""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return []

    def item(label, url):
        return NavigationItem(label, url, current=request.path == url)

    items = [item(label, reverse(name)) for label, name in SECTIONS]
    for label, url_name, partnerships in [
        ("Directory", "plans:directory", partnerships_with_role(user)),
        ("People", "plans:people", bsu_partnerships(user)),
    ]:
        for partnership in partnerships:
            named = f"{label} ({partnership.short_name})" if len(partnerships) > 1 else label
            items.append(item(named, reverse(url_name, args=[partnership.pk])))
    return items


def navigation(request):
    """Context processor: `navigation`, worked out only when a page shows it."""
    return {"navigation": SimpleLazyObject(lambda: navigation_items(request))}
