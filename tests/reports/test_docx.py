"""The report as a Word file: it opens, it says what the PDF says, in the Party layout, for every kind."""

from __future__ import annotations

import re
import subprocess
from collections import Counter
from datetime import date
from decimal import Decimal
from io import BytesIO
from typing import Any

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from docx.api import Document as open_docx
from docx.table import Table as DocxTable

from reports import run_services, services
from reports.context import report_context
from reports.docx import Closing, Heading, Masthead, Paragraph, PartyDocument, Signature, Table, build_docx
from reports.docx_report import context_to_docx, render_docx
from reports.models import Report, ReportKind
from reports.pdf import html_to_pdf, render_html
from targets import services as target_services
from tests.conftest import Tree

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
# Figures as a reader finds them: 15/25, 60%, 2,44%, 128.050, 21/3/2024, 05, 2024 …
FIGURE = re.compile(r"\d[\d.,/]*%?")


def _open(data: bytes) -> Any:
    return open_docx(BytesIO(data))


def _blocks(doc: Any) -> list[Any]:
    return list(doc.iter_inner_content())


def _table_text(table: DocxTable) -> list[str]:
    return [cell.text for row in table.rows for cell in _unique(row.cells)]


def _unique(cells: Any) -> list[Any]:
    """A merged cell is listed once per grid column it spans; read it once."""
    seen, out = set(), []
    for cell in cells:
        if id(cell._tc) not in seen:
            seen.add(id(cell._tc))
            out.append(cell)
    return out


def docx_text(data: bytes) -> str:
    """Every word of the document body in order: paragraphs, and tables cell by cell; with the header's
    draft mark. Page numbers are fields Word fills in, so they are not text."""
    doc = _open(data)
    parts = [p.text for p in doc.sections[0].first_page_header.paragraphs]
    for block in _blocks(doc):
        parts += _table_text(block) if isinstance(block, DocxTable) else [block.text]
    return " ".join(" ".join(parts).split())


def pdf_text(pdf: bytes) -> str:
    """pdftotext of every page, without the page number printed at the top of pages 2 and on."""
    pages = []
    n = 1
    while True:
        result = subprocess.run(
            ["pdftotext", "-layout", "-f", str(n), "-l", str(n), "-", "-"], input=pdf, capture_output=True
        )
        if result.returncode != 0 or not result.stdout.strip():
            break
        lines = result.stdout.decode().strip("\n\f ").splitlines()
        if n > 1 and lines and lines[0].strip() == str(n):
            lines = lines[1:]
        pages.append("\n".join(lines))
        n += 1
    return " ".join(" ".join(pages).split())


def _figures(text: str) -> Counter[str]:
    return Counter(match.group(0).rstrip(".,") for match in FIGURE.finditer(text))


@pytest.fixture
def issued(report: Report) -> Report:
    return services.report_issue(report=report, number="15-BC/ĐU", dated=date(2024, 7, 5), acting_user=None)


def test_the_docx_opens_and_has_the_party_header(issued: Report) -> None:
    doc = _open(render_docx(issued))
    masthead = _blocks(doc)[0]
    assert isinstance(masthead, DocxTable)
    left, right = masthead.rows[0].cells
    assert [p.text for p in left.paragraphs] == [
        "ĐẢNG BỘ THÀNH PHỐ HỒ CHÍ MINH",
        "ĐẢNG ỦY SỞ LAO ĐỘNG -\nTHƯƠNG BINH VÀ XÃ HỘI",  # broken where the PDF breaks it
        "*",
        "Số 15-BC/ĐU",
    ]
    national, dated = right.paragraphs
    assert national.text == "ĐẢNG CỘNG SẢN VIỆT NAM"
    assert national.runs[0].bold and national.runs[0].underline
    assert dated.text == "TP. Hồ Chí Minh, ngày 05 tháng 7 năm 2024"
    assert dated.runs[0].italic
    issuer_lower = left.paragraphs[1].runs[0]
    assert issuer_lower.bold and issuer_lower.font.size.pt == 13
    texts = [b.text for b in _blocks(doc)[1:4]]
    assert texts[0] == "BÁO CÁO"
    assert texts[1] == issued.title
    assert texts[2] == "-----"
    # Issued: no draft mark.
    assert not "".join(p.text for p in doc.sections[0].first_page_header.paragraphs)


