"""The workbook's sheets `reports` (Báo cáo) and `narratives` (Thuyết minh kỳ), docs/meetings.md "The workbook".

A report has no code: a row is matched by its organisation, kind, period, `copy` and `version`. `copy`
numbers the reports of one organisation, kind and period in the order they were created (1, 2, …), so two
reports with the same title stay two rows; `version` follows a report through its re-issues (version 2 is
the draft made from issued version 1). An issued report never changes: a row that would change one is
refused. The meetings a report is presented at are written one per line as "CODE | dd/mm/yyyy | kind
[number]", the natural key of the `meetings` sheet.

A narrative is the organisation's four texts for a period (targets.Narrative), matched by the pair and
written through `targets.cycle_services.narrative_save`, which refuses once the period is submitted.

Scope, as on the pages: reports by who reports for the organisation (Action.REPORT); narratives by who may
submit its period (targets.cycle.may)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from committees import access
from committees.access import Action
from committees.models import Organisation
from core.vn import VnValueError
from exchange.sheets_meetings import _int
from reports import services as report_services
from reports.models import REPORT_EDITABLE, Meeting, MeetingKind, Report, ReportKind
from resolutions.numbering import parse_number
from targets import cycle, cycle_services, selectors
from targets.models import LOCKED_STATUSES, Narrative
from targets.periods import PeriodError, parse_period

if TYPE_CHECKING:
    from exchange.importer import _Importer

COLUMNS: dict[str, list[tuple[str, str, bool]]] = {
    "reports": [
        ("organisation_code", "Mã tổ chức", True),
        ("kind", "Loại báo cáo", True),
        ("period", "Kỳ", True),
        ("copy", "Bản thứ (báo cáo cùng loại, cùng kỳ)", False),
        ("version", "Phiên bản", False),
        ("status", "Trạng thái", False),
        ("title", "Trích yếu", True),
        ("cut_off", "Số liệu tính đến", False),
        ("document", "Văn bản được sơ kết, tổng kết", False),
        ("window_start", "Sơ kết, tổng kết từ ngày", False),
        ("number", "Số, ký hiệu", False),
        ("dated", "Ngày báo cáo", False),
        ("place", "Địa danh", False),
        ("signer_authority", "Thẩm quyền ký", False),
        ("signer_title", "Chức vụ người ký", False),
        ("signer_name", "Người ký", False),
        ("recipients", "Nơi nhận", False),
        ("results", "Kết quả", False),
        ("limitations", "Hạn chế, nguyên nhân", False),
        ("directions", "Phương hướng, nhiệm vụ", False),
        ("recommendations", "Đề xuất, kiến nghị", False),
        ("rounding", "Cách làm tròn", False),
        ("meetings", "Trình tại hội nghị (mỗi dòng: mã tổ chức | dd/mm/yyyy | loại hội nghị lần thứ)", False),
    ],
    "narratives": [
        ("organisation_code", "Mã tổ chức", True),
        ("period", "Kỳ", True),
        ("results", "Kết quả", False),
        ("shortcomings", "Hạn chế", False),
        ("causes", "Nguyên nhân", False),
        ("directions", "Phương hướng", False),
    ],
}
SHEET_LABELS = {"reports": "Báo cáo", "narratives": "Thuyết minh kỳ"}
DRAFT, ISSUED = "draft", "issued"
CODED = {
    ("reports", "kind"): [k.value for k in ReportKind],
    ("reports", "status"): [DRAFT, ISSUED],
    ("reports", "rounding"): ["half_up", "truncate"],
}
DATES = ("cut_off", "dated", "window_start")
TEXTS = tuple(name for name in REPORT_EDITABLE if name not in DATES)
Key = tuple[str, str, str, int, int]  # organisation code, kind, period, copy, version


# --- meetings named by a report ----------------------------------------------------------------------
def _label(code: str, held_on: date, kind: str, number: int | None) -> str:
    """How a report's row names a meeting: "SLDTBXH | 04/07/2024 | bch 21", or "… | standing" without a number."""
    from exchange.export import _d

    return f"{code} | {_d(held_on)} | {kind}" + (f" {number}" if number is not None else "")


