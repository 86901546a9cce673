"""The demo's data files: one UTF-8 CSV per sheet of the exchange workbook under demo/data/<set>/, written
by the product's own export and read back into an .xlsx that the importer takes as it takes an upload.

Each set is one article's tree, kept at the year its story is set in; loading moves it by whole years to
the anchor with the rules of demo.loader (shift_date, shift_text). The computed columns of an export
(achievement, status, …) are left out of the files: they are the importer's to ignore and the export's
to recompute."""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from pathlib import Path

from openpyxl import Workbook, load_workbook

from committees.models import Organisation
from demo.loader import STORY_YEAR, STORY_YEAR_2020, shift_date, shift_text
from exchange.workbook import COLUMNS, COMPUTED, export_workbook

DATA_DIR = Path(__file__).resolve().parent / "data"


@dataclass(frozen=True)
class DataSet:
    folder: str
    root: str  # the code of the organisation at the top of the set's tree
    story_year: int  # the year the files are dated in


SETS = [
    DataSet("hcm", "TU-HCM", STORY_YEAR),  # seed 000
    DataSet("nam-dinh", "TU-ND", STORY_YEAR_2020),  # seed 001
    DataSet("seed-003", "ĐUK-K", STORY_YEAR_2020),  # seed 003
]

# Columns holding numbers: never year-shifted ("2000" people is not a year). Dates are moved as dates;
# every other column is text, whose years move (periods, codes, titles, document numbers, terms).
NUMBER_KEYS = {"planned", "planned_low", "planned_high", "baseline", "rank_out_of", "value", "previous"}
DATE_KEYS = {
    "birth_date",
    "admitted_on",
    "official_on",
    "issued_on",
    "cut_off",
    "due_on",
    "done_on",
    "window_from",
    "window_to",
    "decided_on",
    "notified_on",
    "self_report_on",
    "sessions_from",
    "sessions_to",
    "team_report_on",
    "concluded_on",
    "follow_up_on",
    "start_date",  # seats
    "end_date",
    "held_on",  # meetings
    "notice_dated",
    "dated",  # reports (with cut_off)
    "window_start",
}
_DATE = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")


def _shift_cell(key: str, text: str, years: int) -> str:
    if not years or not text or key in NUMBER_KEYS:
        return text
    if key in DATE_KEYS:
        match = _DATE.match(text)
        if match is None:
            raise ValueError(f"not a dd/mm/yyyy date in column {key}: {text!r}")
        day, month, year = (int(part) for part in match.groups())
        moved = shift_date(date(year, month, day), years)
        return f"{moved.day:02d}/{moved.month:02d}/{moved.year}"
    return shift_text(text, years)


def shift_rows(rows: list[list[str]], years: int) -> list[list[str]]:
    """A sheet (header row first, keys as the export writes them) with every year moved by `years`."""
    header = rows[0]
    return [header] + [
        [_shift_cell(k, v, years) for k, v in zip(header, row, strict=True)] for row in rows[1:]
    ]


def _text(value: object) -> str:
    return "" if value is None else str(value)


# Sheets the demo writes in code, never as data files. Ratings: the stories' «trong sạch vững mạnh» levels end
# with 2017, and a story moved past that year gets today's top level instead (demo.loader.Loader.rating),
# which a data file moved by whole years cannot say.
CODE_SHEETS = frozenset({"ratings"})


def export_rows(root: Organisation) -> dict[str, list[list[str]]]:
    """The export of `root`'s subtree as text rows per sheet, without the computed columns; sheets with no
    row of data are left out."""
    book = load_workbook(io.BytesIO(export_workbook(organisation=root)), read_only=True)
    sheets: dict[str, list[list[str]]] = {}
    for worksheet in book.worksheets:
        name = worksheet.title
        computed = {key for key, _label in COMPUTED.get(name, [])}
        rows = [[_text(v) for v in row] for row in worksheet.iter_rows(values_only=True)]
        if len(rows) < 2:
            continue
        keep = [i for i, key in enumerate(rows[0]) if key not in computed]
        sheets[name] = [[row[i] for i in keep] for row in rows]
    book.close()
    return sheets


def read_set(data_set: DataSet, years: int = 0) -> dict[str, list[list[str]]]:
    """The set's CSV files as rows per sheet (in the workbook's sheet order), moved by `years`."""
    folder = DATA_DIR / data_set.folder
    sheets: dict[str, list[list[str]]] = {}
    for name in COLUMNS:
        path = folder / f"{name}.csv"
        if path.exists():
            with path.open(encoding="utf-8", newline="") as stream:
                sheets[name] = shift_rows(list(csv.reader(stream)), years)
    return sheets


def write_set(data_set: DataSet, sheets: dict[str, list[list[str]]]) -> list[Path]:
    folder = DATA_DIR / data_set.folder
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.glob("*.csv"):
        old.unlink()
    written = []
    for name, rows in sheets.items():
        path = folder / f"{name}.csv"
        with path.open("w", encoding="utf-8", newline="") as stream:
            csv.writer(stream, lineterminator="\n").writerows(rows)
        written.append(path)
    return written


def _number(text: str) -> Decimal | str:
    try:
        return Decimal(text)
    except InvalidOperation:
        return text  # a yes/no reading ("yes", "no")


def to_workbook(sheets: dict[str, list[list[str]]]) -> bytes:
    """An .xlsx as a person would upload it: numbers as numbers, dates and the rest as text."""
    book = Workbook()
    book.remove(book.active)
    for name, rows in sheets.items():
        worksheet = book.create_sheet(name)
        header = rows[0]
        worksheet.append(header)
        for row in rows[1:]:
            worksheet.append(
                [
                    None if not v else (_number(v) if k in NUMBER_KEYS else v)
                    for k, v in zip(header, row, strict=True)
                ]
            )
            for cell in worksheet[worksheet.max_row]:
                if isinstance(cell.value, str) and cell.value.startswith("="):
                    cell.data_type = "s"  # text, as the export keeps it, never a formula
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
