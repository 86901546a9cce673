"""The outcome steps (targets.OutcomeStep): kept true by every write, and summing to the rollups the
readings give, at any cut-off, for any period, over any subtree."""

from __future__ import annotations

import random
from datetime import date, timedelta
from decimal import Decimal as D
from itertools import pairwise
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command
from django.db.models import Q

from committees import services as org_services
from committees.models import Organisation, OrganisationKind
from exchange.workbook import import_workbook
from targets import services
from targets.models import OutcomeStep, Reading, ReadingKind, SubtreeStep, Target
from targets.outcomes import rollups, steps
from targets.outcomes.achievement import MEAN_PLACES, Rollup
from targets.periods import Period, parse_period
from tests.conftest import Tree
from tests.targets.conftest import make_target
from tests.test_audit_coverage import STEPS, World

# A filter that keeps every target: it sends a rollup down the per-target path (the readings).
EVERY_TARGET = Q(pk__gt=0)
# Shapes the rollups are narrowed to: a common one, a yes/no one, and one no random target has.
SHAPES_ASKED = ("count", "milestone", "no-such-shape")


def _table() -> list[tuple[Any, ...]]:
    return steps._normalised(OutcomeStep.objects.values_list(*steps.KEY, *OutcomeStep.SUMS))


def assert_steps_true() -> None:
    """The own steps are what a rebuild from the readings gives; the subtree steps are the sums of the own
    steps over each subtree, and what a rebuild gives too."""
    own, subtree = _table(), steps.subtree_table()
    assert subtree == steps.subtree_from_own()
    steps.rebuild_all()
    assert own == _table()
    assert subtree == steps.subtree_table()


@pytest.mark.parametrize("name", sorted(STEPS))
def test_every_write_service_keeps_the_steps_true(
    tree: Tree, alice: User, erin: User, settings: Any, tmp_path: Any, name: str
) -> None:
    settings.MEDIA_ROOT = tmp_path
    world = World(tree, erin)
    services.reading_record(target=world.target, cut_off=date(2024, 1, 31), value=D(4), acting_user=erin)
    call, _actions, _user = STEPS[name]
    call(world)
    assert OutcomeStep.objects.exists() and SubtreeStep.objects.exists()
    assert_steps_true()


def _random_province(tree: Tree, seed: int) -> list[date]:
    """Targets of every shape and period kind over the tree, with readings, corrections and estimates."""
    rng = random.Random(seed)
    organisations = [
        tree.city,
        tree.dept,
        tree.grassroots,
        tree.cell,
        tree.cell2,
        tree.sibling,
        tree.sibling_cell,
    ]
    shapes: list[tuple[str, dict[str, Any]]] = [
        ("count", {"planned": "20"}),
        ("quantity", {"planned": "100"}),
        ("rate_floor", {"planned": "80", "unit": "%"}),
        ("rate_ceiling", {"planned": "2.5", "unit": "%"}),
        ("reduction", {"planned": "1", "baseline": D(5), "unit": "%"}),
        ("growth", {"planned": "10", "unit": "%"}),
        ("milestone", {"planned": None}),
        ("maintain", {"planned": "95", "unit": "%"}),
    ]
    periods = ["2023", "2024", "2024-H1", "2024-Q3", "2024-9M", "2020-2025"]
    cut_offs: set[date] = set()
    for i in range(60):
        organisation = rng.choice(organisations)
        shape, extra = rng.choice(shapes)
        period = parse_period(rng.choice(periods))
        extra = dict(extra)
        target = make_target(organisation, f"R{i}", shape=shape, period=period.code, **extra)
        days = sorted(
            {
                period.start + timedelta(days=rng.randrange((period.end - period.start).days + 1))
                for _ in range(rng.randrange(4))
            }
        )
        for day in days:
            cut_offs.add(day)
            for attempt in range(rng.choice((1, 1, 2))):
                kind = ReadingKind.ESTIMATE if attempt == 0 and rng.random() < 0.3 else ReadingKind.OFFICIAL
                if shape in ("rate_ceiling", "reduction"):
                    value = D(rng.randrange(0, 60)) / 10
                else:
                    value = D(rng.randrange(0, 101 if extra.get("unit") == "%" else 150))
                services.reading_record(
                    target=target,
                    cut_off=day,
                    value=value,
                    done=rng.random() < 0.5,
                    previous=D(rng.randrange(50, 120)) if shape == "growth" else None,
                    kind=kind,
                    reason="" if attempt == 0 else "điều chỉnh",
                    note="kiểm thử ngẫu nhiên",
                    acting_user=None,
                )
    return sorted(cut_offs)


