"""Browser-test fixtures (a pytest plugin registered from the root conftest.py).

Playwright's sync API drives Debian's Chromium in its headless shell
(/usr/bin/chromium-headless-shell, installed by scripts/system_deps.sh) against pytest-django's
`live_server`. One browser serves the whole session; every test gets a fresh context (cookies,
localStorage) and page.

- `page`: a page whose relative URLs resolve against the live server; a test fails if the
  browser reports a Content Security Policy violation on any page it visits.
- `sign_in(page, user)`: signs `user` in by handing the page a Django session cookie.
- `demo`: the demo data (`load_demo`), with the objects the browser tests visit; loaded once
  per test process and restored after each test (see `_demo_rows` below).
- `assert_no_axe_violations(page)`: axe-core with the WCAG 2.0/2.1/2.2 A and AA tags.
- `tab_to(page, selector)`, `choose_with_arrows(page, select_id, label)`, `wait_for_path`:
  keyboard-only steps for the journeys, checking that focus is always visible.
- A failing test that used `page` leaves a full-page screenshot in
  test-artifacts/screenshots/.
"""

import json
import os
import re
from io import StringIO
from pathlib import Path
from types import SimpleNamespace
from urllib.parse import urlsplit

import pytest

# Playwright's sync API runs an asyncio loop in the test thread, which makes Django refuse
# ORM calls there (SynchronousOnlyOperation). The tests are synchronous; this is Django's
# documented switch for exactly this case.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

# The headless shell is Chromium built for headless use alone (Debian's chromium-headless-shell,
# from the same source and release as its chromium package; Playwright's own choice for headless
# runs): it renders pages as Chromium does, without the desktop browser's machinery, and the
# suite's browser work costs about a sixth less processor time than with the full browser.
CHROMIUM = os.environ.get("CHROMIUM_PATH") or next(
    (path for path in ("/usr/bin/chromium-headless-shell", "/usr/bin/chromium") if Path(path).exists()),
    "/usr/bin/chromium-headless-shell",
)
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SCREENSHOTS = Path(__file__).resolve().parent / "test-artifacts" / "screenshots"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
DEMO_PASSWORD = "mscp-demo-2023"
# Demo usernames by Membership role.
DEMO_USERS_BY_ROLE = {
    "bsu": "bsu",
    "lead": "pei-lead",
    "executive": "executive",
    "viewer": "viewer",
    "scrutineer": "scrutineer",
}


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail(
            f"Chromium not found at {CHROMIUM}: run `make test` (it installs Debian's Chromium) "
            "or `bash scripts/system_deps.sh`."
        )
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


@pytest.fixture
def browser_context_args():
    """Override in a test module (or parametrise) to change the viewport and so on."""
    return {"viewport": {"width": 1280, "height": 900}}


@pytest.fixture
def browser_context(browser, live_server, browser_context_args):
    context = browser.new_context(base_url=live_server.url, **browser_context_args)
    # Generous: the suite runs in parallel, and a PDF rendered on a busy machine can take a while.
    context.set_default_timeout(30_000)
    yield context
    context.close()


@pytest.fixture
def page(browser_context):
    """A page that also fails the test if the browser refuses anything under the Content
    Security Policy (a script, a style, an htmx request), on any page the test visits."""
    page = browser_context.new_page()
    refused = []
    page.on(
        "console",
        lambda message: refused.append(message.text)
        if "Content Security Policy" in message.text
        else None,
    )
    yield page
    page.close()
    assert not refused, "the Content Security Policy refused:\n" + "\n".join(refused)


@pytest.fixture
def sign_in(live_server):
    """sign_in(page, user): give the page a signed-in session for `user`, without the form."""
    from django.conf import settings
    from django.test import Client

    def sign(page, user):
        client = Client()
        client.force_login(user)
        page.context.add_cookies(
            [
                {
                    "name": settings.SESSION_COOKIE_NAME,
                    "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                    "url": live_server.url,
                    "httpOnly": True,
                }
            ]
        )
        return user

    return sign


