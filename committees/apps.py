from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

# The empty choice of every select in a form; filters say "Tất cả" (FILTERS_EMPTY_CHOICE_LABEL in settings).
BLANK_CHOICE_LABEL = _("— Chọn —")


class CommitteesConfig(AppConfig):
    name = "committees"
    verbose_name = _("Tổ chức đảng")

    def ready(self) -> None:
        from django.db.models import fields

        from committees import access, selectors

        # Django 6 puts "- Select an option -" (untranslated in its Vietnamese catalogue) at the top of
        # every optional choice and model-choice field; it reads this module attribute on each form, and
        # its documentation names an app's ready() as the place to replace it.
        fields.BLANK_CHOICE_LABEL = BLANK_CHOICE_LABEL  # type: ignore[attr-defined]
        from committees.audit import register_history
        from committees.models import QualityRating, Role, Term

        register_history(
            "committees.organisation",
            visible=access.organisations,
            url_name="committees:organisation_detail",
            related=lambda org, _user: {
                "committees.role": Role.objects.filter(organisation=org),
                "committees.term": Term.objects.filter(organisation=org),
                "committees.qualityrating": QualityRating.objects.filter(organisation=org),
            },
        )
        register_history(
            "committees.member",
            visible=selectors.members_for_user,
            url_name="committees:member_detail",
            related=lambda member, _user: {
                "committees.qualityrating": QualityRating.objects.filter(member=member)
            },
        )
