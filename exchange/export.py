"""Exporting the exchange workbook with computed columns, and the empty template."""

from __future__ import annotations

import io
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.db.models import Q
from django.utils import timezone
from openpyxl import Workbook
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from committees.models import Gender, Member, Organisation
from core.vn import format_percent
from resolutions.models import Document, DocumentLink, LinkKind, Task
from resolutions.taskstatus import task_status
from targets.models import Reading, Target
from targets.outcomes.rollups import with_outcome

if TYPE_CHECKING:
    pass

from exchange import (
    sheets_documents,
    sheets_follows,
    sheets_inspection_items,
    sheets_inspections,
    sheets_links,
    sheets_meetings,
    sheets_programmes,
    sheets_reports,
)
from exchange.sheets import CODED, COLUMNS, COMPUTED, SHEET_LABELS

# --- export --------------------------------------------------------------------------------------
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _cell_value(value: Any) -> Any:
    if isinstance(value, Decimal):
        normal = value.normalize()
        return int(normal) if normal == normal.to_integral_value() else float(normal)
    return value


def _write(sheet: Any, row: list[Any]) -> None:
    sheet.append([_cell_value(v) for v in row])
    for cell in sheet[sheet.max_row]:
        if isinstance(cell.value, str) and cell.value.startswith(_FORMULA_START):
            # Text that Excel would run as a formula is kept as text.
            cell.data_type = "s"
            cell.quotePrefix = True


def _header(book: Workbook, name: str) -> Any:
    sheet = book.create_sheet(name)
    keys = [key for key, _l, _r in COLUMNS[name]] + [key for key, _l in COMPUTED.get(name, [])]
    sheet.append(keys)
    return sheet


def export_workbook(*, organisation: Organisation | None = None, cut_off: date | None = None) -> bytes:
    """The same sheets for an organisation's subtree (or everything), with the computed columns."""
    cut_off = cut_off or timezone.localdate()
    mode = settings.CHITIEU_ROUNDING
    prefix = organisation.path if organisation else ""
    # The subtree's ancestors come too, so that the export can be imported into an empty database.
    ancestors = organisation.ancestor_ids if organisation else []
    orgs = (
        Organisation.objects.filter(Q(path__startswith=prefix) | Q(pk__in=ancestors))
        .select_related("parent")
        .order_by("path")
    )
    book = Workbook()
    book.remove(book.active)
    org_ids = {o.pk for o in orgs}
    sheet = _header(book, "organisations")
    for o in orgs:
        _write(
            sheet,
            [
                o.code,
                o.name,
                o.kind,
                o.parent.code if o.parent else "",
                o.committee_name,
                o.issuer_code,
                o.place_name,
            ],
        )
    sheet = _header(book, "members")
    for m in (
        Member.objects.filter(organisation__path__startswith=prefix)
        .select_related("organisation")
        .order_by("organisation__path", "full_name_folded", "id")
    ):
        _write(
            sheet,
            [
                m.organisation.code,
                m.full_name,
                "nữ" if m.gender == Gender.FEMALE else "nam",
                _d(m.birth_date),
                m.ethnicity,
                m.religion,
                _d(m.admitted_on),
                _d(m.official_on),
                m.status,
            ],
        )
    # Documents kept in the subtree, and those its targets and tasks point at, with what they implement.
    referenced = set(
        Target.objects.filter(organisation__path__startswith=prefix, document__isnull=False).values_list(
            "document_id", flat=True
        )
    )
    referenced |= set(
        Task.objects.filter(organisation__path__startswith=prefix).values_list("document_id", flat=True)
    )
    referenced |= set(
        Task.bases.through.objects.filter(task__organisation__path__startswith=prefix).values_list(
            "document_id", flat=True
        )
    )
    referenced |= sheets_follows.followed_ids(prefix)
    referenced |= sheets_reports.reviewed_ids(prefix)
    referenced.discard(None)
    owned = set(Document.objects.filter(organisation__path__startswith=prefix).values_list("pk", flat=True))
    wanted = owned | referenced
    frontier = set(wanted)
    while frontier:
        frontier = (
            set(
                DocumentLink.objects.filter(source_id__in=frontier, kind=LinkKind.IMPLEMENTS).values_list(
                    "target_id", flat=True
                )
            )
            - wanted
        )
        wanted |= frontier
    documents = Document.objects.filter(pk__in=wanted)
    if organisation:
        # What a member of the organisation may open (resolutions.selectors.documents_for_user): kept in
        # the subtree or by a committee above it. A link or a reference to anything else is left out.
        documents = documents.filter(
            Q(organisation__path__startswith=prefix) | Q(organisation_id__in=ancestors)
        )
    documents = documents.select_related("issuer_organisation", "issuing_body", "organisation").order_by(
        "issued_on", "id"
    )
    implements: dict[int, list[str]] = {}
    for link in (
        DocumentLink.objects.filter(source__in=documents, target__in=documents, kind=LinkKind.IMPLEMENTS)
        .select_related("target")
        .order_by("id")
    ):
        implements.setdefault(link.source_id, []).append(link.target.reference)
    sheet = _header(book, "documents")
    for d in documents:
        issuer = (
            d.issuer_organisation.code
            if d.issuer_organisation and d.issuer_organisation.pk in org_ids
            else ""
        )
        _write(
            sheet,
            [
                d.canonical_number or d.raw_number,
                _d(d.issued_on),
                d.title,
                d.issuer_name,
                issuer,
                "; ".join(implements.get(d.pk, [])),
                *sheets_documents.document_row(d, org_ids),
            ],
        )
    targets = with_outcome(
        Target.objects.filter(organisation__path__startswith=prefix).select_related(
            "organisation", "document", "parent"
        ),
        cut_off,
    ).order_by("organisation__path", "period_start", "position", "id")
    sheet = _header(book, "targets")
    for t in targets:
        actual: Any = t.cur_value  # type: ignore[attr-defined]
        if t.yes_no and t.cur_done is not None:  # type: ignore[attr-defined]
            actual = "yes" if t.cur_done else "no"  # type: ignore[attr-defined]
        pct = t.cur_pct  # type: ignore[attr-defined]
        _write(
            sheet,
            [
                t.code,
                t.organisation.code,
                t.title,
                t.shape,
                t.period,
                t.unit,
                t.planned,
                t.planned_low,
                t.planned_high,
                t.baseline,
                t.reduction_unit,
                "yes" if t.strict else "no",
                t.rank_out_of,
                t.document.reference if t.document else "",
                t.parent.code if t.parent else "",
                t.source,
                t.position or "",
                actual,
                t.cur_measure,  # type: ignore[attr-defined]
                format_percent(pct, mode).removesuffix("%") if pct is not None else "",
                t.cur_status,  # type: ignore[attr-defined]
                _d(t.cur_cut_off),  # type: ignore[attr-defined]
            ],
        )
    sheet = _header(book, "readings")
    for r in (
        Reading.objects.filter(target__organisation__path__startswith=prefix, is_current=True)
        .select_related("target")
        .order_by("target__organisation__path", "target__code", "cut_off")
    ):
        value: Any = r.value if r.value is not None else ("yes" if r.done else "no")
        _write(sheet, [r.target.code, _d(r.cut_off), value, r.previous, r.note])
    exported = {d.pk for d in documents}
    sheet = _header(book, "tasks")
    for task in (
        Task.objects.filter(organisation__path__startswith=prefix)
        .select_related("document", "organisation")
        .prefetch_related("bases")
        .order_by("document__issued_on", "id")
    ):
        _write(
            sheet,
            [
                task.code,
                task.document.reference if task.document else "",
                task.organisation.code,
                task.title,
                _d(task.due_on),
                _d(task.done_on),
                *sheets_documents.task_row(task, exported),
                str(task_status(task.due_on, task.done_on, cut_off)),
            ],
        )
    sheets_inspections.export(book, prefix)
    sheets_meetings.export(book, prefix, {o.code for o in orgs})
    sheets_follows.export(book, prefix, exported)
    sheets_links.export_links(book, exported)
    sheets_links.export_ratings(book, prefix)
    sheets_programmes.export(book, prefix)
    sheets_inspection_items.export(book, prefix)
    sheets_reports.export(book, prefix)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _d(value: date | None) -> str:
    return f"{value.day:02d}/{value.month:02d}/{value.year}" if value else ""


