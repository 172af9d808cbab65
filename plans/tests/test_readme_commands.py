"""The README's commands, run as written in a copy of the checkout as `make run` leaves it: its
`.env` (written by the Makefile's own rule), a migrated SQLite database holding the demo, and
nothing else in the environment.

Every command in the README (its `sh` blocks, indented code blocks and inline code that starts
with a program) is either run here, with what it must print or write, or listed in SKIPPED
with the reason. A command added to the README without either fails the test.
"""

import json
import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from plans.tests.servers import ROOT
from subgroups.tests.spreadsheets import STANDARD_HEADER, xlsx_bytes

PROGRAMS = (".venv/bin/", "python ", "python3 ", "make ", "createdb ", "pg_dump ", "pg_restore ", "export ", "source ")


@dataclass(frozen=True)
class Expect:
    """What a command must do: its exit status, text in its output, a file it writes."""

    succeeds: bool = True
    says: str = ""
    writes: str = ""
    starting: bytes = b""


RUN = {
    ".venv/bin/python manage.py check": Expect(says="System check identified no issues"),
    ".venv/bin/python manage.py migrate": Expect(says="No migrations to apply"),
    ".venv/bin/python manage.py load_demo": Expect(says="Demo already loaded: nothing to create."),
    ".venv/bin/python manage.py load_demo --reset": Expect(says="Demo reset: 2 partnerships"),
    ".venv/bin/python manage.py annual_report --partnership merton --year 2023-24 --output report.pdf":
        Expect(writes="report.pdf", starting=b"%PDF"),
    ".venv/bin/python manage.py annual_report --partnership merton --year 2023-24 --output report.html --format html":
        Expect(writes="report.html", starting=b"<!DOCTYPE html>"),
    ".venv/bin/python manage.py import_workplan qapr-2024-25.xlsx --partnership merton --subgroup QAPR --year 2024-25 --dry-run":
        Expect(says="Dry run, nothing written."),
    ".venv/bin/python manage.py import_workplan qapr-2024-25.xlsx --partnership merton --subgroup QAPR --year 2024-25 --as-at 2025-03-31":
        Expect(says="Imported: QAPR workplan 2024-25: 2 created"),
    ".venv/bin/python manage.py import_workplan actions-only.csv --partnership merton --subgroup QAPR --year 2024-25 --without-ratings --without-themes":
        Expect(says="Imported: QAPR workplan 2024-25: 1 created"),
    # Merton's plan has ended: a round today sends nothing; on a day it ran, the demo's reminders.
    ".venv/bin/python manage.py send_reminders": Expect(says="0 message(s) sent"),
    ".venv/bin/python manage.py send_reminders --date 2024-06-24": Expect(says="10 message(s) sent"),
    ".venv/bin/python manage.py export_partnership merton --output merton.json": Expect(writes="merton.json", starting=b"{"),
    # "loads it into another installation ... refusing to overwrite anything already there":
    # into the installation it came from, it refuses, as the README says.
    ".venv/bin/python manage.py import_partnership merton.json":
        Expect(succeeds=False, says='The partnership "merton" is already here.'),
}

# Matched by the start of the command.
SKIPPED = {
    "make run": "starts a server (and may install packages); this test sets the checkout up as it does",
    "make test": "runs the whole suite, which this test is part of",
    "make migrate": "production: `make serve`'s companion, run with production settings",
    "make serve": "production: needs a SECRET_KEY, ALLOWED_HOSTS and PostgreSQL, and starts gunicorn",
    "make worker": "production: needs Redis and runs until stopped",
    "make scheduler": "production: needs Redis and runs until stopped",
    "make frontend": "rebuilds the vendored GOV.UK Frontend from the npm registry",
    "python3 -m venv": "what `make run` does to create .venv, which this test links to",
    "source .venv/bin/activate": "changes an interactive shell; the commands here use .venv/bin/python",
    "export DEBUG=0": "production settings with PostgreSQL (the Deployment section)",
    "export DATABASE_URL=postgres": "needs a PostgreSQL server",
    "export MSCP_S3_": "needs an S3 bucket: subgroups/tests/test_s3_storage.py runs the storage against moto's",
    ".venv/bin/moto_server": "starts a server that runs until stopped",
    "createdb": "needs a PostgreSQL server",
    "pg_dump": "needs a PostgreSQL server",
    "pg_restore": "needs a PostgreSQL server",
    ".venv/bin/python manage.py runserver": "starts a server that runs until stopped",
    ".venv/bin/python manage.py createsuperuser": "asks for a username and password at prompts",
    ".venv/bin/python -m pytest": "the browser tests are part of `make test`",
    ".venv/bin/python bench/pages.py": "a benchmark: loads 100 partnerships and takes minutes",
    ".venv/bin/python bench/annual_report.py": "a benchmark that takes minutes",
    ".venv/bin/python bench/load.py": "a load test against PostgreSQL that takes minutes",
    ".venv/bin/python bench/profile_load.py": "a profile: loads 100 partnerships and replays 1,500 requests",
    ".venv/bin/python bench/import_workplan.py": "a benchmark: imports 5,000 rows twice and takes a minute",
    ".venv/bin/python bench/hostile_inputs.py": "a benchmark: its figures are timings, which the tests never assert",
    ".venv/bin/python -m plans.brag_palette": (
        "rewrites a shipped stylesheet; test_brag_palette checks it already equals this output"
    ),
}

