"""Filters of the reports app's lists."""

from __future__ import annotations

from typing import Any

import django_filters
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from committees import access
from committees.models import Organisation
from core.widgets import OrganisationSelect
from reports.models import Meeting, MeetingKind


class MeetingFilterSet(django_filters.FilterSet):
    kind = django_filters.ChoiceFilter(label=_("Loại hội nghị"), choices=MeetingKind.choices)
    organisation = django_filters.ModelChoiceFilter(
        label=_("Tổ chức (cả cấp dưới)"),
        queryset=Organisation.objects.none(),
        method="filter_subtree",
        widget=OrganisationSelect,
    )
    year = django_filters.NumberFilter(
        label=_("Năm"), field_name="held_on", lookup_expr="year", min_value=1, max_value=9999
    )

    class Meta:
        model = Meeting
        fields = ["kind", "organisation", "year"]

    def __init__(self, *args: Any, request: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, request=request, **kwargs)
        if request is not None:
            self.filters["organisation"].queryset = access.organisations(request.user)

    def filter_subtree(
        self, queryset: QuerySet[Meeting], name: str, value: Organisation
    ) -> QuerySet[Meeting]:
        return queryset.filter(organisation__path__startswith=value.path)
