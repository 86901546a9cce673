"""The API's pagination and filter backend, named in settings.REST_FRAMEWORK.

Kept apart from committees/api.py: REST framework imports these while it loads its own views, so this
module must not import them back.
"""

from __future__ import annotations

from typing import Any

from django_filters.rest_framework import DjangoFilterBackend
from rest_framework.pagination import PageNumberPagination

MAX_PAGE_SIZE = 200


class Pagination(PageNumberPagination):
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = MAX_PAGE_SIZE


class FilterBackend(DjangoFilterBackend):
    """django-filter's backend; a view may hand its FilterSet extra arguments (the tasks' cut-off)."""

    def get_filterset_kwargs(self, request: Any, queryset: Any, view: Any) -> dict[str, Any]:
        kwargs: dict[str, Any] = super().get_filterset_kwargs(request, queryset, view)
        extra = getattr(view, "filterset_extra_kwargs", None)
        if extra is not None:
            kwargs.update(extra())
        return kwargs
