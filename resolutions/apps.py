from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ResolutionsConfig(AppConfig):
    name = "resolutions"
    verbose_name = _("Văn bản")

    def ready(self) -> None:
        from committees.audit import register_actions, register_history
        from resolutions import selectors

        register_history(
            "resolutions.document",
            visible=selectors.documents_for_user,
            url_name="resolutions:document_detail",
            # Its tasks (created, marked done) and the links it makes belong on its page: those the viewer
            # may see, since a directive of the committee above is read by organisations all over the tree.
            related=lambda document, user: {
                "resolutions.task": selectors.document_tasks(document, user=user),
                "resolutions.documentlink": selectors.links_for_user(user, towards="target").filter(
                    source=document
                ),
            },
        )
        register_history(
            "resolutions.task",
            visible=selectors.tasks_for_user,
            url_name="resolutions:task_detail",
        )
        register_actions(
            {
                "document.create": _("Thêm văn bản"),
                "document.update": _("Sửa văn bản"),
                "document.link": _("Liên kết văn bản"),
                "document.follow": _("Theo dõi văn bản cấp trên"),
                "document.unfollow": _("Bỏ theo dõi văn bản cấp trên"),
                "task.create": _("Giao nhiệm vụ"),
                "task.done": _("Hoàn thành nhiệm vụ"),
                "task.update": _("Sửa nhiệm vụ"),
                "issuing_body.create": _("Thêm cơ quan ban hành"),
            }
        )
