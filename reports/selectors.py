"""Queries of the reports app: the reports, meetings and runs a user may see.

What a report prints is gathered elsewhere, by concern: `reports.context` (the whole context),
`reports.figures` (a periodic report's body and appendix), `reports.review` (the review of one resolution),
`reports.heading` (issuer, number and date) and `reports.meeting_docs` (minutes and conclusion notices).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import OuterRef, QuerySet, Subquery

from committees import access
from reports.models import ConclusionTask, Meeting, Report, ReportRun, RunStatus
from resolutions.models import Task

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
