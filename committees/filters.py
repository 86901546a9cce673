from __future__ import annotations

from typing import Any

import django_filters
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from committees import access
from committees.audit import VERBS, audited_types
from committees.models import (
    ETHNICITIES,
    AuditEntry,
    BodyMembership,
    Gender,
    Member,
    MemberStatus,
    Organisation,
    OrganisationKind,
    Position,
)
from core.fields import VnDateField
from core.vn import fold
from core.widgets import OrganisationSelect


def name_search_q(queryset: QuerySet[Member], text: str) -> Q:
    """Every word of `text` in the name, ignoring diacritics and case: "nguyen van" finds "Nguyễn Văn".

    Reads the folded column that the services keep (core.vn.fold) on every database: on PostgreSQL
    this is 4-5 times faster than unaccent() on each row (200.000 members: 70 ms instead of 340 ms a scan).
    """
    condition = Q()
    for word in text.split():
        condition &= Q(full_name_folded__contains=fold(word))
    return condition


class MemberFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Họ tên"), method="filter_name")
    organisation = django_filters.ModelChoiceFilter(
        label=_("Tổ chức (cả cấp dưới)"),
        queryset=Organisation.objects.none(),
        method="filter_subtree",
        widget=OrganisationSelect,
    )
    gender = django_filters.ChoiceFilter(label=_("Giới tính"), choices=Gender.choices)
    ethnicity = django_filters.ChoiceFilter(label=_("Dân tộc"), choices=[(e, e) for e in ETHNICITIES])
    status = django_filters.ChoiceFilter(label=_("Tình trạng"), choices=MemberStatus.choices)
    position = django_filters.ChoiceFilter(
        label=_("Chức vụ trong cấp ủy"), choices=Position.choices, method="filter_position"
    )
    admitted_year = django_filters.NumberFilter(
        label=_("Năm vào Đảng"), field_name="admitted_on", lookup_expr="year", min_value=1930, max_value=2100
    )

    class Meta:
        model = Member
        fields = ["q", "organisation", "gender", "ethnicity", "status", "position", "admitted_year"]

    def __init__(self, *args: Any, request: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, request=request, **kwargs)
        if request is not None:
            self.filters["organisation"].queryset = (
                access.organisations(request.user).filter(valid_to__isnull=True).only("pk", "name", "path")
            )

    def filter_name(self, queryset: QuerySet[Member], name: str, value: str) -> QuerySet[Member]:
        return queryset.filter(name_search_q(queryset, value))

    def filter_subtree(self, queryset: QuerySet[Member], name: str, value: Organisation) -> QuerySet[Member]:
        return queryset.filter(organisation__path__startswith=value.path)

    def filter_position(self, queryset: QuerySet[Member], name: str, value: str) -> QuerySet[Member]:
        # EXISTS rather than a join: a member with two such seats (two terms) is listed once.
        today = timezone.localdate()
        seats = BodyMembership.objects.filter(member=OuterRef("pk"), position=value).filter(
            Q(end_date__isnull=True) | Q(end_date__gte=today)
        )
        return queryset.filter(Exists(seats))


class OrganisationFilterSet(django_filters.FilterSet):
    """The API's organisation list: children of one organisation, a kind, or a name."""

    parent = django_filters.NumberFilter(
        label=_("Cấp trên (mã số)"), field_name="parent_id", min_value=1, max_value=2**62
    )
    kind = django_filters.ChoiceFilter(label=_("Loại"), choices=OrganisationKind.choices)
    q = django_filters.CharFilter(label=_("Tìm kiếm"), method="filter_text")

    class Meta:
        model = Organisation
        fields = ["parent", "kind", "q"]

    def filter_text(self, queryset: QuerySet[Organisation], name: str, value: str) -> QuerySet[Organisation]:
        condition = Q()
        for word in fold(value).split():
            condition &= Q(name_folded__contains=word) | Q(code__icontains=word)
        return queryset.filter(condition)


class VnDateFilter(django_filters.Filter):
    field_class = VnDateField


class AuditFilterSet(django_filters.FilterSet):
    """The admins' audit list: who, what kind of object, which change, where, when."""

    user = django_filters.CharFilter(label=_("Người thực hiện (tên đăng nhập)"), field_name="user__username")
    object_type = django_filters.ChoiceFilter(label=_("Loại đối tượng"), choices=())
    action = django_filters.ChoiceFilter(label=_("Hành động"), choices=(), method="filter_action")
    organisation = django_filters.ModelChoiceFilter(
        label=_("Tổ chức (cả cấp dưới)"),
        queryset=Organisation.objects.none(),
        method="filter_subtree",
        widget=OrganisationSelect,
    )
    date_from = VnDateFilter(label=_("Từ ngày"), field_name="at", lookup_expr="date__gte")
    date_to = VnDateFilter(label=_("Đến ngày"), field_name="at", lookup_expr="date__lte")

    class Meta:
        model = AuditEntry
        fields = ["user", "object_type", "action", "organisation", "date_from", "date_to"]

    def __init__(self, *args: Any, organisations: QuerySet[Organisation], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.filters["organisation"].queryset = organisations.only("pk", "name", "path")
        self.filters["object_type"].extra["choices"] = audited_types()
        self.filters["action"].extra["choices"] = [(verb, str(label)) for verb, label in VERBS.items()]

    def filter_action(self, queryset: QuerySet[AuditEntry], name: str, value: str) -> QuerySet[AuditEntry]:
        return queryset.filter(action__endswith=f".{value}")

    def filter_subtree(
        self, queryset: QuerySet[AuditEntry], name: str, value: Organisation
    ) -> QuerySet[AuditEntry]:
        return queryset.filter(organisation__path__startswith=value.path)
