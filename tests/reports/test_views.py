"""Report and meeting pages: who may see, create, request and download; htmx polling; the workbook."""

from __future__ import annotations

import re
from datetime import date
from io import BytesIO
from unittest import mock

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from reports import meeting_services, run_services
from reports.models import Meeting, Report, ReportRun
from tests.conftest import Tree


@pytest.fixture
def done_run(report: Report) -> ReportRun:
    run = run_services.report_run_request(report=report, acting_user=None, enqueue=False)
    with mock.patch("reports.pdf.render_pdf", return_value=b"%PDF-1.7 fake"):
        run_services.report_run_execute(run_id=run.pk)
    return ReportRun.objects.get(pk=run.pk)


def _as(client: Client, user: User | None) -> Client:
    client.logout()
    if user is not None:
        client.force_login(user)
    return client


def test_anonymous_goes_to_login(client: Client, report: Report, done_run: ReportRun) -> None:
    for url in (
        reverse("reports:report_detail", args=[report.pk]),
        reverse("reports:run_download", args=[done_run.pk]),
        reverse("reports:meeting_list"),
    ):
        response = client.get(url)
        assert response.status_code == 302 and "/dang-nhap/" in response["Location"]


def test_other_organisation_gets_404(client: Client, report: Report, done_run: ReportRun, dave: User) -> None:
    _as(client, dave)
    for url in (
        reverse("reports:report_detail", args=[report.pk]),
        reverse("reports:report_runs", args=[report.pk]),
        reverse("reports:run_download", args=[done_run.pk]),
        reverse("reports:report_appendix", args=[report.pk]),
    ):
        assert client.get(url).status_code == 404, url
    assert client.post(reverse("reports:run_request", args=[report.pk])).status_code == 404


def test_leader_views_and_downloads_but_cannot_write(
    client: Client, report: Report, done_run: ReportRun, bob: User
) -> None:
    _as(client, bob)
    page = client.get(reverse("reports:report_detail", args=[report.pk]))
    assert page.status_code == 200
    assert reverse("reports:run_request", args=[report.pk]).encode() not in page.content
    response = client.get(reverse("reports:run_download", args=[done_run.pk]))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"%PDF-1.7 fake"  # type: ignore[attr-defined]
    assert response["Content-Type"] == "application/pdf"
    assert client.post(reverse("reports:run_request", args=[report.pk])).status_code == 404
    assert client.get(reverse("reports:report_create")).status_code == 404
    assert client.get(reverse("reports:report_edit", args=[report.pk])).status_code == 404
    assert client.get(reverse("reports:meeting_create")).status_code == 404