def meeting_label(meeting: Meeting) -> str:
    return _label(meeting.organisation.code, meeting.held_on, meeting.kind, meeting.number)


def _meeting_ref(line: str) -> tuple[str, date, str, int | None] | None:
    """(organisation code, date, kind, number) of a line; None when it does not read as one."""
    from exchange.sheets import _date

    parts = [part.strip() for part in line.split("|")]
    if len(parts) != 3 or not parts[0]:
        return None
    words = parts[2].split()
    try:
        held_on = _date(parts[1])
        number = _int(words[1]) if len(words) == 2 else None
    except VnValueError:
        return None
    if not words or len(words) > 2 or words[0] not in MeetingKind.values or held_on is None:
        return None
    return parts[0], held_on, words[0], number


def _canonical(line: str) -> str:
    """A meeting line as an export writes it ("4/7/2024" → "04/07/2024"); one that does not read, as it is."""
    ref = _meeting_ref(line)
    return line if ref is None else _label(*ref)


def _differs(given: Any, stored: Any) -> bool:
    """Whether a row's value changes the stored one: the meetings of a report in any order."""
    if isinstance(given, list):
        return sorted(given) != sorted(stored)
    return bool(given != stored)


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


# --- the report a row names --------------------------------------------------------------------------
def _families(organisation: Organisation, kind: str, period: str) -> list[list[Report]]:
    """The stored reports of the organisation, kind and period: one list of versions per copy, oldest first."""
    return _chains(Report.objects.filter(organisation=organisation, kind=kind, period=period).order_by("id"))


def _chains(reports: Iterable[Report]) -> list[list[Report]]:
    """Reports (in the order of their ids) as one list of versions per first version."""
    reports = list(reports)
    following = {r.previous_version_id: r for r in reports if r.previous_version_id is not None}
    families = []
    for root in (r for r in reports if r.previous_version_id is None):
        family = [root]
        while family[-1].pk in following:
            family.append(following[family[-1].pk])
        families.append(family)
    return families


# The meetings of a report by date; on one day by organisation and kind, which an import into an empty
# database keeps (the meetings sheet creates them in that order).
MEETING_ORDER = ("held_on", "organisation__path", "kind", "id")


def _stored(importer: _Importer, key: Key) -> tuple[Report | None, int, int]:
    """The stored report of the key, the number of stored copies and of stored versions of its copy."""
    code, kind, period, copy, version = key
    if code not in importer.orgs:
        return None, 0, 0
    families = _families(importer.orgs[code], kind, period)
    family = families[copy - 1] if copy <= len(families) else []
    return (family[version - 1] if version <= len(family) else None), len(families), len(family)


def _key(r: dict[str, Any]) -> Key:
    from exchange.sheets import _text

    code, kind = _text(r.get("organisation_code")), _text(r.get("kind"))
    period = parse_period(_text(r.get("period"))).code
    copy = _int(r.get("copy")) if _text(r.get("copy")) else 1
    version = _int(r.get("version")) if _text(r.get("version")) else 1
    return code, kind, period, copy, version


def _values(importer: _Importer, r: dict[str, Any]) -> dict[str, Any]:
    """What a row says of a report, for the columns it has, in the shape `_stored_values` gives."""
    from exchange.sheets import _date, _text
    from exchange.sheets_documents import reference_known

    values: dict[str, Any] = {}
    for name in TEXTS:
        if name in r:
            values[name] = _text(r.get(name))
    for name in DATES:
        if name in r:
            values[name] = _date(r.get(name))
    if "number" in r:
        raw = _text(r.get("number"))
        values["number"] = (parse_number(raw).canonical or raw) if raw else ""
    if "document" in r:
        ref = _text(r.get("document"))
        values["document"] = (
            importer.documents.get(reference_known(ref, importer.documents) or "") if ref else None
        )
    if "meetings" in r:
        values["meetings"] = [_canonical(line) for line in _lines(_text(r.get("meetings")))]
    if "status" in r:
        values["status"] = _status(r)
    if values.get("cut_off", date.min) is None:
        del values["cut_off"]  # blank: the end of the period when created, unchanged otherwise
    return values


