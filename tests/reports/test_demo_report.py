"""Seed 000's 2024-H1 report, rendered from the demo data by the command, reproduces the article."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from django.core.management import call_command

from demo.services import load_demo
from reports import services
from reports.models import Report
from tests.reports.test_docx import docx_text


def _text(path: Path) -> str:
    out = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, check=True).stdout.decode()
    return " ".join(out.split())


@pytest.fixture
def demo(db) -> Report:  # type: ignore[no-untyped-def]
    load_demo(year=2024)
    return Report.objects.get(organisation__code="SLDTBXH-HCM", period="2024-H1")


def test_seed_000_report(demo: Report, tmp_path: Path) -> None:
    assert demo.number == "15-BC/ĐU" and demo.is_issued
    assert demo.meetings.get().attendees.filter(invited=True).count() == 1
    out = tmp_path / "bao-cao.pdf"
    call_command(
        "render_report", "--org", "SLDTBXH-HCM", "--period", "2024-H1", "--out", str(out), stdout=None
    )
    text = _text(out)
    for expected in (
        # Set on two lines, "ĐẢNG ỦY SỞ LAO ĐỘNG -" / "THƯƠNG BINH VÀ XÃ HỘI"; plain pdftotext takes the dash
        # that ends the line for a hyphenation and drops it (tests/reports/test_pdf_layout.py reads it).
        "ĐẢNG ỦY SỞ LAO ĐỘNG THƯƠNG BINH VÀ XÃ HỘI",
        "Số 15-BC/ĐU",
        "TP. Hồ Chí Minh, ngày 05 tháng 7 năm 2024",
        "15/25 nội dung trình UBND Thành phố (đạt 60% kế hoạch năm)",
        "20/30 nội dung chương trình công tác của Sở (đạt 66,67% kế hoạch năm)",
        "34/34 chỉ tiêu đang triển khai thực hiện",
        "20/55 nội dung đầu việc hoàn thành trước hạn, không có nội dung trễ hạn",
        "giải quyết việc làm tăng 2,44%",
        "số chỗ việc làm mới tăng 1,55%",
        "(DDCI) xếp hạng 9/20, tăng 11 bậc",
        "(PAR Index) xếp hạng 18/26, tăng 4 bậc",
        "có 14 đảng bộ cơ sở, 24 chi bộ cơ sở trực thuộc",
        "T/M BAN THƯỜNG VỤ",
        demo.signer_name,
    ):
        assert expected in text, expected
    for number in (
        "32-CT/TU",
        "33-CT/TU",
        "28-CT/TW",
        "53-CTrHĐ/TU",
        "10/CT-UBND",
        "1649/QĐ-UBND",
        "1675-TB/TU",
        "22-KH/TU",
        "98/2023/QH15",
    ):
        assert number in text, number
    # The issued report's PDF is fixed: asking again hands out the same file.
    again = tmp_path / "lan-2.pdf"
    call_command(
        "render_report", "--org", "SLDTBXH-HCM", "--period", "2024-H1", "--out", str(again), stdout=None
    )
    assert again.read_bytes() == out.read_bytes()
    # The Word file the same run wrote beside it, with the same figures.
    word = tmp_path / "bao-cao.docx"
    call_command(
        "render_report", "--org", "SLDTBXH-HCM", "--period", "2024-H1", "--out", str(word), stdout=None
    )
    word_text = docx_text(word.read_bytes())
    for expected in (
        "Số 15-BC/ĐU",
        "15/25 nội dung trình UBND Thành phố (đạt 60% kế hoạch năm)",
        "20/55 nội dung đầu việc hoàn thành trước hạn, không có nội dung trễ hạn",
    ):
        assert expected in word_text, expected


def test_a_new_version_with_truncation(demo: Report, tmp_path: Path) -> None:
    """The article prints 20/30 as 66,66%: a new version of the report set to truncate says the same."""
    copy = services.report_reissue(report=demo, acting_user=None)
    services.report_update(report=copy, acting_user=None, rounding="truncate")
    out = tmp_path / "v2.pdf"
    call_command(
        "render_report",
        "--org",
        "SLDTBXH-HCM",
        "--period",
        "2024-H1",
        "--cut-off",
        "30/6/2024",
        "--out",
        str(out),
        stdout=None,
    )
    text = _text(out)
    assert "20/30 nội dung chương trình công tác của Sở (đạt 66,66% kế hoạch năm)" in text
    assert "15-BC/ĐU" not in text.split("PHỤ LỤC 1")[0]  # the new version is a draft, without a number
