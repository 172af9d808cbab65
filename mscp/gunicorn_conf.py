"""Gunicorn settings for `make serve` (production): from the environment, with defaults for
one machine. Web processes keep nothing between requests, so any number can run behind a
load balancer against one database."""

import os

bind = os.environ.get("BIND", "127.0.0.1:8000")
workers = int(os.environ.get("WEB_CONCURRENCY", "2"))
threads = int(os.environ.get("GUNICORN_THREADS", "1"))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "60"))
# Proxies whose X-Forwarded-* headers are believed (the load balancer's address).
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
# Recycle workers now and then, so a slow leak never becomes an outage.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "2000"))
max_requests_jitter = 200

# One JSON object a line on stdout, with the request id the app gave the response.
accesslog = "-"
errorlog = "-"
access_log_format = (
    '{"time": "%(t)s", "logger": "gunicorn.access", "method": "%(m)s", "path": "%(U)s", '
    '"status": %(s)s, "bytes": "%(B)s", "duration_ms": %(M)s, "client": "%(h)s", '
    '"request_id": "%({x-request-id}o)s"}'
)

# The request line and headers are bounded (gunicorn's defaults, stated); bodies are capped by
# the app (mscp.middleware) and should be by the reverse proxy too (README, "Deployment").
limit_request_line = int(os.environ.get("GUNICORN_LIMIT_REQUEST_LINE", "4094"))
limit_request_fields = int(os.environ.get("GUNICORN_LIMIT_REQUEST_FIELDS", "100"))
limit_request_field_size = int(os.environ.get("GUNICORN_LIMIT_REQUEST_FIELD_SIZE", "8190"))

# The access log never carries a password-reset link's token.
logger_class = "mscp.gunicorn_logging.RedactingLogger"
