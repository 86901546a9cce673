from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DemoConfig(AppConfig):
    """The demo: data files loaded through the exchange importer, and the few things a workbook cannot
    carry. Above exchange in the app order, since it uses the importer; nothing uses it."""

    name = "demo"
    verbose_name = _("Dữ liệu mẫu")
