"""Layout promises of the pages (issue 23): label/value pairs that never come apart, report titles as
written, codes that never wrap, a "So sánh" line that does not repeat itself, charts with their plan."""

from __future__ import annotations

from datetime import date
from decimal import Decimal as D
from html.parser import HTMLParser
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse

from reports import services as report_services
from targets.dashboard import comparisons, plan_pace_pct
from targets.outcomes import rollups
from targets.outcomes.achievement import Plan, Shape, plan_levels
from targets.periods import parse_period
from tests.test_permission_matrix import objects  # noqa: F401 (fixture)


class _DlChildren(HTMLParser):
    """The element names directly inside each <dl class="facts">, and those inside each of its <div>s."""

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[str] = []
        self.in_facts = -1
        self.direct: list[str] = []
        self.groups: list[list[str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "dl" and "facts" in (dict(attrs).get("class") or ""):
            self.in_facts = len(self.stack)
        elif self.in_facts >= 0 and len(self.stack) == self.in_facts + 1:
            self.direct.append(tag)
            if tag == "div":
                self.groups.append([])
        elif self.in_facts >= 0 and len(self.stack) == self.in_facts + 2 and tag in ("dt", "dd"):
            self.groups[-1].append(tag)
        self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        while self.stack:
            top = self.stack.pop()
            if top == tag:
                break
        if tag == "dl" and len(self.stack) == self.in_facts:
            self.in_facts = -1


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("reports:report_detail", "report"),
        ("reports:meeting_detail", "meeting"),
        ("resolutions:task_detail", "task"),
    ],
)
def test_each_label_and_its_value_are_one_cell_of_the_facts_grid(
    client: Client,
    objects: dict[str, Any],  # noqa: F811
    name: str,
    key: str,
) -> None:
    """The grid places <div>s, each holding one <dt> and its <dd>: a pair cannot break across two rows
    (it did when <dt> and <dd> were cells of their own: "Số liệu tính đến" ended a row, its date began
    the next)."""
    client.force_login(User.objects.get(username="erin"))
    parser = _DlChildren()
    parser.feed(client.get(reverse(name, args=[objects[key].pk])).content.decode())
    assert parser.direct and set(parser.direct) == {"div"}, parser.direct
    assert all(group == ["dt", "dd"] for group in parser.groups), parser.groups
    assert len(parser.groups) >= 4


@pytest.mark.django_db
def test_the_reports_list_shows_titles_as_written_and_codes_whole(
    client: Client,
    objects: dict[str, Any],  # noqa: F811
) -> None:
    report = objects["report"]
    long_title = (
        "kết quả công tác xây dựng Đảng 6 tháng đầu năm, phương hướng, nhiệm vụ 6 tháng cuối năm 2024 "
        "của Đảng ủy Sở Lao động - Thương binh và Xã hội"
    )
    report_services.report_update(report=report, acting_user=None, title=long_title)
    report_services.report_issue(report=report, number="15-BC/ĐU", dated=date(2024, 7, 5), acting_user=None)
    client.force_login(User.objects.get(username="erin"))
    html = client.get(reverse("reports:report_list")).content.decode()
    # In full, with the capital of its first page ("Báo cáo kết quả …"), never lower-cased or cut mid-word.
    assert f"Báo cáo {long_title}</a>" in html
    assert "…" not in html.split("<tbody>")[1]
    assert '<td class="nowrap">2024-H1</td>' in html
    assert '<td class="nowrap">15-BC/ĐU</td>' in html
    report.refresh_from_db()
    assert str(report) == f"Báo cáo {long_title}"


def test_a_heading_keeps_a_title_that_already_says_bao_cao() -> None:
    from reports.models import Report

    assert Report(title="báo cáo sơ kết 3 năm").heading == "Báo cáo sơ kết 3 năm"
    assert Report(title="tổng kết năm 2024").heading == "Báo cáo tổng kết năm 2024"


def _rollup(met: int) -> rollups.Rollup:
    return rollups.Rollup(
        total=10, met=met, exceeded=0, not_met=0, behind=0, on_track=0, no_data=0, mean_pct=D(50)
    )


def test_a_year_seen_at_its_end_compares_with_last_year_once() -> None:
    """At 31/12/2025 "the same time last year" and "năm 2024" are the same rollup: shown once."""
    last, previous = _rollup(4), _rollup(4)
    shown = comparisons(parse_period("2025"), date(2025, 12, 31), last, previous)
    assert [label for label, _r in shown] == ["năm 2024, cùng kỳ"]
    # Mid-year they differ (last year up to 3/12 against the whole of last year): both, each named.
    shown = comparisons(parse_period("2026"), date(2026, 12, 3), last, _rollup(6))
    assert [label for label, _r in shown] == ["cùng kỳ năm trước (đến 3/12/2025)", "năm 2025"]
    assert [r.met for _label, r in shown] == [4, 6]
    # A half-year: last year's same half, then the half before.
    shown = comparisons(parse_period("2026-H1"), date(2026, 6, 30), last, previous)
    assert [label for label, _r in shown] == ["cùng kỳ năm trước (đến 30/6/2025)", "6 tháng cuối năm 2025"]


@pytest.mark.django_db
def test_the_dashboard_says_so_sanh_once_for_a_finished_year(client: Client, objects: dict[str, Any]) -> None:  # noqa: F811
    client.force_login(User.objects.get(username="erin"))
    url = reverse("dashboard", args=[objects["dept"].pk])
    html = client.get(url, {"period": "2024", "cut_off": "31/12/2024"}).content.decode()
    line = html[html.index("So sánh") : html.index("</div>", html.index("So sánh"))]
    assert line.count('class="comparison"') == 1 and "năm 2023, cùng kỳ" in line


def test_the_plan_a_chart_draws_is_on_the_readings_scale() -> None:
    assert plan_levels(Plan(Shape.QUANTITY, planned=D(23000))) == [D(23000)]
    assert plan_levels(Plan(Shape.RANGE, planned_low=D(33), planned_high=D(35))) == [D(33), D(35)]
    assert plan_levels(Plan(Shape.REDUCTION, planned=D(1), baseline=D("3.2"))) == [D("2.2")]
    assert plan_levels(Plan(Shape.REDUCTION, planned=D(10), baseline=D(50), reduction_unit="percent")) == [
        D(45)
    ]
    assert plan_levels(Plan(Shape.RANK, planned=D(9), rank_out_of=20)) == [D(9)]
    assert plan_levels(Plan(Shape.GROWTH, planned=D("2.44"))) == []
    assert plan_levels(Plan(Shape.MILESTONE)) == []


def test_the_dashboard_trend_plan_is_the_pace_of_the_year() -> None:
    assert plan_pace_pct(date(2025, 12, 31)) == 100.0
    assert plan_pace_pct(date(2025, 6, 30)) == pytest.approx(181 / 365 * 100, abs=0.01)


@pytest.mark.django_db
def test_the_target_page_gives_its_chart_the_plan(client: Client, objects: dict[str, Any]) -> None:  # noqa: F811
    from targets import services as target_services

    target = objects["target"]
    target_services.reading_record(target=target, cut_off=date(2024, 12, 31), value=D(20), acting_user=None)
    client.force_login(User.objects.get(username="erin"))
    html = client.get(reverse("targets:target_detail", args=[target.pk])).content.decode()
    plan = html[html.index('id="trend-plan"') :].split("</script>")[0]
    assert '"levels": [25.0]' in plan, plan
    # The canvas sits in its own box inside the card, which Chart.js sizes it to.
    assert '<div class="card chart-box"><div class="chart-area"><canvas id="trend-chart"' in html
