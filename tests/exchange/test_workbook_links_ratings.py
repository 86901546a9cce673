"""Issue 21, round trip: the sheets Liên kết văn bản (`document_links`) and Xếp loại chất lượng (`ratings`).

Links of every kind and the yearly ratings of organisations and members, built through the services as the
pages call them, export, import into an EMPTY database through the services (audit rows) and export
identical sheets. Then: "implements" given both in the documents sheet and here is one link, the scope is the
pages', every bad row is refused in Vietnamese with nothing saved, and the export's queries do not grow with
the rows."""

from __future__ import annotations

import io
from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.db import connection
from django.test.utils import CaptureQueriesContext

from committees import services as org_services
from committees.models import AuditEntry, Gender, QualityRating, RatingLevel, RoleKind
from exchange.workbook import export_workbook, import_workbook
from inspections import services as inspection_services
from inspections.models import Body, Programme
from resolutions import services as doc_services
from resolutions.models import Document, DocumentLink, LinkKind
from tests.conftest import Tree, make_user
from tests.test_workbook import _wipe, book, sheets_of

CUT_OFF = date(2025, 12, 31)
DOCS = [["number", "issued_on", "title", "issuer_organisation_code"]]
LINK_HEADER = ["source", "kind", "target"]
RATING_HEADER = ["organisation_code", "member_name", "year", "level", "score"]


def _doc(raw: str, issued: date, org: Any, title: str = "") -> Document:
    return doc_services.document_create(
        raw_number=raw, title=title or f"văn bản {raw}", organisation=org, issued_on=issued, acting_user=None
    )


def _build(tree: Tree) -> None:
    central = _doc("18-NQ/TW", date(2017, 10, 25), tree.city)
    old = _doc("10-CT/TU", date(2019, 3, 1), tree.city)
    directive = _doc("32-CT/TU", date(2024, 3, 21), tree.city)
    plan = _doc("45-KH/ĐU", date(2024, 4, 1), tree.dept)
    guide = _doc("12-HD/ĐU", date(2024, 4, 15), tree.dept)
    report = _doc("20-BC/ĐU", date(2024, 12, 1), tree.dept)
    amendment = _doc("46-KH/ĐU", date(2024, 6, 1), tree.dept)
    link = doc_services.document_link
    link(source=directive, target=central, kind=LinkKind.IMPLEMENTS, acting_user=None)
    link(source=plan, target=directive, kind=LinkKind.IMPLEMENTS, acting_user=None)
    link(source=directive, target=old, kind=LinkKind.REPLACES, acting_user=None)
    link(source=guide, target=plan, kind=LinkKind.GUIDES, acting_user=None)
    link(source=report, target=plan, kind=LinkKind.REVIEWS, acting_user=None)
    link(source=report, target=directive, kind=LinkKind.REPORTS_ON, acting_user=None)
    link(source=amendment, target=plan, kind=LinkKind.AMENDS, acting_user=None)
    link(source=plan, target=central, kind=LinkKind.CITES, acting_user=None)
    rate = org_services.rating_record
    rate(year=2017, level=RatingLevel.TSVM_MODEL, organisation=tree.dept, acting_user=None)
    rate(year=2023, level=RatingLevel.EXCELLENT, organisation=tree.dept, acting_user=None)
    rate(year=2023, level=RatingLevel.GOOD, organisation=tree.cell, acting_user=None)
    rate(year=2025, score=Decimal("92.5"), organisation=tree.cell, acting_user=None)
    rate(year=2023, level=RatingLevel.DONE, organisation=tree.sibling, acting_user=None)
    for name in ("Trần Thị Bình", "Nguyễn Văn An"):
        member = org_services.member_create(
            organisation=tree.cell, full_name=name, gender=Gender.FEMALE, acting_user=None
        )
        rate(year=2023, level=RatingLevel.GOOD, member=member, acting_user=None)
    rate(year=2025, score=Decimal(68), member=member, acting_user=None)


