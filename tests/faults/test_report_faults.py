"""Report runs survive the faults of their machinery, with the real Redis and a real Celery worker:

- the worker killed with SIGKILL in the middle of a render: after a new worker starts, the run completes,
  with exactly one PDF on disk and one run row;
- the broker down when a report is requested: the request is accepted and shown as queued, and the
  report is rendered once the broker is back.

Each test runs its own redis-server, so it can stop it without disturbing anything else.
"""

from __future__ import annotations

import hashlib
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse

from committees.models import AuditEntry
from reports import run_services
from reports.models import Report, ReportRun, RunStatus
from tests.faults.services import (
    BIN,
    RedisServer,
    broker,
    kill_tree,
    product_env,
    session_database_url,
    start_process,
    stop_tree,
    wait_for,
    worker_command,
)
from tests.reports.conftest import report  # noqa: F401  (the draft 2024-H1 report with its figures)

pytestmark = [pytest.mark.faults, pytest.mark.django_db(transaction=True)]

# A run left "running" is taken back after the hard limit + 60 s; the smallest limits keep that short.
FAST_LIMITS = {"CHITIEU_REPORT_SOFT_TIME_LIMIT": "10", "CHITIEU_REPORT_TIME_LIMIT": "15"}


@pytest.fixture
def redis(tmp_path: Path) -> Iterator[RedisServer]:
    server = RedisServer(tmp_path)
    server.start()
    yield server
    server.stop()


@pytest.fixture
def media(settings, tmp_path: Path) -> Path:  # type: ignore[no-untyped-def]
    """Where the workers write the PDFs and this test reads them."""
    folder = tmp_path / "media"
    folder.mkdir()
    settings.MEDIA_ROOT = folder
    return folder


class Workers:
    """Celery workers (with beat) started by the test; all stopped at the end."""

    def __init__(self, tmp_path: Path, redis: RedisServer, media: Path) -> None:
        self.tmp_path, self.redis, self.media = tmp_path, redis, media
        self.started: list[subprocess.Popen[bytes]] = []
        self.log = tmp_path / "worker.log"

    def start(self, env: dict[str, str], *, slow: bool = False) -> subprocess.Popen[bytes]:
        python = [sys.executable, "-m", "tests.faults.slow_worker"] if slow else [str(BIN / "celery")]
        command = worker_command(
            "--beat", "--schedule", str(self.tmp_path / f"beat-{len(self.started)}"), python=python
        )
        process = start_process(
            command,
            product_env(
                DATABASE_URL=session_database_url(),
                DATABASE_POOL="false",
                REDIS_URL=self.redis.url,
                MEDIA_ROOT=str(self.media),
                CHITIEU_VAR_DIR=str(self.tmp_path / "var"),
                **env,
            ),
            self.log,
        )
        self.started.append(process)
        return process

    def log_tail(self) -> str:
        return self.log.read_text(errors="replace")[-4000:] if self.log.exists() else ""

    def stop(self) -> None:
        for process in self.started:
            stop_tree(process)


@pytest.fixture
def workers(tmp_path: Path, redis: RedisServer, media: Path) -> Iterator[Workers]:
    with broker(redis.url):
        started = Workers(tmp_path, redis, media)
        yield started
        started.stop()


def _pdfs(media: Path) -> list[Path]:
    return sorted(media.rglob("*.pdf"))


def _wait_done(run: ReportRun, workers: Workers, timeout: float) -> float:
    def finished() -> bool:
        run.refresh_from_db()
        return run.status in (RunStatus.DONE, RunStatus.FAILED)

    try:
        return wait_for(finished, timeout=timeout, what=f"run {run.pk} finishing", every=0.5)
    except AssertionError as error:
        raise AssertionError(f"{error}; status {run.status}\n{workers.log_tail()}") from None


def test_worker_killed_mid_render_completes_once_after_restart(
    report: Report,  # noqa: F811
    workers: Workers,
    media: Path,
    record_property: Callable[[str, object], None],
) -> None:
    first = workers.start(FAST_LIMITS, slow=True)
    run = run_services.report_run_request(report=report, acting_user=None)

    # Progress 60: the HTML is built and the worker is inside the PDF step (paused there for this test).
    def mid_render() -> bool:
        run.refresh_from_db()
        assert first.poll() is None, workers.log_tail()
        return run.status == RunStatus.RUNNING and run.progress == 60

    wait_for(mid_render, timeout=120, what="the render reaching the PDF step")
    kill_tree(first)  # SIGKILL to the worker and its pool child at once
    killed_at = time.monotonic()
    run.refresh_from_db()
    assert (run.status, run.attempts) == (RunStatus.RUNNING, 1)
    assert _pdfs(media) == []

    workers.start({"CHITIEU_REQUEUE_EVERY": "2", **FAST_LIMITS})
    _wait_done(run, workers, timeout=180)
    recovered = time.monotonic() - killed_at

    assert run.status == RunStatus.DONE, (run.error, workers.log_tail())
    assert run.attempts == 2  # the killed try and the one that finished
    assert ReportRun.objects.filter(report=report).count() == 1
    pdfs = _pdfs(media)
    assert len(pdfs) == 1, pdfs
    assert hashlib.sha256(pdfs[0].read_bytes()).hexdigest() == run.sha256
    assert AuditEntry.objects.filter(action="report_run.done", object_id=str(run.pk)).count() == 1
    record_property("sigkill_recovery_seconds", round(recovered, 1))
    print(f"worker killed mid-render: run done {recovered:.1f} s after the kill, one PDF")


def test_broker_down_request_is_queued_and_runs_when_broker_returns(
    report: Report,  # noqa: F811
    carol: User,
    workers: Workers,
    redis: RedisServer,
    media: Path,
    record_property: Callable[[str, object], None],
) -> None:
    worker = workers.start({"CHITIEU_REQUEUE_EVERY": "2"})
    client = Client()
    client.force_login(carol)

    redis.stop()
    started = time.monotonic()
    response = client.post(reverse("reports:run_request", args=[report.pk]))
    answered_in = time.monotonic() - started
    assert response.status_code == 302, response.content[:500]
    run = ReportRun.objects.get(report=report)
    assert run.status == RunStatus.QUEUED and run.started_at is None
    page = client.get(reverse("reports:report_detail", args=[report.pk]))
    assert page.status_code == 200
    assert 'class="run-status queued">Đang chờ<' in page.content.decode()

    time.sleep(3)  # the worker and beat keep running against the missing broker
    assert worker.poll() is None, workers.log_tail()
    run.refresh_from_db()
    assert run.status == RunStatus.QUEUED

    redis.start()  # same port: the worker reconnects by itself, beat sends the run again
    back_at = time.monotonic()
    _wait_done(run, workers, timeout=180)
    done_in = time.monotonic() - back_at

    assert run.status == RunStatus.DONE, (run.error, workers.log_tail())
    assert run.attempts == 1
    assert ReportRun.objects.filter(report=report).count() == 1
    assert len(_pdfs(media)) == 1
    record_property("broker_down_request_seconds", round(answered_in, 2))
    record_property("broker_back_to_done_seconds", round(done_in, 1))
    print(
        f"broker down: request answered in {answered_in:.2f} s; done {done_in:.1f} s after the broker returned"
    )
