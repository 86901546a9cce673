"""The JSON API's shared pieces, and its organisation endpoints (README, API).

Every endpoint reads through the same selectors and committees.access as the pages: a token sees exactly
what its user sees in the browser, and anything outside that scope is a 404. The other apps' endpoints
live in their own api.py and build on the classes here (the one-way dependency rule holds).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.contrib.auth.decorators import login_not_required
from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_field, inline_serializer
from rest_framework import serializers, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.request import Request
from rest_framework.response import Response

from committees import selectors
from committees.filters import OrganisationFilterSet
from committees.models import Organisation
from core.vn import VnValueError, parse_date


class ApiViewMixin:
    """API views answer 401/403 themselves: the login redirect of LoginRequiredMiddleware is for pages."""

    @classmethod
    def as_view(cls, *args: Any, **kwargs: Any) -> Any:
        return login_not_required(super().as_view(*args, **kwargs))  # type: ignore[misc]


class ReadOnlyViewSet(ApiViewMixin, viewsets.ReadOnlyModelViewSet):
    lookup_value_regex = r"[0-9]+"


CUT_OFF_PARAMETER = OpenApiParameter(
    "cut_off",
    OpenApiTypes.DATE,
    description="Tính đến ngày (YYYY-MM-DD hoặc ngày/tháng/năm); mặc định hôm nay.",
)


def cut_off_param(request: Request, default: date | None = None) -> date:
    """The `cut_off` query parameter, ISO or Vietnamese; a bad one is a 400 with the Vietnamese message."""
    raw = request.query_params.get("cut_off", "").strip()
    if not raw:
        return default or timezone.localdate()
    try:
        return parse_date(raw)
    except VnValueError as error:
        raise ValidationError({"cut_off": [error.message]}) from None


def year_param(request: Request, name: str = "year") -> int | None:
    raw = request.query_params.get(name, "").strip()
    if not raw:
        return None
    if not raw.isdigit() or not 1930 <= int(raw) <= 2100:
        raise ValidationError({name: [_("Năm phải là số từ 1930 đến 2100.")]})
    return int(raw)


class ReadOnlyModelSerializer(serializers.ModelSerializer):
    """A model serializer for output only: every field read-only, so the schema carries no input bounds
    (which Django derives from the database backend and would make the schema differ between SQLite and
    PostgreSQL)."""

    def get_extra_kwargs(self) -> dict[str, Any]:
        extra: dict[str, Any] = super().get_extra_kwargs()
        for name in self.Meta.fields:
            extra.setdefault(name, {})["read_only"] = True
        return extra


# --- organisations --------------------------------------------------------------------------------


class OrganisationSerializer(ReadOnlyModelSerializer):
    kind_label = serializers.CharField(source="get_kind_display", read_only=True)

    class Meta:
        model = Organisation
        fields = [
            "id",
            "code",
            "kind",
            "kind_label",
            "name",
            "committee_name",
            "issuer_code",
            "place_name",
            "parent",
            "path",
            "depth",
            "valid_from",
            "valid_to",
        ]


class OrganisationChildSerializer(ReadOnlyModelSerializer):
    member_count = serializers.IntegerField(read_only=True)

    class Meta:
        model = Organisation
        fields = ["id", "code", "name", "kind", "member_count"]


class OrganisationDetailSerializer(OrganisationSerializer):
    children = serializers.SerializerMethodField()

    class Meta(OrganisationSerializer.Meta):
        fields = [*OrganisationSerializer.Meta.fields, "children"]

    @extend_schema_field(OrganisationChildSerializer(many=True))
    def get_children(self, organisation: Organisation) -> list[dict[str, Any]]:
        return OrganisationChildSerializer(selectors.organisation_children(organisation), many=True).data  # type: ignore[no-any-return]


StatisticsSerializer = inline_serializer(
    "OrganisationStatistics",
    {
        "organisation": serializers.IntegerField(),
        "year": serializers.IntegerField(),
        "members": serializers.IntegerField(),
        "women": serializers.IntegerField(),
        "ethnic_minorities": serializers.IntegerField(),
        "religious": serializers.IntegerField(),
        "probationary": serializers.IntegerField(),
        "admitted_in_year": serializers.IntegerField(),
        "women_pct": serializers.DecimalField(max_digits=9, decimal_places=6, allow_null=True),
        "units_by_kind": serializers.DictField(child=serializers.IntegerField()),
    },
)


class OrganisationViewSet(ReadOnlyViewSet):
    """The tree of Party organisations the user may see, in tree order (by materialised path)."""

    serializer_class = OrganisationSerializer
    filterset_class = OrganisationFilterSet

    def get_queryset(self) -> Any:
        return selectors.organisations_for_user(self.request.user).order_by("path")

    def get_serializer_class(self) -> Any:
        return OrganisationDetailSerializer if self.action == "retrieve" else OrganisationSerializer

    @extend_schema(
        parameters=[OpenApiParameter("year", OpenApiTypes.INT, description="Năm tính số kết nạp.")],
        responses=StatisticsSerializer,
    )
    @action(detail=True, filterset_class=None, pagination_class=None)
    def statistics(self, request: Request, pk: str | None = None) -> Response:
        """Member counts of the whole subtree and its units by kind: the organisation page's figures."""
        organisation = self.get_object()
        stats = selectors.organisation_statistics(organisation, year=year_param(request))
        units = selectors.organisation_unit_counts(organisation)
        women_pct = stats.women_pct
        return Response(
            {
                "organisation": organisation.pk,
                "year": stats.year,
                "members": stats.members,
                "women": stats.women,
                "ethnic_minorities": stats.ethnic_minorities,
                "religious": stats.religious,
                "probationary": stats.probationary,
                "admitted_in_year": stats.admitted_in_year,
                "women_pct": f"{women_pct:.6f}" if women_pct is not None else None,
                "units_by_kind": units.by_kind,
            }
        )
