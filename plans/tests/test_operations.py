"""Running as a service: the health check, structured logs with request ids, and the error
page that quotes the request id."""

import json
import logging
import re
import subprocess
import sys
import urllib.error
import urllib.request

import pytest
from django.urls import reverse

from mscp.observability import RequestIdFilter
from plans.tests.servers import ROOT, NoRedirect, gunicorn, migrated_sqlite, production_environment, shared_static_root


@pytest.mark.django_db
def test_health_check_answers_without_a_login(client):
    response = client.get(reverse("healthz"))
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}
    assert "no-cache" in response["Cache-Control"]


HEALTH_WITHOUT_DATABASE = """
import django
django.setup()
from django.test import Client
response = Client().get("/healthz")
print(response.status_code, response.content.decode())
"""


def test_health_check_reports_a_database_that_does_not_answer():
    env = production_environment(
        ALLOWED_HOSTS="testserver",
        SECURE_SSL_REDIRECT="0",
        # Nothing listens on port 9: the connection is refused at once.
        DATABASE_URL="postgres://postgres@127.0.0.1:9/nowhere",
    )
    result = subprocess.run(
        [sys.executable, "-c", HEALTH_WITHOUT_DATABASE],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=120,
    )
    status, body = result.stdout.strip().splitlines()[-1].split(" ", 1)
    assert status == "503"
    assert json.loads(body) == {"status": "unavailable", "database": "unavailable"}
    # The failure is logged as one JSON object, with the request's id.
    logged = [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]
    failure = next(entry for entry in logged if entry["logger"] == "mscp.request")
    assert failure["level"] == "ERROR"
    assert failure["message"] == "Health check: the database did not answer"
    assert len(failure["request_id"]) == 32


@pytest.mark.django_db
def test_log_lines_written_during_a_request_carry_its_id(client, caplog, member_of):
    from plans.tests.factories import PartnershipFactory

    caplog.set_level(logging.INFO, logger="mscp.auth")
    caplog.handler.addFilter(RequestIdFilter())
    member_of(PartnershipFactory(), username="casey", password="a-long-test-password")
    response = client.post(
        reverse("login"),
        {"username": "casey", "password": "a-long-test-password"},
        headers={"X-Request-ID": "req-sign-in-1"},
    )
    assert response["X-Request-ID"] == "req-sign-in-1"
    record = next(r for r in caplog.records if r.getMessage().startswith("Signed in: casey"))
    assert record.request_id == "req-sign-in-1"


def test_the_error_page_quotes_the_request_id(rf):
    from mscp.observability import server_error

    request = rf.get("/")
    request.id = "abc123def456"
    response = server_error(request)
    assert response.status_code == 500
    html = response.content.decode()
    assert "Sorry, there is a problem with the service" in html
    assert "abc123def456" in html


def test_the_production_server_serves_pages_static_files_and_health(tmp_path, tmp_path_factory):
    """`make serve`'s own steps: gunicorn with the production settings and whitenoise, serving
    what collectstatic collected on those settings, from a database `migrate` made (both done
    once for the run's servers)."""
    env = production_environment(
        DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}", STATIC_ROOT=str(shared_static_root(tmp_path_factory))
    )
    migrated_sqlite(tmp_path_factory, tmp_path / "db.sqlite3")
    with gunicorn(env) as (base, output):
        health = urllib.request.urlopen(f"{base}/healthz", timeout=10)
        assert json.load(health) == {"status": "ok", "database": "ok"}

        # Behind the load balancer (X-Forwarded-Proto: https), the sign-in page, with its
        # security headers and a stylesheet with a hashed, long-cached name.
        login = urllib.request.urlopen(https_request(f"{base}/accounts/login/"), timeout=10)
        html = login.read().decode()
        assert "Sign in" in html
        assert "script-src 'self'" in login.headers["Content-Security-Policy"]
        assert login.headers["Strict-Transport-Security"].startswith("max-age=")
        stylesheet = re.search(r'href="(/static/css/app\.[0-9a-f]{12}\.css)"', html)[1]
        css = urllib.request.urlopen(https_request(f"{base}{stylesheet}"), timeout=10)
        assert "max-age=315360000" in css.headers["Cache-Control"]

        # Plain HTTP is sent to HTTPS.
        with pytest.raises(urllib.error.HTTPError) as redirect:
            urllib.request.build_opener(NoRedirect).open(f"{base}/accounts/login/", timeout=10)
        assert redirect.value.code == 301
        assert redirect.value.headers["Location"].startswith("https://")
    access = [json.loads(line) for line in output if '"gunicorn.access"' in line]
    assert any(
        entry["path"] == "/accounts/login/" and entry["status"] == 200 and len(entry["request_id"]) == 32
        for entry in access
    ), "".join(output)


def https_request(url, **headers):
    """A request as the TLS-terminating load balancer forwards it."""
    return urllib.request.Request(url, headers={"X-Forwarded-Proto": "https", **headers})



def _redis_answers(url="redis://127.0.0.1:6379/0"):
    import redis

    try:
        return redis.Redis.from_url(url, socket_connect_timeout=1).ping()
    except redis.RedisError:
        return False


@pytest.mark.django_db
@pytest.mark.skipif(not _redis_answers(), reason="no Redis at 127.0.0.1:6379")
def test_with_redis_sessions_are_kept_in_redis_as_well_as_the_database(client, member_of, settings):
    """REDIS_URL's set-up: Django's Redis cache in front of database-backed sessions, so any
    web process finds a user's session."""
    import redis
    from django.contrib.sessions.models import Session

    from plans.tests.factories import PartnershipFactory

    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:6379/0",
            "KEY_PREFIX": "mscp-test",
        }
    }
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
    member_of(PartnershipFactory(), username="casey", password="a-long-test-password")
    response = client.post(reverse("login"), {"username": "casey", "password": "a-long-test-password"})
    assert response.status_code == 302
    key = client.cookies[settings.SESSION_COOKIE_NAME].value
    stored = redis.Redis.from_url("redis://127.0.0.1:6379/0").keys(f"mscp-test:*{key}")
    assert stored and Session.objects.filter(session_key=key).exists()
    assert client.get(reverse("plans:home")).status_code == 200
    client.post(reverse("logout"))
    assert not redis.Redis.from_url("redis://127.0.0.1:6379/0").keys(f"mscp-test:*{key}")
