"""Reads of the exchange app."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import QuerySet

from committees import access
from exchange.models import ImportRun

if TYPE_CHECKING:
    from committees.access import AnyUser


def import_runs(user: AnyUser) -> QuerySet[ImportRun]:
    """The workbook imports a user may see: their own uploads; a superuser sees all of them. An import
    belongs to no single organisation (its rows may name many), so it is not scoped by the tree."""
    runs = ImportRun.objects.select_related("uploaded_by").order_by("-requested_at", "-id")
    if access.is_superuser(user):
        return runs
    return runs.filter(uploaded_by_id=user.pk) if user.is_authenticated else runs.none()
