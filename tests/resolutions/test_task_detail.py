"""The task's own page (issue 21): leaders and secretaries read a task as staff do, read-only.

alice is staff, bob leader and carol secretary of the department; dave is staff of its sibling; cecil is
staff of one cell below the department. Whoever sees a task in the task list sees its page; anyone else,
as for an unknown id, gets 404.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from committees.models import AuditEntry, RoleKind
from inspections import services as inspection_services
from reports import meeting_services
from resolutions import services
from resolutions.models import Document, Task
from tests.conftest import Tree, make_user

TITLE = "Rà soát, cập nhật danh sách hộ nghèo cuối năm"


def _doc(org, number: str, title: str) -> Document:  # type: ignore[no-untyped-def]
    return services.document_create(
        raw_number=number, title=title, organisation=org, issued_on=date(2024, 3, 21), acting_user=None
    )


@dataclass
class Case:
    directive: Document
    plan: Document
    task: Task
    dept_task: Task
    sibling_task: Task


@pytest.fixture
def case(tree: Tree, alice: User) -> Case:
    directive = _doc(tree.city, "32-CT/TU", "về giảm nghèo bền vững")
    plan = _doc(tree.dept, "45-KH/ĐU", "thực hiện Chỉ thị 32 tại Sở Lao động")
    task = services.task_create(
        document=plan,
        bases=(directive,),
        organisation=tree.cell,
        lead_unit="Công đoàn Sở",
        co_organisations=(tree.grassroots,),
        co_units="Báo Người Lao động",
        title=TITLE,
        due_on=date(2024, 12, 31),
        acting_user=alice,
    )
    services.task_update(task=task, due_on=date(2025, 1, 15), acting_user=alice)
    services.task_mark_done(task=task, done_on=date(2024, 12, 20), acting_user=alice)
    dept_task = services.task_create(
        document=plan, organisation=tree.dept, title="Sơ kết kế hoạch 45", acting_user=alice
    )
    sibling_task = services.task_create(
        document=_doc(tree.sibling, "46-KH/ĐU", "về phòng chống dịch"),
        organisation=tree.sibling,
        title="Giám sát ổ dịch",
        acting_user=None,
    )
    return Case(directive, plan, Task.objects.get(pk=task.pk), dept_task, sibling_task)


def _get(client: Client, user: User, task: Task, **params: str):  # type: ignore[no-untyped-def]
    client.force_login(user)
    return client.get(reverse("resolutions:task_detail", args=[task.pk]), params)


# --- who may see it -----------------------------------------------------------------------------------


def test_everyone_who_sees_the_task_in_the_list_sees_its_page(
    client: Client, case: Case, alice: User, bob: User, carol: User, erin: User
) -> None:
    for user in (alice, bob, carol, erin):
        assert _get(client, user, case.task).status_code == 200, user.username
        listed = client.get(reverse("resolutions:task_list")).content.decode()
        assert TITLE in listed


def test_outside_the_subtree_it_is_404_as_an_unknown_id(
    client: Client, tree: Tree, case: Case, bob: User, carol: User, dave: User
) -> None:
    # The sibling department's staff: none of the department's tasks.
    assert _get(client, dave, case.task).status_code == 404
    assert _get(client, dave, case.dept_task).status_code == 404
    # The department's leader and secretary: not the sibling's.
    assert _get(client, bob, case.sibling_task).status_code == 404
    assert _get(client, carol, case.sibling_task).status_code == 404
    # A cell's staff sees its own task, not the department's above it.
    cecil = make_user("cecil", tree.cell, RoleKind.STAFF)
    assert _get(client, cecil, case.task).status_code == 200
    assert _get(client, cecil, case.dept_task).status_code == 404
    client.force_login(bob)
    assert client.get(reverse("resolutions:task_detail", args=[999_999])).status_code == 404


# --- what it shows -------------------------------------------------------------------------------------


def test_the_page_shows_bases_units_deadline_status_and_history(
    client: Client, tree: Tree, case: Case, carol: User
) -> None:
    html = _get(client, carol, case.task).content.decode()
    assert TITLE in html
    # Bases: the assigning document and the other one, each linked.
    assert reverse("resolutions:document_detail", args=[case.plan.pk]) in html and "45-KH/ĐU" in html
    assert reverse("resolutions:document_detail", args=[case.directive.pk]) in html and "32-CT/TU" in html
    # The meeting it may come from is the reports app's part, loaded into the page.
    assert reverse("reports:task_meeting", args=[case.task.pk]) in html
    # In charge outside the Party tree, followed by the cell; co-operating units of both kinds.
    assert "Công đoàn Sở" in html and tree.cell.name in html
    assert tree.grassroots.name in html and "Báo Người Lao động" in html
    assert "15/01/2025" in html or "15/1/2025" in html
    assert "20/12/2024" in html
    assert "Hoàn thành trước hạn" in html
    # The history: created, changed (the deadline, before and after), marked done; by whom.
    for words in ("Giao nhiệm vụ", "Sửa nhiệm vụ", "Hoàn thành nhiệm vụ", "alice"):
        assert words in html, words
    assert reverse("committees:object_history", args=["resolutions.task", case.task.pk]) in html


def test_a_task_without_a_deadline_or_bases_reads_as_an_ongoing_instruction(
    client: Client, tree: Tree, bob: User
) -> None:
    task = services.task_create(document=None, organisation=tree.dept, title="Giữ nề nếp", acting_user=None)
    html = _get(client, bob, task).content.decode()
    assert "Thường xuyên" in html and "Ý kiến chỉ đạo" in html
    # Its creation in the history lists the fields that had a value, not the empty lists of units and bases.
    assert "Văn bản căn cứ khác" not in html and "Đơn vị phối hợp" in html
    assert html.count("Đơn vị phối hợp") == 1


def test_status_at_the_cut_off_asked_for(client: Client, tree: Tree, bob: User) -> None:
    task = services.task_create(
        document=None, organisation=tree.dept, title="Báo cáo quý", due_on=date(2024, 3, 31), acting_user=None
    )
    assert "Đang thực hiện trong hạn" in _get(client, bob, task, cut_off="1/3/2024").content.decode()
    assert "quá hạn" in _get(client, bob, task).content.decode().lower()


def test_a_basis_kept_by_another_branch_is_named_not_linked(
    client: Client, tree: Tree, bob: User, erin: User
) -> None:
    foreign = _doc(tree.sibling, "47-KH/ĐU", "kế hoạch của Sở Y tế")
    task = services.task_create(
        document=None, bases=(foreign,), organisation=tree.dept, title="Phối hợp", acting_user=erin
    )
    html = _get(client, bob, task).content.decode()
    assert "47-KH/ĐU" in html
    assert reverse("resolutions:document_detail", args=[foreign.pk]) not in html
    # The city's admin may open it: linked.
    html = _get(client, erin, task).content.decode()
    assert reverse("resolutions:document_detail", args=[foreign.pk]) in html


def test_only_who_may_edit_gets_the_edit_link(
    client: Client, case: Case, alice: User, bob: User, carol: User
) -> None:
    edit = reverse("resolutions:task_edit", args=[case.task.pk])
    assert edit in _get(client, alice, case.task).content.decode()
    for user in (bob, carol):
        html = _get(client, user, case.task).content.decode()
        assert edit not in html and "<form" not in html.split("<main", 1)[-1].split("</main>")[0], user


def test_markup_in_a_title_is_text(client: Client, tree: Tree, bob: User) -> None:
    task = services.task_create(
        document=None, organisation=tree.dept, title="<script>alert(1)</script>", acting_user=None
    )
    html = _get(client, bob, task).content.decode()
    assert "<script>alert(1)" not in html and "&lt;script&gt;alert(1)" in html


# --- where it is linked from ---------------------------------------------------------------------------


def test_linked_from_the_task_list_and_the_document_page(client: Client, case: Case, bob: User) -> None:
    url = reverse("resolutions:task_detail", args=[case.task.pk])
    client.force_login(bob)
    assert url in client.get(reverse("resolutions:task_list")).content.decode()
    assert url in client.get(reverse("resolutions:document_detail", args=[case.plan.pk])).content.decode()
    # The directive of the city, on which the task also rests.
    assert (
        url in client.get(reverse("resolutions:document_detail", args=[case.directive.pk])).content.decode()
    )


def test_linked_from_the_meeting_page(client: Client, tree: Tree, carol: User) -> None:
    meeting = meeting_services.meeting_create(
        organisation=tree.dept,
        held_on=date(2024, 7, 4),
        conclusions="1. Rà soát hộ nghèo.\n2. Sơ kết 6 tháng.",
        acting_user=None,
    )
    [task] = meeting_services.meeting_conclusions_to_tasks(
        meeting=meeting,
        assignments=[meeting_services.ConclusionAssignment(position=1, organisation=tree.cell)],
        acting_user=carol,
    )
    client.force_login(carol)
    html = client.get(reverse("reports:meeting_detail", args=[meeting.pk])).content.decode()
    assert reverse("resolutions:task_detail", args=[task.pk]) in html
    # And the task's page names the meeting (through the reports app's part).
    part = client.get(reverse("reports:task_meeting", args=[task.pk])).content.decode()
    assert reverse("reports:meeting_detail", args=[meeting.pk]) in part


def test_linked_from_the_inspection_page(client: Client, tree: Tree, bob: User) -> None:
    inspection = inspection_services.inspection_create(
        organisation=tree.dept,
        kind="regular",
        title="Kiểm tra chi bộ",
        subjects=[inspection_services.SubjectData(organisation=tree.cell)],
        acting_user=None,
    )
    inspection_services.inspection_conclude(
        inspection=inspection,
        raw_number="05-TB/ĐU",
        issued_on=date(2024, 5, 10),
        recommendations=[inspection_services.RecommendationData(organisation=tree.cell, title="Rà soát")],
        acting_user=None,
    )
    task = Task.objects.get(title="Rà soát")
    client.force_login(bob)
    html = client.get(reverse("inspections:inspection_detail", args=[inspection.pk])).content.decode()
    assert reverse("resolutions:task_detail", args=[task.pk]) in html


# --- what it costs -------------------------------------------------------------------------------------


def test_queries_do_not_grow_with_bases_units_or_history(
    client: Client, tree: Tree, case: Case, alice: User, bob: User, django_assert_num_queries
) -> None:
    """session, user, the user's roles, the task (with its document and keepers), its other bases, its
    co-operating organisations, the history's count and page, and the names the rows refer to (one
    query per model: organisations, documents)."""
    url = reverse("resolutions:task_detail", args=[case.task.pk])
    client.force_login(bob)
    client.get(url)
    with django_assert_num_queries(9):
        small = client.get(url)
    # Ten more bases, three more co-operating organisations, thirty more history rows.
    extra = [_doc(tree.dept, f"{n:02d}-KH/ĐU", f"kế hoạch số {n}") for n in range(50, 60)]
    today = timezone.localdate()
    for day in range(30):
        services.task_update(
            task=case.task,
            bases=(case.directive, *extra),
            co_organisations=(tree.grassroots, tree.cell2, tree.cell, tree.dept),
            due_on=today + timedelta(days=day),
            acting_user=alice,
        )
    with django_assert_num_queries(9):
        big = client.get(url)
    assert big.content.decode().count("kế hoạch số") == 0  # named by number
    assert "59-KH/ĐU" in big.content.decode() and "59-KH/ĐU" not in small.content.decode()
    assert big.content.decode().count("Sửa nhiệm vụ") > small.content.decode().count("Sửa nhiệm vụ") + 20


def test_a_change_of_bases_or_co_operating_units_is_in_the_history(
    client: Client, tree: Tree, case: Case, alice: User, carol: User
) -> None:
    services.task_update(task=case.task, bases=(), co_organisations=(tree.dept,), acting_user=alice)
    row = AuditEntry.objects.filter(object_type="resolutions.task", object_id=str(case.task.pk)).latest("pk")
    before, after = row.before or {}, row.after or {}
    assert row.action == "task.update"
    assert before["bases"] != after["bases"] and after["bases"] == []
    assert after["co_organisations"] != before["co_organisations"]
    assert tree.dept.name in str(after["co_organisations"])
    html = _get(client, carol, case.task).content.decode()
    assert html.count(tree.dept.name) >= 1
