"""The documents and tasks sheets: validation, then saving through the resolutions services."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError

from committees import access
from committees.access import Action
from committees.models import Organisation
from core.vn import VnValueError
from resolutions import services as doc_services
from resolutions.models import Document, DocumentLink, LinkKind, Task
from resolutions.numbering import parse_number

if TYPE_CHECKING:
    from committees.access import AnyUser

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
            if parsed is None:
                self.problem("documents", number, "number", "Bắt buộc nhập.")
            elif not parsed.is_usable:
                self.problem("documents", number, "number", parsed.message)
            issued = self.field("documents", number, r, "issued_on", _date, required=True)
            if not _text(r.get("title")):
                self.problem("documents", number, "title", "Bắt buộc nhập.")
            issuer_code = _text(r.get("issuer_organisation_code"))
            if issuer_code and not self.org_known(issuer_code):
                self.missing(
                    "documents",
                    number,
                    "issuer_organisation_code",
                    issuer_code,
                    f"Không có tổ chức mã «{issuer_code}».",
                )
            if parsed is not None and parsed.canonical:
                key = (parsed.canonical, issued)
                if key in seen:
                    self.problem(
                        "documents",
                        number,
                        "number",
                        f"Văn bản «{parsed.canonical}» trùng với dòng {seen[key]}.",
                    )
                seen.setdefault(key, number)
                self.new_documents.setdefault(parsed.canonical, {"row": number})
        stored = self._stored_documents(sheet.rows) if self.user is not None else {}
        for number, r in sheet.rows:
            refs = [p.strip() for p in _text(r.get("implements")).split(";") if p.strip()]
            for ref in refs:
                self.document_known(ref, "documents", number, "implements")
            if self.user is not None:
                self._document_scope(self.user, number, r, stored, refs)

    def _stored_documents(self, rows: list[tuple[int, dict[str, Any]]]) -> dict[str, list[Document]]:
        """The stored documents with the numbers of the sheet, in the order save_documents finds them."""
        numbers = {parse_number(_text(r.get("number"))).canonical for _n, r in rows if _text(r.get("number"))}
        stored: dict[str, list[Document]] = {}
        for batch in _batches(sorted(n for n in numbers if n), 5000):
            for document in Document.objects.select_related("organisation").filter(
                canonical_number__in=batch
            ):
                stored.setdefault(document.canonical_number, []).append(document)
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
        parsed = parse_number(_text(r.get("number")))
        try:
            issued = _date(r.get("issued_on"))
        except VnValueError:
            return  # reported above
        if not parsed.canonical or issued is None:
            return
        same_number = stored.get(parsed.canonical, [])
        existing = next((d for d in same_number if d.issued_on == issued), None)
        issuer = _text(r.get("issuer_organisation_code"))
        if existing is None:
            if not all(self.reads(d.organisation) for d in same_number):
                # The number is taken by a document the user cannot see: saving would fail, and say so.
                self.refuse("documents", number, "number", parsed.canonical)
            elif issuer:
                if self.org_known(issuer) and not self.may(issuer, Action.MANAGE):
                    self.refuse("documents", number, "issuer_organisation_code", issuer)
            elif not access.organisations(user, Action.MANAGE).exists():  # the keeper of its record
                self.refuse("documents", number, "number", parsed.canonical)
            return
        if issuer in self.orgs and not self.reads(self.orgs[issuer]):
            self.refuse("documents", number, "issuer_organisation_code", issuer)
        elif not self.allows(existing.organisation, Action.MANAGE) and (
            existing.title != _text(r.get("title"))
            or existing.issuer_name != _text(r.get("issuer"))
            or self._adds_links(existing, refs)
        ):
            self.refuse("documents", number, "number", parsed.canonical)

    def _adds_links(self, source: Document, refs: list[str]) -> bool:
        linked = set(
            DocumentLink.objects.filter(source=source, kind=LinkKind.IMPLEMENTS).values_list(
                "target__canonical_number", flat=True
            )
        )
        return any(parse_number(ref).canonical not in linked for ref in refs)

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
            if not document:
                self.problem("tasks", number, "document_number", "Bắt buộc nhập.")
            else:
                self.document_known(document, "tasks", number, "document_number")
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
            parsed = parse_number(_text(r.get("number")))
            issued = _date(r.get("issued_on"))
            existing = Document.objects.filter(canonical_number=parsed.canonical, issued_on=issued).first()
            if existing is None:
                issuer_code = _text(r.get("issuer_organisation_code"))
                issuer = self.orgs.get(issuer_code) if issuer_code else None
                owner = issuer or self._default_owner()
                existing = doc_services.document_create(
                    raw_number=_text(r.get("number")),
                    title=_text(r.get("title")),
                    organisation=owner,
                    issued_on=issued,
                    issuer_name=_text(r.get("issuer")),
                    issuer_organisation=issuer,
                    acting_user=self.user,
                )
                self.count("documents", True)
            elif existing.title != _text(r.get("title")) or existing.issuer_name != _text(r.get("issuer")):
                doc_services.document_update(
                    document=existing,
                    title=_text(r.get("title")),
                    issuer_name=_text(r.get("issuer")),
                    acting_user=self.user,
                )
                self.count("documents", False)
            self.documents[existing.canonical_number] = existing
        for _n, r in rows:
            source = self.documents[parse_number(_text(r.get("number"))).canonical or ""]
            for ref in [p.strip() for p in _text(r.get("implements")).split(";") if p.strip()]:
                target = self.documents[parse_number(ref).canonical or ""]
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
            document = self.documents[parse_number(_text(r.get("document_number"))).canonical or ""]
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
                    acting_user=self.user,
                )
                self.count("tasks", True)
            elif existing.done_on != done and done is not None:
                doc_services.task_mark_done(task=existing, done_on=done, acting_user=self.user)
                self.count("tasks", False)
