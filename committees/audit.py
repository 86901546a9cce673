"""The audit trail: every service writes one row per change, in the same transaction as the change."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.apps import apps
from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import Model, QuerySet
from django.forms.models import model_to_dict
from django.utils.translation import gettext_lazy as _

from committees.models import AuditEntry, Organisation
from committees.subtree_cache import FIGURE_MODELS, SUBTREE_MODELS, invalidate_paths

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
        invalidate_paths([organisation.path], figures_only=obj._meta.label in FIGURE_MODELS)
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


# --- reading the trail back: per-object history pages and the admins' list -------------------------
#
# committees must not import the apps above it, so each app registers its audited models here (in its
# AppConfig.ready): which objects a user may view, and the detail page to link back to.


@dataclass(frozen=True)
class History:
    label: str  # "targets.target": AuditEntry.object_type
    visible: Callable[[AnyUser], QuerySet[Any]]  # the objects of this type the user may view
    url_name: str  # the detail page, reversed with the object's pk
    # Other rows that belong on this object's page (the readings of a target): label → ids, from the object
    # and the viewer, so that a shared object lists only the related rows the viewer may see.
    related: Callable[[Any, AnyUser], dict[str, QuerySet[Any]]] | None = None


HISTORIES: dict[str, History] = {}


def register_history(
    label: str,
    *,
    visible: Callable[[AnyUser], QuerySet[Any]],
    url_name: str,
    related: Callable[[Any, AnyUser], dict[str, QuerySet[Any]]] | None = None,
) -> None:
    HISTORIES[label] = History(label=label, visible=visible, url_name=url_name, related=related)


VERBS: dict[str, Any] = {
    "create": _("Tạo mới"),
    "update": _("Sửa"),
    "delete": _("Xóa"),
    "merge": _("Sáp nhập"),
    "grant": _("Giao vai trò"),
    "revoke": _("Thu hồi vai trò"),
    "record": _("Ghi nhận"),
    "correct": _("Điều chỉnh"),
    "done": _("Hoàn thành"),
    "link": _("Liên kết"),
    "issue": _("Ban hành"),
    "reissue": _("Tạo phiên bản mới"),
    "request": _("Yêu cầu xuất"),
    "fail": _("Lỗi khi xuất"),
    "requeue": _("Xếp hàng lại"),
}


def action_label(action: str) -> str:
    """ "member.update" → "Sửa"; an unknown action shows as it is stored."""
    return str(VERBS.get(action.rpartition(".")[2], action))


def object_type_label(label: str) -> str:
    try:
        return str(apps.get_model(label)._meta.verbose_name)
    except (LookupError, ValueError):
        return label


def audited_types() -> list[tuple[str, str]]:
    """(label, readable name) of every model of the product's apps, for the filter of the admins' list."""
    result = []
    for app in ("committees", "resolutions", "targets", "reports"):
        for model in apps.get_app_config(app).get_models():
            if model in (AuditEntry,) or model._meta.model_name == "workerping":
                continue
            result.append((model._meta.label_lower, str(model._meta.verbose_name)))
    return sorted(result, key=lambda pair: pair[1])


@dataclass(frozen=True)
class Change:
    field: str
    before: str
    after: str


# Columns kept only for search or derived by the services (a target's period dates): noise in a diff.
_HIDDEN = ("_folded", "path", "depth", "period_start", "period_end")


def _shown(value: Any) -> str:
    if value is None or value == "":
        return "—"
    if value is True:
        return str(_("có"))
    if value is False:
        return str(_("không"))
    if isinstance(value, (dict, list)):
        return json.dumps(value, ensure_ascii=False, cls=DjangoJSONEncoder)
    return str(value)


def changes(entry: AuditEntry) -> list[Change]:
    """The fields whose value differs between before and after, with readable names (all fields for a
    creation or a deletion)."""
    before, after = entry.before or {}, entry.after or {}
    try:
        model = apps.get_model(entry.object_type)
    except (LookupError, ValueError):
        model = None
    labels: dict[str, str] = {}
    if model is not None:
        for field in model._meta.get_fields():
            name = str(getattr(field, "verbose_name", field.name))
            labels[field.name] = name
            if attname := getattr(field, "attname", None):
                labels[attname] = name
    result = []
    for key in [*before, *(k for k in after if k not in before)]:
        if key.endswith(_HIDDEN) or key == "id":
            continue
        old, new = before.get(key), after.get(key)
        if entry.before is not None and entry.after is not None and old == new:
            continue
        if (entry.before is None and new in (None, "")) or (entry.after is None and old in (None, "")):
            continue  # a creation or deletion lists the fields that had a value
        result.append(Change(field=labels.get(key, key), before=_shown(old), after=_shown(new)))
    return result
