"""The workbook's sheets `terms`, `seats` and `meetings` (docs/meetings.md, "The workbook").

Kept apart from the exchange importer (exchange/importer.py), which calls in at three points (validate, save,
export) and whose column tables this module extends. Rows are matched by natural keys, since none of these
has a code: a term by its organisation and first year, a seat by its term, body, position and holder, a
meeting by its organisation, type, date and number. A meeting's conclusion tasks travel in the `tasks` sheet
like any task (their basis is the notice document); the meeting row only says which conclusion became which
of them ("2 | CB-VP | title", one per line).

Scope, as on the pages: terms and seats are written by who manages the organisation (Action.MANAGE),
meetings by who reports for it (Action.REPORT); a seat may name a member the user may read.
"""

from __future__ import annotations

import re
from datetime import date
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError

from committees import services as org_services
from committees.access import Action
from committees.models import BodyKind, BodyMembership, Member, Organisation, Position, Term
from core.vn import VnValueError
from reports import meeting_services
from reports.conclusion_services import meeting_links_set
from reports.models import ConclusionTask, Meeting, MeetingKind
from resolutions.models import Task

if TYPE_CHECKING:
    from exchange.importer import _Importer

COLUMNS: dict[str, list[tuple[str, str, bool]]] = {
    "terms": [
        ("organisation_code", "Mã tổ chức", True),
        ("start_year", "Từ năm", True),
        ("end_year", "Đến năm", True),
        ("congress_number", "Đại hội lần thứ", False),
        ("khoa", "Khóa", False),
    ],
    "seats": [
        ("organisation_code", "Mã tổ chức", True),
        ("term", "Nhiệm kỳ", True),
        ("body", "Cơ quan", True),
        ("position", "Chức vụ", True),
        ("member_organisation_code", "Mã tổ chức sinh hoạt của đảng viên", False),
        ("member_name", "Đảng viên", False),
        ("person_name", "Họ và tên (không phải đảng viên trong tệp)", False),
        ("concurrent_post", "Chức vụ kiêm nhiệm", False),
        ("start_date", "Từ ngày", False),
        ("end_date", "Đến ngày", False),
    ],
    "meetings": [
        ("organisation_code", "Mã tổ chức", True),
        ("kind", "Loại hội nghị", True),
        ("held_on", "Ngày họp", True),
        ("number", "Lần thứ", False),
        ("term", "Nhiệm kỳ", False),
        ("extended", "Mở rộng", False),
        ("place", "Địa điểm", False),
        ("chair", "Chủ trì", False),
        ("secretary", "Thư ký hội nghị", False),
        ("attendees", "Thành phần dự (mỗi dòng: họ tên | chức vụ)", False),
        ("guests", "Khách mời (mỗi dòng: họ tên | chức vụ)", False),
        ("agenda", "Chương trình", False),
        ("discussion", "Ý kiến thảo luận", False),
        ("conclusions", "Kết luận (mỗi dòng một kết luận)", False),
        ("notice_number", "Số thông báo kết luận", False),
        ("notice_dated", "Ngày thông báo kết luận", False),
        ("notice_signer_authority", "Thẩm quyền ký thông báo", False),
        ("notice_signer_title", "Chức vụ người ký thông báo", False),
        ("notice_signer_name", "Người ký thông báo", False),
        ("notice_document", "Văn bản thông báo kết luận", False),
        (
            "conclusion_tasks",
            "Kết luận đã giao (mỗi dòng: kết luận thứ | mã đơn vị chủ trì | nội dung)",
            False,
        ),
    ],
}
SHEET_LABELS = {"terms": "Nhiệm kỳ", "seats": "Thành viên cấp ủy", "meetings": "Hội nghị"}
CODED = {
    ("seats", "body"): [b.value for b in BodyKind],
    ("seats", "position"): [p.value for p in Position],
    ("meetings", "kind"): [k.value for k in MeetingKind],
    ("meetings", "extended"): ["yes", "no"],
}
TEXT_KEYS = ("place", "chair", "secretary", "agenda", "discussion", "conclusions", "notice_number",
             "notice_signer_authority", "notice_signer_title", "notice_signer_name")  # fmt: skip