def expected(organisation: Organisation, period: Period, cut_off: date, filters: Q = EVERY_TARGET) -> Rollup:
    """The rollup by its definition, in Python: each target's latest current reading at the cut-off
    (found by `with_outcome`, a query independent of the steps), counted by status; the mean of the %
    capped at 100."""
    targets = rollups.with_outcome(
        Target.objects.filter(
            rollups.scope_of(period), filters, organisation__path__startswith=organisation.path
        ),
        cut_off,
    )
    outcomes = list(targets.values_list("cur_status", "cur_pct"))  # type: ignore[misc]
    statuses = [status for status, _pct in outcomes]
    pcts = [min(pct, D(100)) for _status, pct in outcomes if pct is not None]
    return Rollup(
        total=len(outcomes),
        met=statuses.count("met") + statuses.count("exceeded"),
        exceeded=statuses.count("exceeded"),
        not_met=statuses.count("not_met"),
        behind=statuses.count("behind"),
        on_track=statuses.count("on_track"),
        no_data=statuses.count("no_data"),
        mean_pct=(sum(pcts, D(0)) / len(pcts)).quantize(MEAN_PLACES) if pcts else None,
    )


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_rollups_equal_their_definition_at_any_cut_off(tree: Tree, seed: int) -> None:
    """From the stored steps (unfiltered) and from the steps computed now (filtered), for every period
    kind, at the days readings were taken, the days before them, and before and after everything."""
    cut_offs = _random_province(tree, seed)
    assert_steps_true()
    days = sorted({*cut_offs, *(d - timedelta(days=1) for d in cut_offs)})
    # Period ends too: there a reading taken before the end and judged on pace becomes final.
    ends = {date(2023, 12, 31), date(2024, 6, 30), date(2024, 9, 30), date(2024, 12, 31)}
    asked = sorted(
        {*random.Random(seed).sample(days, min(22, len(days))), *ends, date(2022, 12, 31), date(2026, 1, 1)}
    )
    organisations = [tree.city, tree.dept, tree.grassroots, tree.cell]
    for code in ("2023", "2024", "2024-H1", "2020-2025"):
        period = parse_period(code)
        for cut_off in asked:
            for organisation in organisations:
                truth = expected(organisation, period, cut_off)
                assert rollups.rollup(organisation, period, cut_off) == truth, (
                    organisation.code,
                    code,
                    cut_off,
                )
                assert rollups.rollup(organisation, period, cut_off, filters=EVERY_TARGET) == truth
                for shape in SHAPES_ASKED:
                    # one shape: from the stored steps, and computed now beside another filter
                    of_shape = expected(organisation, period, cut_off, Q(shape=shape))
                    assert rollups.rollup(organisation, period, cut_off, shape=shape) == of_shape, shape
                    assert (
                        rollups.rollup(organisation, period, cut_off, filters=EVERY_TARGET, shape=shape)
                        == of_shape
                    )
            children = {child.path: expected(child, period, cut_off) for child in tree.city.children.all()}
            children = {path: r for path, r in children.items() if r.total}
            assert rollups.children_rollups(tree.city, period, cut_off) == children, (code, cut_off)
            assert rollups.children_rollups(tree.city, period, cut_off, filters=EVERY_TARGET) == children
            for shape in SHAPES_ASKED:
                by_child = {
                    child.path: expected(child, period, cut_off, Q(shape=shape))
                    for child in tree.city.children.all()
                }
                by_child = {path: r for path, r in by_child.items() if r.total}
                assert rollups.children_rollups(tree.city, period, cut_off, shape=shape) == by_child
                assert (
                    rollups.children_rollups(tree.city, period, cut_off, filters=EVERY_TARGET, shape=shape)
                    == by_child
                )


