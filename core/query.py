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


class UncountedPage:
    """A page of a list too long to count on every view (1.400.000 targets in a province: the `COUNT` took
    0,25-0,5 s, the page itself 13 ms): one row more than the page is read to know whether another follows.
    Shaped like Django's Page for the template `pagination_uncounted.html` ("Trang 3", previous, next);
    a page number that is not one, or past the end, shows the first page / an empty page, never an error."""

    def __init__(self, queryset: Any, raw_number: str | None, size: int) -> None:
        self.number = (
            int(raw_number) if raw_number and raw_number.isdigit() and 0 < int(raw_number) < 10**6 else 1
        )
        start = (self.number - 1) * size
        rows = list(queryset[start : start + size + 1])
        self.object_list = rows[:size]
        self.start_index = start + 1 if rows else 0
        self.has_next = len(rows) > size
        self.has_previous = self.number > 1
        self.next_page_number = self.number + 1
        self.previous_page_number = self.number - 1

    def __iter__(self) -> Any:
        return iter(self.object_list)

    def __len__(self) -> int:
        return len(self.object_list)
