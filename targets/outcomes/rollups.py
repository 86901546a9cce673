"""Rollups of target outcomes over an organisation's subtree, computed in the database.

Each reading stores its computed status and achievement % (targets/outcomes/achievement.py, at write time), so a
rollup is an aggregate query whatever the size of the subtree: no nightly job, and a reading saved by
staff shows at once.

A rollup at a cut-off is the sum of the subtree's outcome steps up to that day (targets/outcomes/steps.py: each
target enters as "no data"; each current reading moves it from the status and capped % of the reading
before it to its own), summed here per (period, cut-off) point:
- unfiltered (every dashboard's default view) or narrowed by shape, from the stored subtree steps
  (targets.SubtreeStep, kept per shape on every write): a few rows per period and shape, so the root of a
  province (280.000 targets a year) rolls up in a few milliseconds;
- narrowed by document or words of the title, from the steps of the matching targets computed from
  their readings in the same query (`steps.steps_of`): a scan of those targets' readings, so the
  dashboard keeps them in the cache per child and per grandchild subtree (committees/subtree_cache.py),
  forgotten on every write below, and a write recomputes one grandchild's subtree (`narrowed_rollups`).
  `with_outcome` gives each target's own outcome, for the lists.
"""

from __future__ import annotations

import operator
from datetime import date
from functools import reduce
from typing import Any

