"""The Celery app as `celery -A mscp worker` runs it, for the PDF worker test, with one hook:
while the file named by MSCP_TEST_PAUSE_FILE exists, the worker stops after it has written a
build's PDF to the storage and before it has recorded the build as ready (and says so by
writing that name plus ".reached"), so that the test can kill it there. Redis gives an
unacknowledged task back after two seconds rather than an hour, so that a restarted worker
picks the killed build up at once.

    python -m reports.tests.pdf_worker_app seed       # the test's report, into DATABASE_URL
    python -m reports.tests.pdf_worker_app request    # ask for its PDF; prints the build's id
"""

import os
import sys
import time
from pathlib import Path

from celery.signals import worker_process_init

from mscp.celery import app

app.conf.broker_transport_options = {
    "visibility_timeout": 2,
    "unacked_restore_interval": 1,
    "unacked_restore_throttle": 1,
}
REPORT_YEAR = "2023-24"


@worker_process_init.connect
def pause_after_saving(**kwargs):
    from reports import pdf_builds

    store = pdf_builds.pdf_build_store

    def paused_store(build, filename, pdf):
        name = store(build, filename, pdf)
        pause = Path(os.environ["MSCP_TEST_PAUSE_FILE"])
        if pause.exists():
            Path(f"{pause}.reached").write_text(str(os.getpid()))
            time.sleep(300)
        return name

    pdf_builds.pdf_build_store = paused_store


def seed():
    """A plan with a workplan of one rated action, and a draft annual report with a foreword."""
    import datetime

    from plans.tests.factories import BusinessPlanFactory, PriorityFactory, UserFactory
    from reports.annual import annual_report_start, section_save
    from subgroups.tests.factories import ActionFactory, ActionUpdateFactory, WorkplanFactory

    plan = BusinessPlanFactory()
    priority = PriorityFactory(plan=plan, number=1, title="Early Help")
    action = ActionFactory(workplan=WorkplanFactory(plan=plan, year=REPORT_YEAR), reference="A1", priority=priority)
    ActionUpdateFactory(action=action, rating="green", as_at=datetime.date(2023, 9, 1))
    report = annual_report_start(partnership=plan.partnership, year=REPORT_YEAR)
    section_save(report=report, slug="foreword", text="Built by a worker.", expected_version=0, author=UserFactory())


def request():
    from reports.models import AnnualReport
    from reports.pdf_builds import pdf_build_request

    build = pdf_build_request(report=AnnualReport.objects.get(year=REPORT_YEAR), by=None)
    print(build.pk)


if __name__ == "__main__" and sys.argv[1:] in (["seed"], ["request"]):
    import django

    django.setup()
    {"seed": seed, "request": request}[sys.argv[1]]()
