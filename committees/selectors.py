"""Queries of the committees app. Views and other apps read through these."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from functools import partial
from typing import TYPE_CHECKING, overload

from django.db.models import Case, Count, Max, OuterRef, Q, QuerySet, Subquery, Value, When
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _

from committees import access, subtree_cache
from committees.models import (
    ACTIVE_MEMBER_STATUSES,
    CELL_KINDS,
    CELL_UPGRADE_THRESHOLD,
    MAJORITY_ETHNICITY,
    PATH_SEGMENT,
    ApiKey,
    BodyKind,
    BodyMembership,
    Gender,
    Member,
    MemberStatus,
    Organisation,
    OrganisationKind,
    Position,
    QualityRating,
    RatingLevel,
    Term,
)
from committees.ratings import GOOD_OR_BETTER, LEVEL_ORDER
from core.query import count_subquery
from core.vn import format_percent

if TYPE_CHECKING:
    from committees.access import AnyUser


# --- the tree -------------------------------------------------------------------------------------


def organisation_ancestors(organisation: Organisation) -> list[Organisation]:
    """Root first, the organisation itself excluded: the breadcrumb."""
    ids = organisation.ancestor_ids
    if not ids:
        return []
    by_id = {o.pk: o for o in Organisation.objects.filter(pk__in=ids)}
    return [by_id[i] for i in ids if i in by_id]


def organisation_subtree(organisation: Organisation) -> QuerySet[Organisation]:
    return Organisation.objects.filter(path__startswith=organisation.path)


def organisations_for_user(user: AnyUser) -> QuerySet[Organisation]:
    return access.organisations(user).filter(valid_to__isnull=True)


def _active_members_below(path_ref: OuterRef) -> QuerySet[Member]:
    return Member.objects.filter(organisation__path__startswith=path_ref, status__in=ACTIVE_MEMBER_STATUSES)


def organisation_children(organisation: Organisation) -> QuerySet[Organisation]:
    """Direct children with the active member count of each child's whole subtree."""
    return (
        organisation.children.filter(valid_to__isnull=True)
        .annotate(member_count=count_subquery(_active_members_below(OuterRef("path"))))
        .order_by("path")
    )


class CellsToUpgrade(Sequence[Organisation]):
    """Cells with their active member counts, most members first; a Paginator slices it.

    The counts are summed in Python from one GROUP BY over the members in scope (a few thousand rows
    for a province), so no cell costs a query of its own; only the cells of the page asked for are loaded.
    """

    def __init__(self, counted: list[tuple[int, str, int]]) -> None:
        self._counted = counted  # (member count, path, id), in display order

    def __len__(self) -> int:
        return len(self._counted)

    def _load(self, rows: list[tuple[int, str, int]]) -> list[Organisation]:
        by_id = Organisation.objects.select_related("parent").in_bulk([pk for _n, _path, pk in rows])
        cells = []
        for count, _path, pk in rows:
            cell = by_id[pk]
            cell.member_count = count  # type: ignore[attr-defined]
            cells.append(cell)
        return cells

    @overload
    def __getitem__(self, index: int) -> Organisation: ...
    @overload
    def __getitem__(self, index: slice) -> list[Organisation]: ...
    def __getitem__(self, index: int | slice) -> Organisation | list[Organisation]:
        if isinstance(index, slice):
            return self._load(self._counted[index]) if self._counted[index] else []
        return self._load([self._counted[index]])[0]

    def __iter__(self) -> Iterator[Organisation]:
        return iter(self[:])


def cells_to_upgrade(user: AnyUser) -> CellsToUpgrade:
    """Cells in the user's scope with 30 or more active members: they should become a đảng bộ cơ sở.

    A cell's count includes its tổ đảng (the groups below it), whose members meet in the cell. Counted per
    subtree of the user's scope and kept in the subtree cache until a member or organisation below changes.
    """
    if access.is_superuser(user):
        tops = Organisation.objects.filter(parent__isnull=True)
    else:
        paths = access.scope_paths(user)
        if not paths:
            return CellsToUpgrade([])
        tops = Organisation.objects.filter(path__in=paths)
    flagged: list[tuple[int, str, int]] = []
    for top in tops:
        flagged += subtree_cache.cached(
            top, "cells_to_upgrade", (CELL_UPGRADE_THRESHOLD,), partial(_cells_to_upgrade, top), figures=False
        )
    return CellsToUpgrade(sorted(flagged, key=lambda row: (-row[0], row[1])))


