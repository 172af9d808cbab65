"""Template context shared by every page."""

from django.conf import settings


def site(request):
    return {"service_name": settings.MSCP_SERVICE_NAME}
