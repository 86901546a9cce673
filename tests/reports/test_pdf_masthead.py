"""Every Party document printed as a PDF heads its first page with the one masthead
(templates/reports/pdf/_masthead.html), and a report and a review print their tasks appendix with the one
table (_tasks_table.html): a rule of the layout changed there reaches every document."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from lxml import html as lxml_html

from inspections.models import Inspection
from reports import masthead
from reports.context import report_context
from reports.heading import issuer_lines
from reports.inspection_pdf import conclusion_context, render_conclusion_html
from reports.models import Meeting, Report
from reports.pdf import render_html, render_meeting_html
from resolutions import services as doc_services
from resolutions.models import Task
from tests.conftest import Tree
from tests.inspections.conftest import inspection  # noqa: F401  (fixture)
from tests.inspections.test_inspections import _conclude
from tests.reports.test_meetings import meeting  # noqa: F401  (fixture)
from tests.reports.test_review import resolution, review  # noqa: F401  (fixtures)

PDF_TEMPLATES = Path(settings.BASE_DIR) / "templates" / "reports" / "pdf"


def _issuer_block(html: str) -> tuple[list[str], list[str]]:
    (table,) = lxml_html.fromstring(html).find_class("masthead")
    upper, lower = (
        [line.text_content() for line in table.find_class(level)[0].find_class("line")]
        for level in ("issuer-upper", "issuer-lower")
    )
    return upper, lower


def test_the_department_s_documents_print_one_issuer_block_as_clerks_break_it(
    report: Report,
    review: Report,  # noqa: F811
    meeting: Meeting,  # noqa: F811
) -> None:
    pages = {
        "report": render_html(report_context(report)),
        "review": render_html(report_context(review)),
        "minutes": render_meeting_html(meeting, "bien-ban"),
        "notice": render_meeting_html(meeting, "thong-bao"),
    }
    expected = (["ĐẢNG BỘ THÀNH PHỐ HỒ CHÍ MINH"], ["ĐẢNG ỦY SỞ LAO ĐỘNG -", "THƯƠNG BINH VÀ XÃ HỘI"])
    for name, html in pages.items():
        assert _issuer_block(html) == expected, name


def test_the_inspection_notice_breaks_its_issuer_block_by_the_same_rule(
    tree: Tree,
    inspection: Inspection,  # noqa: F811
) -> None:
    _conclude(inspection, tree)
    inspection = Inspection.objects.get(pk=inspection.pk)
    html = render_conclusion_html(conclusion_context(inspection, Task.objects.none()))
    upper, lower = issuer_lines(inspection.organisation)
    assert _issuer_block(html) == (
        masthead.issuer_level_lines(upper, lower=False),
        masthead.issuer_level_lines(lower, lower=True),
    )
    # A renderer left to itself splits the city's name ("… HỒ CHÍ / MINH"); the clerk keeps it whole.
    assert _issuer_block(html)[1] == ["THÀNH ỦY THÀNH PHỐ", "HỒ CHÍ MINH"]


def test_every_pdf_template_uses_the_shared_page_and_masthead() -> None:
    documents = sorted(
        p for p in PDF_TEMPLATES.glob("*.html") if not p.name.startswith("_") and p.name != "base.html"
    )
    assert [p.name for p in documents] == [
        "conclusion.html",
        "minutes.html",
        "notice.html",
        "report.html",
        "review.html",
    ]
    for path in documents:
        text = path.read_text()
        assert text.startswith('{% extends "reports/pdf/base.html" %}'), path.name
        assert text.count('{% include "reports/pdf/_masthead.html"') == 1, path.name
        assert 'class="masthead"' not in text, path.name  # no copy of the masthead's markup


def test_the_review_s_tasks_appendix_prints_the_lead_unit_as_the_report_does(
    review: Report,  # noqa: F811
) -> None:
    task = Task.objects.get(title="Đào tạo 2023")
    doc_services.task_update(task=task, lead_unit="Phòng Dạy nghề", acting_user=None)
    (table,) = lxml_html.fromstring(render_html(report_context(review))).find_class("tasks")
    rows = {row[1].text_content(): row for row in table.iter("tr") if len(row) == 6 and row[0].tag == "td"}
    assert rows["Đào tạo 2023"][3].text_content() == "Phòng Dạy nghề"
    assert rows["Đào tạo 2022"][3].text_content() == "Đảng bộ Sở Lao động - Thương binh và Xã hội"


def test_the_review_s_appendix_cites_the_report_as_a_sentence_does(review: Report) -> None:  # noqa: F811
    (ref,) = lxml_html.fromstring(render_html(report_context(review))).find_class("appendix-ref")[:1]
    assert ref.text_content().startswith("(Kèm theo Báo cáo số ")  # not "Báo cáo Số": the report's rule
