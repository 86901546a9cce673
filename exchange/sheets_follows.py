"""The workbook's sheet `document_follows` (docs/documents.md): which organisation follows which document
kept by a committee above it. Matched by the pair; a pair already stored changes nothing. Written by who
manages the following organisation (Action.MANAGE), as the button on the document's page."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError

from committees.access import Action
from resolutions import services as doc_services
from resolutions.models import DocumentFollow

if TYPE_CHECKING:
    from exchange.importer import _Importer

COLUMNS: dict[str, list[tuple[str, str, bool]]] = {
    "document_follows": [
        ("document", "Văn bản (số, ký hiệu hoặc cách trích dẫn)", True),
        ("organisation_code", "Mã đơn vị theo dõi", True),
    ],
}
SHEET_LABELS = {"document_follows": "Văn bản theo dõi"}


def validate(importer: _Importer) -> None:
    from exchange.sheets import _text

    sheet = importer.sheets.get("document_follows")
    for number, r in sheet.rows if sheet else []:
        reference = _text(r.get("document"))
        if not reference:
            importer.problem("document_follows", number, "document", "Bắt buộc nhập.")
        else:
            importer.document_known(reference, "document_follows", number, "document")
        code = _text(r.get("organisation_code"))
        if not code:
            importer.problem("document_follows", number, "organisation_code", "Bắt buộc nhập.")
        else:
            importer.org_in_scope("document_follows", number, "organisation_code", code, Action.MANAGE)


def save(importer: _Importer, rows: dict[str, list[tuple[int, dict[str, Any]]]]) -> None:
    from exchange.sheets import _text
    from exchange.sheets_documents import reference_known

    for number, r in rows.get("document_follows", []):
        document = importer.documents[reference_known(_text(r.get("document")), importer.documents) or ""]
        organisation = importer.orgs[_text(r.get("organisation_code"))]
        if DocumentFollow.objects.filter(document=document, organisation=organisation).exists():
            continue
        try:
            doc_services.document_follow(
                document=document, organisation=organisation, acting_user=importer.user
            )
        except ValidationError as error:
            raise ValidationError(
                [f"{SHEET_LABELS['document_follows']}, dòng {number}: {m}" for m in error.messages]
            ) from None
        importer.count("document_follows", True)


def followed_ids(prefix: str) -> set[int]:
    """The documents followed inside the exported subtree: they travel with it."""
    return set(
        DocumentFollow.objects.filter(organisation__path__startswith=prefix).values_list(
            "document_id", flat=True
        )
    )


def export(book: Any, prefix: str, exported: set[int]) -> None:
    from exchange.export import _header, _write

    sheet = _header(book, "document_follows")
    for follow in (
        DocumentFollow.objects.filter(organisation__path__startswith=prefix, document_id__in=exported)
        .select_related("document", "organisation")
        .order_by("organisation__path", "document__issued_on", "document_id")
    ):
        _write(sheet, [follow.document.reference, follow.organisation.code])
