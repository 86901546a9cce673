"""Issue 21, round trip: documents and tasks entered as the pages enter them (shared central documents,
issuers outside the tree, unnumbered and undated documents, drafts, every status, tasks on several bases
or none, led by units outside the tree) export, import into an empty database and export identically."""

from __future__ import annotations

import io
from datetime import date
from typing import Any

import pytest
from django.contrib.auth.models import User

from committees.models import Organisation
from exchange.workbook import export_workbook, import_workbook
from resolutions import services
from resolutions.models import Document, DocumentStatus, IssuingBody, IssuingBodyLevel, LinkKind, Task
from tests.conftest import Tree
from tests.test_workbook import _wipe, book, sheets_of

CUT_OFF = date(2024, 6, 30)


def _build(tree: Tree) -> None:
    """Every case of the issue, through the services as the pages call them."""
    body = IssuingBody.objects.get
    ubnd = services.issuing_body_create(
        code="UBND-HCM",
        name="Ủy ban nhân dân Thành phố Hồ Chí Minh",
        level=IssuingBodyLevel.LOCAL_STATE,
        acting_user=None,
    )

    def doc(raw: str, title: str, org: Organisation, **extra: Any) -> Document:
        return services.document_create(
            raw_number=raw, title=title, organisation=org, acting_user=None, **extra
        )

    central = doc(
        "18-NQ/TW",
        "một số vấn đề về tiếp tục đổi mới, sắp xếp tổ chức bộ máy",
        tree.city,
        issuing_body=body(code="BCHTW"),
        term_label="XII",
        issued_on=date(2017, 10, 25),
    )
    doc(
        "35-KL/TW",
        "về danh mục chức danh",
        tree.city,
        issuing_body=body(code="BCT"),
        issued_on=date(2022, 5, 5),
    )
    congress = doc(
        "",
        "Nghị quyết Đại hội đại biểu toàn quốc lần thứ XIII của Đảng",
        tree.city,
        citation="Nghị quyết Đại hội XIII",
        issuing_body=body(code="BCHTW"),
    )
    doc(
        "",
        "Kết luận Hội nghị lần thứ tư Ban Chấp hành Trung ương khóa XII",
        tree.city,
        citation="Kết luận Hội nghị Trung ương 4 khóa XII",
        status=DocumentStatus.EXPIRED,
    )
    partial = doc("", "về giảm nghèo bền vững", tree.dept, citation="Chỉ thị 18 của UBND", issuing_body=ubnd)
    doc("Số    -NQ/ĐU", "về công tác cán bộ (dự thảo)", tree.dept)
    doc("Số    -NQ/ĐU", "về chuyển đổi số (dự thảo)", tree.dept, issued_on=date(2024, 5, 2))
    doc(
        "12-CT/TU",
        "về công tác dân vận",
        tree.city,
        status=DocumentStatus.REPLACED,
        issued_on=date(2015, 3, 1),
    )
    doc("05/CT-UBND", "về an toàn lao động", tree.city, issuing_body=ubnd, status=DocumentStatus.EXPIRED)
    plan = doc("45-KH/ĐU", "thực hiện Nghị quyết 18 và Chỉ thị 18", tree.dept, issued_on=date(2024, 2, 1))
    for target in (central, partial):
        services.document_link(source=plan, target=target, kind=LinkKind.IMPLEMENTS, acting_user=None)
    services.task_create(
        document=central,
        organisation=tree.cell,
        title="Sắp xếp các phòng chuyên môn",
        due_on=date(2024, 12, 31),
        done_on=date(2024, 6, 1),
        bases=(plan, congress),
        co_organisations=(tree.cell2,),
        acting_user=None,
    )
    services.task_create(
        document=None,
        organisation=tree.cell2,
        title="Ý kiến chỉ đạo: tuyên truyền gương người tốt việc tốt",
        lead_unit="Báo Người Lao Động",
        co_units="Công đoàn Sở; Sở Nội vụ",
        acting_user=None,
    )
    services.task_create(
        document=partial, organisation=tree.dept, title="Rà soát hộ cận nghèo", code="NV-18", acting_user=None
    )


