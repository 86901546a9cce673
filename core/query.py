"""Query helpers shared by the apps' selectors (cf. NetBox utilities/query.py)."""

from __future__ import annotations

from typing import Any

from django.db.models import F, Func, IntegerField, QuerySet, Subquery
from django.db.models.functions import Coalesce


class _Count(Func):
    # A COUNT that Django does not treat as an aggregate, so the subquery gets no GROUP BY.
    function = "COUNT"
    template = "%(function)s(%(expressions)s)"
    output_field = IntegerField()


def count_subquery(queryset: QuerySet[Any]) -> Coalesce:
    """COUNT(*) of `queryset` (which may use OuterRef) as a correlated subquery, 0 when empty."""
    counted = queryset.order_by().annotate(_n=_Count(F("pk"))).values("_n")
    return Coalesce(Subquery(counted[:1], output_field=IntegerField()), 0)
