"""Secure by default: headers, brute-force lockout, sessions, password reset without user
enumeration, and settings that refuse to run production without its secrets."""

import datetime
import logging
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.sessions.models import Session
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from mscp.middleware import SESSION_RENEWED_AT
from plans.tests.factories import PartnershipFactory

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]
PASSWORD = "a-long-test-password"


@pytest.fixture
def casey(member_of):
    return member_of(PartnershipFactory(), username="casey", password=PASSWORD, email="casey@example.org")


def sign_in(client, username, password):
    return client.post(reverse("login"), {"username": username, "password": password})


def test_every_response_carries_the_security_headers(client, casey):
    client.force_login(casey)
    response = client.get(reverse("plans:home"))
    policy = response["Content-Security-Policy"]
    directives = dict(part.strip().split(" ", 1) for part in policy.split(";") if part.strip())
    assert directives["script-src"] == "'self'"
    assert directives["style-src"] == "'self'"
    assert directives["frame-ancestors"] == "'none'"
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Content-Type-Options"] == "nosniff"


def test_pages_have_no_inline_script_or_style(client, casey):
    client.force_login(casey)
    for url in (reverse("plans:home"), reverse("login"), reverse("plans:accessibility")):
        html = client.get(url).text
        assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html), url
        assert not re.search(r"\son[a-z]+=", html), url
        assert " style=" not in html, url


def test_a_request_id_is_made_or_kept_and_returned(client):
    made = client.get(reverse("login"))["X-Request-ID"]
    assert re.fullmatch(r"[0-9a-f]{32}", made)
    kept = client.get(reverse("login"), headers={"X-Request-ID": "lb-1234abcd"})
    assert kept["X-Request-ID"] == "lb-1234abcd"
    hostile = client.get(reverse("login"), headers={"X-Request-ID": "<script>"})
    assert hostile["X-Request-ID"] != "<script>"


def test_unknown_user_and_wrong_password_get_the_same_answer(client, casey):
    unknown = sign_in(client, "nobody", PASSWORD)
    wrong = sign_in(client, "casey", "not-the-password")
    assert unknown.status_code == wrong.status_code == 200
    message = "Please enter a correct username and password"
    assert message in unknown.text and message in wrong.text


def test_repeated_failures_lock_the_account_for_a_while(client, casey, caplog):
    caplog.set_level(logging.INFO, logger="mscp.auth")
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert sign_in(client, "casey", "guess").status_code == 200
    locked = sign_in(client, "casey", "guess")
    assert locked.status_code == 429
    assert "Sign-in locked for now" in locked.text
    assert f"locked for {settings.AXES_COOLOFF_TIME.seconds // 60} minutes" in locked.text
    # Even the right password is refused while the lock lasts, from anywhere.
    assert sign_in(client, "casey", PASSWORD).status_code == 429
    messages = [record.getMessage() for record in caplog.records if record.name == "mscp.auth"]
    assert any(m.startswith("Sign-in failed: casey") for m in messages)
    assert any(m.startswith("Sign-in locked out: casey") for m in messages)

    # Once the cool-off has passed, the right password works again.
    AccessAttempt.objects.update(attempt_time=timezone.now() - settings.AXES_COOLOFF_TIME - datetime.timedelta(minutes=1))
    response = sign_in(client, "casey", PASSWORD)
    assert response.status_code == 302
    assert any(r.getMessage().startswith("Signed in: casey") for r in caplog.records)


def test_failures_from_one_address_lock_that_address_whatever_the_username(client, casey):
    for n in range(settings.AXES_FAILURE_LIMIT):
        sign_in(client, f"someone-{n}", "guess")
    assert sign_in(client, "casey", PASSWORD).status_code == 429


def test_sessions_expire_after_inactivity_and_a_request_renews_them_every_few_minutes(client, casey):
    assert settings.SESSION_COOKIE_AGE == 8 * 60 * 60
    assert settings.SESSION_RENEW_INTERVAL == 5 * 60
    assert sign_in(client, "casey", PASSWORD).status_code == 302
    signed_in_expiry = Session.objects.get().expire_date
    assert client.get(reverse("plans:home")).status_code == 200
    assert Session.objects.get().expire_date == signed_in_expiry  # renewed at sign-in: no write now

    # Last renewed six minutes ago, and close to expiring: the next request renews it.
    session = client.session
    session[SESSION_RENEWED_AT] -= 6 * 60
    session.save()
    Session.objects.update(expire_date=timezone.now() + datetime.timedelta(minutes=5))
    assert client.get(reverse("plans:home")).status_code == 200
    assert Session.objects.get().expire_date > timezone.now() + datetime.timedelta(hours=7, minutes=59)

    Session.objects.update(expire_date=timezone.now() - datetime.timedelta(seconds=1))
    response = client.get(reverse("plans:home"))
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


def test_a_page_within_the_renewal_interval_writes_nothing_to_the_session(client, casey):
    sign_in(client, "casey", PASSWORD)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(reverse("plans:accessibility")).status_code == 200
    assert not [query["sql"] for query in queries if "django_session" in query["sql"] and "SELECT" not in query["sql"]]


