"""The exchange workbook's format (../shared/domain/WORKBOOK.md): its sheets and columns, their labels, the
coded values, the limits on a file, the problems an import reports and how a cell is read."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from committees.models import Gender, MemberStatus, OrganisationKind
from core.vn import VnValueError, parse_date, parse_decimal
from exchange import (
    sheets_documents,
    sheets_follows,
    sheets_inspection_items,
    sheets_inspections,
    sheets_links,
    sheets_meetings,
    sheets_programmes,
    sheets_reports,
    sheets_sources,
)
from targets.models import ReductionUnit
from targets.outcomes.achievement import Shape

if TYPE_CHECKING:
    pass


MAX_BYTES = 10 * 1024 * 1024
# What the zip may unpack to: a full 50.000-row workbook is well under this.
MAX_UNPACKED_BYTES = 200 * 1024 * 1024
# Rows of data per sheet: a province imports about 10.000 readings a year.
MAX_ROWS = 50_000
# Columns read per sheet whatever the sheet declares: the widest sheet (targets) has 22 known columns,
# the rest of this is room for blank or unknown ones, which are reported.
MAX_COLUMNS = 40

# sheet → [(key, Vietnamese label, required)]
COLUMNS: dict[str, list[tuple[str, str, bool]]] = {
    "organisations": [
        ("code", "Mã tổ chức", True),
        ("name", "Tên tổ chức", True),
        ("kind", "Loại tổ chức", True),
        ("parent_code", "Mã tổ chức cấp trên", False),
        ("committee_name", "Tên cấp ủy", False),
        ("issuer_code", "Ký hiệu ban hành", False),
        ("place_name", "Địa danh", False),
    ],
    "members": [
        ("organisation_code", "Mã tổ chức sinh hoạt", True),
        ("full_name", "Họ và tên", True),
        ("gender", "Giới tính", True),
        ("birth_date", "Ngày sinh", False),
        ("ethnicity", "Dân tộc", False),
        ("religion", "Tôn giáo", False),
        ("admitted_on", "Ngày vào Đảng", False),
        ("official_on", "Ngày chính thức", False),
        ("status", "Tình trạng", False),
    ],
    "documents": [
        ("number", "Số, ký hiệu", False),
        ("issued_on", "Ngày ban hành", False),
        ("title", "Trích yếu", True),
        ("issuer", "Cơ quan ban hành", False),
        ("issuer_organisation_code", "Mã tổ chức ban hành", False),
        ("implements", "Thực hiện văn bản số", False),
    ],
    "targets": [
        ("code", "Mã chỉ tiêu", True),
        ("organisation_code", "Mã tổ chức", True),
        ("title", "Chỉ tiêu", True),
        ("shape", "Dạng chỉ tiêu", True),
        ("period", "Kỳ", True),
        ("unit", "Đơn vị tính", False),
        ("planned", "Kế hoạch", False),
        ("planned_low", "Kế hoạch từ", False),
        ("planned_high", "Kế hoạch đến", False),
        ("baseline", "Giá trị gốc", False),
        ("reduction_unit", "Đơn vị giảm", False),
        ("strict", "Giới hạn chặt", False),
        ("rank_out_of", "Trên tổng số", False),
        ("document_number", "Văn bản giao", False),
        ("parent_code", "Mã chỉ tiêu cha", False),
        sheets_sources.COLUMN,
        # The order of the organisation's targets within a period (report appendices, the dashboard).
        ("position", "Thứ tự", False),
    ],
    "readings": [
        ("target_code", "Mã chỉ tiêu", True),
        ("cut_off", "Tính đến ngày", True),
        ("value", "Giá trị", True),
        ("previous", "Cùng kỳ / hạng trước", False),
        ("note", "Ghi chú", False),
    ],
    "tasks": [
        ("code", "Mã nhiệm vụ", False),
        ("document_number", "Văn bản giao", False),
        ("organisation_code", "Đơn vị chủ trì", True),
        ("title", "Nội dung", True),
        ("due_on", "Thời hạn", False),
        ("done_on", "Ngày hoàn thành", False),
    ],
}
# Issue 21: citations, issuing bodies, status, term; tasks' further bases and units outside the tree.
COLUMNS["documents"] += sheets_documents.DOCUMENT_COLUMNS
COLUMNS["tasks"] += sheets_documents.TASK_COLUMNS
COMPUTED: dict[str, list[tuple[str, str]]] = {
    "targets": [
        ("actual", "Thực hiện"),
        ("measure", "Đại lượng tính"),
        ("achievement_pct", "Tỷ lệ đạt (%)"),
        ("status", "Đánh giá"),
        # The date of the reading the computed columns come from: the latest at or before the cut-off.
        ("as_of", "Số liệu đến ngày"),
    ],
    "tasks": [("status", "Tình trạng")],
}
SHEET_LABELS = {
    "organisations": "Tổ chức",
    "members": "Đảng viên",
    "documents": "Văn bản",
    "targets": "Chỉ tiêu",
    "readings": "Số liệu",
    "tasks": "Nhiệm vụ",
}
CODED = {
    ("organisations", "kind"): [k.value for k in OrganisationKind],
    ("members", "gender"): ["nam", "nữ", "male", "female"],
    ("members", "status"): [s.value for s in MemberStatus],
    ("targets", "shape"): [s.value for s in Shape],
    ("targets", "reduction_unit"): [u.value for u in ReductionUnit],
    ("targets", "strict"): ["yes", "no"],
    **sheets_documents.CODED,
}
_GENDERS = {
    "nam": Gender.MALE,
    "male": Gender.MALE,
    "nữ": Gender.FEMALE,
    "nu": Gender.FEMALE,
    "female": Gender.FEMALE,
}
_YES, _NO = (
    {"yes", "có", "co", "true", "1", "x", "đạt", "dat"},
    {"no", "không", "khong", "false", "0", "chưa đạt", "chua dat"},
)


@dataclass(frozen=True)
class Problem:
    sheet: str
    row: int
    column: str
    message: str

    @property
    def sheet_label(self) -> str:
        """The sheet as the file names it ("Chỉ tiêu"), not its key ("targets")."""
        return SHEET_LABELS.get(self.sheet, self.sheet)

    @property
    def column_label(self) -> str:
        """The column as its header reads ("Kế hoạch"), not its key ("planned")."""
        labels = {key: label for key, label, _required in COLUMNS.get(self.sheet, [])}
        return labels.get(self.column, self.column)

    def __str__(self) -> str:
        where = f"{self.sheet_label}, dòng {self.row}" + (f", cột {self.column_label}" if self.column else "")
        return f"{where}: {self.message}"


@dataclass
class ImportResult:
    problems: list[Problem] = field(default_factory=list)
    created: dict[str, int] = field(default_factory=dict)
    updated: dict[str, int] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.problems


class WorkbookError(Exception):
    """The file itself cannot be read as the exchange workbook."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


