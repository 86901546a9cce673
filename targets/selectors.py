"""Queries of the targets app."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING

from django.conf import settings
from django.db.models import Count, Exists, OuterRef, Q, QuerySet, Subquery, Sum

from committees import access
from committees.models import CELL_KINDS, Organisation, Role
from core.query import count_subquery
from targets.models import (
    REPORTED_STATUSES,
    Narrative,
    Reading,
    Submission,
    SubmissionStatus,
    Target,
)
from targets.outcomes.achievement import Status, settled, stale_as_of
from targets.outcomes.standing import standing_reading, standing_readings, with_standing_reading
from targets.outliers import OWN_HISTORY
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
    cut_off: date

    @property
    def standing(self) -> Reading | None:
        """The reading that stands at the cut-off: the dashboard's, the API's and the report's."""
        return self.reading or self.earlier

    @property
    def status(self) -> Status:
        """As every page shows it at the cut-off (achievement.settled: final once the period is over)."""
        stored = self.standing.status if self.standing is not None else None
        return settled(stored, period_end=self.target.period_end, cut_off=self.cut_off)

    @property
    def as_of(self) -> date | None:
        return stale_as_of(
            self.standing.cut_off if self.standing is not None else None,
            period_end=self.target.period_end,
            cut_off=self.cut_off,
        )


def _entry_row(target: Target, latest: Reading | None, cut_off: date) -> EntryRow:
    if latest is not None and latest.cut_off == cut_off:
        return EntryRow(target, latest, None, cut_off)
    return EntryRow(target, None, latest, cut_off)


def entry_rows(organisation: Organisation, period: Period, cut_off: date) -> list[EntryRow]:
    """The entry grid: every target with its reading at the cut-off, in two queries whatever the count."""
    targets = with_standing_reading(targets_in_period(organisation, period), cut_off)
    return [_entry_row(target, standing_reading(target), cut_off) for target in targets]


def entry_row(target: Target, cut_off: date, *, saved: Reading | None = None) -> EntryRow:
    """One row of the grid. `saved`, the reading just recorded at `cut_off`, is the one that stands there
    (current, at exactly that day, the newest): the row after a save does not read it back."""
    if saved is not None and saved.is_current and saved.cut_off == cut_off:
        return _entry_row(target, saved, cut_off)
    return _entry_row(target, standing_readings(cut_off).filter(target=target).first(), cut_off)


def reading_history(target: Target) -> QuerySet[Reading]:
    """Every reading ever recorded, newest first, with who entered it."""
    return target.readings.select_related("entered_by").order_by("-cut_off", "-entered_at", "-id")


def children_sum(target: Target) -> dict[str, object]:
    """The children's planned total against the parent's plan (a target split among units or years)."""
    children = target.children.select_related("organisation").order_by("organisation__path", "period_start")
    total = children.aggregate(total=Sum("planned"))["total"]
    return {"children": children, "planned_total": total}


# --- validation on entry -------------------------------------------------------------------------
_DAYS_OF_YEAR_NARROWED = 24  # beyond this many days of the year, an OR of them costs more than it saves


