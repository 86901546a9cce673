"""Once a target's period has ended by the cut-off its status is final, and a figure older than the day the
cut-off asks for carries its date: the same on the dashboard (stored steps), the entry grid, the target
page, the API, the workbook export and the report (targets.outcomes.achievement.settled / stale_as_of)."""

from __future__ import annotations

import io
import re
from datetime import date, timedelta
from decimal import Decimal as D
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.db import transaction
from django.test import Client
from django.urls import reverse
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from committees.models import Organisation
from exchange.workbook import export_workbook
from reports.figures import _highlights, _target_rows
from targets import selectors
from targets.models import Target
from targets.outcomes import rollups
from targets.outcomes.achievement import (
    IN_PROGRESS,
    Plan,
    Shape,
    Status,
    evaluate,
    settled,
    stale_as_of,
)
from targets.periods import parse_period
from tests.api.conftest import token_client
from tests.conftest import Tree
from tests.targets.conftest import make_target

# --- the rule, pure --------------------------------------------------------------------------------
decimals = st.decimals(min_value=0, max_value=200, places=2, allow_nan=False, allow_infinity=False)


@st.composite
def plans(draw: st.DrawFn) -> Plan:
    shape = draw(st.sampled_from(list(Shape)))
    low = draw(decimals)
    return Plan(
        shape=shape,
        planned=draw(st.none() | decimals),
        planned_low=low if shape in (Shape.RANGE, Shape.REDUCTION) else None,
        planned_high=low + draw(decimals) if shape in (Shape.RANGE, Shape.REDUCTION) else None,
        baseline=draw(st.none() | decimals),
        strict=draw(st.booleans()),
    )


@settings(max_examples=400, deadline=None)
@given(
    plan=plans(),
    actual=st.none() | decimals | st.booleans(),
    previous=st.none() | decimals,
    elapsed=st.decimals(min_value=0, max_value=1, places=4),
)
def test_a_pace_status_settled_at_the_end_is_the_status_of_a_period_over(
    plan: Plan, actual: Any, previous: D | None, elapsed: D
) -> None:
    """Judging a reading read mid-period and then settling it is judging it with the period over: the %
    and measure are the same, only an in-progress status becomes final."""
    boolean = plan.shape in (Shape.MILESTONE, Shape.MAINTAIN)
    if actual is not None and isinstance(actual, bool) != boolean:
        actual = bool(actual) if boolean else D(int(actual))
    running = evaluate(plan, actual, previous=previous, elapsed=elapsed)
    over = evaluate(plan, actual, previous=previous, elapsed=None)
    end = date(2024, 12, 31)
    assert settled(running.status, period_end=end, cut_off=end) is over.status
    assert settled(running.status, period_end=end, cut_off=end + timedelta(days=40)) is over.status
    assert settled(running.status, period_end=end, cut_off=end - timedelta(days=1)) is running.status
    assert (running.achievement_pct, running.measure) == (over.achievement_pct, over.measure)


def test_the_as_of_date_shows_only_a_figure_older_than_the_day_asked_for() -> None:
    end = date(2024, 12, 31)
    assert stale_as_of(date(2024, 6, 30), period_end=end, cut_off=date(2024, 12, 31)) == date(2024, 6, 30)
    assert stale_as_of(date(2024, 6, 30), period_end=end, cut_off=date(2024, 9, 30)) == date(2024, 6, 30)
    assert stale_as_of(date(2024, 6, 30), period_end=end, cut_off=date(2024, 6, 30)) is None
    assert stale_as_of(date(2024, 12, 31), period_end=end, cut_off=date(2025, 3, 1)) is None
    assert stale_as_of(None, period_end=end, cut_off=date(2025, 3, 1)) is None


# --- every surface, from the database ---------------------------------------------------------------
STATUS_BADGE = re.compile(r'data-col="status"[^>]*>\s*<span class="badge (\w+)"')
OUTCOME_BADGE = re.compile(r'class="outcome">.*?<span class="badge (\w+)"', re.S)
AS_OF = re.compile(r'class="muted small as-of">\(số liệu đến (\d+/\d+/\d{4})\)')


def _vn(day: date | None) -> str | None:
    return f"{day.day}/{day.month}/{day.year}" if day else None


def _dd(day: date | None) -> str:
    return f"{day.day:02d}/{day.month:02d}/{day.year}" if day else ""


