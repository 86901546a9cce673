from django.contrib import admin

from core.admin import ReadOnlyAdmin
from exchange import models


@admin.register(models.ImportRun)
class ImportRunAdmin(ReadOnlyAdmin):
    list_display = ("requested_at", "file_name", "uploaded_by", "status", "rows_done", "rows_total")
    list_filter = ("status",)
    list_select_related = ("uploaded_by",)
