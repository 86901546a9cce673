"""A job sent through the real broker to a real worker process, as the product runs it.

On the embedded default the broker is a folder (kombu's filesystem transport); with REDIS_URL it is Redis.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

from config.celery import app as celery_app
from core import services
from core.models import WorkerPing

pytestmark = [pytest.mark.broker, pytest.mark.django_db(transaction=True)]


def _database_url() -> str:
    db = connection.settings_dict
    if db["ENGINE"].endswith("sqlite3"):
        return f"sqlite:///{db['NAME']}"
    return f"postgres://{db['USER']}:{db['PASSWORD']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


@pytest.fixture
def worker(tmp_path: Path) -> Iterator[subprocess.Popen[str]]:
    env = {**os.environ, "DATABASE_URL": _database_url(), "DATABASE_POOL": "false"}
    if not settings.REDIS_URL:
        # A private broker folder, shared by this test process and its worker only.
        env["CHITIEU_VAR_DIR"] = str(tmp_path)
        folder = str(tmp_path / "broker" / "queue")
        os.makedirs(folder, exist_ok=True)
        celery_app.conf.broker_transport_options = {
            "data_folder_in": folder,
            "data_folder_out": folder,
            "store_processed": False,
        }
    else:
        celery_app.control.purge()
    process = subprocess.Popen(
        [
            str(Path(sys.executable).parent / "celery"),
            "-A",
            "config",
            "worker",
            "--pool",
            "solo",
            "--loglevel",
            "WARNING",
            "--without-gossip",
            "--without-mingle",
            "--without-heartbeat",
        ],
        cwd=settings.BASE_DIR,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    yield process
    process.terminate()
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        process.kill()


def test_job_round_trip_through_a_real_worker(worker: subprocess.Popen[str]) -> None:
    assert not celery_app.conf.task_always_eager
    ping = services.worker_ping_request()
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        ping.refresh_from_db()
        if ping.answered_at is not None:
            break
        assert worker.poll() is None, worker.stdout.read() if worker.stdout else "worker died"
        time.sleep(0.2)
    assert ping.answered_at is not None, "the worker did not answer within 60 s"
    assert ping.answered_by
    assert WorkerPing.objects.filter(answered_at__isnull=False).count() == 1


def test_redelivered_answer_is_a_no_op(db) -> None:  # type: ignore[no-untyped-def]
    ping = WorkerPing.objects.create()
    assert services.worker_ping_answer(ping_id=ping.pk, worker="w1") is True
    assert services.worker_ping_answer(ping_id=ping.pk, worker="w2") is False
    ping.refresh_from_db()
    assert ping.answered_by == "w1"
