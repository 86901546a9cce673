"""The exchange workbook: validation paths, all-or-nothing, idempotence, round trip, formula injection."""

from __future__ import annotations

import io
import zipfile
from datetime import date
from decimal import Decimal as D
from typing import Any
from unittest import mock

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse
from openpyxl import Workbook, load_workbook
from openpyxl.worksheet._read_only import ReadOnlyWorksheet

from committees.models import AuditEntry, Member, Organisation, Role, Term
from demo.services import load_demo
from exchange import reader as workbook_reader
from exchange.services import import_run_execute
from exchange.workbook import (
    MAX_COLUMNS,
    WorkbookError,
    export_workbook,
    import_workbook,
    read_workbook,
    template_workbook,
)
from reports.models import Meeting
from resolutions.models import Document, DocumentLink, Task
from targets.models import Reading, Target
from tests.conftest import Tree


def book(**sheets: list[list[Any]]) -> io.BytesIO:
    wb = Workbook()
    wb.remove(wb.active)
    for name, rows in sheets.items():
        ws = wb.create_sheet(name)
        for row in rows:
            ws.append(row)
    buffer = io.BytesIO()
    wb.save(buffer)
    buffer.seek(0)
    return buffer


def sheets_of(data: bytes) -> dict[str, list[tuple[Any, ...]]]:
    wb = load_workbook(io.BytesIO(data))
    return {ws.title: [tuple(row) for row in ws.iter_rows(values_only=True)] for ws in wb.worksheets}


TARGET_HEADER = ["code", "organisation_code", "title", "shape", "period", "unit", "planned"]


def good(tree: Tree) -> io.BytesIO:
    return book(
        documents=[
            ["number", "issued_on", "title", "issuer"],
            ["Số 32-ct/tu", "21/3/2024", "về giảm nghèo", "BTV Thành ủy"],
        ],
        targets=[
            [*TARGET_HEADER, "document_number"],
            ["T1", "SLDTBXH", "Nội dung trình UBND", "count", "2024", "nội dung", "25", "32-CT/TU"],
        ],
        readings=[["target_code", "cut_off", "value"], ["T1", "30/6/2024", "15"]],
        tasks=[
            ["code", "document_number", "organisation_code", "title", "due_on", "done_on"],
            ["NV1", "32-CT/TU", "CB-VP", "Rà soát hộ nghèo", "30/06/2024", "2024-06-01"],
        ],
    )


def test_import_saves_everything_and_twice_changes_nothing(tree: Tree) -> None:
    result = import_workbook(good(tree), acting_user=None)
    assert result.ok, result.problems
    assert Reading.objects.get().achievement_pct == D(60)
    assert Document.objects.get().canonical_number == "32-CT/TU"
    assert Task.objects.get().done_on == date(2024, 6, 1)
    audit = AuditEntry.objects.count()
    again = import_workbook(good(tree), acting_user=None)
    assert again.ok and not again.created and not again.updated
    assert AuditEntry.objects.count() == audit


@pytest.mark.parametrize(
    ("sheets", "where", "message"),
    [
        (
            {"targets": [TARGET_HEADER, ["T1", "NOPE", "x", "count", "2024", "", "5"]]},
            ("targets", 2, "organisation_code"),
            "Không có tổ chức mã «NOPE»",
        ),
        (
            {"targets": [TARGET_HEADER, ["T1", "SLDTBXH", "x", "count", "2024", "", "2,5.3"]]},
            ("targets", 2, "planned"),
            "không phải là số",
        ),
        (
            {"targets": [TARGET_HEADER, ["T1", "SLDTBXH", "x", "count", "2024-H3", "", "5"]]},
            ("targets", 2, "period"),
            "không hợp lệ",
        ),
        (
            {
                "targets": [
                    TARGET_HEADER,
                    ["T1", "SLDTBXH", "x", "count", "2024", "", "5"],
                    ["T1", "SLDTBXH", "y", "count", "2024", "", "5"],
                ]
            },
            ("targets", 3, "code"),
            "trùng với dòng 2",
        ),
        (
            {"targets": [[*TARGET_HEADER, "colour"], ["T1", "SLDTBXH", "x", "count", "2024", "", "5", "đỏ"]]},
            ("targets", 1, "H"),
            "Cột «colour» không có trong mẫu",
        ),
        (
            {"documents": [["number", "issued_on", "title"], ["66-QD/TW", "1/1/2024", "x"]]},
            ("documents", 2, "number"),
            "Có thể là 66-QĐ/TW",
        ),
        (
            {
                "targets": [TARGET_HEADER, ["T1", "SLDTBXH", "x", "count", "2024", "", "5"]],
                "readings": [["target_code", "cut_off", "value"], ["T1", "1/1/2025", "3"]],
            },
            ("readings", 2, "cut_off"),
            "phải nằm trong kỳ 1/1/2024 – 31/12/2024",
        ),
        (
            {"readings": [["target_code", "value"], ["T9", "3"]]},
            ("readings", 1, ""),
            "Thiếu cột bắt buộc «cut_off»",
        ),
    ],
)
def test_every_problem_is_reported_and_nothing_saved(
    tree: Tree, sheets: dict[str, list[list[Any]]], where: tuple[str, int, str], message: str
) -> None:
    before = (Target.objects.count(), Document.objects.count(), AuditEntry.objects.count())
    result = import_workbook(book(**sheets), acting_user=None)
    assert not result.ok
    matching = [p for p in result.problems if (p.sheet, p.row, p.column) == where]
    assert matching and message in matching[0].message, [str(p) for p in result.problems]
    assert (Target.objects.count(), Document.objects.count(), AuditEntry.objects.count()) == before


