"""Reads of the shared records."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db.models import Max, QuerySet

from core.models import Notice, WorkerPing


def notices_for_user(user: Any) -> QuerySet[Notice]:
    return Notice.objects.filter(user_id=user.pk or 0).order_by("-created_at", "-id")


@dataclass(frozen=True)
class Heartbeats:
    """When beat last asked for a ping (config/beat.py) and when a worker last answered one."""

    beat: datetime | None
    worker: datetime | None


def heartbeats() -> Heartbeats:
    last = WorkerPing.objects.aggregate(beat=Max("requested_at"), worker=Max("answered_at"))
    return Heartbeats(beat=last["beat"], worker=last["worker"])
