"""The exchange workbook (../shared/domain/WORKBOOK.md): import with full validation first, export with
computed columns. All or nothing: nothing is saved unless every row of every sheet is valid, and inside
the importing user's scope (see "scope" in _Importer); without a user, as the operator of the server.

Rows are matched by their codes and numbers, readings by target and cut-off, so importing the same
workbook twice changes nothing. Every write goes through the apps' services.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import IO, TYPE_CHECKING, Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook, load_workbook
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from committees import access
from committees import services as org_services
from committees.access import Action
from committees.access import can as user_can
from committees.models import Gender, Member, MemberStatus, Organisation, OrganisationKind
from committees.vn import VnValueError, format_percent, parse_date, parse_decimal
from resolutions import services as doc_services
from resolutions.models import Document, DocumentLink, LinkKind, Task
from resolutions.numbering import parse_number
from resolutions.taskstatus import task_status
from targets import services as target_services
from targets.achievement import Shape
from targets.models import SHAPE_FIELDS, Reading, ReductionUnit, Target
from targets.periods import PeriodError, parse_period
from targets.rollups import with_outcome

if TYPE_CHECKING:
    from committees.access import AnyUser

MAX_BYTES = 10 * 1024 * 1024
# What the zip may unpack to: a full 50.000-row workbook is well under this.
MAX_UNPACKED_BYTES = 200 * 1024 * 1024
# Rows of data per sheet: a province imports about 10.000 readings a year.
MAX_ROWS = 50_000
# Columns read per sheet whatever the sheet declares: the widest sheet (targets) has 19 known columns,
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
        ("number", "Số, ký hiệu", True),
        ("issued_on", "Ngày ban hành", True),
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
        ("document_number", "Văn bản giao", True),
        ("organisation_code", "Đơn vị chủ trì", True),
        ("title", "Nội dung", True),
        ("due_on", "Thời hạn", False),
        ("done_on", "Ngày hoàn thành", False),
    ],
}
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


def _refuse_zip_bomb(stream: IO[bytes]) -> None:
    """An .xlsx is a zip: refuse one that is not, or that would unpack to far more than a real workbook
    (a "zip bomb" of a few MB can unpack to gigabytes), before openpyxl reads it."""
    try:
        with zipfile.ZipFile(stream) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError):
        raise WorkbookError("Không đọc được tệp: cần một tệp Excel .xlsx hợp lệ.") from None
    finally:
        stream.seek(0)
    unpacked = sum(member.file_size for member in members)
    if unpacked > MAX_UNPACKED_BYTES or len(members) > 10_000:
        raise WorkbookError(
            _(
                "Tệp giải nén ra quá lớn (%(mb)s MB): tối đa %(max)s MB. Đây không phải một bảng tính thông thường."
            )
            % {"mb": unpacked // 1024 // 1024, "max": MAX_UNPACKED_BYTES // 1024 // 1024}
        )
    if "xl/workbook.xml" not in {member.filename for member in members}:
        # Any other zip (a .docx, an archive): refused at once rather than queued for a worker.
        raise WorkbookError("Không đọc được tệp: cần một tệp Excel .xlsx hợp lệ.")


@dataclass
class Sheet:
    name: str
    rows: list[tuple[int, dict[str, Any]]]


def check_file(stream: IO[bytes], *, size: int | None = None) -> None:
    """What can be refused at once, before any row is read: too big, not a zip, a zip bomb."""
    if size is not None and size > MAX_BYTES:
        raise WorkbookError(
            f"Tệp quá lớn ({size // 1024 // 1024} MB): tối đa {MAX_BYTES // 1024 // 1024} MB."
        )
    _refuse_zip_bomb(stream)


def read_workbook(stream: IO[bytes], *, size: int | None = None) -> tuple[dict[str, Sheet], list[Problem]]:
    check_file(stream, size=size)
    try:
        book = load_workbook(stream, read_only=True, data_only=True)
    except Exception:
        raise WorkbookError("Không đọc được tệp: cần một tệp Excel .xlsx hợp lệ.") from None
    label_to_sheet = {label: key for key, label in SHEET_LABELS.items()}
    sheets: dict[str, Sheet] = {}
    problems: list[Problem] = []
    for worksheet in book.worksheets:
        name = label_to_sheet.get(worksheet.title, worksheet.title)
        if name not in COLUMNS:
            continue  # instructions and other sheets of the office's own
        # The <dimension> a file declares is not trusted: openpyxl would pad every row to its width
        # (A1:XFD50000 makes 16.384 cells of each row). Read only the columns the format can have, and
        # only the rows the file holds, without padding to a declared last row.
        worksheet.reset_dimensions()
        rows = worksheet.iter_rows(min_row=1, min_col=1, max_col=MAX_COLUMNS, values_only=True)
        header = next(rows, None)
        if header is None:
            continue
        known = {key: key for key, _label, _req in COLUMNS[name]}
        known.update({label: key for key, label, _req in COLUMNS[name]})
        computed = {key for key, _l in COMPUTED.get(name, [])} | {
            label for _k, label in COMPUTED.get(name, [])
        }
        keys: list[str | None] = []
        for index, cell in enumerate(header, start=1):
            title = _text(cell).removesuffix("*").strip()
            if not title:
                keys.append(None)
            elif title in known:
                keys.append(known[title])
            elif title in computed:
                keys.append(None)  # written by an export; ignored on import
            else:
                keys.append(None)
                problems.append(
                    Problem(name, 1, get_column_letter(index), f"Cột «{title}» không có trong mẫu.")
                )
        for key, label, required in COLUMNS[name]:
            if required and key not in keys:
                problems.append(Problem(name, 1, "", f"Thiếu cột bắt buộc «{key}» ({label})."))
        data = []
        for number, values in enumerate(rows, start=2):
            record = {k: v for k, v in zip(keys, values, strict=False) if k is not None}
            if all(v is None or _text(v) == "" for v in record.values()):
                continue  # empty rows (formatted ones past the data too) cost nothing and count for nothing
            if number - 1 > MAX_ROWS:
                raise WorkbookError(
                    _("Trang «%(sheet)s» có quá nhiều dòng: tối đa %(max)s dòng dữ liệu mỗi trang.")
                    % {"sheet": SHEET_LABELS.get(name, name), "max": f"{MAX_ROWS:,}".replace(",", ".")}
                )
            data.append((number, record))
        sheets[name] = Sheet(name, data)
    book.close()
    return sheets, problems


# --- validation and import ---------------------------------------------------------------------
def _batches(items: list[str], size: int) -> list[list[str]]:
    return [items[start : start + size] for start in range(0, len(items), size)]


class _Importer:
    def __init__(self, sheets: dict[str, Sheet], user: AnyUser | None) -> None:
        self.sheets = sheets
        self.user = user
        self.problems: list[Problem] = []
        self.orgs = {o.code: o for o in Organisation.objects.all()}
        self.new_orgs: dict[str, dict[str, Any]] = {}
        # Only the targets the workbook names: a province holds over a million (bench/province.py).
        named = {
            _text(record.get(key))
            for sheet in sheets.values()
            for _number, record in sheet.rows
            for key in ("code", "target_code", "parent_code")
        } - {""}
        self.targets = {
            t.code: t
            for code_batch in _batches(sorted(named), 5000)
            for t in Target.objects.select_related("organisation").filter(code__in=code_batch)
        }
        self.new_targets: dict[str, dict[str, Any]] = {}
        self.documents = {
            d.canonical_number: d
            for d in Document.objects.exclude(canonical_number="")
            .select_related("organisation")
            .order_by("issued_on")
        }
        self.new_documents: dict[str, dict[str, Any]] = {}
        self.result = ImportResult()

    def problem(self, sheet: str, row: int, column: str, message: str) -> None:
        self.problems.append(Problem(sheet, row, column, message))

    def field(
        self, sheet: str, row: int, record: dict[str, Any], key: str, reader: Any, *, required: bool = False
    ) -> Any:
        raw = record.get(key)
        if raw is None or _text(raw) == "":
            if required:
                self.problem(sheet, row, key, "Bắt buộc nhập.")
            return None
        try:
            return reader(raw)
        except VnValueError as error:
            self.problem(sheet, row, key, error.message)
            return None

    def org_known(self, code: str) -> bool:
        return code in self.orgs or code in self.new_orgs

    # --- scope ----------------------------------------------------------------------------------------
    # An import may touch only what its user could touch on the pages. An existing row is judged by the
    # organisation that owns it in the database, never by the code written in the row; a new row by the
    # organisation it would be created in. Every refusal reads the same, and the same as a code that
    # exists nowhere, so that an import tells nobody what lies outside their subtree.
    def refuse(self, sheet: str, row: int, column: str, value: str) -> None:
        self.problem(sheet, row, column, _("Không có «%(value)s» trong phạm vi của bạn.") % {"value": value})

    def missing(self, sheet: str, row: int, column: str, value: str, message: str) -> None:
        """An unknown code: named as such to the operator of the server, to a user the one refusal."""
        if self.user is None:
            self.problem(sheet, row, column, message)
        else:
            self.refuse(sheet, row, column, value)

    def allows(self, organisation: Organisation, action: Action) -> bool:
        """Whether the user may do `action` on a row owned by `organisation`."""
        return self.user is None or user_can(self.user, action, organisation)

    def reads(self, organisation: Organisation) -> bool:
        """Whether the user may name a row of `organisation`: inside their scope or above it."""
        return self.user is None or access.can_read(self.user, organisation)

    def may(self, code: str, action: Action) -> bool:
        """The same for an organisation code; a new organisation is judged by the nearest stored one above."""
        if self.user is None:  # the management command without --user: the operator of the server
            return True
        seen: set[str] = set()
        while code not in self.orgs:
            if code in seen or code not in self.new_orgs:  # a loop, or no parent: nothing grants it
                return False
            seen.add(code)
            code = self.new_orgs[code]["parent_code"]
        return user_can(self.user, action, self.orgs[code])

    def org_in_scope(self, sheet: str, row: int, column: str, code: str, action: Action) -> None:
        """The organisation a row writes into: known, and inside the user's scope for `action`."""
        if not self.org_known(code):
            self.missing(sheet, row, column, code, f"Không có tổ chức mã «{code}».")
        elif not self.may(code, action):
            self.refuse(sheet, row, column, code)

    # Validation, sheet by sheet, in dependency order; `checked` hears of each sheet once it is done.
    def validate(self, checked: Callable[[str], None] = lambda sheet: None) -> None:
        self.validate_organisations()
        checked("organisations")
        self.validate_members()
        checked("members")
        self.validate_documents()
        checked("documents")
        self.validate_targets()
        checked("targets")
        self.validate_readings()
        checked("readings")
        self.validate_tasks()
        checked("tasks")
        sheets_inspections.validate(self)
        checked("inspections")
        checked("inspection_subjects")

    def _unique(self, sheet: str, rows: list[tuple[int, dict[str, Any]]], key: str) -> None:
        seen: dict[str, int] = {}
        for number, record in rows:
            value = _text(record.get(key))
            if value and value in seen:
                self.problem(sheet, number, key, f"Mã «{value}» trùng với dòng {seen[value]}.")
            seen.setdefault(value, number)

    def validate_organisations(self) -> None:
        sheet = self.sheets.get("organisations")
        if not sheet:
            return
        self._unique("organisations", sheet.rows, "code")
        for number, r in sheet.rows:
            code = _text(r.get("code"))
            if code and code not in self.orgs:
                self.new_orgs[code] = {"parent_code": _text(r.get("parent_code")), "row": number}
        for number, r in sheet.rows:
            code, kind, parent = _text(r.get("code")), _text(r.get("kind")), _text(r.get("parent_code"))
            for key in ("code", "name", "kind"):
                if not _text(r.get(key)):
                    self.problem("organisations", number, key, "Bắt buộc nhập.")
            if kind and kind not in CODED[("organisations", "kind")]:
                self.problem("organisations", number, "kind", f"Loại tổ chức «{kind}» không hợp lệ.")
            if parent and not self.org_known(parent):
                self.missing(
                    "organisations", number, "parent_code", parent, f"Không có tổ chức mã «{parent}»."
                )
            if parent == code and code:
                self.problem(
                    "organisations", number, "parent_code", "Tổ chức không thể là cấp trên của chính nó."
                )
            if code:
                self._organisation_scope(number, code, parent, r)
        self._order_new_orgs()

    def _organisation_scope(self, number: int, code: str, parent: str, r: dict[str, Any]) -> None:
        """A stored organisation is changed by an admin of it; a new one is created by an admin above it."""
        if code in self.orgs:
            if self._org_changed(code, r) and not self.may(code, Action.ADMIN):
                self.refuse("organisations", number, "code", code)
            elif parent in self.orgs and not self.reads(self.orgs[parent]):
                self.refuse("organisations", number, "parent_code", parent)
        elif not parent:
            if not self.may(code, Action.ADMIN):  # a new root: the operator's or a superuser's to create
                self.refuse("organisations", number, "code", code)
        elif self.org_known(parent) and not self.may(parent, Action.ADMIN):
            self.refuse("organisations", number, "parent_code", parent)

    def _org_changed(self, code: str, r: dict[str, Any]) -> bool:
        existing = self.orgs[code]
        return any(
            _text(r.get(k)) != getattr(existing, k)
            for k in ("name", "kind", "committee_name", "issuer_code", "place_name")
        )

    def _order_new_orgs(self) -> None:
        """New organisations must be creatable parents first; a cycle among them is an error."""
        placed: list[str] = []
        pending = dict(self.new_orgs)
        while pending:
            ready = [c for c, v in pending.items() if not v["parent_code"] or v["parent_code"] not in pending]
            if not ready:
                for code, v in pending.items():
                    self.problem(
                        "organisations", v["row"], "parent_code", f"Vòng lặp cấp trên ở tổ chức «{code}»."
                    )
                return
            for code in ready:
                placed.append(code)
                del pending[code]
        self.org_order = placed

    def validate_members(self) -> None:
        sheet = self.sheets.get("members")
        for number, r in sheet.rows if sheet else []:
            code = _text(r.get("organisation_code"))
            if not code:
                self.problem("members", number, "organisation_code", "Bắt buộc nhập.")
            else:  # members are matched inside this organisation: it is also their owner
                self.org_in_scope("members", number, "organisation_code", code, Action.MANAGE)
            if not _text(r.get("full_name")):
                self.problem("members", number, "full_name", "Bắt buộc nhập.")
            gender = _text(r.get("gender")).lower()
            if gender not in _GENDERS:
                self.problem("members", number, "gender", "Giới tính phải là nam hoặc nữ.")
            status = _text(r.get("status"))
            if status and status not in CODED[("members", "status")]:
                self.problem("members", number, "status", f"Tình trạng «{status}» không hợp lệ.")
            for key in ("birth_date", "admitted_on", "official_on"):
                self.field("members", number, r, key, _date)

    def validate_documents(self) -> None:
        sheet = self.sheets.get("documents")
        if not sheet:
            return
        seen: dict[tuple[str, Any], int] = {}
        for number, r in sheet.rows:
            raw = _text(r.get("number"))
            parsed = parse_number(raw) if raw else None
            if parsed is None:
                self.problem("documents", number, "number", "Bắt buộc nhập.")
            elif not parsed.is_usable:
                self.problem("documents", number, "number", parsed.message)
            issued = self.field("documents", number, r, "issued_on", _date, required=True)
            if not _text(r.get("title")):
                self.problem("documents", number, "title", "Bắt buộc nhập.")
            issuer_code = _text(r.get("issuer_organisation_code"))
            if issuer_code and not self.org_known(issuer_code):
                self.missing(
                    "documents",
                    number,
                    "issuer_organisation_code",
                    issuer_code,
                    f"Không có tổ chức mã «{issuer_code}».",
                )
            if parsed is not None and parsed.canonical:
                key = (parsed.canonical, issued)
                if key in seen:
                    self.problem(
                        "documents",
                        number,
                        "number",
                        f"Văn bản «{parsed.canonical}» trùng với dòng {seen[key]}.",
                    )
                seen.setdefault(key, number)
                self.new_documents.setdefault(parsed.canonical, {"row": number})
        stored = self._stored_documents(sheet.rows) if self.user is not None else {}
        for number, r in sheet.rows:
            refs = [p.strip() for p in _text(r.get("implements")).split(";") if p.strip()]
            for ref in refs:
                self.document_known(ref, "documents", number, "implements")
            if self.user is not None:
                self._document_scope(self.user, number, r, stored, refs)

    def _stored_documents(self, rows: list[tuple[int, dict[str, Any]]]) -> dict[str, list[Document]]:
        """The stored documents with the numbers of the sheet, in the order save_documents finds them."""
        numbers = {parse_number(_text(r.get("number"))).canonical for _n, r in rows if _text(r.get("number"))}
        stored: dict[str, list[Document]] = {}
        for batch in _batches(sorted(n for n in numbers if n), 5000):
            for document in Document.objects.select_related("organisation").filter(
                canonical_number__in=batch
            ):
                stored.setdefault(document.canonical_number, []).append(document)
        return stored

    def _document_scope(
        self,
        user: AnyUser,
        number: int,
        r: dict[str, Any],
        stored: dict[str, list[Document]],
        refs: list[str],
    ) -> None:
        """A stored document is changed, or linked from, by those who manage its owner; a new one is kept by
        its issuer or by the uploader, who must manage it."""
        parsed = parse_number(_text(r.get("number")))
        try:
            issued = _date(r.get("issued_on"))
        except VnValueError:
            return  # reported above
        if not parsed.canonical or issued is None:
            return
        same_number = stored.get(parsed.canonical, [])
        existing = next((d for d in same_number if d.issued_on == issued), None)
        issuer = _text(r.get("issuer_organisation_code"))
        if existing is None:
            if not all(self.reads(d.organisation) for d in same_number):
                # The number is taken by a document the user cannot see: saving would fail, and say so.
                self.refuse("documents", number, "number", parsed.canonical)
            elif issuer:
                if self.org_known(issuer) and not self.may(issuer, Action.MANAGE):
                    self.refuse("documents", number, "issuer_organisation_code", issuer)
            elif not access.organisations(user, Action.MANAGE).exists():  # the keeper of its record
                self.refuse("documents", number, "number", parsed.canonical)
            return
        if issuer in self.orgs and not self.reads(self.orgs[issuer]):
            self.refuse("documents", number, "issuer_organisation_code", issuer)
        elif not self.allows(existing.organisation, Action.MANAGE) and (
            existing.title != _text(r.get("title"))
            or existing.issuer_name != _text(r.get("issuer"))
            or self._adds_links(existing, refs)
        ):
            self.refuse("documents", number, "number", parsed.canonical)

    def _adds_links(self, source: Document, refs: list[str]) -> bool:
        linked = set(
            DocumentLink.objects.filter(source=source, kind=LinkKind.IMPLEMENTS).values_list(
                "target__canonical_number", flat=True
            )
        )
        return any(parse_number(ref).canonical not in linked for ref in refs)

    def document_known(self, raw: str, sheet: str, number: int, column: str) -> bool:
        """A document a row points at: in this workbook (whose own row is checked), or stored where the user
        may read it (their subtree or above)."""
        parsed = parse_number(raw)
        if not parsed.is_usable:
            self.problem(sheet, number, column, parsed.message)
            return False
        canonical = parsed.canonical or ""
        if canonical in self.new_documents:
            return True
        stored = self.documents.get(canonical)
        if stored is None or not self.reads(stored.organisation):
            self.missing(sheet, number, column, canonical, f"Không có văn bản số «{canonical}».")
            return False
        return True

    def validate_targets(self) -> None:
        sheet = self.sheets.get("targets")
        if not sheet:
            return
        self._unique("targets", sheet.rows, "code")
        for number, r in sheet.rows:
            code = _text(r.get("code"))
            self.new_targets.setdefault(
                code, {"row": number, "period": _text(r.get("period")), "shape": _text(r.get("shape"))}
            )
        for number, r in sheet.rows:
            for key in ("code", "title"):
                if not _text(r.get(key)):
                    self.problem("targets", number, key, "Bắt buộc nhập.")
            stored = self.targets.get(_text(r.get("code")))
            if stored is not None and not self.allows(stored.organisation, Action.MANAGE):
                self.refuse("targets", number, "code", stored.code)
            code = _text(r.get("organisation_code"))
            if not code:
                self.problem("targets", number, "organisation_code", "Bắt buộc nhập.")
            else:
                self.org_in_scope("targets", number, "organisation_code", code, Action.MANAGE)
            shape = _text(r.get("shape"))
            if shape not in CODED[("targets", "shape")]:
                self.problem("targets", number, "shape", f"Dạng chỉ tiêu «{shape}» không hợp lệ.")
            try:
                parse_period(_text(r.get("period")))
            except PeriodError as error:
                self.problem("targets", number, "period", error.message)
            values = {
                k: self.field("targets", number, r, k, _decimal)
                for k in ("planned", "planned_low", "planned_high", "baseline")
            }
            if (values["planned_low"] is None) != (values["planned_high"] is None):
                self.problem("targets", number, "planned_high", "Nhập cả hai đầu của khoảng kế hoạch.")
            elif values["planned_low"] is not None and values["planned_high"] < values["planned_low"]:
                self.problem("targets", number, "planned_high", "Đầu trên phải lớn hơn hoặc bằng đầu dưới.")
            rule = SHAPE_FIELDS.get(shape)
            if rule is not None and "planned" in rule.required and not _text(r.get("planned")):
                self.problem("targets", number, "planned", "Dạng chỉ tiêu này cần giá trị kế hoạch.")
            unit = _text(r.get("reduction_unit"))
            if unit and unit not in CODED[("targets", "reduction_unit")]:
                self.problem("targets", number, "reduction_unit", "Đơn vị giảm phải là points hoặc percent.")
            self.field("targets", number, r, "strict", _bool)
            out_of = self.field("targets", number, r, "rank_out_of", _decimal)
            if out_of is not None and (out_of != out_of.to_integral_value() or out_of < 1):
                self.problem("targets", number, "rank_out_of", "Tổng số phải là số nguyên dương.")
            document = _text(r.get("document_number"))
            if document:
                self.document_known(document, "targets", number, "document_number")
            parent = _text(r.get("parent_code"))
            if parent and parent not in self.new_targets and not self._target_visible(parent):
                self.missing("targets", number, "parent_code", parent, f"Không có chỉ tiêu mã «{parent}».")

    def _target_visible(self, code: str) -> bool:
        """A stored target a row may point at: one the user sees (the target form's parents)."""
        target = self.targets.get(code)
        return target is not None and self.allows(target.organisation, Action.VIEW)

    def _target_info(self, code: str) -> tuple[str, str, str] | None:
        """(organisation code, period, shape) of a target from the sheet or the database."""
        if not hasattr(self, "_sheet_targets"):
            self._sheet_targets = {
                _text(r.get("code")): (
                    _text(r.get("organisation_code")),
                    _text(r.get("period")),
                    _text(r.get("shape")),
                )
                for _n, r in (self.sheets["targets"].rows if "targets" in self.sheets else [])
            }
        if code in self._sheet_targets:
            return self._sheet_targets[code]
        target = self.targets.get(code)
        return (target.organisation.code, target.period, target.shape) if target else None

    def _may_enter(self, code: str, org_code: str) -> bool:
        """Readings of a stored target are judged by its stored owner, of a new one by the sheet's."""
        stored = self.targets.get(code)
        if stored is not None:
            return self.allows(stored.organisation, Action.ENTER)
        return self.may(org_code, Action.ENTER)

    def validate_readings(self) -> None:
        sheet = self.sheets.get("readings")
        seen: dict[tuple[str, Any], int] = {}
        for number, r in sheet.rows if sheet else []:
            code = _text(r.get("target_code"))
            info = self._target_info(code) if code else None
            if not code:
                self.problem("readings", number, "target_code", "Bắt buộc nhập.")
            elif info is None:
                self.missing("readings", number, "target_code", code, f"Không có chỉ tiêu mã «{code}».")
            elif not self._may_enter(code, info[0]):
                self.refuse("readings", number, "target_code", code)
                info = None  # nothing more is said of a target outside the scope, not even its period
            cut_off = self.field("readings", number, r, "cut_off", _date, required=True)
            if info is None:
                continue
            _org_code, period_code, shape = info
            try:
                period = parse_period(period_code)
                if cut_off is not None and not period.contains(cut_off):
                    self.problem(
                        "readings",
                        number,
                        "cut_off",
                        f"Ngày {cut_off:%d/%m/%Y} nằm ngoài kỳ {period.code} của chỉ tiêu.",
                    )
            except PeriodError:
                pass
            if shape in ("milestone", "maintain"):
                self.field("readings", number, r, "value", _bool, required=True)
            else:
                value = self.field("readings", number, r, "value", _decimal, required=True)
                if value is not None and value < 0:
                    self.problem("readings", number, "value", "Giá trị không được âm.")
            self.field("readings", number, r, "previous", _decimal)
            key = (code, cut_off)
            if key in seen:
                self.problem("readings", number, "cut_off", f"Trùng chỉ tiêu và ngày với dòng {seen[key]}.")
            seen.setdefault(key, number)

    def _stored_tasks(self, rows: list[tuple[int, dict[str, Any]]]) -> dict[str, Task]:
        """The stored tasks with the codes of the sheet, which save_tasks would mark done."""
        codes = sorted({_text(r.get("code")) for _n, r in rows} - {""})
        return {
            task.code: task
            for batch in _batches(codes, 5000)
            for task in Task.objects.select_related("organisation").filter(code__in=batch)
        }

    def validate_tasks(self) -> None:
        sheet = self.sheets.get("tasks")
        if not sheet:
            return
        self._unique("tasks", [(n, r) for n, r in sheet.rows if _text(r.get("code"))], "code")
        stored_tasks = self._stored_tasks(sheet.rows)
        for number, r in sheet.rows:
            document = _text(r.get("document_number"))
            if not document:
                self.problem("tasks", number, "document_number", "Bắt buộc nhập.")
            else:
                self.document_known(document, "tasks", number, "document_number")
            task_code = _text(r.get("code"))
            stored = stored_tasks.get(task_code) if task_code else None
            if stored is not None and not self.allows(stored.organisation, Action.ENTER):
                self.refuse("tasks", number, "code", task_code)
            code = _text(r.get("organisation_code"))
            if not code:
                self.problem("tasks", number, "organisation_code", "Bắt buộc nhập.")
            else:  # a task without a code is matched inside this organisation
                self.org_in_scope("tasks", number, "organisation_code", code, Action.ENTER)
            if not _text(r.get("title")):
                self.problem("tasks", number, "title", "Bắt buộc nhập.")
            self.field("tasks", number, r, "due_on", _date)
            self.field("tasks", number, r, "done_on", _date)

    # --- saving ---------------------------------------------------------------------------------------
    def count(self, sheet: str, created: bool) -> None:
        bucket = self.result.created if created else self.result.updated
        bucket[sheet] = bucket.get(sheet, 0) + 1

    def save(self) -> None:
        rows = {name: sheet.rows for name, sheet in self.sheets.items()}
        self.save_organisations(rows.get("organisations", []))
        self.save_members(rows.get("members", []))
        self.save_documents(rows.get("documents", []))
        self.save_targets(rows.get("targets", []))
        self.save_readings(rows.get("readings", []))
        self.save_tasks(rows.get("tasks", []))
        sheets_inspections.save(self, rows)

    def save_organisations(self, rows: list[tuple[int, dict[str, Any]]]) -> None:
        by_code = {_text(r.get("code")): r for _n, r in rows}
        for code in getattr(self, "org_order", []):
            r = by_code[code]
            parent = _text(r.get("parent_code"))
            self.orgs[code] = org_services.organisation_create(
                code=code,
                kind=_text(r.get("kind")),
                name=_text(r.get("name")),
                parent=self.orgs[parent] if parent else None,
                committee_name=_text(r.get("committee_name")),
                issuer_code=_text(r.get("issuer_code")),
                place_name=_text(r.get("place_name")),
                acting_user=self.user,
            )
            self.count("organisations", True)
        for code, r in by_code.items():
            if code in self.new_orgs:
                continue
            if self._org_changed(code, r):
                changes = {
                    k: _text(r.get(k))
                    for k in ("name", "kind", "committee_name", "issuer_code", "place_name")
                }
                org_services.organisation_update(
                    organisation=self.orgs[code], acting_user=self.user, **changes
                )
                self.count("organisations", False)

    def save_members(self, rows: list[tuple[int, dict[str, Any]]]) -> None:
        for _n, r in rows:
            organisation = self.orgs[_text(r.get("organisation_code"))]
            fields: dict[str, Any] = {
                "gender": _GENDERS[_text(r.get("gender")).lower()],
                "birth_date": _date(r.get("birth_date")),
                "ethnicity": _text(r.get("ethnicity")) or "Kinh",
                "religion": _text(r.get("religion")),
                "admitted_on": _date(r.get("admitted_on")),
                "official_on": _date(r.get("official_on")),
                "status": _text(r.get("status")) or MemberStatus.OFFICIAL,
            }
            name = _text(r.get("full_name"))
            existing = Member.objects.filter(
                organisation=organisation, full_name=name, birth_date=fields["birth_date"]
            ).first()
            if existing is None:
                org_services.member_create(
                    organisation=organisation, full_name=name, acting_user=self.user, **fields
                )
                self.count("members", True)
            elif any(getattr(existing, k) != v for k, v in fields.items()):
                org_services.member_update(member=existing, acting_user=self.user, **fields)
                self.count("members", False)

    def save_documents(self, rows: list[tuple[int, dict[str, Any]]]) -> None:
        for _n, r in rows:
            parsed = parse_number(_text(r.get("number")))
            issued = _date(r.get("issued_on"))
            existing = Document.objects.filter(canonical_number=parsed.canonical, issued_on=issued).first()
            if existing is None:
                issuer_code = _text(r.get("issuer_organisation_code"))
                issuer = self.orgs.get(issuer_code) if issuer_code else None
                owner = issuer or self._default_owner()
                existing = doc_services.document_create(
                    raw_number=_text(r.get("number")),
                    title=_text(r.get("title")),
                    organisation=owner,
                    issued_on=issued,
                    issuer_name=_text(r.get("issuer")),
                    issuer_organisation=issuer,
                    acting_user=self.user,
                )
                self.count("documents", True)
            elif existing.title != _text(r.get("title")) or existing.issuer_name != _text(r.get("issuer")):
                doc_services.document_update(
                    document=existing,
                    title=_text(r.get("title")),
                    issuer_name=_text(r.get("issuer")),
                    acting_user=self.user,
                )
                self.count("documents", False)
            self.documents[existing.canonical_number] = existing
        for _n, r in rows:
            source = self.documents[parse_number(_text(r.get("number"))).canonical or ""]
            for ref in [p.strip() for p in _text(r.get("implements")).split(";") if p.strip()]:
                target = self.documents[parse_number(ref).canonical or ""]
                doc_services.document_link(
                    source=source, target=target, kind=LinkKind.IMPLEMENTS, acting_user=self.user
                )

    def _default_owner(self) -> Organisation:
        # A document from outside the tree is kept by the highest organisation the importing user manages
        # (by the operator: the root).
        if self.user is not None:
            owner = access.organisations(self.user, Action.MANAGE).order_by("path").first()
        else:
            owner = Organisation.objects.filter(parent__isnull=True).order_by("path").first()
        if owner is None:
            raise ValidationError("Chưa có tổ chức nào để quản lý văn bản.")
        return owner

    def save_targets(self, rows: list[tuple[int, dict[str, Any]]]) -> None:
        pending = list(rows)
        # Parents before children: a few passes settle any order in the sheet.
        for _round in range(len(pending) + 1):
            if not pending:
                break
            later = []
            for number, r in pending:
                parent = _text(r.get("parent_code"))
                if parent and parent not in self.targets:
                    later.append((number, r))
                    continue
                self._save_target(r)
            pending = later

    def _save_target(self, r: dict[str, Any]) -> None:
        code = _text(r.get("code"))
        document = _text(r.get("document_number"))
        parent = _text(r.get("parent_code"))
        out_of = _decimal(r.get("rank_out_of"))
        strict = _bool(r.get("strict"))
        fields: dict[str, Any] = {
            "title": _text(r.get("title")),
            "period": parse_period(_text(r.get("period"))).code,
            "shape": _text(r.get("shape")),
            "unit": _text(r.get("unit")),
            "planned": _decimal(r.get("planned")),
            "planned_low": _decimal(r.get("planned_low")),
            "planned_high": _decimal(r.get("planned_high")),
            "baseline": _decimal(r.get("baseline")),
            "reduction_unit": _text(r.get("reduction_unit")) or ReductionUnit.POINTS,
            "strict": True if strict is None else strict,
            "rank_out_of": int(out_of) if out_of is not None else None,
            "document": self.documents[parse_number(document).canonical or ""] if document else None,
            "parent": self.targets[parent] if parent else None,
        }
        existing = self.targets.get(code)
        organisation = self.orgs[_text(r.get("organisation_code"))]
        if existing is None:
            self.targets[code] = target_services.target_create(
                code=code, organisation=organisation, acting_user=self.user, **fields
            )
            self.count("targets", True)
            return
        current = {k: getattr(existing, k) for k in fields}
        if any(_differs(current[k], v) for k, v in fields.items()):
            self.targets[code] = target_services.target_update(
                target=existing, acting_user=self.user, **fields
            )
            self.count("targets", False)

    def save_readings(self, rows: list[tuple[int, dict[str, Any]]]) -> None:
        items = []
        for _n, r in rows:
            target = self.targets[_text(r.get("target_code"))]
            boolean = target.shape in ("milestone", "maintain")
            cut_off = _date(r.get("cut_off"))
            assert cut_off is not None
            items.append(
                target_services.ReadingInput(
                    target=target,
                    cut_off=cut_off,
                    value=None if boolean else _decimal(r.get("value")),
                    done=_bool(r.get("value")) if boolean else None,
                    previous=_decimal(r.get("previous")),
                    note=_text(r.get("note")),
                    reason="Nhập từ tệp Excel",
                )
            )
        recorded, corrected = target_services.readings_record_many(items=items, acting_user=self.user)
        if recorded:
            self.result.created["readings"] = recorded
        if corrected:
            self.result.updated["readings"] = corrected

    def save_tasks(self, rows: list[tuple[int, dict[str, Any]]]) -> None:
        for _n, r in rows:
            document = self.documents[parse_number(_text(r.get("document_number"))).canonical or ""]
            organisation = self.orgs[_text(r.get("organisation_code"))]
            code, title = _text(r.get("code")), _text(r.get("title"))
            due, done = _date(r.get("due_on")), _date(r.get("done_on"))
            existing = (
                Task.objects.filter(code=code).first()
                if code
                else Task.objects.filter(document=document, organisation=organisation, title=title).first()
            )
            if existing is None:
                doc_services.task_create(
                    document=document,
                    organisation=organisation,
                    title=title,
                    due_on=due,
                    done_on=done,
                    code=code,
                    acting_user=self.user,
                )
                self.count("tasks", True)
            elif existing.done_on != done and done is not None:
                doc_services.task_mark_done(task=existing, done_on=done, acting_user=self.user)
                self.count("tasks", False)


