"""One truth for every figure (issue 20): for random trees of targets of every shape, random readings and
cut-offs before, inside, at and after their periods' ends, the dashboard, the entry grid, the target page,
the API, the workbook export and the report's appendix give every target the same value, measure (number
and words), %, status and dates; and the report's body counts are its appendix's, adding up to it.

All of them read targets.outcomes.standing (or its SQL twin rollups.with_outcome); this holds them to it
through the pages and files a person sees."""

from __future__ import annotations

import io
import re
from datetime import date, timedelta
from decimal import Decimal as D
from typing import Any

import pytest
from django.conf import settings as django_settings
from django.contrib.auth.models import User
from django.db import transaction
from django.test import Client
from django.urls import reverse
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from core.vn import format_percent
from exchange.workbook import export_workbook
from reports.figures import CATEGORIES, TargetCounts, _target_rows
from targets import selectors, services
from targets.models import Target
from targets.outcomes.achievement import IN_PROGRESS, STATUS_LABELS_VI, Status, stale_as_of
from targets.periods import parse_period
from targets.templatetags.targets_measure import reading_measure, target_measure
from tests.api.conftest import token_client
from tests.conftest import Tree
from tests.targets.conftest import make_target

SHAPES: list[tuple[str, dict[str, Any]]] = [
    ("count", {"planned": "12", "unit": "nội dung"}),
    ("quantity", {"planned": "10", "unit": "người"}),
    ("rate_floor", {"planned": "8", "unit": "%"}),
    ("rate_ceiling", {"planned": "9", "strict": False, "unit": "vụ"}),
    ("range", {"planned": None, "planned_low": D(5), "planned_high": D(8), "unit": "%"}),
    ("reduction", {"planned": "2", "baseline": D(12)}),
    ("growth", {"planned": "5"}),
    ("rank", {"planned": "9", "rank_out_of": 20}),
    ("milestone", {"planned": None}),
    ("maintain", {"planned": None}),
]
ASKED = ["before", "mid", "end-1", "end", "end+1", "later"]
MODE = django_settings.CHITIEU_ROUNDING


@pytest.fixture
def clients(tree: Tree, alice: User, bob: User) -> dict[str, Any]:
    staff, leader = Client(), Client()
    staff.force_login(alice)
    leader.force_login(bob)
    return {"staff": staff, "leader": leader, "api": token_client(bob)}


def _number(value: Any) -> Any:
    if value is None or value == "":
        return None
    if isinstance(value, bool) or value in ("yes", "no"):
        return "yes" if value in (True, "yes") else "no"
    return D(str(value)).quantize(D("0.0001"))


def _pct(value: Any) -> str:
    return format_percent(D(str(value)), MODE).removesuffix("%") if value not in (None, "") else ""


def _words(text: str) -> str:
    return "" if text == "—" else text


def _day(text: str | None) -> date | None:
    if not text:
        return None
    if "-" in text:
        return date.fromisoformat(text)
    day, month, year = (int(p) for p in text.split("/"))
    return date(year, month, day)


def surfaces(target: Target, cut_off: date, clients: dict[str, Any]) -> dict[str, tuple[Any, ...]]:
    """(value, measure, %, status, reading date, date shown beside it) of `target` on every surface; and
    the measure in words where a surface prints it."""
    organisation = target.organisation
    year = parse_period(str(target.period_start.year))
    dd = f"{cut_off.day:02d}/{cut_off.month:02d}/{cut_off.year}"
    seen: dict[str, tuple[Any, ...]] = {}

    page = clients["leader"].get(
        reverse("dashboard", args=[organisation.pk]), {"period": year.code, "cut_off": dd}
    )
    (t,) = [t for t in page.context["board"].targets if t.pk == target.pk]
    value = t.cur_done if target.yes_no else t.cur_value
    seen["dashboard"] = (
        _number(value),
        _number(t.cur_measure),
        _pct(t.cur_pct),
        t.cur_status,
        t.cur_cut_off,
        t.cur_as_of,
        _words(target_measure(t)),
    )

    (row,) = [
        r
        for r in selectors.entry_rows(organisation, parse_period(target.period), cut_off)
        if r.target.pk == target.pk
    ]
    grid = clients["staff"].get(
        reverse("targets:entry_grid", args=[organisation.pk, target.period]), {"cut_off": dd}
    )
    assert any(r.target.pk == target.pk for r, _form in grid.context["rows"])
    r = row.standing
    seen["entry_grid"] = (
        _number(None if r is None else (r.done if target.yes_no else r.value)),
        _number(r.measure if r else None),
        _pct(r.achievement_pct if r else None),
        str(row.status),
        r.cut_off if r else None,
        row.as_of,
        _words(reading_measure(r, target)) if r else "",
    )

    detail = clients["leader"].get(reverse("targets:target_detail", args=[target.pk]), {"cut_off": dd})
    o = detail.context["outcome"]
    seen["target_page"] = (
        _number(o.cur_done if target.yes_no else o.cur_value),
        _number(o.cur_measure),
        _pct(o.cur_pct),
        o.cur_status,
        o.cur_cut_off,
        o.cur_as_of,
        _words(target_measure(o)),
    )

    body = clients["api"].get(
        reverse("api:target-detail", args=[target.pk]), {"cut_off": cut_off.isoformat()}
    )
    a = body.json()["outcome"]
    seen["api"] = (
        _number(a["done"] if target.yes_no else a["value"]),
        _number(a["measure"]),
        _pct(a["achievement_pct"]),
        a["status"],
        _day(a["reading_cut_off"]),
        _day(a["stale_as_of"]),
        None,
    )
    assert a["achievement_pct_display"] in (None, _pct(a["achievement_pct"]) + "%")

    book = load_workbook(io.BytesIO(export_workbook(organisation=organisation, cut_off=cut_off)))
    sheet = book["targets"]
    header = [cell.value for cell in sheet[1]]
    (line,) = [
        dict(zip(header, [c.value for c in cells], strict=True))
        for cells in sheet.iter_rows(min_row=2)
        if cells[0].value == target.code
    ]
    read_on = _day(line["as_of"])
    seen["export"] = (
        _number(line["actual"]),
        _number(line["measure"]),
        _pct(line["achievement_pct"].replace(".", "").replace(",", ".")) if line["achievement_pct"] else "",
        line["status"],
        read_on,
        stale_as_of(read_on, period_end=target.period_end, cut_off=cut_off),
        None,
    )

    (appendix,) = [x for x in _target_rows(organisation, year, cut_off, MODE) if x.target.pk == target.pk]
    reading = appendix.reading
    seen["report"] = (
        _number(None if reading is None else (reading.done if target.yes_no else reading.value)),
        _number(appendix.outcome.measure),
        _pct(appendix.outcome.achievement_pct),
        str(appendix.outcome.status),
        reading.cut_off if reading else None,
        appendix.outcome.as_of,
        appendix.measure_display(),
    )
    if appendix.outcome.as_of is not None:
        assert f"({'số liệu đến'}" in appendix.actual_display()
    return seen


