"""The measure beside a target's status on the pages, worded by its shape (targets.outcomes.achievement.measure_text),
the same words the report's appendix prints."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django import template
from django.conf import settings
from django.utils.translation import gettext

from core.templatetags.vn import for_language
from targets.models import Reading, Target
from targets.outcomes.achievement import as_of_words as words_as_of
from targets.outcomes.achievement import measure_text

register = template.Library()


def _shown(target: Target, *, pct: Decimal | None, measure: Decimal | None, value: Decimal | None) -> str:
    text = measure_text(
        target.shape,
        pct=pct,
        measure=measure,
        value=value,
        planned=target.planned,
        unit=target.unit,
        mode=settings.CHITIEU_ROUNDING,
        translate=gettext,
    )
    return for_language(text) if text else "—"


@register.filter
def target_measure(target: Target) -> str:
    """Of a target annotated by `rollups.with_outcome` (its latest reading at the page's cut-off)."""
    return _shown(
        target,
        pct=target.cur_pct,  # type: ignore[attr-defined]
        measure=target.cur_measure,  # type: ignore[attr-defined]
        value=target.cur_value,  # type: ignore[attr-defined]
    )


@register.filter
def reading_measure(reading: Reading, target: Target) -> str:
    """Of one reading of `target` (its history, the entry grid)."""
    return _shown(target, pct=reading.achievement_pct, measure=reading.measure, value=reading.value)


@register.filter
def as_of_words(as_of: date | None) -> str:
    """ "số liệu đến 30/6/2024" beside a figure older than the page's cut-off (targets.outcomes.achievement)."""
    return for_language(words_as_of(as_of, translate=gettext))
