"""Issue 21, reports: the sheets Báo cáo (`reports`) and Thuyết minh kỳ (`narratives`).

Every kind of report built through the services (a term review, a resolution review with its document and
window, a report presented at two meetings, two reports of the same name, an issued report and its second
version) and the period narratives export, import into an EMPTY database through the services (audit rows)
and export identical sheets. Then: an issued report is never changed, the scope is the pages', and every bad
row is refused in Vietnamese with nothing saved."""

from __future__ import annotations

import io
from datetime import date
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.db import connection
from django.test.utils import CaptureQueriesContext

from committees.models import AuditEntry, Organisation, RoleKind
from exchange.workbook import export_workbook, import_workbook
from reports import meeting_services
from reports import services as report_services
from reports.models import Meeting, MeetingKind, Report, ReportKind
from targets import cycle, cycle_services
from targets.models import Narrative
from targets.periods import parse_period
from tests.conftest import Tree, make_user
from tests.test_workbook import _wipe, book, sheets_of
from tests.test_workbook_documents import CUT_OFF
from tests.test_workbook_meetings import _build as build_meetings

REPORT_HEADER = [
    "organisation_code",
    "kind",
    "period",
    "copy",
    "version",
    "status",
    "title",
    "number",
    "dated",
]
NARRATIVE_HEADER = ["organisation_code", "period", "results", "shortcomings", "causes", "directions"]


def _build(tree: Tree) -> None:
    """The meetings, documents and resolution review of tests/test_workbook_meetings.py, and the rest."""
    build_meetings(tree)
    create = report_services.report_create
    create(organisation=tree.dept, kind=ReportKind.TERM_REVIEW, period="2020-2025", acting_user=None)
    bch = Meeting.objects.get(kind=MeetingKind.BCH)
    standing = Meeting.objects.get(kind=MeetingKind.STANDING)  # no number: named by its kind alone
    issued = create(
        organisation=tree.dept,
        kind=ReportKind.SEMI_ANNUAL,
        period="2024-H1",
        acting_user=None,
        results="Hoàn thành 12/15 chỉ tiêu.",
        rounding="truncate",
        meetings=[bch, standing],
    )
    issued = report_services.report_issue(
        report=issued, number="15-BC/ĐU", dated=date(2024, 7, 10), acting_user=None
    )
    second = report_services.report_reissue(report=issued, acting_user=None)
    report_services.report_update(report=second, results="Hoàn thành 13/15 chỉ tiêu.", acting_user=None)
    # Two reports of the same name in one organisation: the copies 1 and 2.
    for _copy in range(2):
        create(organisation=tree.dept, kind=ReportKind.ANNUAL, period="2023", acting_user=None)
    create(organisation=tree.cell, kind=ReportKind.ANNUAL, period="2023", acting_user=None, signer_name="")
    cycle_services.narrative_save(
        organisation=tree.dept,
        period=parse_period("2024-H1"),
        results="Hoàn thành 12/15 chỉ tiêu.",
        shortcomings="Công tác phát triển đảng viên chậm.",
        causes="Nguồn kết nạp ít.",
        directions="Tập trung tạo nguồn.",
        acting_user=None,
    )
    cycle_services.narrative_save(
        organisation=tree.cell, period=parse_period("2024"), results="Đạt.", acting_user=None
    )


def _snapshot() -> tuple[Any, ...]:
    return (
        AuditEntry.objects.count(),
        list(Report.objects.order_by("pk").values()),
        list(Narrative.objects.order_by("pk").values_list("organisation_id", "period", "results")),
    )


def _refused(stream: io.BytesIO, user: User | None, *where: tuple[str, int, str, str]) -> None:
    before = _snapshot()
    result = import_workbook(stream, acting_user=user)
    assert [(p.sheet, p.row, p.column, p.message) for p in result.problems] == list(where)
    assert _snapshot() == before


