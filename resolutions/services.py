"""Every write to documents, links and tasks goes through here, and each writes its audit row."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from committees.audit import audit_record, snapshot, update_audited
from committees.models import Organisation
from core.uploads import original_name
from core.vn import fold
from resolutions.models import (
    Document,
    DocumentFollow,
    DocumentLink,
    DocumentStatus,
    DocumentSystem,
    IssuingBody,
    Task,
)
from resolutions.numbering import parse_number

if TYPE_CHECKING:
    from committees.access import AnyUser


class DuplicateNumber(ValidationError):
    """The number is already recorded. `existing` is for the caller to decide what the person may learn
    of it (resolutions.selectors.duplicate_notice): the message itself names only the number."""

    def __init__(self, existing: Document, canonical: str) -> None:
        self.existing = existing
        super().__init__(
            {"raw_number": _("Số, ký hiệu %(number)s đã được ghi nhận.") % {"number": canonical}},
        )


def _number_fields(raw_number: str, issued_on: date | None) -> dict[str, Any]:
    """The number columns for a typed number; blank for a document known only by its citation."""
    if not raw_number.strip():
        return {
            "system": DocumentSystem.PARTY,
            "type_code": "",
            "number": None,
            "canonical_number": "",
            "raw_number": "",
            "issuers": "",
            "year": issued_on.year if issued_on else None,
        }
    parsed = parse_number(raw_number)
    if parsed.outcome not in ("VALID", "NORMALIZED", "DRAFT"):
        raise ValidationError({"raw_number": parsed.message})
    return {
        "system": parsed.system or DocumentSystem.PARTY,
        "type_code": parsed.type_code or "",
        "number": parsed.number,
        "canonical_number": parsed.canonical or "",
        "raw_number": raw_number,
        "issuers": "-".join(parsed.issuers),
        "year": parsed.year or (issued_on.year if issued_on else None),
    }


def _refuse_duplicate(document: Document) -> None:
    """The unique constraints of Document, checked first so that the person reads which number is taken
    rather than the name of a constraint."""
    if document.number is None:
        return
    same = Document.objects.filter(
        system=document.system,
        issuers=document.issuers,
        type_code=document.type_code,
        number=document.number,
    ).exclude(pk=document.pk)
    if document.system == DocumentSystem.PARTY:
        # Numbers restart each term. A term left blank (on either side) cannot tell two terms apart: the
        # same number is then the same document unless the years say otherwise (18-NQ/TW of 2017 and 2022).
        same_year = Q() if document.year is None else Q(year=document.year) | Q(year__isnull=True)
        if document.term_label:
            same = same.filter(Q(term_label=document.term_label) | (Q(term_label="") & same_year))
        else:
            same = same.filter(same_year)
    else:
        same = same.filter(year=document.year)
    existing = same.order_by("id").first()
    if existing is not None:
        raise DuplicateNumber(existing, document.canonical_number)


def _derive_document(document: Document) -> None:
    # The citation is searched with the title ("dai hoi xiii" finds "Nghị quyết Đại hội XIII").
    document.title_folded = fold(f"{document.title} {document.citation}".strip())
    if document.canonical_number.startswith("…"):
        # A number still blank is a draft: it never reads "Đang hiệu lực".
        document.status = DocumentStatus.DRAFT


@transaction.atomic
def document_create(
    *,
    raw_number: str,
    title: str,
    organisation: Organisation,
    issued_on: date | None = None,
    issuer_name: str = "",
    issuer_organisation: Organisation | None = None,
    issuing_body: IssuingBody | None = None,
    citation: str = "",
    status: str = DocumentStatus.IN_FORCE,
    term_label: str = "",
    acting_user: AnyUser | None,
) -> Document:
    """Record a document. Its number must parse as valid, typographically normalised or a draft; a
    document whose number is unknown or partly known ("Chỉ thị 18 của UBND") is recorded by its citation
    instead, and completed later with document_update(raw_number=…), which keeps its links and tasks."""
    if not raw_number.strip() and not citation.strip():
        raise ValidationError(
            {
                "raw_number": _(
                    "Nhập số, ký hiệu hoặc cách trích dẫn văn bản (ví dụ: Nghị quyết Đại hội XIII)."
                )
            }
        )
    document = Document(
        **_number_fields(raw_number, issued_on),
        term_label=term_label,
        issuer_organisation=issuer_organisation,
        issuing_body=issuing_body,
        issuer_name=issuer_name,
        citation=citation,
        organisation=organisation,
        issued_on=issued_on,
        title=title,
        status=status,
    )
    _derive_document(document)
    _refuse_duplicate(document)
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


@transaction.atomic
def issuing_body_create(*, code: str, name: str, level: str, acting_user: AnyUser | None) -> IssuingBody:
    """A body outside the tree that issues documents (a province's People's Committee, a ministry)."""
    body = IssuingBody(code=code, name=name, level=level)
    body.full_clean()
    body.save()
    audit_record(acting_user=acting_user, action="issuing_body.create", obj=body, after=snapshot(body))
    return body


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
    document: Document | None,
    organisation: Organisation,
    title: str,
    due_on: date | None = None,
    done_on: date | None = None,
    code: str = "",
    co_organisations: tuple[Organisation, ...] = (),
    bases: tuple[Document, ...] = (),
    lead_unit: str = "",
    co_units: str = "",
    acting_user: AnyUser | None,
) -> Task:
    """A task assigned by `document` (or by none: a leader's instruction), resting also on `bases`."""
    task = Task(
        document=document,
        organisation=organisation,
        title=title,
        due_on=due_on,
        done_on=done_on,
        code=code,
        lead_unit=lead_unit,
        co_units=co_units,
    )
    task.title_folded = fold(title)
    task.full_clean()
    task.save()
    if co_organisations:
        task.co_organisations.set(co_organisations)
    extra = [b for b in bases if document is None or b.pk != document.pk]
    if extra:
        task.bases.set(extra)
    audit_record(
        acting_user=acting_user,
        action="task.create",
        obj=task,
        organisation=organisation,
        after=snapshot(task),
    )
    return task


@transaction.atomic
def task_update(
    *,
    task: Task,
    acting_user: AnyUser | None,
    bases: tuple[Document, ...] | None = None,
    co_organisations: tuple[Organisation, ...] | None = None,
    **changes: object,
) -> Task:
    """Change a task's content, bases, deadline or units; its history keeps each version."""
    done_on = changes.get("done_on")
    if isinstance(done_on, date) and done_on > timezone.localdate():
        raise ValidationError({"done_on": _("Ngày hoàn thành không được ở tương lai.")})

    def derive(t: Task) -> None:
        t.title_folded = fold(t.title)

    def relate(t: Task) -> None:
        # Before the audit row's "after", so that the history shows a changed basis or co-operating unit.
        if bases is not None:
            t.bases.set([b for b in bases if b.pk != t.document_id])
        if co_organisations is not None:
            t.co_organisations.set(co_organisations)

    return update_audited(
        task,
        changes=changes,
        editable={"document", "organisation", "title", "due_on", "done_on", "lead_unit", "co_units", "code"},
        action="task.update",
        organisation_of=lambda t: t.organisation,
        acting_user=acting_user,
        derive=derive,
        relate=relate,
    )


@transaction.atomic
def task_mark_done(*, task: Task, done_on: date, acting_user: AnyUser | None) -> Task:
    """Record when a task was finished (or correct it); an audit row keeps the earlier date."""
    if done_on > timezone.localdate():
        raise ValidationError({"done_on": _("Ngày hoàn thành không được ở tương lai.")})
    if task.document and task.document.issued_on and done_on < task.document.issued_on:
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
    """Change a document; `raw_number` completes or corrects its number (the record, its links and its
    tasks stay the same)."""
    if "raw_number" in changes:
        raw = str(changes.pop("raw_number") or "")
        issued = changes.get("issued_on", document.issued_on)
        changes.update(_number_fields(raw, issued if isinstance(issued, date) else None))
        if not raw.strip() and not str(changes.get("citation", document.citation)).strip():
            raise ValidationError({"raw_number": _("Văn bản chưa có số cần có cách trích dẫn.")})

    def derive(d: Document) -> None:
        _derive_document(d)
        _refuse_duplicate(d)
        if "attachment" in changes:
            # The name the file had, for the download; what is stored on disk is a random name.
            d.attachment_name = original_name(d.attachment.name or "") if d.attachment else ""

    return update_audited(
        document,
        changes=changes,
        editable={
            "title",
            "issued_on",
            "issuer_name",
            "issuing_body",
            "citation",
            "status",
            "term_label",
            "attachment",
            *NUMBER_FIELDS,
        },
        action="document.update",
        organisation_of=lambda d: d.organisation,
        acting_user=acting_user,
        derive=derive,
    )


NUMBER_FIELDS = ("system", "type_code", "number", "canonical_number", "raw_number", "issuers", "year")


# --- following a shared document -----------------------------------------------------------------------


@transaction.atomic
def document_follow(
    *, document: Document, organisation: Organisation, acting_user: AnyUser | None
) -> DocumentFollow:
    """`organisation` follows a document kept by a committee above it (a central or upper resolution).
    Following one's own document, or one kept sideways or below, is refused: it is listed already, or is
    none of the organisation's business. Following twice changes nothing."""
    keeper = document.organisation
    if keeper.pk == organisation.pk or not organisation.path.startswith(keeper.path):
        raise ValidationError(
            _("Chỉ theo dõi được văn bản do cấp trên của %(org)s quản lý.") % {"org": organisation.name}
        )
    follow, created = DocumentFollow.objects.get_or_create(document=document, organisation=organisation)
    if created:
        audit_record(
            acting_user=acting_user,
            action="document.follow",
            obj=document,
            organisation=organisation,
            before={"followed_by": organisation.name, "following": False},
            after={"followed_by": organisation.name, "following": True},
        )
    return follow


@transaction.atomic
def document_unfollow(*, document: Document, organisation: Organisation, acting_user: AnyUser | None) -> bool:
    """Stop following; the tasks the organisation attached to the document stay. Returns whether it did."""
    deleted, _rows = DocumentFollow.objects.filter(document=document, organisation=organisation).delete()
    if deleted:
        audit_record(
            acting_user=acting_user,
            action="document.unfollow",
            obj=document,
            organisation=organisation,
            before={"followed_by": organisation.name, "following": True},
            after={"followed_by": organisation.name, "following": False},
        )
    return bool(deleted)
