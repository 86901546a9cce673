"""Queries of the targets app."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from django.db.models import Prefetch, QuerySet, Sum

from committees import access
from committees.models import Organisation
from targets.models import Reading, Target
from targets.periods import Period

if TYPE_CHECKING:
    from committees.access import AnyUser


def targets_for_user(user: AnyUser) -> QuerySet[Target]:
    return access.restrict(Target.objects.select_related("organisation", "document"), user)


def targets_in_period(organisation: Organisation, period: Period) -> QuerySet[Target]:
    """The organisation's own targets whose period overlaps `period`."""
    return Target.objects.filter(
        organisation=organisation, period_start__lte=period.end, period_end__gte=period.start
    ).order_by("period_start", "position", "id")


@dataclass
class EntryRow:
    target: Target
    reading: Reading | None  # the current reading at exactly the grid's cut-off
    earlier: Reading | None  # otherwise the latest current reading before it


def entry_rows(organisation: Organisation, period: Period, cut_off: date) -> list[EntryRow]:
    """The entry grid: every target with its reading at the cut-off, in two queries whatever the count."""
    readings = Reading.objects.filter(is_current=True, cut_off__lte=cut_off).order_by("-cut_off", "-id")
    targets = targets_in_period(organisation, period).prefetch_related(
        Prefetch("readings", queryset=readings, to_attr="readings_up_to_cut_off")
    )
    rows = []
    for target in targets:
        latest = target.readings_up_to_cut_off[0] if target.readings_up_to_cut_off else None  # type: ignore[attr-defined]
        if latest is not None and latest.cut_off == cut_off:
            rows.append(EntryRow(target, latest, None))
        else:
            rows.append(EntryRow(target, None, latest))
    return rows


def entry_row(target: Target, cut_off: date) -> EntryRow:
    latest = (
        Reading.objects.filter(target=target, is_current=True, cut_off__lte=cut_off)
        .order_by("-cut_off", "-id")
        .first()
    )
    if latest is not None and latest.cut_off == cut_off:
        return EntryRow(target, latest, None)
    return EntryRow(target, None, latest)


def reading_history(target: Target) -> QuerySet[Reading]:
    """Every reading ever recorded, newest first, with who entered it."""
    return target.readings.select_related("entered_by").order_by("-cut_off", "-entered_at", "-id")


def children_sum(target: Target) -> dict[str, object]:
    """The children's planned total against the parent's plan (a target split among units or years)."""
    children = target.children.select_related("organisation").order_by("organisation__path", "period_start")
    total = children.aggregate(total=Sum("planned"))["total"]
    return {"children": children, "planned_total": total}