_TERM = re.compile(r"^\s*(\d{4})\s*[-–—]\s*(\d{4})\s*$")


def term_label(term: Term | None) -> str:
    return f"{term.start_year}-{term.end_year}" if term is not None else ""


def _term_start(text: str) -> int | None:
    match = _TERM.match(text)
    return int(match.group(1)) if match else None


def _int(value: Any) -> int:
    text = str(value).strip() if value is not None else ""
    if isinstance(value, float) and value.is_integer():
        text = str(int(value))
    if not text.isdigit():
        raise VnValueError(f"«{value}» phải là số nguyên không âm.")
    return int(text)


def _people(text: str, invited: bool) -> list[meeting_services.AttendeeData]:
    people = []
    for line in text.splitlines():
        name, _bar, title = line.partition("|")
        if name.strip():
            people.append(meeting_services.AttendeeData(name.strip(), title.strip(), invited))
    return people


def _links(text: str) -> list[tuple[str, str, str]]:
    """(position, organisation code, task title) of each line of `conclusion_tasks`."""
    found = []
    for line in text.splitlines():
        if line.strip():
            parts = [part.strip() for part in line.split("|", 2)] + ["", ""]
            found.append((parts[0], parts[1], parts[2]))
    return found


def _meeting_key(org: str, kind: str, held_on: date | None, number: int | None) -> tuple[Any, ...]:
    return (org, kind, held_on, number)


