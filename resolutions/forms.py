from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from committees.models import Organisation
from core.fields import VnDateField
from core.uploads import ALLOWED, validate_upload
from core.widgets import OrganisationSelect
from resolutions.models import Document, LinkKind
from resolutions.numbering import ParsedNumber, parse_number


class DocumentForm(forms.Form):
    raw_number = forms.CharField(
        label=_("Số, ký hiệu"), max_length=128, help_text=_("Ví dụ: 32-CT/TU, 10/CT-UBND, 30/2020/NĐ-CP")
    )
    confirm_suggestion = forms.BooleanField(label=_("Dùng số, ký hiệu được đề xuất"), required=False)
    title = forms.CharField(label=_("Trích yếu"), widget=forms.Textarea(attrs={"rows": 3}))
    issued_on = VnDateField(label=_("Ngày ban hành"), required=False)
    issuer_name = forms.CharField(label=_("Cơ quan ban hành"), max_length=255, required=False)
    organisation = forms.ModelChoiceField(
        label=_("Đơn vị quản lý"), queryset=Organisation.objects.none(), widget=OrganisationSelect
    )
    term_label = forms.CharField(label=_("Nhiệm kỳ (văn bản của Đảng)"), max_length=16, required=False)
    implements = forms.ModelChoiceField(
        label=_("Thực hiện văn bản"), queryset=Document.objects.none(), required=False
    )
    link_kind = forms.ChoiceField(label=_("Quan hệ"), choices=LinkKind.choices, initial=LinkKind.IMPLEMENTS)
    attachment = forms.FileField(
        label=_("Tệp đính kèm"),
        required=False,
        validators=[validate_upload],
        widget=forms.ClearableFileInput(attrs={"accept": ",".join(ALLOWED)}),
    )

    def __init__(self, *args: Any, organisations: Any, documents: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations  # type: ignore[attr-defined]
        self.fields["implements"].queryset = documents  # type: ignore[attr-defined]
        self.fields["attachment"].help_text = _(
            "PDF, Word, Excel, OpenDocument, JPG hoặc PNG; tối đa %(limit)s MB."
        ) % {"limit": settings.CHITIEU_UPLOAD_MAX_MB}
        self.parsed: ParsedNumber | None = None

    def clean_raw_number(self) -> str:
        raw: str = self.cleaned_data["raw_number"]
        self.parsed = parse_number(raw)
        if self.parsed.outcome == "INVALID":
            raise forms.ValidationError(self.parsed.message)
        return raw

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        parsed = self.parsed
        if parsed is not None and parsed.outcome == "SUGGEST":
            if not data.get("confirm_suggestion"):
                self.add_error("raw_number", parsed.message)
            else:
                # The person confirmed the suggestion: record the suggested form.
                data["raw_number"] = parsed.canonical
                self.parsed = parse_number(parsed.canonical or "")
        return data


class TaskDoneForm(forms.Form):
    done_on = VnDateField(label=_("Ngày hoàn thành"))


class PasteForm(forms.Form):
    text = forms.CharField(
        label=_("Dán nội dung bài viết hoặc báo cáo"),
        widget=forms.Textarea(attrs={"rows": 12}),
        max_length=200_000,
    )
