"""The report's numbers, as they stood at its cut-off date, in a constant number of queries."""

from __future__ import annotations

from datetime import date
from decimal import Decimal as D

from django.db import connection
from django.test.utils import CaptureQueriesContext

from reports.context import report_context
from reports.models import Report
from resolutions import services as doc_services
from resolutions.models import Document
from targets import services as target_services
from tests.conftest import Tree


def _context(report: Report, **kwargs):  # type: ignore[no-untyped-def]
    report = Report.objects.select_related("organisation__parent").get(pk=report.pk)
    return report_context(report, **kwargs)


def test_latest_reading_at_the_cut_off_wins(report: Report) -> None:
    rows = {row.target.code: row for row in _context(report).targets}
    ubnd = rows["UBND"]
    assert ubnd.actual == D(15)  # the correction at 30/6, not the first row, not the July reading
    assert (ubnd.pct_plan_display(), ubnd.last_year_display(), ubnd.pct_last_year_display()) == (
        "60%",
        "12",
        "125%",
    )
    assert rows["CTCT"].pct_plan_display() == "66,67%"
    assert rows["GQVL"].last_year_display() == "125.000"
    assert rows["GQVL"].assessment() == "Đạt, tăng 2,44% so với cùng kỳ"
    assert (rows["DDCI"].actual_display(), rows["DDCI"].last_year_display()) == ("9/20", "20/20")
    assert rows["DDCI"].assessment() == "Đạt, tăng 11 bậc"


def test_an_earlier_cut_off_sees_earlier_data(report: Report) -> None:
    context = _context(report, cut_off=date(2024, 3, 31))
    assert {row.target.code: row.actual for row in context.targets}["UBND"] is None
    assert context.tasks_phrase == "0/55 nội dung đầu việc hoàn thành trước hạn, không có nội dung trễ hạn"
    assert [d.canonical_number for d in context.documents_issued] == ["32-CT/TU"]


def test_tasks_documents_and_members(report: Report) -> None:
    context = _context(report)
    assert context.tasks_phrase == "20/55 nội dung đầu việc hoàn thành trước hạn, không có nội dung trễ hạn"
    assert [d.canonical_number for d in context.documents_issued] == ["32-CT/TU", "33-CT/TU", "10/CT-UBND"]
    assert [d.canonical_number for d in context.documents_implemented] == ["28-CT/TW"]
    assert (context.members.grassroots_committees, context.members.grassroots_cells) == (1, 1)
    assert (context.issuer_upper, context.issuer_lower) == (
        "ĐẢNG BỘ THÀNH PHỐ HỒ CHÍ MINH",
        "ĐẢNG ỦY SỞ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI",
    )


def test_query_count_does_not_grow_with_the_data(report: Report, tree: Tree) -> None:
    report = Report.objects.select_related("organisation__parent").get(pk=report.pk)
    with CaptureQueriesContext(connection) as first:
        report_context(report)
    document = Document.objects.get(canonical_number="32-CT/TU")
    for n in range(10):
        target = target_services.target_create(
            code=f"MORE-{n}",
            organisation=tree.dept,
            title=f"Chỉ tiêu {n}",
            period="2024",
            shape="quantity",
            planned=D(10),
            acting_user=None,
        )
        target_services.reading_record(target=target, cut_off=date(2024, 6, 30), value=D(n), acting_user=None)
        doc_services.task_create(
            document=document, organisation=tree.cell, title=f"Việc {n}", acting_user=None
        )
    with CaptureQueriesContext(connection) as second:
        context = report_context(report)
    assert len(context.targets) == 14
    # targets + their standing readings, last year's targets with their standing values (one query,
    # targets.outcomes.standing.last_year_values), tasks, documents issued and implemented, member counts,
    # child organisations, cells to upgrade, meetings, the committee's inspections and their subjects (no
    # recommendations to count: no notice)
    assert len(first) == len(second) == 12, [q["sql"][:120] for q in second.captured_queries]