# The spreadsheet the import example names; the README takes it that the reader has one.
QAPR_WORKPLAN = [
    ["QAPR workplan 2024-25"],
    STANDARD_HEADER,
    ["Leaders see the data", "Refresh the dashboard", "Think Family", "Head of QA", "March 2025", "Green - on track"],
    ["Practice improves", "Run the audit programme", "", "BSU", "Quarterly", ""],
]


# A list of actions with neither a BRAG rating nor a themes column.
ACTIONS_ONLY = "Impact,Action,Lead,Timeframe\nFamilies are heard,Run a listening event with families,BSU,June 2025\n"


def _shell_lines(block: str) -> list[str]:
    """The commands in an sh block: comments dropped, continued lines joined."""
    joined = re.sub(r"\\\n\s*", "", block)
    lines = (re.sub(r"(^|\s)#.*$", "", line).strip() for line in joined.splitlines())
    return [line for line in lines if line]


def readme_commands() -> list[str]:
    """Every command the README gives, in the order it gives them, each once."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    fenced = re.compile(r"^[ \t]*```(\w*)\n(.*?)^[ \t]*```", re.M | re.S)
    commands = []
    for language, body in fenced.findall(text):
        if language == "sh":
            commands += [(text.find(body), line) for line in _shell_lines(body)]
    prose = fenced.sub(lambda match: " " * len(match.group(0)), text)  # keeps the positions
    for block in re.finditer(r"(?:^ {4}.*\n)+", prose, re.M):
        commands += [
            (block.start(), line.strip()) for line in block.group(0).splitlines() if line.strip().startswith(PROGRAMS)
        ]
    for span in re.finditer(r"`([^`]+)`", prose):
        command = " ".join(span.group(1).split())
        if command.startswith(PROGRAMS):
            commands.append((span.start(), command))
    return list(dict.fromkeys(command for _, command in sorted(commands, key=lambda item: item[0])))


def skip_reason(command: str) -> str | None:
    return next((reason for start, reason in SKIPPED.items() if command.startswith(start)), None)


def a_fresh_terminal() -> dict:
    """The environment of a new terminal: no Django settings, no test settings."""
    keep = ("PATH", "HOME", "LANG", "LC_ALL", "TMPDIR", "USER")
    return {name: os.environ[name] for name in keep if name in os.environ} | {"LANG": "C.UTF-8"}


def sh(command: str, checkout: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        command, shell=True, cwd=checkout, env=a_fresh_terminal(), capture_output=True, text=True, timeout=120
    )


@pytest.fixture(scope="module")
def checkout(tmp_path_factory):
    """A copy of the checkout with .venv, after `make run`'s steps up to serving."""
    checkout = tmp_path_factory.mktemp("readme") / "checkout"
    shutil.copytree(
        ROOT,
        checkout,
        symlinks=True,
        ignore=shutil.ignore_patterns(
            ".git", ".venv", ".env", "*.sqlite3", "media", "staticfiles", "test-artifacts", "node_modules",
            "__pycache__",
        ),
    )
    venv = Path(sys.prefix)
    if venv == Path(sys.base_prefix):  # not in a virtualenv: the same Python, under the same name
        (checkout / ".venv" / "bin").mkdir(parents=True)
        (checkout / ".venv" / "bin" / "python").symlink_to(sys.executable)
    else:
        (checkout / ".venv").symlink_to(venv)
    for step in ("make .env", ".venv/bin/python manage.py migrate --noinput", ".venv/bin/python manage.py load_demo"):
        result = sh(step, checkout)
        assert result.returncode == 0, f"{step}:\n{result.stdout}\n{result.stderr}"
    (checkout / "qapr-2024-25.xlsx").write_bytes(xlsx_bytes(QAPR_WORKPLAN))
    (checkout / "actions-only.csv").write_text(ACTIONS_ONLY, encoding="utf-8")
    return checkout


def test_every_readme_command_is_run_here_or_skipped_for_a_stated_reason():
    commands = readme_commands()
    unaccounted = [command for command in commands if command not in RUN and not skip_reason(command)]
    assert not unaccounted, "README commands neither run nor skipped (add them to RUN or SKIPPED):\n" + "\n".join(unaccounted)
    stale = [command for command in RUN if command not in commands]
    assert not stale, "RUN lists commands the README no longer gives:\n" + "\n".join(stale)


def test_readme_commands_use_the_virtualenvs_python():
    bare = [command for command in readme_commands() if re.match(r"python3? (manage\.py|bench/|-m pytest)", command)]
    assert not bare, f"Outside the virtualenv Django is not there: write .venv/bin/python for {bare}"


def test_the_readme_commands_work_as_written_after_make_run(checkout):
    env_file = (checkout / ".env").read_text()
    assert "DEBUG=1" in env_file and "SECRET_KEY=" in env_file
    for command in [command for command in readme_commands() if command in RUN]:
        expect = RUN[command]
        result = sh(command, checkout)
        output = result.stdout + result.stderr
        assert (result.returncode == 0) == expect.succeeds, f"{command}\nexit {result.returncode}:\n{output}"
        assert expect.says in output, f"{command}:\n{output}"
        if expect.writes:
            written = checkout / expect.writes
            assert written.read_bytes().startswith(expect.starting), command
    exported = json.loads((checkout / "merton.json").read_text())
    assert exported["partnership"] == "merton"
