"""The targets sheet's `source` column ("Nguồn số liệu"): `readings` (the default, also when the column
is missing or empty) or the name of a register metric (targets.outcomes.metrics) whose value the target
takes instead of typed readings. exchange/workbook.py calls these from a few hook lines."""

from __future__ import annotations

from typing import Any

from targets.outcomes.metrics import METRICS, READINGS

COLUMN = ("source", "Nguồn số liệu", False)
NAMES = (READINGS, *METRICS)


def _text(value: Any) -> str:
    return str(value).strip() if value is not None else ""


def source_of(row: dict[str, Any]) -> str:
    return _text(row.get("source")) or READINGS


def source_problem(row: dict[str, Any]) -> str:
    """The message for a value that names no source, or empty."""
    name = _text(row.get("source"))
    if not name or name in NAMES:
        return ""
    return f"Nguồn số liệu «{name}» không hợp lệ: dùng {', '.join(NAMES)}."
