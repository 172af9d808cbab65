"""Signing in: the lockout page, and a log line for every sign-in, failure, sign-out and
lockout (to stdout with the request id, like every other log line)."""

import logging

from django.conf import settings
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver
from django.shortcuts import render

from axes.signals import user_locked_out

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
