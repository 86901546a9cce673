"""Pages of reports and meetings. Who may do what is decided in committees.access: reading needs VIEW
on the organisation, writing needs REPORT (secretaries and admins); anything out of scope is a 404."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.forms import BaseForm
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from committees import access
from committees.access import Action
from committees.http import HtmxHttpRequest
from committees.models import Organisation
from reports import selectors, services
from reports.forms import (
    AttendeeFormSet,
    MeetingForm,
    MeetingOrganisationForm,
    ReportCreateForm,
    ReportEditForm,
    ReportIssueForm,
)
from reports.models import Meeting, Report, ReportRun, RunStatus
from reports.xlsx import appendix_workbook
from targets import cycle
from targets import selectors as selectors_targets
from targets.models import Narrative, Submission
from targets.periods import PeriodError

ROWS_PER_PAGE = 50

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _errors_into(form: BaseForm, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, errors in error.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error.messages)


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


def report_create(request: HttpRequest) -> HttpResponse:
    organisations = access.organisations(request.user, Action.REPORT).filter(valid_to__isnull=True)
    if not organisations.exists():
        raise Http404
    form = ReportCreateForm(request.POST or None, organisations=organisations)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            report = services.report_create(
                organisation=data["organisation"],
                kind=data["kind"],
                period=data["period"],
                cut_off=data["cut_off"],
                acting_user=request.user,
            )
        except ValidationError as error:
            _errors_into(form, error)
        else:
            messages.success(request, _("Đã tạo dự thảo báo cáo."))
            return redirect("reports:report_edit", pk=report.pk)
    return render(request, "reports/report_create.html", {"form": form})


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


# --- meetings ---------------------------------------------------------------------------------


def meeting_list(request: HttpRequest) -> HttpResponse:
    meetings = selectors.meetings_for_user(request.user).order_by("-held_on", "-id")
    return render(
        request,
        "reports/meeting_list.html",
        {
            "page": Paginator(meetings, ROWS_PER_PAGE).get_page(request.GET.get("page")),
            "query": "",
            "can_report": access.organisations(request.user, Action.REPORT).exists(),
        },
    )


def meeting_detail(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = access.get_or_404(selectors.meetings_for_user(request.user), request.user, pk=pk)
    return render(
        request,
        "reports/meeting_detail.html",
        {
            "meeting": meeting,
            "attendees": list(meeting.attendees.all()),
            "reports": list(meeting.reports.order_by("-cut_off")),
            "can_report": access.can(request.user, Action.REPORT, meeting.organisation),
        },
    )


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
