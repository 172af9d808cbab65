"""Load and integrity under mixed traffic: `python bench/load.py [--seconds 60] [--users 40]`.

Loads `load_demo --scale 100` into a scratch PostgreSQL database (BENCH_DATABASE_URL, default
postgres://postgres@127.0.0.1:5432/mscp_load, created if missing and emptied first), starts
gunicorn with 2 workers on the production settings (as `make serve` does), and sends mixed
traffic from loopback for a bounded time: 90% page reads (plan, workplan, dashboard, exception
report, My actions) and 10% BRAG updates, from many signed-in users spread over the
partnerships. It prints requests per second, p50/p95 latency and errors, then checks that every
update the server accepted exists exactly once and every refused one not at all, and the
resident memory of each worker at the end of the run (and its peak).
Targets: at least 50 requests/s with p95 under 1 s, 0 errors, 0 lost or duplicated updates,
and each worker's resident memory after the run under WORKER_RSS_LIMIT_MB.
"""

import argparse
import os
import random
import re
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from plans.tests.servers import NoRedirect, collect_static, gunicorn, production_environment  # noqa: E402

SECRET = "load-bench-only-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz"
READS = ["plan", "workplan", "dashboard", "exceptions", "my actions"]
TARGET_RPS = 50
TARGET_P95_SECONDS = 1.0
# A worker's resident memory after the run (Linux's VmRSS): what a machine must hold per worker.
WORKER_RSS_LIMIT_MB = 150


def worker_memory(master_pid: int) -> list[tuple[int, float, float]]:
    """(pid, resident MB, peak resident MB) of each child of gunicorn's master, from /proc."""
    workers = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
            if int(fields[1]) != master_pid:
                continue
            status = dict(
                line.split(":", 1) for line in (stat.parent / "status").read_text().splitlines() if ":" in line
            )
        except (OSError, IndexError, ValueError):
            continue  # a process that ended while being read
        workers.append((
            int(stat.parent.name),
            int(status["VmRSS"].split()[0]) / 1024,
            int(status["VmHWM"].split()[0]) / 1024,
        ))
    return sorted(workers)


def prepare_database(env, scale):
    url = env["DATABASE_URL"]
    name = urllib.parse.urlsplit(url).path.lstrip("/")
    subprocess.run(["psql", "-q", "-d", url.rsplit("/", 1)[0] + "/postgres", "-c", f'CREATE DATABASE "{name}"'],
                   capture_output=True)
    manage = [sys.executable, "manage.py"]
    subprocess.run([*manage, "flush", "--noinput"], cwd=ROOT, env=env, check=True)
    subprocess.run([*manage, "migrate", "--noinput", "-v0"], cwd=ROOT, env=env, check=True)
    subprocess.run([*manage, "load_demo", "--scale", str(scale), "--force", "-v0"], cwd=ROOT, env=env, check=True)


def sign_in_users(count):
    """`count` BSU users spread over the partnerships, each with a session and its plan's
    pages and updatable actions."""
    from django.contrib.auth import get_user_model
    from django.contrib.sessions.backends.db import SessionStore
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY

    from plans.models import BusinessPlan, Membership
    from subgroups.models import Action, Workplan

    User = get_user_model()
    plans = list(BusinessPlan.objects.select_related("partnership").order_by("pk"))
    users = []
    for n in range(count):
        plan = plans[n % len(plans)]
        user, _ = User.objects.get_or_create(username=f"load-{n:03d}")
        Membership.objects.get_or_create(user=user, partnership=plan.partnership, defaults={"role": Membership.Role.BSU})
        session = SessionStore()
        session[SESSION_KEY] = str(user.pk)
        session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
        session[HASH_SESSION_KEY] = user.get_session_auth_hash()
        session.create()
        workplans = list(Workplan.objects.filter(plan=plan).values_list("pk", flat=True))
        actions = list(Action.objects.filter(workplan__plan=plan, is_retired=False).values_list("pk", flat=True))
        users.append({
            "session": session.session_key,
            "pages": {
                "plan": plan.get_absolute_url(),
                "workplan": [f"/workplans/{pk}/" for pk in workplans],
                "dashboard": f"/reports/dashboard/?plan={plan.pk}",
                "exceptions": f"/reports/exceptions/?plan={plan.pk}",
                "my actions": "/my-actions/",
            },
            "actions": actions,
            "as_at": plan.reporting_date(),
        })
    return users



OPENER = urllib.request.build_opener(NoRedirect)


def request(base, path, user, data=None, cookies=""):
    # As the TLS-terminating load balancer forwards it; CSRF checks the Referer over HTTPS.
    headers = {"Cookie": f"sessionid={user['session']}; {cookies}", "X-Forwarded-Proto": "https",
               "Referer": base.replace("http://", "https://") + path}
    body = urllib.parse.urlencode(data).encode() if data is not None else None
    started = time.perf_counter()
    try:
        response = OPENER.open(urllib.request.Request(base + path, data=body, headers=headers), timeout=60)
        status, text = response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        status, text = error.code, error.read().decode(errors="replace")
    except OSError as error:
        status, text = 0, str(error)
    return status, text, time.perf_counter() - started


