"""Forms of the reports app: meetings with their attendees, report drafts, issuing."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from committees.models import Organisation, Term
from core.fields import IdsChoiceField, VnDateField
from core.widgets import OrganisationSelect
from reports.models import REPORT_EDITABLE, Meeting, Report, ReportKind


class ReportCreateForm(forms.Form):
    organisation = forms.ModelChoiceField(
        label=_("Tổ chức"), queryset=Organisation.objects.none(), widget=OrganisationSelect
    )
    kind = forms.ChoiceField(
        label=_("Loại báo cáo"), choices=ReportKind.choices, initial=ReportKind.SEMI_ANNUAL
    )
    period = forms.CharField(
        label=_("Kỳ"), max_length=16, help_text=_("Ví dụ: 2024-H1, 2024-9M, 2024, 2020-2025")
    )
    cut_off = VnDateField(
        label=_("Số liệu tính đến ngày"), required=False, help_text=_("Để trống: ngày cuối kỳ")
    )

    def __init__(self, *args: Any, organisations: QuerySet[Organisation], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations  # type: ignore[attr-defined]


class ReportEditForm(forms.ModelForm):
    cut_off = VnDateField(label=_("Số liệu tính đến ngày"))
    dated = VnDateField(label=_("Ngày báo cáo"), required=False)

    class Meta:
        model = Report
        fields = [*REPORT_EDITABLE, "meetings"]
        widgets = {
            "title": forms.Textarea(attrs={"rows": 2}),
            "recipients": forms.Textarea(attrs={"rows": 5}),
            "results": forms.Textarea(attrs={"rows": 10}),
            "limitations": forms.Textarea(attrs={"rows": 6}),
            "directions": forms.Textarea(attrs={"rows": 8}),
            "recommendations": forms.Textarea(attrs={"rows": 4}),
            "meetings": forms.CheckboxSelectMultiple,
        }
        field_classes = {"meetings": IdsChoiceField}
        help_texts = {
            "results": _("Mỗi dòng là một đoạn văn. Số liệu và phụ lục được lấy tự động từ dữ liệu."),
            "recipients": _("Mỗi dòng một nơi nhận; dòng «Lưu Văn phòng Đảng ủy.» được thêm nếu thiếu."),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        report: Report = self.instance
        self.fields["meetings"].queryset = Meeting.objects.filter(  # type: ignore[attr-defined]
            organisation_id=report.organisation_id
        ).order_by("-held_on")
        self.fields["meetings"].required = False


class ReportIssueForm(forms.Form):
    number = forms.CharField(label=_("Số, ký hiệu"), max_length=64, help_text=_("Ví dụ: 15-BC/ĐU"))
    dated = VnDateField(label=_("Ngày ban hành"))


class MeetingForm(forms.ModelForm):
    held_on = VnDateField(label=_("Ngày họp"))

    class Meta:
        model = Meeting
        fields = ["term", "number", "extended", "held_on", "place", "chair", "agenda", "conclusions"]
        widgets = {
            "agenda": forms.Textarea(attrs={"rows": 5}),
            "conclusions": forms.Textarea(attrs={"rows": 6}),
        }

    def __init__(self, *args: Any, organisation: Organisation | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        organisation_id = organisation.pk if organisation else self.instance.organisation_id
        self.fields["term"].queryset = Term.objects.filter(organisation_id=organisation_id)  # type: ignore[attr-defined]


class MeetingOrganisationForm(forms.Form):
    organisation = forms.ModelChoiceField(
        label=_("Tổ chức"), queryset=Organisation.objects.none(), widget=OrganisationSelect
    )

    def __init__(self, *args: Any, organisations: QuerySet[Organisation], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations  # type: ignore[attr-defined]


class AttendeeForm(forms.Form):
    name = forms.CharField(label=_("Họ và tên"), max_length=128, required=False)
    title = forms.CharField(label=_("Chức vụ"), max_length=255, required=False)
    invited = forms.BooleanField(label=_("Khách mời"), required=False)


AttendeeFormSet = forms.formset_factory(AttendeeForm, extra=3, max_num=200)
