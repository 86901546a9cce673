from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommitteesConfig(AppConfig):
    name = "committees"
    verbose_name = _("Tổ chức đảng")

    def ready(self) -> None:
        from committees import access, selectors
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
