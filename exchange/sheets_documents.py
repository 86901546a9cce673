"""The documents and tasks sheets of the exchange workbook: what issue 21 added to them.

A document is referred to by its full number when it has one, else by its citation ("Nghị quyết Đại hội
XIII"), else by its draft number ("…-NQ/ĐU"). Documents of bodies outside the tree carry the code of the
issuing body; status and term travel with them; a task names any further documents it rests on and the
units outside the Party tree that lead it or work with it. exchange/workbook.py calls these helpers.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from resolutions import services as doc_services
from resolutions.models import Document, DocumentStatus, IssuingBody, IssuingBodyLevel, Task
from resolutions.numbering import parse_number

DOCUMENT_COLUMNS: list[tuple[str, str, bool]] = [
    # The organisation that keeps the record (đơn vị quản lý): a central document recorded by the city.
    ("organisation_code", "Mã đơn vị quản lý", False),
    ("citation", "Cách trích dẫn", False),
    ("issuing_body_code", "Mã cơ quan ban hành", False),
    ("issuing_body_name", "Tên cơ quan ban hành", False),
    ("status", "Tình trạng văn bản", False),
    ("term_label", "Nhiệm kỳ", False),
]
TASK_COLUMNS: list[tuple[str, str, bool]] = [
    ("bases", "Văn bản căn cứ khác", False),
    ("lead_unit", "Đơn vị chủ trì ngoài hệ thống Đảng", False),
    ("co_units", "Đơn vị phối hợp ngoài hệ thống Đảng", False),
]
CODED = {("documents", "status"): [s.value for s in DocumentStatus]}


def text(value: Any) -> str:
    if value is None:
        return ""
    return " ".join(str(value).split()) if not isinstance(value, str) else value.strip()


def split_refs(value: Any) -> list[str]:
    return [part.strip() for part in text(value).split(";") if part.strip()]


def row_reference(r: dict[str, Any]) -> str:
    """How the other sheets name the document of row `r`."""
    raw = text(r.get("number"))
    parsed = parse_number(raw) if raw else None
    if parsed is not None and parsed.is_usable:
        return parsed.canonical or ""
    return text(r.get("citation")) or (parsed.canonical if parsed and parsed.canonical else "")


def has_full_number(r: dict[str, Any]) -> bool:
    raw = text(r.get("number"))
    return bool(raw) and parse_number(raw).is_usable


def stored_references() -> dict[str, Document]:
    """Every stored document by the reference other rows use; the earliest issued wins, as before."""
    index: dict[str, Document] = {}
    for document in Document.objects.select_related("organisation").order_by("issued_on", "id"):
        if document.reference:
            index[document.reference] = document
    return index


def reference_known(raw: str, known: dict[str, Any]) -> str | None:
    """The key under which `raw` (a number or a citation) is found in `known`, or None."""
    parsed = parse_number(raw)
    if parsed.is_usable and parsed.canonical in known:
        return parsed.canonical
    return raw if raw in known else None


def find_stored(r: dict[str, Any], issued: date | None) -> Document | None:
    """The stored document a row describes: by number and date, or (without a full number) by citation or
    draft number, and title."""
    raw = text(r.get("number"))
    parsed = parse_number(raw) if raw else None
    if parsed is not None and parsed.is_usable:
        return Document.objects.filter(canonical_number=parsed.canonical, issued_on=issued).first()
    return (
        Document.objects.filter(
            number__isnull=True,
            citation=text(r.get("citation")),
            canonical_number=parsed.canonical if parsed and parsed.canonical else "",
            title=text(r.get("title")),
        )
        .order_by("id")
        .first()
    )


def issuing_body(r: dict[str, Any], acting_user: Any = None) -> IssuingBody | None:
    """The row's issuing body; one the registry lacks is added (validation allowed it: the operator)."""
    code = text(r.get("issuing_body_code"))
    if not code:
        return None
    body = IssuingBody.objects.filter(code=code).first()
    if body is None:
        body = doc_services.issuing_body_create(
            code=code,
            name=text(r.get("issuing_body_name")),
            level=IssuingBodyLevel.OTHER,
            acting_user=acting_user,
        )
    return body


def document_fields(r: dict[str, Any], acting_user: Any = None) -> dict[str, Any]:
    """The columns added by issue 21, as the services take them."""
    return {
        "citation": text(r.get("citation")),
        "issuing_body": issuing_body(r, acting_user),
        "status": text(r.get("status")) or DocumentStatus.IN_FORCE,
        "term_label": text(r.get("term_label")),
    }


def document_differs(existing: Document, r: dict[str, Any]) -> bool:
    """Whether the row changes the columns of issue 21 (no writes: used while validating)."""
    body = existing.issuing_body
    return (
        existing.citation != text(r.get("citation"))
        or (body.code if body else "") != text(r.get("issuing_body_code"))
        or existing.status != (text(r.get("status")) or DocumentStatus.IN_FORCE)
        or existing.term_label != text(r.get("term_label"))
    )


def document_changes(existing: Document, r: dict[str, Any], acting_user: Any = None) -> dict[str, Any]:
    if not document_differs(existing, r):
        return {}
    fields = document_fields(r, acting_user)
    return {k: v for k, v in fields.items() if getattr(existing, k) != v}


def validate_document_row(importer: Any, number: int, r: dict[str, Any]) -> None:
    code = text(r.get("issuing_body_code"))
    if code and not IssuingBody.objects.filter(code=code).exists():
        # The registry is shared by the whole tree: only the operator or an administrator extends it.
        operator = importer.user is None or importer.user.is_superuser
        if not operator or not text(r.get("issuing_body_name")):
            importer.problem(
                "documents",
                number,
                "issuing_body_code",
                f"Không có cơ quan ban hành mã «{code}»; quản trị viên cần thêm cơ quan này trước.",
            )
    status = text(r.get("status"))
    if status and status not in DocumentStatus.values:
        importer.problem("documents", number, "status", f"Tình trạng «{status}» không có trong danh mục.")
    raw = text(r.get("number"))
    if not raw and not text(r.get("citation")):
        importer.problem("documents", number, "number", "Nhập số, ký hiệu hoặc cách trích dẫn.")


def document_row(d: Document, org_ids: set[int]) -> list[Any]:
    body = d.issuing_body
    keeper = d.organisation.code if d.organisation_id in org_ids else ""
    return [keeper, d.citation, body.code if body else "", body.name if body else "", d.status, d.term_label]


def task_row(task: Task, exported: set[int]) -> list[Any]:
    bases = [b.reference for b in task.bases.all() if b.pk in exported]
    return ["; ".join(bases), task.lead_unit, task.co_units]


def task_fields(r: dict[str, Any]) -> dict[str, Any]:
    return {"lead_unit": text(r.get("lead_unit")), "co_units": text(r.get("co_units"))}
