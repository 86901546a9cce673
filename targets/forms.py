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


class TargetForm(forms.ModelForm):
    planned = VnDecimalField(label=_("Kế hoạch"), required=False)
    planned_low = VnDecimalField(label=_("Kế hoạch từ"), required=False)
    planned_high = VnDecimalField(label=_("Kế hoạch đến"), required=False)
    baseline = VnDecimalField(label=_("Giá trị gốc"), required=False)

    class Meta:
        model = Target
        fields = [
            "code",
            "title",
            "period",
            "shape",
            "unit",
            "planned",
            "planned_low",
            "planned_high",
            "baseline",
            "reduction_unit",
            "strict",
            "rank_out_of",
            "document",
            "parent",
            "position",
        ]
        widgets = {"title": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args: Any, documents: Any, parents: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["document"].queryset = documents  # type: ignore[attr-defined]
        self.fields["parent"].queryset = parents  # type: ignore[attr-defined]
        if self.instance.pk:
            self.fields["code"].disabled = True

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        shape = data.get("shape")
        low, high, planned = data.get("planned_low"), data.get("planned_high"), data.get("planned")
        if (low is None) != (high is None):
            self.add_error("planned_high", _("Nhập cả hai đầu của khoảng kế hoạch."))
        if low is not None and high is not None and high < low:
            self.add_error("planned_high", _("Đầu trên phải lớn hơn hoặc bằng đầu dưới."))
        needs_plan = shape in (Shape.COUNT, Shape.QUANTITY, Shape.RATE_FLOOR, Shape.RATE_CEILING)
        if needs_plan and planned is None:
            self.add_error("planned", _("Dạng chỉ tiêu này cần giá trị kế hoạch."))
        if shape == Shape.RANGE and low is None:
            self.add_error("planned_low", _("Chỉ tiêu dạng khoảng cần đầu dưới và đầu trên."))
        if shape == Shape.REDUCTION and planned is None and low is None:
            self.add_error("planned", _("Nhập mức giảm kế hoạch (một giá trị hoặc một khoảng)."))
        if (
            shape == Shape.RANK
            and data.get("rank_out_of")
            and planned is not None
            and planned > data["rank_out_of"]
        ):
            self.add_error("planned", _("Thứ hạng kế hoạch không được vượt quá tổng số."))
        return data


class SplitForm(forms.Form):
    """One planned value per child organisation."""

    def __init__(self, *args: Any, children: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.children = list(children)
        for child in self.children:
            self.fields[f"org_{child.pk}"] = VnDecimalField(label=child.name, required=False)

    def shares(self) -> dict[Any, Any]:
        return {
            child: self.cleaned_data[f"org_{child.pk}"]
            for child in self.children
            if self.cleaned_data.get(f"org_{child.pk}") is not None
        }


class TransitionForm(forms.Form):
    """A move of the reporting cycle; the comment is what the organisation reads when returned."""

    comment = forms.CharField(
        label=_("Ý kiến"), required=False, max_length=4000, widget=forms.Textarea(attrs={"rows": 2})
    )


class NarrativeForm(forms.Form):
    results = forms.CharField(
        label=_("Kết quả"), required=False, max_length=50000, widget=forms.Textarea(attrs={"rows": 8})
    )
    shortcomings = forms.CharField(
        label=_("Hạn chế"), required=False, max_length=50000, widget=forms.Textarea(attrs={"rows": 5})
    )
    causes = forms.CharField(
        label=_("Nguyên nhân"), required=False, max_length=50000, widget=forms.Textarea(attrs={"rows": 5})
    )
    directions = forms.CharField(
        label=_("Phương hướng"), required=False, max_length=50000, widget=forms.Textarea(attrs={"rows": 5})
    )


class CompletenessForm(forms.Form):
    show = forms.ChoiceField(
        label=_("Hiển thị"),
        required=False,
        choices=[
            ("", _("Tất cả")),
            ("pending", _("Chưa gửi")),
            ("late", _("Quá hạn")),
            ("submitted", _("Chờ duyệt")),
            ("returned", _("Bị trả lại")),
            ("approved", _("Đã duyệt")),
        ],
    )
