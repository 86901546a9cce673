from django.contrib import admin

from targets import models

for model in (
    m
    for m in vars(models).values()
    if isinstance(m, type) and issubclass(m, models.models.Model) and m.__module__ == models.__name__
):
    admin.site.register(model)