from django.db.models import (
    Case,
    CharField,
    DateField,
    F,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Coalesce

from committees import subtree_cache
from committees.models import Organisation
from targets.models import SubtreeStep, Target
from targets.outcomes import steps
from targets.outcomes.achievement import IN_PROGRESS, Rollup, Status
from targets.outcomes.standing import standing_readings
from targets.periods import Period, PeriodKind

MET = ("met", "exceeded")


EMPTY = Rollup(0, 0, 0, 0, 0, 0, 0, None)


def _scope_bounds(period: Period) -> tuple[date, date]:
    if period.kind is PeriodKind.TERM:
        return period.start, period.end
    return date(period.year, 1, 1), date(period.year, 12, 31)


def scope_of(period: Period) -> Q:
    """Which targets a dashboard for `period` counts: those of its year (or of its term)."""
    first, last = _scope_bounds(period)
    return Q(period_start__gte=first, period_end__lte=last)


def windows_running(period: Period) -> Q:
    """The targets of several years (a term, "2016-2021") running during `period`: a report of a year or
    half-year lists them after its own, against their whole plan; they are in no year's `scope_of`."""
    if period.kind is PeriodKind.TERM:
        return Q(pk__in=[])
    return Q(
        period_start__lte=period.end,
        period_end__gte=period.start,
        period_end__year__gt=F("period_start__year"),
    )


def in_scope(period: Period, start: date, end: date) -> bool:
    """`scope_of` for one target's period, in Python."""
    first, last = _scope_bounds(period)
    return first <= start and end <= last


def with_outcome(targets: QuerySet[Target], cut_off: date) -> QuerySet[Target]:
    """Annotate each target with the status and % of its latest current reading at `cut_off` (for lists):
    the status as it stands then (achievement.settled: final once the period has ended), and `cur_as_of`,
    the reading's date when it is older than the day the cut-off asks for (achievement.stale_as_of)."""
    latest = standing_readings(cut_off).filter(target=OuterRef("pk"))
    ended = Q(period_end__lte=cut_off, cur_stored_status__in=[str(s) for s in IN_PROGRESS])
    return (
        targets.alias(
            cur_stored_status=Coalesce(
                Subquery(latest.values("status")[:1]), Value("no_data"), output_field=CharField()
            ),
        )
        .annotate(
            cur_status=Case(
                When(ended, then=Value(str(Status.NOT_MET))),
                default=F("cur_stored_status"),
                output_field=CharField(),
            ),
            cur_pct=Subquery(latest.values("achievement_pct")[:1]),
            cur_value=Subquery(latest.values("value")[:1]),
            cur_done=Subquery(latest.values("done")[:1]),
            cur_kind=Subquery(latest.values("kind")[:1]),
            cur_cut_off=Subquery(latest.values("cut_off")[:1]),
            cur_measure=Subquery(latest.values("measure")[:1]),
            cur_previous=Subquery(latest.values("previous")[:1]),
        )
        .annotate(
            cur_as_of=Case(
                When(Q(cur_cut_off__lt=cut_off) & Q(cur_cut_off__lt=F("period_end")), then=F("cur_cut_off")),
                default=None,
                output_field=DateField(),
            ),
        )
    )


def rollup(
    organisation: Organisation,
    period: Period,
    cut_off: date,
    *,
    filters: Q | None = None,
    shape: str | None = None,
) -> Rollup:
    """One query: the rollup of every target in the organisation's subtree (of one shape, narrowed by
    `filters`)."""
    return rollups_at(organisation, [(period, cut_off)], filters=filters, shape=shape)[0]


def of_shape(shape: str | None) -> Q:
    """The targets of one shape, or all of them."""
    return Q(shape=shape) if shape else Q()


def rollups_at(
    organisation: Organisation,
    points: list[tuple[Period, date]],
    *,
    filters: Q | None = None,
    shape: str | None = None,
) -> list[Rollup]:
    """The subtree's rollups at several (period, cut-off) points, in one query: the stored subtree steps
    (a few rows per period and shape), or narrowed by `filters`, the steps of the matching targets
    computed now."""
    if filters:
        scopes = reduce(operator.or_, (scope_of(period) for period, _cut_off in points))
        rows = steps.steps_of(_matching(organisation, scopes, filters, shape))
    else:
        wheres = [scope_of(period) & Q(day__lte=cut_off) for period, cut_off in points]
        rows = list(
            SubtreeStep.objects.filter(
                reduce(operator.or_, wheres), of_shape(shape), organisation=organisation
            ).values_list("period_start", "period_end", "day", *SubtreeStep.SUMS)
        )
    return [_sum(rows, period, cut_off) for period, cut_off in points]


def _matching(organisation: Organisation, scope: Q, filters: Q, shape: str | None) -> QuerySet[Target]:
    """The subtree's targets in `scope` of one shape (or all) that match `filters`: those a narrowed
    rollup computes the steps of."""
    return Target.objects.filter(
        scope, filters, of_shape(shape), organisation__path__startswith=organisation.path
    )


def _sum(rows: list[tuple[Any, ...]], period: Period, cut_off: date) -> Rollup:
    """The rollup at `cut_off` from (period start, period end, day, *sums) rows."""
    sums = [0] * len(SubtreeStep.SUMS)
    for start, end, day, *values in rows:
        if day <= cut_off and in_scope(period, start, end):
            sums = [a + b for a, b in zip(sums, values, strict=True)]
    return Rollup.from_steps(dict(zip(SubtreeStep.SUMS, sums, strict=True)))


def children_rollups(
    organisation: Organisation,
    period: Period,
    cut_off: date,
    *,
    filters: Q | None = None,
    shape: str | None = None,
) -> dict[str, Rollup]:
    """One query: a rollup per child subtree (of one shape, narrowed by `filters`), keyed by the child's
    path."""
    if not filters:
        rows = (
            SubtreeStep.objects.filter(
                scope_of(period), of_shape(shape), organisation__parent=organisation, day__lte=cut_off
            )
            .order_by()
            .values("organisation__path")
            .annotate(**{name: Sum(name) for name in SubtreeStep.SUMS})
        )
        return {row["organisation__path"]: Rollup.from_steps(row) for row in rows}  # type: ignore[arg-type]
    targets = _matching(organisation, scope_of(period), filters, shape).exclude(
        organisation_id=organisation.pk
    )
    by_child: dict[str, list[tuple[Any, ...]]] = {}
    for child_path, *row in steps.steps_of(targets, by_child_of=organisation):
        by_child.setdefault(child_path, []).append(tuple(row))
    return {path: _sum(rows, period, cut_off) for path, rows in by_child.items()}


def subtree_rollups(
    organisation: Organisation,
    points: list[tuple[Period, date]],
    *,
    filters: Q,
    shape: str | None = None,
) -> tuple[list[Rollup], dict[str, Rollup]]:
    """The subtree's rollups at `points` and each child's at the first point, as the dashboard and the
    API's rollup show them (one rule for both): from the stored steps, or narrowed by `filters`, from the
    matching targets' steps cached per subtree (`narrowed_rollups`)."""
    if filters:
        return narrowed_rollups(organisation, points, filters=filters, shape=shape)
    period, cut_off = points[0]
    return (
        rollups_at(organisation, points, shape=shape),
        children_rollups(organisation, period, cut_off, shape=shape),
    )


def narrowed_rollups(
    organisation: Organisation,
    points: list[tuple[Period, date]],
    *,
    filters: Q,
    shape: str | None = None,
) -> tuple[list[Rollup], dict[str, Rollup]]:
    """`rollups_at(points)` and `children_rollups(*points[0])` narrowed by `filters`, from one computation of
    the matching targets' steps.

    Each child subtree's steps are kept in the cache under that child's token, and so are each grandchild
    subtree's (committees/subtree_cache.py): the first view after a write recomputes the grandchild subtree
    written in and the own targets of the child above it, not the whole child. Under the root of a province
    the words of a title match 112.000 targets of 21 districts; one district's are 5.400 targets and 9.400
    readings (0,7 s), one grassroots committee's about 180 (issue 24). The organisation's own targets, few,
    are computed each time, in the same query."""
    scopes = reduce(operator.or_, (scope_of(period) for period, _cut_off in points))
    matching = _matching(organisation, scopes, filters, shape)
    key = (subtree_cache.q_key(scopes), subtree_cache.q_key(filters), shape or "")
    children = list(organisation.children.order_by())
    own_rows: list[tuple[Any, ...]] = []
    computed: list[bool] = []

    def compute(missing: list[Organisation]) -> dict[int, list[tuple[Any, ...]]]:
        """The missing children's steps: their own targets' and their children's (each cached)."""
        computed.append(True)
        below = list(Organisation.objects.filter(parent__in=missing).order_by())
        # The own targets of the organisation and of the missing children, and the grandchild subtrees not
        # cached, in one query grouped by grandchild (a child's own targets under the child's path).
        rows: dict[str, list[tuple[Any, ...]]] = {o.path: [] for o in [organisation, *missing, *below]}
        reads: list[bool] = []

        def read(units: list[Organisation]) -> dict[int, list[tuple[Any, ...]]]:
            reads.append(True)
            ids = [organisation.pk, *(c.pk for c in missing)]
            subtrees = [Q(path__startswith=u.path) for u in units]
            if len(units) == len(below) and len(missing) == len(children):
                targets = matching  # nothing cached: every matching target, no list of organisations
            else:
                # The organisations first, then their targets through the index on organisation: the
                # words of a title alone are a scan of every target of the province (1.400.000, 0,5 s).
                if subtrees:
                    below_ids = Organisation.objects.filter(reduce(operator.or_, subtrees))
                    ids += below_ids.values_list("pk", flat=True)
                targets = matching.filter(organisation_id__in=ids)
            for path, *row in steps.steps_of(targets, by_child_of=organisation, levels=2):
                rows[path].append(tuple(row))
            return {u.pk: rows[u.path] for u in units}

        parts = subtree_cache.cached_many(below, "narrowed-steps", key, read)
        if not reads:
            read([])  # every grandchild subtree was cached: the own targets alone
        own_rows.extend(rows[organisation.path])
        sums_of: dict[int, dict[tuple[Any, ...], list[Any]]] = {c.pk: {} for c in missing}
        for child in missing:
            _add_rows(sums_of[child.pk], rows[child.path])
        for unit in below:
            _add_rows(sums_of[unit.parent_id], parts[unit.pk])  # type: ignore[index]
        return {pk: _rows(sums) for pk, sums in sums_of.items()}

    by_child = subtree_cache.cached_many(children, "narrowed-steps", key, compute)
    if not computed:  # every child was cached: the own targets alone
        own_rows.extend(steps.steps_of(matching.filter(organisation=organisation)))
    every: dict[tuple[Any, ...], list[Any]] = {}
    _add_rows(every, own_rows)
    for rows in by_child.values():
        _add_rows(every, rows)
    period, cut_off = points[0]
    paths = {c.pk: c.path for c in children}
    return [_sum(_rows(every), p, c) for p, c in points], {
        paths[pk]: _sum(rows, period, cut_off) for pk, rows in by_child.items() if rows
    }


def _add_rows(sums: dict[tuple[Any, ...], list[Any]], rows: list[tuple[Any, ...]]) -> None:
    """Add (period start, period end, day, *sums) rows into `sums` by (period start, period end, day): the
    units of a child summed once, not once per point."""
    for start, end, day, *values in rows:
        total = sums.get((start, end, day))
        if total is None:
            sums[(start, end, day)] = list(values)
        else:
            for i, value in enumerate(values):
                total[i] += value


def _rows(sums: dict[tuple[Any, ...], list[Any]]) -> list[tuple[Any, ...]]:
    return [(*k, *v) for k, v in sums.items()]


def periods_with_targets(organisation: Organisation, up_to: int) -> tuple[list[int], str | None, list[str]]:
    """The years (newest first) in which the subtree has targets, for the period picker, and the code
    of the newest period among them (see dashboard.default_period): its year, or its term when the targets
    starting that year are all of a term; and the multi-year windows (terms) of its targets, newest first.

    From the steps every target enters with: a row per period, not one per target (one query)."""
    spans = (
        SubtreeStep.objects.filter(
            organisation=organisation, day=SubtreeStep.FIRST_DAY, total__gt=0, period_start__year__lte=up_to
        )
        .order_by()
        .values_list("period_start", "period_end")
        .distinct()
    )
    spans_list = sorted(set(spans), key=lambda span: (-span[0].toordinal(), span[1]))
    if not spans_list:
        return [], None, []
    start, end = spans_list[0]
    newest = str(start.year) if start.year == end.year else f"{start.year}-{end.year}"
    # Terms and multi-year windows ("2016-2021"): their targets are in no year's scope, only their own.
    windows = {(a.year, b.year) for a, b in spans_list if b.year > a.year}
    return (
        sorted({start.year for start, _end in spans_list}, reverse=True),
        newest,
        [f"{a}-{b}" for a, b in sorted(windows, key=lambda w: (-w[0], -w[1]))],
    )
