"""Issue 21's done-criterion: every case of the issue built through the services — the documents and tasks
of tests/test_workbook_documents.py, terms and seats (Phó Bí thư Thường trực, a concurrent State post, one
person in several bodies), meetings of every type with conclusions given as tasks, a resolution review —
exports, imports into an EMPTY database and exports identical sheets. Then the scope and the messages of
the new sheets (terms, seats, meetings)."""

from __future__ import annotations

import io
from datetime import date

import pytest
from django.contrib.auth.models import User

from committees import services as org_services
from committees.models import AuditEntry, BodyKind, BodyMembership, Gender, Organisation, Position, Term
from exchange.workbook import export_workbook, import_workbook
from reports import meeting_services
from reports import services as report_services
from reports.meeting_services import AttendeeData, ConclusionAssignment
from reports.models import ConclusionTask, Meeting, MeetingKind
from resolutions import services as doc_services
from resolutions.models import Document, DocumentFollow, IssuingBody, Task
from tests.conftest import Tree
from tests.test_workbook import _wipe, book, sheets_of
from tests.test_workbook_documents import CUT_OFF
from tests.test_workbook_documents import _build as build_documents

NEW_SHEETS = ("terms", "seats", "meetings", "document_follows")


def _build(tree: Tree) -> None:
    build_documents(tree)
    term = org_services.term_create(
        organisation=tree.dept, start_year=2020, end_year=2025, congress_number=8, khoa=3, acting_user=None
    )
    cell_term = org_services.term_create(
        organisation=tree.cell, start_year=2022, end_year=2025, acting_user=None
    )
    quang = org_services.member_create(
        organisation=tree.cell, full_name="Nguyễn Minh Quang", gender=Gender.MALE, acting_user=None
    )
    lan = org_services.member_create(
        organisation=tree.cell, full_name="Trần Thị Lan", gender=Gender.FEMALE, acting_user=None
    )
    seat = org_services.seat_create
    # One person across bodies: one member, one seat per body, a concurrent State post.
    for body, position in ((BodyKind.BCH, Position.BI_THU), (BodyKind.BTV, Position.BI_THU),
                           (BodyKind.THUONG_TRUC, Position.BI_THU)):  # fmt: skip
        seat(term=term, body=body, position=position, member=quang, concurrent_post="Chủ tịch HĐND phường",
             start_date=date(2020, 9, 1), acting_user=None)  # fmt: skip
    seat(term=term, body=BodyKind.THUONG_TRUC, position=Position.PHO_BI_THU_THUONG_TRUC, member=lan,
         acting_user=None)  # fmt: skip
    left = seat(term=term, body=BodyKind.BTV, position=Position.UY_VIEN_BTV, person_name="Lê Văn Kiểm",
                acting_user=None)  # fmt: skip
    org_services.seat_update(seat=left, end_date=date(2023, 4, 30), acting_user=None)
    seat(term=cell_term, body=BodyKind.CHI_UY, position=Position.CHI_UY_VIEN, member=lan, acting_user=None)

    conclusions = (
        "1. Hoàn thành báo cáo sơ kết.\n2. Rà soát hộ cận nghèo trong quý III.\n3. Kiện toàn chi ủy."
    )
    kinds = [
        (MeetingKind.BCH, tree.dept, term, 21, "125-TB/ĐU"),
        (MeetingKind.BTV, tree.dept, term, 35, ""),  # notice still a draft: "…-TB/ĐU"
        (MeetingKind.STANDING, tree.dept, term, None, ""),
        (MeetingKind.CELL, tree.cell, cell_term, None, ""),
        (MeetingKind.THEMATIC, tree.cell, None, None, ""),
        (MeetingKind.INSPECTION, tree.dept, None, None, ""),
    ]
    for index, (kind, org, meeting_term, number, notice) in enumerate(kinds):
        meeting = meeting_services.meeting_create(
            organisation=org,
            kind=kind,
            term=meeting_term,
            number=number,
            extended=kind == MeetingKind.BCH,
            held_on=date(2024, 7, 4 + index),
            place="Hội trường Sở",
            chair="Nguyễn Minh Quang",
            secretary="Trần Thị Lan",
            agenda="Thông qua báo cáo.\nCông tác cán bộ.",
            discussion="Thống nhất với dự thảo.",
            conclusions=conclusions if kind != MeetingKind.INSPECTION else "",
            notice_number=notice,
            notice_dated=date(2024, 7, 20) if notice else None,
            attendees=[
                AttendeeData("Nguyễn Minh Quang", "Bí thư"),
                AttendeeData("Trần Thị Lan"),
                AttendeeData("Phạm Văn Khách", "Phó Giám đốc Sở Nội vụ", invited=True),
            ],
            acting_user=None,
        )
        if kind == MeetingKind.INSPECTION:
            continue
        meeting_services.meeting_conclusions_to_tasks(
            meeting=meeting,
            assignments=[
                ConclusionAssignment(position=1, organisation=org, due_on=date(2024, 8, 31)),
                ConclusionAssignment(position=3, organisation=tree.cell, title=f"Kiện toàn chi ủy ({kind})"),
            ],
            acting_user=None,
        )
    resolution = Document.objects.get(canonical_number="18-NQ/TW")
    # Committees below follow the central documents the city keeps.
    doc_services.document_follow(document=resolution, organisation=tree.dept, acting_user=None)
    congress = Document.objects.get(citation="Nghị quyết Đại hội XIII")
    doc_services.document_follow(document=congress, organisation=tree.cell, acting_user=None)
    report_services.review_create(
        organisation=tree.dept,
        document=resolution,
        window_start=date(2021, 6, 30),
        cut_off=CUT_OFF,
        acting_user=None,
    )


