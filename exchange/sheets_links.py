"""Two sheets of the exchange workbook entered on the pages (issue 21, docs/meetings.md "The workbook"):

- `document_links` (Liên kết văn bản): a document guides, reviews, reports on, replaces, amends or cites
  another ("implements" travels in the documents sheet's column `implements`, and is read here too: a link
  given both ways is one link). Written by who manages the source document's keeper, as on its page.
- `ratings` (Xếp loại chất lượng): the yearly quality rating of a Party organisation or of a member, written
  by who manages the organisation (the member's own organisation), as on the ratings page.

Both are matched by what they are (the source, kind and target; the subject and year): a row already stored
changes nothing."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db.models import F, Q
from django.db.models.functions import Coalesce

from committees import ratings
from committees import services as org_services
from committees.access import Action
from committees.models import Member, QualityRating, RatingLevel
from core.vn import VnValueError
from resolutions import services as doc_services
from resolutions.models import DocumentLink, LinkKind

if TYPE_CHECKING:
    from exchange.importer import _Importer

COLUMNS: dict[str, list[tuple[str, str, bool]]] = {
    "document_links": [
        ("source", "Văn bản (số, ký hiệu hoặc cách trích dẫn)", True),
        ("kind", "Quan hệ", True),
        ("target", "Văn bản được liên kết", True),
    ],
    "ratings": [
        ("organisation_code", "Mã tổ chức", True),
        # Empty for the rating of the organisation itself; else a member of that organisation.
        ("member_name", "Đảng viên", False),
        ("year", "Năm", True),
        ("level", "Mức xếp loại", False),
        ("score", "Điểm", False),
    ],
}
SHEET_LABELS = {"document_links": "Liên kết văn bản", "ratings": "Xếp loại chất lượng"}
CODED = {
    ("document_links", "kind"): [k.value for k in LinkKind],
    ("ratings", "level"): [level.value for level in RatingLevel],
}
Rows = list[tuple[int, dict[str, Any]]]


def _wrap(sheet: str, number: int, error: ValidationError) -> ValidationError:
    """A service's refusal while saving, told as the row it came from."""
    return ValidationError([f"{SHEET_LABELS[sheet]}, dòng {number}: {m}" for m in error.messages])


# --- document links ------------------------------------------------------------------------------
def _link_key(importer: _Importer, r: dict[str, Any]) -> tuple[str, str, str]:
    from exchange.sheets import _text
    from exchange.sheets_documents import reference_known

    def key(column: str) -> str:
        raw = _text(r.get(column))
        return reference_known(raw, importer.new_documents) or reference_known(raw, importer.documents) or raw

    return key("source"), _text(r.get("kind")), key("target")


def validate_links(importer: _Importer) -> None:
    from exchange.sheets import _text

    sheet = importer.sheets.get("document_links")
    rows = sheet.rows if sheet else []
    known: list[tuple[int, tuple[str, str, str]]] = []
    for number, r in rows:
        ok = True
        for column in ("source", "target"):
            reference = _text(r.get(column))
            if not reference:
                importer.problem("document_links", number, column, "Bắt buộc nhập.")
                ok = False
            elif not importer.document_known(reference, "document_links", number, column):
                ok = False
        kind = _text(r.get("kind"))
        if not kind:
            importer.problem("document_links", number, "kind", "Bắt buộc nhập.")
            ok = False
        elif kind not in LinkKind.values:
            importer.problem("document_links", number, "kind", f"Quan hệ «{kind}» không có trong danh mục.")
            ok = False
        if ok:
            known.append((number, _link_key(importer, r)))
    stored_ids = {importer.documents[s].pk for _n, (s, _k, _t) in known if s in importer.documents}
    existing = {
        (source, kind, target)
        for source, kind, target in DocumentLink.objects.filter(source_id__in=stored_ids).values_list(
            "source_id", "kind", "target_id"
        )
    }
    seen: dict[tuple[str, str, str], int] = {}
    for number, key in known:
        source, kind, target = key
        if source == target:
            importer.problem(
                "document_links", number, "target", "Một văn bản không thể liên kết với chính nó."
            )
        elif key in seen:
            importer.problem("document_links", number, "target", f"Liên kết trùng với dòng {seen[key]}.")
        seen.setdefault(key, number)
        stored, stored_target = importer.documents.get(source), importer.documents.get(target)
        if stored is None or (stored_target is not None and (stored.pk, kind, stored_target.pk) in existing):
            continue  # a new document is checked on its own row; a stored link changes nothing
        if not importer.allows(stored.organisation, Action.MANAGE):
            importer.refuse("document_links", number, "source", source)


def save_links(importer: _Importer, rows: dict[str, Rows]) -> None:
    for number, r in rows.get("document_links", []):
        source_key, kind, target_key = _link_key(importer, r)
        source, target = importer.documents[source_key], importer.documents[target_key]
        if DocumentLink.objects.filter(source=source, target=target, kind=kind).exists():
            continue
        try:
            doc_services.document_link(source=source, target=target, kind=kind, acting_user=importer.user)
        except ValidationError as error:
            raise _wrap("document_links", number, error) from None
        importer.count("document_links", True)