def _stored_values(report: Report, meetings: list[str] | None = None) -> dict[str, Any]:
    """A stored report in the shape of `_values`; `meetings`, its meeting lines when already fetched."""
    values: dict[str, Any] = {name: getattr(report, name) for name in (*TEXTS, *DATES, "number", "document")}
    if meetings is None:
        meetings = [
            meeting_label(m) for m in report.meetings.select_related("organisation").order_by(*MEETING_ORDER)
        ]
    values["meetings"] = meetings
    values["status"] = ISSUED if report.is_issued else DRAFT
    return values


# --- validation --------------------------------------------------------------------------------------
def validate(importer: _Importer) -> None:
    _validate_reports(importer)
    _validate_narratives(importer)


def _meetings_in_file(importer: _Importer) -> set[tuple[Any, ...]]:
    from exchange.sheets import _date, _text
    from exchange.sheets_meetings import _meeting_key

    sheet = importer.sheets.get("meetings")
    found = set()
    for _n, m in sheet.rows if sheet else []:
        try:
            held_on = _date(m.get("held_on"))
            meeting_number = _int(m.get("number")) if _text(m.get("number")) else None
        except VnValueError:
            continue  # reported on the meetings sheet
        found.add(
            _meeting_key(_text(m.get("organisation_code")), _text(m.get("kind")), held_on, meeting_number)
        )
    return found


def _meetings_known(importer: _Importer, number: int, text: str, in_file: set[tuple[Any, ...]]) -> None:
    for line in _lines(text):
        key = _meeting_ref(line)
        if key is None:
            importer.problem("reports", number, "meetings",
                             f"Dòng «{line}» phải có dạng: mã tổ chức | dd/mm/yyyy | loại hội nghị lần thứ.")  # fmt: skip
            continue
        code, held_on, kind, meeting_number = key
        known = importer.org_known(code) and importer.may(code, Action.REPORT)
        stored = (
            code in importer.orgs
            and Meeting.objects.filter(
                organisation=importer.orgs[code], held_on=held_on, kind=kind, number=meeting_number
            ).exists()
        )
        if not known or not (stored or (code, kind, held_on, meeting_number) in in_file):
            importer.missing("reports", number, "meetings", line, f"Không có hội nghị «{line}».")


def _validate_reports(importer: _Importer) -> None:
    sheet = importer.sheets.get("reports")
    in_file = _meetings_in_file(importer)
    seen: dict[Key, int] = {}
    valid: list[tuple[Key, int, dict[str, Any]]] = []
    for number, r in sheet.rows if sheet else []:
        before = len(importer.problems)
        _check_row(importer, number, r, in_file)
        if len(importer.problems) > before:
            continue
        key = _key(r)
        if key in seen:
            importer.problem("reports", number, "copy", f"Báo cáo trùng với dòng {seen[key]}.")
            continue
        seen[key] = number
        valid.append((key, number, r))
    issued_in_file = {key for key, _n, r in valid if _status(r) == ISSUED}
    new_copies: dict[tuple[str, str, str], set[int]] = {}
    # In the order of saving: copies and versions each after the one they follow.
    for key, number, r in sorted(valid, key=lambda item: item[0]):
        _check_against_stored(importer, number, r, key, new_copies, issued_in_file)


def _status(r: dict[str, Any]) -> str:
    from exchange.sheets import _text

    return _text(r.get("status")) or DRAFT


