"""The measure beside a target's status on the pages, worded by its shape (targets.outcomes.achievement.measure_text),
the same words the report's appendix prints."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from django import template
from django.conf import settings
from django.urls import reverse
from django.utils.html import conditional_escape, escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

from core.templatetags.vn import for_language, status_label, vn_number
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


@register.simple_tag
def dashboard_target_rows(targets: list[Target], period_code: str) -> SafeString:
    """The rows of the dashboard's table of the organisation's own targets, written in one pass: the same
    markup as a `{% for %}` of cells, which took about half of the dashboard's time when every view comes
    after a save (50 users saving, issue 24): ten lookups and filters per cell through the template engine."""
    detail = reverse("targets:target_detail", args=[0])
    head, tail = detail.rsplit("/0/", 1)
    estimate = f' <span class="muted small">({escape(gettext("ước"))})</span>'
    yes_no = (escape(gettext("Đạt")), escape(gettext("Chưa đạt")))
    rows = []
    for counter, t in enumerate(targets, 1):
        other = "" if t.period == period_code else f' <span class="muted small">({escape(t.period)})</span>'
        planned: str
        if t.planned_low is not None:
            planned = f"{escape(vn_number(t.planned_low))}–{escape(vn_number(t.planned_high))}"
        else:
            planned = escape(vn_number(t.planned))
        if t.shape == "rank" and t.rank_out_of:
            planned += f"/{escape(t.rank_out_of)}"
        value: Any = t.cur_value  # type: ignore[attr-defined]
        done: Any = t.cur_done  # type: ignore[attr-defined]
        shown: str
        if value is not None:
            shown = escape(vn_number(value))
        elif done is not None:
            shown = yes_no[0] if done else yes_no[1]
        else:
            shown = "—"
        if t.cur_kind == "estimate":  # type: ignore[attr-defined]
            shown += estimate
        status = t.cur_status  # type: ignore[attr-defined]
        as_of = t.cur_as_of  # type: ignore[attr-defined]
        stale = f' <span class="muted small as-of">({escape(as_of_words(as_of))})</span>' if as_of else ""
        rows.append(
            f"      <tr>\n        <td>{counter}</td>\n"
            f'        <td><a href="{head}/{t.pk}/{tail}">{escape(t.title)}</a>{other}</td>\n'
            f"        <td>{escape(t.unit)}</td>\n"
            f'        <td class="num">{planned}</td>\n'
            f'        <td class="num">{shown}</td>\n'
            f'        <td class="num">{conditional_escape(target_measure(t))}</td>\n'
            f'        <td class="num">{escape(vn_number(t.last_year_value))}</td>\n'  # type: ignore[attr-defined]
            f'        <td><span class="badge {escape(status)}">{escape(status_label(status))}</span>{stale}</td>\n'
            "      </tr>"
        )
    return mark_safe("\n".join(rows))  # every value above is escaped
