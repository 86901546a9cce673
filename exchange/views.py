"""Pages of the exchange workbook: upload and import, download the template and exports."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from committees import access
from committees.access import Action
from core.http import HtmxHttpRequest
from exchange import selectors, services
from exchange.forms import ExportForm, UploadForm
from exchange.models import ImportStatus
from exchange.workbook import MAX_BYTES, WorkbookError, export_workbook, template_workbook

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def workbook_page(request: HttpRequest) -> HttpResponse:
    can_import = access.organisations(request.user, Action.ENTER).exists()
    upload = UploadForm(request.POST or None, request.FILES or None)
    export = ExportForm(request.GET or None)
    export.fields["organisation"].queryset = access.organisations(request.user)  # type: ignore[attr-defined]
    error = None
    if request.method == "POST":
        if not can_import:
            return render(request, "committees/no_role.html", status=404)
        if upload.is_valid():
            uploaded = upload.cleaned_data["file"]
            if uploaded.size > MAX_BYTES:
                error = _("Tệp quá lớn: tối đa %(mb)s MB.") % {"mb": MAX_BYTES // 1024 // 1024}
            else:
                # Reading and checking the rows is a worker's job: a large or hostile file never holds
                # a web worker (issue 19, finding 2). Only what is refused at once is refused here.
                try:
                    run = services.import_run_request(upload=uploaded, acting_user=request.user)
                except WorkbookError as exc:
                    error = exc.message
                else:
                    return redirect("exchange:import_run", pk=run.pk)
    return render(
        request,
        "exchange/workbook.html",
        {
            "upload": upload,
            "export": export,
            "error": error,
            "can_import": can_import,
            "runs": selectors.import_runs(request.user)[:5] if can_import else [],
        },
    )


def import_run(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    """One import: its progress while it runs (htmx polls this every second), then its result or its
    errors. Only its uploader (and a superuser) finds it; anyone else gets 404."""
    run = get_object_or_404(selectors.import_runs(request.user), pk=pk)
    context = {"run": run, "polling": run.status in (ImportStatus.QUEUED, ImportStatus.RUNNING)}
    if request.htmx and not request.htmx.boosted:
        return render(request, "exchange/import_run.html#status", context)
    return render(request, "exchange/import_run.html", context)


def workbook_template(request: HttpRequest) -> HttpResponse:
    response = HttpResponse(template_workbook(), content_type=XLSX)
    response["Content-Disposition"] = 'attachment; filename="mau-trao-doi-chi-tieu.xlsx"'
    return response


def workbook_export(request: HttpRequest) -> HttpResponse:
    form = ExportForm(request.GET)
    form.fields["organisation"].queryset = access.organisations(request.user)  # type: ignore[attr-defined]
    if not form.is_valid():
        return render(
            request,
            "exchange/workbook.html",
            {"upload": UploadForm(), "export": form, "error": None, "can_import": False},
            status=400,
        )
    organisation = form.cleaned_data["organisation"]
    cut_off = form.cleaned_data["cut_off"] or timezone.localdate()
    response = HttpResponse(export_workbook(organisation=organisation, cut_off=cut_off), content_type=XLSX)
    response["Content-Disposition"] = (
        f'attachment; filename="chi-tieu-{organisation.code}-{cut_off:%Y%m%d}.xlsx"'
    )
    return response
