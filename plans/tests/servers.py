"""Real processes for the operations and fault tests: gunicorn on the production settings,
and a TCP proxy in front of PostgreSQL that a test can cut, as a network fault would."""

import contextlib
import fcntl
import os
import shutil
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PRODUCTION_SECRET = "Zx9-q" * 14
# The test run relaxes these for the test client; a production process must not inherit them.
TEST_ONLY_ENVIRONMENT = {"DJANGO_ALLOW_ASYNC_UNSAFE", "MSCP_ALLOW_DEV_SECRET", "SECURE_SSL_REDIRECT"}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def production_environment(**overrides) -> dict:
    env = {key: value for key, value in os.environ.items() if key not in TEST_ONLY_ENVIRONMENT}
    return env | {
        "DJANGO_SETTINGS_MODULE": "mscp.settings",
        "DEBUG": "0",
        "SECRET_KEY": PRODUCTION_SECRET,
        "ALLOWED_HOSTS": "127.0.0.1",
        "LOG_FORMAT": "json",
    } | overrides


class NoRedirect(urllib.request.HTTPRedirectHandler):
    """For urllib openers that should see a redirect rather than follow it."""

    def redirect_request(self, *args, **kwargs):
        return None


def collect_static(env: dict) -> None:
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"],
        cwd=ROOT, env=env, check=True, timeout=300,
    )


def _once_per_run(tmp_path_factory, name: str, make) -> Path:
    """The folder `name`, made by `make(folder)` once per test run and shared by every xdist
    worker: the first worker to ask makes it under a lock; the others wait, then read it."""
    run = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        run = run.parent  # the run's folder, above each worker's own
    folder = run / name
    with open(run / f"{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not (folder / ".made").exists():
            folder.mkdir(exist_ok=True)
            make(folder)
            (folder / ".made").touch()
    return folder


def shared_static_root(tmp_path_factory) -> Path:
    """The production settings' collected static files (hashed and compressed), collected once
    per test run for every module that starts gunicorn: collecting and compressing them costs
    some twelve seconds of CPU."""
    return _once_per_run(
        tmp_path_factory,
        "production-static",
        lambda folder: collect_static(production_environment(STATIC_ROOT=str(folder), DATABASE_URL="sqlite://")),
    )


def migrated_sqlite(tmp_path_factory, path: Path) -> None:
    """Put at `path` an SQLite database that `manage.py migrate` brought up to date on the
    production settings: migrated once per test run, then copied for each server."""

    def migrate(folder):
        env = production_environment(DATABASE_URL=f"sqlite:///{folder / 'db.sqlite3'}")
        subprocess.run(
            [sys.executable, "manage.py", "migrate", "--noinput", "-v0"], cwd=ROOT, env=env, check=True, timeout=300
        )

    shutil.copyfile(_once_per_run(tmp_path_factory, "migrated-sqlite", migrate) / "db.sqlite3", path)


@contextlib.contextmanager
def gunicorn(env: dict, workers: int = 2, pids: list | None = None):
    """Run `make serve`'s server; yields (base URL, list that receives its output lines).
    `pids`, when given, receives the id of gunicorn's master process."""
    port = free_port()
    env = env | {"BIND": f"127.0.0.1:{port}", "WEB_CONCURRENCY": str(workers)}
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "--config", "mscp/gunicorn_conf.py", "mscp.wsgi"],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )
    if pids is not None:
        pids.append(server.pid)
    output = []
    reader = threading.Thread(target=lambda: output.extend(server.stdout), daemon=True)
    reader.start()
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(150):
            try:
                urllib.request.urlopen(f"{base}/healthz", timeout=5)
                break
            except urllib.error.HTTPError:
                break  # it answers, even if the database does not
            except OSError:
                time.sleep(0.2)
        else:
            raise RuntimeError("gunicorn did not answer:\n" + "".join(output))
        yield base, output
    finally:
        server.terminate()
        server.wait(timeout=30)
        reader.join(timeout=5)


class TcpProxy:
    """Forwards a local port to PostgreSQL. `cut()` drops every connection and refuses new
    ones, as a failed network or database would; `restore()` lets connections through again."""

    def __init__(self, upstream_host: str, upstream_port: int):
        self.upstream = (upstream_host, upstream_port)
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        self.open = True
        self.sockets = []
        self.lock = threading.Lock()
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self):
        while True:
            try:
                client, _ = self.listener.accept()
            except OSError:
                return
            if not self.open:
                client.close()
                continue
            upstream = socket.create_connection(self.upstream)
            with self.lock:
                self.sockets += [client, upstream]
            for source, target in ((client, upstream), (upstream, client)):
                threading.Thread(target=self._pump, args=(source, target), daemon=True).start()

    @staticmethod
    def _pump(source, target):
        try:
            while data := source.recv(65536):
                target.sendall(data)
        except OSError:
            pass
        finally:
            for sock in (source, target):
                with contextlib.suppress(OSError):
                    sock.shutdown(socket.SHUT_RDWR)

    def cut(self):
        self.open = False
        with self.lock:
            for sock in self.sockets:
                with contextlib.suppress(OSError):
                    sock.shutdown(socket.SHUT_RDWR)
                    sock.close()
            self.sockets.clear()

    def restore(self):
        self.open = True

    def close(self):
        self.cut()
        self.listener.close()