def test_every_case_of_issue_21_exports_imports_into_an_empty_database_identically(tree: Tree) -> None:
    _build(tree)
    first = export_workbook(cut_off=CUT_OFF)
    sheets = sheets_of(first)
    assert [len(sheets[name]) - 1 for name in NEW_SHEETS] == [2, 6, 6, 2]
    _wipe()
    IssuingBody.objects.filter(code="UBND-HCM").delete()
    assert not Organisation.objects.exists() and not Meeting.objects.exists() and not Term.objects.exists()
    result = import_workbook(io.BytesIO(first), acting_user=None)
    assert result.ok, [str(p) for p in result.problems][:5]
    assert {name: result.created[name] for name in NEW_SHEETS} == {
        "terms": 2,
        "seats": 6,
        "meetings": 6,
        "document_follows": 2,
    }
    second = export_workbook(cut_off=CUT_OFF)
    assert sheets_of(second) == sheets
    # What the rows mean came back, not only their text.
    quang = BodyMembership.objects.filter(member__full_name="Nguyễn Minh Quang")
    assert quang.count() == 3 and {s.concurrent_post for s in quang} == {"Chủ tịch HĐND phường"}
    deputy = BodyMembership.objects.get(position=Position.PHO_BI_THU_THUONG_TRUC)
    assert deputy.display_name == "Trần Thị Lan" and deputy.member is not None
    assert BodyMembership.objects.get(person_name="Lê Văn Kiểm").end_date == date(2023, 4, 30)
    btv = Meeting.objects.get(kind=MeetingKind.BTV)
    assert btv.number == 35 and btv.term.start_year == 2020  # type: ignore[union-attr]
    assert [(a.name, a.invited) for a in btv.attendees.all()][-1] == ("Phạm Văn Khách", True)
    assert btv.notice_document.canonical_number == "…-TB/ĐU"  # type: ignore[union-attr]
    links = ConclusionTask.objects.filter(meeting=btv).select_related("task__organisation")
    assert [(c.position, c.task.organisation.code, c.task.document_id) for c in links] == [
        (1, "SLDTBXH", btv.notice_document_id),
        (3, "CB-VP", btv.notice_document_id),
    ]
    assert Task.objects.get(title="Kiện toàn chi ủy (btv)").meeting_conclusion.meeting == btv
    assert sorted(DocumentFollow.objects.values_list("organisation__code", "document__canonical_number")) == [
        ("CB-VP", ""),
        ("SLDTBXH", "18-NQ/TW"),
    ]
    # Importing the same file again changes nothing.
    audit = AuditEntry.objects.count()
    again = import_workbook(io.BytesIO(second), acting_user=None)
    assert again.ok and not again.created and not again.updated
    assert AuditEntry.objects.count() == audit


