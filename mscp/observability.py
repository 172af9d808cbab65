"""Request ids, the logs that carry them, the error page that shows them, and the health check.

Each request gets an id: the one a load balancer sent in X-Request-ID when it looks like one,
otherwise a new one. Every log line written while the request is handled carries it, the
response returns it in X-Request-ID, and the error page shows it so that a user's report can
be matched to the log.
"""

import contextvars
import logging
import re
import uuid

from django.contrib.auth.decorators import login_not_required
from django.db import DatabaseError, connection
from django.http import HttpResponseServerError, JsonResponse
from django.template import loader
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

REQUEST_ID_HEADER = "X-Request-ID"
_VALID_REQUEST_ID = re.compile(r"^[A-Za-z0-9._-]{8,64}$")
current_request_id = contextvars.ContextVar("request_id", default="-")

logger = logging.getLogger("mscp.request")


class RequestIdMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        offered = request.headers.get(REQUEST_ID_HEADER, "")
        request.id = offered if _VALID_REQUEST_ID.match(offered) else uuid.uuid4().hex
        token = current_request_id.set(request.id)
        try:
            response = self.get_response(request)
            response[REQUEST_ID_HEADER] = request.id
            return response
        finally:
            current_request_id.reset(token)


class RequestIdFilter(logging.Filter):
    """Adds `request_id` to every log record (a dash outside a request)."""

    def filter(self, record):
        record.request_id = getattr(record, "request_id", None) or current_request_id.get()
        return True


def server_error(request):
    """The 500 page, with the request id to quote. Rendered without the usual context
    processors, which may be what failed."""
    template = loader.get_template("500.html")
    return HttpResponseServerError(
        template.render({"request_id": getattr(request, "id", ""), "request": request})
    )


@login_not_required
@never_cache
@require_GET
def healthz(request):
    """For load balancers and monitoring: 200 when the database answers, 503 when not."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        logger.exception("Health check: the database did not answer")
        return JsonResponse({"status": "unavailable", "database": "unavailable"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})
