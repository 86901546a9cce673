from __future__ import annotations

import html
from datetime import date
from typing import Any

import django_filters
from django import forms
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.forms.utils import flatatt
from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _

from committees import access
from committees.models import Organisation
from core.vn import fold
from core.widgets import OrganisationSelect
from resolutions import selectors
from resolutions.models import Document, DocumentFollow, DocumentStatus, DocumentSystem, Task
from resolutions.widgets import DocumentPicker


class DocumentSelect(forms.Select):
    """A `<select>` of documents rendered in one pass from (id, number, title) rows: the 20.000 documents
    of a province through Django's Select (a model instance and a template per option) took 3-4 s of the
    task list. Labels are `Document.__str__`'s: the number, else the start of the title."""

    def render(
        self, name: str, value: Any, attrs: dict[str, Any] | None = None, renderer: Any = None
    ) -> SafeString:
        final_attrs = self.build_attrs(self.attrs, attrs)
        final_attrs["name"] = name
        selected = {str(v) for v in self.format_value(value)}
        field: Any = self.choices.field  # type: ignore[attr-defined]
        rows: list[tuple[Any, str]] = [("", str(field.empty_label))] if field.empty_label is not None else []
        rows += [
            (pk, number or title[:60])
            for pk, number, title in field.queryset.values_list("pk", "canonical_number", "title")
        ]
        options = "\n".join(
            f'<option value="{pk}"{" selected" if str(pk) in selected else ""}>{html.escape(label)}</option>'
            for pk, label in rows
        )
        return format_html("<select{}>\n{}\n</select>", flatatt(final_attrs), mark_safe(options))


class DocumentSearch(DocumentPicker):
    """The task list's document filter (resolutions.widgets.DocumentPicker): its empty choice is "all"."""

    blank_label = _("Tất cả")


class DocumentFilterSet(django_filters.FilterSet):
    system = django_filters.ChoiceFilter(label=_("Hệ thống"), choices=DocumentSystem.choices)
    type_code = django_filters.CharFilter(label=_("Loại (ký hiệu)"), lookup_expr="iexact")
    issuers = django_filters.CharFilter(label=_("Cơ quan ban hành"), lookup_expr="icontains")
    # Bounded so that a wild year is a form error, not an overflow in the date lookup.
    year = django_filters.NumberFilter(label=_("Năm"), method="filter_year", min_value=1, max_value=9999)
    term_label = django_filters.CharFilter(label=_("Nhiệm kỳ"))
    status = django_filters.ChoiceFilter(label=_("Tình trạng"), choices=DocumentStatus.choices)
    organisation = django_filters.ModelChoiceFilter(
        label=_("Tổ chức (cả cấp dưới)"),
        queryset=Organisation.objects.none(),
        method="filter_subtree",
        widget=OrganisationSelect,
    )
    q = django_filters.CharFilter(label=_("Tìm kiếm"), method="filter_text")

    class Meta:
        model = Document
        fields = ["system", "type_code", "issuers", "year", "term_label", "status", "organisation", "q"]

    def __init__(self, *args: Any, request: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, request=request, **kwargs)
        if request is not None:
            self.filters["organisation"].queryset = access.organisations(request.user)

    def filter_year(self, queryset: QuerySet[Document], name: str, value: Any) -> QuerySet[Document]:
        year = int(value)
        return queryset.filter(Q(year=year) | Q(issued_on__year=year))

    def filter_subtree(
        self, queryset: QuerySet[Document], name: str, value: Organisation
    ) -> QuerySet[Document]:
        # Its own documents and those of the committees above that it follows.
        followed = DocumentFollow.objects.filter(
            document=OuterRef("pk"), organisation__path__startswith=value.path
        )
        return queryset.filter(Q(organisation__path__startswith=value.path) | Exists(followed))

    def filter_text(self, queryset: QuerySet[Document], name: str, value: str) -> QuerySet[Document]:
        condition = Q()
        for word in fold(value).split():
            condition &= Q(title_folded__contains=word) | Q(canonical_number__icontains=word)
        return queryset.filter(condition)


TASK_STATUS_CHOICES = [
    ("done", _("Đã hoàn thành")),
    ("open", _("Chưa hoàn thành")),
    ("overdue", _("Quá hạn")),
    ("ongoing", _("Thường xuyên")),
]


class TaskFilterSet(django_filters.FilterSet):
    organisation = django_filters.ModelChoiceFilter(
        label=_("Đơn vị chủ trì (cả cấp dưới)"),
        queryset=Organisation.objects.none(),
        method="filter_subtree",
        widget=OrganisationSelect,
    )
    document = django_filters.ModelChoiceFilter(
        label=_("Văn bản"), queryset=Document.objects.none(), widget=DocumentSearch
    )
    state = django_filters.ChoiceFilter(
        label=_("Tình trạng"), choices=TASK_STATUS_CHOICES, method="filter_state"
    )
    q = django_filters.CharFilter(label=_("Tìm kiếm"), method="filter_text")

    class Meta:
        model = Task
        fields = ["organisation", "document", "state", "q"]

    def __init__(self, *args: Any, request: Any = None, cut_off: date | None = None, **kwargs: Any) -> None:
        super().__init__(*args, request=request, **kwargs)
        self.cut_off = cut_off or timezone.localdate()
        if request is not None:
            self.filters["organisation"].queryset = access.organisations(request.user)
            self.filters["document"].queryset = selectors.task_filter_documents(request.user)

    def filter_subtree(self, queryset: QuerySet[Task], name: str, value: Organisation) -> QuerySet[Task]:
        return queryset.filter(organisation__path__startswith=value.path)

    def filter_state(self, queryset: QuerySet[Task], name: str, value: str) -> QuerySet[Task]:
        done = Q(done_on__isnull=False, done_on__lte=self.cut_off)
        if value == "done":
            return queryset.filter(done)
        if value == "open":
            return queryset.exclude(done)
        if value == "overdue":
            return queryset.exclude(done).filter(due_on__lt=self.cut_off)
        return queryset.filter(due_on__isnull=True)

    def filter_text(self, queryset: QuerySet[Task], name: str, value: str) -> QuerySet[Task]:
        condition = Q()
        for word in fold(value).split():
            condition &= Q(title_folded__contains=word)
        return queryset.filter(condition)
