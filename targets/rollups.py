"""Rollups of target outcomes over an organisation's subtree, computed in the database.

Each reading stores its computed status and achievement % (targets/achievement.py, at write time), so a
rollup is an aggregate query whatever the size of the subtree: no nightly job, and a reading saved by
staff shows at once.

Two ways to the same numbers:
- unfiltered (every dashboard's default view), the sum of the organisation's subtree steps up to the
  cut-off (targets.SubtreeStep, kept by targets/steps.py on every write): a few rows per period, so the
  root of a province (280.000 targets a year) rolls up in a millisecond;
- narrowed by shape, document or words of the title, the latest current reading of each target in the
  subtree, probed one by one (`with_outcome`): seconds at the root of a province, so the dashboard keeps
  them in the cache per subtree (committees/subtree_cache.py), forgotten on every write below.
"""

from __future__ import annotations

import operator
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from functools import reduce
from typing import Any

from django.db.models import (
    Avg,
    Case,
    CharField,
    Count,
    DecimalField,
    F,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Coalesce, Substr

from committees.models import Organisation
from targets.models import Reading, SubtreeStep, Target
from targets.periods import Period, PeriodKind

MET = ("met", "exceeded")
# Each segment of a materialised path is 7 digits and a slash.
PATH_SEGMENT = 8
MEAN_PLACES = Decimal("0.000001")


@dataclass(frozen=True)
class Rollup:
    total: int
    met: int
    exceeded: int
    not_met: int
    behind: int
    on_track: int
    no_data: int
    mean_pct: Decimal | None

    @property
    def met_share(self) -> Decimal | None:
        return Decimal(self.met) * 100 / self.total if self.total else None

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> Rollup:
        return cls(
            total=row["total"] or 0,
            met=row["met"] or 0,
            exceeded=row["exceeded"] or 0,
            not_met=row["not_met"] or 0,
            behind=row["behind"] or 0,
            on_track=row["on_track"] or 0,
            no_data=row["no_data"] or 0,
            mean_pct=_mean(row["mean_pct"]),
        )

    @classmethod
    def from_steps(cls, row: dict[str, Any]) -> Rollup:
        """From the sums of step columns (targets.models.Steps: "met" there counts the status met alone)."""
        n = row["pct_n"] or 0
        return cls(
            total=row["total"] or 0,
            met=(row["met"] or 0) + (row["exceeded"] or 0),
            exceeded=row["exceeded"] or 0,
            not_met=row["not_met"] or 0,
            behind=row["behind"] or 0,
            on_track=row["on_track"] or 0,
            no_data=row["no_data"] or 0,
            mean_pct=_mean(Decimal(row["pct_sum"]) / n) if n else None,
        )


def _mean(value: Decimal | float | None) -> Decimal | None:
    """The mean % to the places readings are stored with: both ways of computing it agree to them."""
    return None if value is None else Decimal(value).quantize(MEAN_PLACES)


EMPTY = Rollup(0, 0, 0, 0, 0, 0, 0, None)


def _scope_bounds(period: Period) -> tuple[date, date]:
    if period.kind is PeriodKind.TERM:
        return period.start, period.end
    return date(period.year, 1, 1), date(period.year, 12, 31)


def scope_of(period: Period) -> Q:
    """Which targets a dashboard for `period` counts: those of its year (or of its term)."""
    first, last = _scope_bounds(period)
    return Q(period_start__gte=first, period_end__lte=last)


def in_scope(period: Period, start: date, end: date) -> bool:
    """`scope_of` for one target's period, in Python."""
    first, last = _scope_bounds(period)
    return first <= start and end <= last


def with_outcome(targets: QuerySet[Target], cut_off: date) -> QuerySet[Target]:
    """Annotate each target with the status and % of its latest current reading at `cut_off`."""
    latest = Reading.objects.filter(target=OuterRef("pk"), is_current=True, cut_off__lte=cut_off).order_by(
        "-cut_off", "-id"
    )
    return targets.annotate(
        cur_status=Coalesce(
            Subquery(latest.values("status")[:1]), Value("no_data"), output_field=CharField()
        ),
        cur_pct=Subquery(latest.values("achievement_pct")[:1]),
        cur_value=Subquery(latest.values("value")[:1]),
        cur_done=Subquery(latest.values("done")[:1]),
        cur_kind=Subquery(latest.values("kind")[:1]),
        cur_cut_off=Subquery(latest.values("cut_off")[:1]),
        cur_measure=Subquery(latest.values("measure")[:1]),
        cur_previous=Subquery(latest.values("previous")[:1]),
    )


def _aggregates() -> dict[str, Any]:
    capped = Case(
        When(cur_pct__gt=100, then=Value(Decimal(100))),
        default=F("cur_pct"),
        output_field=DecimalField(max_digits=24, decimal_places=6),
    )
    return {
        "total": Count("pk"),
        "met": Count("pk", filter=Q(cur_status__in=MET)),
        "exceeded": Count("pk", filter=Q(cur_status="exceeded")),
        "not_met": Count("pk", filter=Q(cur_status="not_met")),
        "behind": Count("pk", filter=Q(cur_status="behind")),
        "on_track": Count("pk", filter=Q(cur_status="on_track")),
        "no_data": Count("pk", filter=Q(cur_status="no_data")),
        "mean_pct": Avg(capped),
    }


def subtree_targets(organisation: Organisation, period: Period) -> QuerySet[Target]:
    return Target.objects.filter(scope_of(period), organisation__path__startswith=organisation.path)


def _step_sums() -> dict[str, Any]:
    return {name: Sum(name) for name in SubtreeStep.SUMS}


def rollup(organisation: Organisation, period: Period, cut_off: date, *, filters: Q | None = None) -> Rollup:
    """One query: the rollup of every target in the organisation's subtree."""
    if not filters:
        return rollups_at(organisation, [(period, cut_off)])[0]
    targets = with_outcome(subtree_targets(organisation, period).filter(filters), cut_off)
    return Rollup.from_row(targets.aggregate(**_aggregates()))


def rollups_at(
    organisation: Organisation, points: list[tuple[Period, date]], *, filters: Q | None = None
) -> list[Rollup]:
    """The subtree's rollups at several (period, cut-off) points: unfiltered, one query for the subtree
    steps of all of them (a few rows per period), summed here; filtered, one query per point."""
    if filters:
        return [rollup(organisation, period, cut_off, filters=filters) for period, cut_off in points]
    wheres = [scope_of(period) & Q(day__lte=cut_off) for period, cut_off in points]
    rows = list(
        SubtreeStep.objects.filter(reduce(operator.or_, wheres), organisation=organisation).values_list(
            "period_start", "period_end", "day", *SubtreeStep.SUMS
        )
    )
    results = []
    for period, cut_off in points:
        sums = [0] * len(SubtreeStep.SUMS)
        for start, end, day, *values in rows:
            if day <= cut_off and in_scope(period, start, end):
                sums = [a + b for a, b in zip(sums, values, strict=True)]
        results.append(Rollup.from_steps(dict(zip(SubtreeStep.SUMS, sums, strict=True))))
    return results


def children_rollups(
    organisation: Organisation, period: Period, cut_off: date, *, filters: Q | None = None
) -> dict[str, Rollup]:
    """One query: a rollup per child subtree, keyed by the child's path."""
    if not filters:
        steps = (
            SubtreeStep.objects.filter(scope_of(period), organisation__parent=organisation, day__lte=cut_off)
            .order_by()
            .values("organisation__path")
            .annotate(**_step_sums())
        )
        return {row["organisation__path"]: Rollup.from_steps(row) for row in steps}  # type: ignore[arg-type]
    prefix_length = len(organisation.path) + PATH_SEGMENT
    targets = with_outcome(
        subtree_targets(organisation, period).filter(filters).exclude(organisation_id=organisation.pk),
        cut_off,
    ).annotate(child_path=Substr("organisation__path", 1, prefix_length))
    rows = targets.order_by().values("child_path").annotate(**_aggregates())
    return {row["child_path"]: Rollup.from_row(row) for row in rows}  # type: ignore[arg-type]


def years_with_targets(organisation: Organisation, up_to: int) -> list[int]:
    """The years (newest first) in which the subtree has targets, for the period picker and its default.

    From the steps every target enters with: a row per period, not one per target."""
    starts = (
        SubtreeStep.objects.filter(
            organisation=organisation, day=SubtreeStep.FIRST_DAY, total__gt=0, period_start__year__lte=up_to
        )
        .order_by()
        .values_list("period_start__year", flat=True)
        .distinct()
    )
    return sorted(set(starts), reverse=True)