def _cells_to_upgrade(top: Organisation) -> list[tuple[int, str, int]]:
    """(member count, path, id) of the flagged cells below `top`: one GROUP BY over its members."""
    subtree = Organisation.objects.filter(path__startswith=top.path)
    cells = dict(
        subtree.filter(kind__in=CELL_KINDS, valid_to__isnull=True).order_by().values_list("path", "id")
    )
    if not cells:
        return []
    per_organisation = (
        Member.objects.filter(status__in=ACTIVE_MEMBER_STATUSES, organisation__path__startswith=top.path)
        .order_by()
        .values_list("organisation__path")
        .annotate(n=Count("pk"))
    )
    counts: dict[str, int] = {}
    for path, n in per_organisation:
        # The organisation itself and each of its ancestors, by the fixed-width segments of its path.
        for end in range(PATH_SEGMENT, len(path) + 1, PATH_SEGMENT):
            if path[:end] in cells:
                counts[path[:end]] = counts.get(path[:end], 0) + n
    return [(n, path, cells[path]) for path, n in counts.items() if n >= CELL_UPGRADE_THRESHOLD]


# --- terms and bodies -----------------------------------------------------------------------------

BODY_ORDER = (BodyKind.BCH, BodyKind.BTV, BodyKind.THUONG_TRUC, BodyKind.UBKT, BodyKind.CHI_UY)
POSITION_ORDER = (
    Position.BI_THU,
    Position.PHO_BI_THU_THUONG_TRUC,
    Position.PHO_BI_THU,
    Position.UY_VIEN_BTV,
    Position.UY_VIEN_BCH,
    Position.CHU_NHIEM_UBKT,
    Position.PHO_CHU_NHIEM_UBKT,
    Position.UY_VIEN_UBKT,
    Position.CHI_UY_VIEN,
)


def current_term(organisation: Organisation, year: int | None = None) -> Term | None:
    """The term that covers `year` (default this year); failing that, the latest one.

    A congress year belongs to both terms (2020–2025 and 2025–2030): the later one, elected that year, wins.
    """
    year = year or timezone.localdate().year
    covers = Case(When(start_year__lte=year, end_year__gte=year, then=Value(0)), default=Value(1))
    return organisation.terms.order_by(covers, "-start_year").first()


@dataclass
class Body:
    kind: str
    label: str
    seats: list[BodyMembership] = field(default_factory=list)


def term_bodies(term: Term) -> list[Body]:
    """The committee bodies of a term with their current seats, each body's seats by rank of position."""
    today = timezone.localdate()
    seats = (
        term.seats.filter(Q(end_date__isnull=True) | Q(end_date__gte=today))
        .select_related("member")
        .order_by("id")
    )
    bodies = {kind: Body(kind=str(kind), label=str(kind.label)) for kind in BODY_ORDER}
    for seat in sorted(seats, key=lambda s: (POSITION_ORDER.index(Position(s.position)), s.pk)):
        bodies[BodyKind(seat.body)].seats.append(seat)
    return [body for body in bodies.values() if body.seats]


# --- members --------------------------------------------------------------------------------------


def members_for_user(user: AnyUser) -> QuerySet[Member]:
    """The members a user may see: those of organisations they hold a role on, and below."""
    return access.restrict(Member.objects.all(), user).select_related("organisation")


def member_seats(member: Member) -> QuerySet[BodyMembership]:
    return member.seats.select_related("term__organisation").order_by("-term__start_year", "body", "id")


def member_ratings(member: Member) -> QuerySet[QualityRating]:
    return member.ratings.order_by("-year")


# --- statistics -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class OrganisationStatistics:
    """Member counts as reports quote them ("137 đảng viên, 57 nữ, 3 dân tộc Khmer")."""

    year: int
    members: int
    women: int
    ethnic_minorities: int
    religious: int
    probationary: int
    admitted_in_year: int

    def share(self, count: int) -> Decimal | None:
        return Decimal(count) * 100 / self.members if self.members else None

    @property
    def women_pct(self) -> Decimal | None:
        return self.share(self.women)


def organisation_statistics(organisation: Organisation, *, year: int | None = None) -> OrganisationStatistics:
    """Counts over the active members of the whole subtree, in one query of conditional aggregates."""
    year = year or timezone.localdate().year
    counts = Member.objects.filter(
        organisation__path__startswith=organisation.path, status__in=ACTIVE_MEMBER_STATUSES
    ).aggregate(
        members=Count("pk"),
        women=Count("pk", filter=Q(gender=Gender.FEMALE)),
        ethnic_minorities=Count("pk", filter=~Q(ethnicity=MAJORITY_ETHNICITY)),
        religious=Count("pk", filter=~Q(religion="")),
        probationary=Count("pk", filter=Q(status=MemberStatus.PROBATIONARY)),
        admitted_in_year=Count("pk", filter=Q(admitted_on__year=year)),
    )
    return OrganisationStatistics(year=year, **counts)


@dataclass(frozen=True)
class UnitCounts:
    """How many organisations of each kind are below one ("14 đảng bộ cơ sở và 24 chi bộ cơ sở")."""

    by_kind: dict[str, int]

    def rows(self) -> list[tuple[str, int]]:
        return [(str(kind.label), self.by_kind[kind]) for kind in OrganisationKind if self.by_kind.get(kind)]


def organisation_unit_counts(organisation: Organisation) -> UnitCounts:
    rows = (
        Organisation.objects.filter(path__startswith=organisation.path, valid_to__isnull=True)
        .exclude(pk=organisation.pk)
        .values("kind")
        .annotate(n=Count("pk"))
        .order_by()
    )
    return UnitCounts(by_kind={row["kind"]: row["n"] for row in rows})


