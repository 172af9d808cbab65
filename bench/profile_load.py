"""Where a worker's time goes under the load mix: `python bench/profile_load.py [--requests 1500]`.

Loads `load_demo --scale 100` into a scratch database (see scratch.py; BENCH_DATABASE_URL for
PostgreSQL), signs in the same users as bench/load.py and replays the same mix in one process
with Django's test client, as one web worker would see it: 90% page reads (plan, workplan,
dashboard, exception report, My actions) and 10% BRAG updates, each user on their own
partnership, the default cache kept between requests. The first pass warms the process (the
first request of each page compiles templates); the second runs under cProfile. It prints each
kind of request's mean time and the profile's top entries by own time and by cumulative time.
"""

import argparse
import cProfile
import io
import pstats
import random
import statistics
import time
import uuid
from collections import defaultdict

from scratch import load_scratch_demo  # bench/ is on the path when a bench script runs

READS = ["plan", "workplan", "dashboard", "exceptions", "my actions"]
# (file ending, function) whose cumulative time stands for an area of the profile.
AREAS = {
    "templates (render_to_string)": ("django/template/loader.py", "render_to_string"),
    "ORM statements, built and run (SQLCompiler.execute_sql)": ("django/db/models/sql/compiler.py", "execute_sql"),
    "  building SQL (SQLCompiler.as_sql)": ("django/db/models/sql/compiler.py", "as_sql"),
    "  in the database and its driver (cursor.execute)": ("~", "<method 'execute' of 'psycopg2.extensions.cursor' objects>"),
    "cached figures read and stored (plans.data_stamp.cached)": ("plans/data_stamp.py", "cached"),
    "session read (SessionStore.load)": ("django/contrib/sessions/backends/db.py", "load"),
}


def replay(clients, users, count, seed, timings=None):
    rng = random.Random(seed)
    for _ in range(count):
        index = rng.randrange(len(users))
        client, user = clients[index], users[index]
        started = time.perf_counter()
        if rng.random() < 0.9:
            kind = rng.choice(READS)
            page = user["pages"][kind]
            path = rng.choice(page) if isinstance(page, list) else page
            status = client.get(path).status_code
            expected = 200
        else:
            kind = "update"
            action = rng.choice(user["actions"])
            prefix = f"update-{action}-"
            day = user["as_at"]
            data = {
                prefix + "rating": rng.choice(["green", "amber", "red"]),
                prefix + "narrative": f"Progress checked at the load profile (load-{uuid.uuid4().hex}).",
                prefix + "as_at_0": day.day, prefix + "as_at_1": day.month, prefix + "as_at_2": day.year,
            }
            status = client.post(f"/actions/{action}/update/", data).status_code
            expected = 302
        assert status == expected, (kind, status)
        if timings is not None:
            timings[kind].append(time.perf_counter() - started)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=int, default=100)
    parser.add_argument("--users", type=int, default=40)
    parser.add_argument("--requests", type=int, default=1500)
    parser.add_argument("--top", type=int, default=30)
    args = parser.parse_args()

    load_scratch_demo(args.scale)
    from django.conf import settings
    from django.test import Client

    from load import sign_in_users

    users = sign_in_users(args.users)
    clients = []
    for user in users:
        client = Client()
        client.cookies[settings.SESSION_COOKIE_NAME] = user["session"]
        clients.append(client)

    replay(clients, users, args.requests // 3, seed=1)
    timings = defaultdict(list)
    profile = cProfile.Profile()
    started = time.perf_counter()
    profile.enable()
    replay(clients, users, args.requests, seed=2, timings=timings)
    profile.disable()
    elapsed = time.perf_counter() - started

    print(f"\n{args.requests} requests in {elapsed:.1f}s under the profiler: "
          f"{elapsed / args.requests * 1000:.1f} ms a request")
    print(f"{'':12} {'count':>6} {'mean ms':>8}")
    for kind in [*READS, "update"]:
        print(f"{kind:12} {len(timings[kind]):6} {statistics.mean(timings[kind]) * 1000:8.1f}")
    stats = pstats.Stats(profile)
    print(f"\nWhere the time went (areas overlap: a template may run a query), of {elapsed:.1f}s:")
    for area, (path, function) in AREAS.items():
        seconds = sum(
            cumulative
            for (filename, _line, name), (_calls, _primitive, _own, cumulative, _callers) in stats.stats.items()
            if name == function and filename.endswith(path)
        )
        print(f"  {area:58} {seconds:6.1f}s {seconds / elapsed:6.1%}")
    out = io.StringIO()
    pstats.Stats(profile, stream=out).sort_stats("tottime").print_stats(args.top)
    print("\n--- by own time ---")
    print(out.getvalue().split("\n", 6)[-1])
    out = io.StringIO()
    pstats.Stats(profile, stream=out).sort_stats("cumulative").print_stats(r"/(plans|subgroups|reports|mscp)/", args.top)
    print("--- the product's own functions, by cumulative time ---")
    print(out.getvalue().split("\n", 6)[-1])

if __name__ == "__main__":
    main()
