"""The status of an inspection follows its stage dates. Pure: no queries."""

from __future__ import annotations

from datetime import date

from django.utils.translation import gettext as _

from inspections.models import Status

# Each stage's date field and the status it reaches once dated; later stages win.
STATUS_BY_STAGE = (
    ("decided_on", Status.DECIDED),
    ("notified_on", Status.NOTIFIED),
    ("self_report_on", Status.SELF_REPORTED),
    ("sessions_from", Status.IN_SESSION),
    ("team_report_on", Status.TEAM_REPORTED),
    ("concluded_on", Status.CONCLUDED),
    ("follow_up_on", Status.FOLLOWED_UP),
)


def status_of(dates: dict[str, date | None]) -> Status:
    status = Status.PLANNED
    for field, reached in STATUS_BY_STAGE:
        if dates.get(field) is not None:
            status = reached
    return status


def order_problems(dates: dict[str, date | None]) -> dict[str, str]:
    """Stages dated before an earlier one: {field: message}. The procedure runs in this order."""
    problems: dict[str, str] = {}
    ordered = [*(f for f, _s in STATUS_BY_STAGE[:4]), "sessions_to", *(f for f, _s in STATUS_BY_STAGE[4:])]
    latest: tuple[str, date] | None = None
    for field in ordered:
        value = dates.get(field)
        if value is None:
            continue
        if latest is not None and value < latest[1]:
            problems[field] = _("Ngày này không được trước ngày của bước trước đó.")
        else:
            latest = (field, value)
    return problems