def template_workbook() -> bytes:
    """An empty workbook with Vietnamese labels, drop-down lists for coded columns, and instructions."""
    book = Workbook()
    guide = book.active
    guide.title = "Hướng dẫn"
    for line in [
        "Tệp trao đổi chỉ tiêu — hướng dẫn",
        "Mỗi trang là một loại dữ liệu; dòng 1 là tên cột (giữ nguyên). Cột có dấu * là bắt buộc.",
        "Số nhập kiểu Việt Nam: 23.000 hoặc 66,5. Ngày nhập dd/mm/yyyy, d/m/yyyy hoặc yyyy-mm-dd.",
        "Kỳ: 2024, 2024-H1, 2024-H2, 2024-Q3, 2024-9M hoặc nhiệm kỳ 2020-2025.",
        "Số văn bản: 32-CT/TU (Đảng), 10/CT-UBND hoặc 30/2020/NĐ-CP (Nhà nước).",
        "Nhập lại cùng một tệp không làm thay đổi dữ liệu: các dòng được đối chiếu theo mã và số.",
        "Không có gì được lưu nếu còn một dòng lỗi: trang kết quả liệt kê từng lỗi theo trang, dòng, cột.",
    ]:
        guide.append([line])
    guide.column_dimensions["A"].width = 110
    for name, columns in COLUMNS.items():
        sheet = book.create_sheet(SHEET_LABELS[name])
        sheet.append([label + (" *" if required else "") for _key, label, required in columns])
        for index, (key, label, _required) in enumerate(columns, start=1):
            sheet.column_dimensions[get_column_letter(index)].width = max(14, len(label) + 4)
            choices = CODED.get((name, key))
            if choices:
                validation = DataValidation(
                    type="list", formula1='"' + ",".join(choices) + '"', allow_blank=True
                )
                validation.error = "Giá trị không có trong danh mục."
                sheet.add_data_validation(validation)
                validation.add(f"{get_column_letter(index)}2:{get_column_letter(index)}5000")
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
