from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "reports"
    verbose_name = _("Báo cáo")

    def ready(self) -> None:
        from committees.audit import register_history
        from reports import selectors
        from reports.models import ReportRun

        register_history(
            "reports.report",
            visible=selectors.reports_for_user,
            url_name="reports:report_detail",
            related=lambda report, _user: {"reports.reportrun": ReportRun.objects.filter(report=report)},
        )
        register_history(
            "reports.meeting", visible=selectors.meetings_for_user, url_name="reports:meeting_detail"
        )