def export_links(book: Any, exported: set[int]) -> None:
    """The links between exported documents but "implements", which is the documents sheet's column."""
    from exchange.export import _header, _write

    sheet = _header(book, "document_links")
    for link in (
        DocumentLink.objects.filter(source_id__in=exported, target_id__in=exported)
        .exclude(kind=LinkKind.IMPLEMENTS)
        .select_related("source", "target")
        .order_by("source__issued_on", "source_id", "kind", "target__issued_on", "target_id")
    ):
        _write(sheet, [link.source.reference, link.kind, link.target.reference])


# --- quality ratings ------------------------------------------------------------------------------
def _year(value: Any) -> int:
    from exchange.sheets import _text

    text = _text(value)
    if not text.isdigit() or not 1930 <= int(text) <= 2100:
        raise VnValueError(f"Năm «{value}» không hợp lệ.")
    return int(text)


def _score(value: Any) -> Decimal | None:
    from exchange.sheets import _decimal

    return _decimal(value)


def validate_ratings(importer: _Importer) -> None:
    from exchange.sheets import _text

    sheet = importer.sheets.get("ratings")
    rows = sheet.rows if sheet else []
    if not rows:
        return
    members = {(m.organisation.code, m.full_name) for m in Member.objects.select_related("organisation")}
    member_sheet = importer.sheets.get("members")
    members |= {
        (_text(r.get("organisation_code")), _text(r.get("full_name")))
        for _n, r in (member_sheet.rows if member_sheet else [])
    }
    seen: dict[tuple[str, str, int], int] = {}
    for number, r in rows:
        code, name = _text(r.get("organisation_code")), _text(r.get("member_name"))
        if not code:
            importer.problem("ratings", number, "organisation_code", "Bắt buộc nhập.")
        else:
            importer.org_in_scope("ratings", number, "organisation_code", code, Action.MANAGE)
        if code and name and (code, name) not in members:
            importer.problem(
                "ratings", number, "member_name", f"Không có đảng viên «{name}» tại tổ chức «{code}»."
            )
        year = importer.field("ratings", number, r, "year", _year, required=True)
        score = importer.field("ratings", number, r, "score", _score)
        level = _text(r.get("level"))
        if level and level not in RatingLevel.values:
            importer.problem("ratings", number, "level", f"Mức xếp loại «{level}» không có trong danh mục.")
            continue
        if year is None or (score is None and _text(r.get("score"))):
            continue  # reported above
        try:
            ratings.resolve_level(year=year, level=level, score=score, for_member=bool(name))
        except ValidationError as error:
            for column, messages in error.message_dict.items():
                for message in messages:
                    importer.problem("ratings", number, column, message)
        key = (code, name, year)
        if key in seen:
            importer.problem("ratings", number, "year", f"Xếp loại năm {year} trùng với dòng {seen[key]}.")
        seen.setdefault(key, number)


def save_ratings(importer: _Importer, rows: dict[str, Rows]) -> None:
    from exchange.sheets import _text

    for number, r in rows.get("ratings", []):
        organisation = importer.orgs[_text(r.get("organisation_code"))]
        name = _text(r.get("member_name"))
        member = (
            Member.objects.filter(organisation=organisation, full_name=name).order_by("id").first()
            if name
            else None
        )
        year, score = _year(r.get("year")), _score(r.get("score"))
        level = ratings.resolve_level(
            year=year, level=_text(r.get("level")), score=score, for_member=bool(name)
        )
        if member is not None:
            existing = QualityRating.objects.filter(year=year, member=member).first()
        else:
            existing = QualityRating.objects.filter(year=year, organisation=organisation).first()
        if existing is not None and existing.level == level and existing.score == score:
            continue
        try:
            org_services.rating_record(
                year=year,
                level=level,
                score=score,
                organisation=None if member else organisation,
                member=member,
                acting_user=importer.user,
            )
        except ValidationError as error:
            raise _wrap("ratings", number, error) from None
        importer.count("ratings", existing is None)


def export_ratings(book: Any, prefix: str) -> None:
    from exchange.export import _header, _write

    sheet = _header(book, "ratings")
    for rating in (
        QualityRating.objects.filter(
            Q(organisation__path__startswith=prefix) | Q(member__organisation__path__startswith=prefix)
        )
        .select_related("organisation", "member__organisation")
        .annotate(subject_path=Coalesce("organisation__path", "member__organisation__path"))
        # The organisation's own rating first, then its members' by name, on every database.
        .order_by(
            "subject_path",
            F("member__full_name_folded").asc(nulls_first=True),
            F("member_id").asc(nulls_first=True),
            "year",
        )
    ):
        subject = rating.member.organisation if rating.member else rating.organisation
        _write(
            sheet,
            [
                subject.code if subject else "",
                rating.member.full_name if rating.member else "",
                rating.year,
                rating.level,
                rating.score if rating.score is not None else "",
            ],
        )
