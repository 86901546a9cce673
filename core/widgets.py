"""Form widgets shared by every app's forms and filters."""

from __future__ import annotations

import html
from collections.abc import Iterable
from typing import Any

from django import forms
from django.forms.models import ModelChoiceIterator
from django.forms.utils import flatatt
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

INDENT = "\u00a0\u00a0\u00a0"  # per level below the shallowest organisation listed: kept by every browser


class OrganisationSelect(forms.Select):
    """A `<select>` of organisations in tree order, each indented by its depth so that the 600 "Chi bộ thôn
    số 1" of a province read under their commune, rendered in Python in one pass.

    Django's Select renders a template per option and its ModelChoiceField builds a model instance per
    option: for the 7.000 organisations of a province that took 0,5 s of every page with an organisation
    filter; this takes 30 ms. The markup is Django's (name, id and other attributes, the empty
    choice, `selected`), so forms, filters and tests read it alike. The field's queryset orders by `path`
    (Organisation's default ordering); its labels are the names (`Organisation.__str__`) unless the field
    overrides `label_from_instance`, in which case the instances are built as Django does.
    """

    def render(
        self,
        name: str,
        value: Any,
        attrs: dict[str, Any] | None = None,
        renderer: Any = None,
    ) -> SafeString:
        final_attrs = self.build_attrs(self.attrs, attrs)
        final_attrs["name"] = name
        selected = {str(v) for v in self.format_value(value)}
        options = "\n".join(self._options(self._rows(), selected))
        return format_html("<select{}>\n{}\n</select>", flatatt(final_attrs), mark_safe(options))

    def _rows(self) -> list[tuple[Any, Any, str | None]]:
        """(value, label, path or None) of each choice, the empty one included."""
        choices = self.choices
        if isinstance(choices, ModelChoiceIterator) and _default_labels(choices.field):
            field: Any = choices.field  # Django's or django-filter's ModelChoiceField
            rows: list[tuple[Any, Any, str | None]] = []
            if field.empty_label is not None:
                rows.append(("", field.empty_label, None))
            if getattr(field, "null_label", None) is not None:  # django-filter's "none of them" choice
                rows.append((field.null_value, field.null_label, None))
            rows.extend(field.queryset.values_list("pk", "name", "path"))
            return rows
        return [(value, label, _loaded_path(value)) for value, label in choices]

    @staticmethod
    def _options(rows: list[tuple[Any, Any, str | None]], selected: set[str]) -> Iterable[str]:
        top = min((path.count("/") for _v, _l, path in rows if path), default=0)
        for value, label, path in rows:
            key = "" if value is None else str(value)  # a ModelChoiceIteratorValue prints its pk
            indent = INDENT * (path.count("/") - top) if path else ""
            text = label.__html__() if hasattr(label, "__html__") else html.escape(str(label))
            mark = " selected" if key in selected else ""
            yield f'<option value="{html.escape(key)}"{mark}>{indent}{text}</option>'


def _default_labels(field: Any) -> bool:
    return type(field).label_from_instance is forms.ModelChoiceField.label_from_instance


def _loaded_path(value: Any) -> str | None:
    instance = getattr(value, "instance", None)
    return instance.__dict__.get("path") if instance is not None else None


class OrganisationSelectMultiple(OrganisationSelect):
    """OrganisationSelect for several organisations (a task's co-operating units): the same one pass, for
    the same reason (Django's SelectMultiple of a province's organisations took most of the task form)."""

    allow_multiple_selected = True

    def render(
        self,
        name: str,
        value: Any,
        attrs: dict[str, Any] | None = None,
        renderer: Any = None,
    ) -> SafeString:
        return super().render(name, value, {**(attrs or {}), "multiple": True}, renderer)

    def value_from_datadict(self, data: Any, files: Any, name: str) -> Any:
        return forms.SelectMultiple.value_from_datadict(self, data, files, name)  # type: ignore[arg-type]

    def value_omitted_from_data(self, data: Any, files: Any, name: str) -> bool:
        return False
