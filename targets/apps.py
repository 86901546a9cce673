from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TargetsConfig(AppConfig):
    name = "targets"
    verbose_name = _("Chỉ tiêu")

    def ready(self) -> None:
        from committees.audit import register_history
        from targets import selectors
        from targets.models import Reading
        from targets.outcomes import hooks

        hooks.connect()

        register_history(
            "targets.target",
            visible=selectors.targets_for_user,
            url_name="targets:target_detail",
            related=lambda target, _user: {"targets.reading": Reading.objects.filter(target=target)},
        )
