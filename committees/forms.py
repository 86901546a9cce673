from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from committees.models import ETHNICITIES, Member, Organisation, RatingLevel


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self) -> None:
        super().__init__(format="%Y-%m-%d")


class MemberForm(forms.ModelForm):
    """Create or edit a member. The view saves through services.member_create / member_update."""

    ethnicity = forms.ChoiceField(label=_("dân tộc"), choices=[(e, e) for e in ETHNICITIES], initial="Kinh")

    class Meta:
        model = Member
        fields = [
            "full_name",
            "gender",
            "birth_date",
            "ethnicity",
            "religion",
            "organisation",
            "admitted_on",
            "official_on",
            "status",
        ]
        widgets = {"birth_date": DateInput(), "admitted_on": DateInput(), "official_on": DateInput()}
        error_messages = {
            "full_name": {"required": _("Vui lòng nhập họ và tên.")},
            "gender": {"required": _("Vui lòng chọn giới tính.")},
            "organisation": {
                "required": _("Vui lòng chọn nơi sinh hoạt."),
                "invalid_choice": _("Tổ chức đã chọn không thuộc phạm vi quản lý của bạn."),
            },
        }

    def __init__(self, *args: Any, organisations: QuerySet[Organisation], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["organisation"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = organisations.filter(valid_to__isnull=True)
        field.empty_label = None
        self.fields["religion"].help_text = _("Để trống nếu không theo tôn giáo nào.")
        for name in ("birth_date", "admitted_on", "official_on"):
            self.fields[name].error_messages["invalid"] = _("Ngày không hợp lệ.")


class RatingForm(forms.Form):
    """Record an organisation's rating for a year: a level, or (from 2025) a score that decides it."""

    organisation = forms.ModelChoiceField(
        label=_("Tổ chức"),
        queryset=Organisation.objects.none(),
        error_messages={"invalid_choice": _("Tổ chức đã chọn không thuộc phạm vi quản lý của bạn.")},
    )
    year = forms.IntegerField(label=_("Năm"), min_value=1930, max_value=2100)
    level = forms.ChoiceField(
        label=_("Mức xếp loại"), choices=[("", "—"), *RatingLevel.choices], required=False
    )
    score = forms.DecimalField(
        label=_("Điểm (từ năm 2025)"),
        required=False,
        localize=True,
        min_value=Decimal(0),
        max_value=Decimal(100),
        max_digits=5,
        decimal_places=2,
        error_messages={
            "min_value": _("Điểm xếp loại phải từ 0 đến 100."),
            "max_value": _("Điểm xếp loại phải từ 0 đến 100."),
            "invalid": _("Điểm phải là một số, ví dụ 85,5."),
        },
    )

    def __init__(self, *args: Any, organisations: QuerySet[Organisation], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["organisation"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = organisations
