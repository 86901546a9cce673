"""Display filters of the committees pages (the number and date filters live in `vn`)."""

from __future__ import annotations

from typing import Any

from django import template

from committees.models import RatingLevel
from core.people import display_name

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


@register.filter
def person(user: Any) -> str:
    """A user as pages show them: full name, else login name (core/people.py)."""
    return display_name(user)