def _check_row(importer: _Importer, number: int, r: dict[str, Any], in_file: set[tuple[Any, ...]]) -> None:
    from exchange.sheets import _date, _text

    code = _text(r.get("organisation_code"))
    if not code:
        importer.problem("reports", number, "organisation_code", "Bắt buộc nhập.")
    else:
        importer.org_in_scope("reports", number, "organisation_code", code, Action.REPORT)
    kind = _text(r.get("kind"))
    if not kind:
        importer.problem("reports", number, "kind", "Bắt buộc nhập.")
    elif kind not in ReportKind.values:
        importer.problem("reports", number, "kind", f"Giá trị «{kind}» không có trong danh mục.")
    try:
        parse_period(_text(r.get("period")))
    except PeriodError as error:
        importer.problem("reports", number, "period", error.message)
    for name in ("copy", "version"):
        if importer.field("reports", number, r, name, _int) == 0:
            importer.problem("reports", number, name, "Phải từ 1 trở lên.")
    if not _text(r.get("title")):
        importer.problem("reports", number, "title", "Bắt buộc nhập.")
    for name in DATES:
        importer.field("reports", number, r, name, _date)
    status = _status(r)
    if status not in (DRAFT, ISSUED):
        importer.problem("reports", number, "status", f"Giá trị «{status}» phải là {DRAFT} hoặc {ISSUED}.")
    elif status == ISSUED:
        for name in ("number", "dated"):
            if not _text(r.get(name)):
                importer.problem("reports", number, name, "Báo cáo đã ban hành phải có số và ngày.")
    elif _text(r.get("number")):
        importer.problem("reports", number, "number", "Báo cáo chưa ban hành thì chưa có số.")
    rounding = _text(r.get("rounding"))
    if rounding and rounding not in CODED[("reports", "rounding")]:
        importer.problem("reports", number, "rounding", f"Giá trị «{rounding}» không có trong danh mục.")
    document = _text(r.get("document"))
    if document:
        importer.document_known(document, "reports", number, "document")
    if kind and (kind == ReportKind.RESOLUTION) != bool(document):
        importer.problem("reports", number, "document",
                         _("Chỉ báo cáo sơ kết, tổng kết nghị quyết mới gắn với một văn bản."))  # fmt: skip
    _meetings_known(importer, number, _text(r.get("meetings")), in_file)


def _check_against_stored(
    importer: _Importer,
    number: int,
    r: dict[str, Any],
    key: Key,
    new_copies: dict[tuple[str, str, str], set[int]],
    issued_in_file: set[Key],
) -> None:
    stored, copies, versions = _stored(importer, key)
    code, kind, period, copy, version = key
    if stored is not None:
        values, current = _values(importer, r), _stored_values(stored)
        if stored.is_issued:
            if any(_differs(values[name], current[name]) for name in values):
                importer.problem("reports", number, "status", _(
                    "Báo cáo %(number)s đã ban hành: tệp không được sửa báo cáo này. Hãy tạo phiên bản mới trên"
                    " trang báo cáo.") % {"number": stored.number})  # fmt: skip
            return
        for name in ("document", "window_start"):
            if name in values and values[name] != current[name]:
                importer.problem("reports", number, name,
                                 "Không sửa được văn bản và ngày bắt đầu sơ kết của báo cáo đã có.")  # fmt: skip
        return
    if version == 1:
        group = new_copies.setdefault((code, kind, period), set())
        if copy != copies + len(group) + 1:
            importer.problem("reports", number, "copy",
                             f"Bản thứ {copy} phải liền sau các bản đã có ({copies + len(group)} bản).")  # fmt: skip
        group.add(copy)
        return
    previous = (code, kind, period, copy, version - 1)
    stored_previous = _stored(importer, previous)[0] if version - 1 <= versions else None
    if not (previous in issued_in_file or (stored_previous is not None and stored_previous.is_issued)):
        importer.problem("reports", number, "version",
                         f"Phiên bản {version} cần phiên bản {version - 1} đã ban hành.")  # fmt: skip


def _narrative_allowed(importer: _Importer, code: str) -> bool:
    """Who may submit the organisation's period (targets.cycle.may); a new one is judged by the nearest
    stored organisation above it, as ImporterBase.may does (a superuser may, a new root too)."""
    if importer.user is None or access.is_superuser(importer.user):
        return True
    seen: set[str] = set()
    while code not in importer.orgs:
        if code in seen or code not in importer.new_orgs:
            return False
        seen.add(code)
        code = importer.new_orgs[code]["parent_code"]
    return cycle.may(importer.user, cycle.Transition.SUBMIT, importer.orgs[code])


