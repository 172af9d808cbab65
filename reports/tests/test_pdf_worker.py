"""An annual report PDF built by a real Celery worker on the local Redis (database 6, or
MSCP_TEST_PDF_REDIS_URL): the worker is killed (SIGKILL, the whole worker) after it has written
the PDF to the storage and before it has recorded the build as ready; a new worker takes the
build up again, and the build ends ready with one file, a PDF, in the storage."""

import os
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from pypdf import PdfReader

from plans.tests.servers import ROOT, migrated_sqlite, production_environment
from reports.tests.test_reminder_worker import _wait, _worker, empty_redis

REDIS_URL = os.environ.get("MSCP_TEST_PDF_REDIS_URL", "redis://127.0.0.1:6379/6")
APP = "reports.tests.pdf_worker_app"


@pytest.fixture
def redis_broker():
    yield from empty_redis(REDIS_URL)


def _build(database, build_id):
    with sqlite3.connect(database) as db:
        return db.execute(
            "SELECT status, stage, attempts, file FROM reports_pdfbuild WHERE id = ?", (build_id,)
        ).fetchone()


def test_a_worker_killed_mid_build_leaves_the_build_to_the_next_one_and_one_file(
    redis_broker, tmp_path, tmp_path_factory
):
    database = tmp_path / "db.sqlite3"
    migrated_sqlite(tmp_path_factory, database)
    media, pause = tmp_path / "media", tmp_path / "pause"
    env = production_environment(
        DATABASE_URL=f"sqlite:///{database}", REDIS_URL=redis_broker, MSCP_MEDIA_ROOT=str(media),
        MSCP_TEST_PAUSE_FILE=str(pause), LOG_FORMAT="text",
    )
    subprocess.run([sys.executable, "-m", APP, "seed"], cwd=ROOT, env=env, check=True, timeout=120)
    pause.touch()
    first = _worker(env, APP)
    # Asked for as the page asks: the build is recorded and its task sent to Redis on commit.
    asked = subprocess.run(
        [sys.executable, "-m", APP, "request"], cwd=ROOT, env=env, check=True, timeout=120, capture_output=True, text=True
    )
    build_id = int(asked.stdout.split()[-1])
    folder = media / "pdf-builds" / str(build_id)
    _wait(lambda: (tmp_path / "pause.reached").exists(), 120, "the worker to save the PDF", first)

    os.killpg(first.pid, signal.SIGKILL)  # mid-task: the file written, the build not yet ready
    first.communicate(timeout=30)
    assert _build(database, build_id) == ("building", "saving", 1, "")
    assert len(list(folder.iterdir())) == 1

    pause.unlink()
    second = _worker(env, APP)
    try:
        _wait(lambda: _build(database, build_id)[0] == "ready", 120, "the next worker to finish the build", second)
    finally:
        second.send_signal(signal.SIGTERM)
        output = second.communicate(timeout=30)[0]
    status, stage, attempts, name = _build(database, build_id)
    assert (status, stage, attempts) == ("ready", "done", 2), output
    files = list(folder.iterdir())
    assert files == [media / name], output  # one file: the second run replaced the first's
    reader = PdfReader(files[0])
    assert reader.metadata.title.endswith("Annual Report 2023-24 (draft)")
    assert "Annual Report 2023-24" in reader.pages[0].extract_text()
    assert Path(name).name.endswith("-annual-report-2023-24-draft.pdf")
