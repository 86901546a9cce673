"""The audit trail: every service writes one row per change, in the same transaction as the change."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING, Any

from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import DateField, DateTimeField, DecimalField, Field, Model, QuerySet
from django.forms.models import model_to_dict
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from committees.models import AuditEntry, Organisation
from core import vn

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
    relate: Callable[[M], None] | None = None,
) -> M:
    """The update step every service shares: only `editable` fields change, derived columns are refreshed
    by `derive`, the object is validated and saved, `relate` sets its many-to-many relations, and the audit
    row keeps before and after (relations included). The row's organisation is read after the change, so a
    member moved to another cell is logged there."""
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
    if relate is not None:
        relate(obj)
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


# Every action a service writes, by its full code, as a person reads it in the history. A deletion from the
# admin ("<model>.delete") can be of any model and reads as "Xóa" with the object's type beside it.
ACTIONS: dict[str, Any] = {}


def register_actions(labels: dict[str, Any]) -> None:
    """Each app names the actions its services write (in its AppConfig.ready), so committees names none of
    the apps above it."""
    ACTIONS.update(labels)


def action_label(action: str) -> str:
    """ "member.update" → "Sửa thông tin đảng viên"; an unknown action shows as it is stored."""
    if action in ACTIONS:
        return str(ACTIONS[action])
    if action.endswith(".delete"):
        return str(VERBS["delete"])
    return action


def object_type_label(label: str) -> str:
    try:
        return str(apps.get_model(label)._meta.verbose_name)
    except (LookupError, ValueError):
        return label


def audited_types() -> list[tuple[str, str]]:
    """(label, readable name) of every model of the product's apps, for the filter of the admins' list."""
    result = []
    for config in apps.get_app_configs():
        # The product's own apps (they live in the project's folder), but not core's notices and heartbeat.
        if config.label == "core" or not config.path.startswith(str(settings.BASE_DIR)):
            continue
        if ".venv" in config.path:
            continue
        for model in config.get_models():
            if model is AuditEntry:
                continue
            result.append((model._meta.label_lower, str(model._meta.verbose_name)))
    return sorted(result, key=lambda pair: pair[1])


@dataclass(frozen=True)
class Change:
    field: str
    before: str
    after: str


# Columns kept only for search, for the tree, for caches or for secrets: noise in a diff (a model lists its
# own derived columns in AUDIT_HIDDEN, as targets.Reading does for its computed measures).
_HIDDEN_SUFFIXES = ("_folded",)
_HIDDEN_NAMES = frozenset({"id", "path", "depth", "cache_generation", "digest", "sha256"})

# A referenced object as a person names it: model → pk → name. Filled for a whole page at once.
Names = dict[type[Model], dict[Any, str]]


def _model(label: str) -> type[Model] | None:
    try:
        return apps.get_model(label)
    except (LookupError, ValueError):
        return None


def _fields(model: type[Model] | None) -> dict[str, Field[Any, Any]]:
    """The model's fields by the keys a snapshot may use: the name, and the attname ("entered_by_id")."""
    if model is None:
        return {}
    result: dict[str, Field[Any, Any]] = {}
    for field in [*model._meta.concrete_fields, *model._meta.many_to_many]:
        result[field.name] = field
        result[field.attname] = field
    return result


def _hidden(model: type[Model] | None, key: str, field: Field[Any, Any] | None) -> bool:
    name = field.name if field is not None else key
    own: tuple[str, ...] = getattr(model, "AUDIT_HIDDEN", ())
    return name in _HIDDEN_NAMES or name.endswith(_HIDDEN_SUFFIXES) or name in own


def _is_reference(field: Field[Any, Any] | None) -> bool:
    return field is not None and bool(field.many_to_one or field.one_to_one)


def name_of(obj: Model) -> str:
    """How the history names a referenced object: a user by full name (else login), an object by its
    `audit_name()` when it has one (a target: code and title), else by str()."""
    if isinstance(obj, get_user_model()):
        return obj.get_full_name() or obj.get_username()
    audit_name = getattr(obj, "audit_name", None)
    return str(audit_name()) if callable(audit_name) else str(obj)


