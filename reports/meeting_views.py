"""Pages of meetings: the list, a meeting's page and form, its minutes and conclusion notice, and the tasks
given from its conclusions. Who may do what is decided in committees.access: reading needs VIEW on the
organisation, writing needs REPORT (secretaries and admins); anything out of scope is a 404.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from committees import access
from committees.access import Action
from committees.models import Organisation
from core.forms import errors_into
from core.http import HtmxHttpRequest
from reports import meeting_services, selectors
from reports.filters import MeetingFilterSet
from reports.forms import AttendeeFormSet, ConclusionTaskFormSet, MeetingForm, MeetingOrganisationForm
from reports.meeting_docs import conclusion_lines, meeting_doc_context
from reports.meeting_docx import render_meeting_docx
from reports.models import ConclusionTask, Meeting
from reports.pdf import MEETING_DOCUMENTS, render_meeting_pdf
from reports.views import ROWS_PER_PAGE
from resolutions import selectors as selectors_resolutions


def meeting_list(request: HttpRequest) -> HttpResponse:
    filterset = MeetingFilterSet(
        request.GET, queryset=selectors.meetings_for_user(request.user), request=request
    )
    meetings = filterset.qs.order_by("-held_on", "-id")
    return render(
        request,
        "reports/meeting_list.html",
        {
            "page": Paginator(meetings, ROWS_PER_PAGE).get_page(request.GET.get("page")),
            "filter": filterset,
            "can_report": access.organisations(request.user, Action.REPORT).exists(),
        },
    )


def _meeting(request: HttpRequest, pk: int, action: Action = Action.VIEW) -> Meeting:
    return access.get_or_404(
        Meeting.objects.select_related("organisation__parent", "term", "notice_document"),
        request.user,
        action,
        pk=pk,
    )


def _task_organisations(request: HttpRequest, meeting: Meeting) -> QuerySet[Organisation]:
    """Who may lead a task from the meeting: the meeting's organisation and those under it, in the
    user's scope, still in existence."""
    return access.organisations(request.user, Action.REPORT).filter(
        path__startswith=meeting.organisation.path, valid_to__isnull=True
    )


def _task_formset(request: HttpRequest, meeting: Meeting, data: Any = None) -> Any:
    taken = selectors.conclusion_tasks(meeting)
    initial = [
        {"position": n, "title": text}
        for n, text in enumerate(conclusion_lines(meeting.conclusions), start=1)
        if n not in taken
    ]
    return ConclusionTaskFormSet(
        data,
        prefix="kl",
        initial=initial,
        form_kwargs={"organisations": _task_organisations(request, meeting)},
    )


def meeting_detail(
    request: HttpRequest, pk: int, task_formset: Any = None, task_errors: list[str] | None = None
) -> HttpResponse:
    meeting = _meeting(request, pk)
    can_report = access.can(request.user, Action.REPORT, meeting.organisation)
    context = meeting_doc_context(meeting)
    if can_report and task_formset is None:
        task_formset = _task_formset(request, meeting)
    return render(
        request,
        "reports/meeting_detail.html",
        {
            "meeting": meeting,
            "attendees": [*context.members, *context.guests],
            "conclusions": context.conclusions,
            "reports": list(meeting.reports.order_by("-cut_off")),
            "notice_document": meeting.notice_document
            if meeting.notice_document is not None
            and access.can_read(request.user, meeting.notice_document.organisation)
            else None,
            "can_report": can_report,
            "task_formset": task_formset if can_report else None,
            "task_errors": task_errors or [],
        },
    )


@require_POST
def meeting_tasks(request: HttpRequest, pk: int) -> HttpResponse:
    """Turn the chosen conclusions into tasks; errors come back on the meeting page, nothing created."""
    meeting = _meeting(request, pk, Action.REPORT)
    formset = _task_formset(request, meeting, request.POST)
    if formset.is_valid():
        assignments = [
            meeting_services.ConclusionAssignment(
                position=f.cleaned_data["position"],
                title=f.cleaned_data["title"],
                organisation=f.cleaned_data["organisation"],
                due_on=f.cleaned_data["due_on"],
            )
            for f in formset
            if f.cleaned_data.get("take")
        ]
        try:
            tasks = meeting_services.meeting_conclusions_to_tasks(
                meeting=meeting, assignments=assignments, acting_user=request.user
            )
        except ValidationError as error:
            return meeting_detail(request, pk, task_formset=formset, task_errors=error.messages)
        messages.success(request, _("Đã giao %(n)s nhiệm vụ từ kết luận hội nghị.") % {"n": len(tasks)})
        return redirect(reverse("reports:meeting_detail", args=[meeting.pk]) + "#ket-luan")
    return meeting_detail(request, pk, task_formset=formset)


