from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from core import models


class ReadOnlyAdmin(admin.ModelAdmin):
    """For records the product writes itself: the admin may look, never add, change or delete."""

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(models.WorkerPing)
class WorkerPingAdmin(ReadOnlyAdmin):
    list_display = ("pk", "requested_at", "answered_at", "answered_by")


@admin.register(models.Notice)
class NoticeAdmin(ReadOnlyAdmin):
    list_display = ("created_at", "user", "subject", "read_at")
    list_select_related = ("user",)
    search_fields = ("subject",)
