"""Form fields that read numbers and dates the Vietnamese way; shared by every app's forms."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from django import forms

from committees.vn import VnValueError, parse_date, parse_decimal


class VnDecimalField(forms.CharField):
    """A number typed the Vietnamese way ("23.000", "66,5"); the plain form is accepted where unambiguous."""

    def to_python(self, value: Any) -> Decimal | None:  # type: ignore[override]
        text = super().to_python(value)
        if not text:
            return None
        try:
            return parse_decimal(text)
        except VnValueError as error:
            raise forms.ValidationError(error.message) from None


class VnDateField(forms.CharField):
    """A date typed as "21/3/2024", "05/07/2024" or "2024-07-05"."""

    def to_python(self, value: Any) -> date | None:  # type: ignore[override]
        if isinstance(value, date):
            return value
        text = super().to_python(value)
        if not text:
            return None
        try:
            return parse_date(text)
        except VnValueError as error:
            raise forms.ValidationError(error.message) from None

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, date):
            return f"{value.day}/{value.month}/{value.year}"
        return value


class IdsChoiceField(forms.ModelMultipleChoiceField):
    """A multiple choice of objects by id that refuses ids past a 64-bit integer as invalid choices:
    Django would send them to the database in an IN (…) list, where they fail (SQLite: OverflowError,
    PostgreSQL: bigint out of range) instead of reading as "no such choice"."""

    def _check_values(self, value: Any) -> Any:  # type: ignore[misc]
        for pk in value:
            text = str(pk).strip()
            if text.lstrip("-").isdigit() and not -(2**63) <= int(text) < 2**63:
                raise forms.ValidationError(
                    self.error_messages["invalid_choice"], code="invalid_choice", params={"value": text[:20]}
                )
        return super()._check_values(value)  # type: ignore[misc]