# --- validation --------------------------------------------------------------------------------------
def validate(importer: _Importer) -> None:
    from exchange.sheets import _bool, _date, _text

    needs_terms = any(importer.sheets.get(name) for name in ("terms", "seats", "meetings"))
    terms: set[tuple[str, int]] = (
        set(Term.objects.values_list("organisation__code", "start_year")) if needs_terms else set()
    )
    sheet = importer.sheets.get("terms")
    for number, r in sheet.rows if sheet else []:
        org = _text(r.get("organisation_code"))
        if not org:
            importer.problem("terms", number, "organisation_code", "Bắt buộc nhập.")
        else:
            importer.org_in_scope("terms", number, "organisation_code", org, Action.MANAGE)
        start = importer.field("terms", number, r, "start_year", _int, required=True)
        end = importer.field("terms", number, r, "end_year", _int, required=True)
        if start is not None and end is not None and end <= start:
            importer.problem("terms", number, "end_year", "Năm kết thúc phải sau năm bắt đầu.")
        for key in ("congress_number", "khoa"):
            importer.field("terms", number, r, key, _int)
        if org and start is not None:
            terms.add((org, start))

    # Only the members the seats sheet names: loading every member cost 7 s of each import at province
    # scale (200.000 members), whatever sheets the workbook had (issue 24).
    seats_sheet = importer.sheets.get("seats")
    named = {_text(r.get("member_name")) for _n, r in (seats_sheet.rows if seats_sheet else [])} - {""}
    members = set(
        Member.objects.filter(full_name__in=named).values_list("organisation__code", "full_name")
        if named
        else []
    )
    member_sheet = importer.sheets.get("members")
    members |= {
        (_text(r.get("organisation_code")), _text(r.get("full_name")))
        for _n, r in (member_sheet.rows if member_sheet else [])
    }

    def term_known(sheet_name: str, number: int, org: str, text: str, required: bool) -> None:
        if not text:
            if required:
                importer.problem(sheet_name, number, "term", "Bắt buộc nhập.")
            return
        start = _term_start(text)
        if start is None:
            importer.problem(sheet_name, number, "term", f"Nhiệm kỳ «{text}» phải có dạng 2020-2025.")
        elif org and (org, start) not in terms:
            importer.problem(sheet_name, number, "term", f"Tổ chức «{org}» không có nhiệm kỳ {text}.")

    for number, r in seats_sheet.rows if seats_sheet else []:
        org = _text(r.get("organisation_code"))
        if not org:
            importer.problem("seats", number, "organisation_code", "Bắt buộc nhập.")
        else:
            importer.org_in_scope("seats", number, "organisation_code", org, Action.MANAGE)
        term_known("seats", number, org, _text(r.get("term")), True)
        for key, allowed in (("body", BodyKind.values), ("position", Position.values)):
            value = _text(r.get(key))
            if not value:
                importer.problem("seats", number, key, "Bắt buộc nhập.")
            elif value not in allowed:
                importer.problem("seats", number, key, f"Giá trị «{value}» không có trong danh mục.")
        name = _text(r.get("member_name"))
        member_org = _text(r.get("member_organisation_code"))
        if name:
            if not member_org:
                importer.problem("seats", number, "member_organisation_code", "Bắt buộc nhập.")
            elif not importer.org_known(member_org) or (
                member_org in importer.orgs and not importer.reads(importer.orgs[member_org])
            ):
                importer.missing("seats", number, "member_organisation_code", member_org,
                                 f"Không có tổ chức mã «{member_org}».")  # fmt: skip
            elif (member_org, name) not in members:
                importer.problem(
                    "seats", number, "member_name", f"Không có đảng viên «{name}» tại tổ chức «{member_org}»."
                )
        elif not _text(r.get("person_name")):
            importer.problem("seats", number, "member_name", "Nhập đảng viên hoặc họ và tên.")
        for key in ("start_date", "end_date"):
            importer.field("seats", number, r, key, _date)

    sheet = importer.sheets.get("meetings")
    keys: dict[tuple[Any, ...], int] = {}
    for number, r in sheet.rows if sheet else []:
        org = _text(r.get("organisation_code"))
        if not org:
            importer.problem("meetings", number, "organisation_code", "Bắt buộc nhập.")
        else:
            importer.org_in_scope("meetings", number, "organisation_code", org, Action.REPORT)
        kind = _text(r.get("kind"))
        if not kind:
            importer.problem("meetings", number, "kind", "Bắt buộc nhập.")
        elif kind not in MeetingKind.values:
            importer.problem("meetings", number, "kind", f"Giá trị «{kind}» không có trong danh mục.")
        held_on = importer.field("meetings", number, r, "held_on", _date, required=True)
        meeting_number = importer.field("meetings", number, r, "number", _int)
        same = _meeting_key(org, kind, held_on, meeting_number)
        if same in keys:
            importer.problem("meetings", number, "held_on", f"Hội nghị trùng với dòng {keys[same]}.")
        keys.setdefault(same, number)
        term_known("meetings", number, org, _text(r.get("term")), False)
        importer.field("meetings", number, r, "extended", _bool)
        importer.field("meetings", number, r, "notice_dated", _date)
        notice = _text(r.get("notice_document"))
        if notice:
            importer.document_known(notice, "meetings", number, "notice_document")
        for position, code, title in _links(_text(r.get("conclusion_tasks"))):
            if not position.isdigit() or not code or not title:
                importer.problem("meetings", number, "conclusion_tasks",
                                 f"Dòng «{position} | {code} | {title}» phải có dạng: kết luận thứ | mã đơn vị"
                                 " chủ trì | nội dung.")  # fmt: skip
            else:
                importer.org_in_scope("meetings", number, "conclusion_tasks", code, Action.VIEW)


# --- saving ------------------------------------------------------------------------------------------
def _fail(sheet: str, number: int, error: ValidationError) -> ValidationError:
    label = SHEET_LABELS[sheet]
    return ValidationError([f"{label}, dòng {number}: {message}" for message in error.messages])


