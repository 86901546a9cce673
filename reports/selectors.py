"""Queries of the reports app, and the context a report is rendered from.

`report_context` gathers everything the PDF and the appendix workbook show, as the data stood at the
report's cut-off date, in a fixed number of queries whatever the size of the organisation.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.db.models import Case, Count, F, OuterRef, Q, QuerySet, Subquery, Value, When
from django.utils.translation import gettext as _

from committees import access
from committees.models import (
    ACTIVE_MEMBER_STATUSES,
    CELL_KINDS,
    CELL_UPGRADE_THRESHOLD,
    BodyKind,
    BodyMembership,
    Gender,
    Member,
    MemberStatus,
    Organisation,
    OrganisationKind,
    Position,
)
from core.query import count_subquery
from core.vn import blank_date_line, fold, format_date, format_date_line, format_number, format_percent
from inspections.selectors import InspectionCounts
from inspections.selectors import counts_for as inspection_counts
from reports.models import ConclusionTask, Meeting, MeetingKind, Report, ReportRun, RunStatus
from resolutions.models import Document, DocumentLink, LinkKind, Task
from resolutions.numbering import type_name
from resolutions.selectors import TREE_KINDS
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
from targets.outcomes.standing import LAST_YEAR_FROM_PREVIOUS, last_year_values, standings
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


def conclusion_tasks(meeting: Meeting) -> dict[int, Task]:
    """The tasks made from the meeting's conclusions, by the conclusion's line number."""
    links = ConclusionTask.objects.filter(meeting=meeting).select_related(
        "task__organisation", "task__document"
    )
    return {link.position: link.task for link in links}


def report_runs(report: Report) -> QuerySet[ReportRun]:
    return report.runs.select_related("requested_by").order_by("-requested_at", "-id")


def report_pending_run(report: Report) -> ReportRun | None:
    """The oldest render of the report still queued or running: while there is one, no other is asked for."""
    return (
        report.runs.filter(status__in=(RunStatus.QUEUED, RunStatus.RUNNING))
        .order_by("requested_at", "id")
        .first()
    )


# --- the report's context -------------------------------------------------------------------------


def document_reference(document: Document) -> str:
    """ "Chỉ thị số 32-CT/TU ngày 21/3/2024 của Ban Thường vụ Thành ủy về …", as reports cite it."""
    word = type_name(document.type_code, document.system)
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
    def number_ref(self) -> str:
        """The number as a sentence cites it: "số 15-BC/ĐU" ("Kèm theo Báo cáo số 15-BC/ĐU ngày …")."""
        return "số" + self.number_line.removeprefix("Số")

    # A review of one resolution (ReportKind.RESOLUTION): the document and the first day of the window.
    document: Document | None = None
    window_start: date | None = None

    @property
    def is_review(self) -> bool:
        return self.document is not None

    @property
    def document_ref(self) -> str:
        return document_reference(self.document) if self.document is not None else ""

    @property
    def document_short(self) -> str:
        """ "Nghị quyết số 04-NQ/TU", as the body repeats it."""
        if self.document is None:
            return ""
        word = type_name(self.document.type_code, self.document.system) or _("văn bản")
        number = self.document.canonical_number
        return f"{word} số {number}" if number else f"{word} {self.document.title}"

    @property
    def ongoing_tasks(self) -> int:
        return sum(1 for row in self.tasks if row.task.due_on is None)

    @property
    def window_words(self) -> str:
        """ "từ ngày 15/3/2021 đến ngày 15/3/2024" for a review."""
        if self.window_start is None:
            return ""
        return _("từ ngày %(a)s đến ngày %(b)s") % {
            "a": format_date(self.window_start),
            "b": format_date(self.cut_off),
        }

    @property
    def meeting_lines(self) -> list[str]:
        """ "Trình Hội nghị Ban Chấp hành Đảng bộ … lần thứ 21 (mở rộng) ngày 05/7/2024": the meetings the
        report was written for, printed under its title."""
        return [
            _("Trình %(meeting)s ngày %(day)s")
            % {"meeting": meeting_name(m, with_organisation=True), "day": format_date(m.held_on)}
            for m in self.meetings
        ]

    # What the committee's inspections and supervisions of the period came to (inspections.selectors).
    inspections: InspectionCounts | None = None

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
    return blank_date_line(report_period(report).end.year, place)


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
    document = report.document if report.document_id else None
    if document is not None:
        start = report.window_start or document.issued_on or period.start
        family = _implementing(document, at)
        rows = _document_target_rows(organisation, [document, *family], start, at, mode)
        tasks, counts = _document_task_rows(organisation, [document, *family], start, at)
        issued = [d for d in family if d.issued_on is None or d.issued_on >= start]
        implemented = [document]
    else:
        start = None
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
        meetings=list(report.meetings.select_related("organisation", "term").order_by("held_on", "id")),
        recipients=[line.strip() for line in report.recipients.splitlines() if line.strip()],
        document=document,
        window_start=start,
        inspections=inspection_counts(organisation, period.start, period.end, at),
    )


def review_span(window_start: date, cut_off: date) -> str:
    """How long a review looks back, as titles say it: "3 năm", "6 tháng"."""
    months = round((cut_off - window_start).days / 30.44)
    if months >= 12:
        return f"{round(months / 12)} năm"
    return f"{max(months, 1)} tháng"


def _implementing(document: Document, cut_off: date, depth: int = 6) -> list[Document]:
    """The documents that implement (guide, review, report on) this one, and theirs, issued by the cut-off
    (or undated), one query per level; in order of issue."""
    found: dict[int, Document] = {}
    frontier = {document.pk}
    for _level in range(depth):
        links = (
            DocumentLink.objects.filter(target_id__in=frontier, kind__in=TREE_KINDS)
            .filter(Q(source__issued_on__isnull=True) | Q(source__issued_on__lte=cut_off))
            .select_related("source__issuer_organisation")
        )
        frontier = set()
        for link in links:
            if link.source_id not in found and link.source_id != document.pk:
                found[link.source_id] = link.source
                frontier.add(link.source_id)
        if not frontier:
            break
    return sorted(found.values(), key=lambda d: (d.issued_on or date.max, d.pk))


def _document_target_rows(
    organisation: Organisation, documents: list[Document], start: date, cut_off: date, mode: str
) -> list[TargetRow]:
    """The targets the documents set in the organisation's subtree whose period meets the window."""
    items = standings(
        Target.objects.filter(
            document__in=documents,
            organisation__path__startswith=organisation.path,
            period_start__lte=cut_off,
            period_end__gte=start,
        )
        .select_related("organisation")
        .order_by("organisation__path", "period_start", "position", "id"),
        cut_off,
    )
    # Last year's value by the rule of the one read interface: a growth or a rank carries it in its reading.
    return [
        TargetRow(
            stt,
            item.target,
            item.reading,
            item.outcome,
            item.reading.previous
            if item.reading is not None and item.target.shape in LAST_YEAR_FROM_PREVIOUS
            else None,
            mode,
        )
        for stt, item in enumerate(items, start=1)
    ]


