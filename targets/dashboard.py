"""The leaders' dashboard: what it shows, gathered in a fixed number of queries whatever the tree size."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from django.db.models import Q
from django.utils.translation import gettext as _

from committees import subtree_cache
from committees.models import Organisation
from core.vn import VnValueError, format_date, parse_date
from targets import cycle
from targets.filters import DashboardFilterSet
from targets.models import Target
from targets.outcomes import rollups, standing
from targets.outcomes.rollups import Rollup
from targets.periods import Period, PeriodError, PeriodKind, parse_period


@dataclass
class ChildRow:
    organisation: Organisation
    rollup: Rollup

    @property
    def tone(self) -> str:
        """The colour of the child's bar: red if anything is missed, amber if behind, green if all met."""
        r = self.rollup
        if r.total == 0 or r.no_data == r.total:
            return "no_data"
        if r.not_met:
            return "not_met"
        if r.behind:
            return "behind"
        if r.met == r.total:
            return "exceeded" if r.exceeded == r.total else "met"
        return "on_track"


@dataclass
class Dashboard:
    organisation: Organisation
    period: Period
    cut_off: date
    headline: Rollup
    last_year: Rollup
    previous_period: Rollup
    previous_label: str
    targets: list[Target]
    children: list[ChildRow]
    trend: list[dict[str, Any]] = field(default_factory=list)
    comparisons: list[tuple[str, Rollup]] = field(default_factory=list)


def default_cut_off(period: Period, today: date) -> date:
    return min(max(today, period.start), period.end)


def _periods(organisation: Organisation, today: date) -> tuple[list[int], str | None, list[str]]:
    return subtree_cache.cached(
        organisation,
        "periods-and-windows",
        (today.year,),
        lambda: rollups.periods_with_targets(organisation, today.year),
        figures=False,
    )


def period_windows(organisation: Organisation, today: date) -> list[Period]:
    """The multi-year windows (terms) the period picker offers beside the years, newest first."""
    return [parse_period(code) for code in _periods(organisation, today)[2]]


def picker_windows(organisation: Organisation, today: date, default: Period) -> list[Period]:
    """The windows the period picker offers (page and API): every term and multi-year window of the
    subtree's targets, and the default period when it is a term."""
    windows = period_windows(organisation, today)
    if default.kind is PeriodKind.TERM and default not in windows:
        windows.insert(0, default)
    return windows


def period_years(organisation: Organisation, today: date) -> list[int]:
    """The years of the dashboard's period picker, newest first (today's year when there are none)."""
    return _periods(organisation, today)[0] or [today.year]


def default_period(organisation: Organisation, today: date) -> Period:
    """The period a page of the organisation opens on when none is asked for: the dashboard (and its
    API), the organisation page and the reporting-cycle panel all start here, so they show the same time.

    The newest year that has targets in the subtree; when that year's only targets are those of a term
    starting in it (a new congress's targets), the term, whose targets the year's scope would leave out.
    """
    return parse_period(_periods(organisation, today)[1] or str(today.year))


def has_targets(organisation: Organisation, today: date) -> bool:
    """Whether the subtree has any target up to this year; without one the dashboard shows first steps."""
    return _periods(organisation, today)[1] is not None


def default_cycle_period(organisation: Organisation, today: date) -> Period:
    """The half-year whose submission goes with the default period's figures (see default_period)."""
    period = default_period(organisation, today)
    return cycle.period_for_cut_off(default_cut_off(period, today), today)


_same_time_last_year = standing.same_day_last_year


def last_year_values(
    targets: list[Target], organisation: Organisation, period: Period, cut_off: date
) -> None:
    """Attach `last_year_value` to each target (targets.outcomes.standing.last_year_values, the report's
    rule too)."""
    values = standing.last_year_values(
        ((t, t.cur_previous) for t in targets),  # type: ignore[attr-defined]
        organisation,
        period,
        cut_off,
    )
    for target in targets:
        target.last_year_value = values[target.pk]  # type: ignore[attr-defined]


def build(
    organisation: Organisation,
    period: Period,
    cut_off: date,
    *,
    filters: Q,
    status: str | None,
    sort: str,
    shape: str | None = None,
    trend_points: int = 6,
) -> Dashboard:
    """The dashboard of the organisation's subtree, of the targets of one `shape` (or all) that match
    `filters`."""
    figures = subtree_cache.cached(
        organisation,
        "dashboard",
        (period.code, cut_off.isoformat(), shape or "", subtree_cache.q_key(filters), trend_points),
        lambda: numbers(organisation, period, cut_off, filters, trend_points, shape=shape),
    )
    own = rollups.with_outcome(
        Target.objects.filter(
            rollups.scope_of(period), rollups.of_shape(shape), filters, organisation=organisation
        ),
        cut_off,
    ).select_related("document")
    if status:
        own = own.filter(cur_status__in=rollups.MET if status == "met" else [status])  # type: ignore[misc]
    targets = list(own.order_by("period_start", "position", "id"))
    last_year_values(targets, organisation, period, cut_off)

    by_path = figures["children"]
    # Not committees.selectors.organisation_children: its member counts (a scan of every member below,
    # 270 ms under the root of a province) are not shown on the dashboard.
    children = [
        ChildRow(child, by_path.get(child.path, rollups.EMPTY))
        for child in organisation.children.filter(valid_to__isnull=True).order_by("path")
    ]
    children.sort(key=_sort_key(sort), reverse=sort.startswith("-"))
    return Dashboard(
        organisation=organisation,
        period=period,
        cut_off=cut_off,
        headline=figures["headline"],
        last_year=figures["last_year"],
        previous_period=figures["previous_period"],
        previous_label=period.previous().label(),
        targets=targets,
        children=children,
        trend=figures["trend"],
        comparisons=comparisons(period, cut_off, figures["last_year"], figures["previous_period"]),
    )