def test_a_correction_moves_the_target_from_its_old_status(tree: Tree) -> None:
    target = make_target(tree.cell, "C", planned="10")
    day = date(2024, 6, 30)
    services.reading_record(target=target, cut_off=day, value=D(10), acting_user=None)
    period = parse_period("2024")
    assert rollups.rollup(tree.city, period, day).met == 1
    services.reading_record(
        target=target, cut_off=day, value=D(5), reason="sai số", note="nhập lại", acting_user=None
    )
    after = rollups.rollup(tree.city, period, day)
    assert (after.total, after.met, after.no_data, after.mean_pct) == (1, 0, 0, D(50))
    assert Reading.objects.filter(target=target).count() == 2


def test_a_changed_plan_or_period_moves_the_steps(tree: Tree) -> None:
    target = make_target(tree.cell, "C", planned="10")
    services.reading_record(target=target, cut_off=date(2024, 12, 31), value=D(8), acting_user=None)
    services.target_update(target=target, planned=D(8), acting_user=None)
    assert rollups.rollup(tree.dept, parse_period("2024"), date(2024, 12, 31)).met == 1
    services.target_update(target=target, period="2020-2025", acting_user=None)
    assert rollups.rollup(tree.dept, parse_period("2024"), date(2024, 12, 31)).total == 0
    assert rollups.rollup(tree.dept, parse_period("2020-2025"), date(2024, 12, 31)).met == 1
    assert_steps_true()


def test_the_import_of_many_readings_keeps_the_steps_true(tree: Tree) -> None:
    targets = [
        make_target(org, f"M{i}", planned="10")
        for i, org in enumerate([tree.cell, tree.cell2, tree.sibling_cell] * 3)
    ]
    items = [
        services.ReadingInput(target=t, cut_off=date(2024, 6, 30), value=D(i)) for i, t in enumerate(targets)
    ]
    services.readings_record_many(items=items, acting_user=None)
    assert_steps_true()
    headline = rollups.rollup(tree.city, parse_period("2024"), date(2024, 12, 31))
    assert headline == rollups.rollup(
        tree.city, parse_period("2024"), date(2024, 12, 31), filters=EVERY_TARGET
    )
    assert headline.total == 9 and headline.no_data == 0


def test_rebuild_command_repairs_a_table_written_around_the_services(tree: Tree, capsys: Any) -> None:
    target = make_target(tree.cell, "C", planned="10")
    services.reading_record(target=target, cut_off=date(2024, 6, 30), value=D(10), acting_user=None)
    expected = _table(), steps.subtree_table()
    OutcomeStep.objects.all().delete()
    SubtreeStep.objects.all().delete()
    assert rollups.rollup(tree.city, parse_period("2024"), date(2024, 12, 31)).total == 0
    call_command("rebuild_outcome_steps")
    assert (_table(), steps.subtree_table()) == expected
    assert rollups.rollup(tree.city, parse_period("2024"), date(2024, 12, 31)).total == 1
    assert "bước tổng hợp" in capsys.readouterr().out