def test_one_bad_row_saves_nothing_at_all(tree: Tree) -> None:
    stream = book(
        targets=[
            TARGET_HEADER,
            ["T1", "SLDTBXH", "x", "count", "2024", "", "5"],
            ["T2", "SLDTBXH", "y", "count", "2024", "", "abc"],
        ]
    )
    assert not import_workbook(stream, acting_user=None).ok
    assert not Target.objects.exists()


def test_staff_cannot_import_into_a_sibling(tree: Tree, alice) -> None:  # type: ignore[no-untyped-def]
    stream = book(targets=[TARGET_HEADER, ["T1", "SYT", "x", "count", "2024", "", "5"]])
    result = import_workbook(stream, acting_user=alice)
    assert [p.message for p in result.problems] == ["Không có «SYT» trong phạm vi của bạn."]


def test_not_an_xlsx_and_too_big(db) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(WorkbookError, match="xlsx hợp lệ"):
        import_workbook(io.BytesIO(b"not a spreadsheet"), acting_user=None)
    with pytest.raises(WorkbookError, match="Tệp quá lớn"):
        import_workbook(io.BytesIO(b""), acting_user=None, size=11 * 1024 * 1024)


def test_formula_injection_is_written_as_text(tree: Tree) -> None:
    from targets import services

    # A code cannot start with "=" (only letters, digits and - / . _): the formulas go in free text.
    services.target_create(
        code="T-1",
        organisation=tree.dept,
        title="=cmd|' /C calc'!A0",
        unit="@SUM(1+1)",
        period="2024",
        shape="count",
        planned=D(5),
        acting_user=None,
    )
    wb = load_workbook(io.BytesIO(export_workbook()))
    cells = [
        c
        for row in wb["targets"].iter_rows(min_row=2)
        for c in row
        if isinstance(c.value, str) and c.value[:1] in "=@"
    ]
    assert {c.value for c in cells} == {"=cmd|' /C calc'!A0", "@SUM(1+1)"}
    assert all(c.data_type == "s" and c.quotePrefix for c in cells)


def test_template_has_labels_lists_and_instructions(db) -> None:  # type: ignore[no-untyped-def]
    wb = load_workbook(io.BytesIO(template_workbook()))
    assert wb.sheetnames[0] == "Hướng dẫn"
    assert wb["Chỉ tiêu"]["A1"].value == "Mã chỉ tiêu *"
    assert any("count" in (dv.formula1 or "") for dv in wb["Chỉ tiêu"].data_validations.dataValidation)
    # An empty template imports as nothing, and its Vietnamese labels are understood.
    assert import_workbook(io.BytesIO(template_workbook()), acting_user=None).ok


def _wipe() -> None:
    from reports.models import Report
    from targets.models import Narrative, Submission

    # Reports and meetings go first, as they protect what they cite.
    Report.objects.update(previous_version=None)
    Report.objects.all().delete()
    # The reporting cycle: submissions (not in the workbook) and the narratives of a period.
    Submission.objects.all().delete()
    Narrative.objects.all().delete()
    Meeting.objects.all().delete()
    Reading.objects.all().delete()
    Task.objects.all().delete()
    DocumentLink.objects.all().delete()
    for target in Target.objects.order_by("-parent_id"):
        target.delete()
    Target.objects.all().delete()
    Document.objects.all().delete()
    # The workbook carries neither meetings nor committee seats: the demo has both.
    Meeting.objects.all().delete()
    Term.objects.all().delete()
    Member.objects.all().delete()
    Role.objects.all().delete()
    for organisation in Organisation.objects.order_by("-depth"):
        organisation.delete()


