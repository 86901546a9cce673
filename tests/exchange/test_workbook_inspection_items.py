"""The workbook's sheets `inspection_team` and `inspection_planned_items` (issue 21, "Round trip"): the team
of an inspection and the planned items of a programme, entered on the pages, export and come back unchanged;
an unchanged import writes nothing; the scope is the pages'; bad rows are named in Vietnamese and refused."""

from __future__ import annotations

import io
from datetime import date
from typing import Any

import pytest
from django.contrib.auth.models import User

from committees import services as org_services
from committees.models import AuditEntry, Gender, RoleKind
from exchange.workbook import export_workbook, import_workbook
from inspections import services
from inspections.models import Body, Inspection, PlannedItem, Programme, Subject, TeamMember
from tests.conftest import Tree, make_user
from tests.test_workbook import _wipe, book, sheets_of

CUT_OFF = date(2025, 12, 31)
INSPECTION_HEADER = ["code", "organisation_code", "mode", "kind", "title"]
TEAM_HEADER = ["inspection_code", "role", "name", "member_organisation_code", "title"]
ITEM_HEADER = ["organisation_code", "body", "year", "position", "mode", "kind", "title", "subject_code",
               "planned_month"]  # fmt: skip


def _build(tree: Tree) -> None:
    lead = org_services.member_create(
        organisation=tree.cell, full_name="Võ Văn Hải", gender=Gender.MALE, acting_user=None
    )
    services.inspection_create(
        organisation=tree.dept,
        code="KT-01",
        kind="thematic",
        title="Cải cách hành chính",
        decided_on=date(2024, 3, 1),
        team=[
            # A name typed beside a member on the page is not shown: the member names the seat.
            services.TeamData(role="lead", member=lead, person_name="ông Hải", title="Bí thư chi bộ"),
            services.TeamData(role="member", person_name="Lê Thị Mai", title="Chuyên viên Ban Tổ chức"),
            services.TeamData(role="secretary", person_name="Trần Văn Bảo"),
        ],
        subjects=[services.SubjectData(organisation=tree.cell)],
        acting_user=None,
    )
    services.inspection_create(
        organisation=tree.sibling, code="KT-02", kind="regular", title="Thu chi", acting_user=None
    )
    dept = services.programme_create(
        organisation=tree.dept, year=2024, title="Chương trình 2024", acting_user=None
    )
    commission = services.programme_create(
        organisation=tree.dept, body=Body.COMMISSION, year=2024, title="Chương trình UBKT", acting_user=None
    )
    item = services.planned_item_create
    item(programme=dept, kind="regular", title="Kiểm tra chi bộ", subject=tree.cell, planned_month=5,
         acting_user=None)  # fmt: skip
    item(programme=dept, mode="supervision", kind="thematic", title="Giám sát chuyên đề", acting_user=None)
    item(
        programme=commission,
        kind="finance",
        title="Thu chi tài chính đảng",
        planned_month=11,
        acting_user=None,
    )


def _state() -> tuple[Any, ...]:
    return (
        AuditEntry.objects.count(),
        list(TeamMember.objects.order_by("pk").values_list("inspection_id", "role", "member_id", "person_name",
                                                           "title", "position")),
        list(PlannedItem.objects.order_by("pk").values()),
    )  # fmt: skip


def _refused(stream: io.BytesIO, user: User | None, *where: tuple[str, int, str, str]) -> None:
    before = _state()
    result = import_workbook(stream, acting_user=user)
    assert [(p.sheet, p.row, p.column, p.message) for p in result.problems] == list(where)
    assert _state() == before


