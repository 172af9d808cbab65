"""`manage.py load_demo [--reset] [--scale N] [--force]`: the demo partnerships and users.

Creates what is missing and keeps what is there, so running it again (as `make run` does)
never undoes anyone's changes; `--reset` restores the demo as shipped."""

import os
import time

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from mscp.demo.load import DEMO_USERS, demo_load, demo_logo_load, demo_reset, synthetic_load

DEFAULT_DEMO_PASSWORD = "mscp-demo-2023"


class Command(BaseCommand):
    help = (
        "Load the Merton and Medway demo partnerships, their plans, workplans and demo users. "
        "Creates only what is missing: rows already there, and the demo users' passwords, are "
        "kept as they are. With --reset, restore the demo as shipped. With --scale N, also add "
        "N synthetic partnerships for benchmarks."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--scale",
            type=int,
            default=0,
            metavar="N",
            help="Also add N synthetic partnerships the size of Merton's.",
        )
        parser.add_argument(
            "--reset",
            action="store_true",
            help="Restore the demo as shipped: delete Merton and Medway with every change made "
            "to them (actions, updates, reports) and load them again, and give the demo users "
            "the demo password back (which signs them out).",
        )
        parser.add_argument(
            "--force",
            action="store_true",
            help="Create the demo users even though DEBUG is off.",
        )

    def handle(self, *args, scale, reset, force, **options):
        if scale < 0:
            raise CommandError("--scale must be 0 or more.")
        if not settings.DEBUG and not force:
            raise CommandError(
                "Refusing to create demo users with a known password while DEBUG is off. "
                "Run with DEBUG=1, or pass --force if you really mean it."
            )
        password = os.environ.get("DEMO_PASSWORD") or DEFAULT_DEMO_PASSWORD
        started = time.monotonic()
        if reset:
            self.stdout.write(
                f"Demo reset: {demo_reset(password=password)} loaded as shipped. The demo users "
                "have the demo password again (and are signed out)."
            )
        else:
            report = demo_load(password=password)
            if report.created:
                self.stdout.write(f"Demo loaded: created {report}.")
            else:
                self.stdout.write("Demo already loaded: nothing to create.")
            self.stdout.write(
                "Rows already there are kept as they are (load_demo --reset restores the demo "
                "as shipped)."
            )
        if demo_logo_load(author=get_user_model().objects.get(username="bsu")):
            self.stdout.write("Merton's demo logo added.")
        if scale:
            author = get_user_model().objects.get(username="bsu")
            created = synthetic_load(count=scale, author=author)
            self.stdout.write(
                f"Synthetic partnerships: {created} created ({scale} requested, "
                f"{scale - created} already there)."
            )
        self.stdout.write(f"Took {time.monotonic() - started:.1f}s.")
        self.stdout.write(
            self.style.SUCCESS(
                "Demo logins (password from DEMO_PASSWORD, default "
                f'"{DEFAULT_DEMO_PASSWORD}"): ' + ", ".join(DEMO_USERS)
            )
        )
