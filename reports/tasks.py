"""Celery tasks of the reports app: thin, each loads by id and calls one service."""

from __future__ import annotations

from typing import Any

from celery import shared_task
from django.conf import settings

from reports import run_services, services


@shared_task(
    bind=True,
    name="reports.report_run_execute",
    ignore_result=True,
    acks_late=True,  # safe: the service claims the run, so a redelivered message does nothing
    soft_time_limit=settings.CHITIEU_REPORT_SOFT_TIME_LIMIT,
    time_limit=settings.CHITIEU_REPORT_TIME_LIMIT,
    max_retries=run_services.MAX_ATTEMPTS,
)
def report_run_execute(self: Any, run_id: int) -> str:
    try:
        return run_services.report_run_execute(run_id=run_id)
    except run_services.TransientRunError as error:
        # The service already put the run back in the queue and caps the attempts itself.
        raise self.retry(exc=error, countdown=10 * (self.request.retries + 1)) from error


@shared_task(name="reports.requeue_stuck_runs", ignore_result=True)
def requeue_stuck_runs() -> int:
    return len(run_services.report_runs_requeue_stuck())


@shared_task(name="reports.draft_half_year_reports", ignore_result=True, acks_late=True)
def draft_half_year_reports() -> int:
    return len(services.report_drafts_create())
