"""Small filters of the report pages."""

from __future__ import annotations

from django import template

from reports.models import RunStatus

register = template.Library()


@register.filter
def run_status_label(status: str) -> str:
    try:
        return str(RunStatus(status).label)
    except ValueError:
        return status
