"""Forms of the reports app: meetings with their attendees, report drafts, issuing."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import Q, QuerySet
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from committees.models import Organisation, Term
from core.fields import IdsChoiceField, VnDateField
from core.widgets import OrganisationSelect
from reports.models import MEETING_FIELDS, REPORT_EDITABLE, Meeting, MeetingKind, Report, ReportKind
from resolutions.models import Document
from resolutions.numbering import parse_number


class ReportCreateForm(forms.Form):
    organisation = forms.ModelChoiceField(
        label=_("Tổ chức"), queryset=Organisation.objects.none(), widget=OrganisationSelect
    )
    kind = forms.ChoiceField(
        label=_("Loại báo cáo"),
        # A review of one resolution has its own page (review_create): it needs the document.
        choices=[c for c in ReportKind.choices if c[0] != ReportKind.RESOLUTION],
        initial=ReportKind.SEMI_ANNUAL,
    )
    period = forms.CharField(
        label=_("Kỳ"), max_length=16, help_text=_("Ví dụ: 2024-H1, 2024-9M, 2024, 2020-2025")
    )
    cut_off = VnDateField(
        label=_("Số liệu tính đến ngày"), required=False, help_text=_("Để trống: ngày cuối kỳ")
    )
    # Started from a meeting's page: the report is linked to it (and says so in its PDF).
    meeting = forms.ModelChoiceField(
        label=_("Hội nghị"), queryset=Meeting.objects.none(), required=False, widget=forms.HiddenInput
    )

    def __init__(
        self,
        *args: Any,
        organisations: QuerySet[Organisation],
        meetings: QuerySet[Meeting] | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations  # type: ignore[attr-defined]
        self.fields["meeting"].queryset = (  # type: ignore[attr-defined]
            meetings if meetings is not None else Meeting.objects.none()
        )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        meeting, organisation = data.get("meeting"), data.get("organisation")
        if meeting is not None and organisation is not None and meeting.organisation_id != organisation.pk:
            self.add_error("organisation", _("Báo cáo trình hội nghị phải của tổ chức đã họp."))
        return data


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
    notice_dated = VnDateField(label=_("Ngày thông báo kết luận"), required=False)

    class Meta:
        model = Meeting
        fields = list(MEETING_FIELDS)
        widgets = {
            "agenda": forms.Textarea(attrs={"rows": 5}),
            "discussion": forms.Textarea(attrs={"rows": 6}),
            "conclusions": forms.Textarea(attrs={"rows": 6}),
        }
        help_texts = {
            "conclusions": _(
                "Mỗi dòng một kết luận; từng kết luận có thể giao thành nhiệm vụ ở trang hội nghị."
            ),
            "notice_number": _("Ví dụ: 125-TB/TU. Để trống khi thông báo còn là dự thảo."),
            "notice_signer_authority": _("Để trống: theo tổ chức (T/M BAN THƯỜNG VỤ, T/M CHI BỘ…)."),
            "notice_signer_title": _("Để trống: BÍ THƯ."),
        }

    def __init__(self, *args: Any, organisation: Organisation | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Left out (an older form, an API-like post): a meeting of the Ban Chấp hành, as before kinds.
        self.fields["kind"].required = False
        organisation_id = organisation.pk if organisation else self.instance.organisation_id
        self.fields["term"].queryset = Term.objects.filter(organisation_id=organisation_id)  # type: ignore[attr-defined]

    def clean_kind(self) -> str:
        return self.cleaned_data.get("kind") or MeetingKind.BCH


class MeetingOrganisationForm(forms.Form):
    organisation = forms.ModelChoiceField(
        label=_("Tổ chức"), queryset=Organisation.objects.none(), widget=OrganisationSelect
    )

    def __init__(self, *args: Any, organisations: QuerySet[Organisation], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations  # type: ignore[attr-defined]
        # Choosing the organisation reloads the term list at once (htmx), without saving the form.
        self.fields["organisation"].widget.attrs.update(
            {
                "hx-get": reverse("reports:meeting_terms"),
                "hx-trigger": "change",
                "hx-target": "#term-field",
                "hx-swap": "outerHTML",
                "hx-include": "this",
            }
        )


class ConclusionTaskForm(forms.Form):
    """One conclusion of a meeting, to be given as a task."""

    position = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    take = forms.BooleanField(label=_("Giao thành nhiệm vụ"), required=False)
    title = forms.CharField(
        label=_("Nội dung nhiệm vụ"), max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )
    organisation = forms.ModelChoiceField(
        label=_("Đơn vị chủ trì"),
        queryset=Organisation.objects.none(),
        widget=OrganisationSelect,
        required=False,
    )
    due_on = VnDateField(label=_("Thời hạn"), required=False, help_text=_("Để trống: thường xuyên"))

    def __init__(self, *args: Any, organisations: QuerySet[Organisation], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("take") and not data.get("organisation"):
            self.add_error("organisation", _("Chọn đơn vị chủ trì."))
        return data


ConclusionTaskFormSet = forms.formset_factory(ConclusionTaskForm, extra=0, max_num=200)


class AttendeeForm(forms.Form):
    name = forms.CharField(label=_("Họ và tên"), max_length=128, required=False)
    title = forms.CharField(label=_("Chức vụ"), max_length=255, required=False)
    invited = forms.BooleanField(label=_("Khách mời"), required=False)


AttendeeFormSet = forms.formset_factory(AttendeeForm, extra=3, max_num=200)


class ReviewCreateForm(forms.Form):
    """A report reviewing one resolution over a window: "Báo cáo sơ kết 3 năm thực hiện Nghị quyết số …"."""

    organisation = forms.ModelChoiceField(
        label=_("Tổ chức báo cáo"), queryset=Organisation.objects.none(), widget=OrganisationSelect
    )
    document_number = forms.CharField(
        label=_("Số, ký hiệu văn bản được sơ kết, tổng kết"),
        max_length=128,
        required=False,
        help_text=_("Ví dụ: 04-NQ/TU"),
    )
    issued_year = forms.IntegerField(
        label=_("Năm ban hành"),
        required=False,
        min_value=1900,
        max_value=2999,
        help_text=_("Chỉ cần khi có nhiều văn bản cùng số (số đảng bắt đầu lại mỗi nhiệm kỳ)."),
    )
    document = forms.ModelChoiceField(
        label=_("Văn bản"), queryset=Document.objects.none(), required=False, widget=forms.HiddenInput
    )
    stage = forms.ChoiceField(
        label=_("Loại"),
        choices=[("so_ket", _("Sơ kết")), ("tong_ket", _("Tổng kết"))],
        initial="so_ket",
    )
    window_start = VnDateField(
        label=_("Từ ngày"), required=False, help_text=_("Để trống: ngày ban hành văn bản")
    )
    cut_off = VnDateField(label=_("Số liệu tính đến ngày"))

    def __init__(
        self,
        *args: Any,
        organisations: QuerySet[Organisation],
        documents: QuerySet[Document],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations  # type: ignore[attr-defined]
        self.fields["document"].queryset = documents  # type: ignore[attr-defined]
        self.documents = documents

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        number = (data.get("document_number") or "").strip()
        if number:
            parsed = parse_number(number)
            canonical = parsed.canonical if parsed.is_usable and parsed.canonical else number
            found = self.documents.filter(canonical_number=canonical)
            if data.get("issued_year"):
                found = found.filter(Q(year=data["issued_year"]) | Q(issued_on__year=data["issued_year"]))
            matches = list(found.order_by("-issued_on", "-id")[:2])
            if not matches:
                self.add_error("document_number", _("Không tìm thấy văn bản số %(n)s.") % {"n": canonical})
            elif len(matches) > 1:
                self.add_error(
                    "issued_year", _("Có nhiều văn bản số %(n)s; hãy nhập năm ban hành.") % {"n": canonical}
                )
            else:
                data["document"] = matches[0]
        elif data.get("document") is None and "document" not in self.errors:
            self.add_error("document_number", _("Nhập số, ký hiệu văn bản được sơ kết, tổng kết."))
        document = data.get("document")
        if document is not None and not data.get("window_start"):
            if document.issued_on is None:
                self.add_error("window_start", _("Văn bản chưa có ngày ban hành: hãy nhập ngày bắt đầu."))
            else:
                data["window_start"] = document.issued_on
        return data
