"""Every list page and API list is paged and costs the same number of queries whatever the size of the
tree (issue 24): each is counted on a small tree, then again after organisations, members, targets,
readings, documents, tasks, reports, meetings and ratings were added below, more than a page of some."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from decimal import Decimal as D
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from committees import services as org_services
from committees.models import AuditEntry, Organisation, OrganisationKind, RoleKind
from committees.views import ROWS_PER_PAGE
from reports import meeting_services
from reports import services as report_services
from resolutions import services as doc_services
from resolutions.models import Task
from targets import services as target_services
from tests.committees.conftest import add_members
from tests.conftest import Tree, make_user

pytestmark = pytest.mark.django_db

PAGES: dict[str, Callable[[Tree], str]] = {
    "organisations": lambda tree: reverse("committees:organisation_list"),
    "cells to upgrade": lambda tree: reverse("committees:cells_to_upgrade"),
    "ratings": lambda tree: reverse("committees:organisation_ratings", args=[tree.city.pk]) + "?year=2024",
    "members": lambda tree: reverse("committees:member_list"),
    "audit trail": lambda tree: reverse("committees:audit_list"),
    "notices": lambda tree: reverse("core:notice_list"),
    "targets": lambda tree: reverse("targets:target_list"),
    "documents": lambda tree: reverse("resolutions:document_list"),
    "tasks": lambda tree: reverse("resolutions:task_list"),
    "reports": lambda tree: reverse("reports:report_list"),
    "meetings": lambda tree: reverse("reports:meeting_list"),
    "home (dashboard)": lambda tree: reverse("home"),
    "API organisations": lambda tree: reverse("api:organisation-list"),
    "API targets": lambda tree: reverse("api:target-list"),
    "API readings": lambda tree: reverse("api:reading-list"),
    "API documents": lambda tree: reverse("api:document-list"),
    "API tasks": lambda tree: reverse("api:task-list"),
    # Forms that pick documents: the chosen one only, whatever the number of documents.
    "task form": lambda tree: reverse("resolutions:task_create"),
    "document form": lambda tree: reverse("resolutions:document_create"),
    "target form": lambda tree: reverse("targets:target_create", args=[tree.cell.pk]),
}

_grown = 0


def grow(tree: Tree, cells: int, empty: int) -> None:
    """`empty` cells with nothing in them, then `cells` cells each with 31 members (to upgrade), a rated
    year, a target with a reading, a document with two tasks, a report and a meeting (last, so that the
    audit trail's first page names objects of every kind at both sizes)."""
    global _grown
    for _ in range(empty):
        _grown += 1
        org_services.organisation_create(
            code=f"CB-E{_grown}", kind=OrganisationKind.CELL, parent=tree.sibling, name=f"Chi bộ trống {_grown}",
            acting_user=None,
        )  # fmt: skip
    for _ in range(cells):
        _grown += 1
        n = _grown
        cell = org_services.organisation_create(
            code=f"CB-G{n}", kind=OrganisationKind.CELL, parent=tree.grassroots, name=f"Chi bộ {n}",
            acting_user=None,
        )  # fmt: skip
        add_members(cell, 31)
        org_services.rating_record(organisation=cell, year=2024, level="httnv", acting_user=None)
        target = target_services.target_create(
            code=f"G{n}", organisation=cell, title=f"Chỉ tiêu {n}", period="2024", shape="count",
            planned=D(10), acting_user=None,
        )  # fmt: skip
        target_services.reading_record(target=target, cut_off=date(2024, 6, 30), value=D(n), acting_user=None)
        document = doc_services.document_create(
            raw_number=f"{n}-NQ/CB", title=f"Nghị quyết {n}", organisation=cell, issuer_organisation=cell,
            issued_on=date(2024, 1, 10), acting_user=None,
        )  # fmt: skip
        for due in (date(2024, 6, 30), None):
            doc_services.task_create(document=document, organisation=cell, title=f"Việc {n}", due_on=due,
                                     acting_user=None)  # fmt: skip
        report_services.report_create(
            organisation=cell, kind="semi_annual", period="2024-H1", acting_user=None
        )
        meeting_services.meeting_create(organisation=cell, held_on=date(2024, 7, 5), acting_user=None)


def queries(client: Client, url: str) -> tuple[int, Any]:
    cache.clear()  # every view counted as the first one after a write
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return len(captured.captured_queries), response


def test_every_list_page_is_paged_and_its_query_count_does_not_grow(tree: Tree) -> None:
    admin: User = make_user("olga", tree.city, RoleKind.ADMIN)
    client = Client()
    client.force_login(admin)
    grow(tree, cells=2, empty=0)
    small = {name: queries(client, page(tree))[0] for name, page in PAGES.items()}

    grow(tree, cells=6, empty=ROWS_PER_PAGE)
    assert Organisation.objects.count() > ROWS_PER_PAGE
    big = {}
    for name, page in PAGES.items():
        big[name], response = queries(client, page(tree))
        if name.startswith("API"):
            assert len(response.json()["results"]) <= 50, name
    assert big == small
    # The pickers name no document but the chosen one: the grown documents are not on the forms.
    for name in ("task form", "document form", "target form"):
        body = client.get(PAGES[name](tree)).content.decode()
        assert "-NQ/CB" not in body and 'name="document_search"' in body, name

    # The long ones show a page and the way to the next.
    body = client.get(reverse("committees:organisation_list")).content.decode()
    assert "Trang 1/2" in body and "page=2" in body
    assert client.get(reverse("committees:organisation_list") + "?page=2").status_code == 200


def test_cells_to_upgrade_pages_in_order_of_members(tree: Tree, settings: Any) -> None:
    admin = make_user("olga", tree.city, RoleKind.ADMIN)
    counts = [30, 45, 31, 60, 29]
    for i, count in enumerate(counts):
        cell = org_services.organisation_create(
            code=f"CB-U{i}", kind=OrganisationKind.CELL, parent=tree.grassroots, name=f"Chi bộ U{i}",
            acting_user=None,
        )  # fmt: skip
        add_members(cell, count)
    client = Client()
    client.force_login(admin)
    page = client.get(reverse("committees:cells_to_upgrade")).context["page"]
    assert [(c.code, c.member_count) for c in page.object_list] == [
        ("CB-U3", 60), ("CB-U1", 45), ("CB-U2", 31), ("CB-U0", 30),
    ]  # fmt: skip
    # A member moved out of a cell forgets the cached counts of the subtree it left.
    member = page.object_list[3].members.first()
    org_services.member_update(member=member, organisation=tree.cell, acting_user=None)
    page = client.get(reverse("committees:cells_to_upgrade")).context["page"]
    assert "CB-U0" not in [c.code for c in page.object_list]


def test_the_target_list_pages_without_counting_every_target(tree: Tree) -> None:
    admin = make_user("olga", tree.city, RoleKind.ADMIN)
    for n in range(51):
        target_services.target_create(
            code=f"T{n:02}", organisation=tree.cell, title=f"Chỉ tiêu {n}", period="2024", shape="count",
            planned=D(10), acting_user=None,
        )  # fmt: skip
    client = Client()
    client.force_login(admin)
    url = reverse("targets:target_list")
    with CaptureQueriesContext(connection) as captured:
        first = client.get(url)
    assert not [q for q in captured.captured_queries if "COUNT(" in q["sql"].upper()]
    assert len(first.context["page"].object_list) == 50
    body = first.content.decode()
    assert "Trang 1" in body and "page=2" in body and "Trang trước" not in body
    second = client.get(url + "?page=2")
    assert [t.code for t in second.context["page"].object_list] == ["T50"]
    assert "Trang trước" in second.content.decode() and "page=3" not in second.content.decode()
    assert client.get(url + "?page=abc").context["page"].number == 1


# --- lists without a total, pickers of documents (issue 24) ---------------------------------------------


def _no_count(client: Client, url: str) -> str:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    # The paginator's count (the task list's counts by status are a figure it shows, not paging).
    assert not [q for q in captured.captured_queries if '"__count"' in q["sql"]], url
    return response.content.decode()


def test_long_lists_show_the_next_page_without_counting(tree: Tree) -> None:
    admin = make_user("olga", tree.city, RoleKind.ADMIN)
    for n in range(51):
        document = doc_services.document_create(
            raw_number=f"{n + 1}-NQ/ĐU", title=f"Nghị quyết {n}", organisation=tree.dept,
            issuer_organisation=tree.dept, issued_on=date(2024, 1, 10), acting_user=admin,
        )  # fmt: skip
        doc_services.task_create(
            document=document, organisation=tree.dept, title=f"Việc {n}", acting_user=None
        )
    for n in range(3):
        target_services.target_create(
            code=f"T{n}", organisation=tree.cell, title=f"Chỉ tiêu {n}", period="2024", shape="count",
            planned=D(10), acting_user=None,
        )  # fmt: skip
    add_members(tree.cell, 51)
    client = Client()
    client.force_login(admin)
    for name in ("documents", "tasks", "members", "audit trail"):
        url = PAGES[name](tree)
        body = _no_count(client, url)
        assert "Trang 1" in body and "Trang 1/" not in body and "page=2" in body, name
        second = client.get(url + ("&" if "?" in url else "?") + "page=2")
        assert "Trang trước" in second.content.decode(), name
    # The document and target lists of the API say next and previous, no count.
    for name in ("API documents", "API targets"):
        data = client.get(PAGES[name](tree) + "?page_size=2").json()
        assert "count" not in data and data["next"] and data["previous"] is None, name


def _picker(body: str, name: str) -> str:
    found = re.search(rf'<select[^>]*name="{name}"[^>]*>.*?</select>', body, re.S)
    assert found is not None, name
    return found.group()


def test_document_pickers_render_the_chosen_search_the_rest_and_refuse_others(tree: Tree) -> None:
    staff = make_user("sang", tree.dept, RoleKind.STAFF)
    city_directive = doc_services.document_create(
        raw_number="5-CT/TU", title="Chỉ thị về cải cách hành chính", organisation=tree.city,
        issuer_organisation=tree.city, issued_on=date(2024, 1, 5), acting_user=None,
    )  # fmt: skip
    own = [
        doc_services.document_create(
            raw_number=f"{n}-KH/ĐU",
            title=f"Kế hoạch thực hiện số {n}",
            organisation=tree.dept,
            issuer_organisation=tree.dept,
            issued_on=date(2024, 2, n),
            acting_user=None,
        )
        for n in range(1, 6)
    ]
    elsewhere = doc_services.document_create(
        raw_number="9-NQ/ĐU", title="Nghị quyết của đảng bộ bên cạnh", organisation=tree.sibling,
        issuer_organisation=tree.sibling, issued_on=date(2024, 3, 1), acting_user=None,
    )  # fmt: skip
    client = Client()
    client.force_login(staff)

    # The task form, opened from a document: that one option chosen, the others not rendered.
    body = client.get(reverse("resolutions:task_create") + f"?document={own[2].pk}").content.decode()
    select = _picker(body, "document")
    assert re.findall(r'value="(\d*)"', select) == ["", str(own[2].pk)]
    assert f'value="{own[2].pk}" selected' in select
    assert re.findall(r'value="(\d+)"', _picker(body, "bases")) == []
    assert "Kế hoạch thực hiện số 1" not in body and "5-CT/TU" not in body

    # The search offers what the form accepts: the city's directive too (a task may carry it out), not
    # the sibling's; the chosen ones are kept selected while searching for more.
    search = reverse("resolutions:document_options")
    found = client.get(search, {"document_search": "chi thi", "scope": "readable", "field": "document"})
    assert f'value="{city_directive.pk}"' in found.content.decode()
    found = client.get(
        search, {"document_search": "ke hoach", "scope": "readable", "field": "bases", "multiple": "1",
                 "bases": [str(own[0].pk), str(elsewhere.pk)]},
    )  # fmt: skip
    text = found.content.decode()
    assert f'value="{own[0].pk}" selected' in text and str(elsewhere.pk) not in text
    assert text.count("<option") == 5 and 'value=""' not in text  # the four others, no empty choice
    assert (
        str(elsewhere.pk)
        not in client.get(search, {"document_search": "nghi quyet", "scope": "readable"}).content.decode()
    )

    # An id outside the user's documents, as the document or a basis: a Vietnamese error, nothing saved.
    before = Task.objects.count(), AuditEntry.objects.count()
    for data in ({"document": str(elsewhere.pk)}, {"document": str(own[0].pk), "bases": [str(elsewhere.pk)]}):
        response = client.post(
            reverse("resolutions:task_create"),
            {"title": "Việc lạ", "organisation": str(tree.dept.pk), **data},
        )
        assert response.status_code == 200
        errors = response.context["form"].errors
        field = "bases" if "bases" in data else "document"
        assert errors[field] == ["Văn bản đã chọn không có hoặc nằm ngoài phạm vi của bạn."]
        assert "Nghị quyết của đảng bộ bên cạnh" not in response.content.decode()
    assert (Task.objects.count(), AuditEntry.objects.count()) == before
    # A document of the user's own is accepted through the same picker.
    response = client.post(
        reverse("resolutions:task_create"),
        {"title": "Việc đúng", "organisation": str(tree.dept.pk), "document": str(city_directive.pk),
         "bases": [str(own[0].pk), str(own[1].pk)]},
    )  # fmt: skip
    assert response.status_code == 302
    task = Task.objects.get(title="Việc đúng")
    assert task.document == city_directive and set(task.bases.all()) == {own[0], own[1]}
    # Editing it renders those three only.
    body = client.get(reverse("resolutions:task_edit", args=[task.pk])).content.decode()
    assert set(re.findall(r'value="(\d+)" selected', body)) >= {
        str(city_directive.pk),
        str(own[0].pk),
        str(own[1].pk),
    }
    assert "Kế hoạch thực hiện số 3" not in body
