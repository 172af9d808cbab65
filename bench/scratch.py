"""The scratch database the in-process benchmarks measure: `load_demo --scale N` loaded into
a temporary SQLite file, or into the PostgreSQL database named by BENCH_DATABASE_URL (which
is emptied first), with the test settings (production settings without HTTPS redirects or
hashed static names)."""

import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def load_scratch_demo(scale: int) -> None:
    """Set Django up on a scratch database holding `load_demo --scale scale`."""
    scratch = tempfile.mkdtemp(prefix="mscp-bench-")
    os.environ["DATABASE_URL"] = os.environ.get("BENCH_DATABASE_URL", f"sqlite:///{scratch}/bench.sqlite3")
    os.environ["DJANGO_SETTINGS_MODULE"] = "mscp.settings_test"
    os.environ["DEBUG"] = "0"
    os.environ.setdefault("SECRET_KEY", "bench-only-secret-key-not-for-production-use-0123456789")
    os.environ.setdefault("ALLOWED_HOSTS", "testserver")
    os.environ["SECURE_SSL_REDIRECT"] = "0"
    os.environ["WHITENOISE_USE_FINDERS"] = "1"

    import django

    django.setup()
    from django.core.management import call_command

    from subgroups.models import Action

    if "BENCH_DATABASE_URL" in os.environ:
        call_command("flush", interactive=False, verbosity=0)
    call_command("migrate", verbosity=0)
    started = time.monotonic()
    call_command("load_demo", "--scale", str(scale), "--force", verbosity=0)
    print(f"load_demo --scale {scale}: {time.monotonic() - started:.1f}s, {Action.objects.count()} actions")
