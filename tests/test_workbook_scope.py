"""The workbook import stays inside the uploader's subtree (issue 19, finding 1).

Every existing row an import would touch is judged by the organisation that owns it in the database, every
new row by the uploader's scope; a refusal names the sheet and row and reads the same whether the code
exists elsewhere or not; a refusal saves nothing at all.
"""

from __future__ import annotations

import io
from datetime import date
from decimal import Decimal as D
from pathlib import Path
from typing import Any
from unittest import mock

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import User
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse

from committees import services as org_services
from committees.models import AuditEntry, Member, Organisation, RoleKind
from exchange import services as exchange_services
from exchange.workbook import export_workbook, import_workbook
from resolutions import services as doc_services
from resolutions.models import Document, DocumentLink, Task
from targets import services as target_services
from targets.models import Reading, Target
from tests.conftest import Tree, make_user
from tests.test_workbook import TARGET_HEADER, book, sheets_of

TASK_HEADER = ["code", "document_number", "organisation_code", "title", "due_on", "done_on"]
DOC_HEADER = ["number", "issued_on", "title", "issuer", "issuer_organisation_code", "implements"]


def refusal(value: str) -> str:
    return f"Không có «{value}» trong phạm vi của bạn."


@pytest.fixture
def directive(tree: Tree) -> Document:
    """A Thành ủy directive: every department reads it and is assigned tasks by it."""
    return doc_services.document_create(
        raw_number="32-CT/TU",
        title="về giảm nghèo bền vững",
        organisation=tree.city,
        issued_on=date(2024, 3, 21),
        issuer_organisation=tree.city,
        acting_user=None,
    )


@pytest.fixture
def sibling_plan(tree: Tree) -> Document:
    """A plan of the sibling department, which alice may not see."""
    return doc_services.document_create(
        raw_number="15-KH/ĐU",
        title="Kế hoạch của Đảng ủy Sở Y tế",
        organisation=tree.sibling,
        issued_on=date(2024, 4, 2),
        issuer_organisation=tree.sibling,
        acting_user=None,
    )


@pytest.fixture
def sibling_target(tree: Tree) -> Target:
    return target_services.target_create(
        code="SYT-2024-KCB",
        organisation=tree.sibling,
        title="Tỷ lệ hài lòng người bệnh",
        period="2024",
        shape="rate_floor",
        unit="%",
        planned=D(90),
        acting_user=None,
    )


def _snapshot() -> tuple[Any, ...]:
    """Everything an import could have written."""
    return (
        AuditEntry.objects.count(),
        list(Organisation.objects.order_by("pk").values_list("code", "name")),
        list(Member.objects.order_by("pk").values_list("organisation_id", "full_name")),
        list(Document.objects.order_by("pk").values_list("organisation_id", "canonical_number", "title")),
        list(DocumentLink.objects.order_by("pk").values_list("source_id", "target_id")),
        list(Target.objects.order_by("pk").values_list("code", "title", "planned")),
        Reading.objects.count(),
        list(Task.objects.order_by("pk").values_list("code", "organisation_id", "done_on")),
    )


def _refused(stream: io.BytesIO, user: User, *where: tuple[str, int, str, str]) -> None:
    before = _snapshot()
    result = import_workbook(stream, acting_user=user)
    assert [(p.sheet, p.row, p.column, p.message) for p in result.problems] == list(where)
    assert _snapshot() == before


def test_a_task_of_a_sibling_is_not_marked_done(tree: Tree, alice: User, directive: Document) -> None:
    task = doc_services.task_create(
        document=directive,
        organisation=tree.sibling,
        title="Khám sàng lọc",
        code="NV-SYT-1",
        acting_user=None,
    )
    stream = book(
        tasks=[
            TASK_HEADER,
            # alice's own task first: the refused row below must stop it too.
            ["NV-LD-1", "32-CT/TU", "SLDTBXH", "Rà soát hộ nghèo", "30/06/2024", ""],
            ["NV-SYT-1", "32-CT/TU", "SLDTBXH", "Khám sàng lọc", "30/06/2024", "01/06/2024"],
        ]
    )
    _refused(stream, alice, ("tasks", 3, "code", refusal("NV-SYT-1")))
    task.refresh_from_db()
    assert task.done_on is None


def test_a_target_of_another_bloc_is_not_retitled_replanned_or_read(
    tree: Tree, alice: User, sibling_target: Target
) -> None:
    stream = book(
        targets=[
            TARGET_HEADER,
            ["SYT-2024-KCB", "SLDTBXH", "Chỉ tiêu đã bị sửa", "rate_floor", "2024", "%", "0,00001"],
        ],
        readings=[["target_code", "cut_off", "value"], ["SYT-2024-KCB", "30/6/2024", "99,9999"]],
    )
    _refused(
        stream,
        alice,
        ("targets", 2, "code", refusal("SYT-2024-KCB")),
        ("readings", 2, "target_code", refusal("SYT-2024-KCB")),
    )
    sibling_target.refresh_from_db()
    assert (sibling_target.title, sibling_target.planned) == ("Tỷ lệ hài lòng người bệnh", D(90))
    assert not Reading.objects.exists()


