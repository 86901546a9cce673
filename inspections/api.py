"""The API's inspections and programmes (read only), with the FilterSet of the list page."""

from __future__ import annotations

from typing import Any

from django.db.models import Prefetch, QuerySet
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from committees import access
from committees.access import Action
from committees.api import ReadOnlyModelSerializer, ReadOnlyViewSet
from inspections import selectors
from inspections.filters import InspectionFilterSet
from inspections.models import Inspection, PlannedItem, Programme, Subject, TeamMember
from resolutions.api import DocumentRefSerializer


class SubjectSerializer(ReadOnlyModelSerializer):
    class Meta:
        model = Subject
        fields = ["organisation", "member"]


class TeamMemberSerializer(ReadOnlyModelSerializer):
    role_label = serializers.CharField(source="get_role_display")
    name = serializers.CharField(source="display_name")

    class Meta:
        model = TeamMember
        fields = ["role", "role_label", "member", "name", "title"]


class InspectionSerializer(ReadOnlyModelSerializer):
    body_label = serializers.CharField(source="get_body_display", read_only=True)
    mode_label = serializers.CharField(source="get_mode_display", read_only=True)
    kind_label = serializers.CharField(source="get_kind_display", read_only=True)
    status_label = serializers.CharField(source="get_status_display", read_only=True)
    decision = DocumentRefSerializer(read_only=True)
    conclusion = DocumentRefSerializer(read_only=True)
    subject_documents = DocumentRefSerializer(many=True, read_only=True)
    subjects = serializers.SerializerMethodField()
    team = serializers.SerializerMethodField()
    recommendations = serializers.SerializerMethodField()

    class Meta:
        model = Inspection
        fields = [
            "id", "organisation", "body", "body_label", "mode", "mode_label", "kind", "kind_label", "title",
            "planned_item", "decision", "subject_documents", "window_from", "window_to", "decided_on",
            "notified_on", "self_report_on", "sessions_from", "sessions_to", "team_report_on", "concluded_on",
            "follow_up_on", "status", "status_label", "conclusion", "results", "shortcomings", "violations",
            "follow_up_notes", "subjects", "team", "recommendations",
        ]  # fmt: skip

    def _sees_all(self, inspection: Inspection) -> bool:
        return access.can(self.context["request"].user, Action.VIEW, inspection.organisation)

    @extend_schema_field(SubjectSerializer(many=True))
    def get_subjects(self, inspection: Inspection) -> Any:
        """Organisations and members inspected; a member only to those who may see their organisation."""
        user = self.context["request"].user
        sees_all = self._sees_all(inspection)
        rows = [
            s for s in inspection.subjects.all() if sees_all or access.can(user, Action.VIEW, s.organisation)
        ]
        return SubjectSerializer(rows, many=True).data

    @extend_schema_field(TeamMemberSerializer(many=True))
    def get_team(self, inspection: Inspection) -> Any:
        rows = [t for t in inspection.team.all() if self._sees_all(inspection) or not t.member_id]
        return TeamMemberSerializer(rows, many=True).data

    @extend_schema_field(serializers.ListField(child=serializers.IntegerField()))
    def get_recommendations(self, inspection: Inspection) -> Any:
        """Ids of the conclusion notice's tasks the user may see (details at tasks/{id}/)."""
        return list(
            selectors.recommendations(inspection, user=self.context["request"].user).values_list(
                "pk", flat=True
            )
        )


class InspectionViewSet(ReadOnlyViewSet):
    """Inspections and supervisions decided by committees in the user's scope, or of which an organisation
    in it is a subject; filters of the list page."""

    serializer_class = InspectionSerializer
    filterset_class = InspectionFilterSet

    def get_queryset(self) -> QuerySet[Inspection]:
        return (
            selectors.inspections_for_user(self.request.user)
            .select_related("organisation", "decision", "conclusion")
            .prefetch_related(
                "subject_documents",
                Prefetch("subjects", queryset=Subject.objects.select_related("organisation", "member")),
                Prefetch("team", queryset=TeamMember.objects.select_related("member")),
            )
            .order_by("-decided_on", "-id")
        )


class PlannedItemSerializer(ReadOnlyModelSerializer):
    mode_label = serializers.CharField(source="get_mode_display")
    kind_label = serializers.CharField(source="get_kind_display")

    class Meta:
        model = PlannedItem
        fields = ["id", "mode", "mode_label", "kind", "kind_label", "title", "subject", "planned_month"]


class ProgrammeSerializer(ReadOnlyModelSerializer):
    body_label = serializers.CharField(source="get_body_display", read_only=True)
    document = DocumentRefSerializer(read_only=True)
    items = PlannedItemSerializer(many=True, read_only=True)

    class Meta:
        model = Programme
        fields = ["id", "organisation", "body", "body_label", "year", "title", "document", "items"]


class ProgrammeViewSet(ReadOnlyViewSet):
    """Annual inspection and supervision programmes of committees in the user's scope, with their items."""

    serializer_class = ProgrammeSerializer

    def get_queryset(self) -> QuerySet[Programme]:
        return (
            selectors.programmes_for_user(self.request.user)
            .prefetch_related("items")
            .order_by("-year", "organisation__path", "id")
        )
