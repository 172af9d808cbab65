"""The production server at its edge, as an attacker meets it: gunicorn on the production
settings behind one load balancer (TRUSTED_PROXY_COUNT=1, which appends the client's address to
X-Forwarded-For and sets X-Forwarded-Proto). Sign-in lockout per real client, request bodies
refused before they are read, no reset link in the logs, and no caching of signed-in pages."""

import http.client
import json
import re
import select
import socket
import subprocess
import sys
import time
import urllib.parse
from http.cookies import SimpleCookie

import pytest

from plans.tests.servers import ROOT, gunicorn, migrated_sqlite, production_environment, shared_static_root

PASSWORD = "a-long-test-password"

MAKE_USERS = f"""
from plans.tests.factories import MembershipFactory, PartnershipFactory, UserFactory
partnership = PartnershipFactory()
for name in ("alex", "billie"):
    user = UserFactory(username=name, email=f"{{name}}@example.org", password="{PASSWORD}")
    MembershipFactory(user=user, partnership=partnership, role="bsu")
"""


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    folder = tmp_path_factory.mktemp("edge")
    uploads = folder / "tmp"
    uploads.mkdir()
    env = production_environment(
        DATABASE_URL=f"sqlite:///{folder / 'db.sqlite3'}",
        STATIC_ROOT=str(shared_static_root(tmp_path_factory)),
        TRUSTED_PROXY_COUNT="1",
        TMPDIR=str(uploads),  # where Django would write an uploaded body it cannot keep in memory
    )
    for name in ("EMAIL_BACKEND", "EMAIL_HOST"):
        env.pop(name, None)
    migrated_sqlite(tmp_path_factory, folder / "db.sqlite3")
    subprocess.run([sys.executable, "manage.py", "shell", "--no-imports", "-c", MAKE_USERS], cwd=ROOT, env=env, check=True, timeout=120)
    with gunicorn(env) as (base, output):
        yield {"base": base, "output": output, "uploads": uploads}


class Browser:
    """One client behind the load balancer: its own address in X-Forwarded-For, its cookies
    (kept by hand: they are Secure, and the test talks plain HTTP as the balancer does)."""

    def __init__(self, base: str, address: str):
        self.host, self.port = urllib.parse.urlsplit(base).netloc.split(":")
        self.address = address
        self.cookies = {}

    def request(self, method, path, form=None, headers=None):
        connection = http.client.HTTPConnection(self.host, int(self.port), timeout=30)
        body = urllib.parse.urlencode(form).encode() if form is not None else None
        sent = {
            # As the load balancer forwards it: the client's address appended, TLS noted.
            "X-Forwarded-For": self.address,
            "X-Forwarded-Proto": "https",
            "Origin": f"https://{self.host}:{self.port}",
            "Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items()),
        } | ({"Content-Type": "application/x-www-form-urlencoded"} if body else {}) | (headers or {})
        connection.request(method, path, body=body, headers=sent)
        response = connection.getresponse()
        response.text = response.read().decode("utf-8", "replace")
        for header in response.headers.get_all("Set-Cookie") or []:
            for name, morsel in SimpleCookie(header).items():
                self.cookies[name] = morsel.value
        connection.close()
        return response

    def sign_in(self, username, password):
        page = self.request("GET", "/accounts/login/")
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text)[1]
        return self.request(
            "POST", "/accounts/login/",
            {"csrfmiddlewaretoken": token, "username": username, "password": password},
        )


def test_failures_from_one_client_lock_that_client_and_username_not_everyone(server):
    attacker = Browser(server["base"], "81.2.69.160")
    for _ in range(5):
        attacker.sign_in("alex", "guess")
    assert attacker.sign_in("alex", PASSWORD).status == 429  # the username is locked...
    assert attacker.sign_in("billie", PASSWORD).status == 429  # ...and so is the client

    # Another person, at another address, behind the same load balancer signs in.
    colleague = Browser(server["base"], "81.2.69.200")
    signed_in = colleague.sign_in("billie", PASSWORD)
    assert signed_in.status == 302 and signed_in.headers["Location"] == "/"
    # Locked usernames stay locked from anywhere.
    assert Browser(server["base"], "81.2.69.201").sign_in("alex", PASSWORD).status == 429

    # A client cannot pretend to be someone else by sending its own X-Forwarded-For: the load
    # balancer appends the real address, and only that one is believed.
    spoofer = Browser(server["base"], "81.2.69.200, 81.2.69.160")
    assert spoofer.sign_in("billie", PASSWORD).status == 429
    lines = [json.loads(line) for line in server["output"] if line.startswith("{")]
    assert any(line.get("message") == "Sign-in locked out: alex from 81.2.69.160" for line in lines)


def _upload_size(folder) -> int:
    return sum(path.stat().st_size for path in folder.rglob("*") if path.is_file())