def test_round_trip_into_an_empty_database(db) -> None:  # type: ignore[no-untyped-def]
    load_demo(year=2024)
    first = export_workbook(cut_off=date(2024, 6, 30))
    _wipe()
    assert not Organisation.objects.exists()
    result = import_workbook(io.BytesIO(first), acting_user=None)
    assert result.ok, [str(p) for p in result.problems][:5]
    second = export_workbook(cut_off=date(2024, 6, 30))
    assert sheets_of(first) == sheets_of(second)
    computed = {row[0]: row for row in sheets_of(second)["targets"][1:]}
    # Then the date of the reading the computed columns come from (as_of).
    assert computed["HCM-2024-UBND"][-3:] == ("60", "on_track", "30/06/2024")
    assert computed["HCM-2024-DDCI"][-4] == 11


def test_subtree_export_imports_into_an_empty_database(db) -> None:  # type: ignore[no-untyped-def]
    load_demo(year=2024)
    data = export_workbook(
        organisation=Organisation.objects.get(code="SLDTBXH-HCM"), cut_off=date(2024, 6, 30)
    )
    _wipe()
    assert import_workbook(io.BytesIO(data), acting_user=None).ok
    assert Target.objects.filter(organisation__code="SLDTBXH-HCM", period="2024").count() == 34


def test_upload_page_lists_problems(
    client: Client, tree: Tree, alice, django_capture_on_commit_callbacks
) -> None:  # type: ignore[no-untyped-def]
    client.force_login(alice)
    stream = book(targets=[TARGET_HEADER, ["T1", "SLDTBXH", "x", "count", "2024", "", "abc"]])
    stream.name = "chi-tieu.xlsx"
    with (
        mock.patch("exchange.services._enqueue_import", side_effect=lambda pk: import_run_execute(run_id=pk)),
        django_capture_on_commit_callbacks(execute=True),
    ):
        response = client.post(reverse("exchange:workbook"), {"file": stream})
    body = client.get(response["Location"]).content.decode()
    assert "1 lỗi" in body and "không phải là số" in body
    response = client.get(
        reverse("exchange:workbook_export"), {"organisation": str(tree.dept.pk), "cut_off": "30/6/2024"}
    )
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")


def test_leader_may_export_but_not_import(client: Client, tree: Tree, bob) -> None:  # type: ignore[no-untyped-def]
    client.force_login(bob)
    stream = good(tree)
    stream.name = "x.xlsx"
    assert client.post(reverse("exchange:workbook"), {"file": stream}).status_code == 404
    assert not Target.objects.exists()


def _declaring_xfd(rows: int, data: list[str] | None = None) -> bytes:
    """A workbook whose sheets declare A1:XFD50000 and hold `rows` rows, each with a cell in the last
    column Excel has (XFD): openpyxl pads every row it reads to the declared width."""
    header = "".join(
        f'<c r="{col}1" t="inlineStr"><is><t>{key}</t></is></c>'
        for col, key in zip("ABC", ["target_code", "cut_off", "value"], strict=True)
    )
    body = "".join(
        f'<row r="{n}"><c r="XFD{n}" t="inlineStr"><is><t>x</t></is></c></row>' for n in range(2, rows + 2)
    )
    for n, line in enumerate(data or [], start=rows + 2):
        body += f'<row r="{n}"><c r="A{n}" t="inlineStr"><is><t>{line}</t></is></c></row>'
    xml = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        f'<dimension ref="A1:XFD50000"/><sheetData><row r="1">{header}</row>{body}</sheetData></worksheet>'
    )
    source = zipfile.ZipFile(book(readings=[["target_code"]]))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for info in source.infolist():
            content = source.read(info.filename)
            if info.filename.startswith("xl/worksheets/sheet"):
                content = xml.encode()
            archive.writestr(info.filename, content)
    return out.getvalue()


def test_a_declared_dimension_of_a_whole_sheet_is_not_read(monkeypatch: pytest.MonkeyPatch, db) -> None:  # type: ignore[no-untyped-def]
    """Finding 2 of issue 19: A1:XFD50000 made openpyxl build 16.384 cells of every row, and a small
    file held a web worker for minutes. The reader now builds at most MAX_COLUMNS cells of a row."""
    built: list[int] = []
    real_get_row = ReadOnlyWorksheet._get_row

    def counting(self, row, min_col=1, max_col=None, values_only=False):  # type: ignore[no-untyped-def]
        cells = real_get_row(self, row, min_col, max_col, values_only)
        built.append(len(cells))
        return cells

    monkeypatch.setattr(ReadOnlyWorksheet, "_get_row", counting)
    sheets, problems = read_workbook(io.BytesIO(_declaring_xfd(200)))
    assert problems == []
    assert sheets["readings"].rows == []  # the far cells are outside the format's columns
    assert len(built) == 201
    assert sum(built) <= 201 * MAX_COLUMNS


