"""Admin pages for every model of the app. Writes go through the services, so each leaves an audit row."""

from __future__ import annotations

from typing import Any

from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.apps import apps
from django.contrib import admin
from django.db.models import Model, QuerySet
from django.forms import ModelForm
from django.http import HttpRequest
from django.utils.formats import date_format
from django.utils.timezone import localtime
from django.utils.translation import gettext_lazy as _

from committees import models, services
from core.admin import ReadOnlyAdmin

# The stock admin calls itself "Trang quản trị cho Django" (Django administration).
admin.site.site_header = _("Chỉ tiêu — Quản trị hệ thống")
admin.site.site_title = _("Chỉ tiêu — Quản trị hệ thống")
admin.site.index_title = _("Quản trị hệ thống")

# django-axes has no Vietnamese catalogue: name its app and models here, where the admin lists them. Only
# the labels change (Meta.original_attrs keep axes' own), so no migration of axes follows.
# Fields too: `verbose_name` is only a label, migrations read the field's own `_verbose_name`. Rows are named
# by user and local time (axes prints "Access Log for admin @ 2026-12-03 13:31:55.651739+00:00").
apps.get_app_config("axes").verbose_name = _("Khóa đăng nhập")
_AXES_FIELDS = {
    "user_agent": _("trình duyệt"),
    "ip_address": _("địa chỉ IP"),
    "username": _("tên đăng nhập"),
    "http_accept": _("tiêu đề Accept"),
    "path_info": _("đường dẫn"),
    "attempt_time": _("thời điểm"),
    "get_data": _("dữ liệu GET"),
    "post_data": _("dữ liệu POST"),
    "failures_since_start": _("số lần sai"),
    "locked_out": _("bị khóa"),
    "logout_time": _("thời điểm đăng xuất"),
    "session_hash": _("mã phiên"),
}
for _model, _one in (
    (AccessAttempt, _("lần đăng nhập sai")),
    (AccessFailureLog, _("nhật ký đăng nhập sai")),
    (AccessLog, _("nhật ký đăng nhập")),
):
    _model._meta.verbose_name = _one
    _model._meta.verbose_name_plural = _one
    for _field in _model._meta.concrete_fields:
        if _field.name in _AXES_FIELDS:
            _field.verbose_name = _AXES_FIELDS[_field.name]
    _model.__str__ = lambda row: (
        _("%(user)s lúc %(time)s")
        % {  # type: ignore[method-assign]
            "user": row.username or "—",
            "time": date_format(localtime(row.attempt_time), "d/m/Y H:i:s") if row.attempt_time else "—",
        }
    )


class ServiceAdmin(admin.ModelAdmin):
    """save_model and delete_model call services instead of obj.save() and obj.delete().

    The admin form has already validated (and changed) `obj`; the services get the stored row and the
    changed fields, so the audit row's "before" is what was stored.
    """

    def create(self, request: HttpRequest, data: dict[str, Any]) -> Model:
        raise NotImplementedError

    def update(self, request: HttpRequest, stored: Any, changes: dict[str, Any]) -> Model:
        raise NotImplementedError

    def save_model(self, request: HttpRequest, obj: Any, form: ModelForm, change: bool) -> None:
        if change:
            stored = type(obj)._default_manager.get(pk=obj.pk)
            changes = {name: form.cleaned_data[name] for name in form.changed_data}
            saved = self.update(request, stored, changes) if changes else stored
        else:
            saved = self.create(request, dict(form.cleaned_data))
        # The admin goes on with `obj` (messages, redirect, log entry): give it the saved state.
        obj.__dict__.update(saved.__dict__)

    def delete_model(self, request: HttpRequest, obj: Any) -> None:
        services.object_delete(obj=obj, acting_user=request.user)

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[Any]) -> None:
        for obj in queryset:
            services.object_delete(obj=obj, acting_user=request.user)


@admin.register(models.Organisation)
class OrganisationAdmin(ServiceAdmin):
    list_display = ("name", "code", "kind", "issuer_code", "parent", "valid_to")
    list_filter = ("kind",)
    search_fields = ("name", "code", "name_folded")
    readonly_fields = ("path", "depth")
    raw_id_fields = ("parent", "merged_into")

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        # Moving a subtree and merging have their own rules (paths, history): not a field edit.
        if obj is not None:
            return ("code", "parent", "merged_into", "path", "depth")
        return ("merged_into", "path", "depth")

    def create(self, request: HttpRequest, data: dict[str, Any]) -> Model:
        data.pop("valid_to", None)
        data.pop("merged_into", None)
        return services.organisation_create(acting_user=request.user, **data)

    def update(self, request: HttpRequest, stored: Any, changes: dict[str, Any]) -> Model:
        return services.organisation_update(organisation=stored, acting_user=request.user, **changes)


