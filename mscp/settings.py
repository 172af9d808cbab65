"""Settings for the Partnership Plan Tracker.

Everything that differs between a laptop and production comes from the environment
(see `.env.example`), filled in from the checkout's `.env` file where the environment does
not set a variable (`make run` writes one for local development). The defaults are safe for
local use: SQLite, DEBUG off unless asked.
"""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from celery.schedules import crontab
from django.core.exceptions import ImproperlyConfigured

from mscp.env_file import env_file_load

BASE_DIR = Path(__file__).resolve().parent.parent

# MSCP_ENV_FILE names another file, or none when set empty (as the test settings do, so that a
# developer's .env never reaches the tests).
env_file_load(os.environ.get("MSCP_ENV_FILE", BASE_DIR / ".env"))


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name, "")
    return int(value) if value.strip() else default


DEBUG = env_bool("DEBUG", default=False)

# A development key is only acceptable while DEBUG is on; production must supply its own.
_DEV_SECRET_KEY = "django-insecure-development-only-key-do-not-use-in-production"
SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if DEBUG or env_bool("MSCP_ALLOW_DEV_SECRET", default=False):
        SECRET_KEY = _DEV_SECRET_KEY
    else:
        raise ImproperlyConfigured("Set SECRET_KEY (or DEBUG=1 for local development).")

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]" if DEBUG else "")
if not ALLOWED_HOSTS and not env_bool("MSCP_ALLOW_DEV_SECRET", default=False):
    raise ImproperlyConfigured("Set ALLOWED_HOSTS to the host names the service answers to.")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "mscp.apps.ConfigurationAdminConfig",  # the admin, for superusers only (mscp/admin.py)
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "crispy_forms",
    "crispy_forms_gds",
    "django_filters",
    "django_htmx",
    "simple_history",
    "csp",
    "axes",
    "plans",
    "subgroups",
    "reports",
    "mscp.tooling",  # above every app: demo data and backups (mscp/demo/, mscp/backup.py)
]

MIDDLEWARE = [
    "mscp.observability.RequestIdMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    # Before anything reads a request's body (none of the above does): refuses one that is
    # too large (see MSCP_MAX_REQUEST_BYTES), with the security headers above on the refusal.
    "mscp.middleware.RequestBodyLimitMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "mscp.middleware.SessionRenewalMiddleware",
    # Pages and downloads for a signed-in user are never kept by browsers or shared caches.
    "mscp.middleware.NoStoreWhenSignedInMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last, as django-axes requires: it turns a locked-out sign-in into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "mscp.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "plans.context_processors.site",
                "mscp.navigation.navigation",
            ],
        },
    },
]

WSGI_APPLICATION = "mscp.wsgi.application"

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=env_int("DB_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"].endswith("postgresql"):
    # A select's choices are read with QuerySet.iterator(), which on PostgreSQL opens a
    # server-side cursor: three round trips for a few rows. The product never streams results
    # too large to hold (exports and imports stop at a few thousand rows), and server-side
    # cursors break behind a transaction-pooling connection pooler.
    DATABASES["default"]["DISABLE_SERVER_SIDE_CURSORS"] = True

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

AUTHENTICATION_BACKENDS = [
    # Refuses sign-in while an account or address is locked out, before checking passwords.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "plans:home"
LOGOUT_REDIRECT_URL = "login"

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [BASE_DIR / "static"]


# How long a signed link to a stored file lasts. The app reads files through the storage and
# serves them itself; a link is only for a download the app hands out there and then.
MSCP_S3_LINK_SECONDS = 300
# The only canned ACLs a stored file may carry: each grants the bucket's owner alone. Empty
# sends no ACL at all, as a bucket with ACLs disabled (AWS's default, "bucket owner
# enforced") requires.
_PRIVATE_ACLS = {"private", "bucket-owner-full-control", ""}


def s3_storage() -> dict | None:
    """The default storage in an S3-compatible bucket (django-storages), when MSCP_S3_BUCKET
    names one: private objects, signed short-lived links, never overwriting a file. The
    credentials are boto3's own: AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or the machine's
    role; they are never copied into the settings."""
    bucket = os.environ.get("MSCP_S3_BUCKET", "")
    if not bucket:
        return None
    acl = os.environ.get("MSCP_S3_DEFAULT_ACL", "private").strip()
    if acl not in _PRIVATE_ACLS:
        raise ImproperlyConfigured(
            "MSCP_S3_DEFAULT_ACL must be private, bucket-owner-full-control or empty: stored files are never public."
        )
    return {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": bucket,
            "endpoint_url": os.environ.get("MSCP_S3_ENDPOINT_URL") or None,  # MinIO, Ceph, …
            "region_name": os.environ.get("MSCP_S3_REGION") or None,
            # "path" for a service that does not answer on <bucket>.<host> (MinIO as a rule).
            "addressing_style": os.environ.get("MSCP_S3_ADDRESSING_STYLE") or None,
            "default_acl": acl or None,
            "querystring_auth": True,
            "querystring_expire": MSCP_S3_LINK_SECONDS,
            "file_overwrite": False,
        },
    }


