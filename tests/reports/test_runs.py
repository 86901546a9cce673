"""Report runs: claimed once, failures recorded, transient errors retried with a cap, stuck runs re-queued;
issued reports never change; half-year drafts."""

from __future__ import annotations

import hashlib
from datetime import date, timedelta
from unittest import mock

import pytest
from django.core.exceptions import ValidationError
from django.db import OperationalError
from django.utils import timezone

from committees.models import AuditEntry
from reports import run_services, services
from reports.models import Report, ReportKind, ReportRun, RunStatus
from tests.conftest import Tree


def _run(report: Report) -> ReportRun:
    return run_services.report_run_request(report=report, acting_user=None, enqueue=False)


def test_request_sends_the_message_once_committed(report: Report, django_capture_on_commit_callbacks) -> None:  # type: ignore[no-untyped-def]
    with mock.patch("reports.run_services.current_app") as celery:
        with django_capture_on_commit_callbacks(execute=True):
            run = run_services.report_run_request(report=report, acting_user=None)
        celery.send_task.assert_called_once_with("reports.report_run_execute", args=[run.pk])
        # A second request while the first waits returns the same run: a double click renders once.
        with django_capture_on_commit_callbacks(execute=True):
            again = run_services.report_run_request(report=report, acting_user=None)
        assert again.pk == run.pk and celery.send_task.call_count == 1
    assert AuditEntry.objects.filter(action="report_run.request", object_id=str(run.pk)).exists()


def test_executing_the_same_run_twice_renders_once(report: Report) -> None:
    run = _run(report)
    with mock.patch("reports.pdf.render_pdf", return_value=b"%PDF-1.7 test") as render:
        assert run_services.report_run_execute(run_id=run.pk) == "done"
        assert run_services.report_run_execute(run_id=run.pk) == "skipped"  # a redelivered message
    assert render.call_count == 1
    run.refresh_from_db()
    assert (run.status, run.attempts, run.progress) == (RunStatus.DONE, 1, 100)
    assert run.sha256 == hashlib.sha256(b"%PDF-1.7 test").hexdigest()
    assert AuditEntry.objects.filter(action="report_run.done").count() == 1


def test_a_failure_is_recorded_and_not_retried(report: Report) -> None:
    run = _run(report)
    with mock.patch("reports.pdf.render_pdf", side_effect=ValueError("bảng hỏng")):
        assert run_services.report_run_execute(run_id=run.pk) == "failed"
    run.refresh_from_db()
    assert run.status == RunStatus.FAILED
    assert "ValueError: bảng hỏng" in run.error
    assert run.finished_at is not None and not run.pdf
    assert AuditEntry.objects.filter(action="report_run.fail", object_id=str(run.pk)).exists()


def test_transient_errors_are_retried_up_to_the_cap(report: Report) -> None:
    run = _run(report)
    with mock.patch("reports.pdf.render_pdf", side_effect=OperationalError("database is locked")):
        for attempt in range(1, run_services.MAX_ATTEMPTS):
            with pytest.raises(run_services.TransientRunError):
                run_services.report_run_execute(run_id=run.pk)
            run.refresh_from_db()
            assert (run.status, run.attempts) == (RunStatus.QUEUED, attempt)
            assert "database is locked" in run.error
        assert run_services.report_run_execute(run_id=run.pk) == "failed"
    run.refresh_from_db()
    assert (run.status, run.attempts) == (RunStatus.FAILED, run_services.MAX_ATTEMPTS)


def test_task_retries_only_transient_errors(report: Report) -> None:
    from reports.tasks import report_run_execute

    run = _run(report)
    with (
        mock.patch(
            "reports.run_services.report_run_execute", side_effect=run_services.TransientRunError("x")
        ),
        mock.patch.object(report_run_execute, "retry", side_effect=RuntimeError("retry")) as retry,
        pytest.raises(RuntimeError),
    ):
        report_run_execute.run(run.pk)
    retry.assert_called_once()
    with mock.patch("reports.run_services.report_run_execute", return_value="failed"):
        assert report_run_execute.run(run.pk) == "failed"
    assert report_run_execute.acks_late
    assert (report_run_execute.soft_time_limit or 0) < (report_run_execute.time_limit or 0)


