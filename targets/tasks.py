"""Celery tasks of the targets app: thin, each calls one service."""

from __future__ import annotations

from celery import shared_task
from django.conf import settings
from django.utils import timezone, translation

from targets import cycle_services


@shared_task(name="targets.send_submission_reminders", ignore_result=True, acks_late=True)
def send_submission_reminders() -> dict[str, int]:
    """Daily (beat): reminders before and on the deadline, and who is late to the level above."""
    with translation.override(settings.LANGUAGE_CODE):
        sent = cycle_services.send_submission_reminders(
            today=timezone.localdate(), base_url=settings.CHITIEU_SITE_URL
        )
    return {"reminders": sent.reminders, "late_notices": sent.late_notices, "emails": sent.emails}