def meeting_pdf(request: HttpRequest, pk: int, which: str) -> HttpResponse:
    """The minutes or the conclusion notice as PDF, rendered at once: a few pages, well under a second,
    and nothing kept, so the background runs of reports would only add a wait."""
    if which not in MEETING_DOCUMENTS:
        raise Http404
    meeting = _meeting(request, pk)
    pdf = render_meeting_pdf(meeting, which)
    response = HttpResponse(pdf, content_type="application/pdf")
    name = f"{which}-{meeting.organisation.code}-{meeting.held_on:%Y-%m-%d}.pdf"
    response["Content-Disposition"] = f'inline; filename="{name}"'
    return response


def meeting_terms(request: HtmxHttpRequest) -> HttpResponse:
    """The term field of the meeting form for the organisation just chosen (htmx). An organisation the
    user may not report for gives an empty list, as an unknown one does."""
    organisations = access.organisations(request.user, Action.REPORT).filter(valid_to__isnull=True)
    picker = MeetingOrganisationForm(request.GET or None, organisations=organisations)
    organisation = picker.cleaned_data["organisation"] if picker.is_bound and picker.is_valid() else None
    form = MeetingForm(organisation=organisation)
    return render(request, "reports/meeting_form.html#term", {"form": form})


def _attendees(formset: AttendeeFormSet) -> list[meeting_services.AttendeeData]:  # type: ignore[valid-type]
    return [
        meeting_services.AttendeeData(
            name=f.cleaned_data["name"], title=f.cleaned_data["title"], invited=f.cleaned_data["invited"]
        )
        for f in formset  # type: ignore[attr-defined]
        if f.cleaned_data.get("name")
    ]


def meeting_create(request: HttpRequest) -> HttpResponse:
    organisations = access.organisations(request.user, Action.REPORT).filter(valid_to__isnull=True)
    if not organisations.exists():
        raise Http404
    picker = MeetingOrganisationForm(request.POST or request.GET or None, organisations=organisations)
    organisation = picker.cleaned_data["organisation"] if picker.is_bound and picker.is_valid() else None
    form = MeetingForm(request.POST or None, organisation=organisation)
    formset = AttendeeFormSet(request.POST or None, prefix="att")
    if request.method == "POST" and organisation is not None and form.is_valid() and formset.is_valid():
        data = {name: form.cleaned_data[name] for name in meeting_services.MEETING_FIELDS}
        try:
            meeting = meeting_services.meeting_create(
                organisation=organisation, acting_user=request.user, attendees=_attendees(formset), **data
            )
        except ValidationError as error:
            errors_into(form, error)
        else:
            messages.success(request, _("Đã lưu hội nghị."))
            return redirect("reports:meeting_detail", pk=meeting.pk)
    return render(
        request,
        "reports/meeting_form.html",
        {"picker": picker, "form": form, "formset": formset, "meeting": None},
    )


def meeting_edit(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = access.get_or_404(
        Meeting.objects.select_related("organisation"), request.user, Action.REPORT, pk=pk
    )
    form = MeetingForm(request.POST or None, instance=meeting)
    initial = [{"name": a.name, "title": a.title, "invited": a.invited} for a in meeting.attendees.all()]
    formset = AttendeeFormSet(request.POST or None, prefix="att", initial=initial)
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        data = {name: form.cleaned_data[name] for name in meeting_services.MEETING_FIELDS}
        try:
            meeting_services.meeting_update(
                meeting=Meeting.objects.get(pk=meeting.pk),
                acting_user=request.user,
                attendees=_attendees(formset),
                **data,
            )
        except ValidationError as error:
            errors_into(form, error)
        else:
            messages.success(request, _("Đã lưu hội nghị."))
            return redirect("reports:meeting_detail", pk=meeting.pk)
    return render(
        request,
        "reports/meeting_form.html",
        {"picker": None, "form": form, "formset": formset, "meeting": meeting},
    )


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