def test_signing_out_ends_the_session(client, casey):
    sign_in(client, "casey", PASSWORD)
    assert Session.objects.count() == 1
    client.post(reverse("logout"))
    assert Session.objects.count() == 0
    assert client.get(reverse("plans:home")).status_code == 302


def test_password_reset_never_says_whether_an_address_has_an_account(client, casey):
    known = client.post(reverse("password_reset"), {"email": "casey@example.org"})
    unknown = client.post(reverse("password_reset"), {"email": "nobody@example.org"})
    assert known.status_code == unknown.status_code == 302
    assert known["Location"] == unknown["Location"] == reverse("password_reset_done")
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["casey@example.org"]

    link = re.search(r"https?://[^/]+(/accounts/password/reset/\S+)", mail.outbox[0].body)[1]
    form_url = client.get(link)["Location"]  # Django swaps the token for a session one
    weak = client.post(form_url, {"new_password1": "password", "new_password2": "password"})
    assert weak.status_code == 200 and "This password is too common" in weak.text
    done = client.post(form_url, {"new_password1": "Another-long-pass-42", "new_password2": "Another-long-pass-42"})
    assert done["Location"] == reverse("password_reset_complete")
    assert sign_in(client, "casey", "Another-long-pass-42").status_code == 302


def test_password_validators_are_on():
    names = {validator["NAME"].rsplit(".", 1)[1] for validator in settings.AUTH_PASSWORD_VALIDATORS}
    assert names >= {"MinimumLengthValidator", "CommonPasswordValidator", "NumericPasswordValidator", "UserAttributeSimilarityValidator"}


def _manage(*args, **env):
    # The process's own settings, not the test run's (which relaxes some for the test client).
    clean = {key: value for key, value in os.environ.items() if key not in {
        "DEBUG", "SECRET_KEY", "ALLOWED_HOSTS", "MSCP_ALLOW_DEV_SECRET", "DJANGO_SETTINGS_MODULE",
        "SECURE_SSL_REDIRECT", "DJANGO_ALLOW_ASYNC_UNSAFE",
    }}
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**clean, "DJANGO_SETTINGS_MODULE": "mscp.settings", **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_refuses_to_start_without_a_secret_key_or_hosts():
    no_key = _manage("check", DEBUG="0", ALLOWED_HOSTS="plans.example.org")
    assert no_key.returncode != 0 and "Set SECRET_KEY" in no_key.stderr
    no_hosts = _manage("check", DEBUG="0", SECRET_KEY="k" * 60)
    assert no_hosts.returncode != 0 and "Set ALLOWED_HOSTS" in no_hosts.stderr


