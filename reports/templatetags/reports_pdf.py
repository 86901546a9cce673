"""Filters of the PDF documents: paragraphs of written text, period wording, the masthead's lines, the Nơi
nhận list."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from django import template
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from committees.models import CELL_KINDS
from core.vn import format_date, format_date_line
from reports import masthead
from targets.periods import Period, PeriodKind, parse_period

if TYPE_CHECKING:
    from reports.context import ReportContext

register = template.Library()


@register.simple_tag
def paragraphs(text: str) -> SafeString:
    """Written text as paragraphs, one per line; escaped, since people type it in the browser."""
    lines = [line.strip() for line in (text or "").splitlines() if line.strip()]
    if not lines:
        return format_html('<p class="blank">{}</p>', "…")
    return format_html_join("\n", "<p>{}</p>", ((line,) for line in lines))


@register.filter
def next_half_label(period: Period) -> str:
    """What section II plans for: the rest of the year after a half or nine months, else the next period."""
    if period.kind is PeriodKind.HALF and period.start.month == 1:
        return _("6 tháng cuối năm %(y)s") % {"y": period.year}
    if period.kind is PeriodKind.NINE_MONTHS:
        return _("quý IV/%(y)s") % {"y": period.year}
    if period.kind is PeriodKind.TERM:
        length = period.end.year - period.start.year
        return parse_period(f"{period.end.year}-{period.end.year + length}").label()
    if period.kind is PeriodKind.HALF or period.kind is PeriodKind.YEAR:
        return _("năm %(y)s") % {"y": period.end.year + 1}
    return _("thời gian tới")


@register.filter
def actual_header(period: Period) -> str:
    if period.kind is PeriodKind.HALF:
        return _("Thực hiện 6 tháng")
    if period.kind is PeriodKind.NINE_MONTHS:
        return _("Thực hiện 9 tháng")
    if period.kind is PeriodKind.YEAR:
        return _("Thực hiện năm")
    return _("Thực hiện")


# The last rows of an appendix table go to a page together: a page never carries two or three lone rows.
TAIL_ROWS = 6


@register.filter
def keep_tail(rows: list[Any]) -> tuple[list[Any], list[Any]]:
    """The rows before the table's tail and the tail (its last TAIL_ROWS rows), which the stylesheet keeps
    on one page (`tbody.tail { break-inside: avoid }`)."""
    split = max(len(rows) - TAIL_ROWS, 0)
    return rows[:split], rows[split:]


@register.filter
def vn_date_or_blank(day: date | None) -> str:
    if day is None:
        return "\u00a0" * 4 + "/" + "\u00a0" * 4 + "/"
    return format_date(day)  # "5/7/2024", as every other date of the report but the first page's line


@register.filter
def recipient_lines(context: ReportContext) -> list[str]:
    """Nơi nhận, each line without its dash; the archive copy ends the list ("Lưu Văn phòng Đảng ủy.")."""
    lines = [line.lstrip("-–+ ").rstrip(",;") for line in context.recipients]
    lines = [line for line in lines if line]
    if not any(line.lower().startswith("lưu") for line in lines):
        lines.append("Lưu Chi bộ." if context.organisation.kind in CELL_KINDS else "Lưu Văn phòng Đảng ủy.")
    body = [f"{line}," if not line.endswith((",", ".", ";")) else line for line in lines[:-1]]
    last = lines[-1] if lines[-1].endswith(".") else lines[-1] + "."
    return [*body, last]


@register.filter
def masthead_lines(text: str, level: str) -> list[str]:
    """The issuer block's "upper" or "lower" level as the masthead of every PDF prints it
    (templates/reports/pdf/_masthead.html)."""
    if level not in ("upper", "lower"):
        raise ValueError(f"masthead_lines takes 'upper' or 'lower', not {level!r}")
    return masthead.issuer_level_lines(text, lower=level == "lower")


@register.filter
def vn_date_line(day: date | None) -> str:
    """ "ngày 05 tháng 7 năm 2024", as the first line of a document writes a date."""
    return format_date_line(day) if day is not None else ""
