"""The outcome steps gain a step on each period's end: a target whose last reading was read before the end
and judged on pace ("on_track", "behind") moves to "not_met" there (targets.achievement.settled).

Frozen SQL, as the steps stood when this was written: the rows the release before left are kept and the
settling moves are added to them, to the organisation's own steps and to the subtree steps of it and of
every organisation above it (the ids in its materialised path). Reversing takes them off again.
"""

from django.db import migrations

COUNTS = ("exceeded", "met", "not_met", "on_track", "behind", "no_data")
SUMS = ("total", *COUNTS, "pct_sum", "pct_n")
KEY = ("organisation_id", "period_start", "period_end", "day", "shape")

SETTLING = """
    SELECT t.organisation_id, t.period_start, t.period_end, t.shape, r.status, COUNT(*)
    FROM targets_reading r JOIN targets_target t ON t.id = r.target_id
    WHERE r.is_current AND r.cut_off < t.period_end AND r.status IN ('on_track', 'behind')
      AND NOT EXISTS (
          SELECT 1 FROM targets_reading later
          WHERE later.target_id = r.target_id AND later.is_current AND later.cut_off > r.cut_off
      )
    GROUP BY t.organisation_id, t.period_start, t.period_end, t.shape, r.status
"""


def _add(cursor, table, rows):
    columns = ", ".join((*KEY, *SUMS))
    marks = ", ".join(["%s"] * (len(KEY) + len(SUMS)))
    updates = ", ".join(f"{name} = {table}.{name} + excluded.{name}" for name in SUMS)
    for row in rows:
        cursor.execute(
            f"INSERT INTO {table} ({columns}) VALUES ({marks}) "
            f"ON CONFLICT ({', '.join(KEY)}) DO UPDATE SET {updates}",
            row,
        )


def _settle(apps, schema_editor, sign):
    connection = schema_editor.connection
    with connection.cursor() as cursor:
        cursor.execute(SETTLING)
        moves = cursor.fetchall()
        if not moves:
            return
        cursor.execute("SELECT id, path FROM committees_organisation")
        paths = dict(cursor.fetchall())
        own, subtree = [], {}
        for organisation_id, start, end, shape, status, n in moves:
            vector = [0] * len(SUMS)
            vector[SUMS.index(status)] -= sign * n
            vector[SUMS.index("not_met")] += sign * n
            own.append((organisation_id, start, end, end, shape, *vector))
            for ancestor in (int(part) for part in paths[organisation_id].split("/") if part):
                total = subtree.setdefault((ancestor, start, end, end, shape), [0] * len(SUMS))
                for i, value in enumerate(vector):
                    total[i] += value
        _add(cursor, "targets_outcomestep", own)
        _add(cursor, "targets_subtreestep", [(*key, *values) for key, values in sorted(subtree.items())])


def settle(apps, schema_editor):
    _settle(apps, schema_editor, 1)


def unsettle(apps, schema_editor):
    _settle(apps, schema_editor, -1)


class Migration(migrations.Migration):
    dependencies = [
        ("committees", "0004_reporting_cycle"),
        ("targets", "0006_field_verbose_names_for_history"),
    ]

    operations = [migrations.RunPython(settle, unsettle)]