def surfaces(
    target: Target, cut_off: date, *, staff: Client, leader: Client, api: Any
) -> dict[str, tuple[str, str | None]]:
    """(status, as-of date d/m/yyyy) of `target` at `cut_off`, as each surface gives it."""
    organisation: Organisation = target.organisation
    result: dict[str, tuple[str, str | None]] = {}

    rollup = rollups.rollup(organisation, parse_period(str(target.period_start.year)), cut_off)
    counted = {s: getattr(rollup, s) for s in ("exceeded", "not_met", "on_track", "behind", "no_data")}
    counted["met"] = rollup.met - rollup.exceeded
    assert rollup.total == 1 and sum(counted.values()) == 1, rollup
    dashboard_status = next(s for s, n in counted.items() if n)

    listed = rollups.with_outcome(Target.objects.filter(pk=target.pk), cut_off).get()
    result["dashboard"] = (dashboard_status, _vn(listed.cur_as_of))  # type: ignore[attr-defined]
    result["lists"] = (listed.cur_status, _vn(listed.cur_as_of))  # type: ignore[attr-defined]

    row = selectors.entry_row(target, cut_off)
    result["entry_row"] = (str(row.status), _vn(row.as_of))
    grid = staff.get(
        reverse("targets:entry_grid", args=[organisation.pk, target.period]), {"cut_off": _dd(cut_off)}
    ).content.decode()
    as_of = AS_OF.search(grid)
    result["entry_grid"] = (STATUS_BADGE.findall(grid)[0], as_of.group(1) if as_of else None)

    page = leader.get(reverse("targets:target_detail", args=[target.pk]), {"cut_off": _dd(cut_off)})
    html = page.content.decode()
    as_of = AS_OF.search(html)
    result["target_page"] = (OUTCOME_BADGE.findall(html)[0], as_of.group(1) if as_of else None)

    body = api.get(reverse("api:target-detail", args=[target.pk]), {"cut_off": cut_off.isoformat()}).json()
    stale = body["outcome"]["stale_as_of"]
    result["api"] = (body["outcome"]["status"], _vn(date.fromisoformat(stale)) if stale else None)

    book = load_workbook(io.BytesIO(export_workbook(organisation=organisation, cut_off=cut_off)))
    sheet = book["targets"]
    header = [cell.value for cell in sheet[1]]
    line = dict(zip(header, [cell.value for cell in sheet[2]], strict=True))
    read_on = date(*reversed([int(p) for p in line["as_of"].split("/")])) if line["as_of"] else None
    assert read_on == listed.cur_cut_off  # type: ignore[attr-defined]
    exported_stale = stale_as_of(read_on, period_end=target.period_end, cut_off=cut_off)
    result["export"] = (line["status"], _vn(exported_stale))

    (report_row,) = _target_rows(
        organisation, parse_period(str(target.period_start.year)), cut_off, "half_up"
    )
    shown = re.search(r"số liệu đến (\d+/\d+/\d{4})", report_row.actual_display())
    result["report"] = (str(report_row.outcome.status), shown.group(1) if shown else None)
    return result


@pytest.fixture
def clients(tree: Tree, alice: User, bob: User) -> dict[str, Any]:
    staff, leader = Client(), Client()
    staff.force_login(alice)
    leader.force_login(bob)
    return {"staff": staff, "leader": leader, "api": token_client(bob)}


def test_at_31_12_a_30_6_reading_is_final_and_dated_everywhere(tree: Tree, clients: dict[str, Any]) -> None:
    """The issue's case: 20/30 read on 30/6 of a 2024 target. At 31/12/2024 the year is over: "Chưa đạt",
    "số liệu đến 30/6/2024", on every surface; at 30/6 it was on pace, with no date beside it."""
    from targets import services

    target = make_target(tree.dept, "T-2030", planned="30", unit="nội dung", title="Nội dung trình UBND")
    services.reading_record(target=target, cut_off=date(2024, 6, 30), value=D(20), acting_user=None)

    at_end = surfaces(target, date(2024, 12, 31), **clients)
    assert set(at_end.values()) == {("not_met", "30/6/2024")}, at_end
    at_half = surfaces(target, date(2024, 6, 30), **clients)
    assert set(at_half.values()) == {("on_track", None)}, at_half

    (row,) = _target_rows(tree.dept, parse_period("2024"), date(2024, 12, 31), "half_up")
    assert row.actual_display() == "20 (số liệu đến 30/6/2024)"
    assert row.measure_display() == "66,67%"
    assert row.status_label == "Chưa đạt"
    assert _highlights([row], "half_up") == [
        "20/30 nội dung trình UBND (đạt 66,67% kế hoạch năm) (số liệu đến 30/6/2024)"
    ]


