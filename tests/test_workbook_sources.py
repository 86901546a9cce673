"""The targets sheet's `source` column (reports/sheets_sources.py): a target imported with a register
metric takes no typed reading; a source that names nothing is a problem and saves nothing; the export
writes every target's source back."""

from __future__ import annotations

import io
from datetime import date

from openpyxl import load_workbook

from exchange.workbook import export_workbook, import_workbook
from targets.models import Reading, Target
from tests.conftest import Tree
from tests.test_workbook import book

HEADER = ["code", "organisation_code", "title", "shape", "period", "unit", "planned", "source"]


def test_a_target_imported_with_a_metric_takes_no_typed_readings(tree: Tree) -> None:
    result = import_workbook(
        book(
            targets=[
                HEADER,
                [
                    "KN",
                    "SLDTBXH",
                    "Kết nạp đảng viên mới",
                    "quantity",
                    "2024",
                    "người",
                    "3",
                    "members_admitted",
                ],
                ["T2", "SLDTBXH", "Nội dung", "count", "2024", "nội dung", "5", ""],
            ]
        ),
        acting_user=None,
    )
    assert result.ok, [str(p) for p in result.problems]
    assert dict(Target.objects.values_list("code", "source")) == {"KN": "members_admitted", "T2": "readings"}

    typed = import_workbook(
        book(readings=[["target_code", "cut_off", "value"], ["KN", "30/6/2024", "27"]]), acting_user=None
    )
    assert not typed.ok
    assert any("lấy số liệu từ sổ" in p.message for p in typed.problems), [str(p) for p in typed.problems]
    assert not Reading.objects.exists()

    sheet = load_workbook(io.BytesIO(export_workbook(organisation=tree.dept, cut_off=date(2024, 6, 30))))[
        "targets"
    ]
    header = [c.value for c in sheet[1]]
    rows = {r[0]: dict(zip(header, r, strict=True)) for r in sheet.iter_rows(min_row=2, values_only=True)}
    assert rows["KN"]["source"] == "members_admitted" and rows["T2"]["source"] == "readings"


def test_an_unknown_source_is_a_problem_and_saves_nothing(tree: Tree) -> None:
    result = import_workbook(
        book(
            targets=[HEADER, ["KN", "SLDTBXH", "Kết nạp", "quantity", "2024", "người", "3", "so_dang_vien"]]
        ),
        acting_user=None,
    )
    assert not result.ok
    (problem,) = [p for p in result.problems if p.column == "source"]
    assert "«so_dang_vien» không hợp lệ" in problem.message
    assert not Target.objects.exists()
