from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from committees.models import Organisation
from core.fields import IdsChoiceField, VnDateField
from core.uploads import ALLOWED, validate_upload
from core.widgets import OrganisationSelect, OrganisationSelectMultiple
from resolutions.models import Document, DocumentStatus, IssuingBody, LinkKind
from resolutions.numbering import ParsedNumber, parse_number
from resolutions.widgets import NOT_IN_SCOPE, DocumentPicker, DocumentsPicker

# A picker of the documents the user may read (those of the committees above included): the chosen one
# rendered, the others found by searching (issue 24: 20.000 options made every such form slow).
READABLE = DocumentPicker(search={"scope": "readable"})


class DocumentForm(forms.Form):
    raw_number = forms.CharField(
        label=_("Số, ký hiệu"),
        max_length=128,
        required=False,
        help_text=_(
            "Ví dụ: 32-CT/TU, 10/CT-UBND, 30/2020/NĐ-CP. Để trống nếu chưa biết số: nhập cách trích dẫn."
        ),
    )
    confirm_suggestion = forms.BooleanField(label=_("Dùng số, ký hiệu được đề xuất"), required=False)
    citation = forms.CharField(
        label=_("Cách trích dẫn (khi chưa biết đủ số, ký hiệu)"),
        max_length=255,
        required=False,
        help_text=_(
            "Ví dụ: Nghị quyết Đại hội XIII, Kết luận Hội nghị Trung ương 4 khóa XII, Chỉ thị 18 của UBND"
        ),
    )
    title = forms.CharField(label=_("Trích yếu"), widget=forms.Textarea(attrs={"rows": 3}))
    issued_on = VnDateField(label=_("Ngày ban hành"), required=False)
    issuing_body = forms.ModelChoiceField(
        label=_("Cơ quan ban hành ngoài hệ thống tổ chức"),
        queryset=IssuingBody.objects.none(),
        required=False,
        help_text=_(
            "Bộ Chính trị, Ban Bí thư, Chính phủ, Quốc hội, UBND…; để trống nếu đơn vị quản lý ban hành."
        ),
    )
    issuer_name = forms.CharField(label=_("Cơ quan ban hành (ghi bằng chữ)"), max_length=255, required=False)
    status = forms.TypedChoiceField(
        label=_("Tình trạng"),
        choices=DocumentStatus.choices,
        initial=DocumentStatus.IN_FORCE,
        required=False,
        empty_value=DocumentStatus.IN_FORCE,
    )
    organisation = forms.ModelChoiceField(
        label=_("Đơn vị quản lý"), queryset=Organisation.objects.none(), widget=OrganisationSelect
    )
    term_label = forms.CharField(label=_("Nhiệm kỳ (văn bản của Đảng)"), max_length=16, required=False)
    implements = forms.ModelChoiceField(
        label=_("Thực hiện văn bản"),
        queryset=Document.objects.none(),
        required=False,
        widget=READABLE,
        error_messages=NOT_IN_SCOPE,
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
        self.fields["issuing_body"].queryset = IssuingBody.objects.order_by("level", "name")  # type: ignore[attr-defined]
        self.fields["attachment"].help_text = _(
            "PDF, Word, Excel, OpenDocument, JPG hoặc PNG; tối đa %(limit)s MB."
        ) % {"limit": settings.CHITIEU_UPLOAD_MAX_MB}
        self.parsed: ParsedNumber | None = None

    def clean_raw_number(self) -> str:
        raw: str = self.cleaned_data["raw_number"]
        if not raw.strip():
            return ""
        self.parsed = parse_number(raw)
        if self.parsed.outcome == "INVALID":
            raise forms.ValidationError(self.parsed.message)
        return raw

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if "raw_number" in data and not data["raw_number"] and not data.get("citation", "").strip():
            self.add_error(
                "citation",
                _("Nhập số, ký hiệu hoặc cách trích dẫn văn bản (ví dụ: Nghị quyết Đại hội XIII)."),
            )
        parsed = self.parsed
        if parsed is not None and parsed.outcome == "SUGGEST":
            if not data.get("confirm_suggestion"):
                self.add_error("raw_number", parsed.message)
            else:
                # The person confirmed the suggestion: record the suggested form.
                data["raw_number"] = parsed.canonical
                self.parsed = parse_number(parsed.canonical or "")
        return data


class DocumentEditForm(forms.Form):
    """Correct a document or complete its number: the record, its links and its tasks stay."""

    raw_number = DocumentForm.base_fields["raw_number"]
    citation = DocumentForm.base_fields["citation"]
    title = DocumentForm.base_fields["title"]
    issued_on = VnDateField(label=_("Ngày ban hành"), required=False)
    issuing_body = DocumentForm.base_fields["issuing_body"]
    issuer_name = DocumentForm.base_fields["issuer_name"]
    status = DocumentForm.base_fields["status"]
    term_label = forms.CharField(label=_("Nhiệm kỳ (văn bản của Đảng)"), max_length=16, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["issuing_body"].queryset = IssuingBody.objects.order_by("level", "name")  # type: ignore[attr-defined]

    def clean_raw_number(self) -> str:
        raw: str = self.cleaned_data["raw_number"]
        if raw.strip():
            parsed = parse_number(raw)
            if parsed.outcome not in ("VALID", "NORMALIZED", "DRAFT"):
                raise forms.ValidationError(parsed.message)
        return raw


class TaskForm(forms.Form):
    title = forms.CharField(label=_("Nội dung nhiệm vụ"), widget=forms.Textarea(attrs={"rows": 3}))
    organisation = forms.ModelChoiceField(
        label=_("Đơn vị theo dõi (chủ trì trong hệ thống Đảng)"),
        queryset=Organisation.objects.none(),
        widget=OrganisationSelect,
    )
    lead_unit = forms.CharField(
        label=_("Đơn vị chủ trì ngoài hệ thống Đảng"),
        max_length=255,
        required=False,
        help_text=_("Ví dụ: Công đoàn Sở, Báo Người Lao Động, Sở Nội vụ"),
    )
    document = forms.ModelChoiceField(
        label=_("Văn bản giao"),
        queryset=Document.objects.none(),
        required=False,
        help_text=_("Để trống nếu là ý kiến chỉ đạo của lãnh đạo tại cuộc họp."),
        widget=READABLE,
        error_messages=NOT_IN_SCOPE,
    )
    bases = IdsChoiceField(
        label=_("Văn bản căn cứ khác"),
        queryset=Document.objects.none(),
        required=False,
        widget=DocumentsPicker(search={"scope": "readable"}),
        error_messages=NOT_IN_SCOPE,
    )
    co_organisations = IdsChoiceField(
        label=_("Đơn vị phối hợp trong hệ thống Đảng"),
        queryset=Organisation.objects.none(),
        required=False,
        widget=OrganisationSelectMultiple,
    )
    co_units = forms.CharField(
        label=_("Đơn vị phối hợp ngoài hệ thống Đảng"),
        max_length=500,
        required=False,
        help_text=_("Ghi cách nhau bằng dấu chấm phẩy."),
    )
    due_on = VnDateField(label=_("Thời hạn"), required=False, help_text=_("Để trống nếu thường xuyên."))
    done_on = VnDateField(label=_("Ngày hoàn thành"), required=False)
    code = forms.CharField(label=_("Mã nhiệm vụ"), max_length=64, required=False)

    def __init__(self, *args: Any, organisations: Any, documents: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations  # type: ignore[attr-defined]
        self.fields["co_organisations"].queryset = organisations  # type: ignore[attr-defined]
        self.fields["document"].queryset = documents  # type: ignore[attr-defined]
        self.fields["bases"].queryset = documents  # type: ignore[attr-defined]


class TaskDoneForm(forms.Form):
    done_on = VnDateField(label=_("Ngày hoàn thành"))


class PasteForm(forms.Form):
    text = forms.CharField(
        label=_("Dán nội dung bài viết hoặc báo cáo"),
        widget=forms.Textarea(attrs={"rows": 12}),
        max_length=200_000,
    )
