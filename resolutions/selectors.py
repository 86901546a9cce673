from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import QuerySet

from committees import access
from resolutions.models import Document

if TYPE_CHECKING:
    from committees.access import AnyUser


def documents_for_user(user: AnyUser) -> QuerySet[Document]:
    return access.restrict(Document.objects.select_related("issuer_organisation"), user)
