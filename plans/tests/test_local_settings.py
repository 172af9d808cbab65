"""The `.env` file `make run` writes for local development, how the settings read it, and that
neither production nor the tests are changed by it."""

import os
import shutil
import stat
import subprocess
import sys

import pytest

from mscp.env_file import env_file_load, env_file_read, env_file_write_development
from plans.tests.servers import ROOT

SHOW_SETTINGS = (
    "from django.conf import settings; "
    "print(settings.DEBUG, settings.SECRET_KEY[:12], settings.DATABASES['default']['NAME'])"
)


def test_make_run_writes_development_settings_once_and_never_overwrites_them(tmp_path):
    path = tmp_path / ".env"
    assert env_file_write_development(path)
    written = path.read_text()
    variables = env_file_read(path)
    assert variables["DEBUG"] == "1"
    assert len(variables["SECRET_KEY"]) >= 50
    assert "DATABASE_URL" not in variables  # SQLite in db.sqlite3, the settings' default
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    # Another checkout gets another key; this one keeps its own, and any edits to it.
    other = tmp_path / "other.env"
    assert env_file_write_development(other)
    assert env_file_read(other)["SECRET_KEY"] != variables["SECRET_KEY"]
    path.write_text(written + "LOG_LEVEL=DEBUG\n")
    assert not env_file_write_development(path)
    assert path.read_text() == written + "LOG_LEVEL=DEBUG\n"


def test_the_file_reads_like_a_shell_file_and_the_environment_wins(tmp_path, monkeypatch):
    path = tmp_path / ".env"
    path.write_text(
        "# a comment\n\nDEBUG=1\nexport LOG_LEVEL=WARNING\nMSCP_SERVICE_NAME='Our Plans'\n"
        'DEFAULT_FROM_EMAIL="plans@example.org"\nnot a setting\n'
    )
    assert env_file_read(path) == {
        "DEBUG": "1",
        "LOG_LEVEL": "WARNING",
        "MSCP_SERVICE_NAME": "Our Plans",
        "DEFAULT_FROM_EMAIL": "plans@example.org",
    }
    for name in ("DEBUG", "LOG_LEVEL", "MSCP_SERVICE_NAME", "DEFAULT_FROM_EMAIL"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("DEBUG", "0")
    env_file_load(path)
    assert os.environ["DEBUG"] == "0"  # set in the environment: kept
    assert os.environ["MSCP_SERVICE_NAME"] == "Our Plans"
    env_file_load(tmp_path / "missing")  # no file: nothing happens
    env_file_load("")


@pytest.fixture
def settings_copy(tmp_path):
    """The settings package alone, in a folder of its own, with a developer's `.env` beside
    it that points at another database."""
    shutil.copytree(ROOT / "mscp", tmp_path / "mscp", ignore=shutil.ignore_patterns("__pycache__"))
    (tmp_path / ".env").write_text(
        "DEBUG=1\nSECRET_KEY=from-the-dotenv-file-000000000000000000000000000000000\n"
        "DATABASE_URL=sqlite:////nowhere/from-dotenv.sqlite3\n"
    )
    return tmp_path


def settings_in(folder, module, **env):
    """DEBUG, the key's start and the database name, as a process started in `folder` with
    only `env` (and PATH) sees them."""
    result = subprocess.run(
        [sys.executable, "-c", SHOW_SETTINGS],
        cwd=folder,
        env={"PATH": os.environ["PATH"], "DJANGO_SETTINGS_MODULE": module, **env},
        capture_output=True,
        text=True,
        timeout=60,
    )
    return result.stdout.split() if result.returncode == 0 else result.stderr


def test_manage_py_reads_the_developers_env_file(settings_copy):
    assert settings_in(settings_copy, "mscp.settings") == ["True", "from-the-dot", "/nowhere/from-dotenv.sqlite3"]
    # A variable set in the environment wins over the file.
    assert settings_in(settings_copy, "mscp.settings", DEBUG="0", ALLOWED_HOSTS="plans.example.org")[0] == "False"


def test_the_tests_never_read_a_developers_env_file(settings_copy):
    debug, key, database = settings_in(settings_copy, "mscp.settings_test")
    assert (debug, database) == ("False", str(settings_copy / "db.sqlite3"))
    assert key != "from-the-dot"
    # CI chooses the database through the environment, and that still counts.
    ci = settings_in(settings_copy, "mscp.settings_test", DATABASE_URL="sqlite:////ci/chosen.sqlite3")
    assert ci[2] == "/ci/chosen.sqlite3"
    # So do the processes the tests start (gunicorn, manage.py): they inherit MSCP_ENV_FILE.
    assert os.environ["MSCP_ENV_FILE"] == ""
    child = settings_in(settings_copy, "mscp.settings", MSCP_ENV_FILE="", DEBUG="1")
    assert child[2] == str(settings_copy / "db.sqlite3")


def test_production_without_a_env_file_still_needs_a_secret_key(settings_copy):
    (settings_copy / ".env").unlink()
    refused = settings_in(settings_copy, "mscp.settings", ALLOWED_HOSTS="plans.example.org")
    assert "Set SECRET_KEY" in refused