# --- quality ratings ------------------------------------------------------------------------------


UNRATED = ""  # the key of cells without a rating of the year in RatingSummary.cells_by_level


@dataclass(frozen=True)
class RatingSummary:
    """Ratings of one year below an organisation, and the share of cells rated HTTNV or better.

    Every figure about cells comes from `cells_by_level` (level → number of cells, UNRATED for those with no
    rating of the year), so the share "38,33% … (23/60)" and the cells' badges beside it add up.
    """

    year: int
    organisations_by_level: dict[str, int]
    members_by_level: dict[str, int]
    cells_by_level: dict[str, int]

    @property
    def cells(self) -> int:
        return sum(self.cells_by_level.values())

    @property
    def cells_good(self) -> int:
        return sum(n for level, n in self.cells_by_level.items() if level in GOOD_OR_BETTER)

    @property
    def cells_good_pct(self) -> Decimal | None:
        return Decimal(self.cells_good) * 100 / self.cells if self.cells else None

    @property
    def phrase(self) -> str:
        """ "100% chi bộ hoàn thành tốt nhiệm vụ trở lên", as a report writes it."""
        pct = self.cells_good_pct
        if pct is None:
            return ""
        return _("%(pct)s chi bộ hoàn thành tốt nhiệm vụ trở lên") % {"pct": format_percent(pct)}

    @staticmethod
    def _rows(by_level: dict[str, int]) -> list[tuple[str, str, int]]:
        return [
            (str(level), str(RatingLevel(level).label), by_level[level])
            for level in LEVEL_ORDER
            if level in by_level
        ]

    def cell_rows(self) -> list[tuple[str, str, int]]:
        """The cells by level, best first, then those not rated: the rows add up to `cells`."""
        rows = self._rows(self.cells_by_level)
        if self.cells_by_level.get(UNRATED):
            rows.append(("unrated", _("Chưa xếp loại"), self.cells_by_level[UNRATED]))
        return rows

    def organisation_rows(self) -> list[tuple[str, str, int]]:
        return self._rows(self.organisations_by_level)

    def member_rows(self) -> list[tuple[str, str, int]]:
        return self._rows(self.members_by_level)


def latest_rating_year(organisation: Organisation) -> int | None:
    year: int | None = QualityRating.objects.filter(
        Q(organisation__path__startswith=organisation.path)
        | Q(member__organisation__path__startswith=organisation.path)
    ).aggregate(year=Max("year"))["year"]
    return year


def rating_summary(organisation: Organisation, year: int) -> RatingSummary:
    """Counts by level of the organisations and members below (and including) `organisation` for `year`.

    Cells without a rating count against the share: "100%" must mean every cell.
    """
    ratings = QualityRating.objects.filter(year=year).order_by()
    by_org = (
        ratings.filter(organisation__path__startswith=organisation.path)
        .values("level")
        .annotate(n=Count("pk"))
    )
    by_member = (
        ratings.filter(member__organisation__path__startswith=organisation.path)
        .values("level")
        .annotate(n=Count("pk"))
    )
    level = QualityRating.objects.filter(organisation=OuterRef("pk"), year=year).values("level")[:1]
    cells = (
        Organisation.objects.filter(path__startswith=organisation.path, kind__in=CELL_KINDS)
        # Cells that existed in the rating year, including those merged away since.
        .filter(Q(valid_to__isnull=True) | Q(valid_to__year__gte=year))
        .filter(Q(valid_from__isnull=True) | Q(valid_from__year__lte=year))
        .annotate(level=Coalesce(Subquery(level), Value(UNRATED)))
        .values("level")
        .annotate(n=Count("pk"))
        .order_by()
    )
    return RatingSummary(
        year=year,
        organisations_by_level={row["level"]: row["n"] for row in by_org},
        members_by_level={row["level"]: row["n"] for row in by_member},
        cells_by_level={row["level"]: row["n"] for row in cells},
    )


def organisation_ratings(organisation: Organisation, year: int) -> QuerySet[Organisation]:
    """The organisations of the subtree that existed in `year`, each with its rating of that year, if any."""
    rating = QualityRating.objects.filter(organisation=OuterRef("pk"), year=year)
    return (
        Organisation.objects.filter(path__startswith=organisation.path)
        .filter(Q(valid_to__isnull=True) | Q(valid_to__year__gte=year))
        .annotate(
            rating_level=Subquery(rating.values("level")[:1]),
            rating_score=Subquery(rating.values("score")[:1]),
        )
        .order_by("path")
    )


def api_key_of(user: AnyUser) -> ApiKey | None:
    return ApiKey.objects.filter(user_id=user.pk or 0).first()


def api_key_for(key: str) -> ApiKey | None:
    """The stored key that `key` is, with its user; None for a wrong or revoked one."""
    return ApiKey.objects.select_related("user").filter(digest=ApiKey.digest_of(key)).first()
