"""Background tasks (Celery: see mscp/celery.py). `celery beat` runs the reminder round on the
hour through the working day; a round sends only what no round has sent, so running it often,
or twice at once, or again after a worker died in the middle of one, sends nothing twice
(reports/reminders.py). The annual report and meeting-pack PDFs are built here too, each into
one file however often its task runs (reports/pdf_builds.py)."""

import datetime

from celery import shared_task

from reports.pdf_builds import pdf_build_run
from reports.reminders import reminder_round


@shared_task(acks_late=True, reject_on_worker_lost=True)
def reminder_round_task(today: str | None = None) -> str:
    """Send the reminders due `today` (an ISO date; by default today)."""
    day = datetime.date.fromisoformat(today) if today else None
    return str(reminder_round(day))


@shared_task(acks_late=True, reject_on_worker_lost=True)
def pdf_build_task(build_id: int) -> str:
    """Build the PDF of one PdfBuild (reports/pdf_builds.py); run again after its worker died,
    it builds the same one file again."""
    return pdf_build_run(build_id)
