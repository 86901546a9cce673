"""Every row of the DOMAIN.md §4 table and the seed figures, plus properties that must always hold."""

from __future__ import annotations

from decimal import Decimal as D

import pytest
from hypothesis import given
from hypothesis import strategies as st

from core.vn import format_percent
from targets.outcomes.achievement import (
    Outcome,
    Plan,
    Rounding,
    Shape,
    Status,
    capped,
    evaluate,
    measure_text,
    rollup,
    round_pct,
)


def pct(outcome: Outcome, mode: str = "half_up") -> str:
    assert outcome.achievement_pct is not None
    return format_percent(outcome.achievement_pct, mode)


def test_count_15_of_25_is_60_percent() -> None:
    outcome = evaluate(Plan(Shape.COUNT, planned=D(25)), D(15))
    assert pct(outcome) == "60%"
    assert outcome.status is Status.NOT_MET
    assert outcome.phrase_vi() == "đạt 60% kế hoạch"


def test_count_20_of_30_half_up_and_truncated() -> None:
    outcome = evaluate(Plan(Shape.COUNT, planned=D(30)), D(20))
    assert pct(outcome) == "66,67%"
    assert pct(outcome, "truncate") == "66,66%"
    assert round_pct(outcome.achievement_pct or D(0), Rounding.TRUNCATE) == D("66.66")


def test_count_34_of_34_is_met_not_exceeded() -> None:
    outcome = evaluate(Plan(Shape.COUNT, planned=D(34)), D(34))
    assert outcome.status is Status.MET
    assert pct(outcome) == "100%"


def test_quantity_18_against_10_exceeds_by_80() -> None:
    outcome = evaluate(Plan(Shape.QUANTITY, planned=D(10)), D(18))
    assert outcome.status is Status.EXCEEDED
    assert pct(outcome) == "180%"
    assert outcome.over_pct == D(80)
    assert outcome.phrase_vi() == "vượt 80% chỉ tiêu"


def test_rate_floor_gap_in_points() -> None:
    outcome = evaluate(Plan(Shape.RATE_FLOOR, planned=D(67)), D("68.5"))
    assert outcome.status is Status.EXCEEDED
    assert pct(outcome) == "102,24%"
    assert outcome.gap_points == D("1.5")
    assert outcome.phrase_vi() == "+1,5 điểm %"


@pytest.mark.parametrize(
    ("actual", "strict", "status"),
    [
        (D("2.6"), True, Status.NOT_MET),
        (D("2.5"), True, Status.NOT_MET),
        (D("2.5"), False, Status.MET),
        (D("2.4"), True, Status.MET),
        (D(0), True, Status.MET),
    ],
)
def test_rate_ceiling_keeps_its_strictness(actual: D, strict: bool, status: Status) -> None:
    outcome = evaluate(Plan(Shape.RATE_CEILING, planned=D("2.5"), strict=strict), actual)
    assert outcome.status is status
    if actual == 0:
        assert outcome.achievement_pct is None


@pytest.mark.parametrize(
    ("actual", "status", "band"),
    [
        (D(34), Status.MET, "within"),
        (D(33), Status.MET, "within"),
        (D(36), Status.EXCEEDED, "above"),
        (D(32), Status.NOT_MET, "below"),
    ],
)
def test_range_33_to_35(actual: D, status: Status, band: str) -> None:
    outcome = evaluate(Plan(Shape.RANGE, planned_low=D(33), planned_high=D(35)), actual)
    assert (outcome.status, outcome.band) == (status, band)


def test_reduction_in_points() -> None:
    outcome = evaluate(Plan(Shape.REDUCTION, planned=D(1), baseline=D("3.2")), D("2.1"))
    assert outcome.measure == D("1.1")
    assert pct(outcome) == "110%"
    assert outcome.status is Status.EXCEEDED


def test_reduction_range_1_to_1_5_points() -> None:
    plan = Plan(Shape.REDUCTION, planned_low=D(1), planned_high=D("1.5"), baseline=D("3.2"))
    assert evaluate(plan, D("2.0")).status is Status.MET
    assert evaluate(plan, D("1.5")).status is Status.EXCEEDED
    assert evaluate(plan, D("2.5")).status is Status.NOT_MET


