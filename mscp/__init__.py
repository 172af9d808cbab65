# The Celery app is loaded with Django, so that tasks use it (eager without a broker).
from mscp.celery import app as celery_app

__all__ = ["celery_app"]
