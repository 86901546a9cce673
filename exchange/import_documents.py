"""The documents and tasks sheets: validation, then saving through the resolutions services."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db.models import Q

from committees import access
from committees.access import Action
from committees.models import Organisation
from core.vn import VnValueError
from resolutions import services as doc_services
from resolutions.models import Document, DocumentLink, LinkKind, Task
from resolutions.numbering import parse_number

if TYPE_CHECKING:
    from committees.access import AnyUser

from exchange import sheets_documents
from exchange.importer_base import ImporterBase, _batches
from exchange.sheets import _date, _text


class DocumentSheets(ImporterBase):
    def validate_documents(self) -> None:
        sheet = self.sheets.get("documents")
        if not sheet:
            return
        seen: dict[tuple[str, Any], int] = {}
        for number, r in sheet.rows:
            raw = _text(r.get("number"))
            parsed = parse_number(raw) if raw else None
            sheets_documents.validate_document_row(self, number, r)
            if parsed is not None and not parsed.is_usable and parsed.outcome != "DRAFT":
                self.problem("documents", number, "number", parsed.message)
            issued = self.field("documents", number, r, "issued_on", _date)
            if not _text(r.get("title")):
                self.problem("documents", number, "title", "Bắt buộc nhập.")
            keeper = _text(r.get("organisation_code"))
            if keeper and not self.org_known(keeper):
                self.missing(
                    "documents", number, "organisation_code", keeper, f"Không có tổ chức mã «{keeper}»."
                )
            issuer_code = _text(r.get("issuer_organisation_code"))
            if issuer_code and not self.org_known(issuer_code):
                self.missing(
                    "documents",
                    number,
                    "issuer_organisation_code",
                    issuer_code,
                    f"Không có tổ chức mã «{issuer_code}».",
                )
            reference = sheets_documents.row_reference(r)
            if reference:
                full = sheets_documents.has_full_number(r)
                key = (reference, issued) if full else (reference, _text(r.get("title")))
                if key in seen:
                    self.problem(
                        "documents",
                        number,
                        "number",
                        f"Văn bản «{reference}» trùng với dòng {seen[key]}.",
                    )
                seen.setdefault(key, number)
                self.new_documents.setdefault(reference, {"row": number})
        stored = self._stored_documents(sheet.rows) if self.user is not None else {}
        for number, r in sheet.rows:
            refs = [p.strip() for p in _text(r.get("implements")).split(";") if p.strip()]
            for ref in refs:
                self.document_known(ref, "documents", number, "implements")
            if self.user is not None:
                self._document_scope(self.user, number, r, stored, refs)

    def _stored_documents(self, rows: list[tuple[int, dict[str, Any]]]) -> dict[str, list[Document]]:
        """The stored documents with the numbers of the sheet, in the order save_documents finds them."""
        numbers = {sheets_documents.row_reference(r) for _n, r in rows}
        stored: dict[str, list[Document]] = {}
        for batch in _batches(sorted(n for n in numbers if n), 5000):
            for document in Document.objects.select_related("organisation").filter(
                Q(canonical_number__in=batch) | Q(citation__in=batch)
            ):
                stored.setdefault(document.reference, []).append(document)
        return stored

    def _document_scope(
        self,
        user: AnyUser,
        number: int,
        r: dict[str, Any],
        stored: dict[str, list[Document]],
        refs: list[str],
    ) -> None:
        """A stored document is changed, or linked from, by those who manage its owner; a new one is kept by
        its issuer or by the uploader, who must manage it."""
        reference = sheets_documents.row_reference(r)
        try:
            issued = _date(r.get("issued_on"))
        except VnValueError:
            return  # reported above
        if not reference:
            return  # reported above
        same_number = stored.get(reference, []) if sheets_documents.has_full_number(r) else []
        existing = sheets_documents.find_stored(r, issued)
        if existing is not None and not self.reads(existing.organisation):
            existing = None
        issuer = _text(r.get("issuer_organisation_code"))
        keeper = _text(r.get("organisation_code"))
        if existing is None:
            if not all(self.reads(d.organisation) for d in same_number):
                # The number is taken by a document the user cannot see: saving would fail, and say so.
                self.refuse("documents", number, "number", reference)
            elif keeper:
                if self.org_known(keeper) and not self.may(keeper, Action.MANAGE):
                    self.refuse("documents", number, "organisation_code", keeper)
            elif issuer:
                if self.org_known(issuer) and not self.may(issuer, Action.MANAGE):
                    self.refuse("documents", number, "issuer_organisation_code", issuer)
            elif not access.organisations(user, Action.MANAGE).exists():  # the keeper of its record
                self.refuse("documents", number, "number", reference)
            return
        if issuer in self.orgs and not self.reads(self.orgs[issuer]):
            self.refuse("documents", number, "issuer_organisation_code", issuer)
        elif not self.allows(existing.organisation, Action.MANAGE) and (
            existing.title != _text(r.get("title"))
            or existing.issuer_name != _text(r.get("issuer"))
            or sheets_documents.document_differs(existing, r)
            or self._adds_links(existing, refs)
        ):
            self.refuse("documents", number, "number", reference)

    def _adds_links(self, source: Document, refs: list[str]) -> bool:
        linked = set(
            DocumentLink.objects.filter(source=source, kind=LinkKind.IMPLEMENTS).values_list(
                "target__canonical_number", flat=True
            )
        )
        linked |= set(
            DocumentLink.objects.filter(source=source, kind=LinkKind.IMPLEMENTS).values_list(
                "target__citation", flat=True
            )
        )
        return any((parse_number(ref).canonical or ref) not in linked for ref in refs)

    def _stored_tasks(self, rows: list[tuple[int, dict[str, Any]]]) -> dict[str, Task]:
        """The stored tasks with the codes of the sheet, which save_tasks would mark done."""
        codes = sorted({_text(r.get("code")) for _n, r in rows} - {""})
        return {
            task.code: task
            for batch in _batches(codes, 5000)
            for task in Task.objects.select_related("organisation").filter(code__in=batch)
        }

    def validate_tasks(self) -> None:
        sheet = self.sheets.get("tasks")
        if not sheet:
            return
        self._unique("tasks", [(n, r) for n, r in sheet.rows if _text(r.get("code"))], "code")
        stored_tasks = self._stored_tasks(sheet.rows)
        for number, r in sheet.rows:
            document = _text(r.get("document_number"))
            if document:  # a task without one is a leader's instruction
                self.document_known(document, "tasks", number, "document_number")
            for ref in sheets_documents.split_refs(r.get("bases")):
                self.document_known(ref, "tasks", number, "bases")
            task_code = _text(r.get("code"))
            stored = stored_tasks.get(task_code) if task_code else None
            if stored is not None and not self.allows(stored.organisation, Action.ENTER):
                self.refuse("tasks", number, "code", task_code)
            code = _text(r.get("organisation_code"))
            if not code:
                self.problem("tasks", number, "organisation_code", "Bắt buộc nhập.")
            else:  # a task without a code is matched inside this organisation
                self.org_in_scope("tasks", number, "organisation_code", code, Action.ENTER)
            if not _text(r.get("title")):
                self.problem("tasks", number, "title", "Bắt buộc nhập.")
            self.field("tasks", number, r, "due_on", _date)
            self.field("tasks", number, r, "done_on", _date)

    def save_documents(self, rows: list[tuple[int, dict[str, Any]]]) -> None:
        for _n, r in rows:
            issued = _date(r.get("issued_on"))
            existing = sheets_documents.find_stored(r, issued)
            if existing is None:
                issuer_code = _text(r.get("issuer_organisation_code"))
                issuer = self.orgs.get(issuer_code) if issuer_code else None
                keeper = _text(r.get("organisation_code"))
                owner = (self.orgs.get(keeper) if keeper else None) or issuer or self._default_owner()
                existing = doc_services.document_create(
                    raw_number=_text(r.get("number")),
                    title=_text(r.get("title")),
                    organisation=owner,
                    issued_on=issued,
                    issuer_name=_text(r.get("issuer")),
                    issuer_organisation=issuer,
                    acting_user=self.user,
                    **sheets_documents.document_fields(r, self.user),
                )
                self.count("documents", True)
            elif (
                existing.title != _text(r.get("title"))
                or existing.issuer_name != _text(r.get("issuer"))
                or sheets_documents.document_differs(existing, r)
            ):
                doc_services.document_update(
                    document=existing,
                    title=_text(r.get("title")),
                    issuer_name=_text(r.get("issuer")),
                    acting_user=self.user,
                    **sheets_documents.document_changes(existing, r, self.user),
                )
                self.count("documents", False)
            self.documents[sheets_documents.row_reference(r)] = existing
        for _n, r in rows:
            source = self.documents[sheets_documents.row_reference(r)]
            for ref in [p.strip() for p in _text(r.get("implements")).split(";") if p.strip()]:
                target = self.documents[sheets_documents.reference_known(ref, self.documents) or ""]
                doc_services.document_link(
                    source=source, target=target, kind=LinkKind.IMPLEMENTS, acting_user=self.user
                )

    def _default_owner(self) -> Organisation:
        # A document from outside the tree is kept by the highest organisation the importing user manages
        # (by the operator: the root).
        if self.user is not None:
            owner = access.organisations(self.user, Action.MANAGE).order_by("path").first()
        else:
            owner = Organisation.objects.filter(parent__isnull=True).order_by("path").first()
        if owner is None:
            raise ValidationError("Chưa có tổ chức nào để quản lý văn bản.")
        return owner

    def save_tasks(self, rows: list[tuple[int, dict[str, Any]]]) -> None:
        for _n, r in rows:
            ref = _text(r.get("document_number"))
            document = (
                self.documents[sheets_documents.reference_known(ref, self.documents) or ""] if ref else None
            )
            bases = tuple(
                self.documents[sheets_documents.reference_known(b, self.documents) or ""]
                for b in sheets_documents.split_refs(r.get("bases"))
            )
            organisation = self.orgs[_text(r.get("organisation_code"))]
            code, title = _text(r.get("code")), _text(r.get("title"))
            due, done = _date(r.get("due_on")), _date(r.get("done_on"))
            existing = (
                Task.objects.filter(code=code).first()
                if code
                else Task.objects.filter(document=document, organisation=organisation, title=title).first()
            )
            if existing is None:
                doc_services.task_create(
                    document=document,
                    organisation=organisation,
                    title=title,
                    due_on=due,
                    done_on=done,
                    code=code,
                    bases=bases,
                    acting_user=self.user,
                    **sheets_documents.task_fields(r),
                )
                self.count("tasks", True)
            elif existing.done_on != done and done is not None:
                doc_services.task_mark_done(task=existing, done_on=done, acting_user=self.user)
                self.count("tasks", False)
