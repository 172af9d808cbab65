"""E-mail in production without a mail server: nothing is sent and nothing of the message is
logged (a password-reset e-mail holds a live link to set the password), and the deployment
check says so until `EMAIL_HOST` or `EMAIL_BACKEND` is set."""

import logging

from django.conf import settings
from django.core import checks
from django.core.mail.backends.base import BaseEmailBackend

logger = logging.getLogger("mscp.mail")

NOT_CONFIGURED = "mscp.mail.NotConfiguredEmailBackend"


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
    return []