def _snapshot() -> tuple[Any, ...]:
    return (
        AuditEntry.objects.count(),
        list(DocumentLink.objects.order_by("pk").values_list("source_id", "kind", "target_id")),
        list(
            QualityRating.objects.order_by("pk").values_list(
                "year", "organisation_id", "member_id", "level", "score"
            )
        ),
    )


def _refused(stream: io.BytesIO, user: User | None, *where: tuple[str, int, str, str]) -> None:
    before = _snapshot()
    result = import_workbook(stream, acting_user=user)
    assert [(p.sheet, p.row, p.column, p.message) for p in result.problems] == list(where)
    assert _snapshot() == before


def test_links_and_ratings_export_and_import_into_an_empty_database_identically(tree: Tree) -> None:
    _build(tree)
    first = export_workbook(cut_off=CUT_OFF)
    sheets = sheets_of(first)
    assert sheets["document_links"] == [
        ("source", "kind", "target"),
        ("32-CT/TU", "replaces", "10-CT/TU"),
        ("45-KH/ĐU", "cites", "18-NQ/TW"),
        ("12-HD/ĐU", "guides", "45-KH/ĐU"),
        ("46-KH/ĐU", "amends", "45-KH/ĐU"),
        ("20-BC/ĐU", "reports_on", "32-CT/TU"),
        ("20-BC/ĐU", "reviews", "45-KH/ĐU"),
    ]
    # "implements" stays the documents sheet's column.
    implements = {r[0]: r[5] for r in sheets["documents"][1:]}
    assert (implements["32-CT/TU"], implements["45-KH/ĐU"]) == ("18-NQ/TW", "32-CT/TU")
    assert sheets["ratings"] == [
        ("organisation_code", "member_name", "year", "level", "score"),
        ("SLDTBXH", None, 2017, "tsvm_tieu_bieu", None),
        ("SLDTBXH", None, 2023, "htxsnv", None),
        ("CB-VP", None, 2023, "httnv", None),
        ("CB-VP", None, 2025, "htxsnv", 92.5),
        ("CB-VP", "Nguyễn Văn An", 2023, "httnv", None),
        ("CB-VP", "Nguyễn Văn An", 2025, "htnv", 68),
        ("CB-VP", "Trần Thị Bình", 2023, "httnv", None),
        ("SYT", None, 2023, "htnv", None),
    ]

    _wipe()
    assert not DocumentLink.objects.exists() and not QualityRating.objects.exists()
    AuditEntry.objects.all().delete()
    result = import_workbook(io.BytesIO(first), acting_user=None)
    assert result.ok, [str(p) for p in result.problems][:5]
    assert (result.created["document_links"], result.created["ratings"]) == (6, 8)
    assert sheets_of(export_workbook(cut_off=CUT_OFF)) == sheets
    assert DocumentLink.objects.count() == 8
    assert AuditEntry.objects.filter(action="document.link").count() == 8
    assert AuditEntry.objects.filter(action="rating.record").count() == 8
    # Importing the same file again changes nothing.
    audit = AuditEntry.objects.count()
    again = import_workbook(io.BytesIO(first), acting_user=None)
    assert again.ok and not again.created and not again.updated, [str(p) for p in again.problems]
    assert AuditEntry.objects.count() == audit


def test_the_department_s_export_imports_back_unchanged_by_its_staff(tree: Tree, alice: User) -> None:
    _build(tree)
    sheets = sheets_of(export_workbook(organisation=tree.dept, cut_off=CUT_OFF))
    # The sibling's rating is not the department's to see.
    assert [r[0] for r in sheets["ratings"][1:]].count("SYT") == 0 and len(sheets["ratings"]) == 8
    stream = book(**{name: [list(r) for r in sheets[name]] for name in ("document_links", "ratings")})
    result = import_workbook(stream, acting_user=alice)
    assert result.ok and not result.created and not result.updated, [str(p) for p in result.problems]


