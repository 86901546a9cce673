"""The heading every report prints (issuer, number, place and date) and how a report cites a document."""

from __future__ import annotations

from committees.models import Organisation
from core.vn import blank_date_line, format_date, format_date_line
from reports.models import Report
from resolutions.models import Document
from resolutions.number_codes import type_name
from targets.periods import Period, parse_period


def document_reference(document: Document) -> str:
    """ "Chỉ thị số 32-CT/TU ngày 21/3/2024 của Ban Thường vụ Thành ủy về …", as reports cite it."""
    word = type_name(document.type_code, document.system)
    if not word and "/QH" in document.canonical_number:
        word = "Nghị quyết"
    parts = [f"{word} số {document.canonical_number}".strip() if document.canonical_number else word]
    if document.issued_on:
        parts.append(f"ngày {format_date(document.issued_on)}")
    issuer = document.issuer_name or (
        document.issuer_organisation.committee_name if document.issuer_organisation else ""
    )
    if issuer:
        parts.append(f"của {issuer}")
    parts.append(document.title)
    return " ".join(p for p in parts if p)


def report_period(report: Report) -> Period:
    return parse_period(report.period)


def number_line(report: Report) -> str:
    """ "Số 15-BC/ĐU" once issued; a draft leaves the number blank: "Số      -BC/ĐU"."""
    if report.number:
        return f"Số {report.number}"
    issuer = report.organisation.issuer_code or "ĐU"
    return f"Số \u00a0\u00a0\u00a0\u00a0\u00a0\u00a0-BC/{issuer}"


def date_line(report: Report) -> str:
    place = report.place or report.organisation.place_name
    if report.dated is not None:
        return format_date_line(report.dated, place)
    return blank_date_line(report_period(report).end.year, place)


def issuer_lines(organisation: Organisation) -> tuple[str, str]:
    """The two levels of the issuer block: the superior Party organisation, then the issuing committee."""
    own = organisation.committee_name or organisation.name
    upper = organisation.parent.name if organisation.parent is not None else organisation.name
    return upper.upper(), own.upper()
