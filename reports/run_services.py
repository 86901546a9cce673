"""Background runs: the report PDF and Word renders, and the rules every background run follows.

A run is rendered by a worker: `report_run_request` creates the row (queued) and sends the message once
the row is committed; `report_run_execute` claims it with a conditional UPDATE (queued → running), so a
duplicated or redelivered message finds nothing to claim and does nothing. `send_run` and `requeue_stuck`
are the one rule for sending and requeueing any background run (report renders here, workbook imports in
`exchange`); each write still writes its audit row.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from celery import current_app
from celery.exceptions import SoftTimeLimitExceeded
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import DatabaseError, InterfaceError, OperationalError, transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from kombu.exceptions import OperationalError as KombuOperationalError

from committees.audit import audit_record, snapshot
from committees.models import Organisation
from reports.models import Report, ReportRun, RunStatus

if TYPE_CHECKING:
    from committees.access import AnyUser
logger = logging.getLogger(__name__)

# A run is tried at most this many times when the failure is transient (database or connection).
MAX_ATTEMPTS = 3


TRANSIENT_ERRORS: tuple[type[BaseException], ...] = (
    OperationalError,
    InterfaceError,
    ConnectionError,
    TimeoutError,
)


class TransientRunError(Exception):
    """A run failed for a reason that may pass (the database went away); the task retries it."""


def _enqueue(run_id: int) -> None:
    # Sent by name: reports/tasks.py imports this module, never the other way round.
    current_app.send_task("reports.report_run_execute", args=[run_id])


def send_run(enqueue: Callable[[int], None], run_id: int, what: str) -> bool:
    """Publish a background run's message (report PDFs, workbook imports); False when the broker cannot
    be reached.

    The run then simply stays queued (its page shows it so) and beat's requeue job sends it again once the
    broker is back: a request is never lost to a broker outage.
    """
    try:
        enqueue(run_id)
    except (KombuOperationalError, OSError) as error:
        logger.warning(
            "%s %s: broker unavailable, left queued for the next requeue (%s)", what, run_id, error
        )
        return False
    return True


def _send(run_id: int) -> bool:
    return send_run(_enqueue, run_id, "report run")


def report_run_request(
    *, report: Report, acting_user: AnyUser | None, cut_off: date | None = None, enqueue: bool = True
) -> ReportRun:
    """Queue a render of the report; the message goes out once the row is committed.

    A run already waiting is returned instead of a second one. An issued report renders its official
    PDF once: after that, only a new version renders again. A render at another cut-off (`cut_off`) is
    never official.
    """
    with transaction.atomic():
        report = Report.objects.select_for_update().get(pk=report.pk)
        official = report.is_issued and cut_off is None
        if official and report.runs.filter(official=True, status=RunStatus.DONE).exists():
            raise ValidationError(
                _("Báo cáo đã ban hành đã có tệp PDF chính thức. Hãy tạo phiên bản mới để ban hành lại.")
            )
        pending = report.runs.filter(
            status__in=(RunStatus.QUEUED, RunStatus.RUNNING), cut_off=cut_off
        ).first()
        if pending is not None:
            return pending
        last = report.runs.order_by("-version").values_list("version", flat=True).first() or 0
        run = ReportRun.objects.create(
            report=report,
            requested_by=acting_user if acting_user is not None and acting_user.is_authenticated else None,
            version=last + 1,
            official=official,
            cut_off=cut_off,
        )
        audit_record(
            acting_user=acting_user,
            action="report_run.request",
            obj=run,
            organisation=report.organisation,
            after=snapshot(run),
        )
        if enqueue:
            transaction.on_commit(lambda: _send(run.pk))
    return run


def _progress(run_id: int, pct: int) -> None:
    ReportRun.objects.filter(pk=run_id, status=RunStatus.RUNNING).update(progress=pct)


def _fail(run_id: int, message: str) -> None:
    with transaction.atomic():
        updated = ReportRun.objects.filter(pk=run_id, status=RunStatus.RUNNING).update(
            status=RunStatus.FAILED, error=message[:2000], finished_at=timezone.now()
        )
        if updated:
            run = ReportRun.objects.select_related("report__organisation").get(pk=run_id)
            audit_record(
                acting_user=None,
                action="report_run.fail",
                obj=run,
                organisation=run.report.organisation,
                before={"status": RunStatus.RUNNING},
                after={"status": run.status, "error": run.error, "attempts": run.attempts},
            )


def _pdf_name(run: ReportRun) -> str:
    report = run.report
    return f"reports/{report.organisation.code}/{report.period}-v{report.version}-r{run.version}.pdf"


def _store(name: str, data: bytes) -> str:
    # A worker killed between writing the file and marking the run done left this file behind; the run
    # is ours alone (claimed), so replace it rather than keep a second copy.
    if default_storage.exists(name):
        default_storage.delete(name)
    return default_storage.save(name, ContentFile(data))


def report_run_execute(*, run_id: int) -> str:
    """Render a queued run once. Returns "done", "failed" or "skipped" (nothing to claim).

    Raises TransientRunError after putting the run back in the queue when another try may succeed.
    """
    from reports.docx_report import render_docx
    from reports.pdf import render_pdf

    claimed = ReportRun.objects.filter(pk=run_id, status=RunStatus.QUEUED).update(
        status=RunStatus.RUNNING,
        started_at=timezone.now(),
        finished_at=None,
        attempts=F("attempts") + 1,
        progress=10,
    )
    if not claimed:
        return "skipped"
    run = ReportRun.objects.select_related("report__organisation__parent", "requested_by").get(pk=run_id)
    try:
        pdf = render_pdf(run.report, cut_off=run.cut_off, progress=lambda pct: _progress(run_id, pct))
        name = _store(_pdf_name(run), pdf)
        digest = hashlib.sha256(pdf).hexdigest()
        # The Word file of the run: a province's is too big to build while a page waits (docs/word-export.md).
        docx_name = _store(
            _pdf_name(run).removesuffix(".pdf") + ".docx", render_docx(run.report, cut_off=run.cut_off)
        )
        with transaction.atomic():
            ReportRun.objects.filter(pk=run_id, status=RunStatus.RUNNING).update(
                status=RunStatus.DONE,
                pdf=name,
                docx=docx_name,
                sha256=digest,
                progress=100,
                error="",
                finished_at=timezone.now(),
            )
            audit_record(
                acting_user=run.requested_by,
                action="report_run.done",
                obj=run,
                organisation=run.report.organisation,
                before={"status": RunStatus.RUNNING, "pdf": ""},
                after={
                    "status": RunStatus.DONE,
                    "pdf": name,
                    "docx": docx_name,
                    "sha256": digest,
                    "bytes": len(pdf),
                },
            )
        return "done"
    except SoftTimeLimitExceeded:
        _fail(run_id, _("Quá thời gian cho phép khi tạo tệp PDF."))
        return "failed"
    except TRANSIENT_ERRORS as error:
        message = f"{type(error).__name__}: {error}"
        if run.attempts < MAX_ATTEMPTS:
            try:
                ReportRun.objects.filter(pk=run_id, status=RunStatus.RUNNING).update(
                    status=RunStatus.QUEUED, error=message[:2000], progress=0
                )
            except DatabaseError:
                logger.warning("report run %s: could not put back in the queue", run_id)
            raise TransientRunError(message) from error
        _fail(run_id, message)
        return "failed"
    except Exception as error:
        logger.exception("report run %s failed", run_id)
        _fail(run_id, f"{type(error).__name__}: {error}")
        return "failed"


def requeue_stuck(
    model: type[Any],
    *,
    now: Any,
    time_limit: int,
    fail: Callable[[Any], None],
    reset: dict[str, Any],
    action: str,
    organisation_of: Callable[[Any], Organisation | None],
    related: str,
    send: Callable[[int], bool],
) -> list[int]:
    """The one rule for background runs (report PDFs, workbook imports): runs left "running" past the hard
    time limit (a worker died) go back to the queue, or fail after the last attempt. Queued runs that nobody
    picked up since the last check (the broker was down when they were requested, or their message was
    lost) get their message again; the claim makes a duplicate harmless."""
    now = now or timezone.now()
    stale = now - timedelta(seconds=time_limit + 60)
    resend = now - timedelta(seconds=settings.CHITIEU_REQUEUE_EVERY)
    requeued: list[int] = []
    for run in model.objects.filter(status="running", started_at__lt=stale).select_related(related):
        if run.attempts >= MAX_ATTEMPTS:
            fail(run)
            continue
        with transaction.atomic():
            moved = model.objects.filter(pk=run.pk, status="running", started_at__lt=stale).update(
                status="queued", **reset
            )
            if moved:
                audit_record(
                    acting_user=None,
                    action=action,
                    obj=run,
                    organisation=organisation_of(run),
                    before={"status": "running", "attempts": run.attempts},
                    after={"status": "queued", "attempts": run.attempts},
                    reason=_("Tiến trình bị dừng; đã xếp hàng lại."),
                )
                transaction.on_commit(lambda pk=run.pk: send(pk))  # type: ignore[misc]
                requeued.append(run.pk)
    forgotten = model.objects.filter(
        Q(started_at__isnull=True) | Q(started_at__lt=resend), status="queued", requested_at__lt=resend
    ).exclude(pk__in=requeued)
    for pk in forgotten.values_list("pk", flat=True):
        if send(pk):
            requeued.append(pk)
    return requeued


def report_runs_requeue_stuck(*, now: Any = None) -> list[int]:
    return requeue_stuck(
        ReportRun,
        now=now,
        time_limit=settings.CHITIEU_REPORT_TIME_LIMIT,
        fail=lambda run: _fail(run.pk, _("Tiến trình tạo PDF bị dừng quá số lần cho phép.")),
        reset={"error": _("Tiến trình bị dừng; đã xếp hàng lại."), "progress": 0},
        action="report_run.requeue",
        organisation_of=lambda run: run.report.organisation,
        related="report__organisation",
        send=_send,
    )
