"""Every write to meetings and reports goes through here, and each writes its audit row."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from django.db import transaction

from committees.audit import audit_record, snapshot
from committees.models import Organisation, Term
from reports.models import Meeting

if TYPE_CHECKING:
    from committees.access import AnyUser


# --- Meetings (added for the demo data; kept at the end so that merges stay easy) -------------------


@transaction.atomic
def meeting_create(
    *,
    organisation: Organisation,
    held_on: date,
    term: Term | None = None,
    number: int | None = None,
    extended: bool = False,
    place: str = "",
    chair: str = "",
    agenda: str = "",
    conclusions: str = "",
    acting_user: AnyUser | None,
) -> Meeting:
    """Record a conference (hội nghị) of an organisation's committee."""
    meeting = Meeting(
        organisation=organisation,
        term=term,
        number=number,
        extended=extended,
        held_on=held_on,
        place=place,
        chair=chair,
        agenda=agenda,
        conclusions=conclusions,
    )
    meeting.full_clean()
    meeting.save()
    audit_record(
        acting_user=acting_user,
        action="meeting.create",
        obj=meeting,
        organisation=organisation,
        after=snapshot(meeting),
    )
    return meeting
