"""Creating a document is all or nothing: when its attachment or link is refused, no document stays behind."""

from __future__ import annotations

from typing import Any
from unittest import mock

from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from committees.models import AuditEntry
from resolutions import services
from resolutions.models import Document
from tests.conftest import Tree


def test_a_refused_link_leaves_no_document(client: Client, tree: Tree, alice: Any) -> None:
    implemented = services.document_create(
        raw_number="32-CT/TU", title="về giảm nghèo", organisation=tree.dept, acting_user=None
    )
    client.force_login(alice)
    before = (Document.objects.count(), AuditEntry.objects.count())
    refusal = ValidationError({"implements": "Liên kết này tạo thành vòng lặp giữa các văn bản."})
    with mock.patch.object(services, "document_link", side_effect=refusal):
        response = client.post(
            reverse("resolutions:document_create"),
            {
                "raw_number": "11-NQ/ĐU",
                "title": "Nghị quyết",
                "organisation": tree.dept.pk,
                "implements": implemented.pk,
                "link_kind": "implements",
            },
        )
    assert response.status_code == 200
    assert "vòng lặp" in response.content.decode()
    assert (Document.objects.count(), AuditEntry.objects.count()) == before
