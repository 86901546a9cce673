"""Pages of the exchange workbook: upload and import, download the template and exports."""

from __future__ import annotations

from django import forms
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from committees import access
from committees.access import Action
from committees.fields import VnDateField
from committees.models import Organisation
from committees.widgets import OrganisationSelect
from reports.workbook import MAX_BYTES, WorkbookError, export_workbook, import_workbook, template_workbook

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class UploadForm(forms.Form):
    file = forms.FileField(label=_("Tệp Excel (.xlsx)"))


class ExportForm(forms.Form):
    organisation = forms.ModelChoiceField(
        label=_("Tổ chức (cả cấp dưới)"), queryset=Organisation.objects.none(), widget=OrganisationSelect
    )
    cut_off = VnDateField(label=_("Số liệu tính đến ngày"), required=False)


def workbook_page(request: HttpRequest) -> HttpResponse:
    can_import = access.organisations(request.user, Action.ENTER).exists()
    upload = UploadForm(request.POST or None, request.FILES or None)
    export = ExportForm(request.GET or None)
    export.fields["organisation"].queryset = access.organisations(request.user)  # type: ignore[attr-defined]
    result = None
    error = None
    if request.method == "POST":
        if not can_import:
            return render(request, "committees/no_role.html", status=404)
        if upload.is_valid():
            uploaded = upload.cleaned_data["file"]
            if uploaded.size > MAX_BYTES:
                error = _("Tệp quá lớn: tối đa %(mb)s MB.") % {"mb": MAX_BYTES // 1024 // 1024}
            else:
                try:
                    result = import_workbook(uploaded, acting_user=request.user, size=uploaded.size)
                except WorkbookError as exc:
                    error = exc.message
    return render(
        request,
        "reports/workbook.html",
        {"upload": upload, "export": export, "result": result, "error": error, "can_import": can_import},
    )


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
            "reports/workbook.html",
            {"upload": UploadForm(), "export": form, "result": None, "error": None, "can_import": False},
            status=400,
        )
    organisation = form.cleaned_data["organisation"]
    cut_off = form.cleaned_data["cut_off"] or timezone.localdate()
    response = HttpResponse(export_workbook(organisation=organisation, cut_off=cut_off), content_type=XLSX)
    response["Content-Disposition"] = (
        f'attachment; filename="chi-tieu-{organisation.code}-{cut_off:%Y%m%d}.xlsx"'
    )
    return response