def test_a_document_of_another_subtree_is_not_retitled(
    tree: Tree, alice: User, sibling_plan: Document
) -> None:
    stream = book(documents=[DOC_HEADER, ["15-KH/ĐU", "2/4/2024", "Trích yếu đã bị sửa", "", "", ""]])
    _refused(stream, alice, ("documents", 2, "number", refusal("15-KH/ĐU")))
    sibling_plan.refresh_from_db()
    assert sibling_plan.title == "Kế hoạch của Đảng ủy Sở Y tế"


def test_a_document_is_not_created_inside_another_subtree(tree: Tree, alice: User) -> None:
    stream = book(documents=[DOC_HEADER, ["20-KH/ĐU", "2/5/2024", "Kế hoạch giả", "", "SYT", ""]])
    _refused(stream, alice, ("documents", 2, "issuer_organisation_code", refusal("SYT")))
    assert not Document.objects.exists()


def test_a_document_of_another_subtree_gains_no_link(
    tree: Tree, alice: User, directive: Document, sibling_plan: Document
) -> None:
    """Its row unchanged, but the import would add «15-KH/ĐU implements 32-CT/TU» to the sibling's plan."""
    stream = book(
        documents=[DOC_HEADER, ["15-KH/ĐU", "2/4/2024", "Kế hoạch của Đảng ủy Sở Y tế", "", "", "32-CT/TU"]]
    )
    _refused(stream, alice, ("documents", 2, "number", refusal("15-KH/ĐU")))


def test_a_document_from_outside_the_tree_is_kept_where_its_importer_manages(tree: Tree) -> None:
    """Leader of the city (reads everything) and staff of one department (changes only there): the
    document they record is the department's, not the city's, which they could not change afterwards."""
    gina = make_user("gina", tree.city, RoleKind.LEADER)
    org_services.role_grant(user=gina, organisation=tree.dept, kind=RoleKind.STAFF, acting_user=None)
    stream = book(
        documents=[DOC_HEADER, ["10/CT-UBND", "5/5/2024", "về giảm nghèo", "UBND Thành phố", "", ""]]
    )
    assert import_workbook(stream, acting_user=gina).ok
    assert Document.objects.get().organisation == tree.dept


@pytest.mark.parametrize(
    ("sheets", "where"),
    [
        (
            {"members": [["organisation_code", "full_name", "gender"], ["CB-SYT-VP", "Nguyễn Văn A", "nam"]]},
            ("members", 2, "organisation_code", "CB-SYT-VP"),
        ),
        (
            {"tasks": [TASK_HEADER, ["", "32-CT/TU", "SYT", "Khám sàng lọc", "", ""]]},
            ("tasks", 2, "organisation_code", "SYT"),
        ),
        (
            {"targets": [TARGET_HEADER, ["LD-1", "SLDTBXH", "x", "count", "2024", "", "5"]]},
            None,
        ),
        (
            {
                "targets": [
                    [*TARGET_HEADER, "document_number"],
                    ["LD-1", "SLDTBXH", "x", "count", "2024", "", "5", "15-KH/ĐU"],
                ]
            },
            ("targets", 2, "document_number", "15-KH/ĐU"),
        ),
        (
            {
                "targets": [
                    [*TARGET_HEADER, "parent_code"],
                    ["LD-1", "SLDTBXH", "x", "count", "2024", "", "5", "SYT-2024-KCB"],
                ]
            },
            ("targets", 2, "parent_code", "SYT-2024-KCB"),
        ),
        (
            {"tasks": [TASK_HEADER, ["", "15-KH/ĐU", "SLDTBXH", "Phối hợp", "", ""]]},
            ("tasks", 2, "document_number", "15-KH/ĐU"),
        ),
        (
            {"readings": [["target_code", "cut_off", "value"], ["SYT-2024-KCB", "30/6/2025", "3"]]},
            ("readings", 2, "target_code", "SYT-2024-KCB"),
        ),
        (
            {
                "organisations": [
                    ["code", "name", "kind", "parent_code"],
                    ["CB-MOI", "Chi bộ mới", "cell", "SYT"],
                ]
            },
            ("organisations", 2, "parent_code", "SYT"),
        ),
    ],
)
def test_out_of_scope_and_unknown_read_the_same(
    tree: Tree,
    alice: User,
    directive: Document,
    sibling_plan: Document,
    sibling_target: Target,
    sheets: dict[str, list[list[Any]]],
    where: tuple[str, int, str, str] | None,
) -> None:
    """The refusal of a code that exists in another subtree is word for word that of a code that exists
    nowhere: the import tells nobody what lies outside their subtree (not even a target's period)."""
    if where is None:  # a new target in alice's own organisation: allowed, as the control
        assert import_workbook(book(**sheets), acting_user=alice).ok
        return
    sheet, row, column, existing = where
    unknown = "99-KH/ĐU" if column == "document_number" else "KHONG-CO"
    replaced = {
        name: [[unknown if cell == existing else cell for cell in line] for line in rows]
        for name, rows in sheets.items()
    }
    seen = []
    for stream, value in ((book(**sheets), existing), (book(**replaced), unknown)):
        problems = import_workbook(stream, acting_user=alice).problems
        assert (sheet, row, column, refusal(value)) in [
            (p.sheet, p.row, p.column, p.message) for p in problems
        ]
        seen.append([(p.sheet, p.row, p.column, p.message.replace(value, "…")) for p in problems])
    assert seen[0] == seen[1]


