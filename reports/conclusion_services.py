"""Writing the links of a meeting that the workbook carries (exchange/sheets_meetings.py): its conclusion
notice recorded as a document, and which conclusion became which task. The pages make these links through
reports/services.py::meeting_conclusions_to_tasks, which creates the tasks too; an import finds the tasks
already made by the tasks sheet and only links them, with the same audit rows."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from committees.audit import audit_record, snapshot
from reports.meeting_docs import conclusion_lines
from reports.models import ConclusionTask, Meeting
from resolutions.models import Document, Task

if TYPE_CHECKING:
    from committees.access import AnyUser


@transaction.atomic
def meeting_links_set(
    *,
    meeting: Meeting,
    notice_document: Document | None,
    conclusion_tasks: list[tuple[int, Task]],
    acting_user: AnyUser | None,
) -> bool:
    """Set the meeting's notice document and add the conclusion → task links it lacks (links already there
    stay). A conclusion number the meeting does not have, or a task led outside its subtree: a Vietnamese
    message, nothing changed. Returns whether anything changed."""
    lines = len(conclusion_lines(meeting.conclusions))
    taken = dict(meeting.conclusion_tasks.values_list("position", "task_id"))
    errors = []
    for position, task in conclusion_tasks:
        if not 1 <= position <= lines:
            errors.append(_("Hội nghị không có kết luận thứ %(n)s.") % {"n": position})
        elif position in taken and taken[position] != task.pk:
            errors.append(_("Kết luận thứ %(n)s đã được giao thành nhiệm vụ.") % {"n": position})
        if not task.organisation.path.startswith(meeting.organisation.path):
            errors.append(
                _("%(org)s không thuộc %(owner)s.")
                % {"org": task.organisation.name, "owner": meeting.organisation.name}
            )
    if errors:
        raise ValidationError(errors)
    changed = False
    if notice_document is not None and meeting.notice_document_id != notice_document.pk:
        before = snapshot(meeting)
        meeting.notice_document = notice_document
        meeting.save(update_fields=["notice_document"])
        audit_record(
            acting_user=acting_user,
            action="meeting.notice_document",
            obj=meeting,
            organisation=meeting.organisation,
            before=before,
            after=snapshot(meeting),
        )
        changed = True
    for position, task in conclusion_tasks:
        if position in taken:
            continue
        ConclusionTask.objects.create(meeting=meeting, position=position, task=task)
        audit_record(
            acting_user=acting_user,
            action="meeting.conclusion_task",
            obj=meeting,
            organisation=meeting.organisation,
            before={"position": position, "task": None},
            after={"position": position, "task": task.pk, "title": task.title},
        )
        changed = True
    return changed
