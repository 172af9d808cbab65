"""The Celery app: background work on Redis (REDIS_URL), run by `celery -A mscp worker` and
scheduled by `celery -A mscp beat` (see README, "Deployment"). Its settings are the CELERY_*
ones in mscp/settings.py; without a broker every task runs at once in the process that asks."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mscp.settings")

app = Celery("mscp")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
