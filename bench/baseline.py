"""Hand-written SQL computing the dashboard's numbers: the baselines the dashboard is measured against.

One aggregate per rollup the dashboard shows (headline, same time last year, previous period, one row per
child, six half-year trend points), in two ways:
- from the readings (`dashboard`): the latest current reading per target at the cut-off, counted by
  status, with the mean of the achievement % capped at 100;
- from the subtree steps the product keeps (`dashboard_from_steps`, table targets_subtreestep): the sums
  of the organisation's steps up to the cut-off. This is the product's design, in bare SQL.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from django.db import connection

from committees.models import PATH_SEGMENT, Organisation
from targets.dashboard import _half_year_end_at_or_before, _same_time_last_year


@dataclass(frozen=True)
class Numbers:
    total: int
    met: int
    exceeded: int
    not_met: int
    behind: int
    on_track: int
    no_data: int
    mean_pct: Decimal | None


def _latest_join() -> str:
    if connection.vendor == "postgresql":
        return """
        LEFT JOIN LATERAL (
            SELECT r.status, r.achievement_pct FROM targets_reading r
            WHERE r.target_id = t.id AND r.is_current AND r.cut_off <= %(cut_off)s
            ORDER BY r.cut_off DESC, r.id DESC LIMIT 1
        ) cur ON TRUE"""
    # SQLite has no LATERAL: the latest reading's id per target, then a join on it.
    return """
        LEFT JOIN targets_reading cur ON cur.id = (
            SELECT r.id FROM targets_reading r
            WHERE r.target_id = t.id AND r.is_current AND r.cut_off <= %(cut_off)s
            ORDER BY r.cut_off DESC, r.id DESC LIMIT 1
        )"""


_COUNTS = """
    COUNT(*) AS total,
    COUNT(*) FILTER (WHERE cur.status IN ('met', 'exceeded')) AS met,
    COUNT(*) FILTER (WHERE cur.status = 'exceeded') AS exceeded,
    COUNT(*) FILTER (WHERE cur.status = 'not_met') AS not_met,
    COUNT(*) FILTER (WHERE cur.status = 'behind') AS behind,
    COUNT(*) FILTER (WHERE cur.status = 'on_track') AS on_track,
    COUNT(*) FILTER (WHERE cur.status IS NULL OR cur.status = 'no_data') AS no_data,
    AVG(CASE WHEN cur.achievement_pct > 100 THEN 100 ELSE cur.achievement_pct END) AS mean_pct
"""


def _numbers(row: Any) -> Numbers:
    mean = row[7]
    total, met, exceeded, not_met, behind, on_track, no_data = (int(v or 0) for v in row[:7])
    return Numbers(
        total,
        met,
        exceeded,
        not_met,
        behind,
        on_track,
        no_data,
        Decimal(str(mean)) if mean is not None else None,
    )


def rollup(path: str, year: int, cut_off: date) -> Numbers:
    sql = f"""
        SELECT {_COUNTS}
        FROM targets_target t JOIN committees_organisation o ON o.id = t.organisation_id
        {_latest_join()}
        WHERE o.path LIKE %(prefix)s AND t.period_start >= %(start)s AND t.period_end <= %(end)s
    """
    with connection.cursor() as cursor:
        cursor.execute(sql, _params(path, year, cut_off))
        return _numbers(cursor.fetchone())


def children(organisation: Organisation, year: int, cut_off: date) -> dict[str, Numbers]:
    sql = f"""
        SELECT SUBSTR(o.path, 1, %(length)s) AS child_path, {_COUNTS}
        FROM targets_target t JOIN committees_organisation o ON o.id = t.organisation_id
        {_latest_join()}
        WHERE o.path LIKE %(prefix)s AND t.organisation_id <> %(own)s
          AND t.period_start >= %(start)s AND t.period_end <= %(end)s
        GROUP BY 1
    """
    params = _params(organisation.path, year, cut_off)
    params.update(length=len(organisation.path) + PATH_SEGMENT, own=organisation.pk)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return {row[0]: _numbers(row[1:]) for row in cursor.fetchall()}


def _params(path: str, year: int, cut_off: date) -> dict[str, Any]:
    return {"prefix": f"{path}%", "start": date(year, 1, 1), "end": date(year, 12, 31), "cut_off": cut_off}


@dataclass
class DashboardNumbers:
    headline: Numbers
    last_year: Numbers
    previous_period: Numbers
    children: dict[str, Numbers]
    trend: list[Numbers]


def _dashboard(
    organisation: Organisation,
    year: int,
    cut_off: date,
    rollup_at: Callable[[int, date], Numbers],
    children_of: Callable[[Organisation, int, date], dict[str, Numbers]],
) -> DashboardNumbers:
    trend = []
    point = _half_year_end_at_or_before(cut_off)
    for _ in range(6):
        trend.append(rollup_at(point.year, point))
        point = _half_year_end_at_or_before(point - timedelta(days=1))
    trend.reverse()
    return DashboardNumbers(
        headline=rollup_at(year, cut_off),
        last_year=rollup_at(year - 1, _same_time_last_year(cut_off)),
        previous_period=rollup_at(year - 1, min(cut_off, date(year - 1, 12, 31))),
        children=children_of(organisation, year, cut_off),
        trend=trend,
    )


def dashboard(organisation: Organisation, year: int, cut_off: date) -> DashboardNumbers:
    """Every number of the dashboard of `organisation` for the year `year` at `cut_off`, from the readings."""
    return _dashboard(organisation, year, cut_off, lambda y, day: rollup(organisation.path, y, day), children)


_STEP_SUMS = """
    SUM(s.total), SUM(s.met) + SUM(s.exceeded), SUM(s.exceeded), SUM(s.not_met), SUM(s.behind),
    SUM(s.on_track), SUM(s.no_data), SUM(s.pct_sum) / NULLIF(SUM(s.pct_n), 0)
"""
_STEPS_WHERE = """
    s.period_start >= %(start)s AND s.period_end <= %(end)s AND s.day <= %(cut_off)s
"""


def rollup_from_steps(organisation: Organisation, year: int, cut_off: date) -> Numbers:
    sql = (
        f"SELECT {_STEP_SUMS} FROM targets_subtreestep s WHERE s.organisation_id = %(own)s AND {_STEPS_WHERE}"
    )
    params = _params(organisation.path, year, cut_off)
    params.update(own=organisation.pk)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return _numbers(cursor.fetchone())


def children_from_steps(organisation: Organisation, year: int, cut_off: date) -> dict[str, Numbers]:
    sql = f"""
        SELECT o.path, {_STEP_SUMS}
        FROM targets_subtreestep s JOIN committees_organisation o ON o.id = s.organisation_id
        WHERE o.parent_id = %(own)s AND {_STEPS_WHERE}
        GROUP BY o.path
    """
    params = _params(organisation.path, year, cut_off)
    params.update(own=organisation.pk)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return {row[0]: _numbers(row[1:]) for row in cursor.fetchall()}


def dashboard_from_steps(organisation: Organisation, year: int, cut_off: date) -> DashboardNumbers:
    """`dashboard`, from the subtree steps (targets_subtreestep): one aggregate per rollup, as `dashboard`."""
    return _dashboard(
        organisation,
        year,
        cut_off,
        lambda y, day: rollup_from_steps(organisation, y, day),
        children_from_steps,
    )
