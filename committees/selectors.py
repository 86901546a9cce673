"""Queries of the committees app. Views and other apps read through these."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import OuterRef, QuerySet

from committees import access
from committees.models import ACTIVE_MEMBER_STATUSES, Member, Organisation
from committees.query import count_subquery

if TYPE_CHECKING:
    from committees.access import AnyUser


def organisation_ancestors(organisation: Organisation) -> list[Organisation]:
    """Root first, the organisation itself excluded: the breadcrumb."""
    ids = organisation.ancestor_ids
    by_id = {o.pk: o for o in Organisation.objects.filter(pk__in=ids)}
    return [by_id[i] for i in ids if i in by_id]


def organisation_subtree(organisation: Organisation) -> QuerySet[Organisation]:
    return Organisation.objects.filter(path__startswith=organisation.path)


def organisations_for_user(user: AnyUser) -> QuerySet[Organisation]:
    return access.organisations(user).filter(valid_to__isnull=True)


def organisation_children(organisation: Organisation) -> QuerySet[Organisation]:
    """Direct children with the active member count of each child's whole subtree."""
    members = Member.objects.filter(
        organisation__path__startswith=OuterRef("path"), status__in=ACTIVE_MEMBER_STATUSES
    )
    return (
        organisation.children.filter(valid_to__isnull=True)
        .annotate(member_count=count_subquery(members))
        .order_by("path")
    )
