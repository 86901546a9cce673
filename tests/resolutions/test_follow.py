"""Following a shared document: an organisation below the keeper of a central or upper document follows
it, finds it among its own documents and attaches its tasks to it; only inside the user's role subtree."""

from __future__ import annotations

from datetime import date

import pytest
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from committees.audit import AuditEntry
from resolutions import services
from resolutions.models import Document, DocumentFollow
from tests.conftest import Tree


@pytest.fixture
def central(tree: Tree) -> Document:
    return services.document_create(
        raw_number="18-NQ/TW",
        title="một số vấn đề về tiếp tục đổi mới, sắp xếp tổ chức bộ máy",
        organisation=tree.city,
        issued_on=date(2017, 10, 25),
        acting_user=None,
    )


def test_the_service_follows_a_document_from_above_only(tree: Tree, central: Document, alice: User) -> None:
    services.document_follow(document=central, organisation=tree.dept, acting_user=alice)
    services.document_follow(document=central, organisation=tree.dept, acting_user=alice)  # twice: once
    assert list(DocumentFollow.objects.values_list("organisation__code", flat=True)) == ["SLDTBXH"]
    entry = AuditEntry.objects.get(action="document.follow")
    assert (
        entry.user == alice
        and entry.organisation == tree.dept
        and entry.after == {"followed_by": tree.dept.name, "following": True}
    )
    own = services.document_create(
        raw_number="05-KH/ĐU", title="Kế hoạch", organisation=tree.dept, acting_user=None
    )
    for document, organisation in ((own, tree.dept), (own, tree.sibling), (central, tree.city)):
        with pytest.raises(ValidationError, match="Chỉ theo dõi được văn bản do cấp trên"):
            services.document_follow(document=document, organisation=organisation, acting_user=alice)
    assert services.document_unfollow(document=central, organisation=tree.dept, acting_user=alice)
    assert not DocumentFollow.objects.exists()
    assert AuditEntry.objects.filter(action="document.unfollow", user=alice).count() == 1


def test_staff_follow_with_the_button_and_find_it_in_their_list(
    tree: Tree, central: Document, client: Client, alice: User
) -> None:
    client.force_login(alice)
    page = client.get(reverse("resolutions:document_detail", args=[central.pk])).content.decode()
    assert "Theo dõi văn bản này" in page and 'id="theo-doi"' in page
    # The department's list by organisation holds its own documents only, until it follows this one.
    listed = reverse("resolutions:document_list") + f"?organisation={tree.dept.pk}"
    assert "18-NQ/TW" not in client.get(listed).content.decode()
    url = reverse("resolutions:document_follow", args=[central.pk])
    response = client.post(url, {"organisation": tree.dept.pk}, headers={"HX-Request": "true"})
    assert response.status_code == 200
    part = response.content.decode()
    assert part.lstrip().startswith('<div id="theo-doi"') and "Bỏ theo dõi" in part
    assert "Đảng bộ Sở Lao động" in part
    assert "18-NQ/TW" in client.get(listed).content.decode()
    # A cell under the department does not get it through the department's follow.
    assert (
        "18-NQ/TW"
        not in client.get(
            reverse("resolutions:document_list") + f"?organisation={tree.cell.pk}"
        ).content.decode()
    )
    # Its tasks attach to it as to any document it reads.
    form = client.get(reverse("resolutions:task_create") + f"?document={central.pk}").content.decode()
    assert f'<option value="{central.pk}" selected' in form
    # Without htmx: back to the page.
    stop = client.post(url, {"organisation": tree.dept.pk, "stop": "1"})
    assert stop.status_code == 302 and not DocumentFollow.objects.exists()


def test_nobody_follows_for_an_organisation_outside_their_role(
    tree: Tree, central: Document, client: Client, bob: User, dave: User, alice: User
) -> None:
    url = reverse("resolutions:document_follow", args=[central.pk])
    # dave (staff of the sibling) may follow for the sibling, never for the department.
    client.force_login(dave)
    assert client.post(url, {"organisation": tree.dept.pk}).status_code == 404
    assert client.post(url, {"organisation": tree.sibling.pk}).status_code == 302
    # bob leads the department: he reads, he does not follow.
    client.force_login(bob)
    assert client.post(url, {"organisation": tree.dept.pk}).status_code == 404
    assert (
        "Theo dõi văn bản này"
        not in client.get(reverse("resolutions:document_detail", args=[central.pk])).content.decode()
    )
    # alice sees her department's follow and not the sibling's; nor may she undo the sibling's.
    client.force_login(alice)
    page = client.get(reverse("resolutions:document_detail", args=[central.pk])).content.decode()
    assert tree.sibling.name not in page
    assert client.post(url, {"organisation": tree.sibling.pk, "stop": "1"}).status_code == 404
    assert DocumentFollow.objects.filter(organisation=tree.sibling).exists()
    # The city (the keeper itself) follows nothing: its own document is listed already.
    assert client.post(url, {"organisation": tree.city.pk}).status_code == 404
    # A document the user may not read is not found at all.
    sibling_doc = services.document_create(
        raw_number="07-KH/ĐU", title="x", organisation=tree.sibling, acting_user=None
    )
    assert (
        client.post(
            reverse("resolutions:document_follow", args=[sibling_doc.pk]), {"organisation": tree.dept.pk}
        ).status_code
        == 404
    )