def comparisons(
    period: Period, cut_off: date, last_year: Rollup, previous: Rollup
) -> list[tuple[str, Rollup]]:
    """The "So sánh" line: the same time last year, then the previous period as a whole. For a year or a
    term seen at its end these are one and the same rollup (the previous year at its end), shown once."""
    same_time = _same_time_last_year(cut_off)
    previous_period = period.previous()
    previous_cut_off = min(cut_off, previous_period.end)
    if previous_period == period.same_period_last_year() and previous_cut_off == same_time:
        return [(_("%(period)s, cùng kỳ") % {"period": previous_period.label()}, last_year)]
    return [
        (_("cùng kỳ năm trước (đến %(day)s)") % {"day": format_date(same_time)}, last_year),
        (previous_period.label(), previous),
    ]


def numbers(
    organisation: Organisation,
    period: Period,
    cut_off: date,
    filters: Q,
    trend_points: int,
    *,
    shape: str | None = None,
) -> dict[str, Any]:
    """The subtree aggregates of the dashboard (the costly part, cached by `build`): two queries, one for
    the nine rollups and one for the children (targets/outcomes/rollups.py)."""
    previous = period.previous()
    # Half-year ends going back from the cut-off: the trend's points, oldest first.
    trend_cut_offs: list[date] = []
    point = _half_year_end_at_or_before(cut_off)
    for _step in range(trend_points):
        trend_cut_offs.insert(0, point)
        point = _half_year_end_at_or_before(point - timedelta(days=1))
    points = [
        (period, cut_off),
        (period.same_period_last_year(), _same_time_last_year(cut_off)),
        (previous, min(cut_off, previous.end)),
        *((parse_period(str(day.year)), day) for day in trend_cut_offs),
    ]
    at_points, children = rollups.subtree_rollups(organisation, points, filters=filters, shape=shape)
    headline, last_year, previous_period, *trend = at_points
    return {
        "headline": headline,
        "last_year": last_year,
        "previous_period": previous_period,
        "children": children,
        "trend": [
            {
                "cut_off": day.isoformat(),
                "met": r.met,
                "total": r.total,
                "mean_pct": _float(r.mean_pct),
                "plan_pct": plan_pace_pct(day),
            }
            for day, r in zip(trend_cut_offs, trend, strict=True)
        ],
    }


def plan_pace_pct(day: date) -> float:
    """The trend's plan line at a half-year end: the share of the year's plan due by then (the pace the
    statuses "Đúng tiến độ" / "Chậm tiến độ" judge by), 100 at the year's end. Each trend point rolls up
    the targets of the point's year, so at 30/6 about half of the year's plan is due, not all of it."""
    year = parse_period(str(day.year))
    elapsed = year.elapsed(day)
    return 100.0 if elapsed is None else round(float(elapsed) * 100, 2)


def _half_year_end_at_or_before(day: date) -> date:
    if day >= date(day.year, 12, 31):
        return date(day.year, 12, 31)
    if day >= date(day.year, 6, 30):
        return date(day.year, 6, 30)
    return date(day.year - 1, 12, 31)


def _float(value: Decimal | None) -> float | None:
    return float(value) if value is not None else None


SORTS = ("name", "-name", "met", "-met", "mean", "-mean", "total", "-total")


def _sort_key(sort: str) -> Any:
    key = sort.lstrip("-")
    if key == "met":
        return lambda row: row.rollup.met_share if row.rollup.met_share is not None else Decimal(-1)
    if key == "mean":
        return lambda row: row.rollup.mean_pct if row.rollup.mean_pct is not None else Decimal(-1)
    if key == "total":
        return lambda row: row.rollup.total
    return lambda row: row.organisation.path


@dataclass
class DashboardQuery:
    """What a dashboard (the page or the API's rollup) was asked: its filters, period and cut-off. A value
    that does not read gives way to the default and its message goes to `errors`, by field."""

    filterset: DashboardFilterSet
    data: dict[str, Any]
    period: Period
    cut_off: date
    errors: dict[str, list[str]]


def dashboard_query(organisation: Organisation, params: Any, today: date) -> DashboardQuery:
    """With no period asked for, the newest one that has targets; with no cut-off, today's or the
    period's end (default_period, default_cut_off)."""
    default = default_period(organisation, today)
    params = params.copy()
    params.setdefault("period", default.code)
    filterset = DashboardFilterSet(
        params,
        queryset=Target.objects.none(),
        organisation=organisation,
        years=period_years(organisation, today),
        terms=picker_windows(organisation, today, default),
    )
    errors: dict[str, list[str]] = {}
    data: dict[str, Any] = {}
    if filterset.form.is_valid():
        data = filterset.form.cleaned_data
    else:
        errors = {
            name: [str(e) for e in field_errors] for name, field_errors in filterset.form.errors.items()
        }
    try:
        period = parse_period(data.get("period") or default.code)
    except PeriodError as error:
        errors["period"] = [error.message]
        period = default
    try:
        cut_off = parse_date(data["cut_off"]) if data.get("cut_off") else default_cut_off(period, today)
    except VnValueError as error:
        errors["cut_off"] = [error.message]
        cut_off = default_cut_off(period, today)
    return DashboardQuery(filterset, data, period, cut_off, errors)
