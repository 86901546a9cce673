"""The audit trail read back: "Lịch sử thay đổi" of each object, and the admins' filterable list."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal as D
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from committees import services as org_services
from committees.audit import HISTORIES, changes
from committees.models import AuditEntry, RoleKind
from inspections import services as inspection_services
from reports import meeting_services
from reports import services as report_services
from resolutions import services as doc_services
from targets import services as target_services
from tests.conftest import Tree, make_user


def _as(client: Client, user: User) -> Client:
    client.force_login(user)
    return client


@pytest.fixture
def objects(tree: Tree, alice: User, erin: User) -> dict[str, Any]:
    document = doc_services.document_create(
        raw_number="32-CT/TU",
        title="về giảm nghèo",
        organisation=tree.dept,
        issued_on=date(2024, 3, 21),
        acting_user=alice,
    )
    doc_services.document_update(document=document, title="về giảm nghèo bền vững", acting_user=alice)
    task = doc_services.task_create(
        document=document, organisation=tree.cell, title="Rà soát hộ nghèo", acting_user=alice
    )
    doc_services.task_mark_done(task=task, done_on=date(2024, 5, 2), acting_user=alice)
    target = target_services.target_create(
        code="T",
        organisation=tree.dept,
        title="Giải quyết việc làm",
        period="2024",
        shape="count",
        planned=D(25),
        acting_user=alice,
    )
    target_services.target_update(target=target, planned=D(30), acting_user=alice)
    target_services.reading_record(target=target, cut_off=date(2024, 6, 30), value=D(12), acting_user=alice)
    member = org_services.member_create(
        organisation=tree.cell, full_name="Nguyễn Văn An", gender="male", acting_user=erin
    )
    org_services.member_update(member=member, religion="Phật giáo", acting_user=erin)
    org_services.organisation_update(organisation=tree.dept, place_name="Quận 1", acting_user=erin)
    report = report_services.report_create(
        organisation=tree.dept, kind="semi_annual", period="2024-H1", acting_user=erin
    )
    meeting = meeting_services.meeting_create(
        organisation=tree.dept, held_on=date(2024, 7, 4), acting_user=erin
    )
    inspection = inspection_services.inspection_create(
        organisation=tree.dept, kind="regular", title="Kiểm tra chi bộ", acting_user=erin,
        subjects=[inspection_services.SubjectData(organisation=tree.cell)],
    )  # fmt: skip
    inspection_services.inspection_update(
        inspection=inspection, decided_on=date(2024, 3, 1), acting_user=erin
    )
    programme = inspection_services.programme_create(
        organisation=tree.dept, year=2024, title="Chương trình kiểm tra 2024", acting_user=erin
    )
    return {
        "inspections.inspection": inspection,
        "inspections.programme": programme,
        "committees.organisation": tree.dept,
        "committees.member": member,
        "resolutions.document": document,
        "resolutions.task": task,
        "targets.target": target,
        "reports.report": report,
        "reports.meeting": meeting,
    }


def test_every_detail_page_kind_has_a_history(objects: dict[str, Any]) -> None:
    assert set(HISTORIES) == set(objects)


@pytest.mark.parametrize(
    "label",
    [
        "committees.organisation",
        "committees.member",
        "resolutions.document",
        "resolutions.task",
        "targets.target",
        "reports.report",
        "reports.meeting",
        "inspections.inspection",
        "inspections.programme",
    ],
)
def test_history_page_is_linked_from_the_detail_page_and_shows_who_and_what(
    client: Client, objects: dict[str, Any], bob: User, dave: User, label: str
) -> None:
    obj = objects[label]
    url = reverse("committees:object_history", args=[label, obj.pk])
    detail = _as(client, bob).get(reverse(HISTORIES[label].url_name, args=[obj.pk]))
    assert detail.status_code == 200
    assert url in detail.content.decode()
    page = client.get(url)
    assert page.status_code == 200
    html = page.content.decode()
    assert "Lịch sử thay đổi" in html
    entries = AuditEntry.objects.filter(object_type=label, object_id=str(obj.pk))
    assert entries.exists()
    for entry in entries:
        assert (entry.user.username if entry.user else "Hệ thống") in html
    # The sibling department's staff may not view the object: nor its history.
    client.logout()
    assert _as(client, dave).get(url).status_code == 404


def test_history_shows_a_readable_before_and_after(client: Client, objects: dict[str, Any], bob) -> None:
    target = objects["targets.target"]
    html = _as(client, bob).get(reverse("committees:object_history", args=["targets.target", target.pk]))
    text = html.content.decode()
    assert "Sửa chỉ tiêu" in text and "Thêm chỉ tiêu" in text
    assert "<del>25</del>" in text and "<ins>30</ins>" in text  # planned 25 → 30
    assert "kế hoạch" in text.lower()
    # The target's readings belong on its page too.
    assert "Nhập số liệu" in text and "<ins>12</ins>" in text


def test_an_inspection_s_history_names_its_stages_in_vietnamese(
    client: Client, objects: dict[str, Any], bob: User
) -> None:
    inspection = objects["inspections.inspection"]
    url = reverse("committees:object_history", args=["inspections.inspection", inspection.pk])
    text = _as(client, bob).get(url).content.decode()
    assert "Thêm cuộc kiểm tra, giám sát" in text and "Sửa cuộc kiểm tra, giám sát" in text
    assert "ngày quyết định" in text.lower() and "Đã có quyết định" in text


def test_changes_lists_only_what_changed_with_field_names(objects: dict[str, Any]) -> None:
    member = objects["committees.member"]
    entry = AuditEntry.objects.get(action="member.update", object_id=str(member.pk))
    (change,) = changes(entry)
    assert (change.field.lower(), change.before, change.after) == ("tôn giáo", "—", "Phật giáo")
    created = AuditEntry.objects.get(action="member.create", object_id=str(member.pk))
    fields = {c.field.lower() for c in changes(created)}
    assert {"họ và tên", "giới tính"} <= fields
    assert not any("folded" in f for f in fields)


def test_document_history_includes_its_tasks(client: Client, objects: dict[str, Any], alice) -> None:
    document = objects["resolutions.document"]
    html = _as(client, alice).get(
        reverse("committees:object_history", args=["resolutions.document", document.pk])
    )
    text = html.content.decode()
    assert "Rà soát hộ nghèo" in text and "Hoàn thành" in text
    assert "về giảm nghèo bền vững" in text


@pytest.mark.parametrize(
    ("label", "pk"), [("auth.user", 1), ("committees.auditentry", 1), ("targets.reading", 1), ("x", 1)]
)
def test_history_of_unregistered_types_is_404(client: Client, objects, erin, label: str, pk: int) -> None:
    assert _as(client, erin).get(reverse("committees:object_history", args=[label, pk])).status_code == 404


def test_history_of_a_missing_object_is_404(client: Client, objects, erin) -> None:
    url = reverse("committees:object_history", args=["targets.target", 999_999])
    assert _as(client, erin).get(url).status_code == 404


# --- the admins' list ------------------------------------------------------------------------------


def _rows(response: Any) -> list[AuditEntry]:
    return [row["entry"] for row in response.context["rows"]]


def test_audit_list_only_for_admins(client: Client, objects, alice, bob, carol, dave, erin) -> None:
    url = reverse("committees:audit_list")
    for user in (alice, bob, carol, dave):
        assert _as(client, user).get(url).status_code == 404
        client.logout()
    response = _as(client, erin).get(url)
    assert response.status_code == 200
    assert len(_rows(response)) == AuditEntry.objects.filter(organisation__isnull=False).count()
    assert "Nhật ký thay đổi" in response.content.decode()


def test_audit_list_of_a_lower_admin_keeps_to_the_subtree(client: Client, tree: Tree, objects) -> None:
    admin = make_user("quantri.syt", tree.sibling, RoleKind.ADMIN)
    org_services.organisation_update(organisation=tree.sibling, place_name="Quận 3", acting_user=admin)
    response = _as(client, admin).get(reverse("committees:audit_list"))
    assert response.status_code == 200
    rows = _rows(response)
    assert rows and all(entry.organisation is not None for entry in rows)
    assert {entry.organisation.path[: len(tree.sibling.path)] for entry in rows if entry.organisation} == {
        tree.sibling.path
    }
    # Choosing an organisation outside the subtree is a 404, as if it did not exist.
    response = client.get(reverse("committees:audit_list"), {"organisation": tree.dept.pk})
    assert response.status_code == 404


def test_audit_list_filters(client: Client, tree: Tree, objects, alice, erin) -> None:
    url = reverse("committees:audit_list")
    _as(client, erin)
    by_user = _rows(client.get(url, {"user": "alice"}))
    assert by_user and {e.user.username for e in by_user if e.user} == {"alice"}
    by_type = _rows(client.get(url, {"object_type": "targets.target"}))
    assert {e.object_type for e in by_type} == {"targets.target"} and len(by_type) == 2
    updates = _rows(client.get(url, {"action": "update"}))
    assert updates and all(e.action.endswith(".update") for e in updates)
    in_cell = _rows(client.get(url, {"organisation": tree.cell.pk}))
    assert in_cell and all(e.organisation and e.organisation.path.startswith(tree.cell.path) for e in in_cell)
    today = timezone.localdate()
    assert len(_rows(client.get(url, {"date_from": f"{today:%d/%m/%Y}"}))) == len(_rows(client.get(url)))
    tomorrow = today + timedelta(days=1)
    assert _rows(client.get(url, {"date_from": f"{tomorrow.day}/{tomorrow.month}/{tomorrow.year}"})) == []
    assert _rows(client.get(url, {"date_to": "1/1/2000"})) == []
    bad = client.get(url, {"date_from": "31/2/2024"})
    assert bad.status_code == 200 and bad.context["filter"].errors["date_from"]
    assert _rows(bad) == []
    assert "không" in str(bad.context["filter"].errors["date_from"][0]).lower()  # said in Vietnamese


def test_audit_list_is_paginated_with_constant_queries(
    client: Client, tree: Tree, erin, django_assert_num_queries
) -> None:
    url = reverse("committees:audit_list")
    _as(client, erin)
    client.get(url)  # session and caches warm
    # 5 for the page (session, user, roles, rows, the filter's organisations: no count) and one per model
    # the rows' before/after refer to, however many rows: the roles' users and organisations here...
    with django_assert_num_queries(7):
        small = client.get(url)
    for i in range(70):
        org_services.member_create(
            organisation=tree.cell, full_name=f"Đảng viên {i}", gender="male", acting_user=erin
        )
    # ...and on a full page of 50 new members only their organisation: 50 rows, still one query for names.
    with django_assert_num_queries(6):
        big = client.get(url)
    assert len(_rows(small)) < 50 and len(_rows(big)) == 50
    assert "Trang 1" in big.content.decode() and "page=2" in big.content.decode()
    assert len(_rows(client.get(url, {"page": 2}))) == AuditEntry.objects.count() - 50


def test_object_history_queries_do_not_grow(
    client: Client, objects: dict[str, Any], bob, alice, django_assert_num_queries
) -> None:
    target = objects["targets.target"]
    url = reverse("committees:object_history", args=["targets.target", target.pk])
    _as(client, bob)
    client.get(url)
    # 5 for the page (no count), and the names the rows refer to, one query per model whatever the number of rows:
    # the target's organisation, the readings' target and the readings' "entered by" users.
    with django_assert_num_queries(8):
        client.get(url)
    for day in range(1, 25):
        target_services.reading_record(
            target=target, cut_off=date(2024, 1, day), value=D(day), acting_user=alice
        )
    with django_assert_num_queries(8):
        client.get(url)