@pytest.fixture(scope="session", autouse=True)
def _static_files_cached_by_the_browser():
    """The live server serves static files through Django's own handler, which sends no
    Cache-Control: Chromium then asks again for every stylesheet and script (eight requests)
    on every page it opens, each one Python work in the test process. In production WhiteNoise
    sends them with a long max-age (their names carry a hash of their content); here they
    keep for the life of a browser context, which is one test."""
    from django.contrib.staticfiles.handlers import StaticFilesHandlerMixin

    serve = StaticFilesHandlerMixin.serve

    def serve_cacheable(self, request):
        response = serve(self, request)
        if response.status_code == 200:
            response["Cache-Control"] = "max-age=3600"
        return response

    StaticFilesHandlerMixin.serve = serve_cacheable
    yield
    StaticFilesHandlerMixin.serve = serve


@pytest.fixture(scope="session", autouse=True)
def _flush_postgresql_by_delete():
    """After each transactional test (every browser test) pytest-django empties every table.
    On PostgreSQL Django does it with one TRUNCATE of every table, which gives each table and
    index new files on disk: 0.6 to 2.3 seconds a test, measured. The test tables hold a few
    thousand rows at most, so DELETE FROM each, in one statement and one transaction with the foreign keys
    checked at the end (Django makes them deferrable), leaves the same empty tables in a
    tenth of that. Sequences are left as they were, as the TRUNCATE left them; a flush that
    resets them (reset_sequences) or cascades still uses Django's own SQL."""
    from django.db.backends.postgresql.operations import DatabaseOperations

    sql_flush = DatabaseOperations.sql_flush

    def sql_delete(self, style, tables, *, reset_sequences=False, allow_cascade=False):
        if not tables or reset_sequences or allow_cascade:
            return sql_flush(self, style, tables, reset_sequences=reset_sequences, allow_cascade=allow_cascade)
        # One round trip: psycopg2 sends the statements together.
        deletes = [f"{style.SQL_KEYWORD('DELETE FROM')} {style.SQL_FIELD(self.quote_name(table))};" for table in tables]
        return [" ".join(["SET CONSTRAINTS ALL DEFERRED;", *deletes])]

    DatabaseOperations.sql_flush = sql_delete
    yield
    DatabaseOperations.sql_flush = sql_flush


# The demo, loaded once per test process and restored after each test's flush.
#
# The browser tests need a live server, which answers from its own thread and database
# connection, so they cannot run inside a transaction that is rolled back: they use
# `transactional_db`, and pytest-django empties every table after each of them. Running
# load_demo again for every test cost about three seconds of CPU each (some ninety tests).
# Instead the first test to ask for the demo loads it and keeps every row of every table in
# memory; later tests put those rows back with one batched INSERT per table (a tenth of a second).
# Content types and permissions are left out: emptying the database recreates them, and the
# demo refers to neither. Sequences are moved past the restored ids, so rows a test creates
# never collide with them. This works the same on SQLite and PostgreSQL.
_demo_rows = {}


def _snapshot_demo():
    from django.apps import apps
    from django.db import connection

    for model in _demo_models(apps):
        fields = model._meta.concrete_fields
        rows = model._base_manager.values_list(*(field.attname for field in fields))
        _demo_rows[model] = [
            tuple(field.get_db_prep_save(value, connection) for field, value in zip(fields, row)) for row in rows
        ]


def _restore_demo():
    """Insert the rows as they were read (plain SQL: no save(), signals or auto_now dates)."""
    from django.core.management.color import no_style
    from django.db import connection, transaction

    quote = connection.ops.quote_name
    with transaction.atomic(), connection.cursor() as cursor:
        for model, rows in _demo_rows.items():
            columns = [field.column for field in model._meta.concrete_fields]
            insert = f"INSERT INTO {quote(model._meta.db_table)} ({', '.join(map(quote, columns))}) VALUES "
            if connection.vendor == "postgresql":
                # psycopg2's executemany sends one statement a row (some two thousand round
                # trips a test); execute_values sends a few hundred rows a statement.
                from psycopg2.extras import execute_values

                execute_values(cursor.cursor, insert + "%s", rows, page_size=500)
            else:
                cursor.executemany(insert + f"({', '.join(['%s'] * len(columns))})", rows)
        resets = connection.ops.sequence_reset_sql(no_style(), list(_demo_rows))
        if connection.vendor == "postgresql":
            cursor.execute(" ".join(resets))  # one round trip
        else:
            for statement in resets:
                cursor.execute(statement)