def _validate_narratives(importer: _Importer) -> None:
    from exchange.sheets import _text

    sheet = importer.sheets.get("narratives")
    seen: dict[tuple[str, str], int] = {}
    for number, r in sheet.rows if sheet else []:
        code = _text(r.get("organisation_code"))
        if not code:
            importer.problem("narratives", number, "organisation_code", "Bắt buộc nhập.")
        elif not importer.org_known(code):
            importer.missing(
                "narratives", number, "organisation_code", code, f"Không có tổ chức mã «{code}»."
            )
        elif not _narrative_allowed(importer, code):
            importer.refuse("narratives", number, "organisation_code", code)
        try:
            period = parse_period(_text(r.get("period")))
        except PeriodError as error:
            importer.problem("narratives", number, "period", error.message)
            continue
        key = (code, period.code)
        if key in seen:
            importer.problem("narratives", number, "period", f"Thuyết minh trùng với dòng {seen[key]}.")
        seen.setdefault(key, number)
        if code not in importer.orgs:
            continue
        stored = _stored_narrative(importer.orgs[code], period.code)
        if stored is not None and _narrative_texts(r, stored) == _narrative_texts({}, stored):
            continue  # unchanged: saved by nobody, so a submitted period may carry it
        if selectors.submission_of(importer.orgs[code], period).status in LOCKED_STATUSES:
            importer.problem("narratives", number, "period",
                             _("Báo cáo %(period)s đã gửi cấp trên hoặc đã được duyệt: không sửa được phần"
                               " thuyết minh.") % {"period": period.label()})  # fmt: skip


def _stored_narrative(organisation: Organisation, period: str) -> Narrative | None:
    return Narrative.objects.filter(organisation=organisation, period=period).first()


def _narrative_texts(r: dict[str, Any], stored: Narrative | None) -> dict[str, str]:
    """The four texts a row gives; a column the sheet lacks keeps the stored text."""
    from exchange.sheets import _text

    return {
        name: _text(r.get(name)) if name in r else (getattr(stored, name) if stored else "")
        for name in Narrative.SECTIONS
    }


# --- saving ------------------------------------------------------------------------------------------
def _fail(sheet: str, number: int, error: ValidationError) -> ValidationError:
    return ValidationError([f"{SHEET_LABELS[sheet]}, dòng {number}: {message}" for message in error.messages])


def save(importer: _Importer, rows: dict[str, list[tuple[int, dict[str, Any]]]]) -> None:
    # Copies and versions in order, so that each is created after the one it follows.
    for number, r in sorted(rows.get("reports", []), key=lambda item: _key(item[1])):
        try:
            _save_report(importer, r)
        except ValidationError as error:
            raise _fail("reports", number, error) from None
    for number, r in rows.get("narratives", []):
        try:
            _save_narrative(importer, r)
        except ValidationError as error:
            raise _fail("narratives", number, error) from None


def _meetings(importer: _Importer, lines: list[str]) -> list[Meeting]:
    found = []
    for line in lines:
        key = _meeting_ref(line)
        assert key is not None  # validated
        code, held_on, kind, number = key
        found.append(
            Meeting.objects.get(organisation=importer.orgs[code], held_on=held_on, kind=kind, number=number)
        )
    return found


