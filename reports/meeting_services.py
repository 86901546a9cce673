"""Every write to meetings (their attendees, and the tasks made from their conclusions), each with its audit row."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from committees.audit import audit_record, snapshot
from committees.models import Organisation
from reports.meeting_docs import conclusion_lines, notice_title
from reports.models import MEETING_FIELDS, ConclusionTask, Meeting, MeetingAttendee, Report
from resolutions.models import Document, Task
from resolutions.numbering import parse_number
from resolutions.services import document_create, task_create

if TYPE_CHECKING:
    from committees.access import AnyUser


@dataclass(frozen=True)
class AttendeeData:
    name: str
    title: str = ""
    invited: bool = False


def _check_meeting(meeting: Meeting) -> None:
    """The term must be the organisation's; the notice number must read as a Party notice of its issuer
    ("125-TB/TU"), stored in its canonical form."""
    if meeting.term is not None and meeting.term.organisation_id != meeting.organisation_id:
        raise ValidationError({"term": _("Nhiệm kỳ không thuộc tổ chức này.")})
    if not meeting.notice_number:
        return
    parsed = parse_number(meeting.notice_number)
    if not parsed.is_usable or parsed.system != "party" or parsed.type_code != "TB" or not parsed.number:
        raise ValidationError({"notice_number": _("Số thông báo kết luận phải có dạng 125-TB/TU.")})
    issuer = meeting.organisation.issuer_code
    if issuer and parsed.issuers and parsed.issuers[-1] != issuer:
        raise ValidationError(
            {"notice_number": _("Ký hiệu cơ quan ban hành phải là %(issuer)s.") % {"issuer": issuer}}
        )
    meeting.notice_number = parsed.canonical or meeting.notice_number


def _save_attendees(meeting: Meeting, attendees: list[AttendeeData]) -> None:
    meeting.attendees.all().delete()
    MeetingAttendee.objects.bulk_create(
        MeetingAttendee(meeting=meeting, name=a.name, title=a.title, invited=a.invited, position=i)
        for i, a in enumerate(attendees, start=1)
        if a.name.strip()
    )


def _attendee_snapshot(attendees: list[AttendeeData]) -> list[dict[str, Any]]:
    return [{"name": a.name, "title": a.title, "invited": a.invited} for a in attendees]


@transaction.atomic
def meeting_create(
    *,
    organisation: Organisation,
    held_on: date,
    acting_user: AnyUser | None,
    attendees: list[AttendeeData] | None = None,
    reports: list[Report] | None = None,
    **fields: Any,
) -> Meeting:
    unknown = set(fields) - set(MEETING_FIELDS)
    if unknown:
        raise TypeError(f"meeting_create cannot set {sorted(unknown)}")
    meeting = Meeting(organisation=organisation, held_on=held_on, **fields)
    _check_meeting(meeting)
    meeting.full_clean()
    meeting.save()
    _save_attendees(meeting, attendees or [])
    if reports is not None:
        meeting.reports.set(reports)
    audit_record(
        acting_user=acting_user,
        action="meeting.create",
        obj=meeting,
        organisation=organisation,
        after={**snapshot(meeting), "attendees": _attendee_snapshot(attendees or [])},
    )
    return meeting


@transaction.atomic
def meeting_update(
    *,
    meeting: Meeting,
    acting_user: AnyUser | None,
    attendees: list[AttendeeData] | None = None,
    reports: list[Report] | None = None,
    **changes: Any,
) -> Meeting:
    unknown = set(changes) - set(MEETING_FIELDS)
    if unknown:
        raise TypeError(f"meeting_update cannot change {sorted(unknown)}")
    before = {
        **snapshot(meeting),
        "attendees": [
            {"name": a.name, "title": a.title, "invited": a.invited} for a in meeting.attendees.all()
        ],
    }
    for name, value in changes.items():
        setattr(meeting, name, value)
    _check_meeting(meeting)
    meeting.full_clean()
    meeting.save()
    if attendees is not None:
        _save_attendees(meeting, attendees)
    if reports is not None:
        meeting.reports.set(reports)
    audit_record(
        acting_user=acting_user,
        action="meeting.update",
        obj=meeting,
        organisation=meeting.organisation,
        before=before,
        after={**snapshot(meeting), **({"attendees": _attendee_snapshot(attendees)} if attendees else {})},
    )
    return meeting


@dataclass(frozen=True)
class ConclusionAssignment:
    """Conclusion number `position` of a meeting, given as a task to `organisation` by `due_on` (None:
    thường xuyên, ongoing)."""

    position: int
    organisation: Organisation
    title: str = ""
    due_on: date | None = None
    co_organisations: tuple[Organisation, ...] = ()


def _notice_document(meeting: Meeting, acting_user: AnyUser | None) -> Document:
    """The conclusion notice as a document of record, the basis of the tasks made from it: the one the
    meeting already has, a document of the organisation with the same number, or a new one (a draft,
    "…-TB/ĐU", while the notice has no number)."""
    if meeting.notice_document is not None:
        return meeting.notice_document
    organisation = meeting.organisation
    existing = None
    if meeting.notice_number:
        existing = (
            Document.objects.filter(organisation=organisation, canonical_number=meeting.notice_number)
            .order_by("-issued_on", "-id")
            .first()
        )
    document = existing
    if document is None:
        issuer = organisation.issuer_code or "ĐU"
        term = meeting.term
        try:
            document = document_create(
                raw_number=meeting.notice_number or f"…-TB/{issuer}",
                title=f"Thông báo {notice_title(meeting)}",
                # A draft is cited by its title: several drafts share the blank number "…-TB/ĐU".
                citation="" if meeting.notice_number else f"Thông báo {notice_title(meeting)}",
                organisation=organisation,
                issued_on=meeting.notice_dated,
                issuer_organisation=organisation,
                issuer_name=organisation.committee_name or organisation.name,
                term_label=f"{term.start_year}-{term.end_year}" if term is not None else "",
                acting_user=acting_user,
            )
        except ValidationError:
            raise ValidationError(
                _("Số thông báo %(n)s đã được dùng cho một văn bản khác; hãy kiểm tra lại số thông báo.")
                % {"n": meeting.notice_number}
            ) from None
        # Without a number the notice is recorded as a draft: document_create does so for "…-TB/ĐU".
    before = snapshot(meeting)
    meeting.notice_document = document
    meeting.save(update_fields=["notice_document"])
    audit_record(
        acting_user=acting_user,
        action="meeting.notice_document",
        obj=meeting,
        organisation=organisation,
        before=before,
        after=snapshot(meeting),
    )
    return document


@transaction.atomic
def meeting_conclusions_to_tasks(
    *, meeting: Meeting, assignments: list[ConclusionAssignment], acting_user: AnyUser | None
) -> list[Task]:
    """Turn conclusions of the meeting into tracked tasks, each led by an organisation of the meeting's
    subtree. All or nothing: one bad assignment and nothing is created."""
    # Lock the meeting row only: term and notice are nullable joins, which PostgreSQL will not lock.
    meeting = (
        Meeting.objects.select_for_update(of=("self",))
        .select_related("organisation", "term", "notice_document")
        .get(pk=meeting.pk)
    )
    lines = conclusion_lines(meeting.conclusions)
    taken = set(meeting.conclusion_tasks.values_list("position", flat=True))
    errors: list[str] = []
    seen: set[int] = set()
    for item in assignments:
        if not 1 <= item.position <= len(lines):
            errors.append(_("Hội nghị không có kết luận thứ %(n)s.") % {"n": item.position})
        elif item.position in taken or item.position in seen:
            errors.append(_("Kết luận thứ %(n)s đã được giao thành nhiệm vụ.") % {"n": item.position})
        for organisation in (item.organisation, *item.co_organisations):
            if not organisation.path.startswith(meeting.organisation.path):
                errors.append(
                    _("%(org)s không thuộc %(owner)s.")
                    % {"org": organisation.name, "owner": meeting.organisation.name}
                )
        if item.due_on is not None and item.due_on < meeting.held_on:
            errors.append(_("Thời hạn của kết luận thứ %(n)s trước ngày họp.") % {"n": item.position})
        seen.add(item.position)
    if not assignments:
        errors.append(_("Chưa chọn kết luận nào để giao nhiệm vụ."))
    if errors:
        raise ValidationError(errors)
    document = _notice_document(meeting, acting_user)
    tasks = []
    for item in sorted(assignments, key=lambda a: a.position):
        task = task_create(
            document=document,
            organisation=item.organisation,
            title=(item.title or lines[item.position - 1]).strip(),
            due_on=item.due_on,
            co_organisations=item.co_organisations,
            acting_user=acting_user,
        )
        link = ConclusionTask.objects.create(meeting=meeting, position=item.position, task=task)
        audit_record(
            acting_user=acting_user,
            action="meeting.conclusion_task",
            obj=meeting,
            organisation=meeting.organisation,
            before={"position": link.position, "task": None},
            after={"position": link.position, "task": task.pk, "title": task.title},
        )
        tasks.append(task)
    return tasks