# --- reading cells -------------------------------------------------------------------------------
def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _decimal(value: Any) -> Decimal | None:
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        raise VnValueError(f"Giá trị «{value}» không phải là số.")
    if isinstance(value, int | float):
        return Decimal(str(value))
    return parse_decimal(str(value))


def _date(value: Any) -> date | None:
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    return parse_date(str(value))


def _bool(value: Any) -> bool | None:
    text = _text(value).lower()
    if not text:
        return None
    if text in _YES:
        return True
    if text in _NO:
        return False
    raise VnValueError(f"Giá trị «{value}» phải là yes hoặc no.")


# Sheets of other topics live in their own modules and extend the tables above (docs/inspections.md).
COLUMNS.update(sheets_inspections.COLUMNS)
COMPUTED.update(sheets_inspections.COMPUTED)
SHEET_LABELS.update(sheets_inspections.SHEET_LABELS)
CODED.update(sheets_inspections.CODED)
COLUMNS.update(sheets_meetings.COLUMNS)
SHEET_LABELS.update(sheets_meetings.SHEET_LABELS)
CODED.update(sheets_meetings.CODED)
COLUMNS.update(sheets_follows.COLUMNS)
SHEET_LABELS.update(sheets_follows.SHEET_LABELS)
COLUMNS.update(sheets_reports.COLUMNS)
SHEET_LABELS.update(sheets_reports.SHEET_LABELS)
CODED.update(sheets_reports.CODED)
COLUMNS.update(sheets_links.COLUMNS)
SHEET_LABELS.update(sheets_links.SHEET_LABELS)
CODED.update(sheets_links.CODED)
COLUMNS.update(sheets_programmes.COLUMNS)
SHEET_LABELS.update(sheets_programmes.SHEET_LABELS)
CODED.update(sheets_programmes.CODED)
COLUMNS.update(sheets_inspection_items.COLUMNS)
SHEET_LABELS.update(sheets_inspection_items.SHEET_LABELS)
CODED.update(sheets_inspection_items.CODED)
