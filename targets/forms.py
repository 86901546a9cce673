from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from core.fields import VnDateField, VnDecimalField
from resolutions.widgets import NOT_IN_SCOPE, DocumentPicker
from targets.models import PLAN_FIELDS, SHAPE_FIELDS, TARGET_EDITABLE, ReadingKind, Shape, ShapeFields, Target
from targets.outcomes.checks import reading_problems
from targets.outcomes.metrics import READINGS

# Plan fields that can be left empty, as opposed to the checkbox `strict` and the choice `reduction_unit`.
BLANKABLE = tuple(f for f in PLAN_FIELDS if f not in ("strict", "reduction_unit"))


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
        problems = reading_problems(
            self.target,
            cut_off=data.get("cut_off"),
            value=data.get("value"),
            done=data.get("done"),
            previous=data.get("previous"),
        )
        for name, message in problems.items():
            # A yes/no target's answer is the `done` field of the grid; its problem is said there.
            field = "done" if name == "value" and self.target.yes_no else name
            if field not in self.errors:
                self.add_error(field, message)
        return data


class TargetForm(forms.ModelForm):
    planned = VnDecimalField(label=_("Kế hoạch"), required=False)
    planned_low = VnDecimalField(label=_("Kế hoạch từ"), required=False)
    planned_high = VnDecimalField(label=_("Kế hoạch đến"), required=False)
    baseline = VnDecimalField(label=_("Giá trị gốc"), required=False)

    class Meta:
        model = Target
        fields = ["code", *TARGET_EDITABLE]
        widgets = {
            "title": forms.Textarea(attrs={"rows": 2}),
            "document": DocumentPicker(search={"scope": "readable"}),
        }

    def __init__(self, *args: Any, documents: Any, parents: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["document"].queryset = documents  # type: ignore[attr-defined]
        self.fields["document"].error_messages.update(NOT_IN_SCOPE)
        self.fields["parent"].queryset = parents  # type: ignore[attr-defined]
        if self.instance.pk:
            self.fields["code"].disabled = True
        # Typed readings unless a register metric is chosen (targets.outcomes.metrics).
        self.fields["source"].required = False

    def clean_source(self) -> str:
        return self.cleaned_data.get("source") or READINGS

    def rows(self) -> list[tuple[forms.BoundField, str]]:
        """Each field with the shapes that use it ("" for fields every shape has), for the page's
        data-shapes attributes that show and hide fields as the shape changes."""
        return [
            (
                self[name],
                " ".join(s for s, rule in SHAPE_FIELDS.items() if name in rule.shown)
                if name in PLAN_FIELDS
                else "",
            )
            for name in self.fields
        ]

    def shape_help(self) -> list[tuple[str, Any, ShapeFields]]:
        return [(str(value), label, SHAPE_FIELDS[value]) for value, label in Shape.choices]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        low, high, planned = data.get("planned_low"), data.get("planned_high"), data.get("planned")
        if (low is None) != (high is None):
            self.add_error("planned_high", _("Nhập cả hai đầu của khoảng kế hoạch."))
        if low is not None and high is not None and high < low:
            self.add_error("planned_high", _("Đầu trên phải lớn hơn hoặc bằng đầu dưới."))
        shape = data.get("shape")
        if shape in SHAPE_FIELDS:
            self._clean_shape_fields(shape, data)
        if (
            shape == Shape.RANK
            and data.get("rank_out_of")
            and planned is not None
            and planned > data["rank_out_of"]
        ):
            self.add_error("planned", _("Thứ hạng kế hoạch không được vượt quá tổng số."))
        return data

    def _clean_shape_fields(self, shape: str, data: dict[str, Any]) -> None:
        """Exactly the plan fields of SHAPE_FIELDS[shape]: the required ones given, the unused ones blank."""
        rule = SHAPE_FIELDS[shape]
        label = Shape(shape).label

        def given(name: str) -> bool:
            return data.get(name) not in (None, "") or name in self.errors

        for name in rule.required:
            if not given(name):
                self.add_error(
                    name,
                    _("Chỉ tiêu dạng «%(shape)s» cần «%(field)s».")
                    % {"shape": label, "field": self.fields[name].label},
                )
        if rule.choice and not any(all(given(n) for n in group) for group in rule.choice):
            self.add_error(rule.choice[0][0], _("Nhập mức giảm kế hoạch (một giá trị hoặc một khoảng)."))
        if rule.choice and all(any(given(n) for n in group) for group in rule.choice):
            self.add_error(
                rule.choice[0][0], _("Chỉ nhập một giá trị kế hoạch hoặc một khoảng, không nhập cả hai.")
            )
        # A checkbox and a choice with a default always have a value: only blankable fields are checked.
        for name in BLANKABLE:
            if name not in rule.shown and given(name) and name not in self.errors:
                self.add_error(
                    name,
                    _("Chỉ tiêu dạng «%(shape)s» không dùng «%(field)s»: để trống.")
                    % {"shape": label, "field": self.fields[name].label},
                )


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
