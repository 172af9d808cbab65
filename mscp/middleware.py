"""What every request and response goes through at the edge of the app: a cap on request
bodies, read from the headers before any of the body is, and no caching of what a signed-in
user sees."""

import logging
import time

from django.conf import settings
from django.http import HttpResponse
from django.template import loader
from django.utils.cache import add_never_cache_headers

logger = logging.getLogger("mscp.request")


def _refusal(status: int, content: str, content_type: str = "text/plain; charset=utf-8") -> HttpResponse:
    # No "Connection: close" (WSGI forbids an app to set it): gunicorn's sync workers close
    # every connection after one response anyway, so the unread body is never read.
    return HttpResponse(content, status=status, content_type=content_type)


class RequestBodyLimitMiddleware:
    """Refuses a request whose declared body is larger than MSCP_MAX_REQUEST_BYTES (413), or
    that sends a body without saying how large (411), before anything reads it. Once the user
    is known (process_view runs before any view, CSRF check included, reads the body), a
    request from someone not signed in is held to MSCP_MAX_ANONYMOUS_REQUEST_BYTES."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if "chunked" in request.META.get("HTTP_TRANSFER_ENCODING", "").lower():
            logger.warning("Request refused: a body without a Content-Length")
            return _refusal(411, "Send the request with a Content-Length.\n")
        if self._declared_length(request) > settings.MSCP_MAX_REQUEST_BYTES:
            return self._too_large(request, settings.MSCP_MAX_REQUEST_BYTES)
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        user = getattr(request, "user", None)
        signed_in = user is not None and user.is_authenticated
        if not signed_in and self._declared_length(request) > settings.MSCP_MAX_ANONYMOUS_REQUEST_BYTES:
            return self._too_large(request, settings.MSCP_MAX_ANONYMOUS_REQUEST_BYTES)
        return None

    @staticmethod
    def _declared_length(request) -> int:
        declared = request.META.get("CONTENT_LENGTH", "").strip()
        if not declared:
            return 0
        # A length that is not a plain number cannot be believed: treat it as too large.
        return int(declared) if declared.isascii() and declared.isdigit() else 2**63

    @staticmethod
    def _too_large(request, limit: int) -> HttpResponse:
        logger.warning(
            "Request refused: body of %s bytes, over the limit of %s",
            request.META.get("CONTENT_LENGTH", ""), limit,
        )
        # Rendered like the error page: the request may not have reached the session or user.
        page = loader.get_template("413.html").render(
            {
                "request_id": getattr(request, "id", ""),
                "request": request,
                "import_limit_mb": f"{settings.MSCP_IMPORT_MAX_BYTES / (1024 * 1024):g}",
            }
        )
        return _refusal(413, page, "text/html; charset=utf-8")


class NoStoreWhenSignedInMiddleware:
    """Every response to a signed-in user, pages and downloads alike, is marked for no cache to
    keep (Cache-Control: no-store, private): they hold a partnership's data. Static files are
    answered before this (whitenoise) and keep their long cache."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            add_never_cache_headers(response)
        return response


# When a signed-in user's session was last renewed (seconds since the epoch), in the session.
SESSION_RENEWED_AT = "_renewed_at"


class SessionRenewalMiddleware:
    """A signed-in user's session is renewed (saved with a new expiry SESSION_COOKIE_AGE ahead)
    at most once every SESSION_RENEW_INTERVAL seconds, rather than on every request as
    SESSION_SAVE_EVERY_REQUEST would: one write every few minutes instead of one per page, and
    the session still ends after the idle time, give or take that interval."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        session = getattr(request, "session", None)
        if session is None or user is None or not user.is_authenticated:
            return response
        now = int(time.time())
        if session.modified or now - session.get(SESSION_RENEWED_AT, 0) >= settings.SESSION_RENEW_INTERVAL:
            session[SESSION_RENEWED_AT] = now  # marks it modified: SessionMiddleware saves it
        return response
