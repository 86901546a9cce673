from django.contrib import admin

from committees import models


@admin.register(models.Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ("name", "code", "kind", "issuer_code", "parent", "valid_to")
    list_filter = ("kind",)
    search_fields = ("name", "code", "name_folded")
    readonly_fields = ("path", "depth")
    raw_id_fields = ("parent", "merged_into")


@admin.register(models.Term)
class TermAdmin(admin.ModelAdmin):
    list_display = ("organisation", "start_year", "end_year", "congress_number", "khoa")
    raw_id_fields = ("organisation",)


@admin.register(models.BodyMembership)
class BodyMembershipAdmin(admin.ModelAdmin):
    list_display = ("term", "body", "position", "display_name")
    list_filter = ("body", "position")
    raw_id_fields = ("term", "member")


@admin.register(models.Member)
class MemberAdmin(admin.ModelAdmin):
    list_display = ("full_name", "organisation", "gender", "ethnicity", "status")
    list_filter = ("gender", "status")
    search_fields = ("full_name", "full_name_folded")
    raw_id_fields = ("organisation",)


@admin.register(models.QualityRating)
class QualityRatingAdmin(admin.ModelAdmin):
    list_display = ("year", "organisation", "member", "level", "score")
    list_filter = ("year", "level")
    raw_id_fields = ("organisation", "member")


@admin.register(models.Role)
class RoleAdmin(admin.ModelAdmin):
    list_display = ("user", "kind", "organisation")
    list_filter = ("kind",)
    raw_id_fields = ("user", "organisation")


@admin.register(models.AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    list_display = ("at", "user", "action", "object_repr", "organisation")
    list_filter = ("action", "object_type")
    search_fields = ("object_repr",)

    def has_add_permission(self, request):  # type: ignore[no-untyped-def]
        return False

    def has_change_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False

    def has_delete_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False
