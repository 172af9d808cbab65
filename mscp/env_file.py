"""The checkout's `.env` file: read by the settings, written by `make run` for local development.

The file holds `NAME=value` lines; blank lines and lines starting with `#` are skipped, and a
value may be quoted. A variable already set in the environment wins over the file, so
production (which sets its variables in the service's environment) and CI are never changed
by a developer's file. Only the standard library is used: `make run` writes the file before
anything else runs.

    python -m mscp.env_file .env    # write local development settings, unless .env exists
"""

import os
import secrets
import sys
from pathlib import Path

DEVELOPMENT_SETTINGS = """\
# Local development settings, written by `make run` because this checkout had no .env.
# manage.py reads this file; a variable set in the environment wins over it. It is
# git-ignored: never commit it, and never use these settings in production (.env.example
# lists those). Delete it and `make run` writes a new one.
DEBUG=1
SECRET_KEY={secret_key}
# The database is SQLite, in db.sqlite3 beside manage.py, unless DATABASE_URL says otherwise:
# DATABASE_URL=postgres://USER@127.0.0.1:5432/mscp
"""


def env_file_read(path: str | os.PathLike) -> dict[str, str]:
    """The variables set in the file at `path`, in order."""
    variables = {}
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if not line or line.startswith("#") or "=" not in line:
            continue
        name, value = line.split("=", 1)
        name, value = name.removeprefix("export ").strip(), value.strip()
        if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
            value = value[1:-1]
        variables[name] = value
    return variables


def env_file_load(path: str | os.PathLike | None) -> None:
    """Set each variable in the file at `path` that the environment does not set already.
    No path, or no file there, changes nothing."""
    if path and Path(path).is_file():
        for name, value in env_file_read(path).items():
            os.environ.setdefault(name, value)


def env_file_write_development(path: str | os.PathLike) -> bool:
    """Write local development settings (DEBUG on, a new random SECRET_KEY, SQLite) to `path`,
    readable by its owner only, unless a file is there already. True when it wrote one."""
    path = Path(path)
    if path.exists():
        return False
    path.write_text(DEVELOPMENT_SETTINGS.format(secret_key=secrets.token_urlsafe(50)), encoding="utf-8")
    path.chmod(0o600)
    return True


if __name__ == "__main__":
    target = sys.argv[1] if len(sys.argv) > 1 else ".env"
    if env_file_write_development(target):
        print(f"Wrote {target}: local development settings (DEBUG on, a new SECRET_KEY, SQLite).")
    else:
        print(f"Kept {target} as it is.")