def test_rows_past_the_limit_are_refused_but_empty_ones_are_not(monkeypatch: pytest.MonkeyPatch, db) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(workbook_reader, "MAX_ROWS", 10)
    # Ten rows of data then rows that hold only far-away cells (formatting, in a real file): accepted.
    sheets, _problems = read_workbook(io.BytesIO(_declaring_xfd(20, data=[])))
    assert sheets["readings"].rows == []
    with pytest.raises(WorkbookError) as refused:
        read_workbook(io.BytesIO(_declaring_xfd(20, data=["T1"])))
    assert refused.value.message == ("Trang «Số liệu» có quá nhiều dòng: tối đa 10 dòng dữ liệu mỗi trang.")
    sheets, _problems = read_workbook(io.BytesIO(_declaring_xfd(0, data=["T1"] * 10)))
    assert len(sheets["readings"].rows) == 10


def test_a_superuser_imports_a_new_root_but_a_leader_may_not(tree: Tree, bob) -> None:  # type: ignore[no-untyped-def]
    admin = get_user_model().objects.create_superuser(username="root", password="mật-khẩu-thử")
    rows = [["code", "name", "kind", "parent_code"], ["TU-ND", "Đảng bộ tỉnh Nam Định", "provincial", ""]]
    refused = import_workbook(book(organisations=rows), acting_user=bob)
    assert [p.column for p in refused.problems] == ["code"]
    # Was refused too (issue 25): an administrator may create what the organisation page lets them create.
    result = import_workbook(book(organisations=rows), acting_user=admin)
    assert result.ok, result.problems
    assert Organisation.objects.get(code="TU-ND").parent is None


def test_target_order_travels_and_a_file_without_it_keeps_it(tree: Tree) -> None:
    rows = [
        [*TARGET_HEADER, "position"],
        ["T1", "SLDTBXH", "Nội dung trình UBND", "count", "2024", "nội dung", "25", "2"],
        ["T2", "SLDTBXH", "Nội dung chương trình công tác", "count", "2024", "nội dung", "30", "1"],
    ]
    assert import_workbook(book(targets=rows), acting_user=None).ok
    assert list(Target.objects.order_by("position").values_list("code", flat=True)) == ["T2", "T1"]
    exported = sheets_of(export_workbook(cut_off=date(2024, 6, 30)))["targets"]
    column = exported[0].index("position")
    assert {row[0]: row[column] for row in exported[1:]} == {"T1": 2, "T2": 1}
    bad = import_workbook(book(targets=[rows[0], [*rows[1][:-1], "1,5"]]), acting_user=None)
    assert [p.column for p in bad.problems] == ["position"]
    # An older file, without the column, changes nothing of the order.
    older = import_workbook(book(targets=[row[:-1] for row in rows]), acting_user=None)
    assert older.ok and not older.updated
    assert Target.objects.get(code="T1").position == 2


def test_the_same_figures_again_after_the_half_year_went_up(tree: Tree) -> None:
    from targets.cycle import Transition
    from targets.cycle_services import submission_transition
    from targets.periods import parse_period

    def cell_book(value: str) -> io.BytesIO:
        return book(
            targets=[
                TARGET_HEADER,
                ["T9", tree.cell.code, "Kết nạp đảng viên", "quantity", "2024", "người", "4"],
            ],
            readings=[["target_code", "cut_off", "value"], ["T9", "30/6/2024", value]],
        )

    assert import_workbook(cell_book("2"), acting_user=None).ok
    submission_transition(
        organisation=tree.cell, period=parse_period("2024-H1"), transition=Transition.SUBMIT, acting_user=None
    )
    # Was refused as a change to a submitted half-year (issue 25: the demo loaded twice).
    again = import_workbook(cell_book("2"), acting_user=None)
    assert again.ok and not again.created and not again.updated, again.problems
    changed = import_workbook(cell_book("3"), acting_user=None)
    assert "đang chờ duyệt" in " ".join(p.message for p in changed.problems)
    assert Reading.objects.get(target__code="T9", is_current=True).value == 2