def test_the_department_s_export_carries_its_meetings_and_seats_only(tree: Tree) -> None:
    _build(tree)
    sibling = meeting_services.meeting_create(
        organisation=tree.sibling, held_on=date(2024, 7, 4), conclusions="Một.", acting_user=None
    )
    data = sheets_of(export_workbook(organisation=tree.dept, cut_off=CUT_OFF))
    assert len(data["meetings"]) - 1 == 6 and sibling.organisation.code not in {
        r[0] for r in data["meetings"]
    }
    _wipe()
    assert import_workbook(io.BytesIO(export_workbook(cut_off=CUT_OFF)), acting_user=None).ok


MEETING_HEADER = [
    "organisation_code",
    "kind",
    "held_on",
    "number",
    "term",
    "notice_number",
    "conclusion_tasks",
]


@pytest.mark.parametrize(
    ("sheet", "rows", "column", "message"),
    [
        ("terms", [["organisation_code", "start_year", "end_year"], ["SLDTBXH", "2025", "2020"]], "end_year",
         "Năm kết thúc phải sau năm bắt đầu"),
        ("terms", [["organisation_code", "start_year", "end_year"], ["SLDTBXH", "hai nghìn", "2030"]],
         "start_year", "phải là số nguyên"),
        ("seats", [["organisation_code", "term", "body", "position", "person_name"],
                   ["SLDTBXH", "2020-2025", "bch", "bi_thu", "X"]], "term", "không có nhiệm kỳ 2020-2025"),
        ("seats", [["organisation_code", "term", "body", "position", "person_name"],
                   ["SLDTBXH", "2020", "bch", "bi_thu", "X"]], "term", "phải có dạng 2020-2025"),
        ("seats", [["organisation_code", "term", "body", "position"], ["SLDTBXH", "", "bch", "tong_bi_thu"]],
         "position", "tong_bi_thu"),
        ("seats", [["organisation_code", "term", "body", "position", "member_organisation_code", "member_name"],
                   ["SLDTBXH", "", "bch", "bi_thu", "CB-VP", "Không Ai"]], "member_name", "Không Ai"),
        ("meetings", [MEETING_HEADER, ["SLDTBXH", "hop-mat", "4/7/2024"]], "kind", "hop-mat"),
        ("meetings", [MEETING_HEADER, ["SLDTBXH", "btv", "31/2/2024"]], "held_on", ""),
        ("meetings", [MEETING_HEADER, ["SLDTBXH", "btv", "4/7/2024", "", "", "", "hai | CB-VP"]],
         "conclusion_tasks", "kết luận thứ | mã đơn vị"),
        ("meetings", [MEETING_HEADER, ["SLDTBXH", "btv", "4/7/2024"], ["SLDTBXH", "btv", "04/07/2024"]],
         "held_on", "trùng với dòng 2"),
    ],
)  # fmt: skip
def test_bad_rows_are_refused_in_vietnamese_and_change_nothing(
    tree: Tree, alice: User, sheet: str, rows: list[list[str]], column: str, message: str
) -> None:
    result = import_workbook(book(**{sheet: rows}), acting_user=None)
    assert not result.ok
    assert any(p.column == column and message in p.message for p in result.problems), [
        str(p) for p in result.problems
    ]
    assert not Term.objects.exists() and not Meeting.objects.exists() and not BodyMembership.objects.exists()


