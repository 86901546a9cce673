"""Keeping the outcome steps true (targets.OutcomeStep per organisation, targets.SubtreeStep per subtree).

Every service that writes targets or readings calls `refresh` with the (organisation, period start,
period end) of the targets it wrote, inside its transaction:
1. the organisations' rows are locked, so two transactions writing one organisation go one after the
   other, each seeing what the other committed;
2. the own steps of those periods (per day and shape) are rebuilt from their targets and readings: a
   DELETE and one INSERT ... SELECT over those targets (about 40 per organisation and year), each
   RETURNING its rows: the old steps and the new;
3. the difference, new minus old, is added to the subtree steps of each organisation and of every one
   above it (one upsert: INSERT ... ON CONFLICT DO UPDATE SET total = total + excluded.total, ...).
Additions commute, so concurrent writes in different organisations add up in any order.

tests/targets/test_steps.py holds both tables to a rebuild from scratch after every write service, and the
rollups read from them to the rollups computed from the readings. `rebuild_all` recomputes both tables:
after a bulk load outside the services (the benchmark's generator), or a fix made in the database shell
(`manage.py rebuild_outcome_steps`).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import date
from decimal import Decimal
from typing import Any

from django.db import connection
from django.db.models import QuerySet

from committees.models import PATH_SEGMENT, Organisation, path_ids
from targets.models import OutcomeStep, Reading, Steps, SubtreeStep, Target
from targets.outcomes.achievement import IN_PROGRESS, Status

KEY = ("organisation_id", "period_start", "period_end", "day", "shape")
_CHUNK = 200  # keys or rows per statement: SQLite allows 32.766 parameters

type Key = tuple[Any, ...]  # period_start, period_end, day, shape
type Period = tuple[int, date, date]  # organisation id, period start, period end
type Vector = tuple[Any, ...]  # Steps.SUMS


def _moves_sql(where: str, targets: str = Target._meta.db_table) -> str:
    """The moves of the targets `where` selects (aliased t; its parameters come twice, after FIRST_DAY)
    from the table `targets` (the targets' table, or a subset of its rows with the same columns):
    each target entering on FIRST_DAY, each current reading moving it from the reading before it, and on
    the period's end, the last reading when it was read before the end and judged on pace moving it to
    "not met" (achievement.settled: the status is final once the period is over; the % stays)."""
    capped = "CASE WHEN r.achievement_pct > 100 THEN 100 ELSE r.achievement_pct END"
    moves = ",\n".join(
        f"(CASE WHEN status = '{c}' THEN 1 ELSE 0 END) - (CASE WHEN previous_status = '{c}' THEN 1 ELSE 0 END)"
        for c in Steps.COUNTS
    )
    base = ", ".join(f"{1 if c == 'no_data' else 0} AS {c}" for c in Steps.COUNTS)
    in_progress = ", ".join(f"'{s}'" for s in IN_PROGRESS)
    return f"""
        SELECT t.organisation_id, t.period_start, t.period_end, %s AS day, t.shape,
               1 AS total, {base}, 0 AS pct_sum, 0 AS pct_n
        FROM {targets} t
        WHERE {where}
        UNION ALL
        SELECT organisation_id, period_start, period_end, day, shape, 0, {moves},
               COALESCE(pct, 0) - COALESCE(previous_pct, 0),
               (CASE WHEN pct IS NULL THEN 0 ELSE 1 END) - (CASE WHEN previous_pct IS NULL THEN 0 ELSE 1 END)
        FROM (
            -- k = 0: the reading's own move; k = 1: the settling move on the period's end.
            SELECT organisation_id, period_start, period_end, shape, pct,
                   CASE WHEN k = 1 THEN period_end ELSE cut_off END AS day,
                   CASE WHEN k = 1 THEN '{Status.NOT_MET}' ELSE status END AS status,
                   CASE WHEN k = 1 THEN status ELSE previous_status END AS previous_status,
                   CASE WHEN k = 1 THEN pct ELSE previous_pct END AS previous_pct
            FROM (
                SELECT t.organisation_id, t.period_start, t.period_end, t.shape, r.cut_off, r.status,
                       COALESCE(LAG(r.status) OVER w, 'no_data') AS previous_status,
                       {capped} AS pct,
                       LAG({capped}) OVER w AS previous_pct,
                       LEAD(r.cut_off) OVER w AS next_cut_off
                FROM {Reading._meta.db_table} r JOIN {targets} t ON t.id = r.target_id
                WHERE r.is_current AND {where}
                WINDOW w AS (PARTITION BY r.target_id ORDER BY r.cut_off, r.id)
            ) readings
            CROSS JOIN (SELECT 0 AS k UNION ALL SELECT 1 AS k) settling
            WHERE k = 0
               OR (next_cut_off IS NULL AND cut_off < period_end AND status IN ({in_progress}))
        ) moves
    """


_SUMS = ", ".join(f"SUM({c})" for c in Steps.SUMS)
_SUMS_AS = ", ".join(f"SUM({c}) AS {c}" for c in Steps.SUMS)


def _own_sql(where: str) -> str:
    """INSERT ... SELECT of the own steps of the targets `where` selects (aliased t)."""
    return f"""
        INSERT INTO {OutcomeStep._meta.db_table} ({", ".join((*KEY, *Steps.SUMS))})
        SELECT organisation_id, period_start, period_end, day, shape, {_SUMS}
        FROM ({_moves_sql(where)}) steps
        GROUP BY organisation_id, period_start, period_end, day, shape
    """


def steps_of(
    targets: QuerySet[Target], *, by_child_of: Organisation | None = None, levels: int = 1
) -> list[tuple[Any, ...]]:
    """The steps of these targets computed from their readings now, summed per (period start, period end,
    day), and per child subtree of `by_child_of` first (its path; with `levels` 2, per grandchild subtree,
    a child's own targets under the child's path): what a dashboard narrowed by a filter rolls up, as the
    stored steps are only kept per shape."""
    columns = ("pk", "organisation_id", "period_start", "period_end", "shape")
    query, params = targets.order_by().values(*columns).query.sql_with_params()
    group = ""
    join = ""
    if by_child_of is not None:
        group = f"SUBSTR(o.path, 1, {len(by_child_of.path) + levels * PATH_SEGMENT}), "
        join = f"JOIN {Organisation._meta.db_table} o ON o.id = steps.organisation_id"
    # The matching targets selected once (their words of the title are a scan of the targets), not once
    # for their entries and once for their readings; the steps summed per organisation before the join
    # on its path (a few rows each, not one per reading).
    sql = f"""
        WITH matching (id, organisation_id, period_start, period_end, shape) AS MATERIALIZED ({query})
        SELECT {group}period_start, period_end, day, {_SUMS}
        FROM (
            SELECT organisation_id, period_start, period_end, day, {_SUMS_AS}
            FROM ({_moves_sql("1 = 1", "matching")}) moves
            GROUP BY organisation_id, period_start, period_end, day
        ) steps {join}
        GROUP BY {group}period_start, period_end, day
    """
    dates = (1, 2, 3) if by_child_of is not None else (0, 1, 2)
    with connection.cursor() as cursor:
        cursor.execute(sql, [*params, OutcomeStep.FIRST_DAY])
        return [
            tuple(_day(v) if i in dates else _number(v) for i, v in enumerate(row))
            for row in cursor.fetchall()
        ]


def _day(value: Any) -> date:
    # SQLite hands computed dates back as text.
    return date.fromisoformat(value) if isinstance(value, str) else value


_RETURNING = f"RETURNING {', '.join(KEY)}, {', '.join(Steps.SUMS)}"


def _rows(cursor: Any) -> dict[tuple[Any, ...], Vector]:
    return {tuple(row[: len(KEY)]): tuple(_number(v) for v in row[len(KEY) :]) for row in cursor.fetchall()}


def key_of(target: Target) -> Period:
    """The (organisation, period start, period end) whose steps a write of this target changes."""
    return (target.organisation_id, target.period_start, target.period_end)


def refresh(periods: Iterable[Period]) -> None:
    """Rebuild the own steps of these (organisation, period start, period end) and carry the change up
    their subtree steps (call inside the transaction that wrote their targets or readings)."""
    keys = sorted(set(periods))
    ids = sorted({organisation_id for organisation_id, _start, _end in keys})
    paths: dict[int, str] = {}
    for start in range(0, len(ids), _CHUNK):
        paths.update(
            Organisation.objects.select_for_update()
            .filter(pk__in=ids[start : start + _CHUNK])
            .order_by("pk")
            .values_list("pk", "path")
        )
    differences: dict[tuple[Any, ...], Vector] = {}
    # Per target period, the organisations in one IN list: an import touches ~2.000 organisations in one
    # or two periods, and an OR of (organisation, start, end) triples was planned as a scan per statement
    # (issue 24: 13,9 s of a 10.000-reading import spread over a province).
    by_period: dict[tuple[date, date], list[int]] = {}
    for organisation_id, start_day, end_day in keys:
        by_period.setdefault((start_day, end_day), []).append(organisation_id)
    for (start_day, end_day), organisation_ids in sorted(by_period.items()):
        for start in range(0, len(organisation_ids), _CHUNK * 5):
            chunk = organisation_ids[start : start + _CHUNK * 5]
            differences.update(_refresh_chunk(chunk, start_day, end_day))
    _add_to_subtrees(differences, paths)


def _refresh_chunk(
    organisation_ids: list[int], start_day: date, end_day: date
) -> dict[tuple[Any, ...], Vector]:
    marks = ", ".join(["%s"] * len(organisation_ids))
    which = f"{{0}}organisation_id IN ({marks}) AND {{0}}period_start = %s AND {{0}}period_end = %s"
    params: list[Any] = [*organisation_ids, start_day, end_day]
    with connection.cursor() as cursor:
        cursor.execute(
            f"DELETE FROM {OutcomeStep._meta.db_table} WHERE {which.format('')} {_RETURNING}", params
        )
        old = _rows(cursor)
        cursor.execute(
            _own_sql(f"({which.format('t.')})") + _RETURNING, [OutcomeStep.FIRST_DAY, *params, *params]
        )
        new = _rows(cursor)
    return _differences(old, new)


_MOVES = "targets_steps_moves"  # a temporary table: what the targets' moves were, then are
_IDS_CHUNK = 2000  # target ids per statement (each list is sent twice: the moves' two halves)


@contextmanager
def moved(target_ids: Iterable[int]) -> Iterator[None]:
    """Keep both tables true for readings of these targets written inside the block (the import).

    Instead of rebuilding each touched organisation's own steps from all its targets (~40 per
    organisation and year: 85.000 targets for an import of 2.500 spread over a province), the moves of
    these targets alone are taken before the block (subtracted) and after it (added) into a temporary
    table; their sum per key is the difference the block made, added to the own steps and to the subtree
    steps of every ancestor in two set-based upserts (the ancestors are read off the fixed-width path).
    Nothing passes through Python but the target ids. The targets must be locked by the caller, and
    their organisations are locked here, as `refresh` does, so the two ways never interleave."""
    ids = sorted(set(target_ids))
    if not ids:
        yield
        return
    chunks = [ids[start : start + _IDS_CHUNK] for start in range(0, len(ids), _IDS_CHUNK)]
    depth = 0
    for chunk in chunks:
        paths = (
            Organisation.objects.select_for_update()
            .filter(pk__in=Target.objects.filter(pk__in=chunk).values("organisation_id"))
            .order_by("pk")
            .values_list("path", flat=True)
        )
        depth = max([depth, *(len(path) // PATH_SEGMENT for path in paths)])
    sums = ", ".join(f"{name} {'numeric(30, 6)' if name == 'pct_sum' else 'integer'}" for name in Steps.SUMS)
    with connection.cursor() as cursor:
        # Dropped at the end; on an error the transaction's rollback takes it away (DDL is transactional
        # in PostgreSQL and SQLite), and a leftover from a caught error is dropped here first.
        cursor.execute(f"DROP TABLE IF EXISTS {_MOVES}")
        cursor.execute(
            f"CREATE TEMPORARY TABLE {_MOVES} (organisation_id integer, period_start date, "
            f"period_end date, day date, shape varchar(16), {sums})"
        )
        _add_moves(cursor, chunks, -1)
    yield
    with connection.cursor() as cursor:
        _add_moves(cursor, chunks, 1)
        _upsert_moves(cursor, depth)
        cursor.execute(f"DROP TABLE {_MOVES}")


def _add_moves(cursor: Any, chunks: list[list[int]], sign: int) -> None:
    sums = ", ".join(f"{'-' if sign < 0 else ''}SUM({name})" for name in Steps.SUMS)
    for chunk in chunks:
        marks = ", ".join(["%s"] * len(chunk))
        cursor.execute(
            f"""
            INSERT INTO {_MOVES} ({", ".join((*KEY, *Steps.SUMS))})
            SELECT {", ".join(KEY)}, {sums}
            FROM ({_moves_sql(f"t.id IN ({marks})")}) steps
            GROUP BY {", ".join(KEY)}
            """,
            [OutcomeStep.FIRST_DAY, *chunk, *chunk],
        )


def _upsert_moves(cursor: Any, depth: int) -> None:
    """Add the summed moves to the own steps, and to the subtree steps of each organisation and of every
    one above it: the ancestor at level k is the k-th fixed-width segment of the path."""
    key = ", ".join(KEY)
    changed = " OR ".join(f"SUM({name}) <> 0" for name in Steps.SUMS)
    digits = PATH_SEGMENT - 1
    levels = " UNION ALL ".join(f"SELECT {k} AS k" for k in range(depth))
    for table, source in (
        (OutcomeStep._meta.db_table, f"SELECT {key}, {', '.join(Steps.SUMS)} FROM {_MOVES}"),
        (
            SubtreeStep._meta.db_table,
            f"""
            SELECT CAST(SUBSTR(o.path, levels.k * {PATH_SEGMENT} + 1, {digits}) AS integer) AS organisation_id,
                   {", ".join(f"m.{name}" for name in KEY[1:])}, {", ".join(f"m.{name}" for name in Steps.SUMS)}
            FROM {_MOVES} m
            JOIN {Organisation._meta.db_table} o ON o.id = m.organisation_id
            JOIN ({levels}) levels ON LENGTH(o.path) >= (levels.k + 1) * {PATH_SEGMENT}
            """,
        ),
    ):
        updates = ", ".join(f"{name} = {table}.{name} + excluded.{name}" for name in Steps.SUMS)
        # WHERE 1 = 1: SQLite needs a WHERE before an upsert's ON CONFLICT to parse it. In key order, as
        # `refresh` adds: two transactions adding to the same ancestor rows lock them in the same order.
        cursor.execute(
            f"""
            INSERT INTO {table} ({key}, {", ".join(Steps.SUMS)})
            SELECT {key}, {", ".join(f"SUM({name})" for name in Steps.SUMS)}
            FROM ({source}) moves
            WHERE 1 = 1
            GROUP BY {key}
            HAVING {changed}
            ORDER BY {key}
            ON CONFLICT ({key}) DO UPDATE SET {updates}
            """
        )


def _differences(
    old: dict[tuple[Any, ...], Vector], new: dict[tuple[Any, ...], Vector]
) -> dict[tuple[Any, ...], Vector]:
    zero = (0,) * len(Steps.SUMS)
    result = {}
    for key in old.keys() | new.keys():
        before, after = old.get(key, zero), new.get(key, zero)
        difference = tuple(a - b for a, b in zip(after, before, strict=True))
        if any(difference):
            result[key] = difference
    return result


def _number(value: Any) -> Any:
    # Raw SQL on SQLite hands decimals back as floats: exact Decimals keep the sums exact.
    return Decimal(str(value)) if isinstance(value, float) else value


def _per_ancestor(
    rows: Iterable[tuple[int, Key, Vector]], paths: dict[int, str]
) -> dict[tuple[Any, ...], list[Any]]:
    """Each (organisation, key, sums) added to the sums of (ancestor, key) for it and every one above it."""
    totals: dict[tuple[Any, ...], list[Any]] = defaultdict(lambda: [0] * len(Steps.SUMS))
    for organisation_id, key, values in rows:
        for ancestor in path_ids(paths[organisation_id]):
            total = totals[(ancestor, *key)]
            for i, value in enumerate(values):
                total[i] += value
    return totals


def _add_to_subtrees(differences: dict[tuple[Any, ...], Vector], paths: dict[int, str]) -> None:
    """Add each organisation's difference to the subtree steps of it and of every organisation above it."""
    totals = _per_ancestor(((key[0], key[1:], d) for key, d in differences.items()), paths)
    if not totals:
        return
    table = SubtreeStep._meta.db_table
    columns = ", ".join((*KEY, *Steps.SUMS))
    row_marks = "(" + ", ".join(["%s"] * (len(KEY) + len(Steps.SUMS))) + ")"
    updates = ", ".join(f"{name} = {table}.{name} + excluded.{name}" for name in Steps.SUMS)
    # In key order: two transactions adding to the same rows lock them in the same order.
    rows = [(*key, *values) for key, values in sorted(totals.items(), key=lambda item: _sortable(item[0]))]
    with connection.cursor() as cursor:
        for start in range(0, len(rows), _CHUNK):
            chunk = rows[start : start + _CHUNK]
            cursor.execute(
                f"INSERT INTO {table} ({columns}) VALUES {', '.join([row_marks] * len(chunk))} "
                f"ON CONFLICT ({', '.join(KEY)}) DO UPDATE SET {updates}",
                [value for row in chunk for value in row],
            )