def referenced_names(entries: Iterable[AuditEntry], viewer: AnyUser | None = None) -> Names:
    """The names of every object the entries' before/after refer to: one query per model referenced,
    whatever the number of entries. With a viewer, an object of a type that has its own history page is
    named only if the viewer may view it (a document of another branch stays "#12", as it was stored)."""
    wanted: dict[type[Model], set[Any]] = {}
    for entry in entries:
        model = _model(entry.object_type)
        fields = _fields(model)
        for data in (entry.before or {}, entry.after or {}):
            for key, value in data.items():
                field = fields.get(key)
                if value is None or not _is_reference(field) or _hidden(model, key, field):
                    continue
                assert field is not None and field.related_model is not None
                related: type[Model] = field.related_model  # type: ignore[assignment]
                try:
                    wanted.setdefault(related, set()).add(related._meta.pk.to_python(value))  # type: ignore[union-attr]
                except ValidationError:
                    continue
    names: Names = {}
    for related, pks in wanted.items():
        history = HISTORIES.get(related._meta.label_lower)
        if viewer is not None and history is not None:
            objects = history.visible(viewer).filter(pk__in=pks)
        else:
            objects = related._base_manager.filter(pk__in=pks)
        if related is get_user_model():
            objects = objects.only("username", "first_name", "last_name")
        else:
            # str() of a seat, a meeting or a link reads the objects it points to: joined, not queried one by one.
            objects = objects.select_related(
                *(f.name for f in related._meta.concrete_fields if f.many_to_one or f.one_to_one)
            )
        names[related] = {obj.pk: name_of(obj) for obj in objects}
    return names


def user_name(user: Any) -> str:
    """Who made a change: full name, else login; the system when nobody did."""
    return name_of(user) if user is not None else capfirst(str(_("hệ thống")))


def _local_datetime(value: Any) -> str | None:
    moment = value if isinstance(value, datetime) else parse_datetime(str(value))
    if moment is None:
        return None
    if timezone.is_aware(moment):
        moment = timezone.localtime(moment)
    return f"{vn.format_date(moment.date())} {moment:%H:%M}"


def _shown(value: Any, field: Field[Any, Any] | None = None, names: Names | None = None) -> str:
    """One stored value as a person reads it: names for references, labels for choices, Vietnamese
    numbers and dates, local time."""
    if value is None or value == "" or value == []:
        return "—"
    if _is_reference(field):
        assert field is not None and field.related_model is not None
        related: type[Model] = field.related_model  # type: ignore[assignment]
        try:
            pk = related._meta.pk.to_python(value)  # type: ignore[union-attr]
        except ValidationError:
            pk = value
        name = (names or {}).get(related, {}).get(pk)
        return name if name is not None else f"#{value}"
    if field is not None and field.choices:
        labels = {str(key): label for key, label in field.flatchoices}
        if str(value) in labels:
            return str(labels[str(value)])
    if value is True:
        return capfirst(str(_("có")))
    if value is False:
        return capfirst(str(_("không")))
    if isinstance(field, DateTimeField):
        return _local_datetime(value) or str(value)
    if isinstance(field, DateField):
        day = parse_date(str(value)[:10])
        return vn.format_date(day) if day is not None else str(value)
    if isinstance(field, DecimalField):
        try:
            return vn.format_number(Decimal(str(value)), None)
        except InvalidOperation:
            return str(value)
    if isinstance(value, list) and all(isinstance(item, str) for item in value):
        return ", ".join(value)
    if isinstance(value, (dict, list)):
        return json.dumps(value, ensure_ascii=False, cls=DjangoJSONEncoder)
    return str(value)


def changes(entry: AuditEntry, names: Names | None = None) -> list[Change]:
    """The fields whose value differs between before and after, with readable names and values (all
    fields for a creation or a deletion). `names` from `referenced_names` when showing many entries."""
    if names is None:
        names = referenced_names([entry])
    before, after = entry.before or {}, entry.after or {}
    model = _model(entry.object_type)
    fields = _fields(model)
    result = []
    for key in [*before, *(k for k in after if k not in before)]:
        field = fields.get(key)
        if _hidden(model, key, field):
            continue
        old, new = before.get(key), after.get(key)
        if entry.before is not None and entry.after is not None and old == new:
            continue
        empty: tuple[object, ...] = (None, "", [])  # a many-to-many field stores its empty list
        if (entry.before is None and new in empty) or (entry.after is None and old in empty):
            continue  # a creation or deletion lists the fields that had a value
        label = capfirst(str(field.verbose_name)) if field is not None else key
        result.append(Change(field=label, before=_shown(old, field, names), after=_shown(new, field, names)))
    return result


def audit_rows(entries: Iterable[AuditEntry], viewer: AnyUser) -> list[dict[str, object]]:
    """The rows of committees/_audit_table.html, for any page that shows audit rows (a history page, the
    admins' list, a task's page): who, what and the readable changes. The objects the rows refer to
    (users, organisations, documents...) are named in one query per model, and only those the viewer may
    view."""
    entries = list(entries)
    names = referenced_names(entries, viewer)
    return [
        {
            "entry": entry,
            "user": user_name(entry.user),
            "action": action_label(entry.action),
            "type": object_type_label(entry.object_type),
            "changes": changes(entry, names),
            "history": entry.object_type in HISTORIES,
        }
        for entry in entries
    ]
