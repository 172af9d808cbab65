"""E-mail in production without a mail server: nothing is sent and nothing of the message is
logged (a password-reset e-mail holds a live link to set the password), and the deployment
check says so until `EMAIL_HOST` or `EMAIL_BACKEND` is set."""

import logging

from django.conf import settings
from django.core import checks
from django.core.mail.backends.base import BaseEmailBackend

logger = logging.getLogger("mscp.mail")

NOT_CONFIGURED = "mscp.mail.NotConfiguredEmailBackend"
# Backends that write whole messages, reset links included, where logs and files are read.
WRITES_MESSAGES = {
    "django.core.mail.backends.console.EmailBackend",
    "django.core.mail.backends.filebased.EmailBackend",
}


class NotConfiguredEmailBackend(BaseEmailBackend):
    """Drops every message, logging only that it was not sent and to whom."""

    def send_messages(self, email_messages):
        for message in email_messages:
            logger.warning(
                "E-mail not sent (no mail server is configured: set EMAIL_HOST): %r to %s",
                message.subject,
                ", ".join(message.recipients()),
            )
        return 0


@checks.register(checks.Tags.security, deploy=True)
def check_mail_server(app_configs, **kwargs):
    if settings.EMAIL_BACKEND == NOT_CONFIGURED:
        return [
            checks.Warning(
                "No mail server is configured, so password-reset e-mails are not sent.",
                hint="Set EMAIL_HOST (and EMAIL_HOST_USER, EMAIL_HOST_PASSWORD) or EMAIL_BACKEND.",
                id="mscp.W001",
            )
        ]
    if settings.EMAIL_BACKEND in WRITES_MESSAGES and not settings.DEBUG:
        return [
            checks.Warning(
                f"EMAIL_BACKEND {settings.EMAIL_BACKEND} writes password-reset links where they can be read.",
                hint="Set EMAIL_HOST for SMTP and leave EMAIL_BACKEND unset.",
                id="mscp.W002",
            )
        ]
    return []
