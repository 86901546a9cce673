"""The demo is its data: what a load puts in the database exports back as the data files, years moved to
the anchor, so the files and the importer stay in step (issue 25)."""

from __future__ import annotations

import io
from decimal import Decimal as D

from committees.models import Organisation
from demo.data import CODE_SHEETS, SETS, export_rows, read_set, shift_rows, to_workbook
from demo.services import load_demo
from exchange.workbook import COLUMNS, read_workbook
from targets.models import Target

ANCHOR = 2026  # not a story year: every set is moved (hcm by 2, the 2020 articles by 6)


def test_loaded_demo_exports_as_its_data_files(db) -> None:  # type: ignore[no-untyped-def]
    load_demo(year=ANCHOR)
    for data_set in SETS:
        expected = read_set(data_set, ANCHOR - data_set.story_year)
        exported = export_rows(Organisation.objects.get(code=data_set.root))
        # Every sheet the export writes is a data file (the report 15-BC/ĐU and the narratives included) but
        # the ratings, which the demo writes in code (demo/story_hcm.py, demo/story_2020.py).
        assert set(exported) - set(expected) <= CODE_SHEETS, data_set.folder
        assert [name for name in exported if name in expected] == list(expected), data_set.folder
        for sheet, rows in expected.items():
            assert exported[sheet][0] == rows[0], (data_set.folder, sheet)
            assert exported[sheet] == rows, (data_set.folder, sheet)
    # The move was real, and only of years: codes, periods and dates moved, numbers not (2.000 người).
    xk = Target.objects.get(code="ND-2031-XK")
    assert (xk.period, xk.planned) == ("2026-2031", D(2000))
    assert Target.objects.filter(code="HCM-2026-UBND", period="2026").exists()


def test_every_data_file_is_a_sheet_with_the_workbooks_columns() -> None:
    for data_set in SETS:
        sheets = read_set(data_set)
        assert sheets, data_set.folder
        for name, rows in sheets.items():
            keys = [key for key, _label, _required in COLUMNS[name]]
            assert rows[0] == keys, (data_set.folder, name)
            assert all(len(row) == len(keys) for row in rows), (data_set.folder, name)
        read, problems = read_workbook(io.BytesIO(to_workbook(sheets)))
        assert not problems and {n: len(s.rows) for n, s in read.items()} == {
            n: len(rows) - 1 for n, rows in sheets.items()
        }


def test_year_moves_keep_numbers_and_move_dates() -> None:
    rows = [
        ["code", "period", "planned", "cut_off", "title"],
        ["HCM-2024-X", "2024-H1", "2024", "29/02/2024", "Kế hoạch năm 2024, 23.000 người"],
    ]
    assert shift_rows(rows, 1)[1] == [
        "HCM-2025-X",
        "2025-H1",
        "2024",
        "28/02/2025",
        "Kế hoạch năm 2025, 23.000 người",
    ]
    assert shift_rows(rows, 0) == rows
