"""The Celery application. Tasks stay thin: load by id, call one service."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

app = Celery("chitieu")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