def _spread_targets(tree: Tree, rng: random.Random) -> list[Target]:
    """Targets of several shapes and periods over the tree and eight more cells (three levels below the
    root), each with zero to two readings already: what an import then lands on."""
    organisations = [
        tree.city,
        tree.dept,
        tree.grassroots,
        tree.cell,
        tree.cell2,
        tree.sibling,
        tree.sibling_cell,
    ]
    for i in range(8):
        organisations.append(
            org_services.organisation_create(
                code=f"CB-THEM-{i}",
                kind=OrganisationKind.CELL,
                parent=rng.choice([tree.grassroots, tree.sibling_cell]),
                name=f"Chi bộ thêm {i}",
                acting_user=None,
            )
        )
    targets = []
    for i, organisation in enumerate(organisations * 3):
        shape, extra = rng.choice(SPREAD_SHAPES)
        target = make_target(organisation, f"S{i}", shape=shape, period=rng.choice(SPREAD_PERIODS), **extra)
        for day in sorted(rng.sample(_days_of(target), rng.randrange(3))):
            services.reading_record(
                target=target,
                cut_off=day,
                **_random_value(target, rng),
                kind=rng.choice((ReadingKind.ESTIMATE, ReadingKind.OFFICIAL)),
                note="có sẵn",
                acting_user=None,
            )
        targets.append(target)
    return targets


SPREAD_SHAPES: list[tuple[str, dict[str, Any]]] = [
    ("count", {"planned": "20"}),
    ("quantity", {"planned": "100"}),
    ("rate_floor", {"planned": "80", "unit": "%"}),
    ("rate_ceiling", {"planned": "2.5", "unit": "%"}),
    ("growth", {"planned": "10", "unit": "%"}),
    ("milestone", {"planned": None}),
]
SPREAD_PERIODS = ("2024", "2024-H1", "2020-2025")


def _days_of(target: Target) -> list[date]:
    """Month ends inside the target's period: the cut-offs an import may bring."""
    days = [date(year, month, 28) for year in range(2020, 2026) for month in range(1, 13)]
    return [d for d in days if target.period_start <= d <= target.period_end]


def _random_value(target: Target, rng: random.Random) -> dict[str, Any]:
    if target.shape == "rate_ceiling":
        value = D(rng.randrange(0, 60)) / 10
    else:
        value = D(rng.randrange(0, 101 if target.unit == "%" else 150))
    return {
        "value": value,
        "done": rng.random() < 0.5,
        "previous": D(rng.randrange(50, 120)) if target.shape == "growth" else None,
    }


def _spread_batch(targets: list[Target], rng: random.Random) -> list[services.ReadingInput]:
    """For each target, one to three readings: a correction of the current one at its cut-off (an
    official figure over an estimate, or with a reason), and new cut-offs before and after it."""
    items = []
    for target in targets:
        current = list(
            Reading.objects.filter(target=target, is_current=True).values_list("cut_off", flat=True)
        )
        days = set(rng.sample(_days_of(target), rng.randrange(1, 3)))
        if current and rng.random() < 0.6:
            days.add(rng.choice(current))
        for day in sorted(days):
            items.append(
                services.ReadingInput(
                    target=target,
                    cut_off=day,
                    **_random_value(target, rng),
                    note="nhập từ tệp",
                    reason="điều chỉnh theo tệp",
                )
            )
    return items


@pytest.mark.parametrize("seed", [5, 6])
def test_a_batch_spread_over_many_organisations_keeps_the_steps_true(tree: Tree, seed: int) -> None:
    """The import adds the difference its targets' moves make (steps.moved) instead of rebuilding each
    organisation: corrections, readings earlier than the current one and several readings of one target
    in one batch all land as a rebuild from scratch has them, in the own and in every subtree's steps."""
    rng = random.Random(seed)
    targets = _spread_targets(tree, rng)
    assert_steps_true()
    for _round in range(2):  # the second batch corrects the first's readings too
        batch = _spread_batch(rng.sample(targets, 30), rng)
        recorded, corrected = services.readings_record_many(items=batch, acting_user=None)
        assert corrected > 0 and recorded > 0
        assert len({item.target.organisation_id for item in batch}) >= 12
        assert any(
            earlier.target == later.target and earlier.cut_off < later.cut_off
            for earlier, later in pairwise(batch)
        )
        assert_steps_true()
    period = parse_period("2024")
    for cut_off in (date(2024, 1, 31), date(2024, 6, 30), date(2024, 12, 31)):
        for organisation in (tree.city, tree.grassroots, tree.sibling_cell):
            assert rollups.rollup(organisation, period, cut_off) == expected(organisation, period, cut_off)