def test_reports_and_narratives_export_and_import_into_an_empty_database_identically(tree: Tree) -> None:
    _build(tree)
    first = export_workbook(cut_off=CUT_OFF)
    sheets = sheets_of(first)
    reports, narratives = sheets["reports"], sheets["narratives"]
    assert reports[0][:7] == ("organisation_code", "kind", "period", "copy", "version", "status", "title")
    assert len(reports) - 1 == 7 and len(narratives) - 1 == 2
    column = {key: index for index, key in enumerate(reports[0])}
    rows = {(r[0], r[1], r[2], r[3], r[4]): r for r in reports[1:]}
    same_name = [rows[("SLDTBXH", "annual", "2023", copy, 1)] for copy in (1, 2)]
    assert same_name[0][column["title"]] == same_name[1][column["title"]]
    issued = rows[("SLDTBXH", "semi_annual", "2024-H1", 1, 1)]
    assert (issued[column["status"]], issued[column["number"]], issued[column["dated"]]) == (
        "issued",
        "15-BC/ĐU",
        "10/07/2024",
    )
    assert issued[column["meetings"]] == "SLDTBXH | 04/07/2024 | bch 21\nSLDTBXH | 06/07/2024 | standing"
    assert rows[("SLDTBXH", "semi_annual", "2024-H1", 1, 2)][column["status"]] == "draft"
    review = rows[("SLDTBXH", "resolution", "2021-2024", 1, 1)]
    assert (review[column["document"]], review[column["window_start"]]) == ("18-NQ/TW", "30/06/2021")

    _wipe()
    assert not Report.objects.exists() and not Narrative.objects.exists()
    result = import_workbook(io.BytesIO(first), acting_user=None)
    assert result.ok, [str(p) for p in result.problems][:5]
    assert (result.created["reports"], result.created["narratives"]) == (7, 2)
    assert sheets_of(export_workbook(cut_off=CUT_OFF)) == sheets
    # What the rows mean came back, through the services and their audit rows.
    version_2 = Report.objects.get(kind=ReportKind.SEMI_ANNUAL, version=2)
    assert version_2.previous_version is not None and version_2.previous_version.is_issued
    assert not version_2.is_issued and version_2.results == "Hoàn thành 13/15 chỉ tiêu."
    review_report = Report.objects.get(kind=ReportKind.RESOLUTION)
    assert review_report.document.canonical_number == "18-NQ/TW"  # type: ignore[union-attr]
    assert review_report.window_start == date(2021, 6, 30)
    actions = set(AuditEntry.objects.values_list("action", flat=True))
    assert {"report.create", "report.issue", "report.reissue", "report.update", "narrative.create"} <= actions
    # Importing the same file again changes nothing, the issued report included.
    audit = AuditEntry.objects.count()
    again = import_workbook(io.BytesIO(first), acting_user=None)
    assert again.ok and not again.created and not again.updated, [str(p) for p in again.problems]
    assert AuditEntry.objects.count() == audit


def test_the_department_s_export_imports_back_unchanged_by_its_secretary(tree: Tree, carol: User) -> None:
    _build(tree)
    sheets = sheets_of(export_workbook(organisation=tree.dept, cut_off=CUT_OFF))
    # Her two sheets: the others are written by the staff (tests/test_workbook_scope.py).
    stream = book(
        reports=[list(r) for r in sheets["reports"]], narratives=[list(r) for r in sheets["narratives"]]
    )
    result = import_workbook(stream, acting_user=carol)
    assert len(sheets["reports"]) - 1 == 7 and result.ok and not result.created and not result.updated, [
        str(p) for p in result.problems
    ]


def test_an_import_edits_a_draft_and_a_narrative_through_the_services(tree: Tree, carol: User) -> None:
    _build(tree)
    stream = book(
        reports=[
            [*REPORT_HEADER, "results"],
            ["SLDTBXH", "annual", "2023", 2, 1, "draft", "Báo cáo thứ hai, đã đổi tên", "", "", "Đạt."],
        ],
        narratives=[NARRATIVE_HEADER[:3], ["SLDTBXH", "2024-H1", "Hoàn thành 14/15 chỉ tiêu."]],
    )
    result = import_workbook(stream, acting_user=carol)
    assert result.ok and result.updated == {"reports": 1, "narratives": 1}, [str(p) for p in result.problems]
    first, second = Report.objects.filter(kind=ReportKind.ANNUAL, organisation=tree.dept).order_by("pk")
    assert second.title == "Báo cáo thứ hai, đã đổi tên" and first.title != second.title
    narrative = Narrative.objects.get(organisation=tree.dept, period="2024-H1")
    # A column the sheet lacks keeps its text.
    assert (narrative.results, narrative.causes) == ("Hoàn thành 14/15 chỉ tiêu.", "Nguồn kết nạp ít.")
    assert AuditEntry.objects.filter(user=carol, action="report.update", object_id=str(second.pk)).exists()
    assert AuditEntry.objects.filter(user=carol, action="narrative.update").exists()


