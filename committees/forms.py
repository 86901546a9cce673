from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from committees.models import ETHNICITIES, Member, Organisation, RatingLevel
from core.fields import VnDateField, VnDecimalField
from core.widgets import OrganisationSelect


class MemberForm(forms.ModelForm):
    """Create or edit a member. The view saves through services.member_create / member_update."""

    ethnicity = forms.ChoiceField(label=_("dân tộc"), choices=[(e, e) for e in ETHNICITIES], initial="Kinh")
    # Dates typed the Vietnamese way ("21/3/1985"), as in every form of the product.
    birth_date = VnDateField(label=_("ngày sinh"), required=False, help_text=_("Ví dụ: 21/3/1985"))
    admitted_on = VnDateField(label=_("ngày vào Đảng"), required=False)
    official_on = VnDateField(label=_("ngày chính thức"), required=False)

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
        widgets = {"organisation": OrganisationSelect}
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


class RatingForm(forms.Form):
    """Record an organisation's rating for a year: a level, or (from 2025) a score that decides it."""

    organisation = forms.ModelChoiceField(
        label=_("Tổ chức"),
        queryset=Organisation.objects.none(),
        widget=OrganisationSelect,
        error_messages={"invalid_choice": _("Tổ chức đã chọn không thuộc phạm vi quản lý của bạn.")},
    )
    year = forms.IntegerField(label=_("Năm"), min_value=1930, max_value=2100)
    level = forms.ChoiceField(
        label=_("Mức xếp loại"), choices=[("", "—"), *RatingLevel.choices], required=False
    )
    score = VnDecimalField(label=_("Điểm (từ năm 2025)"), required=False, help_text=_("Ví dụ: 85,5"))

    def __init__(self, *args: Any, organisations: QuerySet[Organisation], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["organisation"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = organisations

    def clean_score(self) -> Decimal | None:
        score: Decimal | None = self.cleaned_data.get("score")
        if score is not None and not Decimal(0) <= score <= Decimal(100):
            raise forms.ValidationError(_("Điểm xếp loại phải từ 0 đến 100."))
        return score
