from django.contrib import admin

from resolutions import models


@admin.register(models.IssuingBody)
class IssuingBodyAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    """The registry of issuing bodies outside the tree: administrators add the local ones here."""

    list_display = ("code", "name", "level")
    list_filter = ("level",)
    search_fields = ("code", "name")


for model in (
    m
    for m in vars(models).values()
    if isinstance(m, type)
    and issubclass(m, models.models.Model)
    and m.__module__ == models.__name__
    and m is not models.IssuingBody
):
    admin.site.register(model)