def test_an_issued_report_is_never_changed_by_an_import(tree: Tree, carol: User) -> None:
    _build(tree)
    rows = sheets_of(export_workbook(organisation=tree.dept, cut_off=CUT_OFF))["reports"]
    issued = next(r for r in rows if r[5] == "issued")
    changed = [*issued]
    changed[rows[0].index("results")] = "Hoàn thành 15/15 chỉ tiêu."
    message = "Báo cáo 15-BC/ĐU đã ban hành: tệp không được sửa báo cáo này. Hãy tạo phiên bản mới trên trang báo cáo."
    # The same report written another way (meetings in another order, dates as d/m/yyyy) is no change.
    same = [*issued]
    same[rows[0].index("meetings")] = "SLDTBXH | 6/7/2024 | standing\nSLDTBXH | 4/7/2024 | bch 21"
    same[rows[0].index("number")] = "15-bc/đu"
    audit = AuditEntry.objects.count()
    result = import_workbook(book(reports=[list(rows[0]), same]), acting_user=carol)
    assert result.ok and not result.updated and AuditEntry.objects.count() == audit, result.problems
    _refused(book(reports=[list(rows[0]), changed]), carol, ("reports", 2, "status", message))
    unissued = [*issued]
    unissued[5], unissued[rows[0].index("number")] = "draft", ""
    _refused(book(reports=[list(rows[0]), unissued]), carol, ("reports", 2, "status", message))


def test_a_new_report_is_created_and_issued_from_a_row(tree: Tree, carol: User) -> None:
    stream = book(
        reports=[
            [*REPORT_HEADER, "meetings"],
            [
                "SLDTBXH",
                "nine_months",
                "2024-9M",
                "",
                "",
                "issued",
                "Báo cáo 9 tháng",
                "16-bc/đu",
                "2/10/2024",
                "",
            ],
        ]
    )
    result = import_workbook(stream, acting_user=carol)
    assert result.ok and result.created == {"reports": 1}, [str(p) for p in result.problems]
    report = Report.objects.get()
    assert (report.number, report.dated, report.is_issued) == ("16-BC/ĐU", date(2024, 10, 2), True)
    assert report.signer_title == "BÍ THƯ"  # a column the sheet lacks keeps the service's default


def refusal(value: str) -> str:
    return f"Không có «{value}» trong phạm vi của bạn."


def test_the_scope_is_that_of_the_pages(tree: Tree, alice: User, carol: User, dave: User) -> None:
    report_row = ["SLDTBXH", "annual", "2024", "", "", "", "Báo cáo năm"]
    # Staff do not write reports (Action.REPORT is the secretary's).
    _refused(book(reports=[REPORT_HEADER[:7], report_row]), alice,
             ("reports", 2, "organisation_code", refusal("SLDTBXH")))  # fmt: skip
    # A sibling's report, and a code that exists nowhere, read the same.
    for code in ("SYT", "KHONG-CO"):
        _refused(book(reports=[REPORT_HEADER[:7], [code, *report_row[1:]]]), carol,
                 ("reports", 2, "organisation_code", refusal(code)))  # fmt: skip
    # A meeting of a sibling is not named, nor one that does not exist.
    meeting_services.meeting_create(organisation=tree.sibling, held_on=date(2024, 7, 4), acting_user=None)
    for line in ("SYT | 04/07/2024 | bch", "SLDTBXH | 04/07/2024 | bch"):
        _refused(book(reports=[[*REPORT_HEADER[:7], "meetings"], [*report_row, line]]), carol,
                 ("reports", 2, "meetings", refusal(line)))  # fmt: skip
    # Narratives: who may submit the period (staff or secretary), inside their subtree only.
    narrative = ["SLDTBXH", "2024", "Đạt."]
    _refused(book(narratives=[NARRATIVE_HEADER[:3], narrative]), dave,
             ("narratives", 2, "organisation_code", refusal("SLDTBXH")))  # fmt: skip
    leader = make_user("lena", tree.dept, RoleKind.LEADER)
    _refused(book(narratives=[NARRATIVE_HEADER[:3], narrative]), leader,
             ("narratives", 2, "organisation_code", refusal("SLDTBXH")))  # fmt: skip
    assert import_workbook(book(narratives=[NARRATIVE_HEADER[:3], narrative]), acting_user=alice).ok
    assert AuditEntry.objects.filter(user=alice, action="narrative.create").exists()


