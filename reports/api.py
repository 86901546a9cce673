"""The API's report runs: their status and where to download the PDF once it is done."""

from __future__ import annotations

import django_filters
from django.db.models import QuerySet
from django.http import FileResponse
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.decorators import action
from rest_framework.request import Request

from committees import access
from committees.api import ReadOnlyModelSerializer, ReadOnlyViewSet
from reports import views as report_views
from reports.models import Report, ReportRun, RunStatus


class ReportRunFilterSet(django_filters.FilterSet):
    report = django_filters.NumberFilter(
        label=_("Báo cáo (mã số)"), field_name="report_id", min_value=1, max_value=2**62
    )
    status = django_filters.ChoiceFilter(label=_("Trạng thái"), choices=RunStatus.choices)

    class Meta:
        model = ReportRun
        fields = ["report", "status"]


class ReportRefSerializer(ReadOnlyModelSerializer):
    kind_label = serializers.CharField(source="get_kind_display")

    class Meta:
        model = Report
        fields = [
            "id",
            "organisation",
            "kind",
            "kind_label",
            "period",
            "cut_off",
            "title",
            "number",
            "version",
        ]


class ReportRunSerializer(ReadOnlyModelSerializer):
    report = ReportRefSerializer()
    status_label = serializers.CharField(source="get_status_display", read_only=True)
    download_url = serializers.SerializerMethodField()
    page_download_url = serializers.SerializerMethodField()

    class Meta:
        model = ReportRun
        fields = [
            "id",
            "report",
            "status",
            "status_label",
            "progress",
            "error",
            "requested_at",
            "started_at",
            "finished_at",
            "version",
            "official",
            "cut_off",
            "sha256",
            "download_url",
            "page_download_url",
        ]

    def _ready(self, run: ReportRun) -> bool:
        return run.status == RunStatus.DONE and bool(run.pdf)

    def get_download_url(self, run: ReportRun) -> str | None:
        """The PDF for API clients (token accepted), once the run is done."""
        if not self._ready(run):
            return None
        return self.context["request"].build_absolute_uri(  # type: ignore[no-any-return]
            reverse("api:reportrun-download", args=[run.pk])
        )

    def get_page_download_url(self, run: ReportRun) -> str | None:
        """The same PDF through the pages (a browser session)."""
        if not self._ready(run):
            return None
        return self.context["request"].build_absolute_uri(  # type: ignore[no-any-return]
            reverse("reports:run_download", args=[run.pk])
        )


class ReportRunViewSet(ReadOnlyViewSet):
    """PDF runs of the reports in the user's scope, newest first."""

    serializer_class = ReportRunSerializer
    filterset_class = ReportRunFilterSet

    def get_queryset(self) -> QuerySet[ReportRun]:
        return access.restrict(
            ReportRun.objects.select_related("report"), self.request.user, field="report__organisation"
        ).order_by("-requested_at", "-id")

    @extend_schema(
        responses={
            (200, "application/pdf"): OpenApiResponse(OpenApiTypes.BINARY, description="Tệp PDF."),
            404: OpenApiResponse(description="Chưa có tệp, hoặc ngoài phạm vi."),
        },
    )
    @action(detail=True, filterset_class=None, pagination_class=None)
    def download(self, request: Request, pk: str | None = None) -> FileResponse:
        """The PDF of a finished run: the pages' download view, with the same permission check."""
        return report_views.run_download(request._request, int(pk or 0))
