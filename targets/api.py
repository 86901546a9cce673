"""The API's targets (with their outcome at a cut-off), readings (list, and record one), and rollups.

Outcomes come from targets.outcomes.rollups.with_outcome and rollups.rollup, the code the dashboard and the
workbook export use, so the three always give the same numbers. A reading is recorded through
targets.services.reading_record, exactly as the entry grid does: same validation, audit row and
conflict check.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema, inline_serializer
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.exceptions import PermissionDenied, ValidationError
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from committees import access
from committees.access import Action
from committees.api import (
    CUT_OFF_PARAMETER,
    ApiViewMixin,
    ReadOnlyModelSerializer,
    ReadOnlyViewSet,
    cut_off_param,
)
from committees.models import Organisation
from core.api_defaults import StoredDecimalField, UncountedPagination, vn_errors
from core.vn import format_percent
from targets import dashboard as dashboard_builder
from targets import selectors, services
from targets.filters import ReadingFilterSet, TargetFilterSet
from targets.models import PLAN_FIELDS, Reading, ReadingKind, Target
from targets.outcomes import rollups
from targets.outcomes.achievement import STATUS_LABELS_VI, Status

MAX_ID = 2**62


def pct_display(pct: Any) -> str | None:
    """The % as the dashboard and the workbook show it ("45,5%"), with the configured rounding."""
    return format_percent(pct, settings.CHITIEU_ROUNDING) if pct is not None else None


def status_label(code: str | None) -> str:
    try:
        return STATUS_LABELS_VI[Status(code or "no_data")]
    except ValueError:
        return ""


class OutcomeSerializer(serializers.Serializer):
    """A target's latest current reading at the asked cut-off, and what it achieves."""

    reading_cut_off = serializers.DateField(source="cur_cut_off", allow_null=True)
    value = serializers.DecimalField(source="cur_value", max_digits=20, decimal_places=6, allow_null=True)
    done = serializers.BooleanField(source="cur_done", allow_null=True)
    previous = serializers.DecimalField(
        source="cur_previous", max_digits=20, decimal_places=6, allow_null=True
    )
    kind = serializers.CharField(source="cur_kind", allow_null=True)
    measure = serializers.DecimalField(source="cur_measure", max_digits=24, decimal_places=6, allow_null=True)
    achievement_pct = serializers.DecimalField(
        source="cur_pct", max_digits=24, decimal_places=6, allow_null=True
    )
    achievement_pct_display = serializers.SerializerMethodField()
    status = serializers.CharField(source="cur_status")
    status_label = serializers.SerializerMethodField()
    # The date of the reading when it is older than the day the cut-off asks for (the cut-off, or the
    # period's end once it is over): pages print "số liệu đến 30/6/2024" beside it.
    stale_as_of = serializers.DateField(source="cur_as_of", allow_null=True)

    def get_achievement_pct_display(self, target: Target) -> str | None:
        return pct_display(target.cur_pct)  # type: ignore[attr-defined]

    def get_status_label(self, target: Target) -> str:
        return status_label(target.cur_status)  # type: ignore[attr-defined]


class TargetSerializer(ReadOnlyModelSerializer):
    shape_label = serializers.CharField(source="get_shape_display", read_only=True)
    cut_off = serializers.SerializerMethodField()
    outcome = OutcomeSerializer(source="*", read_only=True)

    class Meta:
        model = Target
        fields = [
            "id",
            "code",
            "title",
            "organisation",
            "period",
            "period_start",
            "period_end",
            "shape",
            "shape_label",
            *PLAN_FIELDS,
            "document",
            "parent",
            "position",
            "cut_off",
            "outcome",
        ]

    def get_cut_off(self, target: Target) -> str:
        return self.context["cut_off"].isoformat()  # type: ignore[no-any-return]


@extend_schema(parameters=[CUT_OFF_PARAMETER])
class TargetViewSet(ReadOnlyViewSet):
    """Targets in the user's scope, each with its outcome at `cut_off` (default today)."""

    serializer_class = TargetSerializer
    filterset_class = TargetFilterSet
    pagination_class = UncountedPagination  # a COUNT over 1,4 M targets cost more than the page

    def get_queryset(self) -> QuerySet[Target]:
        # By organisation id, not by the tree's path: the index on (organisation, period_start, …) gives
        # the first page without sorting every target in scope (the path order sorted 14 M rows at
        # scale 10: 2,6 s, issue 24). Each organisation's targets stay together, in their own order.
        targets = selectors.targets_for_user(self.request.user).order_by(
            "organisation_id", "period_start", "position", "id"
        )
        return rollups.with_outcome(targets, self._cut_off())

    def _cut_off(self) -> Any:
        if not hasattr(self, "_cut_off_value"):
            self._cut_off_value = cut_off_param(self.request)
        return self._cut_off_value

    def get_serializer_context(self) -> dict[str, Any]:
        context: dict[str, Any] = super().get_serializer_context()
        context["cut_off"] = self._cut_off()
        return context


