"""The review of one resolution (sơ kết, tổng kết): the documents implementing it, its targets and tasks in
the window, and the review's title.
"""

from __future__ import annotations

from datetime import date

from django.db.models import F, Q
from django.utils.translation import gettext as _

from committees.models import Organisation
from reports.figures import TargetRow, TaskRow
from reports.heading import document_reference
from resolutions.models import Document, DocumentLink, Task
from resolutions.selectors import TREE_KINDS
from resolutions.taskstatus import TaskCounts, count_tasks, task_status
from targets.models import Target
from targets.outcomes.standing import LAST_YEAR_FROM_PREVIOUS, standings


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
