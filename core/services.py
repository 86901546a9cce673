"""Writes of the shared records: notices to users and the worker's heartbeat."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.db import transaction
from django.utils import timezone

from core.models import Notice, WorkerPing

PINGS_KEPT = timedelta(days=1)


def worker_ping_request() -> WorkerPing:
    """Queue a ping for a worker to answer; the message is sent once the row is committed. Beat sends one
    every CHITIEU_HEARTBEAT_EVERY seconds (config/beat.py); those older than a day are deleted."""
    from core.tasks import worker_ping_answer

    with transaction.atomic():
        WorkerPing.objects.filter(requested_at__lt=timezone.now() - PINGS_KEPT).delete()
        ping = WorkerPing.objects.create()
        transaction.on_commit(lambda: worker_ping_answer.delay(ping.pk))
    return ping


def worker_ping_answer(*, ping_id: int, worker: str) -> bool:
    """Answer a ping once: a redelivered message finds it answered and does nothing."""
    claimed = WorkerPing.objects.filter(pk=ping_id, answered_at__isnull=True).update(
        answered_at=timezone.now(), answered_by=worker[:255]
    )
    return claimed == 1


def notices_send(*, users: list[Any], subject: str, body: str = "", url: str = "") -> int:
    """A notice in the app for each user (the reminders and the reporting cycle's decisions)."""
    notices = [
        Notice(user=user, subject=subject[:255], body=body, url=url[:255])
        for user in {u.pk: u for u in users}.values()
    ]
    Notice.objects.bulk_create(notices)
    return len(notices)


def notices_mark_read(*, user: Any) -> int:
    """Mark every unread notice of the user as read."""
    if not user.is_authenticated:
        return 0
    return Notice.objects.filter(user_id=user.pk, read_at__isnull=True).update(read_at=timezone.now())
