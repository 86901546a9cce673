"""The read interface of outcomes: what stands at a cut-off, the one definition every page, export and
report uses (the dashboard and its lists, the entry grid, the target page, the API, the workbook export
and the report's appendix).

- The reading that stands at a cut-off is the latest *current* reading of the target dated at or before
  it (`standing_readings`: newest cut-off, then newest row). Superseded rows never stand.
- Its status as it stands then is `achievement.settled` (final once the period has ended), its date is
  shown when older than the day the cut-off asks for (`achievement.stale_as_of`), its measure and % are
  the ones stored with it at write time (targets.services, from `achievement.evaluate`).
- Last year's value (`last_year_values`) is the value standing, at the same day a year before, for the
  organisation's target of the same title in the same period of last year; for growth and rank targets
  without one, the previous value the reading carries itself (same period last year, the previous rank).

`rollups.with_outcome` says the same in SQL for lists that filter and sort by status; `standings` gives
Python objects for pages and reports that show many columns of one target.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING

from django.db.models import Prefetch, QuerySet

from targets.outcomes.achievement import (
    Outcome,
    Plan,
    Shape,
    Status,
    evaluate,
    is_yes_no,
    settled,
    stale_as_of,
)

if TYPE_CHECKING:
    from committees.models import Organisation
    from targets.models import Reading, Target
    from targets.periods import Period


def standing_readings(cut_off: date) -> QuerySet[Reading]:
    """The readings that may stand at `cut_off`, the one that does first for each target."""
    from targets.models import Reading

    return Reading.objects.filter(is_current=True, cut_off__lte=cut_off).order_by("-cut_off", "-id")


def with_standing_reading(targets: QuerySet[Target], cut_off: date) -> QuerySet[Target]:
    """Prefetch, of each target's readings that may stand at `cut_off`, the one that does
    (`standing_reading`): sliced per target in the database, so a target read every day of the year
    does not bring its whole history into Python (the entry grid, issue 24)."""
    return targets.prefetch_related(
        Prefetch("readings", queryset=standing_readings(cut_off)[:1], to_attr="readings_up_to_cut_off")
    )


def standing_reading(target: Target) -> Reading | None:
    """Of a target from `with_standing_reading`."""
    readings = target.readings_up_to_cut_off  # type: ignore[attr-defined]
    return readings[0] if readings else None


def plan_of(target: Target) -> Plan:
    return Plan(
        shape=Shape(target.shape),
        planned=target.planned,
        planned_low=target.planned_low,
        planned_high=target.planned_high,
        baseline=target.baseline,
        strict=target.strict,
        rank_out_of=target.rank_out_of,
        reduction_unit=target.reduction_unit,
    )


def outcome_at(target: Target, reading: Reading | None, cut_off: date) -> Outcome:
    """The outcome of `target` at `cut_off` from the reading that stands there: the status, measure and %
    stored with the reading, settled and dated for the cut-off; the band and the distance from a bound
    (words only) from the rules."""
    shape = Shape(target.shape)
    if reading is None:
        return Outcome(shape, Status.NO_DATA)
    actual: Decimal | bool | None = reading.done if is_yes_no(shape) else reading.value
    words = evaluate(plan_of(target), actual, previous=reading.previous)
    return Outcome(
        shape,
        settled(reading.status, period_end=target.period_end, cut_off=cut_off),
        measure=reading.measure,
        achievement_pct=reading.achievement_pct,
        band=words.band,
        gap_points=words.gap_points,
        as_of=stale_as_of(reading.cut_off, period_end=target.period_end, cut_off=cut_off),
    )


@dataclass(frozen=True)
class Standing:
    """A target at a cut-off: the reading that stands there and its outcome."""

    target: Target
    cut_off: date
    reading: Reading | None
    outcome: Outcome

    @property
    def value(self) -> Decimal | None:
        return self.reading.value if self.reading is not None else None

    @property
    def status(self) -> Status:
        return self.outcome.status

    @property
    def as_of(self) -> date | None:
        return self.outcome.as_of


def standing_of(target: Target, cut_off: date) -> Standing:
    """Of a target from `with_standing_reading(…, cut_off)`."""
    reading = standing_reading(target)
    return Standing(target, cut_off, reading, outcome_at(target, reading, cut_off))


def standings(targets: QuerySet[Target], cut_off: date) -> list[Standing]:
    """Every target of the queryset at `cut_off`, in its order (two queries)."""
    return [standing_of(t, cut_off) for t in with_standing_reading(targets, cut_off)]


def same_day_last_year(day: date) -> date:
    # 29/2 has no twin a year earlier: the 28th stands in for it.
    if (day.month, day.day) == (2, 29):
        return day.replace(year=day.year - 1, day=28)
    return day.replace(year=day.year - 1)


LAST_YEAR_FROM_PREVIOUS = (Shape.GROWTH, Shape.RANK)


def last_year_values(
    items: Iterable[tuple[Target, Decimal | None]], organisation: Organisation, period: Period, cut_off: date
) -> dict[int, Decimal | None]:
    """Target id → last year's value (see the module's docstring), for the dashboard and the report, from
    (target, the `previous` of its standing reading) pairs (one query: last year's targets with their
    standing values)."""
    from targets.models import Target
    from targets.outcomes.rollups import scope_of, with_outcome

    last_year = with_outcome(
        Target.objects.filter(scope_of(period.same_period_last_year()), organisation=organisation),
        same_day_last_year(cut_off),
    )
    by_title: dict[str, Decimal | None] = {}
    for title, value in last_year.order_by("period_start", "position", "id").values_list(
        "title_folded",
        "cur_value",  # type: ignore[misc]
    ):
        by_title.setdefault(title, value)
    result: dict[int, Decimal | None] = {}
    for target, previous in items:
        value = by_title.get(target.title_folded)
        if value is None and target.shape in LAST_YEAR_FROM_PREVIOUS:
            value = previous
        result[target.pk] = value
    return result
