"""The workbook's sheets `inspections` and `inspection_subjects` (docs/inspections.md).

Kept apart from the exchange importer (exchange/importer.py), which calls in at three points (validate, save, export) and whose
column tables this module extends when imported. The recommendations of a conclusion notice need no sheet
of their own: they are tasks of the notice, and travel in the `tasks` sheet under its number.

Rows are matched by the inspection's code; an existing inspection is judged by the committee that decided
it in the database, a new one by the committee its row names (Action.INSPECT), as every other sheet.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from committees.access import Action
from committees.models import Member
from exchange import sheets_inspection_items
from inspections import services as inspection_services
from inspections.models import Body, Inspection, Kind, Mode, Subject
from inspections.stages import order_problems
from resolutions.numbering import parse_number

if TYPE_CHECKING:
    from exchange.importer import _Importer

STAGE_COLUMNS = [
    ("decided_on", "Ngày quyết định"),
    ("notified_on", "Ngày thông báo"),
    ("self_report_on", "Ngày đối tượng báo cáo"),
    ("sessions_from", "Làm việc từ ngày"),
    ("sessions_to", "Làm việc đến ngày"),
    ("team_report_on", "Ngày đoàn báo cáo"),
    ("concluded_on", "Ngày kết luận"),
    ("follow_up_on", "Ngày kiểm tra thực hiện kết luận"),
]
DATE_KEYS = ["window_from", "window_to", *(key for key, _l in STAGE_COLUMNS)]
TEXT_KEYS = ["results", "shortcomings", "violations", "follow_up_notes"]

COLUMNS: dict[str, list[tuple[str, str, bool]]] = {
    "inspections": [
        ("code", "Mã cuộc kiểm tra", True),
        ("organisation_code", "Mã cấp ủy quyết định", True),
        ("body", "Cơ quan", False),
        ("mode", "Hình thức", True),
        ("kind", "Loại", True),
        ("title", "Nội dung", True),
        ("decision_number", "Số quyết định", False),
        ("subject_document_numbers", "Văn bản được kiểm tra (số, cách nhau bởi dấu ;)", False),
        ("window_from", "Thời kỳ kiểm tra từ", False),
        ("window_to", "Thời kỳ kiểm tra đến", False),
        *((key, label, False) for key, label in STAGE_COLUMNS),
        ("conclusion_number", "Số thông báo kết luận", False),
        ("results", "Ưu điểm, kết quả", False),
        ("shortcomings", "Hạn chế, khuyết điểm", False),
        ("violations", "Vi phạm", False),
        ("follow_up_notes", "Kết quả kiểm tra thực hiện kết luận", False),
    ],
    "inspection_subjects": [
        ("inspection_code", "Mã cuộc kiểm tra", True),
        ("organisation_code", "Mã tổ chức được kiểm tra", True),
        ("member_name", "Đảng viên được kiểm tra", False),
    ],
}
COMPUTED = {"inspections": [("status", "Tình trạng")]}
SHEET_LABELS = {"inspections": "Kiểm tra, giám sát", "inspection_subjects": "Đối tượng kiểm tra"}
CODED = {
    ("inspections", "body"): [b.value for b in Body],
    ("inspections", "mode"): [m.value for m in Mode],
    ("inspections", "kind"): [k.value for k in Kind],
}


def _numbers(text: str) -> list[str]:
    return [part.strip() for part in text.split(";") if part.strip()]


def validate(importer: _Importer) -> None:
    from exchange.sheets import _date, _text

    sheet = importer.sheets.get("inspections")
    rows = sheet.rows if sheet else []
    importer._unique("inspections", rows, "code")
    codes = [_text(r.get("code")) for _n, r in rows]
    stored = {i.code: i for i in Inspection.objects.select_related("organisation").filter(code__in=codes)}
    importer.inspection_codes = set(codes) | set(stored)  # type: ignore[attr-defined]
    for number, r in rows:
        code = _text(r.get("code"))
        if not code:
            importer.problem("inspections", number, "code", "Bắt buộc nhập.")
        existing = stored.get(code)
        if existing is not None and not importer.allows(existing.organisation, Action.INSPECT):
            importer.refuse("inspections", number, "code", code)
        org = _text(r.get("organisation_code"))
        if not org:
            importer.problem("inspections", number, "organisation_code", "Bắt buộc nhập.")
        else:
            importer.org_in_scope("inspections", number, "organisation_code", org, Action.INSPECT)
        for key, allowed in (("body", [b.value for b in Body]), ("mode", [m.value for m in Mode]),
                             ("kind", [k.value for k in Kind])):  # fmt: skip
            value = _text(r.get(key))
            if value and value not in allowed:
                importer.problem("inspections", number, key, f"Giá trị «{value}» không có trong danh mục.")
            elif not value and key != "body":
                importer.problem("inspections", number, key, "Bắt buộc nhập.")
        if _text(r.get("mode")) == Mode.SUPERVISION and _text(r.get("kind")) not in (
            Kind.REGULAR,
            Kind.THEMATIC,
        ):
            importer.problem(
                "inspections", number, "kind", _("Giám sát chỉ có hai loại: thường xuyên và chuyên đề.")
            )
        if not _text(r.get("title")):
            importer.problem("inspections", number, "title", "Bắt buộc nhập.")
        for key in ("decision_number", "conclusion_number"):
            if _text(r.get(key)):
                importer.document_known(_text(r.get(key)), "inspections", number, key)
        for value in _numbers(_text(r.get("subject_document_numbers"))):
            importer.document_known(value, "inspections", number, "subject_document_numbers")
        dates = {key: importer.field("inspections", number, r, key, _date) for key in DATE_KEYS}
        for key, message in order_problems(dates).items():
            importer.problem("inspections", number, key, message)
    subjects = importer.sheets.get("inspection_subjects")
    for number, r in subjects.rows if subjects else []:
        code = _text(r.get("inspection_code"))
        if code not in importer.inspection_codes:  # type: ignore[attr-defined]
            importer.problem(
                "inspection_subjects", number, "inspection_code", f"Không có cuộc kiểm tra mã «{code}»."
            )
        org = _text(r.get("organisation_code"))
        if not org:
            importer.problem("inspection_subjects", number, "organisation_code", "Bắt buộc nhập.")
        else:
            importer.org_in_scope("inspection_subjects", number, "organisation_code", org, Action.VIEW)


def save(importer: _Importer, rows: dict[str, list[tuple[int, dict[str, Any]]]]) -> None:
    from exchange.importer_base import _differs
    from exchange.sheets import _date, _text

    def document(number: str) -> Any:
        return importer.documents[parse_number(number).canonical or ""] if number else None

    subjects_by_code: dict[str, list[inspection_services.SubjectData]] = {}
    for _n, r in rows.get("inspection_subjects", []):
        organisation = importer.orgs[_text(r.get("organisation_code"))]
        name = _text(r.get("member_name"))
        member = None
        if name:
            member = Member.objects.filter(organisation=organisation, full_name=name).order_by("id").first()
            if member is None:
                raise ValidationError(
                    f"Đối tượng kiểm tra: không có đảng viên «{name}» tại tổ chức «{organisation.code}»."
                )
        subjects_by_code.setdefault(_text(r.get("inspection_code")), []).append(
            inspection_services.SubjectData(organisation=organisation, member=member)
        )
    teams = sheets_inspection_items.team_by_code(importer, rows)
    for _n, r in rows.get("inspections", []):
        code = _text(r.get("code"))
        fields: dict[str, Any] = {
            "body": _text(r.get("body")) or Body.COMMITTEE,
            "mode": _text(r.get("mode")),
            "kind": _text(r.get("kind")),
            "title": _text(r.get("title")),
            "decision": document(_text(r.get("decision_number"))),
            "conclusion": document(_text(r.get("conclusion_number"))),
            **{key: _date(r.get(key)) for key in DATE_KEYS},
            **{key: _text(r.get(key)) for key in TEXT_KEYS},
        }
        documents = [document(n) for n in _numbers(_text(r.get("subject_document_numbers")))]
        subjects, team = subjects_by_code.get(code), teams.get(code)
        existing = Inspection.objects.filter(code=code).first()
        if existing is None:
            inspection_services.inspection_create(
                organisation=importer.orgs[_text(r.get("organisation_code"))],
                code=code,
                subjects=subjects or [],
                team=team or [],
                subject_documents=documents,
                acting_user=importer.user,
                **fields,
            )
            importer.count("inspections", True)
            continue
        changes = {key: value for key, value in fields.items() if _differs(getattr(existing, key), value)}
        stored_docs = sorted(existing.subject_documents.values_list("pk", flat=True))
        new_docs = sorted(d.pk for d in documents)
        stored_subjects = sorted(existing.subjects.values_list("organisation_id", "member_id"), key=str)
        new_subjects = sorted(((s.organisation.pk, s.member.pk if s.member else None) for s in subjects or []),
                              key=str)  # fmt: skip
        if (
            changes
            or stored_docs != new_docs
            or (subjects is not None and stored_subjects != new_subjects)
            or sheets_inspection_items.team_differs(existing, team)
        ):
            inspection_services.inspection_update(
                inspection=existing,
                subjects=subjects,
                team=team,
                subject_documents=documents,
                acting_user=importer.user,
                **changes,
            )
            importer.count("inspections", False)


def export(book: Any, prefix: str) -> None:
    from exchange.export import _d, _header, _write

    inspections = list(
        Inspection.objects.filter(organisation__path__startswith=prefix)
        .select_related("organisation", "decision", "conclusion")
        .prefetch_related("subject_documents")
        .order_by("organisation__path", "decided_on", "id")
    )
    sheet = _header(book, "inspections")
    for i in inspections:
        _write(
            sheet,
            [
                i.code, i.organisation.code, i.body, i.mode, i.kind, i.title,
                i.decision.canonical_number if i.decision else "",
                "; ".join(sorted(d.canonical_number for d in i.subject_documents.all())),
                _d(i.window_from), _d(i.window_to),
                *(_d(getattr(i, key)) for key, _l in STAGE_COLUMNS),
                i.conclusion.canonical_number if i.conclusion else "",
                i.results, i.shortcomings, i.violations, i.follow_up_notes, i.status,
            ],
        )  # fmt: skip
    sheet = _header(book, "inspection_subjects")
    for s in (
        Subject.objects.filter(inspection__in=[i.pk for i in inspections])
        .select_related("inspection", "organisation", "member")
        .order_by("inspection__organisation__path", "inspection__decided_on", "inspection_id", "id")
    ):
        _write(sheet, [s.inspection.code, s.organisation.code, s.member.full_name if s.member else ""])
