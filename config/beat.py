"""Celery beat's scheduler: the schedule's state in a plain file, and a heartbeat /healthz can see.

Celery's default PersistentScheduler keeps its state through `shelve`, which on Python 3.13 is
`dbm.sqlite3`: beat died with "dbm.sqlite3.error: locking protocol" on its schedule file (SQLite's WAL locks
on a file that another beat, or a volume without shared memory, also held). The state here is one pickled
dict, rewritten whole to a temporary file and renamed over the old one: no locks, and a half-written file
is never read. A file that cannot be read is removed and the schedule starts afresh, as Celery does.

Every HEARTBEAT_EVERY seconds beat itself records a WorkerPing and sends it to a worker to answer: the
time it asked shows beat is alive, the time a worker answered shows a worker is (core.views.healthz).
"""

from __future__ import annotations

import logging
import os
import pickle
import time
from pathlib import Path
from typing import Any

from celery.beat import PersistentScheduler
from django.conf import settings

logger = logging.getLogger(__name__)


class ScheduleFile(dict[str, Any]):
    """The shelve-like store PersistentScheduler expects, kept in one file."""

    def __init__(self, path: Path) -> None:
        super().__init__()
        self.path = path
        if path.exists():
            data = pickle.loads(path.read_bytes())  # beat's own file, under var/
            if not isinstance(data, dict):
                raise ValueError(f"{path} does not hold a schedule")
            self.update(data)

    def sync(self) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        written = self.path.with_name(self.path.name + ".tmp")
        written.write_bytes(pickle.dumps(dict(self)))
        os.replace(written, self.path)

    def close(self) -> None:
        self.sync()


class Scheduler(PersistentScheduler):
    known_suffixes = ("", ".tmp")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        self._next_heartbeat = 0.0
        super().__init__(*args, **kwargs)

    def _open_schedule(self) -> ScheduleFile:
        return ScheduleFile(Path(self.schedule_filename))  # type: ignore[attr-defined]

    def tick(self, *args: Any, **kwargs: Any) -> float:
        now = time.monotonic()
        if now >= self._next_heartbeat:
            self._next_heartbeat = now + settings.CHITIEU_HEARTBEAT_EVERY
            heartbeat()
        interval: float = super().tick(*args, **kwargs)
        return min(interval, max(self._next_heartbeat - time.monotonic(), 0.0))


def heartbeat() -> None:
    """Record that beat is alive and ask a worker to answer; a database or broker down is logged, and beat
    carries on sending what it can."""
    from core import services

    try:
        services.worker_ping_request()
    except Exception:
        logger.exception("beat heartbeat failed")
