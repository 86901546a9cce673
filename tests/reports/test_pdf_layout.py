"""Details of the report PDF a clerk checks before signing (issue 23): the issuer block broken as clerks
break it and kept inside its column, one date format, and no page left with a few lone table rows."""

from __future__ import annotations

import re
import subprocess
from datetime import date
from decimal import Decimal as D

import pytest

from committees import services as org_services
from reports import masthead, run_services, services
from reports.models import Report, ReportRun, RunStatus
from reports.templatetags.reports_pdf import TAIL_ROWS, keep_tail
from targets import services as target_services
from tests.conftest import Tree

MARGINS = (20, 15, 20, 30)
COLUMN = masthead.issuer_width_pt(MARGINS)


def test_the_committee_name_breaks_after_the_dash_as_clerks_set_it() -> None:
    lines = masthead.break_lines("ĐẢNG ỦY SỞ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI", width_pt=COLUMN, bold=True)
    assert lines == ["ĐẢNG ỦY SỞ LAO ĐỘNG -", "THƯƠNG BINH VÀ XÃ HỘI"]


def test_a_name_that_fits_keeps_one_line_and_every_line_fits() -> None:
    assert masthead.break_lines("ĐẢNG BỘ THÀNH PHỐ HỒ CHÍ MINH", width_pt=COLUMN, bold=False) == [
        "ĐẢNG BỘ THÀNH PHỐ HỒ CHÍ MINH"
    ]
    long = "ĐẢNG BỘ KHỐI CÁC CƠ QUAN VÀ DOANH NGHIỆP TỈNH BÀ RỊA - VŨNG TÀU"
    lines = masthead.break_lines(long, width_pt=COLUMN, bold=False)
    # Not "… CÁC CƠ / QUAN …" (one word), nor "BÀ RỊA - / VŨNG TÀU" (one place), nor a line ending "VÀ".
    assert lines == ["ĐẢNG BỘ KHỐI CÁC CƠ QUAN", "VÀ DOANH NGHIỆP TỈNH", "BÀ RỊA - VŨNG TÀU"]
    assert all(masthead.text_width_pt(line, bold=False) <= COLUMN for line in lines)
    # Wider margins leave a narrower column: three lines, each still inside it.
    narrow = masthead.issuer_width_pt((20, 30, 20, 40))
    lines = masthead.break_lines(long, width_pt=narrow, bold=True)
    assert len(lines) == 3 and all(masthead.text_width_pt(line, bold=True) <= narrow for line in lines)


def test_a_table_keeps_its_last_rows_together() -> None:
    rows = list(range(34))
    body, tail = keep_tail(rows)
    assert body == rows[:-TAIL_ROWS] and tail == rows[-TAIL_ROWS:] and TAIL_ROWS >= 4
    assert keep_tail([1, 2]) == ([], [1, 2])


def _render(report: Report) -> bytes:
    run = run_services.report_run_request(report=report, acting_user=None, enqueue=False)
    assert run_services.report_run_execute(run_id=run.pk) == "done"
    run = ReportRun.objects.get(pk=run.pk)
    assert run.status == RunStatus.DONE, run.error
    with run.pdf.open("rb") as f:
        return f.read()


def _pages(pdf: bytes) -> list[str]:
    out = subprocess.run(["pdftotext", "-layout", "-", "-"], input=pdf, capture_output=True, check=True)
    return out.stdout.decode().split("\f")


def _words(pdf: bytes, page: int) -> list[tuple[float, float, float, str]]:
    """(xMin, xMax, yMin, word) of every word of one page."""
    out = subprocess.run(
        ["pdftotext", "-bbox", "-f", str(page), "-l", str(page), "-", "-"],
        input=pdf,
        capture_output=True,
        check=True,
    ).stdout.decode()
    found = re.findall(
        r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="[\d.]+">([^<]*)</word>', out
    )
    return [(float(x0), float(x1), float(y0), word) for x0, y0, x1, word in found]


@pytest.fixture
def long_superior(report: Report, tree: Tree) -> Report:
    org_services.organisation_update(
        organisation=tree.city,
        name="Đảng bộ Khối các cơ quan và doanh nghiệp tỉnh Bà Rịa - Vũng Tàu",
        acting_user=None,
    )
    # Enough targets for three pages of the appendix, whatever their heights.
    for n in range(40):
        target_services.target_create(
            code=f"X{n}",
            organisation=tree.dept,
            title=f"Chỉ tiêu thêm số {n}",
            period="2024",
            shape="quantity",
            planned=D(100),
            acting_user=None,
        )
    return services.report_issue(report=report, number="15-BC/ĐU", dated=date(2024, 7, 5), acting_user=None)


def test_the_rendered_first_page_and_appendix(long_superior: Report) -> None:
    pdf = _render(long_superior)
    words = _words(pdf, 1)
    # The right-hand header: "ĐẢNG CỘNG SẢN VIỆT NAM" and the place and date line under it. Everything else
    # above the star is the issuer block; no word of it may reach into a header word beside it.
    top = max(y0 for _x0, _x1, y0, word in words if word == "*")
    party_x = min(x0 for x0, _x1, _y0, word in words if word == "CỘNG")
    date_words = {"TP.", "Hồ", "Chí", "Minh,", "ngày", "05", "tháng", "7", "năm", "2024"}
    right = [
        (x0, y0)
        for x0, _x1, y0, word in words
        if y0 < top
        and (word in date_words or (x0 >= party_x - 60 and word in {"ĐẢNG", "CỘNG", "SẢN", "VIỆT", "NAM"}))
    ]
    issuer = [
        (x1, y0, word) for x0, x1, y0, word in words if y0 < top and (x0, y0) not in right and word != "*"
    ]
    assert {"KHỐI", "DOANH", "TÀU", "THƯƠNG", "HỘI"} <= {word for _x1, _y0, word in issuer}
    for x1, y0, word in issuer:
        beside = [x0 for x0, ry0 in right if abs(ry0 - y0) < 12]
        assert all(x1 < x0 for x0 in beside), (word, x1, beside)
    lines = [" ".join(line.split()) for line in _pages(pdf)[0].splitlines()]
    assert any(line.startswith("ĐẢNG ỦY SỞ LAO ĐỘNG -") and "THƯƠNG" not in line for line in lines), lines[:8]
    assert any(line.startswith("THƯƠNG BINH VÀ XÃ HỘI") for line in lines), lines[:8]

    text = "\n".join(_pages(pdf))
    # One date format: d/m/yyyy everywhere; only the first page's line spells "ngày 05 tháng 7 năm 2024".
    assert "Kèm theo Báo cáo số 15-BC/ĐU ngày 5/7/2024" in " ".join(text.split())
    assert not re.search(r"\b\d{1,2}/0\d/\d{4}\b|\b0\d/\d{1,2}/\d{4}\b", text)
    assert " ".join(text.split()).count("ngày 05 tháng 7 năm 2024") == 1

    # No page of an appendix table carries only a few rows: every page holds at least TAIL_ROWS of them
    # or something else besides (a heading, the start of the next appendix).
    for number, page in enumerate(_pages(pdf), start=1):
        rows = [line for line in page.splitlines() if re.match(r"\s*\d+\s{2,}\S", line)]
        alone = "PHỤ LỤC" not in page and "Nơi nhận" not in page and "BÁO CÁO" not in page
        if rows and alone:
            assert len(rows) >= TAIL_ROWS, (number, len(rows), page)
