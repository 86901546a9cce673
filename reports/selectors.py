"""Queries of the reports app, and the context a report is rendered from.

`report_context` gathers everything the PDF and the appendix workbook show, as the data stood at the
report's cut-off date, in a fixed number of queries whatever the size of the organisation.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING

from django.conf import settings
from django.db.models import Case, Count, OuterRef, Q, QuerySet, Subquery, Value, When
from django.utils.translation import gettext as _

from committees import access
from committees.models import (
    ACTIVE_MEMBER_STATUSES,
    CELL_UPGRADE_THRESHOLD,
    Gender,
    Member,
    MemberStatus,
    Organisation,
    OrganisationKind,
)
from committees.query import count_subquery
from committees.vn import fold, format_date, format_date_line, format_number, format_percent
from reports.models import ImportRun, Meeting, Report, ReportRun, RunStatus
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

if TYPE_CHECKING:
    from committees.access import AnyUser


# --- lists and lookups ----------------------------------------------------------------------------


def reports_for_user(user: AnyUser) -> QuerySet[Report]:
    return access.restrict(Report.objects.select_related("organisation"), user)


def report_list(user: AnyUser) -> QuerySet[Report]:
    """The reports a user may see, each with its newest run's status (one query)."""
    newest = ReportRun.objects.filter(report=OuterRef("pk")).order_by("-requested_at", "-id")
    return reports_for_user(user).annotate(
        last_run_status=Subquery(newest.values("status")[:1]),
    )


def meetings_for_user(user: AnyUser) -> QuerySet[Meeting]:
    return access.restrict(Meeting.objects.select_related("organisation", "term"), user)


def report_runs(report: Report) -> QuerySet[ReportRun]:
    return report.runs.select_related("requested_by").order_by("-requested_at", "-id")


def report_pending_run(report: Report) -> ReportRun | None:
    """The oldest render of the report still queued or running: while there is one, no other is asked for."""
    return (
        report.runs.filter(status__in=(RunStatus.QUEUED, RunStatus.RUNNING))
        .order_by("requested_at", "id")
        .first()
    )


def import_runs(user: AnyUser) -> QuerySet[ImportRun]:
    """The workbook imports a user may see: their own uploads; a superuser sees all of them. An import
    belongs to no single organisation (its rows may name many), so it is not scoped by the tree."""
    runs = ImportRun.objects.select_related("uploaded_by").order_by("-requested_at", "-id")
    if access.is_superuser(user):
        return runs
    return runs.filter(uploaded_by_id=user.pk) if user.is_authenticated else runs.none()


# --- the report's context -------------------------------------------------------------------------

DOCUMENT_TYPE_WORDS = {
    "NQ": "Nghị quyết",
    "CT": "Chỉ thị",
    "KL": "Kết luận",
    "QĐ": "Quyết định",
    "QĐi": "Quy định",
    "QC": "Quy chế",
    "QyĐ": "Quy định",
    "CTrHĐ": "Chương trình hành động",
    "CTr": "Chương trình",
    "KH": "Kế hoạch",
    "TB": "Thông báo",
    "HD": "Hướng dẫn",
    "BC": "Báo cáo",
    "ĐA": "Đề án",
    "PA": "Phương án",
    "DA": "Dự án",
    "CV": "Công văn",
    "TTr": "Tờ trình",
    "NĐ": "Nghị định",
    "TT": "Thông tư",
    "TTLT": "Thông tư liên tịch",
    "HĐ": "Hợp đồng",
}


def document_reference(document: Document) -> str:
    """ "Chỉ thị số 32-CT/TU ngày 21/3/2024 của Ban Thường vụ Thành ủy về …", as reports cite it."""
    word = DOCUMENT_TYPE_WORDS.get(document.type_code, "")
    if not word and "/QH" in document.canonical_number:
        word = "Nghị quyết"
    parts = [f"{word} số {document.canonical_number}".strip() if document.canonical_number else word]
    if document.issued_on:
        parts.append(f"ngày {format_date(document.issued_on)}")
    issuer = document.issuer_name or (
        document.issuer_organisation.committee_name if document.issuer_organisation else ""
    )
    if issuer:
        parts.append(f"của {issuer}")
    parts.append(document.title)
    return " ".join(p for p in parts if p)


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


