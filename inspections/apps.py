from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InspectionsConfig(AppConfig):
    name = "inspections"
    verbose_name = _("Kiểm tra, giám sát")

    def ready(self) -> None:
        from committees.audit import ACTIONS, register_history
        from inspections import selectors

        ACTIONS.update(
            {
                "programme.create": _("Thêm chương trình kiểm tra, giám sát"),
                "programme.update": _("Sửa chương trình kiểm tra, giám sát"),
                "planned_item.create": _("Thêm nội dung vào chương trình kiểm tra, giám sát"),
                "planned_item.update": _("Sửa nội dung trong chương trình kiểm tra, giám sát"),
                "inspection.create": _("Thêm cuộc kiểm tra, giám sát"),
                "inspection.update": _("Sửa cuộc kiểm tra, giám sát"),
                "inspection.conclude": _("Ban hành thông báo kết luận"),
                "inspection.follow_up": _("Kiểm tra việc thực hiện kết luận"),
            }
        )

        register_history(
            "inspections.inspection",
            visible=selectors.inspections_for_user,
            url_name="inspections:inspection_detail",
            # The conclusion notice's recommendations (tasks) that the viewer may see.
            related=lambda inspection, user: {
                "resolutions.task": selectors.recommendations(inspection, user=user),
            },
        )
        register_history(
            "inspections.programme",
            visible=selectors.programmes_for_user,
            url_name="inspections:programme_detail",
            related=lambda programme, user: {"inspections.planneditem": programme.items.all()},
        )
