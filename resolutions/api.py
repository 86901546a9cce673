"""The API's documents (with their links and tasks) and tasks, with the FilterSets of the pages."""

from __future__ import annotations

from typing import Any

from django.db.models import Prefetch, QuerySet
from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import serializers

from committees.api import CUT_OFF_PARAMETER, ReadOnlyModelSerializer, ReadOnlyViewSet, cut_off_param
from core.api_defaults import UncountedPagination
from resolutions import selectors
from resolutions.filters import DocumentFilterSet, TaskFilterSet
from resolutions.models import Document, DocumentLink, Task
from resolutions.taskstatus import LABELS_VI, task_status


class DocumentRefSerializer(ReadOnlyModelSerializer):
    class Meta:
        model = Document
        fields = ["id", "canonical_number", "title", "issued_on"]


class LinkOutSerializer(ReadOnlyModelSerializer):
    document = DocumentRefSerializer(source="target")
    kind_label = serializers.CharField(source="get_kind_display")

    class Meta:
        model = DocumentLink
        fields = ["kind", "kind_label", "document"]


class LinkInSerializer(ReadOnlyModelSerializer):
    document = DocumentRefSerializer(source="source")
    kind_label = serializers.CharField(source="get_kind_display")

    class Meta:
        model = DocumentLink
        fields = ["kind", "kind_label", "document"]


class TaskSerializer(ReadOnlyModelSerializer):
    co_organisations = serializers.PrimaryKeyRelatedField(many=True, read_only=True)
    status = serializers.SerializerMethodField()
    status_label = serializers.SerializerMethodField()

    class Meta:
        model = Task
        fields = [
            "id",
            "code",
            "document",
            "organisation",
            "co_organisations",
            "title",
            "due_on",
            "done_on",
            "status",
            "status_label",
        ]

    def _status(self, task: Task) -> str:
        return str(task_status(task.due_on, task.done_on, self.context["cut_off"]))

    def get_status(self, task: Task) -> str:
        """The task's status at the cut-off: early, on_time, late, in_progress, overdue or ongoing."""
        return self._status(task)

    def get_status_label(self, task: Task) -> str:
        return LABELS_VI[task_status(task.due_on, task.done_on, self.context["cut_off"])]


class DocumentSerializer(ReadOnlyModelSerializer):
    system_label = serializers.CharField(source="get_system_display", read_only=True)
    status_label = serializers.CharField(source="get_status_display", read_only=True)
    links_out = serializers.SerializerMethodField()
    links_in = serializers.SerializerMethodField()
    tasks = serializers.SerializerMethodField()

    class Meta:
        model = Document
        fields = [
            "id",
            "system",
            "system_label",
            "type_code",
            "number",
            "canonical_number",
            "raw_number",
            "issuers",
            "year",
            "term_label",
            "issuer_organisation",
            "issuer_name",
            "organisation",
            "issued_on",
            "title",
            "status",
            "status_label",
            "links_out",
            "links_in",
            "tasks",
        ]

    def _each(self, serializer_class: type[serializers.Serializer[Any]], items: Any) -> list[Any]:
        """`serializer_class(items, many=True).data`, with one serializer for every document of the page:
        building a serializer's fields per document and relation was most of the list's time (a page of
        50 documents: 150 serializers, 1-3 s at the root of a province; issue 24)."""
        children = self.__dict__.setdefault("_children", {})
        child = children.get(serializer_class)
        if child is None:
            child = children[serializer_class] = serializer_class(context=self.context)
        return [child.to_representation(item) for item in items]

    @extend_schema_field(LinkOutSerializer(many=True))
    def get_links_out(self, document: Document) -> Any:
        """What this document implements, guides, replaces, cites…"""
        return self._each(LinkOutSerializer, document.links_out.all())

    @extend_schema_field(LinkInSerializer(many=True))
    def get_links_in(self, document: Document) -> Any:
        """The documents that link to this one (those implementing it, replacing it…)."""
        return self._each(LinkInSerializer, document.links_in.all())

    @extend_schema_field(TaskSerializer(many=True))
    def get_tasks(self, document: Document) -> Any:
        return self._each(TaskSerializer, document.tasks.all())


class CutOffMixin:
    """A cut-off date read once per request from the query (default today), for task statuses."""

    request: Any

    def cut_off(self) -> Any:
        if not hasattr(self, "_cut_off_value"):
            self._cut_off_value = cut_off_param(self.request)
        return self._cut_off_value

    def get_serializer_context(self) -> dict[str, Any]:
        context: dict[str, Any] = super().get_serializer_context()  # type: ignore[misc]
        context["cut_off"] = self.cut_off()
        return context


@extend_schema(parameters=[CUT_OFF_PARAMETER])
class DocumentViewSet(CutOffMixin, ReadOnlyViewSet):
    """Documents of the user's organisations and of the committees above them, newest first, with their
    links and tasks (task statuses at `cut_off`, default today)."""

    serializer_class = DocumentSerializer
    filterset_class = DocumentFilterSet
    pagination_class = UncountedPagination

    def get_queryset(self) -> QuerySet[Document]:
        user = self.request.user
        # A shared document (the city's directive) lists only the links and tasks the user may see.
        return (
            selectors.documents_for_user(user)
            .prefetch_related(
                Prefetch(
                    "links_out",
                    queryset=selectors.links_for_user(user, towards="target").order_by("kind", "id"),
                ),
                Prefetch(
                    "links_in",
                    queryset=selectors.links_for_user(user, towards="source").order_by("kind", "id"),
                ),
                Prefetch(
                    "tasks",
                    queryset=selectors.tasks_for_user(user)
                    .prefetch_related("co_organisations")
                    .order_by("due_on", "id"),
                ),
            )
            .order_by("-issued_on", "-id")
        )


@extend_schema(parameters=[CUT_OFF_PARAMETER])
class TaskViewSet(CutOffMixin, ReadOnlyViewSet):
    """Tasks led by organisations in the user's scope, with their status at `cut_off` (default today)."""

    serializer_class = TaskSerializer
    filterset_class = TaskFilterSet

    def get_queryset(self) -> QuerySet[Task]:
        return (
            selectors.tasks_for_user(self.request.user)
            .prefetch_related("co_organisations")
            .order_by("due_on", "id")
        )

    def filterset_extra_kwargs(self) -> dict[str, Any]:
        return {"cut_off": self.cut_off()}