# Every file the product keeps (workplan uploads waiting for confirmation, partnership logos,
# generated PDFs) goes through the default storage (`default_storage`, or a FileField's
# default): the private MEDIA_ROOT folder, which no URL serves, or the S3 bucket above.
STORAGES = {
    "default": s3_storage() or {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
# Tests and local runs serve straight from the finders, so no collectstatic is needed there.
WHITENOISE_USE_FINDERS = DEBUG or env_bool("WHITENOISE_USE_FINDERS", default=False)

CRISPY_ALLOWED_TEMPLATE_PACKS = ["gds"]
CRISPY_TEMPLATE_PACK = "gds"
CRISPY_GDS_FRONTEND_VERSION = "5.14.0"

# How long an action may go without an update before it is reported as stale, unless the
# plan sets its own period.
MSCP_DEFAULT_STALE_AFTER_DAYS = 90

# Production hardening: on whenever DEBUG is off; each can be relaxed from the environment
# for a deployment that terminates TLS elsewhere.
if not DEBUG:
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=True)
    # Behind a load balancer or proxy that terminates TLS and sets X-Forwarded-Proto; turn
    # off (SECURE_PROXY_SSL_HEADER=0) when clients reach the app directly.
    if env_bool("SECURE_PROXY_SSL_HEADER", default=True):
        SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=True)
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", default=True)
    SECURE_REDIRECT_EXEMPT = [r"^healthz$"]  # load balancers probe over plain HTTP
    SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", default=True)
    CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", default=True)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True

# Structured logs on stdout, one JSON object a line (LOG_FORMAT=text for a terminal); every
# line written while a request is handled carries that request's id.
LOG_FORMAT = os.environ.get("LOG_FORMAT", "text" if DEBUG else "json")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "mscp.observability.RequestIdFilter"}},
    "formatters": {
        "json": {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "fmt": "%(asctime)s %(levelname)s %(name)s %(message)s %(request_id)s",
            "rename_fields": {"asctime": "time", "levelname": "level", "name": "logger"},
        },
        "text": {"format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "stream": "ext://sys.stdout",
            "filters": ["request_id"],
            "formatter": LOG_FORMAT,
        }
    },
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    # django-axes reports its housekeeping at INFO; plans.accounts logs what matters.
    "loggers": {"axes": {"level": "WARNING"}, "weasyprint": {"level": "WARNING"}},
}

# Sessions end after SESSION_IDLE_HOURS without a request and on sign-out; a request renews the
# session when it was last renewed SESSION_RENEW_INTERVAL seconds ago or more (see
# mscp.middleware.SessionRenewalMiddleware). They live in the database, or in Redis as well when
# REDIS_URL is set, so any web process can serve any request.
SESSION_COOKIE_AGE = env_int("SESSION_IDLE_HOURS", 8) * 60 * 60
SESSION_RENEW_INTERVAL = env_int("SESSION_RENEW_INTERVAL", 5 * 60)
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}}
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"

# The default storage's folder when no S3 bucket is set (see STORAGES): private, never served.
MEDIA_ROOT = os.environ.get("MSCP_MEDIA_ROOT", str(BASE_DIR / "media"))
DATA_UPLOAD_MAX_MEMORY_SIZE = env_int("DATA_UPLOAD_MAX_MEMORY_SIZE", 2_621_440)
MSCP_IMPORT_MAX_BYTES = env_int("MSCP_IMPORT_MAX_BYTES", 5 * 1024 * 1024)
# Request bodies are refused (413) from their Content-Length before any of them is read: a
# signed-in user's up to the import limit plus room for the form around the file; anyone
# else's (signing in, password reset) far smaller. A body without a Content-Length (chunked)
# is refused (411). The reverse proxy should cap bodies too (README, "Deployment").
MSCP_MAX_REQUEST_BYTES = env_int("MSCP_MAX_REQUEST_BYTES", MSCP_IMPORT_MAX_BYTES + 1024 * 1024)
MSCP_MAX_ANONYMOUS_REQUEST_BYTES = env_int("MSCP_MAX_ANONYMOUS_REQUEST_BYTES", 64 * 1024)

# Brute-force protection (django-axes): AXES_FAILURE_LIMIT failed sign-ins for one username,
# or from one client address, lock that username, or that address, out for
# AXES_COOLOFF_MINUTES (each list item below is counted on its own).
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("AXES_COOLOFF_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False  # plans.accounts logs sign-ins, failures and lockouts itself
AXES_LOCKOUT_CALLABLE = "plans.accounts.locked_out"
# The client's address (django-ipware). Behind TRUSTED_PROXY_COUNT proxies that each append
# the address they were connected from to X-Forwarded-For, the client is the
# TRUSTED_PROXY_COUNT-th address from the right: entries to its left are whatever the client
# sent, so they are never believed (ipware's proxy count is the number of entries to the right
# of the client, hence the minus one). Without proxies, X-Forwarded-For is ignored altogether
# and the connection's own address counts. Not strict: a malformed or padded header from the
# client must not make every request count against the proxy's address.
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0)
if TRUSTED_PROXY_COUNT > 0:
    AXES_IPWARE_PROXY_COUNT = TRUSTED_PROXY_COUNT - 1
    AXES_IPWARE_META_PRECEDENCE_ORDER = ["HTTP_X_FORWARDED_FOR", "REMOTE_ADDR"]