def _same(seen: dict[str, tuple[Any, ...]]) -> None:
    first = seen["report"]
    for name, figures in seen.items():
        # Words are compared where the surface prints them (the API and the export give numbers).
        assert figures[:6] == first[:6], (name, figures, first)
        if figures[6] is not None:
            assert figures[6] == first[6], (name, figures, first)


def body_counts_are_the_appendix(organisation: Any, cut_off: date) -> None:
    rows = _target_rows(organisation, parse_period("2024"), cut_off, MODE)
    counts = TargetCounts.of(rows, cut_off)
    labels = [STATUS_LABELS_VI[row.outcome.status] for row in rows]
    assert sum(n for _words, n in counts.categories) == counts.total == len(rows)
    for members, words in CATEGORIES:
        assert counts.count(words) == sum(1 for row in rows if row.outcome.status in members)
    phrase = counts.phrase()
    said = {words: int(n) for n, words in re.findall(r"(\d+) chỉ tiêu ([^;()]+?)(?:;|\))", phrase)}
    for words, n in said.items():
        assert counts.count(words) == n, phrase
    if rows:
        assert phrase.split("/")[1].startswith(f"{len(rows)} chỉ tiêu"), phrase
    assert len(labels) == len(rows)


targets_strategy = st.lists(
    st.tuples(
        st.sampled_from(range(len(SHAPES))),
        st.sampled_from(["dept", "grassroots", "cell"]),
        st.sampled_from(["2024-H1", "2024"]),
        st.lists(
            st.tuples(st.integers(0, 370), st.integers(1, 20), st.none() | st.integers(1, 20)),
            max_size=3,
            unique_by=lambda r: r[0],
        ),
    ),
    min_size=1,
    max_size=3,
)


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(targets=targets_strategy, asked=st.sampled_from(ASKED))
# The year-end case, and a ceiling, a growth and a rank read once at mid-year and asked at the end.
@example(targets=[(0, "dept", "2024", [(181, 8, None)])], asked="end")
@example(
    targets=[
        (3, "cell", "2024", [(181, 12, None)]),
        (6, "dept", "2024", [(100, 9, 8)]),
        (7, "grassroots", "2024", [(181, 9, 20)]),
    ],
    asked="end",
)
def test_every_surface_gives_one_truth_for_random_trees(
    tree: Tree,
    clients: dict[str, Any],
    targets: list[tuple[int, str, str, list[tuple[int, int, int | None]]]],
    asked: str,
) -> None:
    with transaction.atomic():
        made: list[Target] = []
        for n, (shape, where, code, readings) in enumerate(targets):
            period = parse_period(code)
            name, extra = SHAPES[shape]
            target = make_target(getattr(tree, where), f"R-{n}", shape=name, period=code, **extra)
            for offset, value, previous in readings:
                services.reading_record(
                    target=target,
                    cut_off=min(period.start + timedelta(days=offset), period.end),
                    value=D(value),
                    done=value >= 10,
                    previous=D(previous)
                    if previous is not None and name in ("growth", "rank", "reduction")
                    else None,
                    reason="sửa",
                    acting_user=None,
                )
            made.append(target)
        for target in made:
            period = parse_period(target.period)
            cut_off = {
                "before": period.start - timedelta(days=1),
                "mid": period.start + timedelta(days=120),
                "end-1": period.end - timedelta(days=1),
                "end": period.end,
                "end+1": period.end + timedelta(days=1),
                "later": period.end + timedelta(days=200),
            }[asked]
            seen = surfaces(target, cut_off, clients)
            _same(seen)
            if cut_off >= period.end:
                assert seen["report"][3] not in IN_PROGRESS, seen
            assert Status(seen["report"][3])
            body_counts_are_the_appendix(target.organisation, cut_off)
        transaction.set_rollback(True)
