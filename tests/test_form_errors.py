"""A service's refusal lands on the form of any app's page the same way (core.forms.errors_into)."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError

from core.forms import errors_into


class _Form(forms.Form):
    title = forms.CharField()


def _bound() -> _Form:
    form = _Form({"title": "Kế hoạch"})
    assert form.is_valid()
    return form


def test_a_field_s_message_stands_beside_it_and_another_s_above_the_form() -> None:
    form = _bound()
    errors_into(form, ValidationError({"title": "Trùng tên.", "organisation": "Ngoài phạm vi."}))
    assert form.errors["title"] == ["Trùng tên."]
    assert form.non_field_errors() == ["Ngoài phạm vi."]


def test_a_message_of_no_field_stands_above_the_form() -> None:
    # The copies this replaced read error.message_dict, which a message of no field does not have.
    form = _bound()
    errors_into(form, ValidationError("Kỳ đã khóa."))
    assert form.non_field_errors() == ["Kỳ đã khóa."]
    assert "title" not in form.errors