def _demo_models(apps):
    """Every table with rows after load_demo, but content types and permissions."""
    skipped = {("contenttypes", "contenttype"), ("auth", "permission")}
    return [
        model
        for model in apps.get_models(include_auto_created=True)
        if model._meta.managed
        and not model._meta.proxy
        and (model._meta.app_label, model._meta.model_name) not in skipped
        and model._base_manager.exists()
    ]


def load_demo_once(settings):
    """The demo, as `load_demo` gives it, into an empty database: loaded the first time in
    this process, put back from the rows kept then every time after. Leaves DEBUG on."""
    from django.core.management import call_command

    settings.DEBUG = True
    if _demo_rows:
        _restore_demo()
    else:
        call_command("load_demo", stdout=StringIO())
        _snapshot_demo()


@pytest.fixture
def demo(transactional_db, settings):
    """The demo data, as `make run` loads it, and the objects the browser tests visit:
    Merton's plan, its PEI sub-group and 2023-24 workplan, and an action with history."""
    from django.contrib.auth import get_user_model

    from plans.models import BusinessPlan
    from subgroups.models import Action, SubGroup, Workplan

    load_demo_once(settings)
    settings.DEBUG = False
    users = get_user_model().objects.in_bulk(DEMO_USERS_BY_ROLE.values(), field_name="username")
    plan = BusinessPlan.objects.get(partnership__slug="merton")
    subgroup = SubGroup.objects.get(partnership=plan.partnership, short_name="PEI")
    workplan = Workplan.objects.get(subgroup=subgroup, plan=plan, year="2023-24")
    action = (
        Action.objects.filter(workplan=workplan, updates__isnull=False)
        .order_by("order", "pk")
        .first()
    )
    return SimpleNamespace(
        plan=plan,
        subgroup=subgroup,
        workplan=workplan,
        action=action,
        users={role: users[username] for role, username in DEMO_USERS_BY_ROLE.items()},
        password=os.environ.get("DEMO_PASSWORD") or DEMO_PASSWORD,
    )


AXE_LOADED_JS = "() => typeof window.axe === 'object' && typeof window.axe.run === 'function'"


def _axe_script():
    from axe_playwright_python.base import AXE_SCRIPT

    return AXE_SCRIPT


def preload_axe(context):
    """Put axe-core in every page `context` opens, from the start, for a module that runs axe
    on every page it visits: `axe_violations` then runs it there without first sending its
    half-megabyte script to the page again."""
    context.add_init_script(script=_axe_script())


# The axe rules whose result depends on the page's styles rather than its markup alone: what
# the high-contrast scheme (colours, borders, underlines, outlines; nothing shown or hidden)
# can change.
AXE_STYLE_RULES = ["color-contrast", "link-in-text-block", "target-size"]


def axe_violations(page, context=None, rules=None):
    """The axe-core violations on the page as it stands, for the WCAG A/AA tags (or only
    `rules`, given by name). A quarter of axe's time goes on naming each element it reports,
    so it runs without names first and again with them only when something is wrong."""
    only = {"type": "rule", "values": rules} if rules else {"type": "tag", "values": AXE_TAGS}
    if not page.evaluate(AXE_LOADED_JS):
        page.evaluate(_axe_script())

    def run(**options):
        options = {"runOnly": only, "resultTypes": ["violations"], **options}
        arguments = [context, options] if context else [options]
        return page.evaluate(f"axe.run({', '.join(map(json.dumps, arguments))})")["violations"]

    return run(selectors=False) and run()


def describe_violations(violations):
    lines = []
    for violation in violations:
        lines.append(f"{violation['id']} ({violation['impact']}): {violation['help']}")
        for node in violation["nodes"][:5]:
            lines.append(f"    {', '.join(map(str, node['target']))}: {node['failureSummary']}")
    return "\n".join(lines)


