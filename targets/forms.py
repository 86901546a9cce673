from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from committees.vn import VnValueError, parse_date, parse_decimal
from targets.models import ReadingKind, Shape, Target


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
    def to_python(self, value: Any) -> date | None:  # type: ignore[override]
        text = super().to_python(value)
        if not text:
            return None
        try:
            return parse_date(text)
        except VnValueError as error:
            raise forms.ValidationError(error.message) from None


class ReadingEntryForm(forms.Form):
    """One row of the entry grid."""

    value = VnDecimalField(label=_("Thực hiện"), required=False)
    done = forms.TypedChoiceField(
        label=_("Kết quả"),
        required=False,
        choices=[("", "—"), ("yes", _("Đạt")), ("no", _("Chưa đạt"))],
        coerce=lambda v: v == "yes",
        empty_value=None,
    )
    previous = VnDecimalField(label=_("Cùng kỳ / hạng trước"), required=False)
    kind = forms.ChoiceField(
        label=_("Loại số liệu"), choices=ReadingKind.choices, initial=ReadingKind.OFFICIAL
    )
    cut_off = VnDateField(label=_("Tính đến ngày"))
    note = forms.CharField(label=_("Ghi chú"), required=False, max_length=2000)
    reason = forms.CharField(label=_("Lý do điều chỉnh"), required=False, max_length=2000)
    expected = forms.IntegerField(widget=forms.HiddenInput, min_value=0)

    def __init__(self, *args: Any, target: Target, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.target = target

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        boolean = self.target.shape in (Shape.MILESTONE, Shape.MAINTAIN)
        if boolean and data.get("done") is None and "done" not in self.errors:
            self.add_error("done", _("Vui lòng chọn đạt hoặc chưa đạt."))
        if not boolean and data.get("value") is None and "value" not in self.errors:
            self.add_error("value", _("Vui lòng nhập giá trị."))
        return data