def save(importer: _Importer, rows: dict[str, list[tuple[int, dict[str, Any]]]]) -> None:
    for sheet, saver in (("terms", _save_term), ("seats", _save_seat), ("meetings", _save_meeting)):
        for number, r in rows.get(sheet, []):
            try:
                saver(importer, r)
            except ValidationError as error:
                raise _fail(sheet, number, error) from None


def _term(org: Organisation, text: str) -> Any:
    start = _term_start(text) if text else None
    return Term.objects.get(organisation=org, start_year=start) if start is not None else None


def _save_term(importer: _Importer, r: dict[str, Any]) -> None:
    from exchange.sheets import _text

    org = importer.orgs[_text(r.get("organisation_code"))]
    fields: dict[str, Any] = {
        "end_year": _int(r.get("end_year")),
        "congress_number": _int(r.get("congress_number")) if _text(r.get("congress_number")) else None,
        "khoa": _int(r.get("khoa")) if _text(r.get("khoa")) else None,
    }
    start = _int(r.get("start_year"))
    existing = Term.objects.filter(organisation=org, start_year=start).first()
    if existing is None:
        org_services.term_create(organisation=org, start_year=start, acting_user=importer.user, **fields)
        importer.count("terms", True)
        return
    changes = {key: value for key, value in fields.items() if getattr(existing, key) != value}
    if changes:
        org_services.term_update(term=existing, acting_user=importer.user, **changes)
        importer.count("terms", False)


def _save_seat(importer: _Importer, r: dict[str, Any]) -> None:
    from exchange.sheets import _date, _text

    org = importer.orgs[_text(r.get("organisation_code"))]
    term = _term(org, _text(r.get("term")))
    name = _text(r.get("member_name"))
    member = None
    if name:
        member = (
            Member.objects.filter(organisation=importer.orgs[_text(r.get("member_organisation_code"))],
                                  full_name=name).order_by("id").first()
        )  # fmt: skip
    person = "" if member else _text(r.get("person_name"))
    body, position = _text(r.get("body")), _text(r.get("position"))
    fields: dict[str, Any] = {
        "concurrent_post": _text(r.get("concurrent_post")),
        "start_date": _date(r.get("start_date")),
        "end_date": _date(r.get("end_date")),
    }
    existing = (
        BodyMembership.objects.filter(
            term=term, body=body, position=position, member=member, person_name=person
        )
        .order_by("id")
        .first()
    )
    if existing is None:
        end_date = fields.pop("end_date")
        seat = org_services.seat_create(term=term, body=body, position=position, member=member, person_name=person,
                                        acting_user=importer.user, **fields)  # fmt: skip
        if end_date is not None:
            org_services.seat_update(seat=seat, end_date=end_date, acting_user=importer.user)
        importer.count("seats", True)
        return
    changes = {key: value for key, value in fields.items() if getattr(existing, key) != value}
    if changes:
        org_services.seat_update(seat=existing, acting_user=importer.user, **changes)
        importer.count("seats", False)


