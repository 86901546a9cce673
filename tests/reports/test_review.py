"""A report on one resolution over any window: "Báo cáo sơ kết 3 năm thực hiện Nghị quyết số 04-NQ/TU"."""

from __future__ import annotations

import subprocess
from datetime import date
from decimal import Decimal as D

import pytest
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from reports import run_services, services
from reports.context import report_context
from reports.models import Report, ReportKind, ReportRun, RunStatus
from reports.review import review_span
from resolutions import services as doc_services
from resolutions.models import Document, LinkKind
from targets import services as target_services
from tests.conftest import Tree

START, CUT_OFF = date(2021, 3, 15), date(2024, 3, 15)


@pytest.fixture
def resolution(tree: Tree) -> Document:
    """04-NQ/TU of the city, a plan of the department implementing it, tasks over four years."""
    nq = doc_services.document_create(
        raw_number="04-NQ/TU",
        title="về phát triển nguồn nhân lực giai đoạn 2021-2025",
        organisation=tree.city,
        issuer_organisation=tree.city,
        issuer_name="Ban Thường vụ Thành ủy",
        issued_on=START,
        term_label="2020-2025",
        acting_user=None,
    )
    plan = doc_services.document_create(
        raw_number="45-KH/ĐU",
        title="thực hiện Nghị quyết số 04-NQ/TU",
        organisation=tree.dept,
        issuer_organisation=tree.dept,
        issued_on=date(2021, 6, 1),
        term_label="2020-2025",
        acting_user=None,
    )
    doc_services.document_link(source=plan, target=nq, kind=LinkKind.IMPLEMENTS, acting_user=None)
    other = doc_services.document_create(
        raw_number="46-KH/ĐU", title="về việc khác", organisation=tree.dept, issued_on=date(2022, 1, 5),
        term_label="2020-2025", acting_user=None,
    )  # fmt: skip
    for title, org, doc, due, done in (
        ("Đào tạo 2021", tree.dept, nq, date(2021, 12, 31), date(2021, 11, 1)),
        ("Đào tạo 2022", tree.dept, nq, date(2022, 6, 30), date(2022, 8, 1)),
        ("Đào tạo 2023", tree.dept, nq, date(2023, 12, 31), None),
        ("Tuyên truyền thường xuyên", tree.dept, nq, None, None),
        ("Kế hoạch chi bộ 2022", tree.cell, plan, date(2022, 12, 31), date(2022, 12, 1)),
        ("Sau kỳ sơ kết", tree.cell, plan, date(2024, 6, 30), None),
        ("Trước khi ban hành", tree.dept, plan, date(2020, 12, 31), date(2020, 12, 1)),
        ("Của Sở Y tế", tree.sibling, nq, date(2022, 6, 30), None),
        ("Văn bản khác", tree.dept, other, date(2022, 6, 30), None),
    ):
        doc_services.task_create(
            document=doc, organisation=org, title=title, due_on=due, done_on=done, acting_user=None
        )
    trained = target_services.target_create(
        code="DT", organisation=tree.dept, title="Tỷ lệ lao động qua đào tạo", period="2021-2025",
        shape="rate_floor", unit="%", planned=D(70), document=nq, acting_user=None,
    )  # fmt: skip
    target_services.reading_record(
        target=trained, cut_off=date(2023, 12, 31), value=D("68.5"), acting_user=None
    )
    target_services.target_create(
        code="X", organisation=tree.dept, title="Chỉ tiêu không thuộc nghị quyết", period="2023",
        shape="count", planned=D(5), acting_user=None,
    )  # fmt: skip
    return nq


@pytest.fixture
def review(resolution: Document, tree: Tree) -> Report:
    return services.review_create(
        organisation=tree.dept, document=resolution, window_start=START, cut_off=CUT_OFF, acting_user=None
    )


def test_title_and_period_say_what_offices_write(review: Report) -> None:
    assert review.kind == ReportKind.RESOLUTION and review.period == "2021-2024"
    assert review.title == (
        "sơ kết 3 năm thực hiện Nghị quyết số 04-NQ/TU ngày 15/3/2021 của Ban Thường vụ Thành ủy "
        "về phát triển nguồn nhân lực giai đoạn 2021-2025"
    )
    assert review_span(date(2024, 1, 1), date(2024, 6, 30)) == "6 tháng"
    assert review_span(date(2020, 10, 1), date(2025, 9, 30)) == "5 năm"