def _save_report(importer: _Importer, r: dict[str, Any]) -> None:
    key = _key(r)
    code, kind, period, copy, version = key
    stored, _copies, _versions = _stored(importer, key)
    values = _values(importer, r)
    meetings = _meetings(importer, values.pop("meetings")) if "meetings" in values else None
    status, number = values.pop("status", DRAFT), values.pop("number", "")
    if stored is not None and stored.is_issued:
        return  # validated: the row is the issued report as it is
    editable = {name: value for name, value in values.items() if name in REPORT_EDITABLE}
    created = stored is None
    if stored is None and version == 1:
        report = report_services.report_create(
            organisation=importer.orgs[code], kind=kind, period=period, acting_user=importer.user,
            document=values.get("document"), window_start=values.get("window_start"),
            meetings=meetings, **editable,
        )  # fmt: skip
    else:
        if stored is None:
            previous = _stored(importer, (code, kind, period, copy, version - 1))[0]
            assert previous is not None  # validated
            stored = report_services.report_reissue(report=previous, acting_user=importer.user)
        report = stored
        current = _stored_values(report)
        changes = {name: value for name, value in editable.items() if current[name] != value}
        if meetings is not None and _differs([meeting_label(m) for m in meetings], current["meetings"]):
            changes["meetings"] = meetings
        if changes:
            report = report_services.report_update(report=report, acting_user=importer.user, **changes)
        elif not created and status != ISSUED:
            return
    if status == ISSUED:
        report_services.report_issue(
            report=report, number=number, dated=values["dated"], acting_user=importer.user
        )
    importer.count("reports", created)


def _save_narrative(importer: _Importer, r: dict[str, Any]) -> None:
    from exchange.sheets import _text

    organisation = importer.orgs[_text(r.get("organisation_code"))]
    period = parse_period(_text(r.get("period")))
    stored = _stored_narrative(organisation, period.code)
    texts = _narrative_texts(r, stored)
    if stored is not None and texts == _narrative_texts({}, stored):
        return
    cycle_services.narrative_save(
        organisation=organisation, period=period, acting_user=importer.user, **texts
    )
    importer.count("narratives", stored is None)


# --- export ------------------------------------------------------------------------------------------
def reviewed_ids(prefix: str) -> set[int]:
    """The documents reviewed by the subtree's reports: they travel with it."""
    return set(
        Report.objects.filter(organisation__path__startswith=prefix, document__isnull=False).values_list(
            "document_id", flat=True
        )
    )


def export(book: Any, prefix: str) -> None:
    """Three queries whatever the number of reports: the reports, their meetings, the narratives."""
    from exchange.export import _d, _header, _write

    sheet = _header(book, "reports")
    reports = Report.objects.filter(organisation__path__startswith=prefix).select_related(
        "organisation", "document"
    )
    groups: dict[tuple[str, str, str], list[Report]] = {}
    for report in reports.order_by("id"):
        groups.setdefault((report.organisation.path, report.kind, report.period), []).append(report)
    meetings: dict[int, list[str]] = {}
    # A meeting outside the exported subtree is left out with the rest of its organisation's data.
    for link in (
        Report.meetings.through.objects.filter(
            report__in=reports, meeting__organisation__path__startswith=prefix
        )
        .select_related("meeting__organisation")
        .order_by(*(f"meeting__{name}" for name in MEETING_ORDER))
    ):
        meetings.setdefault(link.report_id, []).append(meeting_label(link.meeting))
    for (_path, kind, period), group in sorted(groups.items()):
        for copy, family in enumerate(_chains(group), start=1):
            for report in family:
                values = _stored_values(report, meetings.get(report.pk, []))
                _write(
                    sheet,
                    [
                        report.organisation.code, kind, period, copy, report.version, values["status"], report.title,
                        _d(report.cut_off), report.document.reference if report.document else "",
                        _d(report.window_start), report.number, _d(report.dated), report.place,
                        report.signer_authority, report.signer_title, report.signer_name, report.recipients,
                        report.results, report.limitations, report.directions, report.recommendations,
                        report.rounding, "\n".join(values["meetings"]),
                    ],
                )  # fmt: skip
    sheet = _header(book, "narratives")
    for narrative in (
        Narrative.objects.filter(organisation__path__startswith=prefix)
        .select_related("organisation")
        .order_by("organisation__path", "period")
    ):
        _write(
            sheet,
            [narrative.organisation.code, narrative.period, narrative.results, narrative.shortcomings,
             narrative.causes, narrative.directions],
        )  # fmt: skip
