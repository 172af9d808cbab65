"""Signing in: the lockout page, a log line for every sign-in, failure, sign-out and lockout
(to stdout with the request id, like every other log line), the password-reset throttle, and
the email that lets a new member choose their password."""

import hashlib
import logging

from django.conf import settings
from django.contrib.auth import views as auth_views
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.contrib.auth.tokens import default_token_generator
from django.core.cache import cache
from django.core.mail import send_mail
from django.dispatch import receiver
from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from axes.helpers import get_client_ip_address
from axes.signals import user_locked_out

from plans.models import display_name

logger = logging.getLogger("mscp.auth")


def locked_out(request, original_response=None, credentials=None):
    """django-axes's response once an account or address is locked out: a page that says what
    happened and for how long (HTTP 429)."""
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    return render(
        request, "registration/locked_out.html", {"cooloff_minutes": minutes}, status=429
    )


def _client(request) -> str:
    return getattr(request, "axes_ip_address", None) or request.META.get("REMOTE_ADDR", "") if request else ""


@receiver(user_logged_in)
def log_sign_in(sender, request, user, **kwargs):
    logger.info("Signed in: %s from %s", user.get_username(), _client(request))


@receiver(user_logged_out)
def log_sign_out(sender, request, user, **kwargs):
    logger.info("Signed out: %s", user.get_username() if user else "(session expired)")


@receiver(user_login_failed)
def log_failure(sender, credentials, request=None, **kwargs):
    # Django has already masked the password in `credentials`.
    logger.warning("Sign-in failed: %s from %s", credentials.get("username", ""), _client(request))


@receiver(user_locked_out)
def log_lockout(sender, request, username, ip_address, **kwargs):
    logger.warning("Sign-in locked out: %s from %s", username, ip_address)


def send_set_password_link(*, user, partnership, added_by, request) -> None:
    """Email a new member the one-use link to choose their password (Django's password reset
    token: it stops working once a password is set, or after PASSWORD_RESET_TIMEOUT)."""
    context = {
        "user": user,
        "partnership": partnership,
        "added_by": display_name(added_by),
        "service_name": settings.MSCP_SERVICE_NAME,
        "timeout_days": settings.PASSWORD_RESET_TIMEOUT // 86400,
        "uid": urlsafe_base64_encode(force_bytes(user.pk)),
        "token": default_token_generator.make_token(user),
        "protocol": "https" if request.is_secure() else "http",
        "domain": request.get_host(),
    }
    subject = render_to_string("registration/account_created_subject.txt", context).strip()
    body = render_to_string("registration/account_created_email.txt", context)
    send_mail(subject, body, None, [user.email])
    logger.info("Set-password link sent: %s by %s", user.get_username(), added_by.get_username())


RESET_PERIOD_SECONDS = 60 * 60


def _count_within(key: str, limit: int) -> bool:
    """Counts one more request against `key` in the current hour; False once past `limit`."""
    cache.add(key, 0, RESET_PERIOD_SECONDS)
    try:
        count = cache.incr(key)
    except ValueError:  # the hour ran out between the two calls
        cache.set(key, 1, RESET_PERIOD_SECONDS)
        count = 1
    return count <= limit


def password_reset_allowed(request, email: str) -> bool:
    """Whether a password-reset e-mail may go to `email` now: at most
    MSCP_PASSWORD_RESETS_PER_ADDRESS an hour to one address, and
    MSCP_PASSWORD_RESETS_PER_CLIENT requests an hour from one client address, whether or not
    the address has an account. Both counts go up on every request."""
    client = get_client_ip_address(request) or "unknown"
    address = hashlib.sha256(email.strip().lower().encode()).hexdigest()
    client_ok = _count_within(f"password-reset:client:{client}", settings.MSCP_PASSWORD_RESETS_PER_CLIENT)
    address_ok = _count_within(f"password-reset:address:{address}", settings.MSCP_PASSWORD_RESETS_PER_ADDRESS)
    if not (client_ok and address_ok):
        logger.warning(
            "Password reset not sent: too many requests %s from %s",
            "from this client" if not client_ok else "for one address",
            client,
        )
    return client_ok and address_ok


class PasswordResetView(auth_views.PasswordResetView):
    """Django's password reset, throttled: past a limit nothing is sent, and the page answers
    exactly as it does otherwise, so it never tells whether an address has an account or has
    been asked for too often."""

    def form_valid(self, form):
        if password_reset_allowed(self.request, form.cleaned_data["email"]):
            return super().form_valid(form)
        return HttpResponseRedirect(self.get_success_url())
