"""Pickers of documents that stay small whatever the number of documents (issue 24).

A province holds 20.000 documents: a `<select>` of all of them on the task, target, document and
inspection forms was 1,4 MB of HTML and most of each page's time. These widgets render only the chosen
document(s) as options, and a search field beside them that asks the product (htmx,
`resolutions:document_options`) for the documents whose number or title holds the words typed and puts
them in the select, the chosen ones kept. What is submitted is still checked by the form field's queryset:
an id outside it is refused with the field's message and nothing is saved. Without JavaScript the select
offers the chosen document(s) only.
"""

from __future__ import annotations

import html
import json
from typing import Any

from django import forms
from django.forms.utils import flatatt
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _

# The search field's parameter (the chosen documents come along under the select's own name).
SEARCH_PARAMETER = "document_search"
# The message of a document outside the field's queryset (another subtree's, or no document at all).
NOT_IN_SCOPE = {"invalid_choice": _("Văn bản đã chọn không có hoặc nằm ngoài phạm vi của bạn.")}
# A database id: what is longer is no choice (and would overflow the lookup).
_MAX_ID_DIGITS = 18


def chosen_ids(values: Any) -> list[str]:
    """The submitted values that may be a document's id; anything else is no choice."""
    return [str(v) for v in values if str(v).isdecimal() and len(str(v)) <= _MAX_ID_DIGITS]


def option_rows(documents: Any) -> list[tuple[int, str]]:
    """(id, label) of `documents`, read as bare rows. Labels are `Document.__str__`'s: the number, else the
    start of the title."""
    rows = documents.values_list("pk", "canonical_number", "title")
    return [(pk, number or title[:60]) for pk, number, title in rows]


def render_options(rows: list[tuple[Any, str]], chosen: set[str]) -> str:
    return "\n".join(
        f'<option value="{pk}"{" selected" if str(pk) in chosen else ""}>{html.escape(label)}</option>'
        for pk, label in rows
    )


class DocumentPicker(forms.Select):
    """One document: a search field and a select holding the chosen document only. `search` says what the
    search offers (selectors.picker_documents: `{"scope": "readable"}` for a form's documents), so that the
    list offered matches what the field accepts."""

    blank_label: Any = None  # the empty option's text; None: the field's empty_label

    def __init__(self, attrs: dict[str, Any] | None = None, search: dict[str, Any] | None = None) -> None:
        super().__init__(attrs)
        self.search = dict(search or {})

    def _blank(self) -> str | None:
        if self.allow_multiple_selected:
            return None
        if self.blank_label is not None:
            return str(self.blank_label)
        field: Any = getattr(self.choices, "field", None)
        label = getattr(field, "empty_label", None)
        return str(label) if label is not None else "---------"

    def render(
        self, name: str, value: Any, attrs: dict[str, Any] | None = None, renderer: Any = None
    ) -> SafeString:
        final_attrs = self.build_attrs(self.attrs, attrs)
        final_attrs["name"] = name
        select_id = final_attrs.get("id") or f"id_{name}"
        final_attrs["id"] = select_id
        if self.allow_multiple_selected:
            final_attrs["multiple"] = True
        field: Any = self.choices.field  # type: ignore[attr-defined]
        chosen = chosen_ids(self.format_value(value))
        blank = self._blank()
        rows: list[tuple[Any, str]] = [("", blank)] if blank is not None else []
        if chosen:
            # Only ids inside the field's queryset are named: an id from elsewhere shows nothing of it.
            rows += option_rows(field.queryset.filter(pk__in=chosen))
        values: dict[str, Any] = {"field": name, **self.search}
        if blank is not None:
            values["blank"] = blank
        else:
            values["multiple"] = "1"
        return format_html(
            '<span class="document-picker"><input type="search" name="{search}" id="{select_id}_search" '
            'placeholder="{placeholder}" aria-label="{placeholder}" autocomplete="off" hx-get="{url}" '
            'hx-trigger="input changed delay:300ms, search" hx-target="#{select_id}" hx-swap="innerHTML" '
            'hx-include="#{select_id}" hx-vals="{values}">\n<select{attrs}>\n{options}\n</select></span>',
            search=SEARCH_PARAMETER,
            select_id=select_id,
            placeholder=_("Tìm số hoặc tên văn bản"),
            url=reverse("resolutions:document_options"),
            values=json.dumps(values, ensure_ascii=False),
            attrs=flatatt(final_attrs),
            options=mark_safe(render_options(rows, set(chosen))),
        )


class DocumentsPicker(DocumentPicker):
    """Several documents (the other bases of a task, the documents an inspection checks): the same search,
    the chosen ones kept selected in the select while searching for more (Ctrl-click adds one)."""

    allow_multiple_selected = True

    def value_from_datadict(self, data: Any, files: Any, name: str) -> Any:
        return forms.SelectMultiple.value_from_datadict(self, data, files, name)  # type: ignore[arg-type]

    def value_omitted_from_data(self, data: Any, files: Any, name: str) -> bool:
        return False

    def format_value(self, value: Any) -> list[str]:
        if value is None:
            return []
        if not isinstance(value, list | tuple):
            value = [value]
        return [str(v) for v in value if v is not None and v != ""]
