from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

# The empty choice of every select in a form; filters say "Tất cả" (FILTERS_EMPTY_CHOICE_LABEL in settings).
BLANK_CHOICE_LABEL = _("— Chọn —")


class CoreConfig(AppConfig):
    """The plumbing every app shares: Vietnamese formats and fields, widgets, uploads, the API's defaults,
    notices, the worker's heartbeat, the server, backup and restore. It names no other app."""

    name = "core"
    verbose_name = _("Dùng chung")

    def ready(self) -> None:
        from django.db.models import fields

        # Django 6 puts "- Select an option -" (untranslated in its Vietnamese catalogue) at the top of
        # every optional choice and model-choice field; it reads this module attribute on each form, and
        # its documentation names an app's ready() as the place to replace it.
        fields.BLANK_CHOICE_LABEL = BLANK_CHOICE_LABEL  # type: ignore[attr-defined]