def test_a_workbook_spread_over_organisations_keeps_the_steps_true(tree: Tree) -> None:
    """The workbook import: two readings of one target, a reading before the current one, a correction
    of the current one, and targets in five organisations."""
    from tests.test_workbook import book

    organisations = [tree.city, tree.grassroots, tree.cell, tree.cell2, tree.sibling_cell]
    targets = [make_target(org, f"W{i}", planned="10") for i, org in enumerate(organisations)]
    for target in targets:
        services.reading_record(target=target, cut_off=date(2024, 6, 30), value=D(4), acting_user=None)
    rows = [
        ["target_code", "cut_off", "value", "note"],
        ["W0", "31/3/2024", "2", "quý I"],  # before the current reading
        ["W0", "30/9/2024", "11", ""],  # and after it, in the same workbook
        ["W1", "30/6/2024", "9", ""],  # a correction of the current reading
        ["W2", "31/12/2024", "10", ""],
        ["W3", "31/1/2024", "1", "tháng 1"],
        ["W4", "30/6/2024", "12", ""],
    ]
    result = import_workbook(book(readings=rows), acting_user=None)
    assert result.ok, result.problems
    assert Reading.objects.filter(target__code="W1", is_current=False).count() == 1
    assert_steps_true()
    headline = rollups.rollup(tree.city, parse_period("2024"), date(2024, 12, 31))
    assert headline == expected(tree.city, parse_period("2024"), date(2024, 12, 31))
    assert (headline.total, headline.met, headline.exceeded) == (5, 3, 2)


def test_narrowed_rollups_recompute_only_the_child_written_in(tree: Tree, monkeypatch: Any) -> None:
    """The dashboard narrowed by words of the title keeps each child subtree's steps in the cache: after a
    write in one child it recomputes that child (and the organisation's own targets) only, and its numbers
    stay those of the definition, for the subtree and for each child (issue 24)."""
    _random_province(tree, 2)
    for organisation in (tree.cell, tree.sibling_cell):  # matching targets in both departments
        make_target(organisation, f"R1-{organisation.pk}", shape="quantity", planned="10")
    words = Q(title_folded__contains="r1")
    points = [
        (parse_period("2024"), date(2024, 12, 31)),
        (parse_period("2024"), date(2024, 6, 30)),
        (parse_period("2023"), date(2023, 12, 31)),
    ]
    computed: list[set[int]] = []
    steps_of = steps.steps_of

    def spy(targets: Any, **kwargs: Any) -> list[tuple[Any, ...]]:
        computed.append(set(targets.values_list("organisation_id", flat=True)))
        return steps_of(targets, **kwargs)

    monkeypatch.setattr(steps, "steps_of", spy)

    def check(organisation: Organisation) -> None:
        at_points, children = rollups.narrowed_rollups(organisation, points, filters=words)
        assert at_points == [expected(organisation, period, cut_off, words) for period, cut_off in points]
        period, cut_off = points[0]
        truth = {c.path: expected(c, period, cut_off, words) for c in organisation.children.all()}
        assert children == {path: r for path, r in truth.items() if r.total}

    check(tree.city)
    assert computed and tree.cell.pk in computed[-1] and tree.sibling_cell.pk in computed[-1]
    new = make_target(tree.sibling_cell, "R1-MOI", shape="quantity", planned="10")
    services.reading_record(target=new, cut_off=date(2024, 5, 31), value=D(4), acting_user=None)
    check(tree.city)
    # Only the sibling's subtree (and the city's own targets) were read again, not the department's.
    assert tree.sibling_cell.pk in computed[-1] and tree.cell.pk not in computed[-1]
    assert computed[-1] <= {tree.city.pk, tree.sibling.pk, tree.sibling_cell.pk}
    check(tree.dept)
    check(tree.grassroots)