# --- readings -------------------------------------------------------------------------------------


class ReadingSerializer(ReadOnlyModelSerializer):
    entered_by = serializers.SlugRelatedField(slug_field="username", read_only=True)
    status_label = serializers.SerializerMethodField()
    achievement_pct_display = serializers.SerializerMethodField()

    class Meta:
        model = Reading
        fields = [
            "id",
            "target",
            "cut_off",
            "value",
            "done",
            "previous",
            "kind",
            "note",
            "reason",
            "supersedes",
            "is_current",
            "measure",
            "achievement_pct",
            "achievement_pct_display",
            "status",
            "status_label",
            "entered_by",
            "entered_at",
        ]

    def get_status_label(self, reading: Reading) -> str:
        return status_label(reading.status)

    def get_achievement_pct_display(self, reading: Reading) -> str | None:
        return pct_display(reading.achievement_pct)


NUMBER = gettext_lazy("Vui lòng nhập một số hợp lệ (dấu chấm thập phân), ví dụ 45.5.")
INTEGER = gettext_lazy("Vui lòng nhập một số nguyên.")


class ReadingCreateSerializer(serializers.Serializer):
    """A reading as the entry grid takes it; decimals as JSON numbers or strings with a dot."""

    default_error_messages = {"invalid": gettext_lazy("Nội dung gửi lên phải là một đối tượng JSON.")}

    target = serializers.IntegerField(
        min_value=1,
        max_value=MAX_ID,
        help_text="Mã số (id) của chỉ tiêu.",
        error_messages=vn_errors(invalid=INTEGER),
    )
    cut_off = serializers.DateField(
        help_text="Tính đến ngày (YYYY-MM-DD), trong kỳ của chỉ tiêu.",
        error_messages=vn_errors(
            invalid=gettext_lazy("Ngày không hợp lệ: dùng dạng YYYY-MM-DD, ví dụ 2024-06-30.")
        ),
    )
    value = StoredDecimalField(
        max_digits=20,
        decimal_places=6,
        required=False,
        allow_null=True,
        error_messages=vn_errors(invalid=NUMBER),
    )
    done = serializers.BooleanField(
        allow_null=True,
        default=None,
        help_text="Đạt / hoàn thành: cho chỉ tiêu dạng mốc hoặc duy trì.",
        error_messages=vn_errors(invalid=gettext_lazy("Vui lòng ghi true (đạt) hoặc false (chưa đạt).")),
    )
    previous = StoredDecimalField(
        max_digits=20,
        decimal_places=6,
        required=False,
        allow_null=True,
        error_messages=vn_errors(invalid=NUMBER),
    )
    kind = serializers.ChoiceField(
        choices=ReadingKind.choices, default=ReadingKind.OFFICIAL, error_messages=vn_errors()
    )
    note = serializers.CharField(
        max_length=2000, required=False, allow_blank=True, default="", error_messages=vn_errors()
    )
    reason = serializers.CharField(
        max_length=2000,
        required=False,
        allow_blank=True,
        default="",
        help_text="Lý do điều chỉnh: bắt buộc khi đã có số liệu cho ngày này.",
        error_messages=vn_errors(),
    )
    expected_current = serializers.IntegerField(
        min_value=0,
        max_value=MAX_ID,
        required=False,
        allow_null=True,
        help_text=(
            "Mã số của số liệu hiện hành mà bên gửi đã thấy (0 nếu chưa có): nếu đã có số liệu mới hơn, "
            "trả về 409 và không lưu gì."
        ),
        error_messages=vn_errors(invalid=INTEGER),
    )


ERRORS = inline_serializer(
    "ValidationErrors",
    {"field": serializers.ListField(child=serializers.CharField())},
)
CONFLICT = inline_serializer(
    "ReadingConflict",
    {"detail": serializers.CharField(), "current": ReadingSerializer()},
)


