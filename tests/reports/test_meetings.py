"""Meetings as offices keep them: their kind, the term list that follows the organisation, the minutes and
the conclusion notice as PDF, conclusions turned into tracked tasks, and the report started from a meeting."""

from __future__ import annotations

import re
import subprocess
from datetime import date

import pytest
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from committees import services as org_services
from committees.audit import AuditEntry
from reports import meeting_services
from reports.models import ConclusionTask, Meeting, MeetingKind, Report
from reports.pdf import render_meeting_html
from resolutions.models import DocumentStatus, Task
from tests.conftest import Tree

CONCLUSIONS = """1. Thống nhất thông qua Báo cáo sơ kết 6 tháng đầu năm 2024.
- Giao Văn phòng Sở hoàn chỉnh báo cáo, gửi Thành ủy trước ngày 10/7/2024.
a) Các chi bộ tổ chức kết nạp đảng viên mới trong quý III."""


def _text(pdf: bytes) -> str:
    result = subprocess.run(["pdftotext", "-layout", "-", "-"], input=pdf, capture_output=True, check=True)
    return " ".join(result.stdout.decode().split())


@pytest.fixture
def meeting(tree: Tree) -> Meeting:
    term = org_services.term_create(organisation=tree.dept, start_year=2020, end_year=2025, acting_user=None)
    return meeting_services.meeting_create(
        organisation=tree.dept,
        kind=MeetingKind.BTV,
        term=term,
        number=21,
        held_on=date(2024, 7, 4),
        place="Hội trường Sở",
        chair="Nguyễn Minh Quang, Bí thư Đảng ủy",
        secretary="Trần Thị Thu",
        agenda="Thông qua báo cáo sơ kết 6 tháng đầu năm 2024.",
        discussion="Các đồng chí thống nhất với dự thảo báo cáo.",
        conclusions=CONCLUSIONS,
        notice_number="5-TB/ĐU",
        notice_dated=date(2024, 7, 5),
        attendees=[
            meeting_services.AttendeeData(name="Nguyễn Minh Quang", title="Bí thư Đảng ủy"),
            meeting_services.AttendeeData(name="Lê Văn Hùng", title="Thành ủy viên", invited=True),
        ],
        acting_user=None,
    )


def test_conclusions_are_read_one_per_line_without_their_bullets(meeting: Meeting) -> None:
    from reports.meeting_docs import conclusion_lines

    assert conclusion_lines(meeting.conclusions) == [
        "Thống nhất thông qua Báo cáo sơ kết 6 tháng đầu năm 2024.",
        "Giao Văn phòng Sở hoàn chỉnh báo cáo, gửi Thành ủy trước ngày 10/7/2024.",
        "Các chi bộ tổ chức kết nạp đảng viên mới trong quý III.",
    ]
    # A date or a number that opens a sentence is not a bullet.
    assert conclusion_lines("2024 là năm bản lề.\n10/7 họp lại.") == ["2024 là năm bản lề.", "10/7 họp lại."]


def test_notice_number_is_canonical_and_checked(meeting: Meeting, tree: Tree) -> None:
    assert meeting.notice_number == "05-TB/ĐU"
    for bad, field in (
        ("32-CT/ĐU", "notice_number"),
        ("05-TB/TU", "notice_number"),
        ("…-TB/ĐU", "notice_number"),
    ):
        with pytest.raises(ValidationError) as caught:
            meeting_services.meeting_update(meeting=meeting, notice_number=bad, acting_user=None)
        assert field in caught.value.message_dict
    assert Meeting.objects.get(pk=meeting.pk).notice_number == "05-TB/ĐU"


def test_list_shows_and_filters_by_kind(client: Client, meeting: Meeting, tree: Tree, carol: User) -> None:
    meeting_services.meeting_create(
        organisation=tree.cell, kind=MeetingKind.CELL, held_on=date(2024, 8, 5), acting_user=None
    )
    client.force_login(carol)
    page = client.get(reverse("reports:meeting_list")).content.decode()
    assert "Hội nghị Ban Thường vụ lần thứ 21" in page and "Sinh hoạt chi bộ định kỳ" in page
    only_cells = client.get(reverse("reports:meeting_list"), {"kind": "cell"}).content.decode()
    assert "Sinh hoạt chi bộ định kỳ" in only_cells and "lần thứ 21" not in only_cells
    bad = client.get(reverse("reports:meeting_list"), {"year": "abc"})
    assert bad.status_code == 200 and 'class="errorlist"' in bad.content.decode()


