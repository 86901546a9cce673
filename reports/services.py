"""Every write to meetings, reports and report runs goes through here, and each writes its audit row.

A run is rendered by a worker: `report_run_request` creates the row (queued) and sends the message once
the row is committed; `report_run_execute` claims it with a conditional UPDATE (queued → running), so a
duplicated or redelivered message finds nothing to claim and does nothing.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable
from dataclasses import dataclass
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

from committees.audit import audit_record, snapshot, update_audited
from committees.models import CELL_KINDS, Organisation
from reports.models import (
    REPORT_EDITABLE,
    ConclusionTask,
    Meeting,
    MeetingAttendee,
    Report,
    ReportKind,
    ReportRun,
    RunStatus,
)
from reports.selectors import (
    ReviewStage,
    conclusion_lines,
    default_signer,
    notice_title,
    review_title,
)
from resolutions.models import Document, Task
from resolutions.numbering import parse_number
from resolutions.services import document_create, task_create
from targets.models import Target
from targets.outcomes.rollups import scope_of
from targets.periods import Period, PeriodError, PeriodKind, parse_period

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


KIND_PERIODS = {
    ReportKind.SEMI_ANNUAL: (PeriodKind.HALF,),
    ReportKind.NINE_MONTHS: (PeriodKind.NINE_MONTHS,),
    ReportKind.ANNUAL: (PeriodKind.YEAR,),
    ReportKind.TERM_REVIEW: (PeriodKind.TERM,),
    # A review's period is only the calendar years its window touches (review_create).
    ReportKind.RESOLUTION: (PeriodKind.YEAR, PeriodKind.TERM),
}


def default_title(kind: str, period: Period) -> str:
    y = period.end.year
    if kind == ReportKind.SEMI_ANNUAL:
        return _(
            "kết quả công tác xây dựng Đảng 6 tháng đầu năm, phương hướng, nhiệm vụ 6 tháng cuối năm %(y)s"
        ) % {"y": y}
    if kind == ReportKind.NINE_MONTHS:
        return _(
            "kết quả công tác xây dựng Đảng 9 tháng đầu năm, phương hướng, nhiệm vụ quý IV năm %(y)s"
        ) % {"y": y}
    if kind == ReportKind.ANNUAL:
        return _("tổng kết công tác xây dựng Đảng năm %(y)s, phương hướng, nhiệm vụ năm %(n)s") % {
            "y": y,
            "n": y + 1,
        }
    return _("tổng kết nhiệm kỳ %(a)s-%(b)s") % {"a": period.start.year, "b": y}


def _signer(organisation: Organisation) -> tuple[str, str]:
    return default_signer(organisation)


def _default_recipients(organisation: Organisation) -> str:
    lines = []
    if organisation.parent is not None:
        parent = organisation.parent
        lines.append(f"- {parent.committee_name or parent.name} (để báo cáo),")
    if organisation.kind in CELL_KINDS:
        lines += ["- Các đảng viên trong chi bộ,", "- Lưu Chi bộ."]
    else:
        lines += [
            "- Các đồng chí Ủy viên Ban Chấp hành,",
            "- Các cấp ủy trực thuộc,",
            "- Lưu Văn phòng Đảng ủy.",
        ]
    return "\n".join(lines)


def _parse_report_period(kind: str, period: str) -> Period:
    try:
        parsed = parse_period(period)
    except PeriodError as error:
        raise ValidationError({"period": error.message}) from None
    allowed = KIND_PERIODS.get(ReportKind(kind), ())
    if parsed.kind not in allowed or (kind == ReportKind.SEMI_ANNUAL and parsed.start.month != 1):
        raise ValidationError({"period": _("Kỳ %(p)s không phù hợp với loại báo cáo.") % {"p": parsed.code}})
    return parsed


@transaction.atomic
def report_create(
    *,
    organisation: Organisation,
    kind: str,
    period: str,
    cut_off: date | None = None,
    acting_user: AnyUser | None,
    **fields: Any,
) -> Report:
    """A draft report with the defaults a secretary would type: title, signer, recipients, place."""
    parsed = _parse_report_period(kind, period)
    if (kind == ReportKind.RESOLUTION) != (fields.get("document") is not None):
        raise ValidationError({"kind": _("Chỉ báo cáo sơ kết, tổng kết nghị quyết mới gắn với một văn bản.")})
    authority, signer_name = _signer(organisation)
    report = Report(
        organisation=organisation,
        kind=kind,
        period=parsed.code,
        cut_off=cut_off or parsed.end,
        title=default_title(kind, parsed),
        place=organisation.place_name,
        signer_authority=authority,
        signer_title="BÍ THƯ",
        signer_name=signer_name,
        recipients=_default_recipients(organisation),
        created_by=acting_user if acting_user is not None and acting_user.is_authenticated else None,
    )
    meetings = fields.pop("meetings", None)
    for name, value in fields.items():
        setattr(report, name, value)
    report.full_clean()
    report.save()
    if meetings is not None:
        report.meetings.set(meetings)
    audit_record(
        acting_user=acting_user,
        action="report.create",
        obj=report,
        organisation=organisation,
        after=snapshot(report),
    )
    return report


def _refuse_if_issued(report: Report) -> None:
    if report.is_issued:
        raise ValidationError(_("Báo cáo đã ban hành không thể sửa. Hãy tạo phiên bản mới để ban hành lại."))


@transaction.atomic
def report_update(*, report: Report, acting_user: AnyUser | None, **changes: Any) -> Report:
    # Lock the row: issuing and editing at the same moment must not both win.
    report = Report.objects.select_for_update().select_related("organisation").get(pk=report.pk)
    _refuse_if_issued(report)
    meetings = changes.pop("meetings", None)
    update_audited(
        report,
        changes=changes,
        editable=REPORT_EDITABLE,
        action="report.update",
        organisation_of=lambda r: r.organisation,
        acting_user=acting_user,
        derive=_cut_off_in_period,
    )
    if meetings is not None:
        report.meetings.set(meetings)
    return report


def _cut_off_in_period(report: Report) -> None:
    period = parse_period(report.period)
    if not period.start <= report.cut_off <= period.end:
        raise ValidationError({"cut_off": _("Ngày số liệu phải nằm trong kỳ báo cáo.")})
    if report.window_start is not None and report.cut_off < report.window_start:
        raise ValidationError({"cut_off": _("Ngày số liệu phải sau ngày bắt đầu sơ kết, tổng kết.")})


def _canonical_report_number(report: Report, number: str) -> str:
    parsed = parse_number(number)
    if not parsed.is_usable:
        raise ValidationError({"number": parsed.message or _("Số, ký hiệu không hợp lệ.")})
    if parsed.system != "party" or parsed.type_code != "BC":
        raise ValidationError({"number": _("Số của báo cáo phải có dạng 15-BC/ĐU.")})
    issuer = report.organisation.issuer_code
    if issuer and parsed.issuers and parsed.issuers[-1] != issuer:
        raise ValidationError(
            {"number": _("Ký hiệu cơ quan ban hành phải là %(issuer)s.") % {"issuer": issuer}}
        )
    return parsed.canonical or number


@transaction.atomic
def report_issue(*, report: Report, number: str, dated: date, acting_user: AnyUser | None) -> Report:
    """Give the report its number and date: from now on it is the issued text and never changes."""
    report = Report.objects.select_for_update().select_related("organisation").get(pk=report.pk)
    _refuse_if_issued(report)
    canonical = _canonical_report_number(report, number)
    clash = (
        Report.objects.filter(
            organisation=report.organisation,
            number=canonical,
            dated__year=dated.year,
            issued_at__isnull=False,
        )
        .exclude(pk=report.pk)
        .exists()
    )
    if clash:
        raise ValidationError({"number": _("Số %(n)s đã được dùng cho báo cáo khác.") % {"n": canonical}})
    before = snapshot(report)
    report.number, report.dated, report.issued_at = canonical, dated, timezone.now()
    report.save(update_fields=["number", "dated", "issued_at"])
    audit_record(
        acting_user=acting_user,
        action="report.issue",
        obj=report,
        organisation=report.organisation,
        before=before,
        after=snapshot(report),
    )
    return report


@transaction.atomic
def report_reissue(*, report: Report, acting_user: AnyUser | None) -> Report:
    """A new draft version of an issued report; the issued one and its PDF stay as they are."""
    report = Report.objects.select_for_update().get(pk=report.pk)
    if not report.is_issued:
        raise ValidationError(_("Chỉ báo cáo đã ban hành mới cần tạo phiên bản mới."))
    if Report.objects.filter(previous_version=report).exists():
        raise ValidationError(_("Báo cáo này đã có phiên bản mới."))
    copy = Report(
        previous_version=report,
        version=report.version + 1,
        number="",
        issued_at=None,
        created_by=acting_user if acting_user is not None and acting_user.is_authenticated else None,
        **{
            name: getattr(report, name)
            for name in ("organisation_id", "kind", "period", "document_id", "window_start", *REPORT_EDITABLE)
            if name != "dated"
        },
    )
    copy.full_clean()
    copy.save()
    copy.meetings.set(report.meetings.all())
    audit_record(
        acting_user=acting_user,
        action="report.reissue",
        obj=copy,
        organisation=copy.organisation,
        after=snapshot(copy),
        reason=f"v{report.version} → v{copy.version}",
    )
    return copy


# --- runs -------------------------------------------------------------------------------------


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


# --- scheduled drafts -----------------------------------------------------------------------------


def report_drafts_create(*, today: date | None = None) -> list[Report]:
    """Draft the half-year report of every organisation with targets, CHITIEU_DRAFT_DAYS_BEFORE days
    before the half ends: the semi-annual report at 30/6, the annual report at 31/12. Idempotent."""
    today = today or timezone.localdate()
    mid = date(today.year, 6, 30)
    half_end = mid if today <= mid else date(today.year, 12, 31)
    if (half_end - today).days > settings.CHITIEU_DRAFT_DAYS_BEFORE:
        return []
    kind, code = (
        (ReportKind.SEMI_ANNUAL, f"{today.year}-H1")
        if half_end == mid
        else (ReportKind.ANNUAL, str(today.year))
    )
    period = parse_period(code)
    with_targets = Target.objects.filter(scope_of(period)).values("organisation_id")
    organisations = (
        Organisation.objects.filter(pk__in=with_targets, valid_to__isnull=True)
        .exclude(reports__kind=kind, reports__period=period.code)
        .select_related("parent")
        .order_by("path")
    )
    return [
        report_create(organisation=organisation, kind=kind, period=period.code, acting_user=None)
        for organisation in organisations
    ]


# --- meetings ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class AttendeeData:
    name: str
    title: str = ""
    invited: bool = False


MEETING_FIELDS = (
    "kind",
    "term",
    "number",
    "extended",
    "held_on",
    "place",
    "chair",
    "secretary",
    "agenda",
    "discussion",
    "conclusions",
    "notice_number",
    "notice_dated",
    "notice_signer_authority",
    "notice_signer_title",
    "notice_signer_name",
)


def _check_meeting(meeting: Meeting) -> None:
    """The term must be the organisation's; the notice number must read as a Party notice of its issuer
    ("125-TB/TU"), stored in its canonical form."""
    if meeting.term is not None and meeting.term.organisation_id != meeting.organisation_id:
        raise ValidationError({"term": _("Nhiệm kỳ không thuộc tổ chức này.")})
    if not meeting.notice_number:
        return
    parsed = parse_number(meeting.notice_number)
    if not parsed.is_usable or parsed.system != "party" or parsed.type_code != "TB" or not parsed.number:
        raise ValidationError({"notice_number": _("Số thông báo kết luận phải có dạng 125-TB/TU.")})
    issuer = meeting.organisation.issuer_code
    if issuer and parsed.issuers and parsed.issuers[-1] != issuer:
        raise ValidationError(
            {"notice_number": _("Ký hiệu cơ quan ban hành phải là %(issuer)s.") % {"issuer": issuer}}
        )
    meeting.notice_number = parsed.canonical or meeting.notice_number


def _save_attendees(meeting: Meeting, attendees: list[AttendeeData]) -> None:
    meeting.attendees.all().delete()
    MeetingAttendee.objects.bulk_create(
        MeetingAttendee(meeting=meeting, name=a.name, title=a.title, invited=a.invited, position=i)
        for i, a in enumerate(attendees, start=1)
        if a.name.strip()
    )


def _attendee_snapshot(attendees: list[AttendeeData]) -> list[dict[str, Any]]:
    return [{"name": a.name, "title": a.title, "invited": a.invited} for a in attendees]


@transaction.atomic
def meeting_create(
    *,
    organisation: Organisation,
    held_on: date,
    acting_user: AnyUser | None,
    attendees: list[AttendeeData] | None = None,
    reports: list[Report] | None = None,
    **fields: Any,
) -> Meeting:
    unknown = set(fields) - set(MEETING_FIELDS)
    if unknown:
        raise TypeError(f"meeting_create cannot set {sorted(unknown)}")
    meeting = Meeting(organisation=organisation, held_on=held_on, **fields)
    _check_meeting(meeting)
    meeting.full_clean()
    meeting.save()
    _save_attendees(meeting, attendees or [])
    if reports is not None:
        meeting.reports.set(reports)
    audit_record(
        acting_user=acting_user,
        action="meeting.create",
        obj=meeting,
        organisation=organisation,
        after={**snapshot(meeting), "attendees": _attendee_snapshot(attendees or [])},
    )
    return meeting


@transaction.atomic
def meeting_update(
    *,
    meeting: Meeting,
    acting_user: AnyUser | None,
    attendees: list[AttendeeData] | None = None,
    reports: list[Report] | None = None,
    **changes: Any,
) -> Meeting:
    unknown = set(changes) - set(MEETING_FIELDS)
    if unknown:
        raise TypeError(f"meeting_update cannot change {sorted(unknown)}")
    before = {
        **snapshot(meeting),
        "attendees": [
            {"name": a.name, "title": a.title, "invited": a.invited} for a in meeting.attendees.all()
        ],
    }
    for name, value in changes.items():
        setattr(meeting, name, value)
    _check_meeting(meeting)
    meeting.full_clean()
    meeting.save()
    if attendees is not None:
        _save_attendees(meeting, attendees)
    if reports is not None:
        meeting.reports.set(reports)
    audit_record(
        acting_user=acting_user,
        action="meeting.update",
        obj=meeting,
        organisation=meeting.organisation,
        before=before,
        after={**snapshot(meeting), **({"attendees": _attendee_snapshot(attendees)} if attendees else {})},
    )
    return meeting


# --- meeting conclusions → tasks ----------------------------------------------------------------------


@dataclass(frozen=True)
class ConclusionAssignment:
    """Conclusion number `position` of a meeting, given as a task to `organisation` by `due_on` (None:
    thường xuyên, ongoing)."""

    position: int
    organisation: Organisation
    title: str = ""
    due_on: date | None = None
    co_organisations: tuple[Organisation, ...] = ()


def _notice_document(meeting: Meeting, acting_user: AnyUser | None) -> Document:
    """The conclusion notice as a document of record, the basis of the tasks made from it: the one the
    meeting already has, a document of the organisation with the same number, or a new one (a draft,
    "…-TB/ĐU", while the notice has no number)."""
    if meeting.notice_document is not None:
        return meeting.notice_document
    organisation = meeting.organisation
    existing = None
    if meeting.notice_number:
        existing = (
            Document.objects.filter(organisation=organisation, canonical_number=meeting.notice_number)
            .order_by("-issued_on", "-id")
            .first()
        )
    document = existing
    if document is None:
        issuer = organisation.issuer_code or "ĐU"
        term = meeting.term
        try:
            document = document_create(
                raw_number=meeting.notice_number or f"…-TB/{issuer}",
                title=f"Thông báo {notice_title(meeting)}",
                # A draft is cited by its title: several drafts share the blank number "…-TB/ĐU".
                citation="" if meeting.notice_number else f"Thông báo {notice_title(meeting)}",
                organisation=organisation,
                issued_on=meeting.notice_dated,
                issuer_organisation=organisation,
                issuer_name=organisation.committee_name or organisation.name,
                term_label=f"{term.start_year}-{term.end_year}" if term is not None else "",
                acting_user=acting_user,
            )
        except ValidationError:
            raise ValidationError(
                _("Số thông báo %(n)s đã được dùng cho một văn bản khác; hãy kiểm tra lại số thông báo.")
                % {"n": meeting.notice_number}
            ) from None
        # Without a number the notice is recorded as a draft: document_create does so for "…-TB/ĐU".
    before = snapshot(meeting)
    meeting.notice_document = document
    meeting.save(update_fields=["notice_document"])
    audit_record(
        acting_user=acting_user,
        action="meeting.notice_document",
        obj=meeting,
        organisation=organisation,
        before=before,
        after=snapshot(meeting),
    )
    return document


@transaction.atomic
def meeting_conclusions_to_tasks(
    *, meeting: Meeting, assignments: list[ConclusionAssignment], acting_user: AnyUser | None
) -> list[Task]:
    """Turn conclusions of the meeting into tracked tasks, each led by an organisation of the meeting's
    subtree. All or nothing: one bad assignment and nothing is created."""
    # Lock the meeting row only: term and notice are nullable joins, which PostgreSQL will not lock.
    meeting = (
        Meeting.objects.select_for_update(of=("self",))
        .select_related("organisation", "term", "notice_document")
        .get(pk=meeting.pk)
    )
    lines = conclusion_lines(meeting.conclusions)
    taken = set(meeting.conclusion_tasks.values_list("position", flat=True))
    errors: list[str] = []
    seen: set[int] = set()
    for item in assignments:
        if not 1 <= item.position <= len(lines):
            errors.append(_("Hội nghị không có kết luận thứ %(n)s.") % {"n": item.position})
        elif item.position in taken or item.position in seen:
            errors.append(_("Kết luận thứ %(n)s đã được giao thành nhiệm vụ.") % {"n": item.position})
        for organisation in (item.organisation, *item.co_organisations):
            if not organisation.path.startswith(meeting.organisation.path):
                errors.append(
                    _("%(org)s không thuộc %(owner)s.")
                    % {"org": organisation.name, "owner": meeting.organisation.name}
                )
        if item.due_on is not None and item.due_on < meeting.held_on:
            errors.append(_("Thời hạn của kết luận thứ %(n)s trước ngày họp.") % {"n": item.position})
        seen.add(item.position)
    if not assignments:
        errors.append(_("Chưa chọn kết luận nào để giao nhiệm vụ."))
    if errors:
        raise ValidationError(errors)
    document = _notice_document(meeting, acting_user)
    tasks = []
    for item in sorted(assignments, key=lambda a: a.position):
        task = task_create(
            document=document,
            organisation=item.organisation,
            title=(item.title or lines[item.position - 1]).strip(),
            due_on=item.due_on,
            co_organisations=item.co_organisations,
            acting_user=acting_user,
        )
        link = ConclusionTask.objects.create(meeting=meeting, position=item.position, task=task)
        audit_record(
            acting_user=acting_user,
            action="meeting.conclusion_task",
            obj=meeting,
            organisation=meeting.organisation,
            before={"position": link.position, "task": None},
            after={"position": link.position, "task": task.pk, "title": task.title},
        )
        tasks.append(task)
    return tasks


# --- reviews of one resolution ----------------------------------------------------------------------


def _review_period(window_start: date, cut_off: date) -> str:
    """The report's period code: the calendar years the window touches ("2021-2024", or "2024")."""
    if window_start.year == cut_off.year:
        return str(cut_off.year)
    return f"{window_start.year}-{cut_off.year}"