def test_a_bad_notice_number_is_refused_with_its_row_and_nothing_is_saved(tree: Tree) -> None:
    result = import_workbook(
        book(meetings=[MEETING_HEADER, ["SLDTBXH", "btv", "4/7/2024", "", "", "32-CT/TU"]]), acting_user=None
    )
    assert not result.ok and "Hội nghị, dòng 2" in str(result.problems[0])
    assert "125-TB/TU" in str(result.problems[0]) and not Meeting.objects.exists()


def test_a_user_writes_meetings_terms_and_seats_only_inside_his_subtree(
    tree: Tree, alice: User, carol: User, dave: User
) -> None:
    meeting = [MEETING_HEADER, ["SLDTBXH", "btv", "4/7/2024", "35"]]
    term = [["organisation_code", "start_year", "end_year"], ["SLDTBXH", "2025", "2030"]]
    # dave is staff of the sibling department: the department is out of his scope, and named as nowhere.
    for rows in ({"meetings": meeting}, {"terms": term}):
        refused = import_workbook(book(**rows), acting_user=dave)
        assert not refused.ok and "Không có «SLDTBXH» trong phạm vi của bạn" in str(refused.problems[0])
    # alice (staff) manages the tree but does not write reports; carol (secretary) does.
    assert import_workbook(book(terms=term), acting_user=alice).ok
    assert not import_workbook(book(meetings=meeting), acting_user=alice).ok
    assert import_workbook(book(meetings=meeting), acting_user=carol).ok
    assert Meeting.objects.get().organisation == tree.dept and Term.objects.get().start_year == 2025
    # A conclusion may not be linked to a task led outside the meeting's subtree.
    sibling_task = [["organisation_code", "title"], [tree.sibling.code, "Việc của Sở khác"]]
    assert import_workbook(book(tasks=sibling_task), acting_user=None).ok
    linked = import_workbook(
        book(
            meetings=[
                [*MEETING_HEADER, "conclusions"],
                [
                    "SLDTBXH",
                    "btv",
                    "4/7/2024",
                    "35",
                    "",
                    "",
                    f"1 | {tree.sibling.code} | Việc của Sở khác",
                    "Một.",
                ],
            ]
        ),
        acting_user=None,
    )
    assert not linked.ok and "không thuộc" in str(linked.problems[0])
    assert not ConclusionTask.objects.exists()


def test_follows_travel_inside_the_importer_s_subtree_only(tree: Tree, alice: User, dave: User) -> None:
    _build(tree)
    data = sheets_of(export_workbook(organisation=tree.dept, cut_off=CUT_OFF))
    # The department's export carries its follows and the city's documents they name.
    assert data["document_follows"][1:] == [("18-NQ/TW", "SLDTBXH"), ("Nghị quyết Đại hội XIII", "CB-VP")]
    assert "18-NQ/TW" in {row[0] for row in data["documents"]}
    follow = [["document", "organisation_code"], ["18-NQ/TW", tree.sibling.code]]
    refused = import_workbook(book(document_follows=follow), acting_user=alice)
    assert not refused.ok and "trong phạm vi của bạn" in str(refused.problems[0])
    assert import_workbook(book(document_follows=follow), acting_user=dave).ok
    assert DocumentFollow.objects.filter(organisation=tree.sibling).exists()
    # A document of one's own is not followed: the row says why, nothing is saved.
    own = [["document", "organisation_code"], ["45-KH/ĐU", tree.dept.code]]
    result = import_workbook(book(document_follows=own), acting_user=alice)
    assert not result.ok and "Văn bản theo dõi, dòng 2: Chỉ theo dõi được văn bản do cấp trên" in str(
        result.problems[0]
    )