def test_implements_given_both_ways_is_one_link_and_a_changed_rating_is_recorded(tree: Tree) -> None:
    _doc("18-NQ/TW", date(2017, 10, 25), tree.city)
    org_services.rating_record(year=2023, level=RatingLevel.GOOD, organisation=tree.cell, acting_user=None)
    stream = book(
        documents=[
            [*DOCS[0], "implements"],
            ["45-KH/ĐU", "01/04/2024", "kế hoạch", "SLDTBXH", "18-NQ/TW"],
        ],
        document_links=[LINK_HEADER, ["45-kh/đu", "implements", "18-NQ/TW"]],
        ratings=[RATING_HEADER, ["CB-VP", "", 2023, "htxsnv", ""]],
    )
    result = import_workbook(stream, acting_user=None)
    assert result.ok, [str(p) for p in result.problems]
    assert (
        DocumentLink.objects.count() == 1 and AuditEntry.objects.filter(action="document.link").count() == 1
    )
    assert result.updated == {"ratings": 1} and "document_links" not in result.created
    assert QualityRating.objects.get(organisation=tree.cell, year=2023).level == RatingLevel.EXCELLENT


def test_the_scope_is_the_pages(tree: Tree, alice: User, dave: User, bob: User) -> None:
    _build(tree)
    refusal = "Không có «%s» trong phạm vi của bạn."
    # A sibling's staff may neither link the department's plan nor rate the department or its members.
    _refused(
        book(
            document_links=[LINK_HEADER, ["45-KH/ĐU", "cites", "20-BC/ĐU"]],
            ratings=[
                RATING_HEADER,
                ["SLDTBXH", "", 2024, "httnv", ""],
                ["CB-VP", "Nguyễn Văn An", 2024, "htnv", ""],
            ],
        ),
        dave,
        ("document_links", 2, "source", refusal % "45-KH/ĐU"),
        ("document_links", 2, "target", refusal % "20-BC/ĐU"),
        ("ratings", 2, "organisation_code", refusal % "SLDTBXH"),
        ("ratings", 3, "organisation_code", refusal % "CB-VP"),
    )
    # The department's staff may not link a document kept by the city above, nor rate the city.
    _refused(
        book(
            document_links=[LINK_HEADER, ["32-CT/TU", "cites", "45-KH/ĐU"]],
            ratings=[RATING_HEADER, ["TU-HCM", "", 2024, "httnv", ""]],
        ),
        alice,
        ("document_links", 2, "source", refusal % "32-CT/TU"),
        ("ratings", 2, "organisation_code", refusal % "TU-HCM"),
    )
    # A leader reads but does not write.
    _refused(
        book(ratings=[RATING_HEADER, ["CB-VP", "", 2024, "httnv", ""]]),
        bob,
        ("ratings", 2, "organisation_code", refusal % "CB-VP"),
    )
    # What the staff may do on the pages, the file may too: their own plan cites the city's directive.
    stream = book(
        document_links=[LINK_HEADER, ["45-KH/ĐU", "cites", "32-CT/TU"]],
        ratings=[RATING_HEADER, ["CB-VP", "Trần Thị Bình", 2024, "htxsnv", ""]],
    )
    result = import_workbook(stream, acting_user=alice)
    assert result.ok and result.created == {"document_links": 1, "ratings": 1}, [
        str(p) for p in result.problems
    ]
    assert AuditEntry.objects.filter(user=alice, action="document.link").exists()
    assert AuditEntry.objects.filter(user=alice, action="rating.record").exists()


