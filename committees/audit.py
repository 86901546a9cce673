"""The audit trail: every service writes one row per change, in the same transaction as the change."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any

from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import Model
from django.forms.models import model_to_dict

from committees.models import AuditEntry, Organisation
from committees.subtree_cache import SUBTREE_MODELS, invalidate_paths

if TYPE_CHECKING:
    from committees.access import AnyUser


def snapshot(obj: Model, *, exclude: tuple[str, ...] = ()) -> dict[str, Any]:
    """A JSON-ready picture of a model's own fields, for the before/after columns."""
    data = model_to_dict(obj, exclude=list(exclude))
    for field in obj._meta.concrete_fields:
        # model_to_dict skips non-editable fields; the audit wants what a person could see changed.
        if field.name not in data and field.name not in exclude and not field.primary_key:
            data[field.attname] = getattr(obj, field.attname)
        if getattr(field, "upload_to", None) is not None:
            data[field.name] = getattr(obj, field.attname) or ""
    result: dict[str, Any] = json.loads(json.dumps(data, cls=DjangoJSONEncoder, default=str))
    return result


def audit_entry(
    *,
    acting_user: AnyUser | None,
    action: str,
    obj: Model,
    organisation: Organisation | None = None,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
    reason: str = "",
) -> AuditEntry:
    """An unsaved audit row: for services that write many objects at once and bulk-create their rows."""
    user = acting_user if acting_user is not None and not acting_user.is_anonymous else None
    return AuditEntry(
        user=user,
        action=action,
        object_type=obj._meta.label_lower,
        object_id=str(obj.pk),
        object_repr=str(obj)[:255],
        organisation=organisation,
        before=before,
        after=after,
        reason=reason,
    )


def audit_record(
    *,
    acting_user: AnyUser | None,
    action: str,
    obj: Model,
    organisation: Organisation | None = None,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
    reason: str = "",
) -> AuditEntry:
    entry = audit_entry(
        acting_user=acting_user,
        action=action,
        obj=obj,
        organisation=organisation,
        before=before,
        after=after,
        reason=reason,
    )
    entry.save()
    if organisation is not None and obj._meta.label in SUBTREE_MODELS:
        invalidate_paths([organisation.path])
    return entry


def update_audited[M: Model](
    obj: M,
    *,
    changes: dict[str, Any],
    editable: Iterable[str],
    action: str,
    organisation_of: Callable[[M], Organisation | None],
    acting_user: AnyUser | None,
    derive: Callable[[M], None] | None = None,
) -> M:
    """The update step every service shares: only `editable` fields change, derived columns are refreshed
    by `derive`, the object is validated and saved, and the audit row keeps before and after. The row's
    organisation is read after the change, so a member moved to another cell is logged there."""
    unknown = set(changes) - set(editable)
    if unknown:
        raise TypeError(f"{action} cannot change {sorted(unknown)}")
    before = snapshot(obj)
    for field, value in changes.items():
        setattr(obj, field, value)
    if derive is not None:
        derive(obj)
    obj.full_clean()
    obj.save()
    audit_record(
        acting_user=acting_user,
        action=action,
        obj=obj,
        organisation=organisation_of(obj),
        before=before,
        after=snapshot(obj),
    )
    return obj
