"""Pages of reports/ about meetings kept out of reports/views.py: the minutes and the notice as Word files,
and the part of a task's page (resolutions) that names the meeting the task came from. Resolutions may not
import reports, so its page includes that part by URL (htmx, STYLE.md)."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.http import content_disposition_header

from committees import access
from reports.meeting_docx import render_meeting_docx
from reports.models import ConclusionTask, Meeting
from reports.pdf import MEETING_DOCUMENTS
from resolutions import selectors as selectors_resolutions

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def meeting_docx(request: HttpRequest, pk: int, which: str) -> HttpResponse:
    """The minutes or the conclusion notice as .docx, to whoever may read the meeting (as the PDF)."""
    if which not in MEETING_DOCUMENTS:
        raise Http404
    meeting = access.get_or_404(
        Meeting.objects.select_related("organisation__parent", "term", "notice_document"), request.user, pk=pk
    )
    name = f"{which}-{meeting.organisation.code}-{meeting.held_on:%Y-%m-%d}.docx"
    response = HttpResponse(render_meeting_docx(meeting, which), content_type=DOCX)
    response["Content-Disposition"] = content_disposition_header(True, name) or ""
    return response


def task_meeting(request: HttpRequest, pk: int) -> HttpResponse:
    """The meeting a task came from (a conclusion given as a task), for the task's page. A task the user
    may not see is a 404; a meeting they may not read (an upper committee's) is named without a link."""
    task = selectors_resolutions.tasks_for_user(request.user).filter(pk=pk).first()
    if task is None:
        raise Http404
    origin = (
        ConclusionTask.objects.select_related("meeting__organisation", "meeting__term")
        .filter(task=task)
        .first()
    )
    readable = (
        origin is not None
        and access.restrict(Meeting.objects.filter(pk=origin.meeting_id), request.user).exists()
    )
    return render(request, "reports/_task_meeting.html", {"origin": origin, "readable": readable})