def outlier_references(
    pairs: list[tuple[Target, date]],
) -> dict[tuple[int, date], tuple[list[Decimal], list[Decimal]]]:
    """For each (target, cut-off): the organisation's own history and its siblings' values (1 query)."""
    numeric = [(t, d) for t, d in pairs if not t.yes_no]
    if not numeric:
        return {}
    organisations = {t.organisation_id: t.organisation for t, _d in numeric}
    parents = {o.parent_id for o in organisations.values() if o.parent_id}
    titles = {t.title_folded for t, _d in numeric}
    columns = (
        "target_id",
        "target__organisation_id",
        "target__organisation__parent_id",
        "target__title_folded",
        "target__shape",
        "target__period",
        "cut_off",
        "value",
    )
    current = Reading.objects.filter(is_current=True, value__isnull=False, target__title_folded__in=titles)
    # Two index-friendly halves in one UNION query (an OR across the join would scan every reading):
    # the organisations' own targets on the same day of the year, and the siblings' at the same cut-offs.
    own_readings = current.filter(target__organisation_id__in=organisations)
    # Only the own history on the same days of the year is compared (below): with few such days (an
    # import's cut-offs) they narrow the scan in the database, instead of sending every reading of those
    # organisations' targets of the same titles (a spread import: 2,2 s of SQL and 5-6 s of Python).
    days_of_year = {(d.month, d.day) for _t, d in numeric}
    if len(days_of_year) <= _DAYS_OF_YEAR_NARROWED:
        same_day = Q()
        for month, day in sorted(days_of_year):
            same_day |= Q(cut_off__month=month, cut_off__day=day)
        own_readings = own_readings.filter(same_day)
    own_rows = own_readings.order_by().values_list(*columns)
    sibling_rows = (
        current.filter(
            target__organisation__parent_id__in=parents,
            cut_off__in={d for _t, d in numeric},
            target__period__in={t.period for t, _d in numeric},
        )
        .exclude(target__organisation_id__in=organisations)  # already in the first half
        .order_by()
        .values_list(*columns)
    )
    rows = own_rows.union(sibling_rows, all=True).order_by() if parents else own_rows
    own: dict[tuple[int, str, str], list[tuple[date, str, Decimal]]] = defaultdict(list)
    siblings: dict[tuple[int, str, str, str, date], list[tuple[int, Decimal]]] = defaultdict(list)
    for _target_id, org_id, parent_id, title, shape, period, cut_off, value in rows:
        assert value is not None  # filtered above
        own[(org_id, title, shape)].append((cut_off, period, value))
        if parent_id:
            siblings[(parent_id, title, shape, period, cut_off)].append((org_id, value))
    result = {}
    for target, cut_off in numeric:
        # Like with like: figures are often cumulative, so 31/7 compares with 31/7 of other periods only.
        history = sorted(
            (
                (d, v)
                for d, period, v in own[(target.organisation_id, target.title_folded, target.shape)]
                if period != target.period and (d.month, d.day) == (cut_off.month, cut_off.day)
            ),
            reverse=True,
        )[:OWN_HISTORY]
        parent_id = organisations[target.organisation_id].parent_id
        others = (
            siblings[(parent_id, target.title_folded, target.shape, target.period, cut_off)]
            if parent_id
            else []
        )
        result[(target.pk, cut_off)] = (
            [v for _d, v in history],
            [v for org_id, v in others if org_id != target.organisation_id],
        )
    return result


def flagged_readings(organisation: Organisation, period: Period) -> QuerySet[Reading]:
    """Values accepted with a note although far from the references: for the approver to look at."""
    return (
        Reading.objects.filter(
            target__organisation=organisation,
            is_current=True,
            flagged=True,
            cut_off__range=(period.start, period.end),
        )
        .select_related("target", "entered_by")
        .order_by("target__position", "target_id", "cut_off")
    )


# --- the reporting cycle -------------------------------------------------------------------------
def submission_of(organisation: Organisation, period: Period) -> Submission:
    """The organisation's submission for the period; an unsaved draft when nothing happened yet."""
    found = (
        Submission.objects.filter(organisation=organisation, period=period.code)
        .select_related("submitted_by", "decided_by")
        .first()
    )
    return found or Submission(organisation=organisation, period=period.code)


def locked_statuses(organisation_ids: set[int], periods: set[str]) -> dict[tuple[int, str], str]:
    """(organisation id, period) → status, for the submissions that lock their figures."""
    return {
        (org_id, period): status
        for org_id, period, status in Submission.objects.filter(
            organisation_id__in=organisation_ids, period__in=periods, status__in=REPORTED_STATUSES
        ).values_list("organisation_id", "period", "status")
    }


def reporting_organisations(root: Organisation) -> QuerySet[Organisation]:
    """The organisations below `root` that submit (active, of a reporting kind), in tree order."""
    return (
        Organisation.objects.filter(
            path__startswith=root.path,
            valid_to__isnull=True,
            kind__in=settings.CHITIEU_REPORTING_KINDS,
        )
        .exclude(pk=root.pk)
        .order_by("path")
    )


@dataclass
class Completeness:
    period: Period
    total: int
    reported: int
    approved: int
    late: int
    cells_total: int
    cells_reported: int
    children_total: int
    children_reported: int

    @property
    def children_waiting(self) -> int:
        return self.children_total - self.children_reported

    @property
    def share(self) -> Decimal | None:
        return Decimal(self.reported) * 100 / self.total if self.total else None


def _late_kinds(period: Period, today: date, dues: dict[str, date]) -> list[str]:
    return [kind for kind, due in dues.items() if due < today]


def completeness(root: Organisation, period: Period, today: date, dues: dict[str, date]) -> Completeness:
    """Who below `root` has reported for the period: counts for the whole subtree, in one query."""
    reported = Q(period_status__in=REPORTED_STATUSES)
    child = Q(parent_id=root.pk)
    counts = (
        reporting_organisations(root)
        .annotate(period_status=_status_subquery(period))
        .aggregate(
            total=Count("pk"),
            reported=Count("pk", filter=reported),
            approved=Count("pk", filter=Q(period_status=SubmissionStatus.APPROVED)),
            late=Count(
                "pk",
                filter=(Q(period_status__isnull=True) | ~reported)
                & Q(kind__in=_late_kinds(period, today, dues)),
            ),
            cells_total=Count("pk", filter=Q(kind__in=CELL_KINDS)),
            cells_reported=Count("pk", filter=reported & Q(kind__in=CELL_KINDS)),
            children_total=Count("pk", filter=child),
            children_reported=Count("pk", filter=child & reported),
        )
    )
    return Completeness(period=period, **counts)


