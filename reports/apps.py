from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "reports"
    verbose_name = _("Báo cáo")

    def ready(self) -> None:
        from committees.audit import register_actions, register_history
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
        register_actions(
            {
                "report.create": _("Thêm báo cáo"),
                "report.update": _("Sửa báo cáo"),
                "report.issue": _("Ban hành báo cáo"),
                "report.reissue": _("Tạo phiên bản mới của báo cáo"),
                "report_run.request": _("Yêu cầu xuất PDF"),
                "report_run.done": _("Xuất PDF xong"),
                "report_run.fail": _("Lỗi khi xuất PDF"),
                "report_run.requeue": _("Xếp hàng lại việc xuất PDF"),
                "meeting.create": _("Thêm hội nghị"),
                "meeting.update": _("Sửa hội nghị"),
                "meeting.notice_document": _("Ghi thông báo kết luận hội nghị thành văn bản"),
                "meeting.conclusion_task": _("Giao nhiệm vụ từ kết luận hội nghị"),
            }
        )