@pytest.fixture
def assert_no_axe_violations():
    def check(page, label=""):
        violations = axe_violations(page)
        assert not violations, f"axe violations on {label or page.url}:\n" + describe_violations(
            violations
        )

    return check


def screenshot_path(nodeid):
    return SCREENSHOTS / (re.sub(r"[^A-Za-z0-9_.-]+", "_", nodeid).strip("_")[:180] + ".png")


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    report = yield
    if report.when == "call" and report.failed:
        page = getattr(item, "funcargs", {}).get("page")
        if page is not None and not page.is_closed():
            path = screenshot_path(item.nodeid)
            path.parent.mkdir(parents=True, exist_ok=True)
            try:
                page.screenshot(path=str(path), full_page=True)
            except Exception as error:  # the page may have crashed; the failure matters more
                report.sections.append(("screenshot", f"could not save a screenshot: {error}"))
            else:
                report.sections.append(("screenshot", f"saved to {path}"))
    return report


# Keyboard-only journeys.

MAX_TABS = 120

# The focused element, and whether it shows a focus indicator (an outline that is not
# transparent, or GOV.UK's box-shadow focus style).
FOCUS_JS = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const style = getComputedStyle(el);
  const outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2
    && !/rgba\\(\\d+, \\d+, \\d+, 0\\)|transparent/.test(style.outlineColor);
  const shadow = !!style.boxShadow && style.boxShadow !== 'none';
  const box = el.getBoundingClientRect();
  return {
    describe: el.tagName.toLowerCase() + ' ' + (el.getAttribute('href') || el.id || el.name || '')
      + ' "' + (el.innerText || el.value || '').trim().slice(0, 40) + '"',
    visible: (outline || shadow) && box.width > 0 && box.height > 0,
  };
}"""

# The rows of a workplan table (the workplan page, "My actions", the actions behind a count).
ROWS_JS = """() => [...document.querySelectorAll('table.app-workplan-table tbody tr')].map(row => ({
  reference: row.querySelector('.app-reference').firstChild.textContent.trim(),
  themes: row.cells[2].innerText.split('\\n').map(t => t.trim()).filter(Boolean),
  rating: row.querySelector('.app-brag').textContent.trim(),
}))"""


def wait_for_path(page, path):
    page.wait_for_url(lambda url: urlsplit(url).path == path)
    page.wait_for_load_state()


def tab_to(page, selector):
    """Press Tab until the element matching `selector` has focus, checking on the way that
    every element that takes focus shows it."""
    for _ in range(MAX_TABS):
        page.keyboard.press("Tab")
        focus = page.evaluate(FOCUS_JS)
        assert focus is not None, "focus left the page"
        assert focus["visible"], f"focus is not visible on {focus['describe']}"
        if page.evaluate("(selector) => document.activeElement.matches(selector)", selector):
            return
    pytest.fail(f"{selector} not reached with {MAX_TABS} presses of Tab")


def choose_with_arrows(page, select_id, label):
    """On a focused <select>, press the arrow keys until the option `label` is chosen."""
    assert page.evaluate("document.activeElement.id") == select_id
    for _ in range(40):
        chosen = page.evaluate("document.activeElement.selectedOptions[0].textContent.trim()")
        if chosen == label:
            return
        page.keyboard.press("ArrowDown")
    pytest.fail(f"option {label!r} not reached in #{select_id}")


# What a user would notice went wrong, whether or not the test's own steps did.

TEMPLATE_SYNTAX = re.compile(r"\{#|#\}|\{%|%\}|\{\{|\}\}")


def watch_for_problems(page):
    """Start recording what goes wrong on `page`: console errors, uncaught script errors,
    requests that fail, and responses of 400 or more. Returns the list it appends to."""
    problems = []
    page.on(
        "console",
        lambda message: problems.append(f"console {message.type}: {message.text}")
        if message.type == "error"
        else None,
    )
    page.on("pageerror", lambda error: problems.append(f"uncaught error: {error}"))
    page.on(
        "requestfailed",
        lambda request: problems.append(f"request failed: {request.method} {request.url}"),
    )
    page.on(
        "response",
        lambda response: problems.append(f"HTTP {response.status}: {response.url}")
        if response.status >= 400
        else None,
    )
    return problems
