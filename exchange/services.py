"""Writes of the exchange app: background imports of an uploaded workbook, each with its audit row."""

from __future__ import annotations

import logging
import uuid
from typing import TYPE_CHECKING, Any

from celery import current_app
from celery.exceptions import SoftTimeLimitExceeded
from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.core.files.base import File
from django.core.files.storage import default_storage
from django.db import DatabaseError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from committees.audit import audit_record
from exchange.models import ImportRun, ImportStatus
from exchange.workbook import WorkbookError, check_file, import_workbook
from reports.run_services import MAX_ATTEMPTS, TRANSIENT_ERRORS, TransientRunError, requeue_stuck, send_run

if TYPE_CHECKING:
    from committees.access import AnyUser

logger = logging.getLogger(__name__)

# --- workbook imports -------------------------------------------------------------------------------
# The upload page stores the file and queues it; a worker imports it as the uploader. A run is claimed
# with a conditional UPDATE (queued → running), so a redelivered message does nothing, as for reports.


def _enqueue_import(run_id: int) -> None:
    # Sent by name: the tasks module imports this one, never the other way round.
    current_app.send_task("exchange.import_run_execute", args=[run_id])


def _send_import(run_id: int) -> bool:
    return send_run(_enqueue_import, run_id, "import run")


def import_run_request(*, upload: File, acting_user: AnyUser, enqueue: bool = True) -> ImportRun:
    """Keep the uploaded workbook and queue its import; the message goes out once the row is committed.

    Raises WorkbookError at once for what needs no reading of rows (too big, not an .xlsx, a zip bomb)."""
    if isinstance(acting_user, AnonymousUser):  # an import is always someone's, in their scope
        raise WorkbookError(_("Cần đăng nhập để nhập tệp."))
    size = upload.size or 0
    check_file(upload, size=size)
    upload.seek(0)
    run = ImportRun(uploaded_by=acting_user, file_name=(upload.name or "")[-255:], size=size)
    # A name nobody can guess: the file may hold members' personal data.
    run.file.save(f"{uuid.uuid4().hex}.xlsx", upload, save=False)
    with transaction.atomic():
        run.save()
        audit_record(
            acting_user=acting_user,
            action="import_run.request",
            obj=run,
            after={"file_name": run.file_name, "size": run.size},
        )
        if enqueue:
            transaction.on_commit(lambda: _send_import(run.pk))
    return run


def _import_progress(run_id: int, done: int, total: int) -> None:
    ImportRun.objects.filter(pk=run_id, status=ImportStatus.RUNNING).update(rows_done=done, rows_total=total)


def _import_finish(run: ImportRun, *, status: str, error: str = "", **outcome: Any) -> None:
    """End a running import once: its outcome, its audit row, and its file removed after the commit."""
    with transaction.atomic():
        ended = ImportRun.objects.filter(pk=run.pk, status=ImportStatus.RUNNING).update(
            status=status, error=error[:2000], finished_at=timezone.now(), file="", **outcome
        )
        if not ended:
            return
        audit_record(
            acting_user=run.uploaded_by,
            action="import_run.done" if status == ImportStatus.DONE else "import_run.fail",
            obj=run,
            before={"status": ImportStatus.RUNNING},
            after={
                "status": status,
                "error": error[:2000],
                "created": outcome.get("created", {}),
                "updated": outcome.get("updated", {}),
                "problems": len(outcome.get("problems", [])),
            },
        )
        name = run.file.name
        if name:
            transaction.on_commit(lambda: default_storage.delete(name))


def import_run_execute(*, run_id: int) -> str:
    """Import a queued run's workbook as its uploader. Returns "done", "failed" or "skipped".

    All or nothing, as import_workbook is: a run that fails has saved nothing. Raises TransientRunError
    after putting the run back in the queue when another try may succeed (importing twice is harmless)."""
    claimed = ImportRun.objects.filter(pk=run_id, status=ImportStatus.QUEUED).update(
        status=ImportStatus.RUNNING,
        started_at=timezone.now(),
        finished_at=None,
        attempts=F("attempts") + 1,
        rows_done=0,
        rows_total=0,
    )
    if not claimed:
        return "skipped"
    run = ImportRun.objects.select_related("uploaded_by").get(pk=run_id)
    user = run.uploaded_by
    # Never import without a user: None means the server's operator, who may change everything.
    if user is None or not user.is_active:
        _import_finish(
            run, status=ImportStatus.FAILED, error=_("Tài khoản đã tải tệp lên không còn hoạt động.")
        )
        return "failed"
    try:
        with run.file.open("rb") as stream:
            result = import_workbook(
                stream,
                acting_user=user,
                size=run.size,
                progress=lambda done, total: _import_progress(run_id, done, total),
            )
    except WorkbookError as error:
        _import_finish(run, status=ImportStatus.FAILED, error=error.message)
        return "failed"
    except SoftTimeLimitExceeded:
        _import_finish(
            run,
            status=ImportStatus.FAILED,
            error=_("Quá thời gian cho phép khi nhập tệp; chưa có dữ liệu nào được lưu."),
        )
        return "failed"
    except TRANSIENT_ERRORS as error:
        message = f"{type(error).__name__}: {error}"
        if run.attempts < MAX_ATTEMPTS:
            try:
                ImportRun.objects.filter(pk=run_id, status=ImportStatus.RUNNING).update(
                    status=ImportStatus.QUEUED, error=message[:2000]
                )
            except DatabaseError:
                logger.warning("import run %s: could not put back in the queue", run_id)
            raise TransientRunError(message) from error
        _import_finish(run, status=ImportStatus.FAILED, error=message)
        return "failed"
    except Exception as error:
        logger.exception("import run %s failed", run_id)
        _import_finish(
            run,
            status=ImportStatus.FAILED,
            error=_("Lỗi khi nhập tệp (%(error)s); chưa có dữ liệu nào được lưu.")
            % {"error": type(error).__name__},
        )
        return "failed"
    problems = [
        # Stored as the import page shows them: sheets and columns by the labels the file's headers use.
        {"sheet": p.sheet_label, "row": p.row, "column": p.column_label, "message": p.message}
        for p in result.problems
    ]
    _import_finish(
        run,
        status=ImportStatus.DONE if result.ok else ImportStatus.FAILED,
        created=result.created,
        updated=result.updated,
        problems=problems,
    )
    return "done" if result.ok else "failed"


def import_runs_requeue_stuck(*, now: Any = None) -> list[int]:
    """As for reports; an import that fails was one transaction, so nothing of it was saved."""
    return requeue_stuck(
        ImportRun,
        now=now,
        time_limit=settings.CHITIEU_IMPORT_TIME_LIMIT,
        fail=lambda run: _import_finish(
            run,
            status=ImportStatus.FAILED,
            error=_("Tiến trình nhập bị dừng quá số lần cho phép; chưa có dữ liệu nào được lưu."),
        ),
        reset={"rows_done": 0},
        action="import_run.requeue",
        organisation_of=lambda run: None,
        related="uploaded_by",
        send=_send_import,
    )