def _row(**cells: Any) -> list[Any]:
    base = dict(
        zip(REPORT_HEADER, ["SLDTBXH", "annual", "2024", "", "", "", "Báo cáo năm", "", ""], strict=True)
    )
    base.update(cells)
    return [base[key] for key in REPORT_HEADER] + [cells.get("meetings", ""), cells.get("document", "")]


@pytest.mark.parametrize(
    ("rows", "where"),
    [
        ([_row(kind="monthly")], [(2, "kind", "Giá trị «monthly» không có trong danh mục.")]),
        (
            [_row(period="2024-13")],
            [
                (
                    2,
                    "period",
                    "Kỳ «2024-13» không hợp lệ: dùng 2024, 2024-H1, 2024-Q3, 2024-9M hoặc 2020-2025.",
                )
            ],
        ),
        ([_row(title="")], [(2, "title", "Bắt buộc nhập.")]),
        ([_row(status="signed")], [(2, "status", "Giá trị «signed» phải là draft hoặc issued.")]),
        (
            [_row(status="issued")],
            [
                (2, "number", "Báo cáo đã ban hành phải có số và ngày."),
                (2, "dated", "Báo cáo đã ban hành phải có số và ngày."),
            ],
        ),
        ([_row(number="15-BC/ĐU")], [(2, "number", "Báo cáo chưa ban hành thì chưa có số.")]),
        ([_row(copy="hai")], [(2, "copy", "«hai» phải là số nguyên không âm.")]),
        ([_row(version=0)], [(2, "version", "Phải từ 1 trở lên.")]),
        ([_row(dated="31/02/2024")], [(2, "dated", "Ngày «31/02/2024» không tồn tại.")]),
        (
            [_row(meetings="SLDTBXH, 04/07/2024")],
            [
                (
                    2,
                    "meetings",
                    "Dòng «SLDTBXH, 04/07/2024» phải có dạng: mã tổ chức | dd/mm/yyyy | loại hội nghị lần"
                    " thứ.",
                )
            ],
        ),
        (
            [_row(document="18-NQ/TW")],
            [
                (2, "document", "Không có văn bản số «18-NQ/TW»."),
                (2, "document", "Chỉ báo cáo sơ kết, tổng kết nghị quyết mới gắn với một văn bản."),
            ],
        ),
        (
            [_row(kind="resolution")],
            [(2, "document", "Chỉ báo cáo sơ kết, tổng kết nghị quyết mới gắn với một văn bản.")],
        ),
        ([_row(copy=3)], [(2, "copy", "Bản thứ 3 phải liền sau các bản đã có (0 bản).")]),
        ([_row(), _row(version=2)], [(3, "version", "Phiên bản 2 cần phiên bản 1 đã ban hành.")]),
        ([_row(), _row(copy=1)], [(3, "copy", "Báo cáo trùng với dòng 2.")]),
    ],
)
def test_a_bad_report_row_is_refused_in_vietnamese_and_nothing_is_saved(
    tree: Tree, carol: User, rows: list[list[Any]], where: list[tuple[int, str, str]]
) -> None:
    header = [*REPORT_HEADER, "meetings", "document"]
    found = import_workbook(book(reports=[header, *rows]), acting_user=None).problems
    assert [(p.row, p.column, p.message) for p in found] == where
    assert not Report.objects.exists() and not AuditEntry.objects.filter(action__startswith="report").exists()