def test_an_admin_below_may_not_rename_or_extend_a_sibling(tree: Tree) -> None:
    frank = make_user("frank", tree.dept, RoleKind.ADMIN)
    header = ["code", "name", "kind", "parent_code"]
    stream = book(
        organisations=[
            header,
            ["CB-LD-MOI", "Chi bộ mới của Sở Lao động", "cell", "SLDTBXH"],
            ["SYT", "Tên đã bị sửa", "upper_grassroots", "TU-HCM"],
            ["CB-SYT-MOI", "Chi bộ mới của Sở Y tế", "cell", "SYT"],
        ]
    )
    _refused(
        stream,
        frank,
        ("organisations", 3, "code", refusal("SYT")),
        ("organisations", 4, "parent_code", refusal("SYT")),
    )
    # Its own subtree is its to extend.
    own = book(organisations=[header, ["CB-LD-MOI", "Chi bộ mới của Sở Lao động", "cell", "SLDTBXH"]])
    assert import_workbook(own, acting_user=frank).ok
    assert Organisation.objects.get(code="CB-LD-MOI").parent == tree.dept


def test_new_organisations_in_a_loop_are_an_error_not_a_crash(tree: Tree, alice: User) -> None:
    stream = book(
        organisations=[
            ["code", "name", "kind", "parent_code"],
            ["A", "Chi bộ A", "cell", "B"],
            ["B", "Chi bộ B", "cell", "A"],
        ]
    )
    result = import_workbook(stream, acting_user=alice)
    assert {(p.row, p.column) for p in result.problems} >= {(2, "parent_code"), (3, "parent_code")}
    assert not Organisation.objects.filter(code__in=["A", "B"]).exists()


def _own_data(tree: Tree, directive: Document) -> None:
    target_services.target_create(
        code="LD-2024-1",
        organisation=tree.dept,
        title="Nội dung trình UBND",
        period="2024",
        shape="count",
        planned=D(25),
        document=directive,
        acting_user=None,
    )
    doc_services.task_create(
        document=directive, organisation=tree.cell, title="Rà soát", code="NV-LD-1", acting_user=None
    )
    plan = doc_services.document_create(
        raw_number="7-KH/ĐU",
        title="Kế hoạch thực hiện",
        organisation=tree.dept,
        issued_on=date(2024, 4, 1),
        issuer_organisation=tree.dept,
        acting_user=None,
    )
    doc_services.document_link(source=plan, target=directive, kind="implements", acting_user=None)


def test_staff_may_import_their_own_export_and_change_their_own_rows(
    tree: Tree, alice: User, directive: Document, sibling_plan: Document, sibling_target: Target
) -> None:
    """The export of alice's subtree carries the organisations and documents above it: unchanged, they pass."""
    _own_data(tree, directive)
    data = export_workbook(organisation=tree.dept, cut_off=date(2024, 6, 30))
    result = import_workbook(io.BytesIO(data), acting_user=alice)
    assert result.ok and not result.created and not result.updated, [str(p) for p in result.problems]
    stream = book(
        documents=[DOC_HEADER, ["8-KH/ĐU", "2/5/2024", "Kế hoạch mới", "", "SLDTBXH", "32-CT/TU"]],
        targets=[
            [*TARGET_HEADER, "document_number"],
            ["LD-2024-1", "SLDTBXH", "Nội dung trình UBND Thành phố", "count", "2024", "", "30", "8-KH/ĐU"],
        ],
        readings=[["target_code", "cut_off", "value"], ["LD-2024-1", "30/6/2024", "15"]],
        tasks=[TASK_HEADER, ["NV-LD-1", "32-CT/TU", "CB-VP", "Rà soát", "", "01/06/2024"]],
        members=[["organisation_code", "full_name", "gender"], ["CB-VP", "Nguyễn Thị B", "nữ"]],
    )
    result = import_workbook(stream, acting_user=alice)
    assert result.ok, [str(p) for p in result.problems]
    assert Document.objects.get(canonical_number="08-KH/ĐU").organisation == tree.dept
    assert Target.objects.get(code="LD-2024-1").planned == D(30)
    assert Task.objects.get(code="NV-LD-1").done_on == date(2024, 6, 1)
    assert AuditEntry.objects.filter(user=alice).exists()


