"""Display filters of the committees pages (the number and date filters live in `vn`)."""

from __future__ import annotations

from django import template

from committees.models import RatingLevel

register = template.Library()


@register.filter
def rating_label(level: str | None) -> str:
    """ "httnv" → "Hoàn thành tốt nhiệm vụ", for levels read by annotation rather than from a model field."""
    if not level:
        return ""
    try:
        return str(RatingLevel(level).label)
    except ValueError:
        return level
