from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import django_filters
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from committees import access, subtree_cache
from committees.models import Organisation
from core.vn import fold
from core.widgets import OrganisationSelect
from resolutions.filters import DocumentSelect
from resolutions.models import Document
from targets.models import Reading, Shape, Target
from targets.periods import Period


class TargetFilterSet(django_filters.FilterSet):
    organisation = django_filters.ModelChoiceFilter(
        label=_("Tổ chức (cả cấp dưới)"),
        queryset=Organisation.objects.none(),
        method="filter_subtree",
        widget=OrganisationSelect,
    )
    period = django_filters.CharFilter(label=_("Kỳ"), method="filter_period")
    shape = django_filters.ChoiceFilter(label=_("Dạng"), choices=Shape.choices)
    q = django_filters.CharFilter(label=_("Tìm kiếm"), method="filter_text")

    class Meta:
        model = Target
        fields = ["organisation", "period", "shape", "q"]

    def __init__(self, *args: Any, request: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, request=request, **kwargs)
        if request is not None:
            self.filters["organisation"].queryset = access.organisations(request.user)

    def filter_subtree(self, queryset: QuerySet[Target], name: str, value: Organisation) -> QuerySet[Target]:
        return queryset.filter(organisation__path__startswith=value.path)

    def filter_period(self, queryset: QuerySet[Target], name: str, value: str) -> QuerySet[Target]:
        return queryset.filter(period=value.strip().upper())

    def filter_text(self, queryset: QuerySet[Target], name: str, value: str) -> QuerySet[Target]:
        words = fold(value).split()
        condition = Q()
        for word in words:
            condition &= Q(title_folded__contains=word) | Q(code__icontains=word)
        return queryset.filter(condition)


STATUS_CHOICES = [
    ("met", _("Đạt (kể cả vượt)")),
    ("exceeded", _("Vượt")),
    ("not_met", _("Chưa đạt")),
    ("behind", _("Chậm tiến độ")),
    ("on_track", _("Đúng tiến độ")),
    ("no_data", _("Chưa có số liệu")),
]


class DashboardFilterSet(django_filters.FilterSet):
    """The dashboard's filters; period and cut-off are read by the view, the rest narrow the targets."""

    period = django_filters.ChoiceFilter(label=_("Kỳ"), method="filter_noop", empty_label=None)
    cut_off = django_filters.CharFilter(label=_("Tính đến ngày"), method="filter_noop")
    shape = django_filters.ChoiceFilter(label=_("Dạng"), choices=Shape.choices)
    status = django_filters.ChoiceFilter(label=_("Đánh giá"), choices=STATUS_CHOICES, method="filter_noop")
    document = django_filters.ModelChoiceFilter(
        label=_("Văn bản giao"), queryset=Document.objects.none(), widget=DocumentSelect
    )
    q = django_filters.CharFilter(label=_("Tìm kiếm"), method="filter_text")

    class Meta:
        model = Target
        fields = ["period", "cut_off", "shape", "status", "document", "q"]

    def __init__(
        self,
        *args: Any,
        organisation: Organisation,
        years: list[int],
        terms: Sequence[Period] = (),
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        choices = [(term.code, term.label()) for term in terms]
        for year in years:
            choices += [(str(year), str(year)), (f"{year}-H1", _("6 tháng đầu năm %(y)s") % {"y": year})]
        self.filters["period"].extra["choices"] = choices
        # The documents that set targets in the subtree: a scan of all its targets, so kept in the cache
        # (saving a reading does not change them).
        documents = subtree_cache.cached(
            organisation,
            "target-documents",
            (),
            lambda: sorted(
                set(
                    Target.objects.filter(
                        organisation__path__startswith=organisation.path, document__isnull=False
                    )
                    .order_by()
                    .values_list("document", flat=True)
                    .distinct()
                )
            ),
            figures=False,
        )
        self.filters["document"].queryset = Document.objects.filter(pk__in=documents).order_by("-issued_on")

    def filter_noop(self, queryset: QuerySet[Target], name: str, value: Any) -> QuerySet[Target]:
        return queryset

    def filter_text(self, queryset: QuerySet[Target], name: str, value: str) -> QuerySet[Target]:
        condition = Q()
        for word in fold(value).split():
            condition &= Q(title_folded__contains=word)
        return queryset.filter(condition)

    def narrowing(self) -> tuple[str | None, Q]:
        """The shape asked for, and the other narrowing filters as one Q to apply inside the rollup queries
        (the stored steps are kept per shape; a document or words of the title are rolled up on the fly)."""
        data = self.form.cleaned_data if self.is_bound and self.form.is_valid() else {}
        q = Q()
        if data.get("document"):
            q &= Q(document=data["document"])
        for word in fold(data.get("q") or "").split():
            q &= Q(title_folded__contains=word)
        return data.get("shape") or None, q


class ReadingFilterSet(django_filters.FilterSet):
    """The API's reading list: one target's history, a subtree, a span of cut-offs, current ones only."""

    target = django_filters.NumberFilter(
        label=_("Chỉ tiêu (mã số)"), field_name="target_id", min_value=1, max_value=2**62
    )
    organisation = django_filters.ModelChoiceFilter(
        label=_("Tổ chức (cả cấp dưới)"),
        queryset=Organisation.objects.none(),
        method="filter_subtree",
        widget=OrganisationSelect,
    )
    cut_off_from = django_filters.DateFilter(
        label=_("Tính đến ngày, từ"), field_name="cut_off", lookup_expr="gte"
    )
    cut_off_to = django_filters.DateFilter(
        label=_("Tính đến ngày, đến"), field_name="cut_off", lookup_expr="lte"
    )
    current = django_filters.BooleanFilter(label=_("Chỉ số liệu hiện hành"), field_name="is_current")

    class Meta:
        model = Reading
        fields = ["target", "organisation", "cut_off_from", "cut_off_to", "current"]

    def __init__(self, *args: Any, request: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, request=request, **kwargs)
        if request is not None:
            self.filters["organisation"].queryset = access.organisations(request.user)

    def filter_subtree(
        self, queryset: QuerySet[Reading], name: str, value: Organisation
    ) -> QuerySet[Reading]:
        return queryset.filter(target__organisation__path__startswith=value.path)
