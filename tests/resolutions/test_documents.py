"""Documents, links and tasks: services, pages, permissions, query counts."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.test import Client
from django.urls import reverse

from resolutions import services
from resolutions.models import Document, DocumentLink, LinkKind, Task
from resolutions.taskstatus import TaskStatus, count_tasks, task_status
from tests.conftest import Tree


def doc(
    tree: Tree,
    number: str,
    title: str = "về một việc",
    issued: date | None = date(2024, 3, 21),
    term_label: str = "",
) -> Document:
    return services.document_create(
        raw_number=number,
        title=title,
        organisation=tree.dept,
        issued_on=issued,
        term_label=term_label,
        acting_user=None,
    )


@pytest.mark.parametrize(
    ("due", "done", "status"),
    [
        (date(2024, 6, 30), date(2024, 6, 1), TaskStatus.EARLY),
        (date(2024, 6, 30), date(2024, 6, 30), TaskStatus.ON_TIME),
        (date(2024, 5, 30), date(2024, 6, 10), TaskStatus.LATE),
        (date(2024, 7, 30), None, TaskStatus.IN_PROGRESS),
        (date(2024, 6, 1), None, TaskStatus.OVERDUE),
        (None, None, TaskStatus.ONGOING),
        (
            date(2024, 6, 30),
            date(2024, 7, 5),
            TaskStatus.IN_PROGRESS,
        ),  # done after the cut-off: not yet done then
    ],
)
def test_task_status_at_cut_off(due: date | None, done: date | None, status: TaskStatus) -> None:
    assert (
        task_status(
            due, done, date(2024, 6, 15) if status is TaskStatus.IN_PROGRESS and done else date(2024, 6, 30)
        )
        is status
    )


def test_counts_read_like_the_reports() -> None:
    pairs = (
        [(date(2024, 6, 30), date(2024, 6, 1))] * 20 + [(date(2024, 9, 30), None)] * 35 + [(None, None)] * 2
    )
    counts = count_tasks(pairs, date(2024, 6, 30))
    assert counts.phrase_vi() == "20/55 nội dung đầu việc hoàn thành trước hạn, không có nội dung trễ hạn"
    counts = count_tasks([*pairs, (date(2024, 6, 1), None)], date(2024, 6, 30))
    assert counts.phrase_vi().endswith("1 nội dung trễ hạn")


def test_same_party_number_in_two_terms(tree: Tree) -> None:
    doc(tree, "18-NQ/TW", issued=date(2017, 10, 25), term_label="2016-2021")
    doc(tree, "18-NQ/TW", issued=date(2022, 6, 16), term_label="2021-2026")
    with pytest.raises(ValidationError), transaction.atomic():
        doc(tree, "18-NQ/TW", issued=date(2022, 6, 16), term_label="2021-2026")
    assert Document.objects.filter(canonical_number="18-NQ/TW").count() == 2


def test_invalid_number_changes_nothing(tree: Tree) -> None:
    with pytest.raises(ValidationError, match="Thiếu năm ban hành"):
        doc(tree, "30/NĐ-CP")
    assert not Document.objects.exists()


def test_links_refuse_cycles_and_self(tree: Tree) -> None:
    a, b, c = doc(tree, "28-CT/TW"), doc(tree, "33-CT/TU"), doc(tree, "45-KH/ĐU")
    services.document_link(source=b, target=a, kind=LinkKind.IMPLEMENTS, acting_user=None)
    services.document_link(source=c, target=b, kind=LinkKind.IMPLEMENTS, acting_user=None)
    with pytest.raises(ValidationError, match="vòng lặp"):
        services.document_link(source=a, target=c, kind=LinkKind.IMPLEMENTS, acting_user=None)
    with pytest.raises(ValidationError, match="chính nó"):
        services.document_link(source=a, target=a, kind=LinkKind.CITES, acting_user=None)
    with pytest.raises(IntegrityError), transaction.atomic():
        DocumentLink.objects.create(source=a, target=a, kind=LinkKind.CITES)


def test_document_page_shows_chain_tree_and_tasks(client: Client, tree: Tree, bob) -> None:  # type: ignore[no-untyped-def]
    top, mid, low = doc(tree, "28-CT/TW"), doc(tree, "33-CT/TU"), doc(tree, "45-KH/ĐU")
    services.document_link(source=mid, target=top, kind=LinkKind.IMPLEMENTS, acting_user=None)
    services.document_link(source=low, target=mid, kind=LinkKind.IMPLEMENTS, acting_user=None)
    services.task_create(
        document=mid,
        organisation=tree.cell,
        title="Rà soát hộ nghèo",
        due_on=date(2024, 6, 30),
        done_on=date(2024, 6, 1),
        acting_user=None,
    )
    client.force_login(bob)
    body = client.get(
        reverse("resolutions:document_detail", args=[mid.pk]) + "?cut_off=30/6/2024"
    ).content.decode()
    assert "28-CT/TW" in body and "45-KH/ĐU" in body
    assert "Rà soát hộ nghèo" in body and "1/1 nội dung đầu việc hoàn thành trước hạn" in body
    assert reverse("targets:document_targets", args=[mid.pk]) in body


def test_staff_marks_task_done_with_htmx(client: Client, tree: Tree, alice) -> None:  # type: ignore[no-untyped-def]
    d = doc(tree, "33-CT/TU")
    task = services.task_create(
        document=d, organisation=tree.cell, title="Báo cáo sơ kết", due_on=date(2024, 6, 30), acting_user=None
    )
    client.force_login(alice)
    url = reverse("resolutions:task_done", args=[task.pk])
    response = client.post(url, {"done_on": "2099-01-01"}, headers={"HX-Request": "true"})
    assert "tương lai" in response.content.decode()
    response = client.post(url, {"done_on": "1/6/2024"}, headers={"HX-Request": "true"})
    assert response.content.decode().lstrip().startswith("<tr")
    task.refresh_from_db()
    assert task.done_on == date(2024, 6, 1)


def test_leader_and_sibling_cannot_mark_done(client: Client, tree: Tree, bob, dave) -> None:  # type: ignore[no-untyped-def]
    task = services.task_create(
        document=doc(tree, "33-CT/TU"), organisation=tree.cell, title="x", acting_user=None
    )
    for user in (bob, dave):
        client.force_login(user)
        assert (
            client.post(reverse("resolutions:task_done", args=[task.pk]), {"done_on": "1/6/2024"}).status_code
            == 404
        )
    assert Task.objects.get().done_on is None
    client.force_login(dave)
    assert client.get(reverse("resolutions:document_detail", args=[task.document_id])).status_code == 404


def test_create_form_suggests_then_accepts_confirmation(client: Client, tree: Tree, alice) -> None:  # type: ignore[no-untyped-def]
    client.force_login(alice)
    data = {
        "raw_number": "66-QD/TW",
        "title": "về kiểm tra",
        "organisation": tree.dept.pk,
        "link_kind": "implements",
    }
    response = client.post(reverse("resolutions:document_create"), data)
    assert response.status_code == 200 and "66-QĐ/TW" in response.content.decode()
    assert not Document.objects.exists()
    response = client.post(reverse("resolutions:document_create"), {**data, "confirm_suggestion": "on"})
    assert response.status_code == 302
    assert Document.objects.get().canonical_number == "66-QĐ/TW"


def test_number_check_as_you_type(client: Client, tree: Tree, alice) -> None:  # type: ignore[no-untyped-def]
    client.force_login(alice)
    body = client.get(
        reverse("resolutions:number_check"), {"raw_number": "Số 5-nq/tu"}, headers={"HX-Request": "true"}
    ).content.decode()
    assert "05-NQ/TU" in body


def test_paste_finds_numbers_and_links_known_ones(client: Client, tree: Tree, bob) -> None:  # type: ignore[no-untyped-def]
    known = doc(tree, "32-CT/TU")
    client.force_login(bob)
    text = "Chỉ thị số 32-CT/TU ngày 21/3/2024 và Quyết định số 1649/QĐ-UBND ngày 15/5/2024; đạt 15/25."
    body = client.post(reverse("resolutions:paste_find"), {"text": text}).content.decode()
    assert reverse("resolutions:document_detail", args=[known.pk]) in body
    assert "1649/QĐ-UBND" in body and "15/25" not in body.split("<table>")[1]


def test_document_list_filters_and_query_count(
    client: Client, tree: Tree, bob, django_assert_num_queries
) -> None:  # type: ignore[no-untyped-def]
    for n in range(1, 4):
        doc(tree, f"{n}-CT/TU", title=f"về giảm nghèo {n}")
    doc(tree, "09-KH/ĐU", title="về việc làm")
    client.force_login(bob)
    body = client.get(reverse("resolutions:document_list"), {"q": "giam ngheo"}).content.decode()
    assert "01-CT/TU" in body and "09-KH/ĐU" not in body
    # session, user, roles, organisations for the filter, one page (and one row more: no count)
    with django_assert_num_queries(5):
        client.get(reverse("resolutions:document_list"))
    for n in range(10, 30):
        doc(tree, f"{n}-CT/TU")
    with django_assert_num_queries(5):
        client.get(reverse("resolutions:document_list"))


def test_document_page_queries_do_not_grow(
    client: Client, tree: Tree, bob, django_assert_num_queries
) -> None:  # type: ignore[no-untyped-def]
    top = doc(tree, "28-CT/TW")
    mid = doc(tree, "33-CT/TU")
    services.document_link(source=mid, target=top, kind=LinkKind.IMPLEMENTS, acting_user=None)
    for n in range(2):
        child = doc(tree, f"{n + 40}-KH/ĐU")
        services.document_link(source=child, target=mid, kind=LinkKind.IMPLEMENTS, acting_user=None)
        services.task_create(document=mid, organisation=tree.cell, title=f"Việc {n}", acting_user=None)
    client.force_login(bob)
    url = reverse("resolutions:document_detail", args=[mid.pk])
    # session, user, roles, document, chain (2 steps + stop), tree (1 level + empty next), other links, tasks,
    # co-organisations, task counts, who follows it (bob manages nothing: who may follow costs no query)
    with django_assert_num_queries(13):
        client.get(url)
    for n in range(10):
        child = doc(tree, f"{n + 60}-KH/ĐU")
        services.document_link(source=child, target=mid, kind=LinkKind.IMPLEMENTS, acting_user=None)
        services.task_create(document=mid, organisation=tree.cell, title=f"Việc thêm {n}", acting_user=None)
    with django_assert_num_queries(13):
        client.get(url)


def test_documents_of_the_committees_above_are_readable_below(
    client: Client, tree: Tree, alice, dave
) -> None:  # type: ignore[no-untyped-def]
    directive = services.document_create(
        raw_number="32-CT/TU",
        title="về giảm nghèo",
        organisation=tree.city,
        issued_on=date(2024, 3, 21),
        acting_user=None,
    )
    own = doc(tree, "45-KH/ĐU")
    client.force_login(alice)
    assert client.get(reverse("resolutions:document_detail", args=[directive.pk])).status_code == 200
    assert "32-CT/TU" in client.get(reverse("resolutions:document_list")).content.decode()
    client.force_login(dave)  # the sibling department reads the city's directive, not the department's plan
    assert client.get(reverse("resolutions:document_detail", args=[directive.pk])).status_code == 200
    assert client.get(reverse("resolutions:document_detail", args=[own.pk])).status_code == 404