def test_page_is_a4_with_the_report_margins_and_times_new_roman(issued: Report) -> None:
    doc = _open(render_docx(issued))
    section = doc.sections[0]
    top, right, bottom, left = settings.CHITIEU_REPORT_MARGINS_MM
    mm = [round(x.mm, 1) for x in (section.page_width, section.page_height)]
    assert mm == [210, 297]
    edges = (section.top_margin, section.right_margin, section.bottom_margin, section.left_margin)
    assert [round(x.mm, 1) for x in edges] == [top, right, bottom, left]
    assert section.different_first_page_header_footer  # page numbers from page 2
    assert "PAGE" in section.header._element.xml
    fonts = {run.font.name for p in doc.paragraphs for run in p.runs if run.text.strip()}
    assert fonts == {"Times New Roman"}
    sizes = {run.font.size.pt for p in doc.paragraphs for run in p.runs if run.text.strip()}
    assert 14 in sizes and all(11 <= s <= 16 for s in sizes)


def test_a_draft_says_so_and_leaves_its_number_blank(report: Report) -> None:
    doc = _open(render_docx(report))
    assert "DỰ THẢO" in " ".join(p.text for p in doc.sections[0].first_page_header.paragraphs)
    left = _blocks(doc)[0].rows[0].cells[0]
    assert left.paragraphs[3].text == "Số \u00a0\u00a0\u00a0\u00a0\u00a0\u00a0-BC/ĐU"


def test_the_docx_says_the_same_figures_as_the_pdf_of_the_same_context(issued: Report) -> None:
    context = report_context(issued)
    pdf = pdf_text(html_to_pdf(render_html(context)))
    word = docx_text(context_to_docx(context))
    assert _figures(word) == _figures(pdf)
    # The figures are there at all (the comparison above would pass on two empty files).
    for expected in (
        "15/25 nội dung trình UBND Thành phố (đạt 60% kế hoạch năm)",
        "20/30 nội dung chương trình công tác của Sở (đạt 66,67% kế hoạch năm)",
        "giải quyết việc làm tăng 2,44% so với cùng kỳ năm 2023",
        "xếp hạng 9/20, tăng 11 bậc",
        "20/55 nội dung đầu việc hoàn thành trước hạn, không có nội dung trễ hạn",
        "Chỉ thị số 32-CT/TU ngày 21/3/2024",
        "Công tác chính trị tư tưởng được quan tâm.",
        "T/M ĐẢNG ỦY",
        "Nguyễn Minh Quang",
        "Nơi nhận:",
        "- Lưu Văn phòng Đảng ủy.",
    ):
        assert expected in word, expected
        assert expected in pdf, expected
    # Word for word, the PDF's text with its line breaks and columns aside.
    assert set(word.split()) == set(pdf.split())


def test_a_changed_figure_changes_the_docx(issued: Report, tree: Tree) -> None:
    """The file is built from the data, not from a copy: a new reading shows at once."""
    target = issued.organisation.targets.get(code="CTCT")
    target_services.reading_record(
        target=target, cut_off=date(2024, 6, 30), value=Decimal(27), reason="rà soát lại", acting_user=None
    )
    text = docx_text(render_docx(issued))
    assert "27/30 nội dung chương trình công tác của Sở (đạt 90% kế hoạch năm)" in text
    assert "20/30" not in text