else:
    AXES_IPWARE_PROXY_COUNT = None
    AXES_IPWARE_META_PRECEDENCE_ORDER = ["REMOTE_ADDR"]
IPWARE_STRICT = False

# Password reset: at most this many e-mails an hour to one address, and requests from one
# client address; past either the page answers as usual but sends nothing. Counted in the
# cache (Redis when REDIS_URL is set, shared by every web process; otherwise each process
# counts its own).
MSCP_PASSWORD_RESETS_PER_ADDRESS = env_int("MSCP_PASSWORD_RESETS_PER_ADDRESS", 3)
MSCP_PASSWORD_RESETS_PER_CLIENT = env_int("MSCP_PASSWORD_RESETS_PER_CLIENT", 10)

# Content Security Policy (django-csp): scripts, styles, fonts and images from this site
# only; no inline script or style, no framing. htmx is configured (see base.html) not to
# inject its own style element or evaluate code.
_SELF, _NONE = "'self'", "'none'"
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [_SELF],
        "script-src": [_SELF],
        "style-src": [_SELF],
        "img-src": [_SELF, "data:"],
        "font-src": [_SELF],
        "connect-src": [_SELF],
        "form-action": [_SELF],
        "frame-ancestors": [_NONE],
        "base-uri": [_SELF],
        "object-src": [_NONE],
    }
}

# Password-reset e-mails. Locally (DEBUG on) they are printed to the console. In production
# they go to EMAIL_HOST by SMTP; with no EMAIL_HOST (and no EMAIL_BACKEND) they are not sent
# at all and only the recipient is logged, never the message or its link, and `check
# --deploy` (which `make serve` runs) fails until a mail server is set.
_EMAIL_HOST = os.environ.get("EMAIL_HOST", "")
if os.environ.get("EMAIL_BACKEND"):
    EMAIL_BACKEND = os.environ["EMAIL_BACKEND"]
elif DEBUG:
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
elif _EMAIL_HOST:
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
else:
    EMAIL_BACKEND = "mscp.mail.NotConfiguredEmailBackend"
EMAIL_HOST = _EMAIL_HOST or "localhost"
EMAIL_PORT = env_int("EMAIL_PORT", 587)
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", default=True)
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 10)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "no-reply@localhost")

MSCP_SERVICE_NAME = os.environ.get("MSCP_SERVICE_NAME", "Partnership Plan Tracker")

# The address of the site as people reach it, for the links in e-mails sent outside a request
# (reminders): "https://plans.example.org". By default the first of ALLOWED_HOSTS over HTTPS;
# locally, the development server's.
_FIRST_HOST = next((host for host in ALLOWED_HOSTS if host not in {"*", ".localhost"}), "localhost")
SITE_URL = os.environ.get(
    "SITE_URL", f"http://127.0.0.1:{os.environ.get('PORT', '8000')}" if DEBUG else f"https://{_FIRST_HOST.lstrip('.')}"
).rstrip("/")

# Reminders (reports/reminders.py). A reminder is claimed before it is sent; one whose sender
# died before sending it is sent by a later round once this many seconds have passed since the
# claim (long enough for any living sender to have finished with it).
MSCP_REMINDER_LEASE_SECONDS = env_int("MSCP_REMINDER_LEASE_SECONDS", 600)

# Background work (Celery, mscp/celery.py). With REDIS_URL (or CELERY_BROKER_URL) tasks go to
# Redis for `celery worker` processes, and `celery beat` queues the reminder rounds.
# Without one they run in the process that asks for them (eager), so `make run` and the tests
# need no broker.
CELERY_BROKER_URL = os.environ.get("CELERY_BROKER_URL", REDIS_URL) or "memory://"
CELERY_TASK_ALWAYS_EAGER = CELERY_BROKER_URL == "memory://"
CELERY_TASK_EAGER_PROPAGATES = True
# A task is acknowledged when it has finished, not when it starts, and given back to the queue
# when the worker running it dies: a reminder round killed halfway is run again, and the claims
# in the database keep it from sending anything twice.
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
# How long Redis waits for a task's acknowledgement before giving it to another worker (the
# worker that took it having died without saying so).
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": env_int("CELERY_VISIBILITY_TIMEOUT", 3600)}
CELERY_TASK_IGNORE_RESULT = True
CELERY_TIMEZONE = TIME_ZONE
CELERY_WORKER_HIJACK_ROOT_LOGGER = False
# The reminder round on the hour through the working day (UK time): the day's reminders go at
# 7:00, and each later round sends only what an earlier one could not (a mail server that was
# down, a worker that died), so nobody is e-mailed in the night.
CELERY_BEAT_SCHEDULE = {
    "reminder-round": {
        "task": "reports.tasks.reminder_round_task",
        "schedule": crontab(minute=0, hour=os.environ.get("MSCP_REMINDER_HOURS", "7-18")),
    },
}
