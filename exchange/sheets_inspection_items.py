"""The workbook's sheets `inspection_team` (Thành viên đoàn) and `inspection_planned_items` (Nội dung chương
trình), docs/inspections.md.

A team travels as rows under the inspection's code, in the order of the team; the inspections sheet
(exchange/sheets_inspections.py) saves it through inspection_create / inspection_update with the subjects.
An inspection none of whose rows are in the sheet keeps its team. A planned item has no key of its own: it is
matched by its programme (organisation, body, year, as the programmes sheet) and its place in the programme,
and written through planned_item_create / planned_item_update by who inspects for the organisation.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError

from committees.access import Action
from committees.models import Member
from core.vn import VnValueError
from inspections import services as inspection_services
from inspections.models import Body, Inspection, Kind, Mode, PlannedItem, Programme, TeamMember, TeamRole

if TYPE_CHECKING:
    from exchange.importer import _Importer

TEAM, ITEMS = "inspection_team", "inspection_planned_items"
COLUMNS: dict[str, list[tuple[str, str, bool]]] = {
    TEAM: [
        ("inspection_code", "Mã cuộc kiểm tra", True),
        ("role", "Nhiệm vụ trong đoàn", True),
        ("name", "Họ và tên", True),
        ("member_organisation_code", "Mã tổ chức của đảng viên (trống nếu là người ngoài)", False),
        ("title", "Chức vụ", False),
    ],
    ITEMS: [
        ("organisation_code", "Mã cấp ủy", True),
        ("body", "Cơ quan", False),
        ("year", "Năm", True),
        ("position", "Thứ tự", True),
        ("mode", "Hình thức", False),
        ("kind", "Loại", True),
        ("title", "Nội dung", True),
        ("subject_code", "Mã tổ chức là đối tượng", False),
        ("planned_month", "Tháng dự kiến", False),
    ],
}
SHEET_LABELS = {TEAM: "Thành viên đoàn", ITEMS: "Nội dung chương trình"}
CODED = {
    (TEAM, "role"): [r.value for r in TeamRole],
    (ITEMS, "body"): [b.value for b in Body],
    (ITEMS, "mode"): [m.value for m in Mode],
    (ITEMS, "kind"): [k.value for k in Kind],
}
Rows = list[tuple[int, dict[str, Any]]]
ProgrammeKey = tuple[str, str, int]


def _number(low: int, high: int, label: str) -> Any:
    def read(value: Any) -> int:
        from exchange.sheets import _text

        text = _text(value)
        if not text.isdigit() or not low <= int(text) <= high:
            raise VnValueError(f"{label} «{value}» không hợp lệ.")
        return int(text)

    return read


_position, _month = _number(1, 999, "Thứ tự"), _number(1, 12, "Tháng")


def _coded(importer: _Importer, sheet: str, number: int, r: dict[str, Any], key: str, required: bool) -> str:
    from exchange.sheets import _text

    value = _text(r.get(key))
    if not value and required:
        importer.problem(sheet, number, key, "Bắt buộc nhập.")
    elif value and value not in CODED[(sheet, key)]:
        importer.problem(sheet, number, key, f"Giá trị «{value}» không có trong danh mục.")
    return value


def validate(importer: _Importer) -> None:
    from exchange.sheets import _text

    team, inspections = importer.sheets.get(TEAM), importer.sheets.get("inspections")
    # The team is saved with its inspection: a row whose inspection is not in the workbook would be lost.
    listed = {_text(r.get("code")) for _n, r in (inspections.rows if inspections else [])}
    leads: dict[str, int] = {}
    for number, r in team.rows if team else []:
        code = _text(r.get("inspection_code"))
        if code not in listed:
            importer.problem(
                TEAM,
                number,
                "inspection_code",
                f"Không có cuộc kiểm tra mã «{code}» trong sheet Kiểm tra, giám sát.",
            )
        if _coded(importer, TEAM, number, r, "role", True) == "lead":
            if code in leads:
                importer.problem(
                    TEAM, number, "role", f"Đoàn chỉ có một Trưởng đoàn (đã có ở dòng {leads[code]})."
                )
            leads.setdefault(code, number)
        if not _text(r.get("name")):
            importer.problem(TEAM, number, "name", "Bắt buộc nhập.")
        org = _text(r.get("member_organisation_code"))
        if org:
            importer.org_in_scope(TEAM, number, "member_organisation_code", org, Action.VIEW)
    _validate_items(importer)


def _validate_items(importer: _Importer) -> None:
    from exchange.sheets import _text
    from exchange.sheets_links import _year

    sheet = importer.sheets.get(ITEMS)
    programmes = importer.sheets.get("inspection_programmes")
    listed = {
        (_text(r.get("organisation_code")), _text(r.get("body")) or Body.COMMITTEE, _text(r.get("year")))
        for _n, r in (programmes.rows if programmes else [])
    }
    seen: dict[tuple[ProgrammeKey, int], int] = {}
    positions: dict[ProgrammeKey, list[tuple[int, int]]] = {}
    for number, r in sheet.rows if sheet else []:
        code = _text(r.get("organisation_code"))
        if not code:
            importer.problem(ITEMS, number, "organisation_code", "Bắt buộc nhập.")
        else:
            importer.org_in_scope(ITEMS, number, "organisation_code", code, Action.INSPECT)
        body = _coded(importer, ITEMS, number, r, "body", False) or Body.COMMITTEE
        year = importer.field(ITEMS, number, r, "year", _year, required=True)
        position = importer.field(ITEMS, number, r, "position", _position, required=True)
        mode = _coded(importer, ITEMS, number, r, "mode", False) or Mode.INSPECTION
        kind = _coded(importer, ITEMS, number, r, "kind", True)
        if mode == Mode.SUPERVISION and kind and kind not in (Kind.REGULAR, Kind.THEMATIC):
            importer.problem(ITEMS, number, "kind", "Giám sát chỉ có hai loại: thường xuyên và chuyên đề.")
        if not _text(r.get("title")):
            importer.problem(ITEMS, number, "title", "Bắt buộc nhập.")
        subject = _text(r.get("subject_code"))
        if subject:
            importer.org_in_scope(ITEMS, number, "subject_code", subject, Action.VIEW)
        importer.field(ITEMS, number, r, "planned_month", _month)
        if not code or year is None or position is None:
            continue
        key = (code, body, year)
        if (code, body, str(year)) not in listed and not _stored(key):
            importer.problem(ITEMS, number, "year", f"Không có chương trình năm {year} của «{code}».")
        elif (key, position) in seen:
            importer.problem(
                ITEMS, number, "position", f"Thứ tự {position} trùng với dòng {seen[key, position]}."
            )
        else:
            seen[key, position] = number
            positions.setdefault(key, []).append((position, number))
    for key, rows in positions.items():
        programme = _stored(key)
        count = programme.items.count() if programme else 0
        for place, (position, number) in enumerate(sorted(p for p in rows if p[0] > count), start=count + 1):
            if position != place:
                importer.problem(
                    ITEMS, number, "position", f"Thứ tự phải liên tiếp: nội dung tiếp theo là {place}."
                )
                break


def _stored(key: ProgrammeKey) -> Programme | None:
    code, body, year = key
    return Programme.objects.filter(organisation__code=code, body=body, year=year).first()


def team_by_code(importer: _Importer, rows: dict[str, Rows]) -> dict[str, list[inspection_services.TeamData]]:
    """The team of each inspection the sheet names, in its order, for sheets_inspections.save."""
    from exchange.sheets import _text

    teams: dict[str, list[inspection_services.TeamData]] = {}
    for number, r in rows.get(TEAM, []):
        name, org = _text(r.get("name")), _text(r.get("member_organisation_code"))
        member = None
        if org:
            member = (
                Member.objects.filter(organisation=importer.orgs[org], full_name=name).order_by("id").first()
            )
            if member is None:
                raise ValidationError(
                    f"{SHEET_LABELS[TEAM]}, dòng {number}: không có đảng viên «{name}» tại tổ chức «{org}»."
                )
        seat = inspection_services.TeamData(
            role=_text(r.get("role")),
            member=member,
            person_name="" if member else name,
            title=_text(r.get("title")),
        )
        teams.setdefault(_text(r.get("inspection_code")), []).append(seat)
    return teams


def team_differs(inspection: Inspection, team: list[inspection_services.TeamData] | None) -> bool:
    if team is None:
        return False
    # A member's seat is named by the member: a name typed beside it on the page is not shown, nor carried.
    stored = [
        (t.role, t.member_id, "" if t.member_id else t.person_name, t.title) for t in inspection.team.all()
    ]
    return stored != [(t.role, t.member.pk if t.member else None, t.person_name, t.title) for t in team]


def save_items(importer: _Importer, rows: dict[str, Rows]) -> None:
    from exchange.sheets import _text
    from exchange.sheets_links import _year

    ordered = sorted(rows.get(ITEMS, []), key=lambda nr: _position(nr[1].get("position")))
    for number, r in ordered:
        organisation = importer.orgs[_text(r.get("organisation_code"))]
        body = _text(r.get("body")) or Body.COMMITTEE
        programme = Programme.objects.get(organisation=organisation, body=body, year=_year(r.get("year")))
        subject = _text(r.get("subject_code"))
        month = _text(r.get("planned_month"))
        fields: dict[str, Any] = {
            "mode": _text(r.get("mode")) or Mode.INSPECTION,
            "kind": _text(r.get("kind")),
            "title": _text(r.get("title")),
            "subject": importer.orgs[subject] if subject else None,
            "planned_month": _month(month) if month else None,
        }
        item = PlannedItem.objects.filter(programme=programme, position=_position(r.get("position"))).first()
        try:
            if item is None:
                inspection_services.planned_item_create(
                    programme=programme, acting_user=importer.user, **fields
                )
            else:
                changes = {k: v for k, v in fields.items() if getattr(item, k) != v}
                if not changes:
                    continue
                inspection_services.planned_item_update(item=item, acting_user=importer.user, **changes)
        except ValidationError as error:
            raise ValidationError(
                [f"{SHEET_LABELS[ITEMS]}, dòng {number}: {m}" for m in error.messages]
            ) from None
        importer.count(ITEMS, item is None)


def export(book: Any, prefix: str) -> None:
    from exchange.export import _header, _write

    sheet = _header(book, TEAM)
    for t in (
        TeamMember.objects.filter(inspection__organisation__path__startswith=prefix)
        .select_related("inspection", "member__organisation")
        .order_by(
            "inspection__organisation__path", "inspection__decided_on", "inspection_id", "position", "id"
        )
    ):
        org = t.member.organisation.code if t.member else ""
        _write(sheet, [t.inspection.code, t.role, t.display_name, org, t.title])
    sheet = _header(book, ITEMS)
    for i in (
        PlannedItem.objects.filter(programme__organisation__path__startswith=prefix)
        .select_related("programme__organisation", "subject")
        .order_by("programme__organisation__path", "programme__year", "programme__body", "position")
    ):
        p = i.programme
        subject = i.subject.code if i.subject else ""
        _write(
            sheet,
            [
                p.organisation.code,
                p.body,
                p.year,
                i.position,
                i.mode,
                i.kind,
                i.title,
                subject,
                i.planned_month,
            ],
        )
