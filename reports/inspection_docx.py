"""The conclusion notice as a Word document (.docx), from the same context as its PDF, so that the office
can edit the wording before signing. Party layout as far as Word allows: A4, the configured margins,
Times New Roman 14 pt, the masthead in a borderless two-column table."""

from __future__ import annotations

import io

from django.conf import settings
from docx import Document as WordDocument
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Mm, Pt

from committees.vn import format_date
from reports.inspection_pdf import ConclusionContext

FONT = "Times New Roman"


def _paragraph(doc, text: str, *, bold: bool = False, italic: bool = False, size: int = 14,  # type: ignore[no-untyped-def]
               align=WD_ALIGN_PARAGRAPH.JUSTIFY, indent: bool = True, cell=None):  # fmt: skip
    paragraph = (cell or doc).add_paragraph()
    paragraph.alignment = align
    if indent and align == WD_ALIGN_PARAGRAPH.JUSTIFY:
        paragraph.paragraph_format.first_line_indent = Mm(10)
    run = paragraph.add_run(text)
    run.bold, run.italic, run.font.size, run.font.name = bold, italic, Pt(size), FONT
    return paragraph


def conclusion_docx(c: ConclusionContext) -> bytes:
    doc = WordDocument()
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    top, right, bottom, left = settings.CHITIEU_REPORT_MARGINS_MM
    section.top_margin, section.right_margin = Mm(top), Mm(right)
    section.bottom_margin, section.left_margin = Mm(bottom), Mm(left)
    doc.styles["Normal"].font.name = FONT
    doc.styles["Normal"].font.size = Pt(14)
    center = WD_ALIGN_PARAGRAPH.CENTER
    masthead = doc.add_table(rows=1, cols=2)
    left_cell, right_cell = masthead.rows[0].cells
    left_cell.paragraphs[0].text = ""
    _paragraph(doc, c.issuer_upper, size=13, align=center, cell=left_cell)
    _paragraph(doc, c.issuer_lower, bold=True, size=13, align=center, cell=left_cell)
    _paragraph(doc, "*", align=center, cell=left_cell)
    _paragraph(doc, c.number_line, align=center, cell=left_cell)
    _paragraph(doc, "ĐẢNG CỘNG SẢN VIỆT NAM", bold=True, size=15, align=center, cell=right_cell).runs[
        0
    ].underline = True
    _paragraph(doc, c.date_line, italic=True, align=center, cell=right_cell)
    inspection = c.inspection
    _paragraph(doc, "THÔNG BÁO", bold=True, size=16, align=center)
    kind = "kết luận kiểm tra" if inspection.mode == "inspection" else "kết luận giám sát"
    _paragraph(doc, f"{kind} {inspection.title}", bold=True, align=center)
    _paragraph(doc, "-----", align=center)
    _paragraph(doc, c.intro)
    sections = [("Ưu điểm, kết quả", inspection.results), ("Hạn chế, khuyết điểm", inspection.shortcomings)]
    if inspection.violations:
        sections.append(("Vi phạm", inspection.violations))
    for number, (heading, text) in enumerate(sections, start=1):
        _paragraph(doc, f"{number}. {heading}", bold=True)
        for line in [line.strip() for line in text.splitlines() if line.strip()] or ["…"]:
            _paragraph(doc, line)
    _paragraph(doc, f"{len(sections) + 1}. Kiến nghị, yêu cầu", bold=True)
    for index, task in enumerate(c.recommendations, start=1):
        due = f"thời hạn: {format_date(task.due_on)}" if task.due_on else "thực hiện thường xuyên"
        who = task.organisation.committee_name or task.organisation.name
        end = "." if index == len(c.recommendations) else ";"
        _paragraph(doc, f"{len(sections) + 1}.{index}. {who}: {task.title} ({due}){end}")
    if not c.recommendations:
        _paragraph(doc, "Không có kiến nghị.")
    closing = doc.add_table(rows=1, cols=2)
    recipients, signature = closing.rows[0].cells
    recipients.paragraphs[0].text = ""
    head = _paragraph(doc, "Nơi nhận:", bold=True, italic=True, size=12, align=WD_ALIGN_PARAGRAPH.LEFT,
                      cell=recipients)  # fmt: skip
    head.runs[0].underline = True
    for line in c.recipients:
        _paragraph(doc, f"- {line}", size=12, align=WD_ALIGN_PARAGRAPH.LEFT, cell=recipients)
    _paragraph(doc, c.authority, bold=True, align=center, cell=signature)
    _paragraph(doc, c.signer_title, bold=True, align=center, cell=signature)
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()