def test_reduction_in_percent_is_relative() -> None:
    outcome = evaluate(
        Plan(Shape.REDUCTION, planned=D(10), baseline=D(200), reduction_unit="percent"), D(170)
    )
    assert outcome.measure == D(15)
    assert outcome.status is Status.EXCEEDED


def test_growth_against_same_period() -> None:
    outcome = evaluate(Plan(Shape.GROWTH, planned=None), D(9860), previous=D(8772))
    assert format_percent(outcome.measure or D(0)) == "12,4%"
    assert outcome.achievement_pct is None
    assert outcome.status is Status.MET
    assert evaluate(Plan(Shape.GROWTH, planned=D(15)), D(9860), previous=D(8772)).status is Status.NOT_MET


def test_rank_ddci_20_to_9_up_11_places() -> None:
    outcome = evaluate(Plan(Shape.RANK, planned=D(10), rank_out_of=20), D(9), previous=D(20))
    assert outcome.measure == D(11)
    assert outcome.achievement_pct is None
    assert outcome.status is Status.MET
    assert outcome.phrase_vi() == "tăng 11 bậc"
    assert evaluate(Plan(Shape.RANK, rank_out_of=26), D(18), previous=D(22)).phrase_vi() == "tăng 4 bậc"


def test_milestone_and_maintain() -> None:
    assert evaluate(Plan(Shape.MILESTONE), True).status is Status.MET
    assert evaluate(Plan(Shape.MILESTONE), False).status is Status.NOT_MET
    assert evaluate(Plan(Shape.MILESTONE), False, elapsed=D("0.5")).status is Status.ON_TRACK
    assert evaluate(Plan(Shape.MAINTAIN), False).status is Status.NOT_MET


def test_missing_and_zero_values() -> None:
    for shape in Shape:
        assert evaluate(Plan(shape, planned=D(10)), None).status is Status.NO_DATA
    assert evaluate(Plan(Shape.COUNT, planned=D(0)), D(0)).achievement_pct is None
    assert evaluate(Plan(Shape.COUNT, planned=D(0)), D(0)).status is Status.MET
    assert evaluate(Plan(Shape.GROWTH), D(10), previous=D(0)).status is Status.NO_DATA


def test_pace_in_a_running_period() -> None:
    plan = Plan(Shape.QUANTITY, planned=D(23000))
    assert evaluate(plan, D(12000), elapsed=D("0.5")).status is Status.ON_TRACK
    assert evaluate(plan, D(9000), elapsed=D("0.5")).status is Status.BEHIND
    assert evaluate(plan, D(23500), elapsed=D("0.5")).status is Status.EXCEEDED
    assert evaluate(Plan(Shape.RATE_FLOOR, planned=D(67)), D(60), elapsed=D("0.5")).status is Status.BEHIND


def test_rollup_caps_each_target_at_100() -> None:
    outcomes = [
        evaluate(Plan(Shape.QUANTITY, planned=D(10)), D(18)),  # 180% counts as 100
        evaluate(Plan(Shape.COUNT, planned=D(25)), D(15)),  # 60%
        evaluate(Plan(Shape.RANK, planned=D(10)), D(9), previous=D(20)),  # met, no %
    ]
    result = rollup(outcomes)
    assert (result.total, result.met, result.exceeded, result.not_met) == (3, 2, 1, 1)
    assert result.mean_pct == D(80)
    assert result.phrase == "2/3 chỉ tiêu"


decimals = st.decimals(min_value=-(10**9), max_value=10**9, allow_nan=False, allow_infinity=False, places=4)
RANK_ORDER = {
    Status.EXCEEDED: 3,
    Status.MET: 2,
    Status.ON_TRACK: 1,
    Status.BEHIND: 0,
    Status.NOT_MET: 0,
    Status.NO_DATA: -1,
}


@given(
    shape=st.sampled_from(list(Shape)),
    planned=decimals | st.none(),
    low=decimals | st.none(),
    actual=decimals,
    previous=decimals | st.none(),
    baseline=decimals | st.none(),
    elapsed=st.none() | st.decimals(0, 1, places=3),
)
def test_evaluate_never_raises(
    shape: Shape,
    planned: D | None,
    low: D | None,
    actual: D,
    previous: D | None,
    baseline: D | None,
    elapsed: D | None,
) -> None:
    high = None if low is None or planned is None else max(low, planned)
    outcome = evaluate(
        Plan(shape, planned=planned, planned_low=low, planned_high=high, baseline=baseline),
        actual,
        previous=previous,
        elapsed=elapsed,
    )
    assert outcome.status in Status
    outcome.phrase_vi()