def _differs(a: Any, b: Any) -> bool:
    if isinstance(a, Decimal) or isinstance(b, Decimal):
        return (a is None) != (b is None) or (a is not None and b is not None and Decimal(a) != Decimal(b))
    return bool(a != b)


def import_workbook(
    stream: IO[bytes],
    *,
    acting_user: AnyUser | None,
    size: int | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> ImportResult:
    """Validate everything; save only if there is no problem at all, in one transaction.

    `progress(rows_done, rows_total)` is told of the rows of data checked, sheet by sheet: outside the
    saving transaction, so that another connection (the page polling a background import) sees it."""
    sheets, problems = read_workbook(stream, size=size)
    total = sum(len(sheet.rows) for sheet in sheets.values())
    done = 0

    def checked(name: str) -> None:
        nonlocal done
        done += len(sheets[name].rows) if name in sheets else 0
        if progress is not None:
            progress(done, total)

    if progress is not None:
        progress(0, total)
    importer = _Importer(sheets, acting_user)
    importer.problems.extend(problems)
    importer.validate(checked)
    if importer.problems:
        importer.result.problems = importer.problems
        return importer.result
    try:
        with transaction.atomic():
            importer.save()
    except ValidationError as error:
        importer.result.problems = [Problem("", 0, "", message) for message in error.messages]
    return importer.result


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
    documents = documents.select_related("issuer_organisation").order_by("issued_on", "id")
    implements: dict[int, list[str]] = {}
    for link in (
        DocumentLink.objects.filter(source__in=documents, target__in=documents, kind=LinkKind.IMPLEMENTS)
        .select_related("target")
        .order_by("id")
    ):
        implements.setdefault(link.source_id, []).append(link.target.canonical_number)
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
        if t.shape in ("milestone", "maintain") and t.cur_done is not None:  # type: ignore[attr-defined]
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
                t.document.canonical_number if t.document else "",
                t.parent.code if t.parent else "",
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
    sheet = _header(book, "tasks")
    for task in (
        Task.objects.filter(organisation__path__startswith=prefix)
        .select_related("document", "organisation")
        .order_by("document__issued_on", "id")
    ):
        _write(
            sheet,
            [
                task.code,
                task.document.canonical_number,
                task.organisation.code,
                task.title,
                _d(task.due_on),
                _d(task.done_on),
                str(task_status(task.due_on, task.done_on, cut_off)),
            ],
        )
    sheets_inspections.export(book, prefix)
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


# Sheets of other topics live in their own modules and extend the tables above (docs/inspections.md).
from reports import sheets_inspections  # noqa: E402

COLUMNS.update(sheets_inspections.COLUMNS)
COMPUTED.update(sheets_inspections.COMPUTED)
SHEET_LABELS.update(sheets_inspections.SHEET_LABELS)
CODED.update(sheets_inspections.CODED)
