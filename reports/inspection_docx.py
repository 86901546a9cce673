"""The conclusion notice as a Word document (.docx), so that the office can edit the wording before
signing: read from the very HTML its PDF is printed from (reports/docx_report.py), so the two files say the
same, character for character, and laid out by the one Party-document builder (reports/docx.py)."""

from __future__ import annotations

from reports.docx import build_docx
from reports.docx_report import party_document_from_html
from reports.inspection_pdf import ConclusionContext, render_conclusion_html


def conclusion_docx(c: ConclusionContext) -> bytes:
    return build_docx(party_document_from_html(render_conclusion_html(c)))