def test_every_case_of_issue_21_survives_the_round_trip(tree: Tree) -> None:
    _build(tree)
    first = export_workbook(cut_off=CUT_OFF)
    _wipe()
    IssuingBody.objects.filter(code="UBND-HCM").delete()
    assert not Document.objects.exists() and not Organisation.objects.exists()
    result = import_workbook(io.BytesIO(first), acting_user=None)
    assert result.ok, [str(p) for p in result.problems][:5]
    assert result.created["documents"] == 10 and result.created["tasks"] == 3
    second = export_workbook(cut_off=CUT_OFF)
    assert sheets_of(first) == sheets_of(second)
    # What the sheets mean came back too, not just the same text.
    congress = Document.objects.get(citation="Nghị quyết Đại hội XIII")
    assert congress.issuing_body.code == "BCHTW" and congress.issued_on is None  # type: ignore[union-attr]
    assert Document.objects.get(citation="Chỉ thị 18 của UBND").issuing_body.name == (  # type: ignore[union-attr]
        "Ủy ban nhân dân Thành phố Hồ Chí Minh"
    )
    assert Document.objects.get(canonical_number="18-NQ/TW").issuer_organisation is None
    assert Document.objects.filter(status=DocumentStatus.DRAFT).count() == 2
    task = Task.objects.get(title="Sắp xếp các phòng chuyên môn")
    assert {b.reference for b in task.bases.all()} == {"45-KH/ĐU", "Nghị quyết Đại hội XIII"}
    instruction = Task.objects.get(lead_unit="Báo Người Lao Động")
    assert instruction.document is None and instruction.co_units == "Công đoàn Sở; Sở Nội vụ"
    # Importing the same file again changes nothing.
    again = import_workbook(io.BytesIO(second), acting_user=None)
    assert again.ok and not again.created and not again.updated


def test_the_department_s_export_imports_into_an_empty_database(tree: Tree) -> None:
    _build(tree)
    data = export_workbook(organisation=tree.dept, cut_off=CUT_OFF)
    rows = sheets_of(data)["documents"]
    # The city's documents the department's tasks and plan rest on come with it.
    assert {"18-NQ/TW", "Nghị quyết Đại hội XIII", "Chỉ thị 18 của UBND"} <= {r[0] or r[7] for r in rows[1:]}
    _wipe()
    result = import_workbook(io.BytesIO(data), acting_user=None)
    assert result.ok, [str(p) for p in result.problems][:5]
    assert sheets_of(
        export_workbook(organisation=Organisation.objects.get(code="SLDTBXH"), cut_off=CUT_OFF)
    ) == (sheets_of(data))


@pytest.mark.parametrize(
    ("row", "column", "message"),
    [
        (["", "", "x", "", "", "", "", "", "", "", "", ""], "number", "Nhập số, ký hiệu hoặc cách trích dẫn"),
        (["07-NQ/ĐU", "", "x", "", "", "", "", "", "KHONG-CO", "", "", ""], "issuing_body_code", "KHONG-CO"),
        (["07-NQ/ĐU", "", "x", "", "", "", "", "", "", "", "sap-het", ""], "status", "sap-het"),
    ],
)
def test_bad_document_rows_are_refused_in_vietnamese(
    tree: Tree, alice: User, row: list[str], column: str, message: str
) -> None:
    header = [
        "number",
        "issued_on",
        "title",
        "issuer",
        "issuer_organisation_code",
        "implements",
        "organisation_code",
        "citation",
        "issuing_body_code",
        "issuing_body_name",
        "status",
        "term_label",
    ]
    result = import_workbook(book(documents=[header, row]), acting_user=alice)
    assert not result.ok
    assert any(p.column == column and message in p.message for p in result.problems), [
        str(p) for p in result.problems
    ]
    assert not Document.objects.exists()


def test_a_user_may_not_extend_the_registry_of_issuing_bodies_by_a_workbook(tree: Tree, alice: User) -> None:
    header = ["number", "title", "issuing_body_code", "issuing_body_name"]
    result = import_workbook(
        book(documents=[header, ["07-NQ/ĐU", "x", "UBND-HN", "Ủy ban nhân dân Thành phố Hà Nội"]]),
        acting_user=alice,
    )
    assert not result.ok and not IssuingBody.objects.filter(code="UBND-HN").exists()
    assert import_workbook(
        book(documents=[header, ["07-NQ/ĐU", "x", "UBND-HN", "Ủy ban nhân dân Thành phố Hà Nội"]]),
        acting_user=None,
    ).ok
    assert (
        Document.objects.get(canonical_number="07-NQ/ĐU").issuing_body.name  # type: ignore[union-attr]
        == "Ủy ban nhân dân Thành phố Hà Nội"
    )  # type: ignore[union-attr]


def test_a_document_is_kept_only_by_an_organisation_the_importer_manages(tree: Tree, alice: User) -> None:
    header = ["citation", "title", "organisation_code"]
    refused = import_workbook(
        book(documents=[header, ["Kế hoạch 46 của Sở Y tế", "x", tree.sibling.code]]), acting_user=alice
    )
    assert not refused.ok and not Document.objects.exists()
    assert any(p.column == "organisation_code" for p in refused.problems)
    accepted = import_workbook(
        book(documents=[header, ["Kế hoạch 46 của Sở", "x", tree.cell.code]]), acting_user=alice
    )
    assert accepted.ok and Document.objects.get(citation="Kế hoạch 46 của Sở").organisation == tree.cell
