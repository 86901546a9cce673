"""The importer's state and the rules every sheet shares, above all the scope of the importing user."""

from __future__ import annotations

from decimal import Decimal
from functools import cached_property
from typing import TYPE_CHECKING, Any

from django.utils.translation import gettext as _

from committees import access
from committees.access import Action
from committees.access import can as user_can
from committees.models import Organisation
from core.vn import VnValueError
from targets.models import Target

if TYPE_CHECKING:
    from committees.access import AnyUser
    from resolutions.models import Document

from exchange import sheets_documents
from exchange.reader import Sheet
from exchange.sheets import ImportResult, Problem, _text
from resolutions.numbering import parse_number


def _batches(items: list[str], size: int) -> list[list[str]]:
    return [items[start : start + size] for start in range(0, len(items), size)]


class ImporterBase:
    """What every sheet's validation and saving share: the rows, the stored objects the workbook names,
    the problems found, and the rules of scope."""

    def __init__(self, sheets: dict[str, Sheet], user: AnyUser | None) -> None:
        self.sheets = sheets
        self.user = user
        self.problems: list[Problem] = []
        self.orgs = {o.code: o for o in Organisation.objects.all()}
        self.new_orgs: dict[str, dict[str, Any]] = {}
        # Only the targets the workbook names: a province holds over a million (bench/province.py).
        named = {
            _text(record.get(key))
            for sheet in sheets.values()
            for _number, record in sheet.rows
            for key in ("code", "target_code", "parent_code")
        } - {""}
        self.targets = {
            t.code: t
            for code_batch in _batches(sorted(named), 5000)
            for t in Target.objects.select_related("organisation").filter(code__in=code_batch)
        }
        self.new_targets: dict[str, dict[str, Any]] = {}
        self.new_documents: dict[str, dict[str, Any]] = {}
        self.result = ImportResult()

    @cached_property
    def documents(self) -> dict[str, Document]:
        """Every stored document by the reference rows use: loaded when a row first names one (a province
        holds 20.000; a workbook of readings names none)."""
        return sheets_documents.stored_references()

    def problem(self, sheet: str, row: int, column: str, message: str) -> None:
        self.problems.append(Problem(sheet, row, column, message))

    def field(
        self, sheet: str, row: int, record: dict[str, Any], key: str, reader: Any, *, required: bool = False
    ) -> Any:
        raw = record.get(key)
        if raw is None or _text(raw) == "":
            if required:
                self.problem(sheet, row, key, "Bắt buộc nhập.")
            return None
        try:
            return reader(raw)
        except VnValueError as error:
            self.problem(sheet, row, key, error.message)
            return None

    def org_known(self, code: str) -> bool:
        return code in self.orgs or code in self.new_orgs

    # --- scope ----------------------------------------------------------------------------------------
    # An import may touch only what its user could touch on the pages. An existing row is judged by the
    # organisation that owns it in the database, never by the code written in the row; a new row by the
    # organisation it would be created in. Every refusal reads the same, and the same as a code that
    # exists nowhere, so that an import tells nobody what lies outside their subtree.
    def refuse(self, sheet: str, row: int, column: str, value: str) -> None:
        self.problem(sheet, row, column, _("Không có «%(value)s» trong phạm vi của bạn.") % {"value": value})

    def missing(self, sheet: str, row: int, column: str, value: str, message: str) -> None:
        """An unknown code: named as such to the operator of the server, to a user the one refusal."""
        if self.user is None:
            self.problem(sheet, row, column, message)
        else:
            self.refuse(sheet, row, column, value)

    def allows(self, organisation: Organisation, action: Action) -> bool:
        """Whether the user may do `action` on a row owned by `organisation`."""
        return self.user is None or user_can(self.user, action, organisation)

    def reads(self, organisation: Organisation) -> bool:
        """Whether the user may name a row of `organisation`: inside their scope or above it."""
        return self.user is None or access.can_read(self.user, organisation)

    def may(self, code: str, action: Action) -> bool:
        """The same for an organisation code; a new organisation is judged by the nearest stored one above."""
        if self.user is None:  # the management command without --user: the operator of the server
            return True
        if access.is_superuser(self.user):  # may do anything anywhere, a new root too (issue 25)
            return True
        seen: set[str] = set()
        while code not in self.orgs:
            if code in seen or code not in self.new_orgs:  # a loop, or no parent: nothing grants it
                return False
            seen.add(code)
            code = self.new_orgs[code]["parent_code"]
        return user_can(self.user, action, self.orgs[code])

    def org_in_scope(self, sheet: str, row: int, column: str, code: str, action: Action) -> None:
        """The organisation a row writes into: known, and inside the user's scope for `action`."""
        if not self.org_known(code):
            self.missing(sheet, row, column, code, f"Không có tổ chức mã «{code}».")
        elif not self.may(code, action):
            self.refuse(sheet, row, column, code)

    def count(self, sheet: str, created: bool) -> None:
        bucket = self.result.created if created else self.result.updated
        bucket[sheet] = bucket.get(sheet, 0) + 1

    def document_known(self, raw: str, sheet: str, number: int, column: str) -> bool:
        """A document a row points at: in this workbook (whose own row is checked), or stored where the user
        may read it (their subtree or above)."""
        if sheets_documents.reference_known(raw, self.new_documents) is not None:
            return True
        key = sheets_documents.reference_known(raw, self.documents)
        parsed = parse_number(raw)
        if key is None and not parsed.is_usable and parsed.outcome != "INVALID":
            self.problem(sheet, number, column, parsed.message)
            return False
        canonical = key or parsed.canonical or raw
        stored = self.documents.get(canonical)
        if stored is None or not self.reads(stored.organisation):
            self.missing(sheet, number, column, canonical, f"Không có văn bản số «{canonical}».")
            return False
        return True

    def _unique(self, sheet: str, rows: list[tuple[int, dict[str, Any]]], key: str) -> None:
        seen: dict[str, int] = {}
        for number, record in rows:
            value = _text(record.get(key))
            if value and value in seen:
                self.problem(sheet, number, key, f"Mã «{value}» trùng với dòng {seen[value]}.")
            seen.setdefault(value, number)


def _differs(a: Any, b: Any) -> bool:
    if isinstance(a, Decimal) or isinstance(b, Decimal):
        return (a is None) != (b is None) or (a is not None and b is not None and Decimal(a) != Decimal(b))
    return bool(a != b)
