from __future__ import annotations

from typing import Any

import django_filters
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from committees import access
from committees.models import Organisation
from core.vn import fold
from core.widgets import OrganisationSelect
from inspections.models import Inspection, Kind, Mode, Status, Subject


class InspectionFilterSet(django_filters.FilterSet):
    organisation = django_filters.ModelChoiceFilter(
        label=_("Cấp ủy quyết định hoặc đối tượng (cả cấp dưới)"),
        queryset=Organisation.objects.none(),
        method="filter_subtree",
        widget=OrganisationSelect,
    )
    mode = django_filters.ChoiceFilter(label=_("Hình thức"), choices=Mode.choices)
    kind = django_filters.ChoiceFilter(label=_("Loại"), choices=Kind.choices)
    status = django_filters.ChoiceFilter(label=_("Tình trạng"), choices=Status.choices)
    year = django_filters.NumberFilter(
        label=_("Năm quyết định"), field_name="decided_on", lookup_expr="year", min_value=1, max_value=9999
    )
    q = django_filters.CharFilter(label=_("Tìm kiếm"), method="filter_text")

    class Meta:
        model = Inspection
        fields = ["organisation", "mode", "kind", "status", "year", "q"]

    def __init__(self, *args: Any, request: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, request=request, **kwargs)
        if request is not None:
            self.filters["organisation"].queryset = access.organisations(request.user)

    def filter_subtree(
        self, queryset: QuerySet[Inspection], name: str, value: Organisation
    ) -> QuerySet[Inspection]:
        return queryset.filter(
            Q(organisation__path__startswith=value.path)
            | Q(
                pk__in=Subject.objects.filter(organisation__path__startswith=value.path).values(
                    "inspection_id"
                )
            )
        )

    def filter_text(self, queryset: QuerySet[Inspection], name: str, value: str) -> QuerySet[Inspection]:
        condition = Q()
        for word in fold(value).split():
            condition &= Q(title_folded__contains=word) | Q(decision__canonical_number__icontains=word)
        return queryset.filter(condition)
