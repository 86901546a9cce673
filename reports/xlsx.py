"""The report's appendix tables as an XLSX workbook, from the same context as the PDF."""

from __future__ import annotations

from io import BytesIO
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from core.vn import format_date
from reports.context import ReportContext

# Text that a spreadsheet would run as a formula (CSV/formula injection) is stored as text.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _guard(cells: Any) -> None:
    for cell in cells:
        if isinstance(cell.value, str) and cell.value.startswith(FORMULA_START):
            cell.data_type = "s"
            cell.quotePrefix = True


def _sheet(book: Workbook, title: str, heading: str, header: list[str], rows: list[list[Any]]) -> None:
    sheet = book.create_sheet(title)
    sheet.append([heading])
    _guard(sheet[1])
    sheet["A1"].font = Font(bold=True)
    sheet.append(header)
    for cell in sheet[2]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="center", horizontal="center")
    for row in rows:
        sheet.append(row)
        _guard(sheet[sheet.max_row])
    sheet.freeze_panes = "A3"
    sheet.column_dimensions["B"].width = 60


def _number(value: Any) -> Any:
    if value is None:
        return None
    normal = value.normalize()
    return int(normal) if normal == normal.to_integral_value() else float(round(value, 6))


def appendix_workbook(context: ReportContext) -> bytes:
    book = Workbook()
    book.remove(book.active)  # type: ignore[arg-type]
    _sheet(
        book,
        "Phụ lục 1 - Chỉ tiêu",
        f"Kết quả thực hiện các chỉ tiêu {context.period.label()} — {context.organisation.name} "
        f"(tính đến {format_date(context.cut_off)})",
        [
            "STT",
            "Chỉ tiêu",
            "ĐVT",
            "Kế hoạch năm",
            "Thực hiện",
            "So kế hoạch năm (%)",
            "Cùng kỳ năm trước",
            "So cùng kỳ (%)",
            "Đánh giá",
        ],
        [
            [
                row.stt,
                row.title_display(),
                row.target.unit,
                row.planned_display(),
                _number(row.actual) if row.actual is not None else row.actual_display(),
                _number(row.pct_plan),
                _number(row.last_year),
                _number(row.pct_last_year),
                row.assessment(),
            ]
            for row in context.targets
        ],
    )
    _sheet(
        book,
        "Phụ lục 2 - Nhiệm vụ",
        f"Tình hình thực hiện nhiệm vụ — {context.tasks_phrase}",
        ["STT", "Nhiệm vụ", "Văn bản giao", "Đơn vị chủ trì", "Thời hạn", "Tình trạng", "Ngày hoàn thành"],
        [
            [
                row.stt,
                row.task.title,
                (row.task.document.reference or row.task.document.title) if row.task.document else "",
                row.task.lead_display,
                row.task.due_on,
                row.status_label,
                row.task.done_on if row.task.done_on and row.task.done_on <= context.cut_off else None,
            ]
            for row in context.tasks
        ],
    )
    for sheet in book.worksheets:
        for column in ("E", "G"):
            for cell in sheet[column][2:]:
                if cell.is_date:
                    cell.number_format = "DD/MM/YYYY"
    out = BytesIO()
    book.save(out)
    return out.getvalue()