@admin.register(models.Term)
class TermAdmin(ServiceAdmin):
    list_display = ("organisation", "start_year", "end_year", "congress_number", "khoa")
    raw_id_fields = ("organisation",)
    search_fields = ("organisation__name",)

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        return ("organisation",) if obj is not None else ()

    def create(self, request: HttpRequest, data: dict[str, Any]) -> Model:
        return services.term_create(acting_user=request.user, **data)

    def update(self, request: HttpRequest, stored: Any, changes: dict[str, Any]) -> Model:
        return services.term_update(term=stored, acting_user=request.user, **changes)


@admin.register(models.BodyMembership)
class BodyMembershipAdmin(ServiceAdmin):
    list_display = ("term", "body", "position", "display_name", "start_date", "end_date")
    list_filter = ("body", "position")
    list_select_related = ("term", "member")
    raw_id_fields = ("term", "member")

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        return ("term",) if obj is not None else ()

    def create(self, request: HttpRequest, data: dict[str, Any]) -> Model:
        end_date = data.pop("end_date", None)
        seat = services.seat_create(acting_user=request.user, **data)
        if end_date:
            seat = services.seat_update(seat=seat, end_date=end_date, acting_user=request.user)
        return seat

    def update(self, request: HttpRequest, stored: Any, changes: dict[str, Any]) -> Model:
        return services.seat_update(seat=stored, acting_user=request.user, **changes)


@admin.register(models.Member)
class MemberAdmin(ServiceAdmin):
    list_display = ("full_name", "organisation", "gender", "ethnicity", "status", "admitted_on")
    list_filter = ("gender", "status")
    list_select_related = ("organisation",)
    search_fields = ("full_name", "full_name_folded")
    raw_id_fields = ("organisation",)

    def create(self, request: HttpRequest, data: dict[str, Any]) -> Model:
        return services.member_create(acting_user=request.user, **data)

    def update(self, request: HttpRequest, stored: Any, changes: dict[str, Any]) -> Model:
        return services.member_update(member=stored, acting_user=request.user, **changes)


@admin.register(models.QualityRating)
class QualityRatingAdmin(ServiceAdmin):
    list_display = ("year", "organisation", "member", "level", "score")
    list_filter = ("year", "level")
    list_select_related = ("organisation", "member")
    raw_id_fields = ("organisation", "member")

    def _record(self, request: HttpRequest, data: dict[str, Any]) -> Model:
        return services.rating_record(
            year=data["year"],
            level=data.get("level") or "",
            score=data.get("score"),
            organisation=data.get("organisation"),
            member=data.get("member"),
            acting_user=request.user,
        )

    def create(self, request: HttpRequest, data: dict[str, Any]) -> Model:
        return self._record(request, data)

    def update(self, request: HttpRequest, stored: Any, changes: dict[str, Any]) -> Model:
        data = {
            "year": stored.year,
            "level": stored.level,
            "score": stored.score,
            "organisation": stored.organisation,
            "member": stored.member,
        }
        if "score" in changes and "level" not in changes:
            data["level"] = ""  # a new score decides the level
        data.update(changes)
        return self._record(request, data)


@admin.register(models.Role)
class RoleAdmin(ServiceAdmin):
    list_display = ("user", "kind", "organisation")
    list_filter = ("kind",)
    list_select_related = ("user", "organisation")
    raw_id_fields = ("user", "organisation")

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        # A role is granted or revoked, never edited in place.
        return obj is None and super().has_change_permission(request, obj)

    def create(self, request: HttpRequest, data: dict[str, Any]) -> Model:
        return services.role_grant(acting_user=request.user, **data)

    def delete_model(self, request: HttpRequest, obj: Any) -> None:
        services.role_revoke(role=obj, acting_user=request.user)

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[Any]) -> None:
        for role in queryset:
            services.role_revoke(role=role, acting_user=request.user)


@admin.register(models.AuditEntry)
class AuditEntryAdmin(ReadOnlyAdmin):
    list_display = ("at", "user", "action", "object_repr", "organisation")
    list_filter = ("action", "object_type")
    list_select_related = ("user", "organisation")
    search_fields = ("object_repr",)


@admin.register(models.ApiKey)
class ApiKeyAdmin(admin.ModelAdmin):
    """Who has a key, its first characters, when made and last used; never the key, which is not stored.

    Keys are made by their owner (Khóa API) or `manage.py api_token`; an admin may only revoke them, which
    goes through the service (audit row).
    """

    list_display = ("prefix", "user", "created", "last_used")
    list_select_related = ("user",)
    search_fields = ("user__username", "prefix")
    fields = ("user", "prefix", "created", "last_used")
    readonly_fields = fields

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def delete_model(self, request: HttpRequest, obj: Any) -> None:
        services.api_token_revoke(user=obj.user, acting_user=request.user)

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[Any]) -> None:
        for api_key in queryset.select_related("user"):
            services.api_token_revoke(user=api_key.user, acting_user=request.user)