def test_bad_rows_are_refused_in_vietnamese_and_nothing_is_saved(tree: Tree) -> None:
    _build(tree)
    _refused(
        book(
            document_links=[
                LINK_HEADER,
                ["45-KH/ĐU", "follows", "32-CT/TU"],
                ["45-KH/ĐU", "cites", "45-kh/đu"],
                ["45-KH/ĐU", "cites", "99-NQ/TW"],
                ["", "cites", "32-CT/TU"],
                ["12-HD/ĐU", "cites", "32-CT/TU"],
                ["12-HD/ĐU", "cites", "32-ct/tu"],
            ],
            ratings=[
                RATING_HEADER,
                ["SLDTBXH", "", 2020, "tsvm", ""],
                ["CB-VP", "Trần Thị Bình", 2016, "tsvm", ""],
                ["CB-VP", "", 2025, "htnv", 92],
                ["CB-VP", "", 2023, "", 80],
                ["CB-VP", "Lê Văn Không", 2023, "httnv", ""],
                ["CB-VP", "", "năm ngoái", "httnv", ""],
                ["CB-VP", "", 2024, "giỏi", ""],
                ["CB-VP", "", 2024, "", ""],
                ["SLDTBXH", "", 2024, "httnv", ""],
                ["SLDTBXH", "", 2024, "htnv", ""],
                ["KHONG-CO", "", 2024, "httnv", ""],
            ],
        ),
        None,
        ("document_links", 2, "kind", "Quan hệ «follows» không có trong danh mục."),
        ("document_links", 4, "target", "Không có văn bản số «99-NQ/TW»."),
        ("document_links", 5, "source", "Bắt buộc nhập."),
        ("document_links", 3, "target", "Một văn bản không thể liên kết với chính nó."),
        ("document_links", 7, "target", "Liên kết trùng với dòng 6."),
        ("ratings", 2, "level", "Mức «trong sạch vững mạnh» chỉ dùng cho các năm trước 2018."),
        ("ratings", 3, "level", "Mức «trong sạch vững mạnh» chỉ dùng cho tổ chức đảng."),
        (
            "ratings",
            4,
            "level",
            "Mức xếp loại «Hoàn thành nhiệm vụ» không khớp với số điểm 92 (phải là «Hoàn thành xuất sắc nhiệm vụ»).",
        ),
        ("ratings", 5, "score", "Chấm điểm theo Quy định 366-QĐ/TW chỉ áp dụng từ năm 2025."),
        ("ratings", 6, "member_name", "Không có đảng viên «Lê Văn Không» tại tổ chức «CB-VP»."),
        ("ratings", 7, "year", "Năm «năm ngoái» không hợp lệ."),
        ("ratings", 8, "level", "Mức xếp loại «giỏi» không có trong danh mục."),
        ("ratings", 9, "level", "Cần chọn mức xếp loại hoặc nhập điểm."),
        ("ratings", 11, "year", "Xếp loại năm 2024 trùng với dòng 10."),
        ("ratings", 12, "organisation_code", "Không có tổ chức mã «KHONG-CO»."),
    )
    # A loop between documents is refused by the service while saving, named by its row.
    result = import_workbook(
        book(document_links=[LINK_HEADER, ["10-CT/TU", "amends", "32-CT/TU"]]), acting_user=None
    )
    assert [p.message for p in result.problems] == [
        "Liên kết văn bản, dòng 2: Liên kết này tạo thành vòng lặp giữa các văn bản."
    ]
    assert DocumentLink.objects.count() == 8


@pytest.mark.parametrize("extra", [0, 1])
def test_the_export_s_queries_do_not_grow_with_links_and_ratings(tree: Tree, extra: int) -> None:
    _build(tree)
    counts = []
    for step in range(2):
        if step:
            for i in range(3):
                source = _doc(f"{50 + i}-KH/ĐU", date(2024, 7, 1 + i), tree.dept)
                target = Document.objects.get(canonical_number="45-KH/ĐU")
                doc_services.document_link(
                    source=source, target=target, kind=LinkKind.CITES, acting_user=None
                )
                org_services.rating_record(
                    year=2019 + i, level=RatingLevel.GOOD, organisation=tree.cell2, acting_user=None
                )
        with CaptureQueriesContext(connection) as queries:
            export_workbook(organisation=tree.dept if extra else None, cut_off=CUT_OFF)
        counts.append(len(queries))
    assert counts[0] == counts[1]


# --- inspection programmes -----------------------------------------------------------------------
PROGRAMME_HEADER = ["organisation_code", "body", "year", "title", "document"]


