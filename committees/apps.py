from django.apps import AppConfig
from django.core.signals import request_finished, request_started
from django.utils.translation import gettext_lazy as _


class CommitteesConfig(AppConfig):
    name = "committees"
    verbose_name = _("Tổ chức đảng")

    def ready(self) -> None:
        from committees import access, selectors, subtree_cache
        from committees.changes import on_subtree_change

        # The pages cached per subtree (dashboards, the cells to upgrade) forget a subtree that changed.
        on_subtree_change(subtree_cache.invalidate_paths)
        # What a request read from the subtree cache is kept for the rest of that request only.
        request_started.connect(subtree_cache.request_started, dispatch_uid="subtree_cache.request_started")
        request_finished.connect(
            subtree_cache.request_finished, dispatch_uid="subtree_cache.request_finished"
        )
        from committees.audit import register_actions, register_history
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
        register_actions(
            {
                "organisation.create": _("Thêm tổ chức"),
                "organisation.update": _("Sửa thông tin tổ chức"),
                "organisation.merge": _("Sáp nhập tổ chức"),
                "member.create": _("Thêm đảng viên"),
                "member.update": _("Sửa thông tin đảng viên"),
                "role.grant": _("Giao vai trò"),
                "role.revoke": _("Thu hồi vai trò"),
                "term.create": _("Thêm nhiệm kỳ"),
                "term.update": _("Sửa nhiệm kỳ"),
                "seat.create": _("Thêm thành viên cấp ủy"),
                "seat.update": _("Sửa thành viên cấp ủy"),
                "rating.record": _("Ghi xếp loại chất lượng"),
                "api_token.create": _("Cấp khóa API"),
                "api_token.replace": _("Cấp lại khóa API"),
                "api_token.revoke": _("Thu hồi khóa API"),
            }
        )
