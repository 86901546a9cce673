"""Form fields that read numbers and dates the Vietnamese way; shared by every app's forms.

And the model fields every app's names, titles and codes are declared with, so that text is cleaned (or a
code refused) in one place that every path goes through: forms (ModelForm and the services they call), the
services' `full_clean`, the workbook import and the API (both through the services), and any `save`,
`bulk_create` or `update` (Django prepares each value through `to_python` before writing it)."""

from __future__ import annotations

import unicodedata
from datetime import date
from decimal import Decimal
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext as _

from core.vn import INVISIBLE, VnValueError, clean_text, code_problem, parse_date, parse_decimal

# SQLite returns a decimal column through a float: past 15 significant digits the value read back differs.
SQLITE_DIGITS = 15


def decimal_problem(value: Decimal) -> str | None:
    """Why the database would not give `value` back exactly, or None. The field's own size (places and
    digits) is checked by Django's DecimalValidator in `full_clean` and by REST framework's DecimalField;
    this is what neither knows: SQLite returns a decimal column through a float, so past 15 significant
    digits it hands back a different number. The reading service and the API refuse such a value."""
    from django.db import connection

    digits = "".join(map(str, value.as_tuple().digits)).strip("0")
    if connection.vendor == "sqlite" and len(digits) > SQLITE_DIGITS:
        return _("Cơ sở dữ liệu chỉ lưu chính xác được %(n)s chữ số có nghĩa; hãy làm tròn số.") % {
            "n": SQLITE_DIGITS
        }
    return None


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
            # isdecimal, not isdigit: "²" is a digit that int() refuses.
            if text.lstrip("-").isdecimal() and not -(2**63) <= int(text) < 2**63:
                raise forms.ValidationError(
                    self.error_messages["invalid_choice"], code="invalid_choice", params={"value": text[:20]}
                )
        return super()._check_values(value)  # type: ignore[misc]


# --- model fields for text people type (issue 19) ------------------------------------------------------


class _SchemaAsDjangoField:
    """The column and the migrations are those of the Django field: cleaning is Python-side only, so the
    historical models in migrations keep the plain field and changing the cleaning needs no migration."""

    django_path = ""

    def deconstruct(self) -> Any:
        name, _path, args, kwargs = super().deconstruct()  # type: ignore[misc]
        return name, self.django_path, args, kwargs


class NameField(_SchemaAsDjangoField, models.CharField):  # type: ignore[type-arg]
    """A name or short title: NFC, no bidi or zero-width controls, whitespace collapsed (vn.clean_text)."""

    django_path = "django.db.models.CharField"

    def to_python(self, value: Any) -> Any:
        value = super().to_python(value)
        return clean_text(value) if isinstance(value, str) else value


class TitleField(_SchemaAsDjangoField, models.TextField):  # type: ignore[type-arg]
    """A title (trích yếu, a target's or task's wording): cleaned like a name, on one line."""

    django_path = "django.db.models.TextField"

    def to_python(self, value: Any) -> Any:
        value = super().to_python(value)
        return clean_text(value) if isinstance(value, str) else value


class ProseField(_SchemaAsDjangoField, models.TextField):  # type: ignore[type-arg]
    """Written paragraphs (a report's sections, notes): cleaned like a name but keeping line breaks."""

    django_path = "django.db.models.TextField"

    def to_python(self, value: Any) -> Any:
        value = super().to_python(value)
        return clean_text(value, multiline=True) if isinstance(value, str) else value


def validate_code(code: str) -> None:
    """Refuse a code with a character outside its alphabet: letters as Vietnamese writes them, digits and
    - / . _ . An invisible character or a look-alike letter (Cyrillic "А") would make a second code that
    nobody can tell from the first."""
    problem = code_problem(code)
    if problem is None:
        return
    char, described = problem
    if char in INVISIBLE:
        message = _("Mã «%(code)s» có ký tự ẩn %(char)s: hãy xóa mã và gõ lại.")
    elif char.isalpha():
        message = _(
            "Mã «%(code)s» có chữ «%(shown)s» (%(char)s) trông giống chữ Latinh nhưng là chữ khác: "
            "hãy gõ lại mã bằng bàn phím tiếng Việt."
        )
    else:
        message = _(
            "Mã «%(code)s» có ký tự «%(shown)s» (%(char)s) không dùng được: mã chỉ gồm chữ cái, chữ số "
            "và các dấu - / . _"
        )
    visible = code.translate(dict.fromkeys(map(ord, INVISIBLE)))
    raise ValidationError(message % {"code": visible, "shown": char, "char": described}, code="code")


class CodeField(_SchemaAsDjangoField, models.CharField):  # type: ignore[type-arg]
    """A code matched exactly (organisation, target, task codes; a report's number): NFC and trimmed, and
    refused (`validate_code`) rather than silently changed when it holds anything but its alphabet."""

    django_path = "django.db.models.CharField"
    default_validators = [validate_code]

    def to_python(self, value: Any) -> Any:
        value = super().to_python(value)
        return unicodedata.normalize("NFC", value).strip() if isinstance(value, str) else value
