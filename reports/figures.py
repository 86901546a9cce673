"""The figures of a periodic report: appendix 1's targets, and the tasks, documents and members the body counts.

Every rule here reads the data as it stood at the report's cut-off date, in a fixed number of queries whatever
the size of the organisation.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db.models import Case, Count, OuterRef, Q, Value, When
from django.utils.translation import gettext as _

from committees.models import (
    ACTIVE_MEMBER_STATUSES,
    CELL_UPGRADE_THRESHOLD,
    Gender,
    Member,
    MemberStatus,
    Organisation,
    OrganisationKind,
)
from core.query import count_subquery
from core.vn import format_number, format_percent
from resolutions.models import Document, LinkKind, Task
from resolutions.taskstatus import LABELS_VI, TaskCounts, TaskStatus, count_tasks, task_status
from targets.models import Reading, ReadingKind, Target
from targets.outcomes.achievement import (
    HUNDRED,
    PERCENT_MEASURE,
    STATUS_LABELS_VI,
    Outcome,
    Shape,
    Status,
    as_of_words,
    measure_text,
)
from targets.outcomes.rollups import scope_of, windows_running
from targets.outcomes.standing import last_year_values, standings
from targets.periods import Period, parse_period


@dataclass(frozen=True)
class TargetRow:
    """One line of appendix 1. Raw values for the workbook, display strings for the PDF."""

    stt: int
    target: Target
    reading: Reading | None
    outcome: Outcome
    last_year: Decimal | None
    mode: str

    @property
    def shape(self) -> Shape:
        return Shape(self.target.shape)

    @property
    def actual(self) -> Decimal | None:
        return self.reading.value if self.reading is not None else None

    @property
    def pct_plan(self) -> Decimal | None:
        """The achievement %, for the shapes whose measure is one (the workbook's number column)."""
        return self.outcome.achievement_pct if self.shape in PERCENT_MEASURE else None

    @property
    def pct_last_year(self) -> Decimal | None:
        if self.shape is Shape.RANK or self.target.yes_no:
            return None
        if self.actual is None or not self.last_year:
            return None
        return self.actual / self.last_year * HUNDRED

    def title_display(self) -> str:
        """The title, with its window when the target is of several years ("(nhiệm kỳ 2020-2025)")."""
        t = self.target
        if t.period_end.year > t.period_start.year:
            return f"{t.title} ({parse_period(t.period).label()})"
        return t.title

    def planned_display(self) -> str:
        t = self.target
        shape = self.shape
        if shape is Shape.RANGE and t.planned_low is not None and t.planned_high is not None:
            return f"{format_number(t.planned_low)}–{format_number(t.planned_high)}"
        if shape is Shape.REDUCTION:
            low, high = t.planned_low or t.planned, t.planned_high
            if low is None:
                return ""
            span = f"{format_number(low)}–{format_number(high)}" if high is not None else format_number(low)
            return _("giảm %(v)s") % {"v": span}
        if t.planned is None:
            return ""
        if shape is Shape.RATE_CEILING:
            word = _("dưới") if t.strict else _("không quá")
            return f"{word} {format_number(t.planned)}"
        if shape is Shape.RANK and t.rank_out_of:
            return f"{format_number(t.planned, 0)}/{t.rank_out_of}"
        if shape is Shape.GROWTH:
            return _("tăng %(v)s") % {"v": format_percent(t.planned, self.mode)}
        return format_number(t.planned)

    def actual_display(self) -> str:
        """The actual value, marked "(ước)" while it is an estimate rather than the official figure."""
        text = self._actual_text()
        if text and self.reading is not None and self.reading.kind == ReadingKind.ESTIMATE:
            text = f"{text} ({_('ước')})"
        if text and self.outcome.as_of is not None:
            # Older than the report's cut-off: the date goes with it (achievement.stale_as_of).
            text = f"{text} ({as_of_words(self.outcome.as_of, _)})"
        return text

    def _actual_text(self) -> str:
        if self.reading is None:
            return ""
        if self.target.yes_no:
            if self.reading.done is None:
                return ""
            return _("Hoàn thành") if self.reading.done else _("Chưa hoàn thành")
        if self.actual is None:
            return ""
        if self.shape is Shape.RANK and self.target.rank_out_of:
            return f"{format_number(self.actual, 0)}/{self.target.rank_out_of}"
        return format_number(self.actual)

    def pct_plan_display(self) -> str:
        return format_percent(self.pct_plan, self.mode) if self.pct_plan is not None else ""

    def measure_display(self) -> str:
        """The appendix's measure column, worded by the shape as on every page (targets.outcomes.achievement)."""
        return measure_text(
            self.shape,
            pct=self.outcome.achievement_pct,
            measure=self.outcome.measure,
            value=self.actual,
            planned=self.target.planned,
            unit=self.target.unit,
            mode=self.mode,
        )

    def last_year_display(self) -> str:
        if self.last_year is None:
            return ""
        if self.shape is Shape.RANK and self.target.rank_out_of:
            return f"{format_number(self.last_year, 0)}/{self.target.rank_out_of}"
        return format_number(self.last_year)

    def pct_last_year_display(self) -> str:
        return format_percent(self.pct_last_year, self.mode) if self.pct_last_year is not None else ""

    @property
    def status_label(self) -> str:
        return STATUS_LABELS_VI[self.outcome.status]

    def assessment(self) -> str:
        """The status, with the measure where the workbook's % column has none (growth, rank, bounds)."""
        measure = self.measure_display() if self.pct_plan is None else ""
        return f"{self.status_label}, {measure}" if measure else self.status_label


@dataclass(frozen=True)
class TaskRow:
    stt: int
    task: Task
    status: TaskStatus

    @property
    def status_label(self) -> str:
        return LABELS_VI[self.status]


@dataclass(frozen=True)
class MemberStats:
    """Counts from the member register of the subtree. `known` is False when the register holds no one:
    the report then says the figures are unknown instead of printing "0 đảng viên"."""

    known: bool
    total: int
    women: int
    probationary: int
    minorities: int
    religious: int
    admitted: int
    grassroots_committees: int
    grassroots_cells: int
    cells_to_upgrade: Sequence[Organisation]


def _target_rows(organisation: Organisation, period: Period, cut_off: date, mode: str) -> list[TargetRow]:
    """Appendix 1: the organisation's targets as they stand at the cut-off, read through the one read
    interface of outcomes (targets.outcomes.standing), the dashboard's, the grid's, the API's and the
    export's; last year's value by its one rule."""
    own = scope_of(period)
    items = standings(
        Target.objects.filter(own | windows_running(period), organisation=organisation).order_by(
            # The period's own targets first, then the terms and multi-year targets running through it.
            Case(When(own, then=Value(0)), default=Value(1)),
            "period_start",
            "position",
            "id",
        ),
        cut_off,
    )
    last = last_year_values(
        ((item.target, item.reading.previous if item.reading else None) for item in items),
        organisation,
        period,
        cut_off,
    )
    return [
        TargetRow(stt, item.target, item.reading, item.outcome, last[item.target.pk], mode)
        for stt, item in enumerate(items, start=1)
    ]


def _highlights(rows: list[TargetRow], mode: str) -> list[str]:
    """The main figures in words, as reports write them: "15/25 nội dung trình UBND Thành phố (đạt 60% …)"."""
    lines = []
    for row in rows:
        t, o = row.target, row.outcome
        if row.reading is None or o.status is Status.NO_DATA:
            continue
        title = t.title[:1].lower() + t.title[1:]
        if row.shape is Shape.COUNT and row.actual is not None and t.planned:
            pct = (
                f" (đạt {format_percent(o.achievement_pct, mode)} kế hoạch năm)" if o.achievement_pct else ""
            )
            lines.append(f"{format_number(row.actual, 0)}/{format_number(t.planned, 0)} {title}{pct}")
        elif row.shape is Shape.GROWTH and o.measure is not None:
            word = "tăng" if o.measure >= 0 else "giảm"
            base = title.split(" (")[0]
            lines.append(
                f"{base} {word} {format_percent(abs(o.measure), mode)} so với cùng kỳ năm {t.period_start.year - 1}"
            )
        elif row.shape is Shape.RANK and row.actual is not None and o.measure is not None:
            where = f"/{t.rank_out_of}" if t.rank_out_of else ""
            lines.append(f"{t.title} xếp hạng {format_number(row.actual, 0)}{where}, {o.phrase_vi(mode)}")
        else:
            continue
        if o.as_of is not None:
            lines[-1] += f" ({as_of_words(o.as_of)})"
    return lines


# The body's categories of targets, in the order the sentence names them: every status falls in exactly
# one, so the counts add up to the number of rows in appendix 1.
CATEGORIES: tuple[tuple[tuple[Status, ...], str], ...] = (
    ((Status.MET, Status.EXCEEDED), "đã đạt và vượt"),
    ((Status.ON_TRACK,), "đúng tiến độ"),
    ((Status.BEHIND,), "chậm tiến độ"),
    ((Status.NOT_MET,), "chưa đạt"),
    ((Status.NO_DATA,), "chưa có số liệu"),
)


@dataclass(frozen=True)
class TargetCounts:
    """What the body says of appendix 1, counted from its very rows."""

    total: int
    categories: tuple[tuple[str, int], ...]  # (words, count) for every category, empty ones included
    running: bool

    @classmethod
    def of(cls, rows: Sequence[TargetRow], cut_off: date) -> TargetCounts:
        statuses = [row.outcome.status for row in rows]
        return cls(
            total=len(rows),
            categories=tuple(
                (words, sum(1 for s in statuses if s in members)) for members, words in CATEGORIES
            ),
            running=any(parse_period(row.target.period).elapsed(cut_off) is not None for row in rows),
        )

    def count(self, words: str) -> int:
        return dict(self.categories)[words]

    def phrase(self) -> str:
        """ "34/34 chỉ tiêu đang triển khai thực hiện (13 chỉ tiêu đã đạt và vượt; …; 2 chỉ tiêu chưa có số
        liệu)": only the categories that have targets; with the head's own, they add up to the total."""
        if not self.total:
            return ""
        met = self.count("đã đạt và vượt")
        if self.running:
            head = f"{self.total - self.count('chưa đạt')}/{self.total} chỉ tiêu đang triển khai thực hiện"
            rest = [(words, n) for words, n in self.categories if n]
        else:
            head = f"{met}/{self.total} chỉ tiêu đạt và vượt kế hoạch"
            rest = [(words, n) for words, n in self.categories if n and words != "đã đạt và vượt"]
        if not rest:
            return head
        return f"{head} ({'; '.join(f'{n} chỉ tiêu {words}' for words, n in rest)})"


def _task_rows(organisation: Organisation, period: Period, cut_off: date) -> tuple[list[TaskRow], TaskCounts]:
    year_start, year_end = date(period.end.year, 1, 1), date(period.end.year, 12, 31)
    tasks = (
        Task.objects.filter(organisation__path__startswith=organisation.path)
        .filter(Q(document__issued_on__isnull=True) | Q(document__issued_on__lte=cut_off))
        # The year's tasks, and earlier ones still open at the start of the period or finished in it.
        .filter(
            Q(due_on__range=(year_start, year_end))
            | Q(due_on__lt=year_start, done_on__isnull=True)
            | Q(due_on__lt=year_start, done_on__gte=period.start)
            | Q(due_on__isnull=True)
        )
        .select_related("document", "organisation")
        .order_by("due_on", "id")
    )
    rows = [
        TaskRow(stt, task, task_status(task.due_on, task.done_on, cut_off))
        for stt, task in enumerate(tasks, start=1)
    ]
    counts = count_tasks(((row.task.due_on, row.task.done_on) for row in rows), cut_off)
    return rows, counts


def _documents(
    organisation: Organisation, period: Period, cut_off: date
) -> tuple[list[Document], list[Document]]:
    """Issued in the period by the organisation, its subtree or the committees above it; and the
    documents those implement, or whose tasks the subtree finished in the period."""
    ids = [*organisation.ancestor_ids, organisation.pk]
    own_or_above = (
        Q(organisation_id__in=ids)
        | Q(issuer_organisation_id__in=ids)
        | Q(organisation__path__startswith=organisation.path)
    )
    issued = list(
        Document.objects.filter(own_or_above, issued_on__range=(period.start, cut_off))
        .select_related("issuer_organisation")
        .order_by("issued_on", "id")
    )
    issued_ids = [d.pk for d in issued]
    implemented = list(
        Document.objects.filter(
            Q(links_in__source_id__in=issued_ids, links_in__kind=LinkKind.IMPLEMENTS)
            | Q(
                tasks__organisation__path__startswith=organisation.path,
                tasks__done_on__range=(period.start, cut_off),
            )
        )
        .exclude(pk__in=issued_ids)
        .select_related("issuer_organisation")
        .distinct()
        .order_by("issued_on", "id")
    )
    return issued, implemented


def _member_stats(organisation: Organisation, period: Period, cut_off: date) -> MemberStats:
    active = Q(status__in=ACTIVE_MEMBER_STATUSES)
    stats = Member.objects.filter(organisation__path__startswith=organisation.path).aggregate(
        registered=Count("pk"),
        total=Count("pk", filter=active),
        women=Count("pk", filter=active & Q(gender=Gender.FEMALE)),
        probationary=Count("pk", filter=Q(status=MemberStatus.PROBATIONARY)),
        minorities=Count("pk", filter=active & ~Q(ethnicity="Kinh")),
        religious=Count("pk", filter=active & ~Q(religion="")),
        admitted=Count("pk", filter=Q(admitted_on__range=(period.start, cut_off))),
    )
    children = organisation.children.filter(valid_to__isnull=True).aggregate(
        committees=Count("pk", filter=Q(kind=OrganisationKind.GRASSROOTS_COMMITTEE)),
        cells=Count("pk", filter=Q(kind=OrganisationKind.GRASSROOTS_CELL)),
    )
    members = Member.objects.filter(organisation=OuterRef("pk"), status__in=ACTIVE_MEMBER_STATUSES)
    to_upgrade = list(
        Organisation.objects.filter(
            path__startswith=organisation.path,
            kind=OrganisationKind.GRASSROOTS_CELL,
            valid_to__isnull=True,
        )
        .annotate(member_count=count_subquery(members))
        .filter(member_count__gte=CELL_UPGRADE_THRESHOLD)
        .order_by("path")
    )
    registered = stats.pop("registered")
    return MemberStats(
        known=registered > 0,
        grassroots_committees=children["committees"],
        grassroots_cells=children["cells"],
        cells_to_upgrade=to_upgrade,
        **stats,
    )
