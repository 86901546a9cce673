"""Pages of reports and meetings. Who may do what is decided in committees.access: reading needs VIEW
on the organisation, writing needs REPORT (secretaries and admins); anything out of scope is a 404."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from committees import access
from committees.access import Action
from committees.models import Organisation
from core.forms import errors_into as _errors_into
from core.http import HtmxHttpRequest
from core.vn import format_number
from reports import selectors, services
from reports.docx_report import context_to_docx
from reports.filters import MeetingFilterSet
from reports.forms import (
    AttendeeFormSet,
    ConclusionTaskFormSet,
    MeetingForm,
    MeetingOrganisationForm,
    ReportCreateForm,
    ReportEditForm,
    ReportIssueForm,
    ReviewCreateForm,
)
from reports.models import Meeting, Report, ReportKind, ReportRun, RunStatus
from reports.pdf import MEETING_DOCUMENTS, render_meeting_pdf
from reports.xlsx import appendix_workbook
from resolutions import selectors as selectors_resolutions
from targets import cycle
from targets import selectors as selectors_targets
from targets.models import Narrative, Submission
from targets.periods import PeriodError

ROWS_PER_PAGE = 50

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
# Appendix rows up to which the Word file is built while the page waits: 1.233 rows (a district) took
# 2,5 s beyond the report's context, 27.478 (a province) 41 s, over gunicorn's 30 s (bench/docx_report.py).
DOCX_WAIT_MAX_ROWS = 5000


def _report(request: HttpRequest, pk: int, action: Action = Action.VIEW) -> Report:
    return access.get_or_404(
        Report.objects.select_related("organisation__parent", "previous_version"), request.user, action, pk=pk
    )


# --- reports ----------------------------------------------------------------------------------


def report_list(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "reports/report_list.html",
        {
            "page": Paginator(
                selectors.report_list(request.user).order_by(
                    "-cut_off", "organisation__path", "-version", "id"
                ),
                ROWS_PER_PAGE,
            ).get_page(request.GET.get("page")),
            "query": "",
            "can_report": access.organisations(request.user, Action.REPORT).exists(),
        },
    )


def _period_for_meeting(meeting: Meeting) -> tuple[str, str]:
    """(kind, period) a meeting most likely discusses: the first half in June–August, nine months in
    September–November, the year before in January, else the current year."""
    year, month = meeting.held_on.year, meeting.held_on.month
    if 6 <= month <= 8:
        return ReportKind.SEMI_ANNUAL, f"{year}-H1"
    if 9 <= month <= 11:
        return ReportKind.NINE_MONTHS, f"{year}-9M"
    if month == 1:
        return ReportKind.ANNUAL, str(year - 1)
    return ReportKind.ANNUAL, str(year)


def report_create(request: HttpRequest) -> HttpResponse:
    organisations = access.organisations(request.user, Action.REPORT).filter(valid_to__isnull=True)
    if not organisations.exists():
        raise Http404
    meetings = access.restrict(Meeting.objects.all(), request.user, Action.REPORT)
    initial: dict[str, Any] = {}
    meeting = None
    if request.method == "GET" and request.GET.get("hoi_nghi"):
        meeting = access.get_or_404(
            Meeting.objects.select_related("organisation"),
            request.user,
            Action.REPORT,
            pk=_int_or_404(request.GET["hoi_nghi"]),
        )
        kind, period = _period_for_meeting(meeting)
        initial = {"organisation": meeting.organisation, "kind": kind, "period": period, "meeting": meeting}
    form = ReportCreateForm(
        request.POST or None, initial=initial, organisations=organisations, meetings=meetings
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        meeting = data["meeting"]
        try:
            report = services.report_create(
                organisation=data["organisation"],
                kind=data["kind"],
                period=data["period"],
                cut_off=data["cut_off"],
                acting_user=request.user,
                **({"meetings": [meeting]} if meeting is not None else {}),
            )
        except ValidationError as error:
            _errors_into(form, error)
        else:
            messages.success(request, _("Đã tạo dự thảo báo cáo."))
            return redirect("reports:report_edit", pk=report.pk)
    return render(request, "reports/report_create.html", {"form": form, "meeting": meeting})


def review_create(request: HttpRequest) -> HttpResponse:
    """Start a report on one resolution over any window (sơ kết / tổng kết N năm thực hiện …)."""
    organisations = access.organisations(request.user, Action.REPORT).filter(valid_to__isnull=True)
    if not organisations.exists():
        raise Http404
    documents = selectors_resolutions.documents_for_user(request.user)
    initial: dict[str, Any] = {}
    if request.method == "GET" and request.GET.get("van_ban"):
        # documents_for_user is already the scope: the user's documents and those of the committees above.
        document = get_object_or_404(documents, pk=_int_or_404(request.GET["van_ban"]))
        initial = {"document": document, "document_number": document.canonical_number}
    form = ReviewCreateForm(
        request.POST or None, initial=initial, organisations=organisations, documents=documents
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            report = services.review_create(
                organisation=data["organisation"],
                document=data["document"],
                window_start=data["window_start"],
                cut_off=data["cut_off"],
                stage=data["stage"],
                acting_user=request.user,
            )
        except ValidationError as error:
            _errors_into(form, error)
        else:
            messages.success(request, _("Đã tạo dự thảo báo cáo sơ kết, tổng kết."))
            return redirect("reports:report_edit", pk=report.pk)
    return render(request, "reports/review_create.html", {"form": form})


def _int_or_404(value: str) -> int:
    if not value.isdigit() or len(value) > 12:
        raise Http404
    return int(value)


def _runs_context(report: Report) -> dict[str, object]:
    runs = list(selectors.report_runs(report)[:10])
    pending = selectors.report_pending_run(report)
    return {
        "report": report,
        "runs": runs,
        "pending": pending,
        "polling": pending is not None,
        "official": next((r for r in runs if r.official and r.status == RunStatus.DONE), None),
    }


def report_detail(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    report = _report(request, pk)
    can_report = access.can(request.user, Action.REPORT, report.organisation)
    context = {
        **_runs_context(report),
        "can_report": can_report,
        "figures": selectors.report_context(report),
        "next_version": Report.objects.filter(previous_version=report).first(),
        "issue_form": ReportIssueForm(initial={"dated": report.dated}) if can_report else None,
        "submission": _submission_for(report),
    }
    return render(request, "reports/report_detail.html", context)


def _submission_for(report: Report) -> Submission | None:
    """The reporting-cycle submission of the report's organisation and half-year, for a half-year
    report: the page says whether the figures it reports were sent up."""
    try:
        period = cycle.parse_cycle_period(report.period)
    except PeriodError:
        return None
    return selectors_targets.submission_of(report.organisation, period)


def period_reports(request: HttpRequest, org_pk: int, period: str) -> HttpResponse:
    """The organisation's reports of a half-year: included by htmx in the reporting-cycle page, which
    belongs to `targets` and may not import reports."""
    organisation = access.get_or_404(Organisation.objects.all(), request.user, field="", pk=org_pk)
    try:
        parsed = cycle.parse_cycle_period(period)
    except PeriodError:
        raise Http404 from None
    reports = (
        selectors.reports_for_user(request.user)
        .filter(organisation=organisation, period=parsed.code)
        .order_by("-version", "-id")
    )
    return render(request, "reports/period_reports.html", {"reports": reports, "organisation": organisation})


def report_runs(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    """The runs of a report; htmx polls this every 2 s while one is queued or running."""
    report = _report(request, pk)
    context = {
        **_runs_context(report),
        "can_report": access.can(request.user, Action.REPORT, report.organisation),
    }
    if request.htmx and not request.htmx.boosted:
        return render(request, "reports/report_detail.html#runs", context)
    return redirect("reports:report_detail", pk=report.pk)


def report_edit(request: HttpRequest, pk: int) -> HttpResponse:
    report = _report(request, pk, Action.REPORT)
    if report.is_issued:
        messages.error(
            request, _("Báo cáo đã ban hành không thể sửa. Hãy tạo phiên bản mới để ban hành lại.")
        )
        return redirect("reports:report_detail", pk=report.pk)
    narrative = _narrative_for(report)
    initial = None
    if request.method == "GET" and request.GET.get("thuyet_minh") and narrative is not None:
        # Start the written sections from the organisation's period narrative (reporting cycle).
        initial = {
            "results": narrative.results,
            "limitations": "\n\n".join(t for t in (narrative.shortcomings, narrative.causes) if t),
            "directions": narrative.directions,
        }
        messages.info(request, _("Đã điền các phần viết từ thuyết minh kỳ; kiểm tra rồi bấm Lưu."))
    form = ReportEditForm(request.POST or None, instance=report, initial=initial)
    if request.method == "POST" and form.is_valid():
        changes = {name: form.cleaned_data[name] for name in form.Meta.fields}
        try:
            # The form's instance already carries the new values; the service starts from the stored row.
            services.report_update(
                report=Report.objects.get(pk=report.pk), acting_user=request.user, **changes
            )
        except ValidationError as error:
            _errors_into(form, error)
        else:
            messages.success(request, _("Đã lưu báo cáo."))
            return redirect("reports:report_detail", pk=report.pk)
    return render(
        request, "reports/report_form.html", {"form": form, "report": report, "narrative": narrative}
    )


def _narrative_for(report: Report) -> Narrative | None:
    """The narrative the organisation wrote for the half-year of the report, if it wrote one."""
    try:
        period = cycle.parse_cycle_period(report.period)
    except PeriodError:
        return None
    found = selectors_targets.narrative_of(report.organisation, period)
    return found if found.pk else None


@require_POST
def report_issue(request: HttpRequest, pk: int) -> HttpResponse:
    report = _report(request, pk, Action.REPORT)
    form = ReportIssueForm(request.POST)
    if form.is_valid():
        try:
            services.report_issue(
                report=report,
                number=form.cleaned_data["number"],
                dated=form.cleaned_data["dated"],
                acting_user=request.user,
            )
        except ValidationError as error:
            _errors_into(form, error)
    if form.errors:
        messages.error(request, " ".join(str(e) for errors in form.errors.values() for e in errors))
    else:
        messages.success(request, _("Đã ban hành báo cáo. Hãy tạo tệp PDF chính thức."))
    return redirect("reports:report_detail", pk=report.pk)


@require_POST
def report_reissue(request: HttpRequest, pk: int) -> HttpResponse:
    report = _report(request, pk, Action.REPORT)
    try:
        copy = services.report_reissue(report=report, acting_user=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("reports:report_detail", pk=report.pk)
    messages.success(request, _("Đã tạo phiên bản %(v)s (dự thảo).") % {"v": copy.version})
    return redirect("reports:report_edit", pk=copy.pk)


@require_POST
def run_request(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    report = _report(request, pk, Action.REPORT)
    refused = ""
    pending = selectors.report_pending_run(report)
    if pending is not None:
        # The service would hand back the waiting run; say so instead of pretending a new one started.
        refused = _("Lần xuất %(n)s đang chờ hoặc đang chạy: vui lòng đợi lần này xong.") % {
            "n": pending.version
        }
    else:
        try:
            services.report_run_request(report=report, acting_user=request.user)
        except ValidationError as error:
            refused = " ".join(error.messages)
    if request.htmx and not request.htmx.boosted:
        context = {**_runs_context(report), "can_report": True, "refused": refused}
        return render(request, "reports/report_detail.html#runs", context)
    if refused:
        messages.error(request, refused)
    return redirect("reports:report_detail", pk=report.pk)


def run_download(request: HttpRequest, pk: int) -> FileResponse:
    run = access.get_or_404(
        ReportRun.objects.select_related("report__organisation"),
        request.user,
        field="report__organisation",
        pk=pk,
        status=RunStatus.DONE,
    )
    if not run.pdf:
        raise Http404
    report = run.report
    name = f"bao-cao-{report.organisation.code}-{report.period}-v{report.version}-{run.version}.pdf"
    response = FileResponse(
        run.pdf.open("rb"), as_attachment=True, filename=name, content_type="application/pdf"
    )
    response["X-Content-SHA256"] = run.sha256
    return response


def report_appendix(request: HttpRequest, pk: int) -> HttpResponse:
    report = _report(request, pk)
    response = HttpResponse(appendix_workbook(selectors.report_context(report)), content_type=XLSX)
    response["Content-Disposition"] = (
        f'attachment; filename="phu-luc-{report.organisation.code}-{report.period}-v{report.version}.xlsx"'
    )
    return response


def report_docx(request: HttpRequest, pk: int) -> HttpResponse:
    """The report as a Word file for secretaries to edit before signing: the PDF's context and text.
    Built while the request waits up to DOCX_WAIT_MAX_ROWS appendix rows (a district's, a few seconds);
    a bigger one (a province's: 27.000 task rows, about 50 s) comes with the PDF from the worker, in the
    list of runs. Anyone who may read the report may download it, as its PDF."""
    report = _report(request, pk)
    context = selectors.report_context(report)
    if len(context.targets) + len(context.tasks) > DOCX_WAIT_MAX_ROWS:
        messages.info(
            request,
            _(
                "Báo cáo có %(n)s dòng phụ lục, quá lớn để tạo bản Word ngay: bản Word được tạo cùng tệp "
                "PDF ở tiến trình nền; tải về ở bảng Tệp PDF khi xong."
            )
            % {"n": format_number(len(context.targets) + len(context.tasks))},
        )
        return redirect("reports:report_detail", pk=report.pk)
    response = HttpResponse(context_to_docx(context), content_type=DOCX)
    response["Content-Disposition"] = (
        f'attachment; filename="bao-cao-{report.organisation.code}-{report.period}-v{report.version}.docx"'
    )
    return response


def run_docx(request: HttpRequest, pk: int) -> FileResponse:
    """The Word file a finished run wrote beside its PDF; scoped as the PDF download."""
    run = access.get_or_404(
        ReportRun.objects.select_related("report__organisation"),
        request.user,
        field="report__organisation",
        pk=pk,
        status=RunStatus.DONE,
    )
    if not run.docx:
        raise Http404
    report = run.report
    name = f"bao-cao-{report.organisation.code}-{report.period}-v{report.version}-{run.version}.docx"
    return FileResponse(run.docx.open("rb"), as_attachment=True, filename=name, content_type=DOCX)


# --- meetings ---------------------------------------------------------------------------------


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
        for n, text in enumerate(selectors.conclusion_lines(meeting.conclusions), start=1)
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
    context = selectors.meeting_doc_context(meeting)
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
            services.ConclusionAssignment(
                position=f.cleaned_data["position"],
                title=f.cleaned_data["title"],
                organisation=f.cleaned_data["organisation"],
                due_on=f.cleaned_data["due_on"],
            )
            for f in formset
            if f.cleaned_data.get("take")
        ]
        try:
            tasks = services.meeting_conclusions_to_tasks(
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


def _attendees(formset: AttendeeFormSet) -> list[services.AttendeeData]:  # type: ignore[valid-type]
    return [
        services.AttendeeData(
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
        data = {name: form.cleaned_data[name] for name in services.MEETING_FIELDS}
        try:
            meeting = services.meeting_create(
                organisation=organisation, acting_user=request.user, attendees=_attendees(formset), **data
            )
        except ValidationError as error:
            _errors_into(form, error)
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
        data = {name: form.cleaned_data[name] for name in services.MEETING_FIELDS}
        try:
            services.meeting_update(
                meeting=Meeting.objects.get(pk=meeting.pk),
                acting_user=request.user,
                attendees=_attendees(formset),
                **data,
            )
        except ValidationError as error:
            _errors_into(form, error)
        else:
            messages.success(request, _("Đã lưu hội nghị."))
            return redirect("reports:meeting_detail", pk=meeting.pk)
    return render(
        request,
        "reports/meeting_form.html",
        {"picker": None, "form": form, "formset": formset, "meeting": meeting},
    )
