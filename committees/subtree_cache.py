"""What a page computed over an organisation's subtree, kept in the cache until something below changes.

At province scale (1.400.000 targets and 200.000 members under the root) some of what a page shows over a
subtree takes from milliseconds to seconds, so it is kept here (`cached`), under a token per organisation.
Every service that writes targets, readings, members or organisations forgets the tokens of the
organisation it wrote and of everything above it (`invalidate_paths`), so the next view recomputes: the
cache never shows stale figures, and a write in one district leaves the other districts' pages cached.

An organisation has two tokens: one that any write below forgets, and one for what readings cannot
change (which documents set targets in the subtree: a scan of all its targets), which only writes of
targets, members and organisations forget. In the reporting season readings are saved all day; the scan
is not repeated after each. Entries also expire after CACHE_SECONDS, a backstop for writes outside the
services (a bulk load, a fix in the database shell).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from typing import Any
from uuid import uuid4

from django.core.cache import cache
from django.db import transaction
from django.db.models import Model, Q

from committees.models import Organisation, path_ids

CACHE_SECONDS = 15 * 60
# Writes of these (recorded by committees.audit.audit_record) change what the cached pages show;
# those of FIGURE_MODELS only what `cached(..., figures=True)` keeps.
SUBTREE_MODELS = frozenset(
    {"committees.Organisation", "committees.Member", "targets.Target", "targets.Reading"}
)
FIGURE_MODELS = frozenset({"targets.Reading"})


def _token_key(organisation_id: int, figures: bool = True) -> str:
    return f"rollups:token:{organisation_id}" if figures else f"rollups:structure:{organisation_id}"


def _subtree_token(organisation: Organisation, figures: bool) -> str:
    """The organisation's current cache token; a new one once a write below it forgot the old one."""
    key = _token_key(organisation.pk, figures)
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


def cached[T](
    organisation: Organisation,
    what: str,
    parts: tuple[Any, ...],
    compute: Callable[[], T],
    *,
    figures: bool = True,
) -> T:
    """`compute()` for the organisation's subtree, from the cache while nothing below it was written.

    With `figures=False` the value must not depend on readings: saving one leaves it cached.
    """
    raw = repr((organisation.pk, organisation.path, _subtree_token(organisation, figures), what, parts))
    key = "rollups:" + hashlib.sha256(raw.encode()).hexdigest()
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, CACHE_SECONDS)
    return value  # type: ignore[no-any-return]


def invalidate_paths(paths: Iterable[str], *, figures_only: bool = False) -> None:
    """Forget what is cached for these organisations (by materialised path) and all above them: all of
    it, or with `figures_only` (a reading was written) what depends on readings.

    At once, and again after the commit: a view computed between the two from the old data would
    otherwise be kept under the new token.
    """
    ids = {pk for path in paths for pk in path_ids(path)}
    kinds = (True,) if figures_only else (True, False)
    keys = sorted({_token_key(pk, figures) for pk in ids for figures in kinds})
    if not keys:
        return
    cache.delete_many(keys)
    transaction.on_commit(lambda: cache.delete_many(keys))
