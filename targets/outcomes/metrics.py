"""Figures the product keeps itself: a target may take its actual from the members, ratings and tasks
registers (Target.source = a metric name) instead of typed readings.

Each metric computes, for an organisation's subtree, the period's start and a cut-off, a value with the
rows it counted and where a person sees them listed. `targets.services.metric_record` records the value as
the target's reading (audited, like any reading), so every page, export and report reads it through the
one read interface; a typed reading of such a target is refused. The report's body takes its "kết nạp"
figure from the target of `members_admitted`, so the body and the appendix cannot give two numbers.

The registers hold the members' current status, not its history: totals count members admitted by the
cut-off whose status is active now.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_DOWN, Decimal
from urllib.parse import urlencode

from django.db.models import Count, F, Q
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from committees.models import (
    ACTIVE_MEMBER_STATUSES,
    CELL_KINDS,
    CELL_UPGRADE_THRESHOLD,
    Member,
    Organisation,
    OrganisationKind,
    QualityRating,
    RatingLevel,
)

READINGS = "readings"
PLACES = Decimal("0.000001")
GOOD_OR_BETTER = (RatingLevel.EXCELLENT, RatingLevel.GOOD, RatingLevel.TSVM_MODEL, RatingLevel.TSVM)


@dataclass(frozen=True)
class MetricValue:
    value: Decimal
    counted: int  # the rows counted
    out_of: int | None  # the rows a rate is taken over
    rows_url: str  # the page listing the counted rows


@dataclass(frozen=True)
class Metric:
    name: str
    label: str | Promise
    formula: str | Promise
    compute: Callable[[Organisation, date, date], MetricValue]


def _url(name: str, args: list[int] | None = None, **query: object) -> str:
    url = reverse(name, args=args)
    return f"{url}?{urlencode(query)}" if query else url


def _share(counted: int, out_of: int) -> Decimal:
    if not out_of:
        return Decimal(0)
    return (Decimal(counted) * 100 / Decimal(out_of)).quantize(PLACES, rounding=ROUND_DOWN)


def _members(organisation: Organisation) -> Q:
    return Q(organisation__path__startswith=organisation.path)


def _admitted(organisation: Organisation, start: date, cut_off: date) -> int:
    return Member.objects.filter(_members(organisation), admitted_on__range=(start, cut_off)).count()


def _active_by(organisation: Organisation, day: date, *, before: bool = False) -> int:
    admitted = Q(admitted_on__lt=day) if before else Q(admitted_on__lte=day)
    return Member.objects.filter(
        _members(organisation), admitted | Q(admitted_on__isnull=True), status__in=ACTIVE_MEMBER_STATUSES
    ).count()


def members_admitted(organisation: Organisation, start: date, cut_off: date) -> MetricValue:
    n = _admitted(organisation, start, cut_off)
    url = _url("committees:member_list", organisation=organisation.pk, admitted_year=cut_off.year)
    return MetricValue(Decimal(n), n, None, url)


def members_total(organisation: Organisation, start: date, cut_off: date) -> MetricValue:
    n = _active_by(organisation, cut_off)
    return MetricValue(Decimal(n), n, None, _url("committees:member_list", organisation=organisation.pk))


def admission_rate(organisation: Organisation, start: date, cut_off: date) -> MetricValue:
    year_start = date(start.year, 1, 1)
    admitted = _admitted(organisation, start, cut_off)
    at_start = _active_by(organisation, year_start, before=True)
    url = _url("committees:member_list", organisation=organisation.pk, admitted_year=cut_off.year)
    return MetricValue(_share(admitted, at_start), admitted, at_start, url)


def _cells(organisation: Organisation) -> Q:
    return Q(path__startswith=organisation.path, kind__in=CELL_KINDS, valid_to__isnull=True)


def cells_rated_good(organisation: Organisation, start: date, cut_off: date) -> MetricValue:
    year = start.year
    cells = Organisation.objects.filter(_cells(organisation))
    good = (
        QualityRating.objects.filter(organisation__in=cells, year=year, level__in=GOOD_OR_BETTER)
        .values("organisation")
        .distinct()
        .count()
    )
    total = cells.count()
    return MetricValue(
        _share(good, total), good, total, _url("committees:organisation_ratings", args=[organisation.pk])
    )


def tasks_on_time(organisation: Organisation, start: date, cut_off: date) -> MetricValue:
    from resolutions.models import Task

    due = Task.objects.filter(
        organisation__path__startswith=organisation.path, due_on__range=(start, cut_off)
    )
    counts = due.aggregate(total=Count("pk"), on_time=Count("pk", filter=Q(done_on__lte=F("due_on"))))
    return MetricValue(
        _share(counts["on_time"], counts["total"]),
        counts["on_time"],
        counts["total"],
        _url("resolutions:task_list", organisation=organisation.pk),
    )


def cells_with_30(organisation: Organisation, start: date, cut_off: date) -> MetricValue:
    counts = (
        Member.objects.filter(
            _members(organisation),
            status__in=ACTIVE_MEMBER_STATUSES,
            organisation__kind=OrganisationKind.GRASSROOTS_CELL,
            organisation__valid_to__isnull=True,
        )
        .values("organisation")
        .annotate(n=Count("pk"))
        .filter(n__gte=CELL_UPGRADE_THRESHOLD)
    )
    n = counts.count()
    return MetricValue(Decimal(n), n, None, _url("committees:cells_to_upgrade"))


METRICS: dict[str, Metric] = {
    metric.name: metric
    for metric in (
        Metric(
            "members_admitted",
            _("Kết nạp đảng viên mới"),
            _("số đảng viên có ngày vào Đảng trong kỳ, đến ngày tính số liệu (sổ đảng viên, cả cấp dưới)"),
            members_admitted,
        ),
        Metric(
            "members_total",
            _("Tổng số đảng viên"),
            _("số đảng viên chính thức và dự bị vào Đảng đến ngày tính số liệu (sổ đảng viên, cả cấp dưới)"),
            members_total,
        ),
        Metric(
            "admission_rate",
            _("Tỷ lệ kết nạp so với tổng số đảng viên đầu năm (%)"),
            _("số kết nạp trong kỳ × 100 / số đảng viên chính thức và dự bị vào Đảng trước ngày 1/1"),
            admission_rate,
        ),
        Metric(
            "cells_rated_good",
            _("Chi bộ xếp loại hoàn thành tốt nhiệm vụ trở lên (%)"),
            _("số chi bộ được xếp loại hoàn thành tốt nhiệm vụ trở lên trong năm × 100 / số chi bộ"),
            cells_rated_good,
        ),
        Metric(
            "tasks_on_time",
            _("Nhiệm vụ hoàn thành đúng hạn (%)"),
            _("số nhiệm vụ có thời hạn trong kỳ hoàn thành không muộn hơn thời hạn × 100 / số nhiệm vụ đó"),
            tasks_on_time,
        ),
        Metric(
            "cells_30_members",
            _("Chi bộ có đủ 30 đảng viên trở lên"),
            _("số chi bộ cơ sở có từ 30 đảng viên chính thức và dự bị trở lên"),
            cells_with_30,
        ),
    )
}

SOURCE_CHOICES = [(READINGS, _("Số liệu nhập")), *((m.name, m.label) for m in METRICS.values())]


def metric_of(source: str) -> Metric | None:
    return METRICS.get(source)
