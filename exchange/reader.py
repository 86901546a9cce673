"""Reading an uploaded file into rows: refused at once if too big, not an .xlsx or a zip bomb; the
dimension the file declares is never trusted."""

from __future__ import annotations

import zipfile
from dataclasses import dataclass
from typing import IO, TYPE_CHECKING, Any

from django.utils.translation import gettext as _
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

if TYPE_CHECKING:
    pass

from exchange.sheets import (
    COLUMNS,
    COMPUTED,
    MAX_BYTES,
    MAX_COLUMNS,
    MAX_ROWS,
    MAX_UNPACKED_BYTES,
    SHEET_LABELS,
    Problem,
    WorkbookError,
    _text,
)


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
