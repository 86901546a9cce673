"""Pages of reports/ about inspections: the conclusion notice as PDF (inspections cannot import reports)."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.http import content_disposition_header

from inspections import selectors as inspection_selectors
from reports.inspection_docx import conclusion_docx as word_document
from reports.inspection_pdf import conclusion_context, render_conclusion_pdf


def conclusion_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    """Whoever may see the inspection gets its notice, with the recommendations they may see."""
    inspection = get_object_or_404(
        inspection_selectors.inspections_for_user(request.user).select_related("organisation__parent"), pk=pk
    )
    if inspection.conclusion is None:
        raise Http404
    pdf = render_conclusion_pdf(
        inspection, inspection_selectors.recommendations(inspection, user=request.user)
    )
    number = inspection.conclusion.canonical_number.replace("/", "-") or str(inspection.pk)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = (
        content_disposition_header(False, f"thong-bao-ket-luan-{number}.pdf") or ""
    )
    return response


DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def conclusion_docx(request: HttpRequest, pk: int) -> HttpResponse:
    """The same notice as a Word document, for the office to edit before signing."""
    inspection = get_object_or_404(
        inspection_selectors.inspections_for_user(request.user).select_related("organisation__parent"), pk=pk
    )
    if inspection.conclusion is None:
        raise Http404
    context = conclusion_context(
        inspection, inspection_selectors.recommendations(inspection, user=request.user)
    )
    number = inspection.conclusion.canonical_number.replace("/", "-") or str(inspection.pk)
    response = HttpResponse(word_document(context), content_type=DOCX)
    response["Content-Disposition"] = (
        content_disposition_header(True, f"thong-bao-ket-luan-{number}.docx") or ""
    )
    return response