def _status_subquery(period: Period) -> Subquery:
    return Subquery(
        Submission.objects.filter(organisation=OuterRef("pk"), period=period.code).values("status")[:1]
    )


STATUS_FILTERS = ("", "pending", "late", "submitted", "approved", "returned")


def completeness_rows(
    root: Organisation,
    period: Period,
    today: date,
    dues: dict[str, date],
    *,
    show: str = "",
) -> QuerySet[Organisation]:
    """The organisations below `root` with their status for the period, filtered by `show`."""
    rows = reporting_organisations(root).annotate(
        period_status=_status_subquery(period),
        submitted_at=Subquery(
            Submission.objects.filter(organisation=OuterRef("pk"), period=period.code).values("submitted_at")[
                :1
            ]
        ),
        # Who submitted: that person is offered no approve button for it (cycle.barred_as_submitter).
        period_submitted_by=Subquery(
            Submission.objects.filter(organisation=OuterRef("pk"), period=period.code).values(
                "submitted_by_id"
            )[:1]
        ),
        flagged_count=count_subquery(
            Reading.objects.filter(
                target__organisation=OuterRef("pk"),
                is_current=True,
                flagged=True,
                cut_off__range=(period.start, period.end),
            )
        ),
    )
    not_reported = Q(period_status__isnull=True) | ~Q(period_status__in=REPORTED_STATUSES)
    if show == "pending":
        rows = rows.filter(not_reported)
    elif show == "late":
        rows = rows.filter(not_reported, kind__in=_late_kinds(period, today, dues))
    elif show in ("submitted", "approved", "returned"):
        rows = rows.filter(period_status=show)
    return rows


def _has_reported(period: Period) -> Exists:
    return Exists(
        Submission.objects.filter(
            organisation=OuterRef("pk"), period=period.code, status__in=REPORTED_STATUSES
        )
    )


def children_waiting(parent_id: int, period: Period) -> list[Organisation]:
    """The children of an organisation that have not submitted for the period (the approval rule)."""
    return list(
        Organisation.objects.filter(
            parent_id=parent_id, valid_to__isnull=True, kind__in=settings.CHITIEU_REPORTING_KINDS
        )
        .exclude(_has_reported(period))
        .order_by("path")
    )


def unreported(period: Period) -> QuerySet[Organisation]:
    """Every organisation that should submit for the period and has not (for the reminder job)."""
    return (
        Organisation.objects.filter(valid_to__isnull=True, kind__in=settings.CHITIEU_REPORTING_KINDS)
        .exclude(_has_reported(period))
        .order_by("path")
    )


def role_users(organisation_ids: set[int], kinds: tuple[str, ...]) -> dict[int, list[object]]:
    """organisation id → the active users holding one of `kinds` on exactly that organisation (1 query)."""
    result: dict[int, list[object]] = defaultdict(list)
    roles = (
        Role.objects.filter(organisation_id__in=organisation_ids, kind__in=kinds, user__is_active=True)
        .select_related("user")
        .order_by("organisation_id", "user_id")
    )
    for role in roles:
        if role.user not in result[role.organisation_id]:
            result[role.organisation_id].append(role.user)
    return result


def narrative_of(organisation: Organisation, period: Period) -> Narrative:
    found = Narrative.objects.filter(organisation=organisation, period=period.code).first()
    return found or Narrative(organisation=organisation, period=period.code)


@dataclass
class ConsolidatedSection:
    name: str
    label: str
    parts: list[tuple[Organisation, str]]

    def text(self) -> str:
        return "\n\n".join(f"{org.name}:\n{body}" for org, body in self.parts)


def consolidated_narrative(organisation: Organisation, period: Period) -> list[ConsolidatedSection]:
    """The children's texts gathered under each heading, in tree order, each marked by its organisation."""
    narratives = list(
        Narrative.objects.filter(
            organisation__parent=organisation, organisation__valid_to__isnull=True, period=period.code
        )
        .select_related("organisation")
        .order_by("organisation__path")
    )
    sections = []
    for name in Narrative.SECTIONS:
        label = str(Narrative._meta.get_field(name).verbose_name)  # type: ignore[union-attr]
        parts = [(n.organisation, getattr(n, name).strip()) for n in narratives if getattr(n, name).strip()]
        sections.append(ConsolidatedSection(name, label, parts))
    return sections
