"""Admin pages of the targets app. Figures and the reporting cycle change only through the product's pages
(services with their rules and audit rows); the admin shows them. Deadlines are set here, audited."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db.models import Model
from django.http import HttpRequest

from committees.admin import ServiceAdmin
from core.admin import ReadOnlyAdmin
from targets import cycle_services, models


@admin.register(models.Target)
class TargetAdmin(ReadOnlyAdmin):
    list_display = ("code", "title", "organisation", "period", "shape")
    list_filter = ("shape", "period")
    search_fields = ("code", "title_folded")
    list_select_related = ("organisation",)


@admin.register(models.Reading)
class ReadingAdmin(ReadOnlyAdmin):
    list_display = ("target", "cut_off", "value", "done", "kind", "is_current", "flagged", "entered_by")
    list_filter = ("kind", "is_current", "flagged")
    list_select_related = ("target", "entered_by")


@admin.register(models.Submission)
class SubmissionAdmin(ReadOnlyAdmin):
    list_display = ("organisation", "period", "status", "submitted_at", "decided_at", "decided_by")
    list_filter = ("period", "status")
    list_select_related = ("organisation", "decided_by")


@admin.register(models.Narrative)
class NarrativeAdmin(ReadOnlyAdmin):
    list_display = ("organisation", "period", "updated_at", "updated_by")
    list_filter = ("period",)


@admin.register(models.ReminderSent)
class ReminderSentAdmin(ReadOnlyAdmin):
    list_display = ("day", "organisation", "period", "kind", "recipients")
    list_filter = ("kind", "period", "day")


@admin.register(models.SubmissionDeadline)
class SubmissionDeadlineAdmin(ServiceAdmin):
    list_display = ("period", "kind", "due")
    list_filter = ("period",)

    def create(self, request: HttpRequest, data: dict[str, Any]) -> Model:
        return cycle_services.deadline_set(acting_user=request.user, **data)

    def update(self, request: HttpRequest, stored: Any, changes: dict[str, Any]) -> Model:
        return cycle_services.deadline_set(
            acting_user=request.user,
            period=changes.get("period", stored.period),
            kind=changes.get("kind", stored.kind),
            due=changes.get("due", stored.due),
            instance=stored,
        )
