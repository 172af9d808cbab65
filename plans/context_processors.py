"""Template context shared by every page."""

from django.conf import settings
from django.db.models import F
from django.utils.functional import SimpleLazyObject

from plans.models import Membership, Partnership


def site(request):
    """The service name, the partnerships the signed-in user belongs to (for the header) and
    those whose people they manage as BSU (for the navigation): one query, made only when a
    template uses them."""
    user = getattr(request, "user", None)

    def memberships():
        if user is None or not user.is_authenticated:
            return []
        if not hasattr(user, "_partnerships_with_role"):
            user._partnerships_with_role = list(
                Partnership.objects.filter(memberships__user=user).annotate(
                    user_role=F("memberships__role")
                )
            )
        return user._partnerships_with_role

    return {
        "service_name": settings.MSCP_SERVICE_NAME,
        "user_partnerships": SimpleLazyObject(memberships),
        "bsu_partnerships": SimpleLazyObject(
            lambda: [p for p in memberships() if p.user_role == Membership.Role.BSU]
        ),
    }
