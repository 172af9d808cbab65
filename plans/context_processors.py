"""Template context shared by every page."""

from django.conf import settings
from django.utils.functional import SimpleLazyObject

from plans.selectors import partnerships_with_role


def site(request):
    """The service name and the partnerships the signed-in user belongs to (for the header):
    one query, made only when a template uses them. (The navigation is mscp/navigation.py.)"""
    user = getattr(request, "user", None)
    return {
        "service_name": settings.MSCP_SERVICE_NAME,
        "user_partnerships": SimpleLazyObject(lambda: partnerships_with_role(user)),
    }