def test_a_bad_issue_number_is_refused_with_its_row_and_nothing_is_saved(tree: Tree) -> None:
    row = _row(period="2023", status="issued", number="15-KH/ĐU", dated="1/7/2024")
    result = import_workbook(
        book(reports=[[*REPORT_HEADER, "meetings", "document"], _row(), row]), acting_user=None
    )
    assert [p.message for p in result.problems] == ["Báo cáo, dòng 3: Số của báo cáo phải có dạng 15-BC/ĐU."]
    assert not Report.objects.exists()


def test_a_bad_narrative_row_is_refused_and_a_submitted_period_is_not_rewritten(
    tree: Tree, alice: User
) -> None:
    _refused(
        book(narratives=[NARRATIVE_HEADER[:3], ["SLDTBXH", "2024-H3", "x"], ["", "2024", "x"]]),
        None,
        ("narratives", 2, "period", "Kỳ «2024-H3» không hợp lệ: dùng 2024, 2024-H1, 2024-Q3, 2024-9M hoặc "
                                    "2020-2025."),
        ("narratives", 3, "organisation_code", "Bắt buộc nhập."),
    )  # fmt: skip
    period = parse_period("2024-H1")
    cycle_services.narrative_save(organisation=tree.dept, period=period, results="Đạt.", acting_user=None)
    cycle_services.submission_transition(
        organisation=tree.dept, period=period, transition=cycle.Transition.SUBMIT, acting_user=alice
    )
    same = ["SLDTBXH", "2024-H1", "Đạt."]
    assert import_workbook(book(narratives=[NARRATIVE_HEADER[:3], same]), acting_user=alice).ok
    _refused(
        book(narratives=[NARRATIVE_HEADER[:3], ["SLDTBXH", "2024-H1", "Đạt hơn."]]),
        alice,
        ("narratives", 2, "period", "Báo cáo 6 tháng đầu năm 2024 đã gửi cấp trên hoặc đã được duyệt: không sửa"
                                    " được phần thuyết minh."),
    )  # fmt: skip
    assert Organisation.objects.filter(code="SLDTBXH").exists()


def test_the_export_of_reports_costs_the_same_queries_whatever_their_number(tree: Tree) -> None:
    """The reports, the meetings they are presented at, the narratives: one query each, however many."""
    _build(tree)
    bch = Meeting.objects.get(kind=MeetingKind.BCH)

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            export_workbook(cut_off=CUT_OFF)
        return len(captured)

    before = queries()
    for index, period in enumerate(("2024-Q1", "2024-Q2", "2024-Q3"), start=20):
        report = report_services.report_create(
            organisation=tree.cell, kind=ReportKind.NINE_MONTHS, period="2024-9M", acting_user=None,
            meetings=[bch], title=f"Báo cáo {period}",
        )  # fmt: skip
        report_services.report_issue(report=report, number=f"{index}-BC/CB", dated=date(2024, 10, 1),
                                     acting_user=None)  # fmt: skip
        report_services.report_reissue(report=report, acting_user=None)
        cycle_services.narrative_save(organisation=tree.cell2, period=parse_period(period), acting_user=None)
    assert queries() == before


def test_a_superuser_imports_a_new_root_with_its_narrative(tree: Tree, bob: User) -> None:
    """As for the other sheets, an administrator may write the narrative of an organisation the same file
    creates at the top of a new tree (the demo loads its data that way, issue 25); a leader may not."""
    admin = User.objects.create_superuser(username="root", password="mật-khẩu-thử")
    organisations = [
        ["code", "name", "kind", "parent_code"],
        ["TU-ND", "Đảng bộ tỉnh Nam Định", "provincial", ""],
    ]
    narratives = [NARRATIVE_HEADER[:3], ["TU-ND", "2024-H1", "Hoàn thành 14/15 chỉ tiêu."]]
    refused = import_workbook(book(organisations=organisations, narratives=narratives), acting_user=bob)
    assert ("narratives", "organisation_code") in {(p.sheet, p.column) for p in refused.problems}
    result = import_workbook(book(organisations=organisations, narratives=narratives), acting_user=admin)
    assert result.ok, [str(p) for p in result.problems]
    narrative = Narrative.objects.get(organisation__code="TU-ND", period="2024-H1")
    assert narrative.results == "Hoàn thành 14/15 chỉ tiêu."
