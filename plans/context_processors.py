"""Template context shared by every page."""

from django.conf import settings
from django.utils.functional import SimpleLazyObject

from plans.models import Partnership


def site(request):
    """The service name, and the partnerships the signed-in user belongs to (for the header;
    looked up only when a template uses them)."""
    user = getattr(request, "user", None)
    return {
        "service_name": settings.MSCP_SERVICE_NAME,
        "user_partnerships": SimpleLazyObject(
            lambda: list(Partnership.objects.visible_to(user)) if user else []
        ),
    }
