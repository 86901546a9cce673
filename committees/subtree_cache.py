"""What a page computed over an organisation's subtree, kept in the cache until something below changes.

At province scale (280.000 targets a year and 200.000 members under the root) the dashboard's aggregates
take seconds, so it keeps them here (`cached`), under a token per organisation. Every service that writes
targets, readings, members or organisations forgets the tokens of the organisation it wrote and of
everything above it (`invalidate_paths`), so the next view recomputes: the cache never shows stale
figures, and a write in one district leaves the other districts' pages cached. Entries also expire after
CACHE_SECONDS, a backstop for writes outside the services (a bulk load, a fix in the database shell).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from typing import Any
from uuid import uuid4

from django.core.cache import cache
from django.db import transaction
from django.db.models import Model, Q

from committees.models import Organisation

CACHE_SECONDS = 15 * 60
# Writes of these (recorded by committees.audit.audit_record) change what the cached pages show.
SUBTREE_MODELS = frozenset(
    {"committees.Organisation", "committees.Member", "targets.Target", "targets.Reading"}
)


def _token_key(organisation_id: int) -> str:
    return f"rollups:token:{organisation_id}"


def _subtree_token(organisation: Organisation) -> str:
    """The organisation's current cache token; a new one once a write below it forgot the old one."""
    key = _token_key(organisation.pk)
    token = cache.get(key)
    if token is None:
        token = uuid4().hex
        if not cache.add(key, token, None):
            token = cache.get(key) or token
    return str(token)


def q_key(q: Q | None) -> str:
    """A stable text for filters, naming model instances by primary key."""
    if q is None:
        return ""

    def part(node: Any) -> str:
        if isinstance(node, Q):
            inner = ",".join(part(child) for child in node.children)
            return f"{'NOT ' if node.negated else ''}{node.connector}({inner})"
        if isinstance(node, tuple) and len(node) == 2:
            name, value = node
            shown = f"{value._meta.label}#{value.pk}" if isinstance(value, Model) else repr(value)
            return f"{name}={shown}"
        return repr(node)

    return part(q)


def cached[T](organisation: Organisation, what: str, parts: tuple[Any, ...], compute: Callable[[], T]) -> T:
    """`compute()` for the organisation's subtree, from the cache while nothing below it was written."""
    raw = repr((organisation.pk, organisation.path, _subtree_token(organisation), what, parts))
    key = "rollups:" + hashlib.sha256(raw.encode()).hexdigest()
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, CACHE_SECONDS)
    return value  # type: ignore[no-any-return]


def invalidate_paths(paths: Iterable[str]) -> None:
    """Forget the cached rollups of these organisations (by materialised path) and of all above them.

    At once, and again after the commit: a view computed between the two from the old data would
    otherwise be kept under the new token.
    """
    keys = sorted({_token_key(int(part)) for path in paths for part in path.split("/") if part})
    if not keys:
        return
    cache.delete_many(keys)
    transaction.on_commit(lambda: cache.delete_many(keys))
