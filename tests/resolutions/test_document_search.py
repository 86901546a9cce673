"""The task list's document filter is a search field, not a select of every document (issue 24): the page
stays the same size whatever the number of documents, and the field asks the product for the documents
whose number or title holds the words typed, among those the user may narrow the list to."""

from __future__ import annotations

import re
from datetime import date

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse

from core.vn import fold
from resolutions import services
from resolutions.models import Document
from tests.conftest import Tree

pytestmark = pytest.mark.django_db

SEARCH = reverse("resolutions:document_options")
TOPICS = ("cán bộ", "dân vận", "tuyên giáo")


def _documents(organisation, count: int, start: int = 0) -> list[Document]:  # type: ignore[no-untyped-def]
    return [
        services.document_create(
            raw_number=f"{n + 1}-NQ/ĐU",
            title=f"Nghị quyết về công tác {TOPICS[n % 3]} số {n}",
            organisation=organisation,
            issuer_organisation=organisation,
            issued_on=date(2024, 1, 1 + n % 28),
            acting_user=None,
        )
        for n in range(start, start + count)
    ]


def _task_list(client: Client, query: str = "") -> str:
    response = client.get(reverse("resolutions:task_list") + query)
    assert response.status_code == 200
    return response.content.decode()


def test_the_task_list_does_not_grow_with_the_documents(
    tree: Tree, bob: User, django_assert_num_queries
) -> None:  # type: ignore[no-untyped-def]
    client = Client()
    client.force_login(bob)
    _documents(tree.dept, 3)
    small = _task_list(client)
    _documents(tree.cell, 300, start=100)
    # session, user, roles, tasks, counts, can-manage (no document is loaded for the filter)
    with django_assert_num_queries(6):
        big = _task_list(client)
    assert len(big) == len(small)
    assert "151-NQ" not in big and "Nghị quyết về công tác" not in big
    assert 'name="document_search"' in big and f'hx-get="{SEARCH}"' in big


def test_a_chosen_document_stays_chosen_and_narrows_the_list(tree: Tree, bob: User) -> None:
    document, other = _documents(tree.dept, 2)
    services.task_create(
        document=document, organisation=tree.dept, title="Việc của văn bản", acting_user=None
    )
    services.task_create(document=other, organisation=tree.dept, title="Việc khác", acting_user=None)
    client = Client()
    client.force_login(bob)
    body = _task_list(client, f"?document={document.pk}")
    assert f'<option value="{document.pk}" selected>{document}</option>' in body
    assert "Việc của văn bản" in body and "Việc khác" not in body
    # Not a number, or not one of the user's documents: refused as before, nothing narrowed in secret.
    select = re.search(r'<select[^>]*name="document".*?</select>', _task_list(client, "?document=abc"), re.S)
    assert select is not None and select.group().count("<option") == 1
    hidden = _documents(tree.sibling, 1, start=40)[0]
    response = client.get(reverse("resolutions:task_list") + f"?document={hidden.pk}")
    assert response.context["filter"].form.errors and str(hidden) not in response.content.decode()


def test_the_search_offers_matching_documents_of_the_users_subtrees(
    tree: Tree, bob: User, dave: User, django_assert_num_queries
) -> None:  # type: ignore[no-untyped-def]
    _documents(tree.dept, 30)
    _documents(tree.sibling, 3, start=50)
    client = Client()
    client.force_login(bob)
    # session, user, roles, the documents
    with django_assert_num_queries(4):
        body = client.get(SEARCH, {"document_search": "cong tac so 1"}).content.decode()
    offered = {int(pk) for pk in re.findall(r'value="(\d+)"', body)}
    # Every word, folded, in the title or the number; of bob's subtree only, not the sibling's 50-52.
    words = fold("cong tac so 1").split()
    assert offered == {
        d.pk
        for d in Document.objects.filter(organisation=tree.dept)
        if all(w in d.title_folded or w in d.canonical_number.lower() for w in words)
    }
    assert 11 <= len(offered) < 20
    by_topic = client.get(SEARCH, {"document_search": "DAN VAN"}).content.decode()
    assert len(re.findall(r'value="\d+"', by_topic)) == 10
    everything = client.get(SEARCH).content.decode()
    assert everything.count('value="') - everything.count('value=""') == 20  # the first 20, newest first
    assert "gõ thêm" in everything
    # The chosen one is kept selected when it still matches; a search matching none says so.
    chosen = Document.objects.get(title__endswith="số 11")
    body = client.get(SEARCH, {"document_search": "12", "document": str(chosen.pk)}).content.decode()
    assert f'value="{chosen.pk}" selected' in body
    assert "Không có văn bản nào khớp" in client.get(SEARCH, {"document_search": "khong co"}).content.decode()
    client.force_login(dave)
    body = client.get(SEARCH, {"document_search": "nghi quyet"}).content.decode()
    assert body.count('value="') - body.count('value=""') == 3
