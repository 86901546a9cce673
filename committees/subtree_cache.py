"""What a page computed over an organisation's subtree, kept in the cache until something below changes.

At province scale (1.400.000 targets and 200.000 members under the root) some of what a page shows over a
subtree takes from milliseconds to seconds, so it is kept here (`cached`), under a token per organisation.
Every service that writes targets, readings, members or organisations forgets the tokens of the
organisation it wrote and of everything above it (`invalidate_paths`, called through committees.changes,
targets.outcomes.hooks), so the next view recomputes: the
cache never shows stale figures, and a write in one district leaves the other districts' pages cached.

An organisation has two tokens: one that any write below forgets, and one for what readings cannot
change (which documents set targets in the subtree: a scan of all its targets), which only writes of
targets, members and organisations forget. In the reporting season readings are saved all day; the scan
is not repeated after each. Entries also expire after CACHE_SECONDS, a backstop for writes outside the
services (a bulk load, a fix in the database shell).

The cache fails open: with Redis down or unreachable a read computes from the database and a write of the
cache is skipped, with a warning in the log, never an error for the page or the save. After one failure
the cache is left alone for RETRY_SECONDS, so a page does not wait on a dead server at every step. An
invalidation that could not reach the cache raises `Organisation.cache_generation` of the organisations
concerned in the database instead (in the saving transaction when there is one): the generation is part
of every key, so what the cache kept from before is never read again, even when Redis comes back with its
data (a blip, or a restart that reloads its append-only file). Kept in the database rather than in a
generation key of the cache, which would be out of reach exactly when it must change; read at no cost,
with the organisation the page loads anyway.

Within one web request a value read (or computed) by `cached` is kept in memory and not asked of the
cache again: the dashboard asks for its subtree's periods four times (the picker's years and terms, the
default period, whether there are targets at all), each a token and a value from Redis (issue 24). The
memo lives from `request_started` to `request_finished` (connected in committees.apps) and is emptied by
`invalidate_paths`, so a request that writes reads its own write; outside a request (Celery tasks,
commands, tests calling functions) there is none. A value from `cached` must not be changed by its caller.
"""

from __future__ import annotations

import hashlib
import logging
import time
from collections.abc import Callable, Iterable
from typing import Any
from uuid import uuid4

from asgiref.local import Local
from django.core.cache import cache
from django.db import transaction
from django.db.models import F, Model, Q
from redis.exceptions import RedisError

from committees.models import Organisation, path_ids

logger = logging.getLogger(__name__)

CACHE_SECONDS = 15 * 60
# After a failure the cache is not tried again for this long (per process).
RETRY_SECONDS = 10.0
# What an unreachable or failing cache raises: redis-py's errors, and socket errors of other backends.
CACHE_ERRORS = (RedisError, OSError)
_down_until = 0.0
_request = Local()


def request_started(**_kwargs: Any) -> None:
    """A web request begins: from now on `cached` keeps what it reads until the request ends."""
    _request.memo = {}


def request_finished(**_kwargs: Any) -> None:
    _request.memo = None


def _memo() -> dict[str, Any] | None:
    return getattr(_request, "memo", None)


def _available() -> bool:
    return time.monotonic() >= _down_until


def _failed(operation: str, error: Exception) -> None:
    global _down_until
    _down_until = time.monotonic() + RETRY_SECONDS
    logger.warning(
        "cache %s failed (%s: %s); using the database for %.0f s",
        operation,
        type(error).__name__,
        error,
        RETRY_SECONDS,
    )


def _get(key: str) -> Any:
    """The cached value, or None when there is none or the cache cannot be reached."""
    if not _available():
        return None
    try:
        return cache.get(key)
    except CACHE_ERRORS as error:
        _failed("get", error)
        return None


def _set(key: str, value: Any, timeout: float | None) -> None:
    if not _available():
        return
    try:
        cache.set(key, value, timeout)
    except CACHE_ERRORS as error:
        _failed("set", error)


def _add(key: str, value: Any) -> bool:
    """Store `value` unless the key exists (never expiring); False also when the cache cannot be reached."""
    if not _available():
        return False
    try:
        return bool(cache.add(key, value, None))
    except CACHE_ERRORS as error:
        _failed("add", error)
        return False


def _delete_many(keys: list[str]) -> bool:
    """True once the cache has forgotten `keys`; False when it could not be reached."""
    if not _available():
        return False
    try:
        cache.delete_many(keys)
    except CACHE_ERRORS as error:
        _failed("delete", error)
        return False
    return True


