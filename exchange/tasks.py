"""Celery tasks of the exchange app: thin, each loads by id and calls one service."""

from __future__ import annotations

from typing import Any

from celery import shared_task
from django.conf import settings

from exchange import services
from reports.run_services import MAX_ATTEMPTS, TransientRunError


@shared_task(
    bind=True,
    name="exchange.import_run_execute",
    ignore_result=True,
    acks_late=True,  # safe: the service claims the run, so a redelivered message does nothing
    soft_time_limit=settings.CHITIEU_IMPORT_SOFT_TIME_LIMIT,
    time_limit=settings.CHITIEU_IMPORT_TIME_LIMIT,
    max_retries=MAX_ATTEMPTS,
)
def import_run_execute(self: Any, run_id: int) -> str:
    try:
        return services.import_run_execute(run_id=run_id)
    except TransientRunError as error:
        raise self.retry(exc=error, countdown=10 * (self.request.retries + 1)) from error


@shared_task(name="exchange.requeue_stuck_imports", ignore_result=True)
def requeue_stuck_imports() -> int:
    return len(services.import_runs_requeue_stuck())