@given(
    shape=st.sampled_from([Shape.COUNT, Shape.QUANTITY, Shape.RATE_FLOOR]),
    planned=st.decimals(min_value="0.01", max_value=10**6, places=2),
    a=st.decimals(min_value=0, max_value=10**7, places=2),
    b=st.decimals(min_value=0, max_value=10**7, places=2),
)
def test_more_is_never_worse(shape: Shape, planned: D, a: D, b: D) -> None:
    low, high = sorted((a, b))
    worse, better = evaluate(Plan(shape, planned=planned), low), evaluate(Plan(shape, planned=planned), high)
    assert (worse.achievement_pct or 0) <= (better.achievement_pct or 0)
    assert RANK_ORDER[worse.status] <= RANK_ORDER[better.status]


@given(
    planned=st.decimals(min_value=1, max_value=100, places=2),
    a=st.decimals(min_value=0, max_value=200, places=2),
    b=st.decimals(min_value=0, max_value=200, places=2),
    strict=st.booleans(),
)
def test_less_is_never_worse_for_ceilings_and_ranks(planned: D, a: D, b: D, strict: bool) -> None:
    low, high = sorted((a, b))
    ceiling = Plan(Shape.RATE_CEILING, planned=planned, strict=strict)
    assert RANK_ORDER[evaluate(ceiling, low).status] >= RANK_ORDER[evaluate(ceiling, high).status]
    rank = Plan(Shape.RANK, planned=planned)
    assert (
        RANK_ORDER[evaluate(rank, low.to_integral_value()).status]
        >= RANK_ORDER[evaluate(rank, high.to_integral_value()).status]
    )


@given(value=st.decimals(min_value=0, max_value=10**6, places=6))
def test_truncation_never_exceeds_half_up(value: D) -> None:
    assert round_pct(value, Rounding.TRUNCATE) <= round_pct(value, Rounding.HALF_UP)
    assert capped(value) <= 100


@pytest.mark.parametrize(
    ("plan", "actual", "previous", "unit", "expected"),
    [
        (Plan(Shape.COUNT, planned=D(25)), D(15), None, "nội dung", "60%"),
        (Plan(Shape.QUANTITY, planned=D(10)), D(18), None, "người", "180%"),
        (Plan(Shape.RATE_FLOOR, planned=D(67)), D("68.5"), None, "%", "+1,5 điểm %"),
        (Plan(Shape.RATE_CEILING, planned=D("2.5")), D("2.6"), None, "%", "+0,1 điểm %"),
        # Was 214,29% (planned / actual): a ceiling is read against its bound.
        (Plan(Shape.RATE_CEILING, planned=D(45), strict=False), D(21), None, "vụ", "-24 vụ"),
        (Plan(Shape.RANGE, planned_low=D(33), planned_high=D(35)), D(34), None, "%", "103,03%"),
        # Was a bare "2,44%" on the dashboard: a growth is not an achievement %.
        (Plan(Shape.GROWTH), D(165165), D(161230), "lượt người", "tăng 2,44% so với cùng kỳ"),
        (Plan(Shape.RANK, planned=D(10), rank_out_of=20), D(9), D(20), "hạng", "tăng 11 bậc"),
        (Plan(Shape.MILESTONE), True, None, "", ""),
    ],
)
def test_measure_text_follows_the_shape(plan: Plan, actual, previous, unit: str, expected: str) -> None:  # type: ignore[no-untyped-def]
    outcome = evaluate(plan, actual, previous=previous)
    value = None if isinstance(actual, bool) else actual
    shown = measure_text(
        plan.shape,
        pct=outcome.achievement_pct,
        measure=outcome.measure,
        value=value,
        planned=plan.planned,
        unit=unit,
    )
    assert shown == expected


def test_measure_text_of_an_unknown_reading_is_empty() -> None:
    for shape in Shape:
        assert measure_text(shape, pct=None, measure=None, value=None, planned=D(1)) == ""