def _save_meeting(importer: _Importer, r: dict[str, Any]) -> None:
    from exchange.sheets import _bool, _date, _text
    from exchange.sheets_documents import reference_known

    org = importer.orgs[_text(r.get("organisation_code"))]
    kind, held_on = _text(r.get("kind")), _date(r.get("held_on"))
    assert held_on is not None  # validated: required
    number = _int(r.get("number")) if _text(r.get("number")) else None
    fields: dict[str, Any] = {
        "term": _term(org, _text(r.get("term"))),
        "extended": bool(_bool(r.get("extended"))),
        "notice_dated": _date(r.get("notice_dated")),
        **{key: _text(r.get(key)) for key in TEXT_KEYS},
    }
    attendees = _people(_text(r.get("attendees")), False) + _people(_text(r.get("guests")), True)
    existing = Meeting.objects.filter(organisation=org, kind=kind, held_on=held_on, number=number).first()
    if existing is None:
        meeting = meeting_services.meeting_create(organisation=org, kind=kind, held_on=held_on, number=number,
                                                 attendees=attendees, acting_user=importer.user, **fields)  # fmt: skip
        importer.count("meetings", True)
    else:
        meeting = existing
        changes = {key: value for key, value in fields.items() if getattr(existing, key) != value}
        stored = [meeting_services.AttendeeData(a.name, a.title, a.invited) for a in existing.attendees.all()]
        if changes or stored != attendees:
            meeting_services.meeting_update(meeting=existing, attendees=attendees, acting_user=importer.user,
                                           **changes)  # fmt: skip
            importer.count("meetings", False)
    notice_ref = _text(r.get("notice_document"))
    notice = importer.documents[reference_known(notice_ref, importer.documents) or ""] if notice_ref else None
    links = []
    for position, code, title in _links(_text(r.get("conclusion_tasks"))):
        tasks = Task.objects.filter(organisation=importer.orgs[code], title=title)
        if notice is not None:  # a conclusion's task rests on the notice
            tasks = tasks.filter(document=notice)
        task = tasks.order_by("id").first()
        if task is None:
            raise ValidationError(f"Không có nhiệm vụ «{title}» của «{code}» trong trang Nhiệm vụ.")
        links.append((int(position), task))
    changed = meeting_links_set(
        meeting=meeting, notice_document=notice, conclusion_tasks=links, acting_user=importer.user
    )
    if changed and existing is not None:
        importer.count("meetings", False)


# --- export ------------------------------------------------------------------------------------------
def export(book: Any, prefix: str, org_codes: set[str]) -> None:
    from exchange.export import _d, _header, _write

    sheet = _header(book, "terms")
    terms = list(
        Term.objects.filter(organisation__path__startswith=prefix)
        .select_related("organisation")
        .order_by("organisation__path", "start_year")
    )
    for t in terms:
        _write(sheet, [t.organisation.code, t.start_year, t.end_year, t.congress_number, t.khoa])
    sheet = _header(book, "seats")
    for s in (
        BodyMembership.objects.filter(term__in=terms)
        .select_related("term__organisation", "member__organisation")
        .order_by("term__organisation__path", "term__start_year", "body", "position", "id")
    ):
        # A member kept outside the exported tree is written by name only.
        member = s.member if s.member and s.member.organisation.code in org_codes else None
        _write(
            sheet,
            [
                s.term.organisation.code, term_label(s.term), s.body, s.position,
                member.organisation.code if member else "", member.full_name if member else "",
                "" if member else s.display_name, s.concurrent_post, _d(s.start_date), _d(s.end_date),
            ],
        )  # fmt: skip
    sheet = _header(book, "meetings")
    meetings = (
        Meeting.objects.filter(organisation__path__startswith=prefix)
        .select_related("organisation", "term", "notice_document")
        .prefetch_related("attendees")
        .order_by("organisation__path", "held_on", "id")
    )
    links: dict[int, list[str]] = {}
    for link in (
        ConclusionTask.objects.filter(meeting__organisation__path__startswith=prefix)
        .select_related("task__organisation")
        .order_by("meeting_id", "position")
    ):
        links.setdefault(link.meeting_id, []).append(
            f"{link.position} | {link.task.organisation.code} | {link.task.title}"
        )
    for m in meetings:
        people = list(m.attendees.all())

        def lines(invited: bool, people: list[Any] = people) -> str:
            return "\n".join(
                f"{a.name} | {a.title}" if a.title else a.name for a in people if a.invited == invited
            )

        _write(
            sheet,
            [
                m.organisation.code, m.kind, _d(m.held_on), m.number, term_label(m.term),
                "yes" if m.extended else "no", m.place, m.chair, m.secretary, lines(False), lines(True),
                m.agenda, m.discussion, m.conclusions, m.notice_number, _d(m.notice_dated),
                m.notice_signer_authority, m.notice_signer_title, m.notice_signer_name,
                m.notice_document.reference if m.notice_document else "", "\n".join(links.get(m.pk, [])),
            ],
        )  # fmt: skip