def _document_task_rows(
    organisation: Organisation, documents: list[Document], start: date, cut_off: date
) -> tuple[list[TaskRow], TaskCounts]:
    """Every task of the documents led in the subtree that falls in the window: due in it (whatever the
    year), ongoing, or finished in it."""
    tasks = (
        Task.objects.filter(document__in=documents, organisation__path__startswith=organisation.path)
        .filter(
            Q(due_on__range=(start, cut_off)) | Q(due_on__isnull=True) | Q(done_on__range=(start, cut_off))
        )
        .select_related("document", "organisation")
        .order_by(F("due_on").asc(nulls_last=True), "id")
    )
    rows = [
        TaskRow(stt, task, task_status(task.due_on, task.done_on, cut_off))
        for stt, task in enumerate(tasks, start=1)
    ]
    counts = count_tasks(((row.task.due_on, row.task.done_on) for row in rows), cut_off)
    return rows, counts


# --- meetings: minutes (biên bản) and conclusion notice (thông báo kết luận) ----------------------------


def conclusion_lines(text: str) -> list[str]:
    """The conclusions, one per non-empty line, without the bullet or number a person typed before it
    ("- ", "1. ", "a) "): line n is conclusion n, the key of its task."""
    lines = (_BULLET.sub("", raw.strip(), count=1).strip() for raw in (text or "").splitlines())
    return [line for line in lines if line]


