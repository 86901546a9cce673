from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ResolutionsConfig(AppConfig):
    name = "resolutions"
    verbose_name = _("Văn bản")

    def ready(self) -> None:
        from committees.audit import register_history
        from resolutions import selectors
        from resolutions.models import DocumentLink, Task

        register_history(
            "resolutions.document",
            visible=selectors.documents_for_user,
            url_name="resolutions:document_detail",
            # Its tasks (created, marked done) and the links it makes belong on its page.
            related=lambda document: {
                "resolutions.task": Task.objects.filter(document=document),
                "resolutions.documentlink": DocumentLink.objects.filter(source=document),
            },
        )
