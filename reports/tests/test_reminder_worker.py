"""A reminder round through a real Celery worker on the local Redis (database 5, or
MSCP_TEST_REDIS_URL), sending over SMTP to a server in this process: the worker is killed
(SIGKILL, the whole worker) after it has claimed a reminder and before it has sent it; a new
worker takes the round up again, and every reminder arrives once."""

import os
import signal
import sqlite3
import subprocess
import sys
import time

import pytest

from plans.tests.servers import ROOT, migrated_sqlite, production_environment
from reports.tests.smtp import SmtpServer
from reports.tests.test_reminders import TODAY

REDIS_URL = os.environ.get("MSCP_TEST_REDIS_URL", "redis://127.0.0.1:6379/5")
SUBJECTS = {
    "Due soon: PEI 1.1",
    "No recent update: PEI 1.2",
    "Your actions that need attention, week of 3 June 2024",
    "Updates due by 6 June 2024 for the Executive meeting on 13 June 2024",
}


def empty_redis(url: str):
    """The Redis database at `url`, emptied before and after the test (no task or claim left
    from an earlier run): skipped without a Redis, but a failure in CI, which starts one."""
    redis = pytest.importorskip("redis")
    client = redis.Redis.from_url(url)
    try:
        client.ping()
    except redis.exceptions.ConnectionError:
        if os.environ.get("CI"):
            raise  # CI starts Redis (.ci/run): a worker test that cannot run there is a failure
        pytest.skip(f"no Redis at {url}")
    client.flushdb()
    yield url
    client.flushdb()
    client.close()


@pytest.fixture
def redis_broker():
    yield from empty_redis(REDIS_URL)


def _worker(env, app="reports.tests.reminder_worker_app"):
    return subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", app, "worker",
         "--pool=prefork", "--concurrency=1", "--loglevel=INFO", "--without-gossip", "--without-mingle",
         "--without-heartbeat"],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
        start_new_session=True,  # its own process group: the test kills the worker and its pool at once
    )


def _wait(condition, timeout: float, what: str, worker=None):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.1)
    output = ""
    if worker is not None:
        os.killpg(worker.pid, signal.SIGKILL)
        output = worker.communicate(timeout=10)[0]
    raise AssertionError(f"Timed out waiting for {what}.\n{output}")


def _rows(database):
    with sqlite3.connect(database) as db:
        return db.execute("SELECT kind, status, attempts FROM reports_sentreminder ORDER BY id").fetchall()


def test_a_worker_killed_between_claiming_and_sending_leaves_the_round_to_the_next_one(
    redis_broker, tmp_path, tmp_path_factory
):
    from celery import Celery

    database = tmp_path / "db.sqlite3"
    migrated_sqlite(tmp_path_factory, database)
    pause = tmp_path / "pause"
    with SmtpServer() as smtp:
        env = production_environment(
            DATABASE_URL=f"sqlite:///{database}", REDIS_URL=redis_broker, SITE_URL="https://plans.example.org",
            EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend", EMAIL_HOST="127.0.0.1",
            EMAIL_PORT=str(smtp.port), EMAIL_USE_TLS="0", MSCP_REMINDER_LEASE_SECONDS="1",
            MSCP_TEST_PAUSE_FILE=str(pause), LOG_FORMAT="text",
        )
        subprocess.run([sys.executable, "-m", "reports.tests.reminder_worker_app", "seed"], cwd=ROOT, env=env, check=True, timeout=120)
        pause.touch()
        first = _worker(env)
        producer = Celery(broker=redis_broker, set_as_current=False)  # the app of the tests stays eager
        producer.send_task("reports.tasks.reminder_round_task", kwargs={"today": TODAY.isoformat()})
        producer.close()
        _wait(lambda: (tmp_path / "pause.reached").exists(), 90, "the worker to claim a reminder", first)

        os.killpg(first.pid, signal.SIGKILL)  # mid-task: a reminder claimed, not sent
        first.communicate(timeout=30)
        assert _rows(database) == [("due", "pending", 1)] and smtp.inbox.messages == []

        pause.unlink()
        second = _worker(env)
        try:
            arrived = smtp.inbox.wait_for(len(SUBJECTS), timeout=90)
            time.sleep(1)  # long enough for a duplicate to arrive, were one coming
        finally:
            second.send_signal(signal.SIGTERM)
            output = second.communicate(timeout=30)[0]
        assert arrived, output
        subjects = [message["Subject"] for message in smtp.inbox.messages]
        assert sorted(subjects) == sorted(SUBJECTS), output  # each once
        assert _rows(database) == [("due", "sent", 2), *[(kind, "sent", 1) for kind in ("stale", "digest", "meeting")]]
