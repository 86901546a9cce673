"""The conclusion notice (Thông báo kết luận) of an inspection as an A4 PDF in the Party layout.

inspections/ is left of reports/, so the rendering lives here and reuses the report's machinery
(reports/pdf.py: the shipped fonts, the local-only fetcher, WeasyPrint) and its stylesheet. The notice is
one or two pages: it is rendered in the request, not by the worker.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation

from core.vn import format_date, format_date_line
from inspections.models import Body, Inspection, Subject, TeamMember
from reports.heading import document_reference, issuer_lines
from reports.pdf import FONT_DIR, html_to_pdf
from resolutions.models import Task

if TYPE_CHECKING:
    from django.db.models import QuerySet


@dataclass(frozen=True)
class ConclusionContext:
    inspection: Inspection
    issuer_upper: str
    issuer_lower: str
    number_line: str
    date_line: str
    intro: str
    recommendations: list[Task]
    recipients: list[str]
    authority: str
    signer_title: str


def _intro(inspection: Inspection, subjects: list[Subject], lead: TeamMember | None) -> str:
    committee = inspection.organisation.committee_name or inspection.organisation.name
    parts = []
    if inspection.decision is not None:
        parts.append(f"Thực hiện {document_reference(inspection.decision)},")
    team = "Đoàn kiểm tra" if inspection.mode == "inspection" else "Đoàn giám sát"
    if lead is not None:
        team += (
            f" do đồng chí {lead.display_name}"
            + (f", {lead.title}," if lead.title else "")
            + " làm Trưởng đoàn"
        )
    verb = "đã kiểm tra" if inspection.mode == "inspection" else "đã giám sát"
    names = ", ".join(s.member.full_name if s.member else s.organisation.name for s in subjects) or "…"
    window = ""
    if inspection.window_from and inspection.window_to:
        window = f" (thời kỳ từ ngày {format_date(inspection.window_from)} đến ngày {format_date(inspection.window_to)})"
    sessions = ""
    if inspection.sessions_from:
        sessions = f" Đoàn làm việc từ ngày {format_date(inspection.sessions_from)}" + (
            f" đến ngày {format_date(inspection.sessions_to)}." if inspection.sessions_to else "."
        )
    body = {Body.STANDING: f"Ban Thường vụ {committee}", Body.COMMISSION: f"Ủy ban Kiểm tra {committee}"}.get(
        inspection.body,
        committee,  # type: ignore[call-overload]
    )
    text = f"{' '.join(parts)} {team} {verb} {names} về {inspection.title}{window}.{sessions}".strip()
    return f"{text} Trên cơ sở báo cáo của Đoàn, {body} kết luận như sau:"


def conclusion_context(inspection: Inspection, recommendations: QuerySet[Task]) -> ConclusionContext:
    notice = inspection.conclusion
    assert notice is not None
    organisation = inspection.organisation
    upper, lower = issuer_lines(organisation)
    subjects = list(inspection.subjects.select_related("organisation", "member"))
    lead = inspection.team.select_related("member").filter(role="lead").first()
    place = organisation.place_name
    authority, title = {
        Body.COMMISSION: ("T/M ỦY BAN KIỂM TRA", "CHỦ NHIỆM"),
        Body.STANDING: ("T/M BAN THƯỜNG VỤ", "BÍ THƯ"),
    }.get(
        inspection.body, ("T/M BAN THƯỜNG VỤ" if organisation.parent_id is None else "T/M ĐẢNG ỦY", "BÍ THƯ")
    )  # type: ignore[call-overload]
    recipients = [
        *dict.fromkeys(s.organisation.committee_name or s.organisation.name for s in subjects),
        "Thành viên Đoàn kiểm tra",
        "Lưu Văn phòng.",
    ]
    return ConclusionContext(
        inspection=inspection,
        issuer_upper=upper,
        issuer_lower=lower,
        number_line=f"Số {notice.canonical_number}",
        date_line=format_date_line(notice.issued_on, place) if notice.issued_on else "",
        intro=_intro(inspection, subjects, lead),
        recommendations=list(recommendations),
        recipients=recipients,
        authority=authority,
        signer_title=title,
    )


def render_conclusion_html(context: ConclusionContext) -> str:
    with translation.override("vi"):
        return render_to_string(
            "reports/pdf/conclusion.html",
            {"c": context, "fonts": FONT_DIR.as_uri(), "margins": settings.CHITIEU_REPORT_MARGINS_MM},
        )


def render_conclusion_pdf(inspection: Inspection, recommendations: QuerySet[Task]) -> bytes:
    return html_to_pdf(render_conclusion_html(conclusion_context(inspection, recommendations)))