def test_secretary_creates_edits_and_requests(
    client: Client, tree: Tree, carol: User, django_capture_on_commit_callbacks
) -> None:  # type: ignore[no-untyped-def]
    _as(client, carol)
    response = client.post(
        reverse("reports:report_create"),
        {"organisation": tree.dept.pk, "kind": "semi_annual", "period": "2024-H1", "cut_off": ""},
    )
    report = Report.objects.get()
    assert response.status_code == 302 and report.cut_off == date(2024, 6, 30)
    form = client.get(reverse("reports:report_edit", args=[report.pk]))
    assert form.status_code == 200
    response = client.post(
        reverse("reports:report_edit", args=[report.pk]),
        {
            "title": report.title,
            "cut_off": "30/6/2024",
            "place": "TP. Hồ Chí Minh",
            "dated": "",
            "signer_authority": "T/M BAN THƯỜNG VỤ",
            "signer_title": "BÍ THƯ",
            "signer_name": "Nguyễn Minh Quang",
            "recipients": "- Ban Thường vụ Thành ủy",
            "results": "Đoạn một.\nĐoạn hai.",
            "limitations": "",
            "directions": "",
            "recommendations": "",
            "rounding": "",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    report.refresh_from_db()
    assert report.results == "Đoạn một.\nĐoạn hai."
    with (
        mock.patch("reports.run_services.current_app") as celery,
        django_capture_on_commit_callbacks(execute=True),
    ):
        response = client.post(
            reverse("reports:run_request", args=[report.pk]), headers={"HX-Request": "true"}
        )
    assert response.status_code == 200
    run = ReportRun.objects.get()
    celery.send_task.assert_called_once_with("reports.report_run_execute", args=[run.pk])
    body = response.content.decode()
    assert 'hx-trigger="every 2s"' in body and "<progress" in body


def test_polling_stops_when_done(client: Client, report: Report, bob: User) -> None:
    _as(client, bob)
    run = run_services.report_run_request(report=report, acting_user=None, enqueue=False)
    url = reverse("reports:report_runs", args=[report.pk])
    polling = client.get(url, headers={"HX-Request": "true"}).content.decode()
    assert 'hx-trigger="every 2s"' in polling and "<html" not in polling
    with mock.patch("reports.pdf.render_pdf", return_value=b"%PDF-1.7 fake"):
        run_services.report_run_execute(run_id=run.pk)
    done = client.get(url, headers={"HX-Request": "true"}).content.decode()
    assert "hx-trigger" not in done
    assert reverse("reports:run_download", args=[run.pk]) in done
    assert client.get(url).status_code == 302  # without htmx: the report page


def test_issued_report_shows_its_sha256(client: Client, report: Report, carol: User) -> None:
    _as(client, carol)
    response = client.post(
        reverse("reports:report_issue", args=[report.pk]), {"number": "15-BC/ĐU", "dated": "5/7/2024"}
    )
    assert response.status_code == 302
    report.refresh_from_db()
    run = run_services.report_run_request(report=report, acting_user=None, enqueue=False)
    with mock.patch("reports.pdf.render_pdf", return_value=b"%PDF official"):
        run_services.report_run_execute(run_id=run.pk)
    run.refresh_from_db()
    page = client.get(reverse("reports:report_detail", args=[report.pk])).content.decode()
    assert run.sha256 in page and "15-BC/ĐU" in page
    assert reverse("reports:report_edit", args=[report.pk]) not in page
    assert client.get(reverse("reports:report_edit", args=[report.pk])).status_code == 302


def test_pages_have_no_inline_script_or_style(client: Client, report: Report, carol: User) -> None:
    _as(client, carol)
    meeting = meeting_services.meeting_create(
        organisation=report.organisation, held_on=date(2024, 7, 4), acting_user=None
    )
    for url in (
        reverse("reports:report_list"),
        reverse("reports:report_create"),
        reverse("reports:report_detail", args=[report.pk]),
        reverse("reports:report_edit", args=[report.pk]),
        reverse("reports:meeting_list"),
        reverse("reports:meeting_create"),
        reverse("reports:meeting_detail", args=[meeting.pk]),
        reverse("reports:meeting_edit", args=[meeting.pk]),
    ):
        html = client.get(url).content.decode()
        assert " style=" not in html and "<style" not in html, url
        assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html), url


def test_meeting_with_attendees(client: Client, tree: Tree, report: Report, carol: User, bob: User) -> None:
    _as(client, carol)
    response = client.post(
        reverse("reports:meeting_create"),
        {
            "organisation": tree.dept.pk,
            "number": "21",
            "extended": "on",
            "held_on": "4/7/2024",
            "place": "Hội trường Sở",
            "chair": "Nguyễn Minh Quang",
            "agenda": "Đánh giá 6 tháng đầu năm",
            "conclusions": "Hoàn chỉnh báo cáo",
            "att-TOTAL_FORMS": "3",
            "att-INITIAL_FORMS": "0",
            "att-0-name": "Phan Thị Thu Hằng",
            "att-0-title": "Ủy viên BTV Thành ủy",
            "att-0-invited": "on",
            "att-1-name": "Võ Sĩ",
            "att-1-title": "Phó Bí thư",
            "att-2-name": "",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    meeting = Meeting.objects.get()
    assert (meeting.number, meeting.extended) == (21, True)
    assert [(a.name, a.invited) for a in meeting.attendees.all()] == [
        ("Phan Thị Thu Hằng", True),
        ("Võ Sĩ", False),
    ]
    _as(client, bob)
    page = client.get(reverse("reports:meeting_detail", args=[meeting.pk])).content.decode()
    assert "lần thứ 21" in page and "mở rộng" in page and "Phan Thị Thu Hằng" in page
    assert client.get(reverse("reports:meeting_edit", args=[meeting.pk])).status_code == 404


def test_appendix_workbook_escapes_formulas(client: Client, report: Report, bob: User, tree: Tree) -> None:
    from targets import services as target_services

    target_services.target_create(
        code="EVIL",
        organisation=tree.dept,
        title='=HYPERLINK("http://x")',
        period="2024",
        shape="count",
        acting_user=None,
    )
    _as(client, bob)
    response = client.get(reverse("reports:report_appendix", args=[report.pk]))
    assert response.status_code == 200
    book = load_workbook(BytesIO(response.content))
    targets, tasks = book.worksheets
    titles = {row[1].value: row[1] for row in targets.iter_rows(min_row=3)}
    evil = titles['=HYPERLINK("http://x")']
    assert evil.data_type == "s" and evil.quotePrefix
    row = next(
        r for r in targets.iter_rows(min_row=3, values_only=True) if r[1] == "Nội dung trình UBND Thành phố"
    )
    assert row[4] == 15 and row[6] == 12
    assert tasks.max_row == 2 + 55


def test_a_queued_run_disables_the_button_and_refuses_a_second_request(
    client: Client, report: Report, carol: User
) -> None:
    _as(client, carol)
    response = client.post(
        reverse("reports:report_issue", args=[report.pk]), {"number": "16-BC/ĐU", "dated": "5/7/2024"}
    )
    assert response.status_code == 302
    url = reverse("reports:run_request", args=[report.pk])
    with mock.patch("reports.run_services.current_app") as celery:
        first = client.post(url, headers={"HX-Request": "true"}).content.decode()
        second = client.post(url, headers={"HX-Request": "true"}).content.decode()
        without_htmx = client.post(url, follow=True).content.decode()
    assert ReportRun.objects.count() == 1 and celery.send_task.call_count <= 1
    assert "Tạo tệp PDF chính thức" not in first
    assert re.search(r"<button type=\"submit\" disabled[^>]*>Đang chờ tạo tệp PDF…</button>", first)
    assert "Lần xuất 1 đang chờ hoặc đang chạy" in second and 'role="alert"' in second
    assert "Lần xuất 1 đang chờ hoặc đang chạy" in without_htmx
    ReportRun.objects.update(status="running")
    page = client.get(reverse("reports:report_detail", args=[report.pk])).content.decode()
    assert re.search(r"<button type=\"submit\" disabled[^>]*>Đang tạo tệp PDF…</button>", page)
    assert 'hx-trigger="every 2s"' in page


def test_the_runs_name_who_asked_by_full_name(client: Client, report: Report, carol: User) -> None:
    User.objects.filter(pk=carol.pk).update(first_name="Lê Văn", last_name="Hùng")
    carol.refresh_from_db()
    run_services.report_run_request(report=report, acting_user=carol, enqueue=False)
    _as(client, carol)
    page = client.get(reverse("reports:report_detail", args=[report.pk])).content.decode()
    assert "<td>Lê Văn Hùng<div" in page and "<td>carol<div" not in page