def _token_key(organisation_id: int, figures: bool = True) -> str:
    return f"rollups:token:{organisation_id}" if figures else f"rollups:structure:{organisation_id}"


def _subtree_token(organisation: Organisation, figures: bool) -> str:
    """The organisation's current cache token; a new one once a write below it forgot the old one."""
    key = _token_key(organisation.pk, figures)
    memo = _memo()
    if memo is not None and key in memo:
        return str(memo[key])
    token = _get(key)
    if token is None:
        token = uuid4().hex
        if not _add(key, token):
            token = _get(key) or token
    if memo is not None:
        memo[key] = token
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

    With `figures=False` the value must not depend on readings: saving one leaves it cached. Asked again
    in the same web request, it comes from the request's memo (emptied by every invalidation).
    """
    memo = _memo()
    memo_key = repr((organisation.pk, organisation.path, organisation.cache_generation, figures, what, parts))
    if memo is not None and memo_key in memo:
        return memo[memo_key]  # type: ignore[no-any-return]
    key = _key(organisation, _subtree_token(organisation, figures), what, parts)
    value = _get(key)
    if value is None:
        value = compute()
        _set(key, value, CACHE_SECONDS)
    if memo is not None:
        memo[memo_key] = value
    return value  # type: ignore[no-any-return]


def _key(organisation: Organisation, token: str, what: str, parts: tuple[Any, ...]) -> str:
    raw = repr((organisation.pk, organisation.path, organisation.cache_generation, token, what, parts))
    return "rollups:" + hashlib.sha256(raw.encode()).hexdigest()


def cached_many[T](
    organisations: list[Organisation],
    what: str,
    parts: tuple[Any, ...],
    compute: Callable[[list[Organisation]], dict[int, T]],
) -> dict[int, T]:
    """`cached` for several subtrees at once (figures): their tokens and values in two round trips, and
    one `compute(missing)` for those not cached, returning a value per organisation id. A write below one
    of them then costs the next view the computation of that subtree only."""
    if not organisations:
        return {}
    token_keys = {o.pk: _token_key(o.pk) for o in organisations}
    tokens = _get_many(list(token_keys.values()))
    keys = {}
    for organisation in organisations:
        token = tokens.get(token_keys[organisation.pk])
        if token is None:
            token = _subtree_token(organisation, True)
        keys[organisation.pk] = _key(organisation, str(token), what, parts)
    found = _get_many(list(keys.values()))
    values = {pk: found[key] for pk, key in keys.items() if key in found}
    missing = [o for o in organisations if o.pk not in values]
    if missing:
        computed = compute(missing)
        values.update(computed)
        _set_many({keys[pk]: value for pk, value in computed.items()})
    return values


def _get_many(keys: list[str]) -> dict[str, Any]:
    if not _available():
        return {}
    try:
        return cache.get_many(keys)
    except CACHE_ERRORS as error:
        _failed("get", error)
        return {}


def _set_many(values: dict[str, Any]) -> None:
    if not _available() or not values:
        return
    try:
        cache.set_many(values, CACHE_SECONDS)
    except CACHE_ERRORS as error:
        _failed("set", error)


def invalidate_paths(paths: Iterable[str], *, figures_only: bool = False) -> None:
    """Forget what is cached for these organisations (by materialised path) and all above them: all of
    it, or with `figures_only` (a reading was written) what depends on readings.

    At once, and again after the commit: a view computed between the two from the old data would
    otherwise be kept under the new token.
    """
    memo = _memo()
    if memo is not None:
        memo.clear()
    ids = sorted({pk for path in paths for pk in path_ids(path)})
    kinds = (True,) if figures_only else (True, False)
    keys = sorted({_token_key(pk, figures) for pk in ids for figures in kinds})
    if not keys:
        return
    if not _delete_many(keys):
        # Committed with the write itself: a view that read the old generation keeps its figures under
        # keys no one reads after the commit, so the second forgetting is not needed.
        _raise_generation(ids)
        return

    def after_commit() -> None:
        if not _delete_many(keys):
            _raise_generation(ids)

    transaction.on_commit(after_commit)


def _raise_generation(ids: list[int]) -> None:
    """The cache missed an invalidation: change the keys of these organisations' subtrees instead."""
    Organisation.objects.filter(pk__in=ids).update(cache_generation=F("cache_generation") + 1)
