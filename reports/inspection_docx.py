"""The conclusion notice as a Word document (.docx), from the same context as its PDF, so that the office
can edit the wording before signing. Laid out by the one Party-document builder (reports/docx.py), as the
reports, minutes and notices are."""

from __future__ import annotations

from core.vn import format_date
from reports.docx import Closing, Heading, Masthead, Paragraph, PartyDocument, Signature, Style, build_docx
from reports.inspection_pdf import ConclusionContext


def conclusion_docx(c: ConclusionContext) -> bytes:
    inspection = c.inspection
    sections = [("Ưu điểm, kết quả", inspection.results), ("Hạn chế, khuyết điểm", inspection.shortcomings)]
    if inspection.violations:
        sections.append(("Vi phạm", inspection.violations))
    body: list[Heading | Paragraph] = [Paragraph(c.intro)]
    for number, (heading, text) in enumerate(sections, start=1):
        body.append(Heading(f"{number}. {heading}", level=2))
        body += [Paragraph(line) for line in [t.strip() for t in text.splitlines() if t.strip()] or ["…"]]
    body.append(Heading(f"{len(sections) + 1}. Kiến nghị, yêu cầu", level=2))
    for index, task in enumerate(c.recommendations, start=1):
        due = f"thời hạn: {format_date(task.due_on)}" if task.due_on else "thực hiện thường xuyên"
        who = task.organisation.committee_name or task.organisation.name
        end = "." if index == len(c.recommendations) else ";"
        body.append(Paragraph(f"{len(sections) + 1}.{index}. {who}: {task.title} ({due}){end}"))
    if not c.recommendations:
        body.append(Paragraph("Không có kiến nghị.", style=Style.BODY))
    kind = "kết luận kiểm tra" if inspection.mode == "inspection" else "kết luận giám sát"
    return build_docx(
        PartyDocument(
            masthead=Masthead(
                upper=c.issuer_upper, lower=c.issuer_lower, number=c.number_line, date_line=c.date_line
            ),
            kind="THÔNG BÁO",
            subject=f"{kind} {inspection.title}",
            body=body,
            closing=Closing(
                recipients=[f"- {line}" for line in c.recipients],
                signatures=[Signature(c.authority, c.signer_title)],
            ),
            title=f"Thông báo {kind} {inspection.title}",
            author=c.issuer_lower,
        )
    )
