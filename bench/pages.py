"""Page timings at scale: `python bench/pages.py [--scale N] [--repeat R]`.

Loads `load_demo --scale N` (default 100) into a scratch database (a temporary SQLite file,
or the PostgreSQL database named by BENCH_DATABASE_URL, which it empties first), then times
each page in-process with Django's test client and prints the median server time and its
ratio to the Django admin's changelist of actions (100 rows a page) measured in the same run.
Targets: dashboard and exception report no slower than the changelist; workplan page no more
than 1.5 times it.
"""

import argparse
import statistics
import time

from scratch import load_scratch_demo  # bench/ is on the path when a bench script runs

TARGETS = {"dashboard": 1.0, "exception report": 1.0, "workplan page": 1.5}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=int, default=100)
    parser.add_argument("--repeat", type=int, default=15)
    args = parser.parse_args()

    load_scratch_demo(args.scale)
    from django.contrib.auth.models import User
    from django.test import Client
    from django.urls import reverse

    from plans.models import BusinessPlan
    from subgroups.models import Workplan

    client = Client()
    client.force_login(User.objects.get(username="bsu"))
    # The admin is for superusers only: its changelist, the baseline, is timed as one.
    admin_client = Client()
    admin_client.force_login(User.objects.create_superuser("bench-admin", "", None))
    plan = BusinessPlan.objects.get(partnership__slug="merton")
    workplan = Workplan.objects.filter(plan=plan).order_by("-year", "subgroup__short_name").first()
    pages = {
        "admin changelist (100 rows)": reverse("admin:subgroups_action_changelist"),
        "dashboard": f"{reverse('reports:dashboard')}?plan={plan.pk}",
        "exception report": f"{reverse('reports:exceptions')}?plan={plan.pk}",
        "workplan page": workplan.get_absolute_url(),
        "plan page": plan.get_absolute_url(),
    }
    medians = {}
    for name, url in pages.items():
        browser = admin_client if name.startswith("admin") else client
        assert browser.get(url).status_code == 200, name  # warm up, and check it works
        samples = []
        for _ in range(args.repeat):
            started = time.perf_counter()
            browser.get(url)
            samples.append(time.perf_counter() - started)
        medians[name] = statistics.median(samples)
    baseline = medians["admin changelist (100 rows)"]
    print(f"{'page':32} {'median ms':>10} {'x changelist':>13}  target")
    for name, median in medians.items():
        target = TARGETS.get(name)
        verdict = "" if target is None else (f"<= {target}x " + ("met" if median / baseline <= target else "MISSED"))
        print(f"{name:32} {median * 1000:10.1f} {median / baseline:13.2f}  {verdict}")


if __name__ == "__main__":
    main()