@dataclass
class ReportContext:
    report: Report
    organisation: Organisation
    period: Period
    cut_off: date
    mode: str
    issuer_upper: str
    issuer_lower: str
    number_line: str
    date_line: str
    targets: list[TargetRow]
    highlights: list[str]
    target_counts: TargetCounts
    tasks: list[TaskRow]
    task_counts: TaskCounts
    documents_issued: list[Document]
    documents_implemented: list[Document]
    members: MemberStats
    meetings: list[Meeting]
    recipients: list[str] = field(default_factory=list)

    @property
    def tasks_phrase(self) -> str:
        return self.task_counts.phrase_vi()

    @property
    def targets_phrase(self) -> str:
        return self.target_counts.phrase()

    @property
    def results_line(self) -> str:
        """The clauses after "Kết quả đạt được:", empty when there is nothing to say (the template then
        says so instead of printing "Kết quả đạt được: ,")."""
        text = "; ".join(part for part in (*self.highlights, self.targets_phrase) if part)
        if self.task_counts.with_deadline:
            tasks = self.tasks_phrase
            text = f"{text}, {_('trong đó có')} {tasks}" if text else tasks
        return text

    @property
    def admissions_row(self) -> TargetRow | None:
        """The row of appendix 1 that counts newly admitted members, if the organisation has one: the body
        then prints its figure, so that the body and the appendix never give two numbers. The target whose
        actual is the members register's admissions (source `members_admitted`, targets.outcomes.metrics);
        failing one, a target typed by hand whose title says so (data entered before targets could take
        their actual from the register: the body must not contradict its appendix there either)."""
        for row in self.targets:
            if row.target.source == "members_admitted":
                return row
        for row in self.targets:
            title = fold(row.target.title)
            typed = row.target.source == "readings" and row.shape in (Shape.COUNT, Shape.QUANTITY)
            if typed and "ket nap" in title and "dang vien" in title:
                return row
        return None

    @property
    def admitted(self) -> Decimal | None:
        """New members admitted in the period: appendix 1's figure where it has a row for them, else the
        member register's count; None when neither knows."""
        row = self.admissions_row
        if row is not None:
            return row.actual
        return Decimal(self.members.admitted) if self.members.known else None

    def document_reference(self, document: Document) -> str:
        return document_reference(document)

    @property
    def documents_issued_refs(self) -> list[str]:
        return [document_reference(d) for d in self.documents_issued]

    @property
    def documents_implemented_refs(self) -> list[str]:
        return [document_reference(d) for d in self.documents_implemented]


def report_period(report: Report) -> Period:
    return parse_period(report.period)


def number_line(report: Report) -> str:
    """ "Số 15-BC/ĐU" once issued; a draft leaves the number blank: "Số      -BC/ĐU"."""
    if report.number:
        return f"Số {report.number}"
    issuer = report.organisation.issuer_code or "ĐU"
    return f"Số \u00a0\u00a0\u00a0\u00a0\u00a0\u00a0-BC/{issuer}"


def date_line(report: Report) -> str:
    place = report.place or report.organisation.place_name
    if report.dated is not None:
        return format_date_line(report.dated, place)
    year = report_period(report).end.year
    blank = "\u00a0" * 5
    line = f"ngày{blank}tháng{blank}năm {year}"
    return f"{place}, {line}" if place else line


def issuer_lines(organisation: Organisation) -> tuple[str, str]:
    """The two levels of the issuer block: the superior Party organisation, then the issuing committee."""
    own = organisation.committee_name or organisation.name
    upper = organisation.parent.name if organisation.parent is not None else organisation.name
    return upper.upper(), own.upper()


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


def report_context(report: Report, *, cut_off: date | None = None) -> ReportContext:
    """Everything the report shows, at its cut-off date (or at `cut_off` when given)."""
    organisation = report.organisation
    period = report_period(report)
    at = cut_off or report.cut_off
    mode = report.rounding or settings.CHITIEU_ROUNDING
    rows = _target_rows(organisation, period, at, mode)
    tasks, counts = _task_rows(organisation, period, at)
    issued, implemented = _documents(organisation, period, at)
    upper, lower = issuer_lines(organisation)
    return ReportContext(
        report=report,
        organisation=organisation,
        period=period,
        cut_off=at,
        mode=mode,
        issuer_upper=upper,
        issuer_lower=lower,
        number_line=number_line(report),
        date_line=date_line(report),
        targets=rows,
        highlights=_highlights(rows, mode),
        target_counts=TargetCounts.of(rows, at),
        tasks=tasks,
        task_counts=counts,
        documents_issued=issued,
        documents_implemented=implemented,
        members=_member_stats(organisation, period, at),
        meetings=list(report.meetings.order_by("held_on", "id")),
        recipients=[line.strip() for line in report.recipients.splitlines() if line.strip()],
    )