def test_context_holds_the_tasks_of_every_year_of_the_window(review: Report) -> None:
    c = report_context(review)
    assert [row.task.title for row in c.tasks] == [
        "Đào tạo 2021",
        "Đào tạo 2022",
        "Kế hoạch chi bộ 2022",
        "Đào tạo 2023",
        "Tuyên truyền thường xuyên",
    ]
    assert [row.status_label for row in c.tasks][:4] == [
        "Hoàn thành trước hạn",
        "Hoàn thành trễ hạn",
        "Hoàn thành trước hạn",
        "Chưa hoàn thành, quá hạn",
    ]
    assert [d.canonical_number for d in c.documents_issued] == ["45-KH/ĐU"]
    assert [row.target.code for row in c.targets] == ["DT"]
    assert c.targets[0].actual == D("68.5")


def test_the_pdf_is_rendered_by_the_worker_with_the_review_sections(review: Report) -> None:
    run = run_services.report_run_request(report=review, acting_user=None, enqueue=False)
    assert run_services.report_run_execute(run_id=run.pk) == "done"
    run = ReportRun.objects.get(pk=run.pk)
    assert run.status == RunStatus.DONE
    with run.pdf.open("rb") as f:
        pdf = f.read()
    text = " ".join(
        subprocess.run(["pdftotext", "-layout", "-", "-"], input=pdf, capture_output=True, check=True)
        .stdout.decode()
        .split()
    )
    for words in (
        "BÁO CÁO",
        "sơ kết 3 năm thực hiện Nghị quyết số 04-NQ/TU",
        "từ ngày 15/3/2021 đến ngày 15/3/2024",
        "Công tác lãnh đạo, chỉ đạo, quán triệt, triển khai thực hiện Nghị quyết số 04-NQ/TU",
        "Kế hoạch số 45-KH/ĐU",
        "Kết quả thực hiện các mục tiêu, chỉ tiêu",
        "Tỷ lệ lao động",
        "Đào tạo 2021",
        "Đào tạo 2023",
        "PHƯƠNG HƯỚNG, NHIỆM VỤ, GIẢI PHÁP THỜI GIAN TỚI",
    ):
        assert words in text, words
    for absent in (
        "nhiệm kỳ 2021-2024",
        "Sau kỳ sơ kết",
        "Của Sở Y tế",
        "Văn bản khác",
        "không thuộc nghị quyết",
    ):
        assert absent not in text, absent


def test_bad_windows_are_refused(resolution: Document, tree: Tree) -> None:
    with pytest.raises(ValidationError, match="trước ngày số liệu"):
        services.review_create(
            organisation=tree.dept, document=resolution, window_start=CUT_OFF, cut_off=START, acting_user=None
        )
    with pytest.raises(ValidationError, match="sau ngày ban hành"):
        services.review_create(
            organisation=tree.dept, document=resolution, window_start=date(2020, 1, 1),
            cut_off=date(2020, 6, 30), acting_user=None,
        )  # fmt: skip
    with pytest.raises(ValidationError):
        services.report_create(organisation=tree.dept, kind="resolution", period="2024", acting_user=None)
    assert not Report.objects.exists()


def test_creation_page(client: Client, resolution: Document, tree: Tree, carol: User, dave: User) -> None:
    url = reverse("reports:review_create")
    client.force_login(carol)
    assert client.get(url).status_code == 200
    prefilled = client.get(url, {"van_ban": resolution.pk}).content.decode()
    assert 'value="04-NQ/TU"' in prefilled
    data = {
        "organisation": tree.dept.pk,
        "document_number": "4-NQ/TU",
        "stage": "tong_ket",
        "cut_off": "15/3/2024",
    }
    response = client.post(url, data)
    assert response.status_code == 302
    report = Report.objects.get()
    assert report.document == resolution and report.window_start == START
    assert report.title.startswith("tổng kết 3 năm thực hiện Nghị quyết số 04-NQ/TU")
    detail = client.get(reverse("reports:report_detail", args=[report.pk])).content.decode()
    assert "từ 15/3/2021 đến 15/3/2024" in detail
    # A number nobody recorded, or one of another department: a message, nothing created.
    foreign = doc_services.document_create(
        raw_number="09-NQ/ĐU", title="của Sở Y tế", organisation=tree.sibling, acting_user=None
    )
    for number in ("99-NQ/TU", foreign.canonical_number):
        page = client.post(url, {**data, "document_number": number})
        assert page.status_code == 200 and "Không tìm thấy văn bản" in page.content.decode()
    assert client.get(url, {"van_ban": foreign.pk}).status_code == 404
    assert Report.objects.count() == 1
    client.force_login(dave)
    assert client.get(url).status_code == 404
