"""What the permission grids (subgroups/tests/test_permissions.py and
plans/tests/test_configuration_grid.py) share, so that a thousand requests stay quick: a
session for each role made once, each role's request in a block whose writes are undone before
the next role's, and whether the request changed the database, read in one statement at most."""

import time
from contextlib import contextmanager

import pytest
from django.apps import apps
from django.conf import settings
from django.core import mail
from django.db import connection, transaction
from django.test import Client

from mscp.middleware import SESSION_RENEWED_AT
from reports import pdf

# Every table of these apps, history and many-to-many tables included.
OUR_APPS = ("plans", "subgroups", "reports")


def app_models(*app_labels: str) -> list:
    return [
        model
        for label in app_labels
        for model in apps.get_app_config(label).get_models(include_auto_created=True)
    ]


class Watched:
    """The tables a grid watches, and their state once its world is built. Every case starts
    from that state: each runs in a block whose writes are rolled back (`case`), inside a test
    whose writes are rolled back (pytest-django's `db`)."""

    def __init__(self, models):
        self.tables = [(model, None) if isinstance(model, type) else model for model in models]
        self.names = [connection.ops.quote_name(model._meta.db_table) for model, _fields in self.tables]
        self.state = self.read()
        self.rows_written()

    def __deepcopy__(self, memo):
        return self  # one for the module, shared by each test's copy of the world

    def read(self) -> dict[str, str]:
        """Each table's rows in one statement: per table its row count and a digest (an MD5 on
        PostgreSQL, the rows themselves on SQLite) of every column of every row in primary key
        order, or of the columns named where a model came as (model, [field names])."""
        with connection.cursor() as cursor:
            cursor.execute(" UNION ALL ".join(_table_sql(index, *table) for index, table in enumerate(self.tables)))
            rows = dict(cursor.fetchall())
        return {model._meta.label: rows[index] for index, (model, _fields) in enumerate(self.tables)}

    def rows_written(self) -> int:
        """A count that grows with every row inserted, updated or deleted in the watched tables
        (PostgreSQL) or in any table (SQLite) since the transaction (PostgreSQL) or connection
        (SQLite) began, written by a block later rolled back included. While it stands still
        nothing changed, and the state need not be read."""
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                cursor.execute(
                    "SELECT sum(pg_stat_get_xact_tuples_inserted(t) + pg_stat_get_xact_tuples_updated(t)"
                    " + pg_stat_get_xact_tuples_deleted(t)) FROM unnest(%s::regclass[]) t",
                    [self.names],
                )
            else:
                cursor.execute("SELECT total_changes()")
            self.last_count = cursor.fetchone()[0]
            return self.last_count

    @contextmanager
    def case(self):
        """One role's request: whatever the block writes is rolled back at its end (or when it
        raises), so the next role's starts from the same database."""
        with transaction.atomic():
            yield Case(self)
            transaction.set_rollback(True)


class Case:
    """Whether the database changed within one case: the tables' rows, and the mail sent."""

    def __init__(self, watched: Watched):
        self.watched = watched
        # The count last read, at the end of an earlier case, not a query now: a rollback moves
        # no count, so if it has not moved since then, nothing was written in this case either.
        # (Were something written in between, outside any case, the count would have moved, and
        # `changed` would read the state to compare: slower, never wrong.)
        self.state, self.written, self.mail = watched.state, watched.last_count, len(mail.outbox)

    def mark(self):
        """Compare with the database as it is now: after the case's own preparation (an upload,
        say), not as it began."""
        written = self.watched.rows_written()
        if written != self.written:
            self.state, self.written = self.watched.read(), written
        self.mail = len(mail.outbox)

    def changed(self) -> list[str]:
        """The tables whose rows differ from the mark's, and "mail" if any was sent. A row
        written and then undone (a savepoint the view rolled back) is no change."""
        changed = ["mail"] if len(mail.outbox) != self.mail else []
        if self.watched.rows_written() == self.written:
            return changed
        after = self.watched.read()
        return [label for label in self.state if self.state[label] != after[label]] + changed


def _table_sql(index: int, model, fields) -> str:
    quote = connection.ops.quote_name
    meta = model._meta
    table, pk = quote(meta.db_table), quote(meta.pk.column)
    if connection.vendor == "postgresql":
        if fields:
            row = "ROW(" + ", ".join(f"t.{quote(meta.get_field(name).column)}" for name in fields) + ")::text"
        else:
            row = "t::text"
        return (
            f"SELECT {index}, count(*) || ':' || coalesce(md5(string_agg({row}, '|' ORDER BY t.{pk})), '')"
            f" FROM {table} t"
        )
    # SQLite (3.40 has no ORDER BY inside an aggregate): quote() writes any value as a literal.
    columns = [meta.get_field(name).column for name in fields] if fields else [f.column for f in meta.concrete_fields]
    row = " || ',' || ".join(f"quote({quote(column)})" for column in columns)
    return (
        f"SELECT {index}, count(*) || ':' || coalesce(group_concat(r, '|'), '')"
        f" FROM (SELECT {row} AS r FROM {table} ORDER BY {pk})"
    )


def sign_in_once(users: dict) -> dict[str, str]:
    """A session for each role's user, made once for a module's grid (inside its world's
    transaction): signing in writes a session, a last sign-in time and a log row, which a
    thousand requests need not repeat. Each session is marked just renewed, so that no request
    writes it again (mscp.middleware.SessionRenewalMiddleware). Returns each role's session key,
    for `client_as`."""
    keys = {}
    for role, user in users.items():
        client = Client()
        client.force_login(user)
        session = client.session
        session[SESSION_RENEWED_AT] = int(time.time())
        session.save()
        keys[role] = session.session_key
    return keys


def client_as(role: str, sessions: dict[str, str]) -> Client:
    """A test client signed in as `role` through its session (anonymous: not signed in), with
    no other cookie: none that an earlier response set (a message, say) carries on. One client
    per role, kept: a new one would load the middleware again for its first request."""
    client = _clients.setdefault(role, Client())
    client.cookies.clear()
    if role != "anonymous":
        client.cookies[settings.SESSION_COOKIE_NAME] = sessions[role]
    return client


_clients: dict[str, Client] = {}


@contextmanager
def each_pdf_made_once():
    """WeasyPrint makes each distinct document once and hands the same bytes back for the same
    HTML again: the grid asks for a PDF as every role that may read it, and each of those
    requests still runs its view and template for that role, but laying the same pages out
    again (most of a second each) would tell nothing new. reports/tests/test_pdfs.py reads the
    PDFs themselves."""
    made = {}
    html_to_pdf = pdf.html_to_pdf

    def made_once(html: str) -> bytes:
        if html not in made:
            made[html] = html_to_pdf(html)
        return made[html]

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(pdf, "html_to_pdf", made_once)
        yield
