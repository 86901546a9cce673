"""Targets of several years (a term, a 2016-2021 staff reduction) are in no year's scope: the period picker
offers their window, the dashboard and the API roll them up there, and a report of a year they run through
lists them in its appendix after its own targets, counted in its body."""

from __future__ import annotations

from datetime import date
from decimal import Decimal as D

from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse

from reports.figures import TargetCounts, _target_rows
from targets import services
from targets.outcomes.achievement import Status
from targets.periods import parse_period
from tests.api.conftest import token_client
from tests.conftest import Tree
from tests.targets.conftest import make_target


def _staff_reduction(tree: Tree):  # type: ignore[no-untyped-def]
    target = make_target(
        tree.dept,
        "BC-2016",
        shape="reduction",
        planned="10",
        period="2016-2021",
        title="Tinh giản biên chế giai đoạn 2016-2021",
        unit="người",
        baseline=D(200),
        reduction_unit="percent",
    )
    services.reading_record(target=target, cut_off=date(2018, 12, 31), value=D(185), acting_user=None)
    return target


def test_the_picker_offers_the_window_and_the_dashboard_shows_its_targets(tree: Tree, bob: User) -> None:
    target = _staff_reduction(tree)
    make_target(tree.dept, "Y-2018", period="2018", title="Chỉ tiêu năm 2018")
    leader = Client()
    leader.force_login(bob)
    url = reverse("dashboard", args=[tree.dept.pk])

    page = leader.get(url, {"period": "2018", "cut_off": "31/12/2018"})
    choices = dict(page.context["filter"].filters["period"].extra["choices"])
    assert choices["2016-2021"] == "nhiệm kỳ 2016-2021"
    assert [t.code for t in page.context["board"].targets] == ["Y-2018"]  # a year holds its own only

    page = leader.get(url, {"period": "2016-2021", "cut_off": "31/12/2018"})
    board = page.context["board"]
    # The window holds its own targets and those of the years inside it.
    assert [t.code for t in board.targets] == [target.code, "Y-2018"]
    assert (board.headline.total, board.headline.behind, board.headline.no_data) == (2, 1, 1)
    assert board.targets[0].cur_pct == D("75.000000")  # 7,5% of the 10% reduction
    assert "Tinh giản biên chế" in page.content.decode()

    api = token_client(bob).get(
        reverse("api:organisation-rollup", args=[tree.dept.pk]),
        {"period": "2016-2021", "cut_off": "2018-12-31"},
    )
    assert api.status_code == 200, api.content
    assert api.json()["headline"]["total"] == 2


def test_a_year_report_lists_the_window_running_through_it(tree: Tree) -> None:
    target = _staff_reduction(tree)
    make_target(tree.dept, "Y-2018", period="2018", title="Chỉ tiêu năm 2018")
    make_target(tree.dept, "Y-2023", period="2023", title="Chỉ tiêu năm 2023")

    rows = _target_rows(tree.dept, parse_period("2018"), date(2018, 12, 31), "half_up")
    assert [row.target.code for row in rows] == ["Y-2018", target.code]
    window = rows[1]
    assert window.title_display() == "Tinh giản biên chế giai đoạn 2016-2021 (nhiệm kỳ 2016-2021)"
    assert window.outcome.status is Status.BEHIND  # the window runs on to 2021
    assert window.measure_display() == "75%"
    counts = TargetCounts.of(rows, date(2018, 12, 31))
    assert counts.total == 2 and sum(n for _w, n in counts.categories) == 2

    # A year after the window ended does not list it; the term's own report does, with a final status.
    assert [
        r.target.code for r in _target_rows(tree.dept, parse_period("2023"), date(2023, 12, 31), "half_up")
    ] == ["Y-2023"]
    (term_row,) = [
        r
        for r in _target_rows(tree.dept, parse_period("2016-2021"), date(2021, 12, 31), "half_up")
        if r.target.pk == target.pk
    ]
    assert term_row.outcome.status is Status.NOT_MET
    assert term_row.outcome.as_of == date(2018, 12, 31)