def test_the_upload_page_refuses_with_the_same_message(
    client: Client,
    tree: Tree,
    alice: User,
    sibling_target: Target,
    django_capture_on_commit_callbacks: Any,
) -> None:
    """The page queues the import; the job, run as the uploader, refuses; its page shows the refusal."""
    client.force_login(alice)
    stream = book(targets=[TARGET_HEADER, ["SYT-2024-KCB", "SLDTBXH", "Sửa", "rate_floor", "2024", "%", "1"]])
    stream.name = "x.xlsx"
    with (
        mock.patch(
            "exchange.services._enqueue_import",
            side_effect=lambda pk: exchange_services.import_run_execute(run_id=pk),
        ),
        django_capture_on_commit_callbacks(execute=True),
    ):
        response = client.post(reverse("exchange:workbook"), {"file": stream})
    body = client.get(response["Location"]).content.decode()
    assert refusal("SYT-2024-KCB") in body
    assert Target.objects.get().title == "Tỷ lệ hài lòng người bệnh"


# --- the command ---------------------------------------------------------------------------------
def _file(tmp_path: Path, stream: io.BytesIO, name: str = "bang.xlsx") -> str:
    path = tmp_path / name
    path.write_bytes(stream.getvalue())
    return str(path)


def test_the_command_applies_the_scope_of_the_user_named(
    tree: Tree, alice: User, sibling_target: Target, tmp_path: Path
) -> None:
    attack = book(targets=[TARGET_HEADER, ["SYT-2024-KCB", "SLDTBXH", "Sửa", "rate_floor", "2024", "%", "1"]])
    path = _file(tmp_path, attack)
    err = io.StringIO()
    with pytest.raises(CommandError, match="1 lỗi"):
        call_command("import_workbook", path, "--user", "alice", stderr=err)
    assert refusal("SYT-2024-KCB") in err.getvalue()
    assert Target.objects.get().title == "Tỷ lệ hài lòng người bệnh"
    own = book(targets=[TARGET_HEADER, ["LD-1", "SLDTBXH", "Của alice", "count", "2024", "", "5"]])
    call_command(
        "import_workbook", _file(tmp_path, own, "cua-alice.xlsx"), "--user", "alice", stdout=io.StringIO()
    )
    created = AuditEntry.objects.get(
        action="target.create", object_id=str(Target.objects.get(code="LD-1").pk)
    )
    assert created.user == alice
    # Without --user, the operator of the server may change anything.
    call_command("import_workbook", path, stdout=io.StringIO())
    assert Target.objects.get(code="SYT-2024-KCB").title == "Sửa"


@pytest.mark.parametrize("name", ["khong-co-ai", "inactive"])
def test_the_command_refuses_an_unknown_or_locked_user(tree: Tree, tmp_path: Path, name: str) -> None:
    locked = get_user_model().objects.create_user(username="inactive", is_active=False)
    org_services.role_grant(user=locked, organisation=tree.city, kind=RoleKind.ADMIN, acting_user=None)
    path = _file(tmp_path, book(targets=[TARGET_HEADER, ["LD-1", "SLDTBXH", "x", "count", "2024", "", "5"]]))
    with pytest.raises(CommandError, match=f"người dùng «{name}»"):
        call_command("import_workbook", path, "--user", name)
    assert not Target.objects.exists()


def test_the_export_of_a_subtree_holds_no_document_its_members_may_not_open(
    tree: Tree, directive: Document, sibling_plan: Document
) -> None:
    """A link to a sibling's plan (possible only around the pages) is left out of the export with the plan."""
    own_plan = doc_services.document_create(
        raw_number="07-KH/ĐU",
        title="Kế hoạch của Đảng ủy Sở Lao động",
        organisation=tree.dept,
        issued_on=date(2024, 4, 2),
        issuer_organisation=tree.dept,
        acting_user=None,
    )
    for target in (directive, sibling_plan):
        doc_services.document_link(source=own_plan, target=target, kind="implements", acting_user=None)

    rows = sheets_of(export_workbook(organisation=tree.dept))["documents"]
    text = repr(rows)
    assert sibling_plan.title not in text and sibling_plan.canonical_number not in text
    own = next(r for r in rows if r[0] == own_plan.canonical_number)
    assert own[rows[0].index("implements")] == directive.canonical_number
    assert any(r[0] == directive.canonical_number for r in rows)