def test_the_team_and_the_planned_items_export_and_import_into_an_empty_database_identically(
    tree: Tree,
) -> None:
    _build(tree)
    first = export_workbook(cut_off=CUT_OFF)
    sheets = sheets_of(first)
    assert sheets["inspection_team"] == [
        tuple(TEAM_HEADER),
        ("KT-01", "lead", "Võ Văn Hải", "CB-VP", "Bí thư chi bộ"),
        ("KT-01", "member", "Lê Thị Mai", None, "Chuyên viên Ban Tổ chức"),
        ("KT-01", "secretary", "Trần Văn Bảo", None, None),
    ]
    assert sheets["inspection_planned_items"] == [
        tuple(ITEM_HEADER),
        ("SLDTBXH", "commission", 2024, 1, "inspection", "finance", "Thu chi tài chính đảng", None, 11),
        ("SLDTBXH", "committee", 2024, 1, "inspection", "regular", "Kiểm tra chi bộ", "CB-VP", 5),
        ("SLDTBXH", "committee", 2024, 2, "supervision", "thematic", "Giám sát chuyên đề", None, None),
    ]
    # An unchanged import into the same database writes nothing.
    before = _state()
    again = import_workbook(io.BytesIO(first), acting_user=None)
    assert again.ok and not again.created and not again.updated, [str(p) for p in again.problems][:5]
    assert _state() == before

    TeamMember.objects.all().delete()
    Subject.objects.all().delete()
    Inspection.objects.all().delete()
    PlannedItem.objects.all().delete()
    Programme.objects.all().delete()
    _wipe()
    AuditEntry.objects.all().delete()
    result = import_workbook(io.BytesIO(first), acting_user=None)
    assert result.ok, [str(p) for p in result.problems][:5]
    assert result.created["inspection_planned_items"] == 3 and result.created["inspections"] == 2
    assert sheets_of(export_workbook(cut_off=CUT_OFF)) == sheets
    assert AuditEntry.objects.filter(action="planned_item.create").count() == 3
    assert AuditEntry.objects.filter(action="inspection.create").count() == 2
    before = _state()
    again = import_workbook(io.BytesIO(first), acting_user=None)
    assert again.ok and not again.created and not again.updated, [str(p) for p in again.problems][:5]
    assert _state() == before


def test_a_changed_team_and_item_are_written_through_the_services(tree: Tree, ivan: User) -> None:
    _build(tree)
    sheets = sheets_of(export_workbook(cut_off=CUT_OFF))
    inspection_row = next(v for v in sheets["inspections"] if v[0] == "KT-01")
    team: list[list[Any]] = [
        TEAM_HEADER,
        ["KT-01", "lead", "Lê Thị Mai", "", "Trưởng ban"],
        ["KT-01", "member", "Võ Văn Hải", "CB-VP", ""],
    ]
    items: list[list[Any]] = [
        ITEM_HEADER,
        ["SLDTBXH", "committee", 2024, 2, "supervision", "regular", "Giám sát thường xuyên", "", 7],
        ["SLDTBXH", "committee", 2024, 3, "inspection", "regular", "Kiểm tra mới", "CB-VP", ""],
    ]
    result = import_workbook(
        book(inspections=[list(sheets["inspections"][0]), list(inspection_row)], inspection_team=team,
             inspection_planned_items=items),
        acting_user=ivan,
    )  # fmt: skip
    assert result.ok, [str(p) for p in result.problems]
    assert result.updated == {"inspections": 1, "inspection_planned_items": 1}
    assert result.created == {"inspection_planned_items": 1}
    seats = Inspection.objects.get(code="KT-01").team.order_by("position")
    assert [(t.role, t.display_name, t.title) for t in seats] == [
        ("lead", "Lê Thị Mai", "Trưởng ban"),
        ("member", "Võ Văn Hải", ""),
    ]
    programme = Programme.objects.get(organisation=tree.dept, body=Body.COMMITTEE)
    assert list(programme.items.values_list("position", "title", "planned_month")) == [
        (1, "Kiểm tra chi bộ", 5),
        (2, "Giám sát thường xuyên", 7),
        (3, "Kiểm tra mới", None),
    ]
    assert AuditEntry.objects.filter(user=ivan, action="inspection.update").count() == 1
    assert AuditEntry.objects.filter(user=ivan, action="planned_item.update").count() == 1
    assert AuditEntry.objects.filter(user=ivan, action="planned_item.create").count() == 1


def test_the_scope_is_the_pages(tree: Tree, alice: User, ivan: User) -> None:
    _build(tree)
    refusal = "Không có «%s» trong phạm vi của bạn."
    item = ["SLDTBXH", "committee", 2024, 1, "inspection", "regular", "Đã sửa", "", ""]
    # The staff of the department do not inspect; an inspector of the Department of Health does not either.
    _refused(
        book(inspection_planned_items=[ITEM_HEADER, item]),
        alice,
        ("inspection_planned_items", 2, "organisation_code", refusal % "SLDTBXH"),
    )
    health = make_user("hana", tree.sibling, RoleKind.INSPECTOR)
    inspection = ["KT-01", "SLDTBXH", "inspection", "thematic", "Cải cách hành chính"]
    _refused(
        book(
            inspections=[INSPECTION_HEADER, inspection],
            inspection_team=[TEAM_HEADER, ["KT-01", "lead", "Lê Thị Mai", "", ""]],
            inspection_planned_items=[ITEM_HEADER, item],
        ),
        health,
        ("inspections", 2, "code", refusal % "KT-01"),
        ("inspections", 2, "organisation_code", refusal % "SLDTBXH"),
        ("inspection_planned_items", 2, "organisation_code", refusal % "SLDTBXH"),
    )
    result = import_workbook(book(inspection_planned_items=[ITEM_HEADER, item]), acting_user=ivan)
    assert result.ok and result.updated == {"inspection_planned_items": 1}, [str(p) for p in result.problems]