SHAPES: list[tuple[str, dict[str, Any]]] = [
    ("count", {"planned": "30"}),
    ("rate_floor", {"planned": "80", "unit": "%"}),
    ("milestone", {"planned": None}),
]


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    shape=st.sampled_from(range(len(SHAPES))),
    code=st.sampled_from(["2024-H1", "2024"]),
    readings=st.lists(
        st.tuples(st.integers(min_value=0, max_value=180), st.integers(min_value=0, max_value=100)),
        max_size=3,
        unique_by=lambda r: r[0],
    ),
    asked=st.sampled_from(["before", "mid", "end-1", "end", "end+1", "later"]),
)
# Always tried: a year's count on pace at 30/6 and asked at the end; a half-year's rate behind, asked later.
@example(shape=0, code="2024", readings=[(181, 20)], asked="end")
@example(shape=1, code="2024-H1", readings=[(30, 50)], asked="later")
@example(shape=2, code="2024", readings=[(10, 0)], asked="end+1")
def test_every_surface_gives_one_status_and_date_at_any_cut_off(
    tree: Tree, clients: dict[str, Any], shape: int, code: str, readings: list[tuple[int, int]], asked: str
) -> None:
    from targets import services

    period = parse_period(code)
    cut_off = {
        "before": period.start - timedelta(days=1),
        "mid": period.start + timedelta(days=120),
        "end-1": period.end - timedelta(days=1),
        "end": period.end,
        "end+1": period.end + timedelta(days=1),
        "later": period.end + timedelta(days=200),
    }[asked]
    name, extra = SHAPES[shape]
    with transaction.atomic():
        target = make_target(tree.cell, "P-1", shape=name, period=code, **extra)
        for offset, value in readings:
            services.reading_record(
                target=target,
                cut_off=min(period.start + timedelta(days=offset), period.end),
                value=D(value),
                done=value >= 50,
                acting_user=None,
            )
        seen = surfaces(target, cut_off, **clients)
        transaction.set_rollback(True)
    assert len(set(seen.values())) == 1, seen
    status, _as_of = seen["api"]
    if cut_off >= period.end:
        assert status not in IN_PROGRESS, seen
    assert Status(status)


def test_the_migration_adds_the_settling_steps_to_steps_stored_before(tree: Tree) -> None:
    """Steps stored by the release before (no step on the period's end) are brought to what a rebuild gives
    by the frozen SQL of the migration, and taken back by its reverse."""
    import importlib
    from types import SimpleNamespace

    from django.db import connection

    from targets import services
    from tests.targets.test_steps import assert_steps_true

    migration = importlib.import_module("targets.migrations.0007_settle_steps_at_period_end")
    editor = SimpleNamespace(connection=connection)
    target = make_target(tree.cell2, "M-1", planned="30")
    services.reading_record(target=target, cut_off=date(2024, 6, 30), value=D(20), acting_user=None)
    make_target(tree.cell, "M-2", shape="rate_floor", planned="80", unit="%", period="2024-H1")
    other = Target.objects.get(code="M-2")
    services.reading_record(target=other, cut_off=date(2024, 3, 31), value=D(60), acting_user=None)
    end = date(2024, 12, 31)

    migration.unsettle(None, editor)  # the steps as the release before stored them
    before = rollups.rollup(tree.city, parse_period("2024"), end)
    assert (before.on_track, before.behind, before.not_met) == (1, 1, 0)

    migration.settle(None, editor)
    assert_steps_true()
    after = rollups.rollup(tree.city, parse_period("2024"), end)
    assert (after.on_track, after.behind, after.not_met) == (0, 0, 2)


def test_the_per_shape_migration_rebuilds_the_steps_with_its_own_frozen_sql(tree: Tree) -> None:
    """Migration 0005 rebuilds the steps without calling targets/outcomes/steps.py: its frozen SQL, followed by the
    settling of 0007, gives exactly what today's rebuild gives, from tables left empty or wrong."""
    import importlib
    from types import SimpleNamespace

    from django.apps import apps as django_apps
    from django.db import connection

    from targets import services
    from targets.models import OutcomeStep, SubtreeStep
    from tests.targets.test_steps import assert_steps_true

    per_shape = importlib.import_module("targets.migrations.0005_steps_per_shape")
    settling = importlib.import_module("targets.migrations.0007_settle_steps_at_period_end")
    editor = SimpleNamespace(connection=connection)
    target = make_target(tree.cell2, "M-1", planned="30")
    services.reading_record(target=target, cut_off=date(2024, 3, 31), value=D(10), acting_user=None)
    services.reading_record(target=target, cut_off=date(2024, 6, 30), value=D(40), acting_user=None)
    make_target(tree.cell, "M-2", shape="rate_floor", planned="80", unit="%", period="2024-H1")
    other = Target.objects.get(code="M-2")
    services.reading_record(target=other, cut_off=date(2024, 3, 31), value=D(60), acting_user=None)
    make_target(tree.dept, "M-3", planned="5")  # no reading at all
    OutcomeStep.objects.all().delete()
    SubtreeStep.objects.update(total=99)

    per_shape.build_steps(django_apps, editor)
    settling.settle(None, editor)

    assert OutcomeStep.objects.exists()
    assert_steps_true()
