from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from committees.fields import VnDateField, VnDecimalField
from targets.models import ReadingKind, Shape, Target


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
