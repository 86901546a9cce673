"""The unit side of tests/faults: a broker outage leaves the run queued for beat, and a PDF left behind
by a killed worker is replaced rather than doubled."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from unittest import mock

from django.utils import timezone
from kombu.exceptions import OperationalError as KombuOperationalError

from reports import run_services
from reports.models import Report, ReportRun, RunStatus


def test_broker_down_leaves_the_run_queued_and_beat_sends_it_again(
    report: Report,
    settings,  # type: ignore[no-untyped-def]
    django_capture_on_commit_callbacks,  # type: ignore[no-untyped-def]
) -> None:
    refused = KombuOperationalError("Error 111 connecting to 127.0.0.1:6379. Connection refused.")
    with (
        mock.patch("reports.run_services._enqueue", side_effect=refused) as enqueue,
        django_capture_on_commit_callbacks(execute=True),
    ):
        run = run_services.report_run_request(report=report, acting_user=None)  # no exception
    enqueue.assert_called_once_with(run.pk)
    run.refresh_from_db()
    assert run.status == RunStatus.QUEUED

    soon = timezone.now() + timedelta(seconds=settings.CHITIEU_REQUEUE_EVERY - 5)
    later = timezone.now() + timedelta(seconds=settings.CHITIEU_REQUEUE_EVERY + 1)
    with mock.patch("reports.run_services._enqueue") as enqueue:
        assert (
            run_services.report_runs_requeue_stuck(now=soon) == []
        )  # not yet: its message may be on its way
        assert run_services.report_runs_requeue_stuck(now=later) == [run.pk]
    enqueue.assert_called_once_with(run.pk)
    # Still down at that check: nothing is counted as sent, the run waits for the next one.
    with mock.patch("reports.run_services._enqueue", side_effect=refused):
        assert run_services.report_runs_requeue_stuck(now=later) == []
    assert ReportRun.objects.get(pk=run.pk).status == RunStatus.QUEUED


def test_a_pdf_left_by_a_killed_worker_is_replaced_not_doubled(report: Report, settings) -> None:  # type: ignore[no-untyped-def]
    run = run_services.report_run_request(report=report, acting_user=None, enqueue=False)
    leftover = Path(settings.MEDIA_ROOT) / run_services._pdf_name(run)
    leftover.parent.mkdir(parents=True)
    leftover.write_bytes(b"%PDF-1.7 half written by a worker that was killed")
    with mock.patch("reports.pdf.render_pdf", return_value=b"%PDF-1.7 the report"):
        assert run_services.report_run_execute(run_id=run.pk) == "done"
    run.refresh_from_db()
    assert run.pdf.name == run_services._pdf_name(run)
    # The run's Word file beside it (docs/word-export.md), and no second copy of either.
    assert sorted(p.name for p in leftover.parent.iterdir()) == [
        leftover.with_suffix(".docx").name,
        leftover.name,
    ]
    assert leftover.read_bytes() == b"%PDF-1.7 the report"
