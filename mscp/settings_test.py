"""Test settings: the real settings, with a development key and fast password hashing.

The database still comes from DATABASE_URL, so CI runs the suite on PostgreSQL. A developer's
`.env` is never read: only the environment the tests run in counts, and the processes the
tests start inherit that.
"""

import os

os.environ["MSCP_ENV_FILE"] = ""
os.environ.setdefault("MSCP_ALLOW_DEV_SECRET", "1")
os.environ.setdefault("SECURE_SSL_REDIRECT", "0")

from mscp.settings import *  # noqa: E402,F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# The live server serves static files through Django's own handler (pytest-django wraps it
# in StaticFilesHandler); WhiteNoise scanning the finders for every test client cost 30 ms a test.
WHITENOISE_USE_FINDERS = False
STORAGES["staticfiles"]["BACKEND"] = "django.contrib.staticfiles.storage.StaticFilesStorage"  # noqa: F405
# Files go to the private folder (each test's own, see subgroups/tests/conftest.py) even where
# the environment names an S3 bucket; subgroups/tests/test_s3_storage.py sets its own.
STORAGES["default"] = {"BACKEND": "django.core.files.storage.FileSystemStorage"}  # noqa: F405
STATIC_ROOT = None  # the live server serves static files from the finders; nothing is collected
# A written section falls back to plain paragraphs past its render budget; a busy test
# machine must not turn ordinary sections plain (the tests of the fallback set their own).
MSCP_SECTION_RENDER_SECONDS = 10

# A test database is thrown away at the end of the run, so its commits need not wait for the
# disk: on PostgreSQL each commit returns before its WAL is flushed (crash safety is what
# that trades, and a test database has none to lose). The transactional tests commit a
# great deal (every browser request, every table emptied and the demo put back).
if DATABASES["default"]["ENGINE"].endswith("postgresql"):  # noqa: F405
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = "-c synchronous_commit=off"  # noqa: F405

# The browser tests' live server answers at localhost. pytest-django allows that host when the
# server starts, once per run, but a test that changes settings (the `settings` fixture) puts
# back the copy it began with when it ends: a later test's pages would be refused (400).
ALLOWED_HOSTS = [*ALLOWED_HOSTS, "localhost"]  # noqa: F405
