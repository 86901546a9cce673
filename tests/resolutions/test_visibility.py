"""A document read by several organisations shows each of them only what is theirs to see (issue 19, 3).

The city's directive is read by the department (alice) and by its sibling (dave); each implements it
with its own plan and leads its own tasks. Neither may learn the other's plan, tasks or documents through
the directive's page, its history, the API or the number check.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse

from resolutions import services
from resolutions.models import Document, LinkKind
from tests.api.conftest import token_client
from tests.conftest import Tree

SIBLING_PLAN_TITLE = "về phòng chống dịch sốt xuất huyết của Sở Y tế"
SIBLING_TASK = "Giám sát ổ dịch tại các bệnh viện"
SIBLING_CITED_TITLE = "về nhân sự lãnh đạo Sở Y tế"
OWN_TASK = "Rà soát hộ nghèo cuối năm"


@dataclass
class Shared:
    directive: Document
    own_plan: Document
    sibling_plan: Document
    sibling_cited: Document


def _doc(org, number: str, title: str) -> Document:  # type: ignore[no-untyped-def]
    return services.document_create(
        raw_number=number, title=title, organisation=org, issued_on=date(2024, 4, 1), acting_user=None
    )


@pytest.fixture
def shared(tree: Tree) -> Shared:
    directive = _doc(tree.city, "32-CT/TU", "về giảm nghèo bền vững")
    own_plan = _doc(tree.dept, "45-KH/ĐU", "thực hiện Chỉ thị 32 tại Sở Lao động")
    sibling_plan = _doc(tree.sibling, "46-KH/ĐU", SIBLING_PLAN_TITLE)
    sibling_cited = _doc(tree.sibling, "07-BC/ĐU", SIBLING_CITED_TITLE)
    for plan in (own_plan, sibling_plan):
        services.document_link(source=plan, target=directive, kind=LinkKind.IMPLEMENTS, acting_user=None)
    services.document_link(source=directive, target=sibling_cited, kind=LinkKind.CITES, acting_user=None)
    services.task_create(
        document=directive,
        organisation=tree.cell,
        title=OWN_TASK,
        due_on=date(2024, 12, 31),
        acting_user=None,
    )
    services.task_create(
        document=directive,
        organisation=tree.sibling_cell,
        title=SIBLING_TASK,
        due_on=date(2024, 6, 30),
        done_on=date(2024, 6, 1),
        acting_user=None,
    )
    return Shared(directive, own_plan, sibling_plan, sibling_cited)


def _page(user: User, url: str) -> str:
    client = Client()
    client.force_login(user)
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def test_the_page_of_a_shared_document_lists_only_the_viewers_plans_and_tasks(
    shared: Shared, alice: User, dave: User
) -> None:
    url = reverse("resolutions:document_detail", args=[shared.directive.pk]) + "?cut_off=30/6/2024"
    body = _page(alice, url)
    assert "45-KH/ĐU" in body and OWN_TASK in body
    for leak in ("46-KH/ĐU", SIBLING_PLAN_TITLE, SIBLING_TASK, "07-BC/ĐU", "Sở Y tế"):
        assert leak not in body
    # The counts are of the tasks shown: the sibling's task finished early is not counted.
    assert "0/1 nội dung đầu việc" in body
    # The sibling sees its own, and none of the department's.
    body = _page(dave, url)
    assert "46-KH/ĐU" in body and SIBLING_TASK in body and "07-BC/ĐU" in body
    assert "45-KH/ĐU" not in body and OWN_TASK not in body
    assert "1/1 nội dung đầu việc hoàn thành trước hạn" in body
    # The list and its search keep to the same scope.
    assert SIBLING_PLAN_TITLE not in _page(alice, reverse("resolutions:document_list") + "?q=phong+chong")


def test_the_chain_above_stops_at_a_document_the_viewer_may_not_see(
    tree: Tree, shared: Shared, alice: User
) -> None:
    review = _doc(tree.dept, "50-BC/ĐU", "sơ kết phối hợp liên ngành")
    services.document_link(source=review, target=shared.sibling_plan, kind=LinkKind.REVIEWS, acting_user=None)
    report = _doc(tree.cell, "03-BC/CB", "báo cáo của chi bộ")
    services.document_link(source=report, target=review, kind=LinkKind.REPORTS_ON, acting_user=None)
    body = _page(alice, reverse("resolutions:document_detail", args=[report.pk]))
    assert "50-BC/ĐU" in body
    assert "46-KH/ĐU" not in body and SIBLING_PLAN_TITLE not in body


def test_the_history_of_a_shared_document_lists_only_the_viewers_tasks(
    shared: Shared, alice: User, dave: User
) -> None:
    url = reverse("committees:object_history", args=["resolutions.document", shared.directive.pk])
    body = _page(alice, url)
    assert OWN_TASK in body
    assert SIBLING_TASK not in body and "07-BC/ĐU" not in body
    body = _page(dave, url)
    assert SIBLING_TASK in body and "07-BC/ĐU" in body and OWN_TASK not in body


def test_the_api_detail_of_a_shared_document_lists_only_the_viewers_links_and_tasks(
    shared: Shared, alice: User, erin: User
) -> None:
    url = reverse("api:document-detail", args=[shared.directive.pk])
    body = token_client(alice).get(url).json()
    assert [link["document"]["canonical_number"] for link in body["links_in"]] == ["45-KH/ĐU"]
    assert body["links_out"] == []
    assert [task["title"] for task in body["tasks"]] == [OWN_TASK]
    listed = token_client(alice).get(reverse("api:document-list")).json()["results"]
    assert SIBLING_PLAN_TITLE not in str(listed) and SIBLING_TASK not in str(listed)
    # The city's admin sees everything the directive set in motion.
    body = token_client(erin).get(url).json()
    assert sorted(link["document"]["canonical_number"] for link in body["links_in"]) == [
        "45-KH/ĐU",
        "46-KH/ĐU",
    ]
    assert [link["document"]["canonical_number"] for link in body["links_out"]] == ["07-BC/ĐU"]
    assert len(body["tasks"]) == 2


def _number_check(user: User, raw: str) -> str:
    client = Client()
    client.force_login(user)
    response = client.get(
        reverse("resolutions:number_check"), {"raw_number": raw}, headers={"HX-Request": "true"}
    )
    assert response.status_code == 200
    return response.content.decode()


def test_the_number_check_names_only_documents_the_viewer_may_see(
    shared: Shared, alice: User, dave: User
) -> None:
    body = _number_check(alice, "46-KH/ĐU")
    assert SIBLING_PLAN_TITLE not in body
    assert reverse("resolutions:document_detail", args=[shared.sibling_plan.pk]) not in body
    # Saving that number would be refused: the person learns that it is taken, not by what.
    assert "đơn vị khác" in body
    # Its owner, and anyone reading a document, still gets the title and the link.
    body = _number_check(dave, "46-KH/ĐU")
    assert SIBLING_PLAN_TITLE in body and "đơn vị khác" not in body
    body = _number_check(alice, "32-CT/TU")
    assert reverse("resolutions:document_detail", args=[shared.directive.pk]) in body
    assert "đơn vị khác" not in _number_check(alice, "99-KH/ĐU")
