"""The Celery app as `celery -A mscp worker` runs it, for the worker tests, with one hook: while
the file named by MSCP_TEST_PAUSE_FILE exists, the worker stops between claiming a reminder
and sending it (and says so by writing that name plus ".reached"), so that the test can kill
it there. Redis gives an unacknowledged task back after two seconds rather than an hour, so
that a restarted worker picks the killed round up at once.

    python -m reports.tests.reminder_worker_app seed    # the test's data, into DATABASE_URL
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


@worker_process_init.connect
def pause_before_sending(**kwargs):
    from reports import reminders

    send = reminders.send_message

    def paused_send(email):
        pause = Path(os.environ["MSCP_TEST_PAUSE_FILE"])
        if pause.exists():
            Path(f"{pause}.reached").write_text(str(os.getpid()))
            time.sleep(300)
        send(email)

    reminders.send_message = paused_send


if __name__ == "__main__" and sys.argv[1:] == ["seed"]:
    import django

    django.setup()
    from reports.tests.test_reminders import reminder_world

    reminder_world()
