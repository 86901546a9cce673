from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from committees.models import Member, Organisation
from core.fields import IdsChoiceField, VnDateField
from core.widgets import OrganisationSelect
from inspections.models import Body, Inspection, Kind, Mode, PlannedItem, TeamRole
from resolutions.models import Document
from resolutions.widgets import NOT_IN_SCOPE, DocumentPicker, DocumentsPicker


def _choice(choices: Any, **kwargs: Any) -> forms.ChoiceField:
    return forms.ChoiceField(choices=choices, **kwargs)


class OrganisationPickForm(forms.Form):
    organisation = forms.ModelChoiceField(
        label=_("Cấp ủy quyết định"), queryset=Organisation.objects.none(), widget=OrganisationSelect
    )

    def __init__(self, *args: Any, organisations: QuerySet[Organisation], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations  # type: ignore[attr-defined]


class ProgrammeForm(forms.Form):
    organisation = forms.ModelChoiceField(
        label=_("Cấp ủy"), queryset=Organisation.objects.none(), widget=OrganisationSelect
    )
    body = _choice(Body.choices, label=_("Cơ quan"), initial=Body.COMMITTEE)
    year = forms.IntegerField(label=_("Năm"), min_value=1945, max_value=2100)
    title = forms.CharField(label=_("Tên chương trình"), max_length=500)
    document = forms.ModelChoiceField(
        label=_("Văn bản ban hành chương trình"),
        queryset=Document.objects.none(),
        required=False,
        widget=DocumentPicker(search={"scope": "inspect"}),
        error_messages=NOT_IN_SCOPE,
    )

    def __init__(
        self, *args: Any, organisations: QuerySet[Organisation], documents: QuerySet[Document], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations  # type: ignore[attr-defined]
        self.fields["document"].queryset = documents  # type: ignore[attr-defined]
        self.fields["document"].empty_label = _("— Chọn —")  # type: ignore[attr-defined]


class PlannedItemForm(forms.Form):
    mode = _choice(Mode.choices, label=_("Hình thức"), initial=Mode.INSPECTION)
    kind = _choice(Kind.choices, label=_("Loại"))
    title = forms.CharField(label=_("Nội dung"), max_length=1000)
    subject = forms.ModelChoiceField(
        label=_("Đối tượng"), queryset=Organisation.objects.none(), required=False, widget=OrganisationSelect
    )
    planned_month = forms.IntegerField(label=_("Tháng dự kiến"), min_value=1, max_value=12, required=False)

    def __init__(self, *args: Any, organisations: QuerySet[Organisation], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["subject"].queryset = organisations  # type: ignore[attr-defined]


class InspectionForm(forms.Form):
    body = _choice(Body.choices, label=_("Cơ quan quyết định"), initial=Body.COMMITTEE)
    mode = _choice(Mode.choices, label=_("Hình thức"), initial=Mode.INSPECTION)
    kind = _choice(Kind.choices, label=_("Loại"))
    title = forms.CharField(label=_("Nội dung"), widget=forms.Textarea(attrs={"rows": 3}), max_length=2000)
    planned_item = forms.ModelChoiceField(
        label=_("Theo chương trình"), queryset=PlannedItem.objects.none(), required=False
    )
    decision = forms.ModelChoiceField(
        label=_("Quyết định"),
        queryset=Document.objects.none(),
        required=False,
        widget=DocumentPicker,
        error_messages=NOT_IN_SCOPE,
    )
    subject_organisations = IdsChoiceField(
        label=_("Tổ chức được kiểm tra, giám sát"), queryset=Organisation.objects.none(), required=False
    )
    subject_members = IdsChoiceField(
        label=_("Đảng viên được kiểm tra, giám sát"), queryset=Member.objects.none(), required=False
    )
    subject_documents = IdsChoiceField(
        label=_("Văn bản được kiểm tra việc thực hiện"),
        queryset=Document.objects.none(),
        required=False,
        widget=DocumentsPicker(search={"scope": "readable"}),
        error_messages=NOT_IN_SCOPE,
    )
    window_from = VnDateField(label=_("Thời kỳ kiểm tra từ"), required=False)
    window_to = VnDateField(label=_("Thời kỳ kiểm tra đến"), required=False)
    decided_on = VnDateField(label=_("Ngày quyết định"), required=False)
    notified_on = VnDateField(label=_("Ngày thông báo cho đối tượng"), required=False)
    self_report_on = VnDateField(label=_("Ngày đối tượng báo cáo"), required=False)
    sessions_from = VnDateField(label=_("Làm việc từ ngày"), required=False)
    sessions_to = VnDateField(label=_("Làm việc đến ngày"), required=False)
    team_report_on = VnDateField(label=_("Ngày đoàn báo cáo"), required=False)

    DATA_FIELDS = (
        "body", "mode", "kind", "title", "planned_item", "decision", "window_from", "window_to",
        "decided_on", "notified_on", "self_report_on", "sessions_from", "sessions_to", "team_report_on",
    )  # fmt: skip

    def __init__(
        self,
        *args: Any,
        organisation: Organisation,
        readable_documents: QuerySet[Document],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        subtree = Organisation.objects.filter(path__startswith=organisation.path, valid_to__isnull=True)
        fields: Any = self.fields
        fields["planned_item"].queryset = PlannedItem.objects.filter(
            programme__organisation=organisation
        ).select_related("programme")
        fields["planned_item"].empty_label = _("— Chọn —")
        fields["decision"].queryset = Document.objects.filter(organisation=organisation).order_by(
            "-issued_on"
        )
        fields["decision"].empty_label = _("— Chọn —")
        # The committee's own documents: the search offers those only.
        fields["decision"].widget.search = {"scope": "inspect", "organisation": organisation.pk}
        fields["subject_organisations"].queryset = subtree
        fields["subject_members"].queryset = Member.objects.filter(organisation__in=subtree)
        fields["subject_documents"].queryset = readable_documents.order_by("-issued_on", "id")


class TeamForm(forms.Form):
    role = _choice(TeamRole.choices, label=_("Nhiệm vụ trong đoàn"), initial=TeamRole.MEMBER)
    member = forms.ModelChoiceField(label=_("Đảng viên"), queryset=Member.objects.none(), required=False)
    person_name = forms.CharField(label=_("Họ và tên (người ngoài)"), max_length=128, required=False)
    title = forms.CharField(label=_("Chức vụ"), max_length=255, required=False)

    def __init__(self, *args: Any, members: QuerySet[Member] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        fields: Any = self.fields
        fields["member"].queryset = members if members is not None else Member.objects.none()
        fields["member"].empty_label = _("— Chọn —")


TeamFormSet = forms.formset_factory(TeamForm, extra=3, max_num=50)


class ConclusionForm(forms.Form):
    raw_number = forms.CharField(label=_("Số, ký hiệu thông báo kết luận"), max_length=128,
                                 help_text=_("Ví dụ: 125-TB/TU"))  # fmt: skip
    issued_on = VnDateField(label=_("Ngày ban hành"))
    title = forms.CharField(label=_("Trích yếu"), max_length=1000, required=False)
    results = forms.CharField(
        label=_("Ưu điểm, kết quả"), widget=forms.Textarea(attrs={"rows": 5}), required=False
    )
    shortcomings = forms.CharField(
        label=_("Hạn chế, khuyết điểm"), widget=forms.Textarea(attrs={"rows": 5}), required=False
    )
    violations = forms.CharField(
        label=_("Vi phạm (của tổ chức, nếu có)"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )


class RecommendationForm(forms.Form):
    organisation = forms.ModelChoiceField(label=_("Tổ chức thực hiện"), queryset=Organisation.objects.none(),
                                          required=False)  # fmt: skip
    title = forms.CharField(label=_("Kiến nghị"), max_length=2000, required=False)
    due_on = VnDateField(label=_("Thời hạn"), required=False)

    def __init__(
        self, *args: Any, organisations: QuerySet[Organisation] | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        fields: Any = self.fields
        fields["organisation"].queryset = (
            organisations if organisations is not None else Organisation.objects.none()
        )
        fields["organisation"].empty_label = _("— Chọn —")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("title") and not data.get("organisation"):
            self.add_error("organisation", _("Chọn tổ chức thực hiện kiến nghị."))
        return data


RecommendationFormSet = forms.formset_factory(RecommendationForm, extra=5, max_num=100)


class FollowUpForm(forms.Form):
    follow_up_on = VnDateField(label=_("Ngày kiểm tra việc thực hiện kết luận"))
    follow_up_notes = forms.CharField(
        label=_("Kết quả kiểm tra việc thực hiện kết luận"), widget=forms.Textarea(attrs={"rows": 4})
    )


def inspection_initial(inspection: Inspection) -> dict[str, Any]:
    initial: dict[str, Any] = {name: getattr(inspection, name) for name in InspectionForm.DATA_FIELDS}
    initial["subject_organisations"] = list(
        inspection.subjects.filter(member__isnull=True).values_list("organisation_id", flat=True)
    )
    initial["subject_members"] = list(
        inspection.subjects.filter(member__isnull=False).values_list("member_id", flat=True)
    )
    initial["subject_documents"] = list(inspection.subject_documents.values_list("pk", flat=True))
    return initial
