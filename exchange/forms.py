from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from committees.models import Organisation
from core.fields import VnDateField
from core.widgets import OrganisationSelect


class UploadForm(forms.Form):
    file = forms.FileField(label=_("Tệp Excel (.xlsx)"))


class ExportForm(forms.Form):
    organisation = forms.ModelChoiceField(
        label=_("Tổ chức (cả cấp dưới)"), queryset=Organisation.objects.none(), widget=OrganisationSelect
    )
    cut_off = VnDateField(label=_("Số liệu tính đến ngày"), required=False)
