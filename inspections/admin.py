from django.contrib import admin

from inspections import models

for model in (models.Programme, models.PlannedItem, models.Inspection, models.TeamMember, models.Subject):
    admin.site.register(model)
