"""The minutes (biên bản) and the conclusion notice of a meeting as Word files, for the secretary to edit
before signing. Read from the very HTML their PDFs are printed from (reports/pdf.py::render_meeting_html),
by the reader of the reports (reports/docx_report.py) and laid out by the one builder (reports/docx.py):
the two files hold the same text and cannot disagree."""

from __future__ import annotations

from reports.docx import build_docx
from reports.docx_report import party_document_from_html
from reports.models import Meeting
from reports.pdf import render_meeting_html


def render_meeting_docx(meeting: Meeting, which: str) -> bytes:
    """`which` is "bien-ban" (minutes) or "thong-bao" (conclusion notice), as for the PDF."""
    return build_docx(party_document_from_html(render_meeting_html(meeting, which)))