_BULLET = re.compile(r"^(?:[-+•*–]|\(?[0-9]{1,2}[.)]|[a-zđ][.)])\s+")


def default_signer(organisation: Organisation) -> tuple[str, str]:
    """(authority, name): "T/M BAN THƯỜNG VỤ" where there is a standing committee, else the committee or
    cell; the name of the sitting secretary (Bí thư) if the tree knows it."""
    seats = list(
        BodyMembership.objects.filter(term__organisation=organisation, end_date__isnull=True)
        .select_related("member")
        .order_by("-term__start_year", "id")
    )
    if organisation.kind in CELL_KINDS:
        authority = "T/M CHI BỘ"
    elif any(seat.body == BodyKind.BTV for seat in seats):
        authority = "T/M BAN THƯỜNG VỤ"
    else:
        authority = "T/M ĐẢNG ỦY"
    secretary = next((s for s in seats if s.position == Position.BI_THU), None)
    return authority, secretary.display_name if secretary else ""


def meeting_name(meeting: Meeting, *, with_organisation: bool = False) -> str:
    """ "Hội nghị Ban Chấp hành Đảng bộ … lần thứ 21 (mở rộng), nhiệm kỳ 2020–2025", as documents name it."""
    organisation = meeting.organisation
    kind = MeetingKind(meeting.kind)
    name = str(kind.label)
    if with_organisation:
        if kind in (MeetingKind.BCH,):
            name = f"{name} {organisation.name}"
        elif kind in (MeetingKind.BTV, MeetingKind.STANDING):
            name = f"{name} {organisation.committee_name or organisation.name}"
        else:
            name = f"{name} {organisation.name}"
    if meeting.number:
        name += f" {_('lần thứ')} {meeting.number}"
    if meeting.extended:
        name += f" ({_('mở rộng')})"
    if meeting.term is not None:
        name += f", {_('nhiệm kỳ')} {meeting.term.start_year} - {meeting.term.end_year}"
    return name


def concluding_body(meeting: Meeting) -> str:
    """Who concludes: the body that met ("Ban Thường vụ Đảng ủy Sở …"), the cell, or the one who chaired a
    working session with an inspection team."""
    organisation = meeting.organisation
    committee = organisation.committee_name or organisation.name
    kind = MeetingKind(meeting.kind)
    if kind is MeetingKind.BCH:
        return f"Ban Chấp hành {organisation.name}"
    if kind is MeetingKind.BTV:
        return f"Ban Thường vụ {committee}"
    if kind is MeetingKind.STANDING:
        return f"Thường trực {committee}"
    if kind is MeetingKind.INSPECTION and meeting.chair:
        return f"đồng chí {meeting.chair}"
    if organisation.kind in CELL_KINDS:
        return organisation.name
    return committee


def notice_number_line(meeting: Meeting) -> str:
    if meeting.notice_number:
        return f"Số {meeting.notice_number}"
    issuer = meeting.organisation.issuer_code or "ĐU"
    return f"Số \u00a0\u00a0\u00a0\u00a0\u00a0\u00a0-TB/{issuer}"


def occasion(meeting: Meeting) -> str:
    """The meeting as the notice's sentences name it: "hội nghị lần thứ 21 (mở rộng)", "buổi sinh hoạt chi
    bộ định kỳ", "buổi làm việc với đoàn kiểm tra"."""
    kind = MeetingKind(meeting.kind)
    if kind in (MeetingKind.BCH, MeetingKind.BTV):
        words = _("hội nghị")
    elif kind is MeetingKind.STANDING:
        words = _("cuộc họp")
    else:
        words = _("buổi %(kind)s") % {"kind": str(kind.label).lower()}
    if meeting.number:
        words += f" {_('lần thứ')} {meeting.number}"
    if meeting.extended:
        words += f" ({_('mở rộng')})"
    return words


