"""The one module that decides what a user may see and change.

A role is held on one organisation and holds for everything below it in the tree, never sideways.
Views ask here; they never test roles themselves. Objects outside a user's scope are 404, not 403,
so that nothing about them leaks.
"""

from __future__ import annotations

from enum import StrEnum
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ObjectDoesNotExist
from django.db.models import Model, Q, QuerySet
from django.http import Http404

from committees.models import Organisation, Role, RoleKind, path_ids

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser, User

    AnyUser = User | AnonymousUser


class Action(StrEnum):
    VIEW = "view"  # dashboards, targets, documents, reports, members
    ENTER = "enter"  # record and correct readings, mark tasks done, import workbooks
    MANAGE = "manage"  # create and edit targets and documents
    REPORT = "report"  # meetings, report drafts, PDF exports
    APPROVE = "approve"  # approve or return the period figures of the organisations below
    ADMIN = "admin"  # users, roles, the tree itself
    INSPECT = "inspect"  # inspection programmes and inspections decided by the committee (inspections/)


ROLE_ACTIONS: dict[str, frozenset[Action]] = {
    RoleKind.STAFF: frozenset({Action.VIEW, Action.ENTER, Action.MANAGE}),
    RoleKind.LEADER: frozenset({Action.VIEW, Action.APPROVE}),
    RoleKind.SECRETARY: frozenset({Action.VIEW, Action.REPORT}),
    RoleKind.INSPECTOR: frozenset({Action.VIEW, Action.INSPECT}),
    RoleKind.ADMIN: frozenset(Action),
}

_CACHE_ATTR = "_chitieu_role_paths"


def _role_paths(user: AnyUser) -> list[tuple[str, str]]:
    """(organisation path, role kind) for every role of the user, fetched once per user object."""
    if not user.is_authenticated:
        return []
    cached = getattr(user, _CACHE_ATTR, None)
    if cached is None:
        cached = list(
            Role.objects.filter(user_id=user.pk, organisation__valid_to__isnull=True).values_list(
                "organisation__path", "kind"
            )
        )
        setattr(user, _CACHE_ATTR, cached)
    return cached


def forget(user: AnyUser) -> None:
    """Drop the cached roles, after they changed."""
    if hasattr(user, _CACHE_ATTR):
        delattr(user, _CACHE_ATTR)


def is_superuser(user: AnyUser) -> bool:
    return bool(user.is_authenticated and user.is_superuser)


def scope_paths(user: AnyUser, action: Action = Action.VIEW) -> list[str]:
    """The paths of the subtrees in which the user may do `action`, with nested ones dropped."""
    paths = sorted({path for path, kind in _role_paths(user) if action in ROLE_ACTIONS[kind]})
    kept: list[str] = []
    for path in paths:
        if not any(path.startswith(outer) for outer in kept):
            kept.append(path)
    return kept


def scope_q(user: AnyUser, action: Action = Action.VIEW, *, field: str = "organisation") -> Q:
    """A filter on `<field>__path` that keeps the objects inside the user's scope for `action`."""
    if is_superuser(user):
        return Q()
    paths = scope_paths(user, action)
    if not paths:
        return Q(pk__in=[])
    prefix = f"{field}__path__startswith" if field else "path__startswith"
    q = Q()
    for path in paths:
        q |= Q(**{prefix: path})
    return q


def with_ancestors_q(user: AnyUser, *, field: str = "organisation") -> Q:
    """Objects inside the user's scope, or belonging to an organisation above it.

    Documents of the committees above (a Thành ủy directive) are what the organisations below implement:
    their users read them, though they cannot change them.
    """
    if is_superuser(user):
        return Q()
    paths = scope_paths(user, Action.VIEW)
    ancestor_ids = {pk for path in paths for pk in path_ids(path)}
    return scope_q(user, Action.VIEW, field=field) | Q(**{f"{field}_id__in": ancestor_ids})


def restrict[M: Model](
    queryset: QuerySet[M], user: AnyUser, action: Action = Action.VIEW, *, field: str = "organisation"
) -> QuerySet[M]:
    return queryset.filter(scope_q(user, action, field=field))


def organisations(user: AnyUser, action: Action = Action.VIEW) -> QuerySet[Organisation]:
    return restrict(Organisation.objects.all(), user, action, field="")


def can(user: AnyUser, action: Action, organisation: Organisation) -> bool:
    if is_superuser(user):
        return True
    return any(organisation.path.startswith(path) for path in scope_paths(user, action))


def can_read(user: AnyUser, organisation: Organisation) -> bool:
    """`with_ancestors_q` for one organisation: inside the user's scope, or above it."""
    if is_superuser(user):
        return True
    return any(
        organisation.path.startswith(path) or path.startswith(organisation.path)
        for path in scope_paths(user, Action.VIEW)
    )


def get_or_404[M: Model](
    queryset: QuerySet[M],
    user: AnyUser,
    action: Action = Action.VIEW,
    *,
    field: str = "organisation",
    **lookup: Any,
) -> M:
    """Fetch one object inside the user's scope; anything else, existing or not, is a 404."""
    try:
        return restrict(queryset, user, action, field=field).get(**lookup)
    except ObjectDoesNotExist:
        raise Http404 from None


def home_organisation(user: AnyUser) -> Organisation | None:
    """The highest organisation the user holds a role on: where the dashboard opens."""
    if is_superuser(user):
        return (
            Organisation.objects.filter(parent__isnull=True, valid_to__isnull=True).order_by("path").first()
        )
    paths = scope_paths(user, Action.VIEW)
    if not paths:
        return None
    return Organisation.objects.filter(path=paths[0]).first()
