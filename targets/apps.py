from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TargetsConfig(AppConfig):
    name = "targets"
    verbose_name = _("Chỉ tiêu")

    def ready(self) -> None:
        from committees.audit import register_actions, register_history
        from targets import selectors
        from targets.models import Reading

        register_history(
            "targets.target",
            visible=selectors.targets_for_user,
            url_name="targets:target_detail",
            related=lambda target, _user: {"targets.reading": Reading.objects.filter(target=target)},
        )
        register_actions(
            {
                "target.create": _("Thêm chỉ tiêu"),
                "target.update": _("Sửa chỉ tiêu"),
                "reading.record": _("Nhập số liệu"),
                "reading.correct": _("Điều chỉnh số liệu"),
                "submission.submit": _("Gửi báo cáo kỳ"),
                "submission.approve": _("Duyệt báo cáo kỳ"),
                "submission.return": _("Trả lại báo cáo kỳ"),
                "submission.reopen": _("Mở lại báo cáo kỳ để sửa"),
                "narrative.create": _("Viết thuyết minh kỳ"),
                "narrative.update": _("Sửa thuyết minh kỳ"),
                "deadline.create": _("Đặt hạn gửi báo cáo"),
                "deadline.update": _("Đổi hạn gửi báo cáo"),
            }
        )