def test_appendix_tables_hold_the_rows_of_the_appendix(issued: Report) -> None:
    context = report_context(issued)
    doc = _open(context_to_docx(context))
    tables = [b for b in _blocks(doc) if isinstance(b, DocxTable)]
    _masthead, closing, targets, tasks = tables
    assert "Nơi nhận:" in closing.rows[0].cells[0].text
    header = [c.text for c in targets.rows[0].cells]
    assert header == [
        "STT", "Chỉ tiêu", "ĐVT", "Kế hoạch năm", "Thực hiện 6 tháng", "So kế hoạch năm (%)",
        "Cùng kỳ năm trước", "So cùng kỳ (%)", "Đánh giá",
    ]  # fmt: skip
    rows = [[c.text for c in row.cells] for row in targets.rows[1:]]
    assert rows == [
        [
            str(r.stt), r.target.title, r.target.unit, r.planned_display(), r.actual_display(),
            r.measure_display(), r.last_year_display(), r.pct_last_year_display(), r.status_label,
        ]
        for r in context.targets
    ]  # fmt: skip
    assert len(rows) == 4
    first = [
        "1",
        "Nội dung trình UBND Thành phố",
        "nội dung",
        "25",
        "15",
        "60%",
        "12",
        "125%",
        "Đúng tiến độ",
    ]
    assert first in rows
    task_rows = [[c.text for c in row.cells] for row in tasks.rows[1:]]
    assert [row[0] for row in task_rows] == [str(r.stt) for r in context.tasks]
    assert [row[1] for row in task_rows] == [r.task.title for r in context.tasks]
    assert len(task_rows) == 55
    # The header row repeats on every page, no row breaks across pages.
    assert "w:tblHeader" in targets.rows[0]._tr.xml
    assert all("w:cantSplit" in row._tr.xml for row in tasks.rows)


def test_an_empty_appendix_says_so(tree: Tree) -> None:
    report = services.report_create(organisation=tree.cell, kind="annual", period="2024", acting_user=None)
    doc = _open(render_docx(report))
    tables = [b for b in _blocks(doc) if isinstance(b, DocxTable)]
    assert _table_text(tables[2])[-1] == "Không có chỉ tiêu trong kỳ."
    assert _table_text(tables[3])[-1] == "Không có nhiệm vụ trong kỳ."


@pytest.mark.parametrize(
    ("kind", "period", "actual"),
    [
        (ReportKind.SEMI_ANNUAL, "2024-H1", "Thực hiện 6 tháng"),
        (ReportKind.NINE_MONTHS, "2024-9M", "Thực hiện 9 tháng"),
        (ReportKind.ANNUAL, "2024", "Thực hiện năm"),
        (ReportKind.TERM_REVIEW, "2020-2025", "Thực hiện"),
    ],
)
def test_every_report_kind_exports(tree: Tree, kind: str, period: str, actual: str) -> None:
    report = services.report_create(organisation=tree.dept, kind=kind, period=period, acting_user=None)
    context = report_context(report)
    data = context_to_docx(context)
    text = docx_text(data)
    assert report.title in text
    assert actual in text
    assert _figures(text) == _figures(pdf_text(html_to_pdf(render_html(context))))


def test_markup_typed_in_the_browser_is_text_in_the_docx(report: Report) -> None:
    # A control character pasted from another program cannot be in XML: dropped, the file still opens.
    report.results = '<b>đậm</b> & "trích" <script>x</script>\x0b'
    report.save(update_fields=["results"])
    text = docx_text(render_docx(report))
    assert '<b>đậm</b> & "trích" <script>x</script>' in text


