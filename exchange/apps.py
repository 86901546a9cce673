from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ExchangeConfig(AppConfig):
    """The exchange workbook: import and export of everything the other apps keep. At the top of the app
    order: it may use every app, and none uses it."""

    name = "exchange"
    verbose_name = _("Trao đổi dữ liệu")

    def ready(self) -> None:
        from committees.audit import register_actions

        register_actions(
            {
                "import_run.request": _("Tải lên tệp Excel để nhập"),
                "import_run.done": _("Nhập tệp Excel xong"),
                "import_run.fail": _("Lỗi khi nhập tệp Excel"),
                "import_run.requeue": _("Xếp hàng lại việc nhập tệp Excel"),
            }
        )
