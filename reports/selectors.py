from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import QuerySet

from committees import access
from reports.models import Report

if TYPE_CHECKING:
    from committees.access import AnyUser


def reports_for_user(user: AnyUser) -> QuerySet[Report]:
    return access.restrict(Report.objects.select_related("organisation"), user)