def test_bad_rows_are_refused_in_vietnamese_and_nothing_is_saved(tree: Tree) -> None:
    _build(tree)
    _refused(
        book(
            inspections=[
                INSPECTION_HEADER,
                ["KT-01", "SLDTBXH", "inspection", "thematic", "Cải cách hành chính"],
            ],
            inspection_team=[
                TEAM_HEADER,
                ["KT-99", "lead", "Lê Thị Mai", "", ""],
                ["KT-01", "chief", "", "", ""],
                ["KT-01", "lead", "A", "", ""],
                ["KT-01", "lead", "B", "XX", ""],
            ],
            inspection_planned_items=[
                ITEM_HEADER,
                ["SLDTBXH", "committee", 2030, 1, "", "regular", "x", "", ""],
                ["SLDTBXH", "committee", 2024, "hai", "", "regular", "x", "", 13],
                ["SLDTBXH", "committee", 2024, 2, "supervision", "finance", "", "", ""],
                ["SLDTBXH", "committee", 2024, 2, "", "regular", "x", "", ""],
                ["SLDTBXH", "commission", 2024, 3, "", "regular", "x", "", ""],
            ],
        ),
        None,
        (
            "inspection_team",
            2,
            "inspection_code",
            "Không có cuộc kiểm tra mã «KT-99» trong sheet Kiểm tra, giám sát.",
        ),
        ("inspection_team", 3, "role", "Giá trị «chief» không có trong danh mục."),
        ("inspection_team", 3, "name", "Bắt buộc nhập."),
        ("inspection_team", 5, "role", "Đoàn chỉ có một Trưởng đoàn (đã có ở dòng 4)."),
        ("inspection_team", 5, "member_organisation_code", "Không có tổ chức mã «XX»."),
        ("inspection_planned_items", 2, "year", "Không có chương trình năm 2030 của «SLDTBXH»."),
        ("inspection_planned_items", 3, "position", "Thứ tự «hai» không hợp lệ."),
        ("inspection_planned_items", 3, "planned_month", "Tháng «13» không hợp lệ."),
        ("inspection_planned_items", 4, "kind", "Giám sát chỉ có hai loại: thường xuyên và chuyên đề."),
        ("inspection_planned_items", 4, "title", "Bắt buộc nhập."),
        ("inspection_planned_items", 5, "position", "Thứ tự 2 trùng với dòng 4."),
        ("inspection_planned_items", 6, "position", "Thứ tự phải liên tiếp: nội dung tiếp theo là 2."),
    )
    # What only the service can judge is refused with the sheet and row, and changes nothing.
    before = _state()
    result = import_workbook(
        book(
            inspection_planned_items=[
                ITEM_HEADER,
                ["SLDTBXH", "", 2024, 3, "", "regular", "x", "CB-SYT-VP", ""],
            ]
        ),
        acting_user=None,
    )
    assert [p.message for p in result.problems] == [
        "Nội dung chương trình, dòng 2: Đối tượng phải là tổ chức thuộc cấp ủy lập chương trình."
    ]
    assert _state() == before
    inspection = ["KT-01", "SLDTBXH", "inspection", "thematic", "Cải cách hành chính"]
    result = import_workbook(
        book(
            inspections=[INSPECTION_HEADER, inspection],
            inspection_team=[TEAM_HEADER, ["KT-01", "lead", "Không Có", "CB-VP", ""]],
        ),
        acting_user=None,
    )
    assert [p.message for p in result.problems] == [
        "Thành viên đoàn, dòng 2: không có đảng viên «Không Có» tại tổ chức «CB-VP»."
    ]
    assert _state() == before


@pytest.fixture
def ivan(tree: Tree) -> User:
    return make_user("ivan", tree.city, RoleKind.INSPECTOR)