class ReadingViewSet(
    ApiViewMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    """Readings of the targets in the user's scope, newest first; POST records one."""

    serializer_class = ReadingSerializer
    filterset_class = ReadingFilterSet
    pagination_class = UncountedPagination
    lookup_value_regex = r"[0-9]+"

    def get_queryset(self) -> QuerySet[Reading]:
        return access.restrict(
            Reading.objects.select_related("entered_by"), self.request.user, field="target__organisation"
        ).order_by("-cut_off", "-entered_at", "-id")

    def get_serializer_class(self) -> Any:
        return ReadingCreateSerializer if self.action == "create" else ReadingSerializer

    def _target_for_entry(self, pk: int) -> Target:
        target = Target.objects.select_related("organisation").filter(pk=pk).first()
        user = self.request.user
        if target is None or not access.can(user, Action.VIEW, target.organisation):
            raise Http404
        if not access.can(user, Action.ENTER, target.organisation):
            raise PermissionDenied(_("Bạn không có quyền nhập số liệu cho chỉ tiêu này."))
        return target

    @extend_schema(
        request=ReadingCreateSerializer,
        responses={
            201: ReadingSerializer,
            400: OpenApiResponse(ERRORS, description="Số liệu không hợp lệ; thông báo bằng tiếng Việt."),
            403: OpenApiResponse(description="Người dùng chỉ được xem chỉ tiêu này."),
            404: OpenApiResponse(description="Chỉ tiêu không tồn tại hoặc ngoài phạm vi."),
            409: OpenApiResponse(CONFLICT, description="Đã có số liệu mới hơn số liệu bên gửi đã thấy."),
        },
    )
    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        entry = ReadingCreateSerializer(data=request.data)
        entry.is_valid(raise_exception=True)
        data = entry.validated_data
        target = self._target_for_entry(data["target"])
        try:
            reading = services.reading_record(
                target=target,
                cut_off=data["cut_off"],
                value=data.get("value"),
                done=data.get("done"),
                previous=data.get("previous"),
                kind=data["kind"],
                note=data["note"],
                reason=data["reason"],
                expected_current=data.get("expected_current"),
                acting_user=request.user,
            )
        except services.ReadingConflict as conflict:
            return Response(
                {"detail": conflict.messages[0], "current": ReadingSerializer(conflict.current).data},
                status=status.HTTP_409_CONFLICT,
            )
        except DjangoValidationError as error:
            raise ValidationError(
                error.message_dict if hasattr(error, "error_dict") else {"non_field_errors": error.messages}
            ) from None
        reading = Reading.objects.select_related("entered_by").get(pk=reading.pk)
        return Response(ReadingSerializer(reading).data, status=status.HTTP_201_CREATED)


# --- rollups --------------------------------------------------------------------------------------


class RollupSerializer(serializers.Serializer):
    total = serializers.IntegerField()
    met = serializers.IntegerField()
    exceeded = serializers.IntegerField()
    not_met = serializers.IntegerField()
    behind = serializers.IntegerField()
    on_track = serializers.IntegerField()
    no_data = serializers.IntegerField()
    mean_pct = serializers.DecimalField(max_digits=24, decimal_places=6, allow_null=True)
    met_share = serializers.DecimalField(max_digits=24, decimal_places=6, allow_null=True)


class ChildRollupSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="organisation.pk")
    code = serializers.CharField(source="organisation.code")
    name = serializers.CharField(source="organisation.name")
    rollup = RollupSerializer()


ROLLUP_RESPONSE = inline_serializer(
    "OrganisationRollup",
    {
        "organisation": serializers.IntegerField(),
        "period": serializers.CharField(),
        "period_label": serializers.CharField(),
        "cut_off": serializers.DateField(),
        "headline": RollupSerializer(),
        "children": ChildRollupSerializer(many=True),
    },
)


class OrganisationRollupView(ApiViewMixin, APIView):
    """The dashboard's headline and per-child rollups of an organisation's targets at a cut-off."""

    @extend_schema(
        operation_id="organisations_rollup",
        parameters=[
            OpenApiParameter(
                "period",
                OpenApiTypes.STR,
                description="Kỳ: 2024 hoặc 2024-H1; mặc định năm gần nhất có chỉ tiêu.",
            ),
            OpenApiParameter(
                "cut_off", OpenApiTypes.DATE, description="Tính đến ngày; mặc định như trang tổng quan."
            ),
            OpenApiParameter("shape", OpenApiTypes.STR, description="Dạng chỉ tiêu."),
            OpenApiParameter("document", OpenApiTypes.INT, description="Văn bản giao (mã số)."),
            OpenApiParameter("q", OpenApiTypes.STR, description="Tìm trong tên chỉ tiêu."),
        ],
        responses={200: ROLLUP_RESPONSE},
    )
    def get(self, request: Request, pk: int) -> Response:
        organisation = access.get_or_404(Organisation.objects.all(), request.user, field="", pk=pk)
        asked = dashboard_builder.dashboard_query(organisation, request.query_params, timezone.localdate())
        if asked.errors:
            raise ValidationError(asked.errors)
        period, cut_off = asked.period, asked.cut_off
        shape, filters = asked.filterset.narrowing()
        # The dashboard's rule (narrowed by a document or words of the title: cached per subtree).
        (headline,), by_path = rollups.subtree_rollups(
            organisation, [(period, cut_off)], filters=filters, shape=shape
        )
        children = [
            {"organisation": child, "rollup": by_path.get(child.path, rollups.EMPTY)}
            for child in organisation.children.filter(valid_to__isnull=True).order_by("path")
        ]
        return Response(
            {
                "organisation": organisation.pk,
                "period": period.code,
                "period_label": period.label(),
                "cut_off": cut_off.isoformat(),
                "headline": RollupSerializer(headline).data,
                "children": ChildRollupSerializer(children, many=True).data,
            }
        )
