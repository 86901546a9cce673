"""The workbook's sheet `inspection_programmes` (Chương trình kiểm tra, giám sát; docs/inspections.md): a
committee's (or its standing committee's, or its inspection commission's) programme of one year, matched by
organisation, body and year. Written through inspections.services.programme_create / programme_update by who
inspects for the organisation (Action.INSPECT), as on the programme page. Its planned items have a sheet of
their own (exchange/sheets_inspection_items.py)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError

from committees.access import Action
from inspections import services as inspection_services
from inspections.models import Body, Programme

if TYPE_CHECKING:
    from exchange.importer import _Importer

COLUMNS: dict[str, list[tuple[str, str, bool]]] = {
    "inspection_programmes": [
        ("organisation_code", "Mã cấp ủy", True),
        ("body", "Cơ quan", False),
        ("year", "Năm", True),
        ("title", "Tên chương trình", True),
        ("document", "Văn bản ban hành chương trình", False),
    ],
}
SHEET = "inspection_programmes"
SHEET_LABELS = {SHEET: "Chương trình kiểm tra, giám sát"}
CODED = {(SHEET, "body"): [b.value for b in Body]}
Rows = list[tuple[int, dict[str, Any]]]


def validate(importer: _Importer) -> None:
    from exchange.sheets import _text
    from exchange.sheets_links import _year

    sheet = importer.sheets.get(SHEET)
    seen: dict[tuple[str, str, int], int] = {}
    for number, r in sheet.rows if sheet else []:
        code = _text(r.get("organisation_code"))
        if not code:
            importer.problem(SHEET, number, "organisation_code", "Bắt buộc nhập.")
        else:
            importer.org_in_scope(SHEET, number, "organisation_code", code, Action.INSPECT)
        body = _text(r.get("body")) or Body.COMMITTEE
        if body not in Body.values:
            importer.problem(SHEET, number, "body", f"Cơ quan «{body}» không có trong danh mục.")
        year = importer.field(SHEET, number, r, "year", _year, required=True)
        if not _text(r.get("title")):
            importer.problem(SHEET, number, "title", "Bắt buộc nhập.")
        reference = _text(r.get("document"))
        if reference and importer.document_known(reference, SHEET, number, "document"):
            _document_of_organisation(importer, number, reference, code)
        if year is not None:
            key = (code, body, year)
            if key in seen:
                importer.problem(
                    SHEET, number, "year", f"Chương trình năm {year} trùng với dòng {seen[key]}."
                )
            seen.setdefault(key, number)


def _document_of_organisation(importer: _Importer, number: int, reference: str, code: str) -> None:
    """The service's rule, told on the row before anything is saved: the programme's document is its own."""
    from exchange.sheets import _text
    from exchange.sheets_documents import reference_known

    new = reference_known(reference, importer.new_documents)
    if new is not None:
        row = dict(importer.sheets["documents"].rows)[importer.new_documents[new]["row"]]
        keeper = _text(row.get("organisation_code")) or _text(row.get("issuer_organisation_code"))
        if not keeper:
            return  # kept by the importer's highest organisation: the service judges it while saving
    else:
        stored = importer.documents[reference_known(reference, importer.documents) or ""]
        keeper = stored.organisation.code
    if keeper != code:
        importer.problem(
            SHEET, number, "document", "Văn bản ban hành chương trình phải của chính cấp ủy này."
        )


def save(importer: _Importer, rows: dict[str, Rows]) -> None:
    from exchange.sheets import _text
    from exchange.sheets_documents import reference_known
    from exchange.sheets_links import _year

    for number, r in rows.get(SHEET, []):
        organisation = importer.orgs[_text(r.get("organisation_code"))]
        body, year = _text(r.get("body")) or Body.COMMITTEE, _year(r.get("year"))
        reference = _text(r.get("document"))
        document = (
            importer.documents[reference_known(reference, importer.documents) or ""] if reference else None
        )
        fields: dict[str, Any] = {"title": _text(r.get("title")), "document": document}
        existing = Programme.objects.filter(organisation=organisation, body=body, year=year).first()
        try:
            if existing is None:
                inspection_services.programme_create(
                    organisation=organisation, body=body, year=year, acting_user=importer.user, **fields
                )
            elif existing.title != fields["title"] or existing.document_id != (
                document.pk if document else None
            ):
                inspection_services.programme_update(programme=existing, acting_user=importer.user, **fields)
            else:
                continue
        except ValidationError as error:
            raise ValidationError(
                [f"{SHEET_LABELS[SHEET]}, dòng {number}: {m}" for m in error.messages]
            ) from None
        importer.count(SHEET, existing is None)


def export(book: Any, prefix: str) -> None:
    from exchange.export import _header, _write

    sheet = _header(book, SHEET)
    for programme in (
        Programme.objects.filter(organisation__path__startswith=prefix)
        .select_related("organisation", "document")
        .order_by("organisation__path", "year", "body")
    ):
        document = programme.document.reference if programme.document else ""
        _write(
            sheet, [programme.organisation.code, programme.body, programme.year, programme.title, document]
        )
