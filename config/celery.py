"""The Celery application. Tasks stay thin: load by id, call one service."""

import os
from typing import Any

from celery import Celery, signals

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

app = Celery("chitieu")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@signals.worker_init.connect
def _prepare_worker(**_kwargs: Any) -> None:
    """Before the worker forks its processes (issue 24: 2 processes gave 1,59× one).

    - No connection pool in worker processes: Celery closes the database before and after every task
      and, for a prefork worker, closes the whole pool with it, so each task opened a new psycopg pool
      (3 threads, 4 connections to PostgreSQL) to run one task on one thread. A plain connection per
      task is what a worker process needs.
    - WeasyPrint (Pango, HarfBuzz, Fontconfig) is loaded once here, not by each process on its first
      report: the processes are forked with it (1-2 s each; 16 s on a loaded machine)."""
    from django.conf import settings

    for database in settings.DATABASES.values():
        if database.get("OPTIONS", {}).get("pool"):
            database["OPTIONS"]["pool"] = False
    import weasyprint  # noqa: F401