def _programmes(tree: Tree) -> None:
    plan = _doc("05-CTr/ĐU", date(2024, 1, 10), tree.dept)
    create = inspection_services.programme_create
    create(
        organisation=tree.dept,
        year=2024,
        title="Chương trình kiểm tra năm 2024",
        document=plan,
        acting_user=None,
    )
    create(
        organisation=tree.dept,
        body=Body.COMMISSION,
        year=2024,
        title="Chương trình của UBKT",
        acting_user=None,
    )
    create(organisation=tree.sibling, year=2024, title="Chương trình của Sở Y tế", acting_user=None)


def test_inspection_programmes_export_and_import_into_an_empty_database_identically(tree: Tree) -> None:
    _programmes(tree)
    first = export_workbook(cut_off=CUT_OFF)
    sheets = sheets_of(first)
    assert sheets["inspection_programmes"] == [
        tuple(PROGRAMME_HEADER),
        ("SLDTBXH", "commission", 2024, "Chương trình của UBKT", None),
        ("SLDTBXH", "committee", 2024, "Chương trình kiểm tra năm 2024", "05-CTr/ĐU"),
        ("SYT", "committee", 2024, "Chương trình của Sở Y tế", None),
    ]
    Programme.objects.all().delete()
    _wipe()
    AuditEntry.objects.all().delete()
    result = import_workbook(io.BytesIO(first), acting_user=None)
    assert result.ok and result.created["inspection_programmes"] == 3, [str(p) for p in result.problems][:5]
    assert sheets_of(export_workbook(cut_off=CUT_OFF)) == sheets
    assert AuditEntry.objects.filter(action="programme.create").count() == 3
    again = import_workbook(io.BytesIO(first), acting_user=None)
    assert again.ok and not again.created and not again.updated, [str(p) for p in again.problems]


def test_a_programme_is_written_in_scope_and_bad_rows_are_refused(
    tree: Tree, alice: User, ivan: User
) -> None:
    _programmes(tree)
    refusal = "Không có «%s» trong phạm vi của bạn."
    before = list(Programme.objects.order_by("pk").values())

    def refused(stream: io.BytesIO, user: User | None, *where: tuple[str, int, str, str]) -> None:
        result = import_workbook(stream, acting_user=user)
        assert [(p.sheet, p.row, p.column, p.message) for p in result.problems] == list(where)
        assert list(Programme.objects.order_by("pk").values()) == before

    # The staff do not inspect: the inspector of the city does, below it too.
    row = ["SLDTBXH", "committee", 2024, "Chương trình đã sửa", "05-CTr/ĐU"]
    refused(
        book(inspection_programmes=[PROGRAMME_HEADER, row]),
        alice,
        ("inspection_programmes", 2, "organisation_code", refusal % "SLDTBXH"),
    )
    refused(
        book(
            inspection_programmes=[
                PROGRAMME_HEADER,
                ["SLDTBXH", "ban", 2025, "Chương trình", ""],
                ["SLDTBXH", "", "hai nghìn", "", ""],
                ["SYT", "", 2025, "Chương trình", "05-CTr/ĐU"],
                ["SYT", "", 2026, "Chương trình", ""],
                ["SYT", "committee", 2026, "Chương trình", ""],
            ]
        ),
        None,
        ("inspection_programmes", 2, "body", "Cơ quan «ban» không có trong danh mục."),
        ("inspection_programmes", 3, "year", "Năm «hai nghìn» không hợp lệ."),
        ("inspection_programmes", 3, "title", "Bắt buộc nhập."),
        (
            "inspection_programmes",
            4,
            "document",
            "Văn bản ban hành chương trình phải của chính cấp ủy này.",
        ),
        ("inspection_programmes", 6, "year", "Chương trình năm 2026 trùng với dòng 5."),
    )
    result = import_workbook(book(inspection_programmes=[PROGRAMME_HEADER, row]), acting_user=ivan)
    assert result.ok and result.updated == {"inspection_programmes": 1}, [str(p) for p in result.problems]
    assert Programme.objects.get(organisation=tree.dept, body=Body.COMMITTEE).title == "Chương trình đã sửa"
    assert AuditEntry.objects.filter(user=ivan, action="programme.update").exists()


@pytest.fixture
def ivan(tree: Tree) -> User:
    return make_user("ivan", tree.city, RoleKind.INSPECTOR)