def csrf_for(base, user):
    """A CSRF cookie and form token for the user's session, from an update form."""
    path = f"/actions/{user['actions'][0]}/update/"
    headers = {"Cookie": f"sessionid={user['session']}", "X-Forwarded-Proto": "https"}
    response = OPENER.open(urllib.request.Request(base + path, headers=headers), timeout=60)
    html = response.read().decode()
    cookie = re.search(r"csrftoken=([^;]+)", response.headers["Set-Cookie"])[1]
    user["csrf_cookie"] = f"csrftoken={cookie}"
    user["csrf_token"] = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)[1]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--users", type=int, default=40, help="signed-in users (one client thread each)")
    parser.add_argument("--scale", type=int, default=100)
    args = parser.parse_args()

    static_root = tempfile.mkdtemp(prefix="mscp-load-static-")
    env = production_environment(
        DATABASE_URL=os.environ.get("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/mscp_load"),
        SECRET_KEY=SECRET, STATIC_ROOT=static_root, LOG_LEVEL="WARNING",
    )
    os.environ.update({key: env[key] for key in ("DATABASE_URL", "SECRET_KEY", "DEBUG", "ALLOWED_HOSTS", "DJANGO_SETTINGS_MODULE", "STATIC_ROOT")})
    started = time.monotonic()
    prepare_database(env, args.scale)
    collect_static(env)
    import django

    django.setup()
    from subgroups.models import Action, ActionUpdate

    users = sign_in_users(args.users)
    print(f"load_demo --scale {args.scale}: {Action.objects.count()} actions, "
          f"{len(users)} users; ready in {time.monotonic() - started:.0f}s")

    results = []  # (kind, status, seconds)
    sent = []  # (marker, status)
    lock = threading.Lock()
    master = []
    with gunicorn(env | {"LOG_LEVEL": "WARNING"}, workers=2, pids=master) as (base, output):
        for user in users:
            csrf_for(base, user)
        deadline = time.monotonic() + args.seconds

        def client(user, seed):
            rng = random.Random(seed)
            while time.monotonic() < deadline:
                if rng.random() < 0.9:
                    kind = rng.choice(READS)
                    page = user["pages"][kind]
                    path = rng.choice(page) if isinstance(page, list) else page
                    status, _, seconds = request(base, path, user)
                    ok = status == 200
                else:
                    kind = "update"
                    action = rng.choice(user["actions"])
                    marker = f"load-{uuid.uuid4().hex}"
                    prefix = f"update-{action}-"
                    day = user["as_at"]
                    data = {
                        "csrfmiddlewaretoken": user["csrf_token"],
                        prefix + "rating": rng.choice(["green", "amber", "red"]),
                        prefix + "narrative": f"Progress checked at the load test ({marker}).",
                        prefix + "as_at_0": day.day, prefix + "as_at_1": day.month, prefix + "as_at_2": day.year,
                    }
                    status, _, seconds = request(base, f"/actions/{action}/update/", user, data, user["csrf_cookie"])
                    ok = status == 302
                    with lock:
                        sent.append((marker, ok))
                with lock:
                    results.append((kind, status, seconds, ok))

        threads = [threading.Thread(target=client, args=(user, n)) for n, user in enumerate(users)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        server_errors = [line for line in output if '"level": "ERROR"' in line]
        memory = worker_memory(master[0])

    elapsed = args.seconds
    errors = [(kind, status) for kind, status, _, ok in results if not ok]
    rate = len(results) / elapsed
    print(f"\n{len(results)} requests in {elapsed}s: {rate:.1f} requests/s")
    print(f"{'':10} {'count':>7} {'p50 ms':>8} {'p95 ms':>8}")
    p95s = {}
    for kind in ["all", *READS, "update"]:
        times = sorted(s for k, _, s, _ in results if kind in ("all", k))
        if times:
            p95 = times[min(len(times) - 1, int(len(times) * 0.95))]
            p95s[kind] = p95
            print(f"{kind:10} {len(times):7} {statistics.median(times) * 1000:8.0f} {p95 * 1000:8.0f}")
    throughput_ok = rate >= TARGET_RPS and p95s.get("all", float("inf")) < TARGET_P95_SECONDS
    print(f"throughput (>= {TARGET_RPS} requests/s, p95 < {TARGET_P95_SECONDS * 1000:.0f} ms):",
          "met" if throughput_ok else "MISSED")
    for pid, rss, peak in memory:
        print(f"worker {pid}: resident {rss:.0f} MB after the run (peak {peak:.0f} MB)")
    memory_ok = bool(memory) and all(rss < WORKER_RSS_LIMIT_MB for _pid, rss, _peak in memory)
    print(f"memory (each worker under {WORKER_RSS_LIMIT_MB} MB resident after the run):",
          "met" if memory_ok else "MISSED")
    print(f"errors: {len(errors)} {sorted(set(errors))[:10] if errors else ''}; server errors logged: {len(server_errors)}")

    found = dict.fromkeys((marker for marker, _ in sent), 0)
    for narrative in ActionUpdate.objects.filter(narrative__contains="(load-").values_list("narrative", flat=True):
        marker = re.search(r"\((load-[0-9a-f]+)\)", narrative)[1]
        found[marker] = found.get(marker, 0) + 1
    accepted = [marker for marker, ok in sent if ok]
    lost = sum(1 for marker in accepted if found[marker] == 0)
    duplicated = sum(1 for marker in accepted if found[marker] > 1)
    phantom = sum(1 for marker, ok in sent if not ok and found[marker])
    print(f"updates: {len(sent)} sent, {len(accepted)} accepted; lost {lost}, duplicated {duplicated}, "
          f"stored though refused {phantom}")
    ok = not errors and not server_errors and not (lost or duplicated or phantom)
    print("integrity (0 errors, 0 lost or duplicated updates):", "met" if ok else "MISSED")
    sys.exit(0 if ok and throughput_ok and memory_ok else 1)


if __name__ == "__main__":
    main()