def test_term_list_follows_the_organisation_without_saving(
    client: Client, meeting: Meeting, tree: Tree, carol: User
) -> None:
    org_services.term_create(organisation=tree.sibling, start_year=2020, end_year=2025, acting_user=None)
    client.force_login(carol)
    form = client.get(reverse("reports:meeting_create")).content.decode()
    assert 'hx-get="/bao-cao/hoi-nghi/nhiem-ky/"' in form.replace("&quot;", '"') or "hx-get" in form
    own = client.get(reverse("reports:meeting_terms"), {"organisation": tree.dept.pk}, HTTP_HX_REQUEST="true")
    assert own.status_code == 200
    options = re.findall(r'<option value="(\d+)"', own.content.decode())
    assert options == [str(meeting.term_id)]
    # Another department's terms are never listed, whatever id is sent.
    foreign = client.get(reverse("reports:meeting_terms"), {"organisation": tree.sibling.pk})
    assert re.findall(r'<option value="(\d+)"', foreign.content.decode()) == []
    assert "chưa có nhiệm kỳ" in foreign.content.decode()


def test_minutes_and_notice_are_party_documents(meeting: Meeting) -> None:
    minutes = render_meeting_html(meeting, "bien-ban")
    assert "BIÊN BẢN" in minutes
    assert "tại Hội trường Sở, Hội nghị Ban Thường vụ Đảng ủy Sở Lao động" in minutes
    assert "Lê Văn Hùng" in minutes and "THƯ KÝ" in minutes and "Trần Thị Thu" in minutes
    notice = render_meeting_html(meeting, "thong-bao")
    assert "Số 05-TB/ĐU" in notice and "ngày 05 tháng 7 năm 2024" in notice
    assert "kết luận của Ban Thường vụ Đảng ủy Sở Lao động - Thương binh và Xã hội" in notice
    assert "3. Các chi bộ tổ chức kết nạp đảng viên mới trong quý III." in notice
    assert "DỰ THẢO" not in notice


def test_meeting_pdfs_download_in_scope_only(client: Client, meeting: Meeting, bob: User, dave: User) -> None:
    client.force_login(bob)  # a leader reads them
    for which, words in (("bien-ban", "BIÊN BẢN"), ("thong-bao", "THÔNG BÁO")):
        response = client.get(reverse("reports:meeting_pdf", args=[meeting.pk, which]))
        assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
        assert words in _text(response.content)
    assert client.get(reverse("reports:meeting_pdf", args=[meeting.pk, "khac"])).status_code == 404
    client.force_login(dave)
    assert client.get(reverse("reports:meeting_pdf", args=[meeting.pk, "bien-ban"])).status_code == 404


def test_conclusions_become_tasks_under_the_notice(meeting: Meeting, tree: Tree, carol: User) -> None:
    tasks = meeting_services.meeting_conclusions_to_tasks(
        meeting=meeting,
        assignments=[
            meeting_services.ConclusionAssignment(
                position=2, organisation=tree.dept, due_on=date(2024, 7, 10)
            ),
            meeting_services.ConclusionAssignment(
                position=3, organisation=tree.grassroots, title="Kết nạp đảng viên"
            ),
        ],
        acting_user=carol,
    )
    assert [t.title for t in tasks] == [
        "Giao Văn phòng Sở hoàn chỉnh báo cáo, gửi Thành ủy trước ngày 10/7/2024.",
        "Kết nạp đảng viên",
    ]
    meeting.refresh_from_db()
    notice = meeting.notice_document
    assert notice is not None and notice.canonical_number == "05-TB/ĐU"
    assert notice.issuer_organisation == tree.dept and notice.issued_on == date(2024, 7, 5)
    assert {t.document_id for t in tasks} == {notice.pk}
    assert list(ConclusionTask.objects.filter(meeting=meeting).values_list("position", flat=True)) == [2, 3]
    assert AuditEntry.objects.filter(action="meeting.conclusion_task").count() == 2
    assert AuditEntry.objects.filter(action="task.create", user=carol).count() == 2
    # The notice now says who leads each conclusion, and by when.
    assert (
        "Giao Đảng bộ Sở Lao động - Thương binh và Xã hội chủ trì, thời hạn 10/7/2024"
        in render_meeting_html(meeting, "thong-bao")
    )
    # A conclusion is given once.
    with pytest.raises(ValidationError, match="đã được giao"):
        meeting_services.meeting_conclusions_to_tasks(
            meeting=meeting,
            assignments=[meeting_services.ConclusionAssignment(position=2, organisation=tree.dept)],
            acting_user=carol,
        )


def test_a_notice_without_number_makes_a_draft_document(meeting: Meeting, tree: Tree) -> None:
    meeting_services.meeting_update(meeting=meeting, notice_number="", acting_user=None)
    meeting_services.meeting_conclusions_to_tasks(
        meeting=meeting,
        assignments=[meeting_services.ConclusionAssignment(position=1, organisation=tree.dept)],
        acting_user=None,
    )
    notice = Meeting.objects.get(pk=meeting.pk).notice_document
    assert (
        notice is not None and notice.canonical_number == "…-TB/ĐU" and notice.status == DocumentStatus.DRAFT
    )