def test_a_huge_anonymous_upload_is_refused_before_it_is_read(server):
    """50 MB streamed to the sign-in page, with a valid CSRF cookie and token as an attacker
    would first fetch: the answer (413) comes before the body is sent, and nothing of it is
    written to a temporary file."""
    browser = Browser(server["base"], "81.2.69.50")
    page = browser.request("GET", "/accounts/login/")
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text)[1]
    host, port = browser.host, int(browser.port)
    size, boundary = 50 * 1024 * 1024, "x" * 20
    head = (
        f"POST /accounts/login/ HTTP/1.1\r\nHost: {host}:{port}\r\nX-Forwarded-Proto: https\r\n"
        f"X-Forwarded-For: 81.2.69.50\r\nOrigin: https://{host}:{port}\r\n"
        f"Cookie: csrftoken={browser.cookies['csrftoken']}\r\n"
        f"Content-Type: multipart/form-data; boundary={boundary}\r\nContent-Length: {size}\r\n\r\n"
        f'--{boundary}\r\nContent-Disposition: form-data; name="csrfmiddlewaretoken"\r\n\r\n{token}\r\n'
        f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="big.bin"\r\n\r\n'
    ).encode()
    answer, sent, largest_file = b"", len(head), 0
    chunk = b"\0" * (1024 * 1024)
    with socket.create_connection((host, port), timeout=30) as sock:
        sock.sendall(head)
        try:
            while sent < size and not answer:
                if select.select([sock], [], [], 0.05)[0]:
                    answer = sock.recv(65536)
                    break
                sock.sendall(chunk[: size - sent])
                sent += min(len(chunk), size - sent)
                largest_file = max(largest_file, _upload_size(server["uploads"]))
            answer = answer or sock.recv(65536)
        except OSError:  # the server closed the connection on a body it will not read
            answer = answer or b""
    assert largest_file == 0, f"{largest_file} bytes of the body were written to a temporary file"
    assert answer.decode("latin-1").startswith("HTTP/1.1 413"), answer[:200]
    assert sent < size, f"all {sent} bytes were sent before the answer"
    assert _upload_size(server["uploads"]) == 0


def test_a_chunked_body_without_a_length_is_refused(server):
    host, port = urllib.parse.urlsplit(server["base"]).netloc.split(":")
    with socket.create_connection((host, int(port)), timeout=10) as sock:
        sock.sendall(
            f"POST /accounts/login/ HTTP/1.1\r\nHost: {host}\r\nX-Forwarded-Proto: https\r\n"
            f"Transfer-Encoding: chunked\r\nContent-Type: application/x-www-form-urlencoded\r\n\r\n"
            f"100000\r\n".encode()
        )
        answer = sock.recv(65536).decode("latin-1")
    assert answer.startswith("HTTP/1.1 411"), answer


def test_the_log_never_holds_a_password_reset_link(server):
    """No mail server is configured: nothing is sent, and neither the e-mail's link nor a
    link's token in the access log reaches the log."""
    browser = Browser(server["base"], "81.2.69.77")
    page = browser.request("GET", "/accounts/password/reset/")
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text)[1]
    sent = browser.request("POST", "/accounts/password/reset/", {"csrfmiddlewaretoken": token, "email": "billie@example.org"})
    assert sent.status == 302
    opened = browser.request("GET", "/accounts/password/reset/Mg/cz1a2b-0123456789abcdef0123456789abcdef/")
    assert opened.status == 200
    # The access log line is written just after the response: wait for it (ten seconds at most).
    for _ in range(200):
        if '"path": "/accounts/password/reset/Mg/' in "".join(server["output"]):
            break
        time.sleep(0.05)
    log = "".join(server["output"])
    assert "E-mail not sent (no mail server is configured" in log and "billie@example.org" in log
    assert "0123456789abcdef0123456789abcdef" not in log
    assert not re.search(r"/accounts/password/reset/[^/\s\"]+/(?!set-password/)[0-9a-z]+-[0-9a-f]{20,}", log)
    assert "/accounts/password/reset/Mg/[token]/" in log


def test_signed_in_pages_are_not_cached_static_files_are(server):
    browser = Browser(server["base"], "81.2.69.90")
    assert browser.sign_in("billie", PASSWORD).status == 302
    home = browser.request("GET", "/")
    assert home.status == 200
    assert {"no-store", "private"} <= {part.strip() for part in home.headers["Cache-Control"].split(",")}
    stylesheet = re.search(r'href="(/static/css/app\.[0-9a-f]{12}\.css)"', home.text)[1]
    css = browser.request("GET", stylesheet)
    assert "max-age=315360000" in css.headers["Cache-Control"] and "no-store" not in css.headers["Cache-Control"]