def _sortable(key: tuple[Any, ...]) -> tuple[Any, ...]:
    # The order `moved` upserts in (ORDER BY in SQL): the organisation as a number, dates as ISO text
    # (SQLite hands some back as text), so that both paths lock shared ancestor rows in one order.
    return (int(key[0]), *(str(part) for part in key[1:]))


def rebuild_all() -> int:
    """Recompute both tables from the targets and readings; returns the number of own steps.

    The subtree steps are summed in the database, through a temporary table of (organisation, ancestor)
    pairs read off the paths, so the own steps never pass through Python (a province: 63 s in all, 104 MB;
    169 s and 1,4 GB when they were summed in Python)."""
    closure = "targets_steps_closure"
    pairs = [
        (organisation_id, ancestor)
        for organisation_id, path in Organisation.objects.values_list("pk", "path")
        for ancestor in path_ids(path)
    ]
    key = ", ".join(f"s.{name}" for name in KEY[1:])
    sums = ", ".join(f"SUM(s.{name})" for name in Steps.SUMS)
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {SubtreeStep._meta.db_table}")
        cursor.execute(f"DELETE FROM {OutcomeStep._meta.db_table}")
        cursor.execute(_own_sql("1 = 1"), [OutcomeStep.FIRST_DAY])
        cursor.execute(f"DROP TABLE IF EXISTS {closure}")
        cursor.execute(f"CREATE TEMPORARY TABLE {closure} (organisation_id integer, ancestor_id integer)")
        try:
            for start in range(0, len(pairs), _CHUNK * 10):
                chunk = pairs[start : start + _CHUNK * 10]
                cursor.execute(
                    f"INSERT INTO {closure} VALUES {', '.join(['(%s, %s)'] * len(chunk))}",
                    [value for pair in chunk for value in pair],
                )
            cursor.execute(
                f"""
                INSERT INTO {SubtreeStep._meta.db_table} ({", ".join((*KEY, *Steps.SUMS))})
                SELECT c.ancestor_id, {key}, {sums}
                FROM {OutcomeStep._meta.db_table} s JOIN {closure} c ON c.organisation_id = s.organisation_id
                GROUP BY c.ancestor_id, {key}
                """
            )
        finally:
            cursor.execute(f"DROP TABLE IF EXISTS {closure}")
    return OutcomeStep.objects.count()


def subtree_from_own() -> list[tuple[Any, ...]]:
    """What the subtree steps should be, from the own steps, summed in Python (for the consistency
    checks: of `rebuild_all`'s SQL and of the differences `refresh` carries up)."""
    paths = dict(Organisation.objects.values_list("pk", "path"))
    own = OutcomeStep.objects.values_list(*KEY, *Steps.SUMS).iterator(chunk_size=5000)
    totals = _per_ancestor(((row[0], row[1 : len(KEY)], row[len(KEY) :]) for row in own), paths)
    return _normalised((*key, *values) for key, values in totals.items())


def _normalised(rows: Iterable[Sequence[Any]]) -> list[tuple[Any, ...]]:
    """Rows without all-zero sums, with % sums to 6 places: two ways of computing a table compare equal."""
    result = []
    for row in rows:
        key, values = tuple(row[: len(KEY)]), list(row[len(KEY) :])
        values[-2] = Decimal(str(values[-2])).quantize(Decimal("0.000001"))  # pct_sum
        if any(values):
            result.append((*key, *values))
    return sorted(result)


def subtree_table() -> list[tuple[Any, ...]]:
    return _normalised(SubtreeStep.objects.values_list(*KEY, *Steps.SUMS))
