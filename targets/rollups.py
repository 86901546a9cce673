"""Rollups of target outcomes over an organisation's subtree, computed in the database.

Each reading stores its computed status and achievement % (targets/achievement.py, at write time), so a
rollup is one aggregate query over the subtree whatever its size: no nightly job, and a reading saved by
staff shows at once.

At province scale (280.000 targets a year under the root) those aggregates take seconds, so the dashboard
keeps them in the cache per subtree (committees/subtree_cache.py), forgotten on every write below.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
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
    Value,
    When,
)
from django.db.models.functions import Coalesce, Substr

from committees.models import Organisation
from targets.models import Reading, Target
from targets.periods import Period, PeriodKind

MET = ("met", "exceeded")
# Each segment of a materialised path is 7 digits and a slash.
PATH_SEGMENT = 8


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
            mean_pct=row["mean_pct"],
        )


EMPTY = Rollup(0, 0, 0, 0, 0, 0, 0, None)


def scope_of(period: Period) -> Q:
    """Which targets a dashboard for `period` counts: those of its year (or of its term)."""
    if period.kind is PeriodKind.TERM:
        return Q(period_start__gte=period.start, period_end__lte=period.end)
    year_start, year_end = date(period.year, 1, 1), date(period.year, 12, 31)
    return Q(period_start__gte=year_start, period_end__lte=year_end)


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


def rollup(organisation: Organisation, period: Period, cut_off: date, *, filters: Q | None = None) -> Rollup:
    """One query: the rollup of every target in the organisation's subtree."""
    targets = with_outcome(subtree_targets(organisation, period).filter(filters or Q()), cut_off)
    return Rollup.from_row(targets.aggregate(**_aggregates()))


def children_rollups(
    organisation: Organisation, period: Period, cut_off: date, *, filters: Q | None = None
) -> dict[str, Rollup]:
    """One query: a rollup per child subtree, keyed by the child's path."""
    prefix_length = len(organisation.path) + PATH_SEGMENT
    targets = with_outcome(
        subtree_targets(organisation, period).filter(filters or Q()).exclude(organisation_id=organisation.pk),
        cut_off,
    ).annotate(child_path=Substr("organisation__path", 1, prefix_length))
    rows = targets.order_by().values("child_path").annotate(**_aggregates())
    return {row["child_path"]: Rollup.from_row(row) for row in rows}  # type: ignore[arg-type]


def years_with_targets(organisation: Organisation, up_to: int) -> list[int]:
    """The years (newest first) in which the subtree has targets, for the period picker and its default."""
    starts = (
        Target.objects.filter(organisation__path__startswith=organisation.path, period_start__year__lte=up_to)
        .order_by()
        .values_list("period_start__year", flat=True)
        .distinct()
    )
    return sorted(set(starts), reverse=True)