@transaction.atomic
def review_create(
    *,
    organisation: Organisation,
    document: Document,
    window_start: date,
    cut_off: date,
    stage: str = ReviewStage.MIDWAY,
    acting_user: AnyUser | None,
    **fields: Any,
) -> Report:
    """A draft report reviewing one resolution over any window ("Báo cáo sơ kết 3 năm thực hiện Nghị
    quyết số 04-NQ/TU"): tied to the document, with the title offices write."""
    if stage not in ReviewStage.WORDS:
        raise ValidationError({"stage": _("Chọn sơ kết hoặc tổng kết.")})
    if window_start > cut_off:
        raise ValidationError({"window_start": _("Ngày bắt đầu phải trước ngày số liệu.")})
    if document.issued_on is not None and cut_off < document.issued_on:
        raise ValidationError({"cut_off": _("Ngày số liệu phải sau ngày ban hành văn bản.")})
    title = review_title(document=document, window_start=window_start, cut_off=cut_off, stage=stage)
    return report_create(
        organisation=organisation,
        kind=ReportKind.RESOLUTION,
        period=_review_period(window_start, cut_off),
        cut_off=cut_off,
        acting_user=acting_user,
        document=document,
        window_start=window_start,
        title=title[:1].lower() + title[1:],
        **fields,
    )