def test_bad_assignments_create_nothing(meeting: Meeting, tree: Tree) -> None:
    for assignments, words in (
        ([meeting_services.ConclusionAssignment(position=1, organisation=tree.sibling)], "không thuộc"),
        (
            [meeting_services.ConclusionAssignment(position=9, organisation=tree.dept)],
            "không có kết luận thứ 9",
        ),
        (
            [
                meeting_services.ConclusionAssignment(
                    position=1, organisation=tree.dept, due_on=date(2024, 1, 1)
                )
            ],
            "trước ngày họp",
        ),
        ([], "Chưa chọn"),
        (
            [
                meeting_services.ConclusionAssignment(position=1, organisation=tree.dept),
                meeting_services.ConclusionAssignment(position=1, organisation=tree.cell),
            ],
            "đã được giao",
        ),
    ):
        with pytest.raises(ValidationError, match=words):
            meeting_services.meeting_conclusions_to_tasks(
                meeting=meeting, assignments=assignments, acting_user=None
            )
    assert Task.objects.count() == 0 and Meeting.objects.get(pk=meeting.pk).notice_document is None


def _task_post(meeting: Meeting, rows: list[dict[str, object]]) -> dict[str, object]:
    data: dict[str, object] = {"kl-TOTAL_FORMS": len(rows), "kl-INITIAL_FORMS": len(rows)}
    for i, row in enumerate(rows):
        for key, value in row.items():
            data[f"kl-{i}-{key}"] = value
    return data


def test_meeting_page_turns_conclusions_into_tasks(
    client: Client, meeting: Meeting, tree: Tree, carol: User, alice: User, dave: User
) -> None:
    url = reverse("reports:meeting_tasks", args=[meeting.pk])
    rows = [
        {"position": 1, "title": "Thông qua báo cáo", "take": "", "organisation": "", "due_on": ""},
        {
            "position": 2,
            "title": "Hoàn chỉnh báo cáo",
            "take": "on",
            "organisation": tree.cell.pk,
            "due_on": "10/7/2024",
        },
        {
            "position": 3,
            "title": "Kết nạp đảng viên",
            "take": "on",
            "organisation": tree.sibling.pk,
            "due_on": "",
        },
    ]
    client.force_login(carol)
    page = client.get(reverse("reports:meeting_detail", args=[meeting.pk])).content.decode()
    assert "Giao kết luận thành nhiệm vụ" in page and "Thông báo kết luận (PDF)" in page
    # Another department as lead: a form error, nothing created.
    refused = client.post(url, _task_post(meeting, rows))
    assert refused.status_code == 200 and Task.objects.count() == 0
    assert "errorlist" in refused.content.decode()
    rows[2]["organisation"] = tree.grassroots.pk
    done = client.post(url, _task_post(meeting, rows))
    assert done.status_code == 302
    assert sorted(Task.objects.values_list("title", "organisation__code")) == [
        ("Hoàn chỉnh báo cáo", "CB-VP"),
        ("Kết nạp đảng viên", "DB-BOLA"),
    ]
    page = client.get(reverse("reports:meeting_detail", args=[meeting.pk])).content.decode()
    assert "Chi bộ Văn phòng Sở" in page and "10/7/2024" in page
    for user in (alice, dave):  # staff may not report; a sibling may not even see it
        client.force_login(user)
        assert client.post(url, _task_post(meeting, rows)).status_code == 404
    assert Task.objects.count() == 2


def test_report_started_from_the_meeting_is_linked_and_says_so(
    client: Client, meeting: Meeting, tree: Tree, carol: User, dave: User
) -> None:
    client.force_login(carol)
    form = client.get(reverse("reports:report_create"), {"hoi_nghi": meeting.pk}).content.decode()
    assert 'value="2024-H1"' in form and f'name="meeting" value="{meeting.pk}"' in form
    response = client.post(
        reverse("reports:report_create"),
        {"organisation": tree.dept.pk, "kind": "semi_annual", "period": "2024-H1", "meeting": meeting.pk},
    )
    assert response.status_code == 302
    report = Report.objects.get()
    assert list(report.meetings.all()) == [meeting]
    from reports.context import report_context
    from reports.pdf import render_html

    html = render_html(report_context(report))
    assert "(Trình Hội nghị Ban Thường vụ Đảng ủy Sở Lao động - Thương binh và Xã hội lần thứ 21" in html
    # A meeting of another organisation cannot be attached, nor opened.
    assert client.get(reverse("reports:report_create"), {"hoi_nghi": "x"}).status_code == 404
    foreign = meeting_services.meeting_create(
        organisation=tree.sibling, held_on=date(2024, 7, 4), acting_user=None
    )
    assert client.get(reverse("reports:report_create"), {"hoi_nghi": foreign.pk}).status_code == 404
    client.post(
        reverse("reports:report_create"),
        {"organisation": tree.dept.pk, "kind": "annual", "period": "2024", "meeting": foreign.pk},
    )
    assert Report.objects.count() == 1
