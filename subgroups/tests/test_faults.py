"""Faults, with real processes on PostgreSQL: the database connection dropping under a
running server, and two server processes saving the same action at the same moment."""

import http.cookies
import re
import threading
import urllib.error
import urllib.parse
import urllib.request

import pytest
from django.conf import settings
from django.db import connection
from django.test import Client

from plans.models import Membership
from plans.tests.factories import PriorityFactory, ThemeFactory
from plans.tests.servers import NoRedirect, TcpProxy, gunicorn, production_environment, shared_static_root
from subgroups.tests.factories import ActionFactory, WorkplanFactory
from subgroups.tests.test_manage_actions import action_data

pytestmark = [
    pytest.mark.django_db(transaction=True),  # the server processes must see the test's data
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="needs PostgreSQL (CI runs the suite on it)"
    ),
]


@pytest.fixture(scope="module")
def static_root(tmp_path_factory):
    """The hashed static files the production settings serve (collected once per run)."""
    return shared_static_root(tmp_path_factory)


@pytest.fixture
def bsu_session(member_of):
    workplan = WorkplanFactory()
    PriorityFactory(plan=workplan.plan, number=1)
    ThemeFactory(plan=workplan.plan, title="Think Family")
    user = member_of(workplan.plan.partnership, Membership.Role.BSU)
    client = Client()
    client.force_login(user)
    return workplan, client.cookies[settings.SESSION_COOKIE_NAME].value


def server_environment(static_root, port=None):
    database = connection.settings_dict
    return production_environment(
        STATIC_ROOT=str(static_root),
        DATABASE_URL=(
            f"postgres://{database['USER']}@{database['HOST'] or '127.0.0.1'}:"
            f"{port or database['PORT'] or 5432}/{database['NAME']}"
        ),
        SECURE_SSL_REDIRECT="0",
        SECRET_KEY=settings.SECRET_KEY,  # so the server accepts the session the test signed
    )


def fetch(url, session, data=None, cookies=""):
    """GET (or POST `data`) as the signed-in user; returns (status, body, headers)."""
    request = urllib.request.Request(
        url,
        data=urllib.parse.urlencode(data, doseq=True).encode() if data is not None else None,
        headers={"Cookie": f"{settings.SESSION_COOKIE_NAME}={session}; {cookies}"},
    )
    opener = urllib.request.build_opener(NoRedirect)
    try:
        response = opener.open(request, timeout=30)
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode(), error.headers
    return response.status, response.read().decode(), response.headers


def health(base):
    """What a load balancer's probe sees (no cookies)."""
    try:
        return urllib.request.urlopen(f"{base}/healthz", timeout=30).status
    except urllib.error.HTTPError as error:
        return error.code



def test_a_dropped_database_connection_shows_the_error_page_and_the_next_request_works(bsu_session, static_root):
    workplan, session = bsu_session
    database = connection.settings_dict
    proxy = TcpProxy(database["HOST"] or "127.0.0.1", int(database["PORT"] or 5432))
    try:
        with gunicorn(server_environment(static_root, port=proxy.port), workers=1) as (base, output):
            page = f"{base}{workplan.get_absolute_url()}"
            assert fetch(page, session)[0] == 200

            proxy.cut()
            status, body, headers = fetch(page, session)
            assert status == 500
            assert "Sorry, there is a problem with the service" in body
            assert headers["X-Request-ID"] in body  # the reference to quote
            assert health(base) == 503

            proxy.restore()
            status, body, _ = fetch(page, session)
            assert status == 200 and workplan.subgroup.short_name in body
            assert health(base) == 200
        logged = "".join(output)
        assert '"level": "ERROR"' in logged and headers["X-Request-ID"] in logged
    finally:
        proxy.close()


def test_two_server_processes_saving_one_action_at_once_keep_one_and_refuse_the_other(bsu_session, static_root):
    workplan, session = bsu_session
    action = ActionFactory(workplan=workplan, priority=workplan.plan.priorities.get(), reference="PEI 1.1")
    with gunicorn(server_environment(static_root), workers=2) as (base, _):
        edit = f"{base}/actions/{action.pk}/edit/"
        status, form, headers = fetch(edit, session)
        assert status == 200 and 'name="version" value="1"' in form
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form)[1]
        csrf_cookie = http.cookies.SimpleCookie(headers["Set-Cookie"])[settings.CSRF_COOKIE_NAME].value

        results = {}
        start = threading.Barrier(2)

        def save(lead):
            data = action_data(workplan, reference="PEI 1.1", lead=lead, version=1, csrfmiddlewaretoken=token)
            start.wait()
            results[lead] = fetch(edit, session, data, cookies=f"{settings.CSRF_COOKIE_NAME}={csrf_cookie}")

        threads = [threading.Thread(target=save, args=(lead,)) for lead in ("Designated Nurse", "Head of Early Help")]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=60)

    statuses = sorted(status for status, _, _ in results.values())
    assert statuses == [302, 409]
    winner = next(lead for lead, (status, _, _) in results.items() if status == 302)
    loser_page = next(body for status, body, _ in results.values() if status == 409)
    assert winner in loser_page  # the refused editor is shown what the other person saved
    action.refresh_from_db()
    assert action.version == 2 and action.lead_names == winner
