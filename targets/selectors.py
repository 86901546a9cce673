from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import QuerySet

from committees import access
from targets.models import Target

if TYPE_CHECKING:
    from committees.access import AnyUser


def targets_for_user(user: AnyUser) -> QuerySet[Target]:
    return access.restrict(Target.objects.select_related("organisation"), user)