def test_production_settings_pass_the_deployment_checklist():
    result = _manage(
        "check", "--deploy", "--fail-level", "WARNING",
        DEBUG="0", SECRET_KEY="Zx9-q" * 14, ALLOWED_HOSTS="plans.example.org", EMAIL_HOST="smtp.example.org",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


# -- Hardening (an adversarial probe of the production set-up) ---------------------------------


def test_a_username_longer_than_any_account_gets_the_usual_answer(client, casey):
    """Its sign-in record could not be stored (axes' 255-character column, on PostgreSQL)."""
    for length in (151, 256, 5000):
        response = sign_in(client, "u" * length, "guess")
        assert response.status_code == 200, length
        assert "Please enter a correct username and password" in response.text
    assert sign_in(client, "casey", PASSWORD).status_code == 302


def test_without_a_trusted_proxy_x_forwarded_for_cannot_dodge_the_address_lockout(client, casey):
    for n in range(settings.AXES_FAILURE_LIMIT):
        sign_in_from = client.post(
            reverse("login"), {"username": f"someone-{n}", "password": "guess"},
            headers={"X-Forwarded-For": f"81.2.69.{n + 10}"},
        )
        assert sign_in_from.status_code in {200, 429}
    assert sign_in(client, "casey", PASSWORD).status_code == 429


def test_an_anonymous_request_body_over_the_limit_is_refused_before_it_is_read(client):
    # The declared length is enough: the test client sends a small body, the app must not read it.
    too_large = client.post(
        reverse("login"), {"username": "casey", "password": "x"},
        CONTENT_LENGTH=str(settings.MSCP_MAX_ANONYMOUS_REQUEST_BYTES + 1),
    )
    assert too_large.status_code == 413
    assert "What you sent is too large" in too_large.text and "up to 5 MB" in too_large.text
    assert too_large["Content-Security-Policy"] and too_large["X-Request-ID"] in too_large.text
    assert client.post(reverse("login"), {"username": "casey", "password": "x"}).status_code == 200


def test_a_signed_in_user_may_send_an_import_sized_body_but_no_more(client, casey):
    client.force_login(casey)
    home = reverse("plans:home")
    import_sized = client.post(home, {}, CONTENT_LENGTH=str(settings.MSCP_IMPORT_MAX_BYTES + 64 * 1024))
    assert import_sized.status_code != 413
    over = client.post(home, {}, CONTENT_LENGTH=str(settings.MSCP_MAX_REQUEST_BYTES + 1))
    assert over.status_code == 413


def test_a_body_without_a_length_is_refused(client):
    response = client.post(reverse("login"), {"username": "casey"}, HTTP_TRANSFER_ENCODING="chunked")
    assert response.status_code == 411


def test_password_reset_sends_at_most_three_emails_an_hour_to_one_address(client, casey):
    answers = [client.post(reverse("password_reset"), {"email": "casey@example.org"}) for _ in range(6)]
    # The page answers the same every time, so it never tells that the limit was reached.
    assert {(a.status_code, a["Location"]) for a in answers} == {(302, reverse("password_reset_done"))}
    assert len(mail.outbox) == settings.MSCP_PASSWORD_RESETS_PER_ADDRESS == 3

    # An hour later the address can be sent another.
    from django.core.cache import cache

    cache.clear()
    client.post(reverse("password_reset"), {"email": "casey@example.org"})
    assert len(mail.outbox) == 4


def test_password_reset_requests_from_one_client_are_limited_whatever_the_address(client, member_of):
    partnership = PartnershipFactory()
    for n in range(12):
        member_of(partnership, username=f"user{n}", email=f"user{n}@example.org")
    for n in range(12):
        answer = client.post(reverse("password_reset"), {"email": f"user{n}@example.org"})
        assert answer["Location"] == reverse("password_reset_done")
    assert len(mail.outbox) == settings.MSCP_PASSWORD_RESETS_PER_CLIENT == 10


def test_in_production_without_a_mail_server_nothing_is_sent_or_logged_but_the_recipient(caplog):
    from django.core.mail import EmailMessage

    from mscp.mail import NotConfiguredEmailBackend

    caplog.set_level(logging.WARNING, logger="mscp.mail")
    message = EmailMessage("Password reset", "https://plans.example.org/accounts/password/reset/MQ/secret-token/", to=["casey@example.org"])
    assert NotConfiguredEmailBackend().send_messages([message]) == 0
    logged = " ".join(record.getMessage() for record in caplog.records)
    assert "casey@example.org" in logged and "not sent" in logged
    assert "secret-token" not in logged


def test_production_picks_a_mail_backend_that_cannot_leak_and_the_deploy_check_asks_for_a_server():
    production = {"DEBUG": "0", "SECRET_KEY": "Zx9-q" * 14, "ALLOWED_HOSTS": "plans.example.org"}

    def backend(**env):
        shown = _manage("shell", "--no-imports", "-c", "from django.conf import settings; print(settings.EMAIL_BACKEND)", **env)
        return shown.stdout.strip()

    assert backend(**production) == "mscp.mail.NotConfiguredEmailBackend"
    assert backend(EMAIL_HOST="smtp.example.org", **production) == "django.core.mail.backends.smtp.EmailBackend"
    assert backend(DEBUG="1") == "django.core.mail.backends.console.EmailBackend"

    unconfigured = _manage("check", "--deploy", "--fail-level", "WARNING", **production)
    assert unconfigured.returncode != 0
    assert "password-reset e-mails are not sent" in unconfigured.stderr + unconfigured.stdout
    printing = _manage(
        "check", "--deploy", "--fail-level", "WARNING",
        EMAIL_BACKEND="django.core.mail.backends.console.EmailBackend", **production,
    )
    assert printing.returncode != 0 and "mscp.W002" in printing.stderr + printing.stdout


@pytest.fixture
def signed_in_bsu(client, member_of):
    from plans.models import Membership
    from subgroups.tests.factories import ActionFactory, ActionUpdateFactory, WorkplanFactory

    workplan = WorkplanFactory()
    action = ActionFactory(workplan=workplan)
    ActionUpdateFactory(action=action, rating="amber", narrative="Delayed.")
    client.force_login(member_of(workplan.plan.partnership, Membership.Role.BSU))
    return workplan


def _no_store(response):
    directives = {part.strip() for part in response["Cache-Control"].split(",")}
    return {"no-store", "private"} <= directives


def test_signed_in_pages_and_downloads_are_never_cached(client, signed_in_bsu):
    workplan = signed_in_bsu
    page = client.get(workplan.get_absolute_url())
    pdf = client.get(reverse("reports:workplan-pdf", args=[workplan.pk]))
    xlsx = client.get(workplan.get_absolute_url(), {"format": "xlsx"})
    csv = client.get(reverse("reports:exceptions"), {"format": "csv"})
    assert page["Content-Type"].startswith("text/html")
    assert pdf["Content-Type"] == "application/pdf"
    assert "spreadsheetml" in xlsx["Content-Type"] and csv["Content-Type"].startswith("text/csv")
    for response in (page, pdf, xlsx, csv):
        assert response.status_code == 200
        assert _no_store(response), response["Content-Type"]
