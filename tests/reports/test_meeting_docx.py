"""The minutes and the conclusion notice as Word files, in the layout and with the text of their PDFs; the
meeting a task came from, on the task's page (an htmx part served by reports, since resolutions may not
import reports)."""

from __future__ import annotations

from datetime import date

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse

from reports import meeting_services
from reports.meeting_docx import render_meeting_docx
from reports.models import Meeting
from reports.pdf import render_meeting_pdf
from tests.conftest import Tree
from tests.reports.test_docx import _figures, _open, docx_text, pdf_text
from tests.reports.test_meetings import meeting  # noqa: F401  (the fixture)


@pytest.fixture
def given(meeting: Meeting, tree: Tree) -> Meeting:  # noqa: F811
    meeting_services.meeting_conclusions_to_tasks(
        meeting=meeting,
        assignments=[
            meeting_services.ConclusionAssignment(
                position=2, organisation=tree.cell, due_on=date(2024, 7, 10)
            )
        ],
        acting_user=None,
    )
    return Meeting.objects.select_related("organisation__parent", "term", "notice_document").get(
        pk=meeting.pk
    )


@pytest.mark.parametrize("which", ["bien-ban", "thong-bao"])
def test_the_word_file_says_what_the_pdf_says(given: Meeting, which: str) -> None:
    word = docx_text(render_meeting_docx(given, which))
    pdf = pdf_text(render_meeting_pdf(given, which))
    assert _figures(word) == _figures(pdf) and _figures(word)
    assert set(word.split()) == set(pdf.split())
    for expected in ("ĐẢNG CỘNG SẢN VIỆT NAM", "Nguyễn Minh Quang", "Giao Văn phòng Sở hoàn chỉnh báo cáo"):
        assert expected in word, expected


def test_minutes_sign_twice_and_the_notice_once_in_the_party_layout(given: Meeting) -> None:
    minutes = _open(render_meeting_docx(given, "bien-ban"))
    section = minutes.sections[0]
    assert [round(x.mm) for x in (section.page_width, section.page_height)] == [210, 297]
    text = docx_text(render_meeting_docx(given, "bien-ban"))
    # Two signatures side by side: the secretary on the left, the chair on the right, as the PDF.
    assert "BIÊN BẢN" in text
    assert text.endswith("THƯ KÝ Trần Thị Thu CHỦ TRÌ HỘI NGHỊ Nguyễn Minh Quang, Bí thư Đảng ủy")
    closing = minutes.tables[-1]
    assert [c.text.split("\n")[0] for c in closing.rows[0].cells] == ["THƯ KÝ", "CHỦ TRÌ HỘI NGHỊ"]
    # On the same lines: the two cells start at the same height.
    tops = {c.paragraphs[0].paragraph_format.space_before for c in closing.rows[0].cells}
    assert len(tops) == 1
    notice = docx_text(render_meeting_docx(given, "thong-bao"))
    assert "Số 05-TB/ĐU" in notice and "THÔNG BÁO" in notice and "Nơi nhận:" in notice
    assert "Giao Chi bộ" in notice and "thời hạn 10/7/2024" in notice


def test_the_word_files_are_served_to_who_may_read_the_meeting(
    given: Meeting, client: Client, bob: User, dave: User
) -> None:
    client.force_login(bob)
    for which in ("bien-ban", "thong-bao"):
        response = client.get(reverse("reports:meeting_docx", args=[given.pk, which]))
        assert response.status_code == 200 and response["Content-Type"].endswith("document")
        assert (
            response["Content-Disposition"].startswith("attachment")
            and ".docx" in response["Content-Disposition"]
        )
    assert client.get(reverse("reports:meeting_docx", args=[given.pk, "khac"])).status_code == 404
    page = client.get(reverse("reports:meeting_detail", args=[given.pk])).content.decode()
    assert reverse("reports:meeting_docx", args=[given.pk, "thong-bao"]) in page
    client.force_login(dave)
    assert client.get(reverse("reports:meeting_docx", args=[given.pk, "bien-ban"])).status_code == 404


def test_a_task_page_names_the_meeting_it_came_from(
    given: Meeting, client: Client, alice: User, dave: User, tree: Tree
) -> None:
    task = given.conclusion_tasks.get().task
    client.force_login(alice)
    page = client.get(reverse("resolutions:task_edit", args=[task.pk])).content.decode()
    assert reverse("reports:task_meeting", args=[task.pk]) in page
    part = client.get(reverse("reports:task_meeting", args=[task.pk])).content.decode()
    assert "Từ kết luận hội nghị" in part and "lần thứ 21" in part and "kết luận thứ 2" in part
    assert reverse("reports:meeting_detail", args=[given.pk]) in part
    # A task given otherwise says so; a task of another subtree is not found.
    from resolutions import services as doc_services

    other = doc_services.task_create(
        document=None, organisation=tree.cell, title="Việc khác", acting_user=None
    )
    assert (
        "không giao từ kết luận"
        in client.get(reverse("reports:task_meeting", args=[other.pk])).content.decode()
    )
    client.force_login(dave)
    assert client.get(reverse("reports:task_meeting", args=[task.pk])).status_code == 404


def test_the_meeting_page_lists_the_tasks_it_gave(given: Meeting, client: Client, bob: User) -> None:
    client.force_login(bob)
    page = client.get(reverse("reports:meeting_detail", args=[given.pk])).content.decode()
    assert "Chi bộ" in page and "thời hạn 10/7/2024" in page and "Chưa giao" in page