def test_the_builder_lays_out_another_kind_from_a_few_lines() -> None:
    """A conclusion notice built by hand: what other document kinds will do."""
    data = build_docx(
        PartyDocument(
            masthead=Masthead("ĐẢNG BỘ TỈNH NAM ĐỊNH", "ĐẢNG ỦY SỞ Y TẾ", "Số 12-TB/ĐU", "Nam Định, ngày …"),
            kind="THÔNG BÁO",
            subject="kết luận của Ban Thường vụ về công tác kiểm tra",
            body=[
                Heading("I- Tình hình"),
                Paragraph("Nội dung 1.885,4 triệu đồng."),
                Table([], []),
            ],
            closing=Closing(signatures=[Signature("T/M BAN CHẤP HÀNH", "BÍ THƯ"), Signature("THƯ KÝ", "")]),
        )
    )
    text = docx_text(data)
    assert "THÔNG BÁO" in text and "I- TÌNH HÌNH" in text and "1.885,4" in text
    closing = [b for b in _blocks(_open(data)) if isinstance(b, DocxTable)][-1]
    left, right = closing.rows[0].cells
    assert left.paragraphs[0].text == "T/M BAN CHẤP HÀNH" and right.paragraphs[0].text == "THƯ KÝ"


# --- the download -----------------------------------------------------------------------------


def test_the_report_page_offers_the_word_file_and_serves_it(
    client: Client, carol: Any, issued: Report
) -> None:
    client.force_login(carol)
    page = client.get(reverse("reports:report_detail", args=[issued.pk])).content.decode()
    url = reverse("reports:report_docx", args=[issued.pk])
    assert url in page and "Tải bản Word (.docx)" in page
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == DOCX
    assert f'filename="bao-cao-{issued.organisation.code}-2024-H1-v1.docx"' in response["Content-Disposition"]
    assert "15/25 nội dung trình UBND Thành phố" in docx_text(response.content)


def test_a_report_of_another_organisation_is_404(client: Client, dave: Any, issued: Report) -> None:
    client.force_login(dave)
    assert client.get(reverse("reports:report_docx", args=[issued.pk])).status_code == 404


def test_a_run_writes_the_word_file_beside_its_pdf(
    client: Client, carol: Any, dave: Any, issued: Report
) -> None:
    run = run_services.report_run_request(report=issued, acting_user=carol, enqueue=False)
    assert run_services.report_run_execute(run_id=run.pk) == "done"
    run.refresh_from_db()
    assert str(run.docx.name).endswith(".docx") and str(run.pdf.name).endswith(".pdf")
    with run.docx.open("rb") as f:
        stored = f.read()
    # The same text as the file the page builds at once, and as the run's own PDF.
    assert docx_text(stored) == docx_text(render_docx(issued))
    with run.pdf.open("rb") as f:
        assert _figures(docx_text(stored)) == _figures(pdf_text(f.read()))
    client.force_login(carol)
    page = client.get(reverse("reports:report_detail", args=[issued.pk])).content.decode()
    url = reverse("reports:run_docx", args=[run.pk])
    assert url in page and "Bản Word" in page
    response = client.get(url)
    assert response.status_code == 200 and response["Content-Type"] == DOCX
    assert docx_text(b"".join(response.streaming_content)) == docx_text(stored)  # type: ignore[attr-defined]
    client.force_login(dave)
    assert client.get(url).status_code == 404


def test_a_report_too_big_to_wait_for_points_to_the_run(
    client: Client, carol: Any, issued: Report, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Above the limit the page says where the Word file comes from instead of making the user wait."""
    from reports import views

    monkeypatch.setattr(views, "DOCX_WAIT_MAX_ROWS", 58)  # 4 targets + 55 tasks = 59 rows
    client.force_login(carol)
    response = client.get(reverse("reports:report_docx", args=[issued.pk]), follow=True)
    assert response.redirect_chain[-1][0] == reverse("reports:report_detail", args=[issued.pk])
    assert "Báo cáo có 59 dòng phụ lục, quá lớn để tạo bản Word ngay" in response.content.decode()
    monkeypatch.setattr(views, "DOCX_WAIT_MAX_ROWS", 59)
    response = client.get(reverse("reports:report_docx", args=[issued.pk]))
    assert response["Content-Type"] == DOCX
