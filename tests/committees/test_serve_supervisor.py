"""`manage.py serve` keeps its children running (core/management/commands/serve.py), and beat keeps
its schedule in a file of its own without dbm (config/beat.py)."""

from __future__ import annotations

import logging
import os
import signal
import sys
import threading
import time
from datetime import timedelta
from pathlib import Path

import pytest
from celery.beat import ScheduleEntry
from celery.schedules import schedule
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from config import beat
from config.celery import app as celery_app
from core import services
from core.management.commands.serve import Child, supervise
from core.models import WorkerPing

SLEEPER = [sys.executable, "-c", "import time; time.sleep(60)"]


def _run(children: list[Child], until, timeout: float = 10.0) -> float:  # type: ignore[no-untyped-def]
    """Supervise in a thread until `until()` holds (then stop); returns the seconds it took."""
    done = threading.Event()
    started = time.monotonic()

    def stopping() -> bool:
        if until() or time.monotonic() - started > timeout:
            done.set()
        return done.is_set()

    thread = threading.Thread(
        target=supervise, args=(children,), kwargs={"stopping": stopping, "every": 0.05}
    )
    thread.start()
    thread.join(timeout + 20)
    assert not thread.is_alive()
    return time.monotonic() - started


def test_a_killed_child_is_started_again(caplog: pytest.LogCaptureFixture) -> None:
    child = Child("beat", SLEEPER)
    killed: list[int] = []

    def until() -> bool:
        if child.process is not None and not killed:
            killed.append(child.process.pid)
            os.kill(child.process.pid, signal.SIGKILL)
        return child.restarts == 1 and child.process is not None and child.process.poll() is None

    with caplog.at_level(logging.WARNING, logger="chitieu.serve"):
        took = _run([child], until)
    assert child.restarts == 1, caplog.text
    assert child.process is not None and child.process.pid != killed[0]
    assert child.process.poll() is not None  # stopped with the supervisor
    assert "serve: beat exited with status -9" in caplog.text and "restarting in 1 s" in caplog.text
    assert took < 5


def test_a_child_dying_at_once_is_restarted_ever_more_slowly(caplog: pytest.LogCaptureFixture) -> None:
    child = Child("worker", [sys.executable, "-c", "raise SystemExit(3)"])
    with caplog.at_level(logging.WARNING, logger="chitieu.serve"):
        _run([child], lambda: sum("restarting in" in m for m in caplog.messages) >= 3, timeout=8)
    pauses = [line.rsplit("restarting in ", 1)[1] for line in caplog.messages if "restarting in" in line]
    assert pauses[:3] == ["1 s", "2 s", "4 s"]
    assert "serve: worker exited with status 3" in caplog.text


def test_stopping_ends_every_child() -> None:
    children = [Child("web", SLEEPER), Child("worker", SLEEPER)]
    _run(children, lambda: all(c.process is not None for c in children))
    assert all(c.process is not None and c.process.poll() is not None for c in children)
    assert all(c.restarts == 0 for c in children)


def test_schedule_file_survives_beat_and_a_bad_file_starts_afresh(tmp_path: Path) -> None:
    path = tmp_path / "beat" / "schedule"
    store = beat.ScheduleFile(path)
    every = schedule(timedelta(seconds=5))
    store["entries"] = {"x": ScheduleEntry(name="x", task="t", schedule=every, app=celery_app)}
    store.close()
    assert not path.with_name("schedule.tmp").exists()
    assert beat.ScheduleFile(path)["entries"]["x"].task == "t"
    # A dbm.sqlite3 file left by the old scheduler at the same path: removed, a fresh schedule instead.
    path.write_bytes(b"SQLite format 3\x00" + bytes(100))
    scheduler = beat.Scheduler(app=celery_app, schedule_filename=str(path), lazy=True)
    scheduler.setup_schedule()
    assert "reports-requeue-stuck-runs" in scheduler.schedule
    scheduler.close()
    assert set(beat.ScheduleFile(path)["entries"]) >= {"reports-requeue-stuck-runs"}


@pytest.mark.django_db
def test_beat_tick_records_its_heartbeat(tmp_path: Path, django_capture_on_commit_callbacks) -> None:  # type: ignore[no-untyped-def]
    scheduler = beat.Scheduler(app=celery_app, schedule_filename=str(tmp_path / "schedule"), lazy=True)
    scheduler.setup_schedule()
    scheduler.apply_async = lambda *a, **k: None  # type: ignore[method-assign]  # no broker needed here
    with django_capture_on_commit_callbacks() as callbacks:
        scheduler.tick()
        scheduler.tick()  # within HEARTBEAT_EVERY: one heartbeat
    assert WorkerPing.objects.count() == 1 and len(callbacks) == 1
    scheduler.close()


@pytest.mark.django_db
def test_healthz_reports_a_dead_beat_as_down(client: Client, settings) -> None:  # type: ignore[no-untyped-def]
    settings.CHITIEU_HEARTBEAT_EVERY = 60
    ping = WorkerPing.objects.create()
    services.worker_ping_answer(ping_id=ping.pk, worker="w1")
    response = client.get(reverse("healthz"))
    assert response.status_code == 200
    assert response.json() | {"beat_last_seen": None, "worker_last_seen": None} == {
        "database": "ok",
        "beat": "ok",
        "worker": "ok",
        "beat_last_seen": None,
        "worker_last_seen": None,
    }
    # Beat died 4 minutes ago (more than 3 × 60 s): nobody has asked the worker since.
    long_ago = timezone.now() - timedelta(minutes=4)
    WorkerPing.objects.update(requested_at=long_ago, answered_at=long_ago)
    response = client.get(reverse("healthz"))
    assert response.status_code == 503
    assert (response.json()["beat"], response.json()["worker"]) == ("down", "unknown")
    assert response.json()["beat_last_seen"] == long_ago.isoformat()


@pytest.mark.django_db
def test_healthz_reports_a_worker_that_does_not_answer(client: Client) -> None:
    WorkerPing.objects.create()  # beat asked just now; no worker answered
    WorkerPing.objects.filter().update(answered_at=None)
    response = client.get(reverse("healthz"))
    assert response.status_code == 503
    assert (response.json()["beat"], response.json()["worker"]) == ("ok", "down")
    # The web container's own check does not depend on them.
    assert client.get(reverse("healthz_web")).status_code == 200


@pytest.mark.django_db
def test_old_pings_are_deleted(django_capture_on_commit_callbacks) -> None:  # type: ignore[no-untyped-def]
    old = WorkerPing.objects.create()
    WorkerPing.objects.filter(pk=old.pk).update(requested_at=timezone.now() - timedelta(days=2))
    with django_capture_on_commit_callbacks():
        services.worker_ping_request()
    assert not WorkerPing.objects.filter(pk=old.pk).exists()
    assert WorkerPing.objects.count() == 1
