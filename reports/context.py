"""The context a report is rendered from.

`report_context` gathers everything the PDF, the Word file and the appendix workbook show, as the data stood
at the report's cut-off date, in a fixed number of queries whatever the size of the organisation.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.conf import settings
from django.utils.translation import gettext as _

from committees.models import Organisation
from core.vn import fold, format_date
from inspections.selectors import InspectionCounts
from inspections.selectors import counts_for as inspection_counts
from reports.figures import (
    MemberStats,
    TargetCounts,
    TargetRow,
    TaskRow,
    _documents,
    _highlights,
    _member_stats,
    _target_rows,
    _task_rows,
)
from reports.heading import date_line, document_reference, issuer_lines, number_line, report_period
from reports.meeting_docs import meeting_name
from reports.models import Meeting, Report
from reports.review import _document_target_rows, _document_task_rows, _implementing
from resolutions.models import Document
from resolutions.number_codes import type_name
from resolutions.taskstatus import TaskCounts
from targets.outcomes.achievement import Shape
from targets.periods import Period


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
