"""Vietnamese display filters: numbers "23.000", percentages "66,67%", dates "21/3/2024", Roman numerals."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from django import template
from django.conf import settings
from django.utils.translation import get_language, gettext_lazy

from core import vn

register = template.Library()


def _english() -> bool:
    return (get_language() or "vi").startswith("en")


def for_language(text: str) -> str:
    """A text of Vietnamese-formatted numbers ("1.885,4") with the separators of the page's language."""
    if _english():
        return text.replace(".", "\0").replace(",", ".").replace("\0", ",")
    return text


@register.filter
def vn_number(value: Any, places: int = 2) -> str:
    if value is None or value == "":
        return "—"
    text = vn.format_number(Decimal(value), places)
    if _english():
        return text.replace(".", "\0").replace(",", ".").replace("\0", ",")
    return text


@register.filter
def vn_percent(value: Any, mode: str = "") -> str:
    if value is None or value == "":
        return "—"
    text = vn.format_percent(Decimal(value), mode or settings.CHITIEU_ROUNDING)
    if _english():
        return text.replace(".", "\0").replace(",", ".").replace("\0", ",")
    return text


@register.filter
def vn_date(value: date | None) -> str:
    return vn.format_date(value) if value else "—"


@register.filter
def roman(value: int | None) -> str:
    return vn.to_roman(int(value)) if value else ""


_STATUS_LABELS = {
    "exceeded": gettext_lazy("Vượt"),
    "met": gettext_lazy("Đạt"),
    "not_met": gettext_lazy("Chưa đạt"),
    "on_track": gettext_lazy("Đúng tiến độ"),
    "behind": gettext_lazy("Chậm tiến độ"),
    "no_data": gettext_lazy("Chưa có số liệu"),
}


@register.filter
def status_label(status: str) -> str:
    # Only the status shown is translated: a dashboard or grid shows it for every row.
    label = _STATUS_LABELS.get(status or "no_data")
    return status if label is None else str(label)
