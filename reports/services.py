"""Every write to reports goes through here (create, edit, issue, the scheduled drafts, reviews of one
resolution), and each writes its audit row.

Writes to meetings are in `reports.meeting_services`; report runs (the PDF and Word renders) and the rules
of every background run in `reports.run_services`.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from committees.audit import audit_record, snapshot, update_audited
from committees.models import CELL_KINDS, Organisation
from reports.meeting_docs import default_signer
from reports.models import REPORT_EDITABLE, Report, ReportKind
from reports.review import ReviewStage, review_title
from resolutions.models import Document
from resolutions.numbering import parse_number
from targets.models import Target
from targets.outcomes.rollups import scope_of
from targets.periods import Period, PeriodError, PeriodKind, parse_period

if TYPE_CHECKING:
    from committees.access import AnyUser


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
