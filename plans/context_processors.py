"""Template context shared by every page."""

from django.conf import settings
from django.utils.functional import SimpleLazyObject

from plans.selectors import bsu_partnerships, partnerships_with_role


def site(request):
    """The service name, the partnerships the signed-in user belongs to (for the header) and
    those whose people they manage as BSU: one query, made only when a template uses them."""
    user = getattr(request, "user", None)
    return {
        "service_name": settings.MSCP_SERVICE_NAME,
        "user_partnerships": SimpleLazyObject(lambda: partnerships_with_role(user)),
        "bsu_partnerships": SimpleLazyObject(lambda: bsu_partnerships(user)),
    }
