"""Page timings at scale: `python bench/pages.py [--scale N] [--rounds R]`.

Loads `load_demo --scale N` (default 100) into a scratch database (a temporary SQLite file,
or the PostgreSQL database named by BENCH_DATABASE_URL, which it empties first), then times
each page in-process with Django's test client, in interleaved rounds (every page once per
round, so a busy moment of the machine falls on all of them alike), and prints each page's
median server time with two ratios:

- to the Django admin's changelist of actions (100 rows a page) measured in the same rounds.
  Targets: dashboard and exception report no slower than the changelist; workplan page no
  more than 1.5 times it;
- to the page's floor: the SQL statements the page runs for its own figures and rows, executed
  straight through a database cursor (no ORM, no templates), plus one request for the
  product's plainest page (the accessibility statement: base template, session, sign-in).
  The statements the plainest page runs as well (session, user, partnership menu) are counted
  once, in that request. Target: each review page within 3 times its floor.
"""

import argparse
import re
import statistics
import time

from scratch import load_scratch_demo  # bench/ is on the path when a bench script runs

CHANGELIST = "admin changelist (100 rows)"
PLAINEST = "plainest page (accessibility)"
CHANGELIST_TARGETS = {"dashboard, year": 1.0, "exception report": 1.0, "workplan page": 1.5}
FLOOR_TARGET = 3.0
FLOORED = ("dashboard, year", "dashboard, whole plan", "exception report", "workplan page", "My actions")


def captured_statements(client, url) -> list[tuple[str, tuple]]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200, url
    # The executed SQL has its parameters interpolated; savepoints are the test client's. A
    # form's choices are read through a server-side cursor on PostgreSQL: its SELECT is run.
    return [
        re.sub(r'^DECLARE "\w+" NO SCROLL CURSOR WITH HOLD FOR ', "", query["sql"])
        for query in captured.captured_queries
        if "SAVEPOINT" not in query["sql"]
    ]


def is_request_overhead(sql: str, plainest: set[str]) -> bool:
    """A statement every signed-in page runs: the plainest page ran it too, or it reads or
    renews the session (whose expiry time differs from request to request)."""
    return sql in plainest or "django_session" in sql


def run_statements(statements: list[str]) -> None:
    from django.db import connection

    with connection.cursor() as cursor:
        for sql in statements:
            cursor.execute(sql)
            if cursor.description is not None:
                cursor.fetchall()


def timed(work, *args) -> float:
    started = time.perf_counter()
    work(*args)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=int, default=100)
    parser.add_argument("--rounds", type=int, default=15)
    parser.add_argument("--show-sql", action="store_true", help="print the statements each floor runs")
    parser.add_argument(
        "--cold", action="store_true",
        help="empty the cache before every request, so each page computes its figures (by default "
        "the review pages' figures are cached from the first round on, as between writes)",
    )
    args = parser.parse_args()

    load_scratch_demo(args.scale)
    from django.contrib.auth.models import User
    from django.core.cache import cache
    from django.test import Client
    from django.urls import reverse

    from plans.models import BusinessPlan
    from subgroups.models import Workplan

    client = Client()
    client.force_login(User.objects.get(username="bsu"))
    lead = Client()
    lead.force_login(User.objects.get(username="pei-lead"))
    # The admin is for superusers only: its changelist, the baseline, is timed as one.
    admin_client = Client()
    admin_client.force_login(User.objects.create_superuser("bench-admin", "", None))
    plan = BusinessPlan.objects.get(partnership__slug="merton")
    workplan = Workplan.objects.filter(plan=plan).order_by("-year", "subgroup__short_name").first()
    pages = {
        CHANGELIST: (admin_client, reverse("admin:subgroups_action_changelist")),
        PLAINEST: (client, reverse("plans:accessibility")),
        # The dashboard opens on the workplan year holding its date; "all" counts the whole plan.
        "dashboard, year": (client, f"{reverse('reports:dashboard')}?plan={plan.pk}"),
        "dashboard, whole plan": (client, f"{reverse('reports:dashboard')}?plan={plan.pk}&year=all"),
        "exception report": (client, f"{reverse('reports:exceptions')}?plan={plan.pk}"),
        "workplan page": (client, workplan.get_absolute_url()),
        "My actions": (lead, reverse("subgroups:my-actions")),
        "plan page": (client, plan.get_absolute_url()),
    }
    plainest_client, plainest_url = pages[PLAINEST]
    shared = set(captured_statements(plainest_client, plainest_url))
    own_sql = {
        name: [sql for sql in captured_statements(*pages[name]) if not is_request_overhead(sql, shared)] for name in FLOORED
    }

    if args.show_sql:
        for name, statements in own_sql.items():
            print(name)
            for sql in statements:
                print("   ", sql[:150])
    samples: dict[str, list[float]] = {name: [] for name in [*pages, *(f"{name} SQL" for name in FLOORED)]}
    for _ in range(args.rounds):
        for name, (browser, url) in pages.items():
            if args.cold:
                cache.clear()
            samples[name].append(timed(browser.get, url))
        for name in FLOORED:
            samples[f"{name} SQL"].append(timed(run_statements, own_sql[name]))
    median = {name: statistics.median(values) for name, values in samples.items()}
    baseline = median[CHANGELIST]

    print(f"{args.rounds} interleaved rounds ({'cache emptied before each request' if args.cold else 'cache warm'}); medians in ms")
    print(f"{'page':30} {'median':>8} {'x changelist':>13} {'floor':>7} {'x floor':>8}  targets")
    for name in pages:
        verdicts = []
        if name in CHANGELIST_TARGETS:
            target = CHANGELIST_TARGETS[name]
            verdicts.append(f"<= {target}x changelist " + ("met" if median[name] / baseline <= target else "MISSED"))
        floor = ""
        ratio = ""
        if name in FLOORED:
            floor_time = median[f"{name} SQL"] + median[PLAINEST]
            floor = f"{floor_time * 1000:7.1f}"
            ratio = f"{median[name] / floor_time:8.2f}"
            verdicts.append(f"<= {FLOOR_TARGET}x floor " + ("met" if median[name] / floor_time <= FLOOR_TARGET else "MISSED"))
            floor_note = f" ({len(own_sql[name])} statements, {median[f'{name} SQL'] * 1000:.1f} ms)"
        else:
            floor_note = ""
        print(
            f"{name:30} {median[name] * 1000:8.1f} {median[name] / baseline:13.2f} {floor:>7} {ratio:>8}  "
            + "; ".join(verdicts) + floor_note
        )


if __name__ == "__main__":
    main()
