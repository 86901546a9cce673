"""How achievement is computed for every shape of target (DOMAIN.md §4). Pure: no database (Django only for
the shapes' choices and their labels).

`evaluate(plan, actual, previous=…, elapsed=…)` gives the measure, the achievement % where one exists, and
the status. Values stay exact Decimals; rounding happens only for display (`round_pct`).

Judgement calls, where DOMAIN.md leaves room:
- A period still running (`elapsed` is the share elapsed, None once it is over): counts and quantities
  accumulate, so they are judged against pace: on track when the % reached is at least the share of the
  period elapsed. Levels (rates, ranges, reductions, growth, ranks) are judged as they stand; if the
  condition does not hold yet the status is "behind", not "not met", since the period can still turn.
  A milestone not done yet is "on track"; a maintain target is judged at the cut-off like any level.
- A ceiling's % is planned / actual × 100 (2,5% against "dưới 3%" is 120%); with actual 0 it is met and
  has no %. It is never "exceeded": less is better, and DOMAIN.md keeps exceeded for more-is-better.
- Growth with no planned growth counts as met when it grew at all. A rank with no planned rank counts as
  met when it rose or held.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from datetime import date
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal, DivisionByZero, InvalidOperation
from enum import StrEnum
from typing import Any

from django.db.models import TextChoices
from django.utils.translation import gettext_lazy as _

HUNDRED = Decimal(100)


class Shape(TextChoices):
    """The shapes of DOMAIN.md §4: the one enum, also the choices of Target.shape."""

    COUNT = "count", _("Số lượng nội dung (x/y)")
    QUANTITY = "quantity", _("Số lượng, càng cao càng tốt")
    RATE_FLOOR = "rate_floor", _("Tỷ lệ tối thiểu")
    RATE_CEILING = "rate_ceiling", _("Tỷ lệ tối đa (dưới / không quá)")
    RANGE = "range", _("Khoảng")
    REDUCTION = "reduction", _("Giảm")
    GROWTH = "growth", _("Tăng so với cùng kỳ")
    RANK = "rank", _("Xếp hạng")
    MILESTONE = "milestone", _("Mốc hoàn thành")
    MAINTAIN = "maintain", _("Duy trì")


# Targets whose reading is done / not done ("yes"/"no" in the workbook, `Reading.done`) rather than a value.
YES_NO_SHAPES = frozenset({Shape.MILESTONE, Shape.MAINTAIN})


def is_yes_no(shape: Shape | str) -> bool:
    """Whether a target of this shape is read as done / not done instead of a number."""
    return shape in YES_NO_SHAPES


class Status(StrEnum):
    EXCEEDED = "exceeded"
    MET = "met"
    NOT_MET = "not_met"
    ON_TRACK = "on_track"
    BEHIND = "behind"
    NO_DATA = "no_data"


STATUS_LABELS_VI = {
    Status.EXCEEDED: "Vượt",
    Status.MET: "Đạt",
    Status.NOT_MET: "Chưa đạt",
    Status.ON_TRACK: "Đúng tiến độ",
    Status.BEHIND: "Chậm tiến độ",
    Status.NO_DATA: "Chưa có số liệu",
}


class Rounding(StrEnum):
    HALF_UP = "half_up"
    TRUNCATE = "truncate"


CUMULATIVE = (Shape.COUNT, Shape.QUANTITY)
NO_PERCENT = (Shape.GROWTH, Shape.RANK, Shape.MILESTONE, Shape.MAINTAIN)


def round_pct(value: Decimal, mode: Rounding | str = Rounding.HALF_UP, places: int = 2) -> Decimal:
    rounding = ROUND_DOWN if Rounding(mode) is Rounding.TRUNCATE else ROUND_HALF_UP
    return value.quantize(Decimal(1).scaleb(-places), rounding=rounding)


def capped(pct: Decimal) -> Decimal:
    """At most 100, so that one over-achieved target does not hide a missed one in a mean."""
    return min(pct, HUNDRED)


@dataclass(frozen=True)
class Plan:
    shape: Shape
    planned: Decimal | None = None
    planned_low: Decimal | None = None
    planned_high: Decimal | None = None
    baseline: Decimal | None = None
    strict: bool = True
    rank_out_of: int | None = None
    reduction_unit: str = "points"

    @property
    def lower(self) -> Decimal | None:
        return self.planned_low if self.planned_low is not None else self.planned

    @property
    def upper(self) -> Decimal | None:
        return self.planned_high if self.planned_high is not None else self.planned


@dataclass(frozen=True)
class Outcome:
    shape: Shape
    status: Status
    measure: Decimal | None = None
    achievement_pct: Decimal | None = None
    band: str | None = None
    gap_points: Decimal | None = None
    # The date of the figure when it is older than what the cut-off asks for (`standing`).
    as_of: date | None = None

    @property
    def over_pct(self) -> Decimal | None:
        """The "vượt X%" of an exceeded target with a %."""
        if self.status is Status.EXCEEDED and self.achievement_pct is not None:
            return self.achievement_pct - HUNDRED
        return None

    def phrase_vi(self, mode: Rounding | str = Rounding.HALF_UP) -> str:
        """The short wording reports use: "đạt 60% kế hoạch", "vượt 80% chỉ tiêu", "tăng 11 bậc"."""
        from core.vn import format_percent

        if self.status is Status.NO_DATA:
            return "chưa có số liệu"
        if self.shape is Shape.RANK and self.measure is not None:
            return _rank_change_words(self.measure)
        if self.shape is Shape.GROWTH and self.measure is not None:
            return _growth_words(self.measure, mode)
        if is_yes_no(self.shape):
            return STATUS_LABELS_VI[self.status].lower()
        if self.shape is Shape.RANGE and self.band == "within":
            return "trong khoảng kế hoạch"
        if self.gap_points is not None and self.shape in (Shape.RATE_FLOOR, Shape.RATE_CEILING):
            return _gap_words(self.gap_points, "%")
        if self.over_pct is not None:
            return f"vượt {format_percent(self.over_pct, str(mode))} chỉ tiêu"
        if self.achievement_pct is not None:
            return f"đạt {format_percent(self.achievement_pct, str(mode))} kế hoạch"
        return STATUS_LABELS_VI[self.status].lower()


PERCENT_MEASURE = (Shape.COUNT, Shape.QUANTITY, Shape.RANGE, Shape.REDUCTION)
BOUND_MEASURE = (Shape.RATE_FLOOR, Shape.RATE_CEILING)


def _same(text: str) -> str:
    return text


def _rank_change_words(change: Decimal, translate: Callable[[str], str] = _same) -> str:
    from core.vn import format_number

    if change == 0:
        return translate("giữ nguyên thứ hạng")
    words = translate("tăng %(n)s bậc") if change > 0 else translate("giảm %(n)s bậc")
    return words % {"n": format_number(abs(change), 0)}


def _growth_words(growth: Decimal, mode: Rounding | str, translate: Callable[[str], str] = _same) -> str:
    from core.vn import format_percent

    words = (
        translate("tăng %(pct)s so với cùng kỳ") if growth >= 0 else translate("giảm %(pct)s so với cùng kỳ")
    )
    return words % {"pct": format_percent(abs(growth), str(mode))}


def _gap_words(gap: Decimal, unit: str, translate: Callable[[str], str] = _same) -> str:
    """A floor's or ceiling's distance from its bound: "+1,5 điểm %", "-24 vụ" (the unit of a rate is
    percentage points, never percent)."""
    from core.vn import format_number

    sign = "+" if gap > 0 else ("-" if gap < 0 else "")
    unit = translate("điểm %") if unit.strip() == "%" else unit.strip()
    return f"{sign}{format_number(abs(gap), 2)} {unit}".rstrip()


def measure_text(
    shape: Shape | str,
    *,
    pct: Decimal | None,
    measure: Decimal | None,
    value: Decimal | None,
    planned: Decimal | None,
    unit: str = "",
    mode: Rounding | str = Rounding.HALF_UP,
    translate: Callable[[str], str] = _same,
) -> str:
    """The figure shown beside a target's status, in the words of its shape (DOMAIN.md §4), on every page
    and in the report: the achievement % of counts, quantities, ranges and reductions ("60%"); the
    distance of a floor or ceiling from its bound ("+1,5 điểm %", "-24 vụ": a ceiling's planned/actual
    ratio would print 214,29% for 21 against "không quá 45"); the growth of a growth target ("tăng 2,44%
    so với cùng kỳ", never a bare "2,44%" that reads as an achievement); the places a rank moved.
    Milestones and maintain targets have none: their status says it all. Empty when unknown.
    `translate` is the pages' gettext (the report is always Vietnamese)."""
    from core.vn import format_percent

    shape = Shape(shape)
    if shape in PERCENT_MEASURE:
        return format_percent(pct, str(mode)) if pct is not None else ""
    if shape in BOUND_MEASURE:
        if value is None or planned is None:
            return ""
        return _gap_words(Decimal(value) - Decimal(planned), unit, translate)
    if shape is Shape.GROWTH:
        return _growth_words(measure, mode, translate) if measure is not None else ""
    if shape is Shape.RANK:
        return _rank_change_words(measure, translate) if measure is not None else ""
    return ""


IN_PROGRESS = (Status.ON_TRACK, Status.BEHIND)


def settled(status: Status | str | None, *, period_end: date, cut_off: date) -> Status:
    """The status of a target at `cut_off` from the status stored with the reading that stands there (the
    latest at or before it). Once the period has ended by the cut-off the status is final: a figure read
    before the end and judged on pace ("đúng tiến độ", "chậm tiến độ") is judged against the full plan,
    and as it fell short of it, it is not met. A reading's % and measure do not depend on the share of
    the period elapsed, only its status, so this is all that changes (tests/targets/test_period_ends.py
    holds it to `evaluate` with the period over). The SQL of targets/outcomes/rollups.py and targets/outcomes/steps.py
    says the same with IN_PROGRESS."""
    status = Status(status or Status.NO_DATA)
    if cut_off >= period_end and status in IN_PROGRESS:
        return Status.NOT_MET
    return status


def stale_as_of(reading_cut_off: date | None, *, period_end: date, cut_off: date) -> date | None:
    """The date to show beside a figure ("số liệu đến 30/6/2024") when it is older than the day the
    cut-off asks for: the cut-off itself, or the period's end once the period is over."""
    if reading_cut_off is None:
        return None
    return reading_cut_off if reading_cut_off < min(cut_off, period_end) else None


def standing(outcome: Outcome, reading_cut_off: date | None, *, period_end: date, cut_off: date) -> Outcome:
    """`outcome`, of the reading dated `reading_cut_off`, as it stands at `cut_off`."""
    return replace(
        outcome,
        status=settled(outcome.status, period_end=period_end, cut_off=cut_off),
        as_of=stale_as_of(reading_cut_off, period_end=period_end, cut_off=cut_off),
    )


def as_of_words(as_of: date | None, translate: Callable[[str], str] = _same) -> str:
    """ "số liệu đến 30/6/2024" beside a figure older than the cut-off, or nothing."""
    from core.vn import format_date

    return translate("số liệu đến %(date)s") % {"date": format_date(as_of)} if as_of is not None else ""


def plan_levels(plan: Plan) -> list[Decimal]:
    """The value(s) a reading has to reach to meet the plan, on the readings' own scale: what a chart of
    the readings draws as its plan line. A range has two (its bounds); a reduction, the rate the baseline
    minus the planned reduction leaves; growth, last year's figure raised by the planned growth (only with
    a baseline). Milestones and maintain targets have none."""
    low = plan.lower
    if plan.shape in (Shape.COUNT, Shape.QUANTITY, Shape.RATE_FLOOR, Shape.RATE_CEILING, Shape.RANK):
        return [plan.planned] if plan.planned is not None else []
    if plan.shape is Shape.RANGE:
        return [level for level in (plan.planned_low, plan.planned_high) if level is not None]
    if plan.shape is Shape.REDUCTION and plan.baseline is not None and low is not None:
        if plan.reduction_unit == "percent":
            return [plan.baseline * (HUNDRED - low) / HUNDRED]
        return [plan.baseline - low]
    if plan.shape is Shape.GROWTH and plan.baseline is not None and plan.planned is not None:
        return [plan.baseline * (HUNDRED + plan.planned) / HUNDRED]
    return []


def _ratio(numerator: Decimal, denominator: Decimal | None) -> Decimal | None:
    if denominator is None or denominator == 0:
        return None
    try:
        return numerator / denominator * HUNDRED
    except (DivisionByZero, InvalidOperation):
        return None


def _unmet(elapsed: Decimal | None) -> Status:
    return Status.NOT_MET if elapsed is None else Status.BEHIND


def evaluate(
    plan: Plan,
    actual: Decimal | bool | None,
    *,
    previous: Decimal | None = None,
    elapsed: Decimal | None = None,
) -> Outcome:
    shape = Shape(plan.shape)
    if actual is None:
        return Outcome(shape, Status.NO_DATA)
    if is_yes_no(shape):
        done = bool(actual)
        if done:
            return Outcome(shape, Status.MET)
        if shape is Shape.MILESTONE and elapsed is not None:
            return Outcome(shape, Status.ON_TRACK)
        return Outcome(shape, Status.NOT_MET)
    value = Decimal(actual)
    if shape in CUMULATIVE:
        return _cumulative(plan, value, elapsed)
    if shape is Shape.RATE_FLOOR:
        return _rate_floor(plan, value, elapsed)
    if shape is Shape.RATE_CEILING:
        return _rate_ceiling(plan, value, elapsed)
    if shape is Shape.RANGE:
        return _range(plan, value, elapsed)
    if shape is Shape.REDUCTION:
        return _reduction(plan, value, previous, elapsed)
    if shape is Shape.GROWTH:
        return _growth(plan, value, previous, elapsed)
    return _rank(plan, value, previous, elapsed)


def _cumulative(plan: Plan, value: Decimal, elapsed: Decimal | None) -> Outcome:
    planned = plan.planned
    pct = _ratio(value, planned)
    reached = value >= (planned or 0)
    if reached:
        status = Status.EXCEEDED if planned and value > planned else Status.MET
    elif elapsed is None:
        status = Status.NOT_MET
    else:
        status = Status.ON_TRACK if pct is not None and pct >= elapsed * HUNDRED else Status.BEHIND
    return Outcome(plan.shape, status, measure=value, achievement_pct=pct)


def _rate_floor(plan: Plan, value: Decimal, elapsed: Decimal | None) -> Outcome:
    planned = plan.planned
    pct = _ratio(value, planned)
    gap = value - planned if planned is not None else None
    if value >= (planned or 0):
        status = Status.EXCEEDED if planned is not None and value > planned else Status.MET
    else:
        status = _unmet(elapsed)
    return Outcome(plan.shape, status, measure=value, achievement_pct=pct, gap_points=gap)


def _rate_ceiling(plan: Plan, value: Decimal, elapsed: Decimal | None) -> Outcome:
    planned = plan.planned
    if planned is None:
        return Outcome(plan.shape, Status.NO_DATA, measure=value)
    met = value == 0 or (value < planned if plan.strict else value <= planned)
    pct = _ratio(planned, value) if value != 0 else None
    return Outcome(
        plan.shape,
        Status.MET if met else _unmet(elapsed),
        measure=value,
        achievement_pct=pct,
        gap_points=value - planned,
    )


def _range(plan: Plan, value: Decimal, elapsed: Decimal | None) -> Outcome:
    low, high = plan.lower, plan.upper
    if low is None or high is None:
        return Outcome(plan.shape, Status.NO_DATA, measure=value)
    pct = _ratio(value, low)
    if value > high:
        return Outcome(plan.shape, Status.EXCEEDED, measure=value, achievement_pct=pct, band="above")
    if value >= low:
        return Outcome(plan.shape, Status.MET, measure=value, achievement_pct=pct, band="within")
    return Outcome(plan.shape, _unmet(elapsed), measure=value, achievement_pct=pct, band="below")


def _reduction(plan: Plan, value: Decimal, previous: Decimal | None, elapsed: Decimal | None) -> Outcome:
    baseline = plan.baseline if plan.baseline is not None else previous
    low, high = plan.lower, plan.upper
    if baseline is None or low is None:
        return Outcome(plan.shape, Status.NO_DATA, measure=None)
    if plan.reduction_unit == "percent":
        reduced = _ratio(baseline - value, baseline)
        if reduced is None:
            return Outcome(plan.shape, Status.NO_DATA)
    else:
        reduced = baseline - value
    pct = _ratio(reduced, low)
    if high is not None and reduced > high:
        status = Status.EXCEEDED
    elif reduced >= low:
        status = Status.MET
    else:
        status = _unmet(elapsed)
    band = "above" if high is not None and reduced > high else ("within" if reduced >= low else "below")
    return Outcome(plan.shape, status, measure=reduced, achievement_pct=pct, band=band)


def _growth(plan: Plan, value: Decimal, previous: Decimal | None, elapsed: Decimal | None) -> Outcome:
    base = previous if previous is not None else plan.baseline
    growth = _ratio(value - base, base) if base is not None else None
    if growth is None:
        return Outcome(plan.shape, Status.NO_DATA, measure=None)
    target = plan.planned
    met = growth >= target if target is not None else growth > 0
    return Outcome(plan.shape, Status.MET if met else _unmet(elapsed), measure=growth)


def _rank(plan: Plan, value: Decimal, previous: Decimal | None, elapsed: Decimal | None) -> Outcome:
    change = previous - value if previous is not None else None
    if plan.planned is not None:
        met = value <= plan.planned
    elif change is not None:
        met = change >= 0
    else:
        return Outcome(plan.shape, Status.NO_DATA, measure=None)
    return Outcome(plan.shape, Status.MET if met else _unmet(elapsed), measure=change)


MEAN_PLACES = Decimal("0.000001")


@dataclass(frozen=True)
class Rollup:
    """Counts of a set of targets by status ("met" counts met and exceeded) and the mean of their capped
    %: the one rollup, from outcomes in Python (`rollup`) or from the sums of outcome steps
    (`from_steps`, targets/outcomes/rollups.py)."""

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

    @property
    def phrase(self) -> str:
        return f"{self.met}/{self.total} chỉ tiêu"

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
            # To the places readings are stored with, however the sums were added up.
            mean_pct=(Decimal(row["pct_sum"]) / n).quantize(MEAN_PLACES) if n else None,
        )


def rollup(outcomes: Iterable[Outcome]) -> Rollup:
    """Counts by status and the mean of capped % (targets without a % count in met / not met only)."""
    items = list(outcomes)
    pcts = [capped(o.achievement_pct) for o in items if o.achievement_pct is not None]

    def count(*statuses: Status) -> int:
        return sum(1 for o in items if o.status in statuses)

    return Rollup(
        total=len(items),
        met=count(Status.MET, Status.EXCEEDED),
        exceeded=count(Status.EXCEEDED),
        not_met=count(Status.NOT_MET),
        behind=count(Status.BEHIND),
        on_track=count(Status.ON_TRACK),
        no_data=count(Status.NO_DATA),
        mean_pct=(sum(pcts, Decimal(0)) / len(pcts)).quantize(MEAN_PLACES) if pcts else None,
    )