def test_runs_stuck_past_the_hard_limit_are_requeued(report: Report, settings) -> None:  # type: ignore[no-untyped-def]
    run = _run(report)
    long_ago = timezone.now() - timedelta(seconds=settings.CHITIEU_REPORT_TIME_LIMIT + 120)
    ReportRun.objects.filter(pk=run.pk).update(status=RunStatus.RUNNING, started_at=long_ago, attempts=1)
    assert _run(Report.objects.get(pk=report.pk)).pk == run.pk  # still pending: no second run
    with (
        mock.patch("reports.run_services._enqueue") as enqueue,
        mock.patch("django.db.transaction.on_commit", side_effect=lambda f: f()),
    ):
        assert run_services.report_runs_requeue_stuck() == [run.pk]
    enqueue.assert_called_once_with(run.pk)
    run.refresh_from_db()
    assert run.status == RunStatus.QUEUED
    ReportRun.objects.filter(pk=run.pk).update(
        status=RunStatus.RUNNING, started_at=long_ago, attempts=run_services.MAX_ATTEMPTS
    )
    with mock.patch("reports.run_services._enqueue"):
        run_services.report_runs_requeue_stuck()
    run.refresh_from_db()
    assert run.status == RunStatus.FAILED


def test_issued_reports_are_immutable_and_reissue_makes_a_new_version(report: Report) -> None:
    with pytest.raises(ValidationError):
        services.report_issue(report=report, number="15-NQ/ĐU", dated=date(2024, 7, 5), acting_user=None)
    issued = services.report_issue(report=report, number="15-BC/ĐU", dated=date(2024, 7, 5), acting_user=None)
    assert issued.number == "15-BC/ĐU" and issued.is_issued
    with pytest.raises(ValidationError):
        services.report_update(report=issued, acting_user=None, results="sửa sau khi ban hành")
    run = _run(issued)
    assert run.official
    with mock.patch("reports.pdf.render_pdf", return_value=b"%PDF official"):
        run_services.report_run_execute(run_id=run.pk)
    with pytest.raises(ValidationError):
        _run(issued)  # the official PDF is rendered once
    copy = services.report_reissue(report=issued, acting_user=None)
    assert (copy.version, copy.number, copy.is_issued, copy.previous_version_id) == (2, "", False, issued.pk)
    assert copy.results == issued.results
    services.report_update(report=copy, acting_user=None, results="Bổ sung")
    issued.refresh_from_db()
    assert issued.results != "Bổ sung"
    with pytest.raises(ValidationError):
        services.report_reissue(report=issued, acting_user=None)


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        (date(2024, 6, 10), []),
        (date(2024, 6, 20), [("semi_annual", "2024-H1")]),
        (date(2024, 12, 25), [("annual", "2024")]),
    ],
)
def test_half_year_drafts(
    tree: Tree, report: Report, settings, today: date, expected: list[tuple[str, str]]
) -> None:  # type: ignore[no-untyped-def]
    settings.CHITIEU_DRAFT_DAYS_BEFORE = 10
    Report.objects.all().delete()
    created = services.report_drafts_create(today=today)
    assert [(r.kind, r.period) for r in created] == expected
    assert all(r.organisation == tree.dept for r in created)
    assert services.report_drafts_create(today=today) == []  # idempotent
    if expected:
        assert created[0].kind in (ReportKind.SEMI_ANNUAL, ReportKind.ANNUAL) and not created[0].is_issued


def test_the_tasks_services_send_by_name_are_the_registered_ones(db: None) -> None:
    """Services send their tasks by name (tasks import services, never the reverse): a renamed task must
    break this test, not the queue."""
    from config.celery import app

    app.loader.import_default_modules()
    for name in ("reports.report_run_execute", "exchange.import_run_execute", "core.worker_ping_answer"):
        assert name in app.tasks, name
