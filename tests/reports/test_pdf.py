"""The rendered PDF: what a reader finds on it, its fonts, its size, its layout rules."""

from __future__ import annotations

import subprocess
from datetime import date
from io import BytesIO

import pytest
from pypdf import PdfReader

from reports import run_services, services
from reports.models import Report, ReportRun, RunStatus


def _render(report: Report) -> bytes:
    run = run_services.report_run_request(report=report, acting_user=None, enqueue=False)
    assert run_services.report_run_execute(run_id=run.pk) == "done"
    run = ReportRun.objects.get(pk=run.pk)
    assert run.status == RunStatus.DONE, run.error
    with run.pdf.open("rb") as f:
        return f.read()


def _text(pdf: bytes, page: int | None = None) -> str:
    """pdftotext keeps reading order and joins the words of a line, as a person reads the page."""
    pages = ["-f", str(page), "-l", str(page)] if page else []
    result = subprocess.run(
        ["pdftotext", "-layout", *pages, "-", "-"], input=pdf, capture_output=True, check=True
    )
    return " ".join(result.stdout.decode().split())


@pytest.fixture
def issued(report: Report) -> Report:
    return services.report_issue(
        report=report, number="Số 15-bc/ĐU", dated=date(2024, 7, 5), acting_user=None
    )


def test_first_page_has_the_party_header(issued: Report) -> None:
    pdf = _render(issued)
    first = " ".join(PdfReader(BytesIO(pdf)).pages[0].extract_text().split())
    for expected in (
        "ĐẢNG BỘ THÀNH PHỐ HỒ CHÍ MINH",
        "ĐẢNG CỘNG SẢN VIỆT NAM",
        "Số 15-BC/ĐU",
        "TP. Hồ Chí Minh, ngày 05 tháng 7 năm 2024",
        "BÁO CÁO",
        "kết quả công tác xây dựng Đảng 6 tháng đầu năm",
        "I- KẾT QUẢ LÃNH ĐẠO",
    ):
        assert expected in first, expected
    assert "ĐẢNG ỦY SỞ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI" in _text(pdf)


def test_figures_and_documents_are_in_the_text(issued: Report) -> None:
    text = _text(_render(issued))
    for expected in (
        "15/25 nội dung trình UBND Thành phố (đạt 60% kế hoạch năm)",
        "20/30 nội dung chương trình công tác của Sở (đạt 66,67% kế hoạch năm)",
        "giải quyết việc làm tăng 2,44% so với cùng kỳ năm 2023",
        "xếp hạng 9/20, tăng 11 bậc",
        "20/55 nội dung đầu việc hoàn thành trước hạn, không có nội dung trễ hạn",
        "Chỉ thị số 32-CT/TU ngày 21/3/2024",
        "Chỉ thị số 33-CT/TU ngày 26/4/2024",
        "Chỉ thị số 28-CT/TW ngày 25/12/2023",  # implemented through 33-CT/TU
        "Chỉ thị số 10/CT-UBND ngày 23/5/2024",
        "Công tác chính trị tư tưởng được quan tâm.",  # written in the browser
        "T/M ĐẢNG ỦY",  # the test tree has no standing committee (Ban Thường vụ)
        "BÍ THƯ",
        "Nguyễn Minh Quang",
        "Nơi nhận:",
        "- Lưu Văn phòng Đảng ủy.",
        "PHỤ LỤC 1",
        "PHỤ LỤC 2",
    ):
        assert expected in text, expected
    assert "22-KH/TU" not in text  # issued in 2021: not a document of this period


def test_truncation_is_a_setting_of_the_report(report: Report) -> None:
    report = services.report_update(report=report, acting_user=None, rounding="truncate")
    assert "(đạt 66,66% kế hoạch năm)" in _text(_render(report))


def test_a_draft_leaves_the_number_blank(report: Report) -> None:
    text = _text(_render(report))
    assert "-BC/ĐU" in text and "15-BC/ĐU" not in text
    assert "DỰ THẢO" in text


def test_fonts_are_embedded_and_pages_are_a4(issued: Report) -> None:
    reader = PdfReader(BytesIO(_render(issued)))
    assert len(reader.pages) >= 3
    fonts = {}
    for page in reader.pages:
        width, height = float(page.mediabox.width), float(page.mediabox.height)
        assert (round(width), round(height)) == (595, 842)  # A4 portrait in points
        for font in page["/Resources"]["/Font"].values():  # type: ignore[index]
            font = font.get_object()
            descendants = font.get("/DescendantFonts")
            descriptor = (descendants[0].get_object() if descendants else font)[
                "/FontDescriptor"
            ].get_object()
            fonts[str(font["/BaseFont"])] = any(
                k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3")
            )
    assert fonts and all(fonts.values()), fonts
    assert all("Chitieu-Serif" in name for name in fonts), fonts  # the shipped Liberation Serif


def test_page_numbers_from_page_two_and_repeated_table_headers(issued: Report) -> None:
    pdf = _render(issued)
    reader = PdfReader(BytesIO(pdf))
    pages = [page.extract_text() for page in reader.pages]
    assert _text(pdf, 1).startswith("ĐẢNG BỘ")  # no number on the first page
    for n in range(2, len(pages) + 1):
        assert _text(pdf, n).startswith(f"{n} "), n  # then centred at the top of every page
    task_pages = [p for p in pages if "Nội dung đầu việc số" in p]
    assert len(task_pages) >= 2
    assert all("Đơn vị chủ trì" in p for p in task_pages)  # the header row repeats on every page
