"""The organisation <select>: Django's choices and markup, in tree order, indented by depth, in one query."""

from __future__ import annotations

from html.parser import HTMLParser
from typing import Any

import django_filters
import pytest
from django import forms
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from committees import services
from committees.models import Member, Organisation, OrganisationKind
from core.widgets import INDENT, OrganisationSelect
from tests.conftest import Tree, make_user

pytestmark = pytest.mark.django_db


class Options(HTMLParser):
    """The <select>'s attributes and each option as (value, selected, text)."""

    def __init__(self, markup: str) -> None:
        super().__init__()
        self.select: dict[str, str | None] = {}
        self.options: list[tuple[str, bool, str]] = []
        self._open: dict[str, str | None] | None = None
        self.feed(markup)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "select":
            self.select = dict(attrs)
        elif tag == "option":
            self._open = dict(attrs)
            self.options.append((self._open.get("value") or "", "selected" in self._open, ""))

    def handle_data(self, data: str) -> None:
        if self._open is not None and self.options:
            value, selected, text = self.options[-1]
            self.options[-1] = (value, selected, text + data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "option":
            self._open = None


def _plain(options: list[tuple[str, bool, str]]) -> list[tuple[str, bool, str]]:
    return [(value, selected, text.strip().lstrip("\u00a0")) for value, selected, text in options]


def _both(field: Any, value: Any, **attrs: Any) -> tuple[Options, Options]:
    """The field rendered by OrganisationSelect and by Django's own Select."""
    ours = Options(str(OrganisationSelect(attrs=attrs, choices=field.choices).render("org", value)))
    field.widget = forms.Select(attrs=attrs, choices=field.choices)
    django = Options(str(field.widget.render("org", value)))
    return ours, django


def test_same_choices_and_markup_as_djangos_select_with_indentation_by_depth(tree: Tree) -> None:
    field = forms.ModelChoiceField(queryset=Organisation.objects.all(), widget=OrganisationSelect)
    ours, django = _both(field, tree.cell2.pk, required=True, **{"class": "wide", "hx-get": "/x/"})

    assert _plain(ours.options) == _plain(django.options)
    assert ours.select == django.select == {"name": "org", "required": None, "class": "wide", "hx-get": "/x/"}
    assert [v for v, selected, _t in ours.options if selected] == [str(tree.cell2.pk)]
    indents = {value: text.count(INDENT) for value, _s, text in ours.options}
    assert indents == {
        "": 0,
        str(tree.city.pk): 0,
        str(tree.dept.pk): 1,
        str(tree.grassroots.pk): 2,
        str(tree.cell2.pk): 3,
        str(tree.cell.pk): 2,
        str(tree.sibling.pk): 1,
        str(tree.sibling_cell.pk): 2,
    }
    # tree order: each organisation right under its parent
    assert [v for v, _s, _t in ours.options][1:4] == [
        str(tree.city.pk),
        str(tree.dept.pk),
        str(tree.grassroots.pk),
    ]


def test_indentation_counts_from_the_shallowest_organisation_listed(tree: Tree) -> None:
    field = forms.ModelChoiceField(
        queryset=Organisation.objects.filter(path__startswith=tree.dept.path),
        empty_label=None,
        widget=OrganisationSelect,
    )
    ours = Options(str(field.widget.render("org", None)))
    assert [(text.count(INDENT), text.strip("\u00a0")) for _v, _s, text in ours.options] == [
        (0, tree.dept.name),
        (1, tree.grassroots.name),
        (2, tree.cell2.name),
        (1, tree.cell.name),
    ]


def test_names_are_escaped(tree: Tree) -> None:
    services.organisation_create(
        code="CB-XSS",
        kind=OrganisationKind.CELL,
        parent=tree.cell,
        name='Chi bộ <script>alert("x")</script> & Co',
        acting_user=None,
    )
    field = forms.ModelChoiceField(queryset=Organisation.objects.all(), widget=OrganisationSelect)
    markup = str(field.widget.render("org", None))
    assert "<script>" not in markup
    assert "Chi bộ &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; Co" in markup


def test_one_query_for_the_whole_list(tree: Tree) -> None:
    field = forms.ModelChoiceField(queryset=Organisation.objects.all(), widget=OrganisationSelect)
    with CaptureQueriesContext(connection) as queries:
        markup = str(field.widget.render("org", None))
    assert len(queries) == 1
    assert markup.count("<option") == Organisation.objects.count() + 1


def test_a_custom_label_is_kept(tree: Tree) -> None:
    class CodedChoice(forms.ModelChoiceField):
        def label_from_instance(self, obj: Any) -> str:
            return f"{obj.code} · {obj.name}"

    field = CodedChoice(queryset=Organisation.objects.all())
    ours, django = _both(field, None)
    assert _plain(ours.options) == _plain(django.options)
    assert f"{tree.cell.code} · {tree.cell.name}" in [t for _v, _s, t in _plain(ours.options)]
    assert any(text.startswith(INDENT) for _v, _s, text in ours.options)  # the instances carry their paths


def test_django_filters_null_choice_is_listed(tree: Tree) -> None:
    class Filters(django_filters.FilterSet):
        organisation = django_filters.ModelChoiceFilter(
            queryset=Organisation.objects.all(), null_label="(không có)", widget=OrganisationSelect
        )

        class Meta:
            model = Member
            fields = ["organisation"]

    form = Filters({"organisation": "null"}, queryset=Member.objects.all()).form
    field = form.fields["organisation"]
    ours, django = _both(field, "null")
    assert _plain(ours.options) == _plain(django.options)
    assert _plain(ours.options)[:2] == [("", False, "Tất cả"), ("null", True, "(không có)")]


def test_member_list_filter_keeps_the_users_scope_and_selection(client, tree: Tree) -> None:  # type: ignore[no-untyped-def]
    client.force_login(make_user("lead", tree.dept, "leader"))
    response = client.get(reverse("committees:member_list"), {"organisation": tree.grassroots.pk})
    assert response.status_code == 200
    markup = response.content.decode()
    start = markup.index('<select id="id_organisation"')
    options = Options(markup[start : markup.index("</select>", start) + 9]).options
    assert [(v, s, t.count(INDENT)) for v, s, t in options] == [
        ("", False, 0),
        (str(tree.dept.pk), False, 0),
        (str(tree.grassroots.pk), True, 1),
        (str(tree.cell2.pk), False, 2),
        (str(tree.cell.pk), False, 1),
    ]