def organiser(meeting: Meeting) -> str:
    """Who held the meeting: the concluding body, or for a working session the committee itself."""
    if MeetingKind(meeting.kind) is MeetingKind.INSPECTION:
        organisation = meeting.organisation
        return organisation.committee_name or organisation.name
    return concluding_body(meeting)


def notice_title(meeting: Meeting) -> str:
    """The notice's subject line: "kết luận của Ban Thường vụ Đảng ủy … tại hội nghị lần thứ 21 ngày
    4/7/2024"."""
    return _("kết luận của %(body)s tại %(occasion)s ngày %(day)s") % {
        "body": concluding_body(meeting),
        "occasion": occasion(meeting),
        "day": format_date(meeting.held_on),
    }


@dataclass(frozen=True)
class ConclusionRow:
    stt: int
    text: str
    task: Task | None


@dataclass
class MeetingDocContext:
    """What the minutes and the conclusion notice print."""

    meeting: Meeting
    issuer_upper: str
    issuer_lower: str
    name: str
    body: str
    organiser: str
    occasion: str
    subject: str
    number_line: str
    date_line: str
    minutes_date_line: str
    members: list[Any]
    guests: list[Any]
    conclusions: list[ConclusionRow]
    reports: list[Report]
    signer_authority: str
    signer_title: str
    signer_name: str
    recipients: list[str]
    draft: bool


def meeting_doc_context(meeting: Meeting) -> MeetingDocContext:
    """The minutes' and the notice's context, in a fixed number of queries."""
    organisation = meeting.organisation
    upper, lower = issuer_lines(organisation)
    attendees = list(meeting.attendees.all())
    tasks = conclusion_tasks(meeting)
    authority, secretary = default_signer(organisation)
    place = organisation.place_name
    if meeting.notice_dated is not None:
        date_line_text = format_date_line(meeting.notice_dated, place)
    else:
        date_line_text = blank_date_line(meeting.held_on.year, place)
    recipients = []
    if organisation.parent is not None:
        parent = organisation.parent
        recipients.append(f"{parent.committee_name or parent.name} (để báo cáo),")
    if organisation.kind in CELL_KINDS:
        recipients += ["Các đảng viên trong chi bộ,", "Lưu Chi bộ."]
    else:
        recipients += ["Các đồng chí dự hội nghị,", "Các cấp ủy trực thuộc,", "Lưu Văn phòng Đảng ủy."]
    return MeetingDocContext(
        meeting=meeting,
        issuer_upper=upper,
        issuer_lower=lower,
        name=meeting_name(meeting, with_organisation=True),
        body=concluding_body(meeting),
        organiser=organiser(meeting),
        occasion=occasion(meeting),
        subject=notice_title(meeting),
        number_line=notice_number_line(meeting),
        date_line=date_line_text,
        minutes_date_line=format_date_line(meeting.held_on, place),
        members=[a for a in attendees if not a.invited],
        guests=[a for a in attendees if a.invited],
        conclusions=[
            ConclusionRow(n, text, tasks.get(n))
            for n, text in enumerate(conclusion_lines(meeting.conclusions), start=1)
        ],
        reports=list(meeting.reports.order_by("cut_off", "id")),
        signer_authority=meeting.notice_signer_authority or authority,
        signer_title=meeting.notice_signer_title or "BÍ THƯ",
        signer_name=meeting.notice_signer_name or secretary,
        recipients=recipients,
        draft=not meeting.notice_number,
    )


class ReviewStage:
    """Sơ kết (mid-way) or tổng kết (final) review of a resolution: the first word of the title."""

    MIDWAY = "so_ket"
    FINAL = "tong_ket"
    WORDS = {MIDWAY: "sơ kết", FINAL: "tổng kết"}


def review_title(*, document: Document, window_start: date, cut_off: date, stage: str) -> str:
    """ "sơ kết 3 năm thực hiện Nghị quyết số 04-NQ/TU ngày 15/3/2021 của Ban Thường vụ Thành ủy về …"."""
    return _("%(stage)s %(span)s thực hiện %(document)s") % {
        "stage": ReviewStage.WORDS[stage],
        "span": review_span(window_start, cut_off),
        "document": document_reference(document),
    }
