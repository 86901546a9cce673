"""Every write to documents, links and tasks goes through here, and each writes its audit row."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from committees.audit import audit_record, snapshot, update_audited
from committees.models import Organisation
from committees.uploads import original_name
from committees.vn import fold
from resolutions.models import Document, DocumentLink, DocumentSystem, Task
from resolutions.numbering import parse_number

if TYPE_CHECKING:
    from committees.access import AnyUser


@transaction.atomic
def document_create(
    *,
    raw_number: str,
    title: str,
    organisation: Organisation,
    issued_on: date | None = None,
    issuer_name: str = "",
    issuer_organisation: Organisation | None = None,
    term_label: str = "",
    acting_user: AnyUser | None,
) -> Document:
    """Record a document; its number must parse as valid or only typographically normalised."""
    parsed = parse_number(raw_number)
    if parsed.outcome not in ("VALID", "NORMALIZED", "DRAFT"):
        raise ValidationError({"raw_number": parsed.message})
    year = parsed.year or (issued_on.year if issued_on else None)
    document = Document(
        system=parsed.system or DocumentSystem.PARTY,
        type_code=parsed.type_code or "",
        number=parsed.number,
        canonical_number=parsed.canonical or "",
        raw_number=raw_number,
        issuers="-".join(parsed.issuers),
        year=year,
        term_label=term_label,
        issuer_organisation=issuer_organisation,
        issuer_name=issuer_name,
        organisation=organisation,
        issued_on=issued_on,
        title=title,
        title_folded=fold(title),
    )
    document.full_clean()
    document.save()
    audit_record(
        acting_user=acting_user,
        action="document.create",
        obj=document,
        organisation=organisation,
        after=snapshot(document),
    )
    return document


def _reaches(start: Document, goal: Document) -> bool:
    """Whether `goal` is reachable from `start` along outgoing links (a cycle check)."""
    seen: set[int] = set()
    frontier = {start.pk}
    while frontier:
        if goal.pk in frontier:
            return True
        seen |= frontier
        frontier = (
            set(DocumentLink.objects.filter(source_id__in=frontier).values_list("target_id", flat=True))
            - seen
        )
    return False


@transaction.atomic
def document_link(
    *, source: Document, target: Document, kind: str, acting_user: AnyUser | None
) -> DocumentLink:
    if source.pk == target.pk:
        raise ValidationError(_("Một văn bản không thể liên kết với chính nó."))
    if _reaches(target, source):
        raise ValidationError(_("Liên kết này tạo thành vòng lặp giữa các văn bản."))
    link, created = DocumentLink.objects.get_or_create(source=source, target=target, kind=kind)
    if created:
        audit_record(
            acting_user=acting_user,
            action="document.link",
            obj=link,
            organisation=source.organisation,
            after=snapshot(link),
        )
    return link


@transaction.atomic
def task_create(
    *,
    document: Document,
    organisation: Organisation,
    title: str,
    due_on: date | None = None,
    done_on: date | None = None,
    code: str = "",
    co_organisations: tuple[Organisation, ...] = (),
    acting_user: AnyUser | None,
) -> Task:
    task = Task(
        document=document,
        organisation=organisation,
        title=title,
        title_folded=fold(title),  # the task list's search reads it
        due_on=due_on,
        done_on=done_on,
        code=code,
    )
    task.full_clean()
    task.save()
    if co_organisations:
        task.co_organisations.set(co_organisations)
    audit_record(
        acting_user=acting_user,
        action="task.create",
        obj=task,
        organisation=organisation,
        after=snapshot(task),
    )
    return task


@transaction.atomic
def task_mark_done(*, task: Task, done_on: date, acting_user: AnyUser | None) -> Task:
    """Record when a task was finished (or correct it); an audit row keeps the earlier date."""
    if done_on > timezone.localdate():
        raise ValidationError({"done_on": _("Ngày hoàn thành không được ở tương lai.")})
    if task.document.issued_on and done_on < task.document.issued_on:
        raise ValidationError({"done_on": _("Ngày hoàn thành không được trước ngày ban hành văn bản.")})
    before = snapshot(task)
    task.done_on = done_on
    task.save(update_fields=["done_on"])
    audit_record(
        acting_user=acting_user,
        action="task.done",
        obj=task,
        organisation=task.organisation,
        before=before,
        after=snapshot(task),
    )
    return task


@transaction.atomic
def document_update(*, document: Document, acting_user: AnyUser | None, **changes: object) -> Document:
    def derive(d: Document) -> None:
        d.title_folded = fold(d.title)
        if "attachment" in changes:
            # The name the file had, for the download; what is stored on disk is a random name.
            d.attachment_name = original_name(d.attachment.name or "") if d.attachment else ""

    return update_audited(
        document,
        changes=changes,
        editable={"title", "issued_on", "issuer_name", "status", "term_label", "attachment"},
        action="document.update",
        organisation_of=lambda d: d.organisation,
        acting_user=acting_user,
        derive=derive,
    )
