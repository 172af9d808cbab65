"""Run a reminder round now, in this process: what `celery beat` schedules every hour."""

import datetime

from django.core.management.base import BaseCommand, CommandError

from reports.reminders import reminder_round


class Command(BaseCommand):
    help = "Send the e-mail reminders due today (each reminder once, however often this is run)."

    def add_arguments(self, parser):
        parser.add_argument("--date", help="Send the reminders due on this date (YYYY-MM-DD) instead of today.")

    def handle(self, *args, date=None, **options):
        try:
            today = datetime.date.fromisoformat(date) if date else None
        except ValueError as error:
            raise CommandError(f"--date must be a date such as 2025-06-30, not {date!r}") from error
        self.stdout.write(str(reminder_round(today)))
