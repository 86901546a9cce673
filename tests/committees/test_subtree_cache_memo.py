"""Within one web request the subtree cache is asked once per value (committees/subtree_cache.py, issue 24):
the dashboard's periods came from Redis four times a view. A write empties the memo, and it ends with the
request."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from datetime import date
from decimal import Decimal as D
from typing import Any

import pytest
from django.core.cache.backends.locmem import LocMemCache
from django.core.signals import request_finished, request_started
from django.test import Client
from django.urls import reverse

from committees import subtree_cache
from targets import services
from tests.conftest import Tree
from tests.targets.conftest import make_target

END = date(2024, 12, 31)


class CountingCache(LocMemCache):
    """A local-memory cache that counts the keys read."""

    reads: Counter[str] = Counter()

    def get(self, key: str, *args: Any, **kwargs: Any) -> Any:
        CountingCache.reads[key] += 1
        return super().get(key, *args, **kwargs)


@pytest.fixture
def counting(settings) -> Iterator[type[CountingCache]]:  # type: ignore[no-untyped-def]
    settings.CACHES = {"default": {"BACKEND": f"{__name__}.CountingCache", "LOCATION": "counting"}}
    CountingCache.reads.clear()
    yield CountingCache


def test_a_dashboard_view_reads_no_cache_key_twice(client: Client, tree: Tree, bob, counting) -> None:  # type: ignore[no-untyped-def]
    target = make_target(tree.cell, "C1", planned="10")
    services.reading_record(target=target, cut_off=END, value=D(4), acting_user=None)
    client.force_login(bob)
    for _view in range(2):  # computed, then cached
        counting.reads.clear()
        assert client.get(reverse("home")).status_code == 200
        assert counting.reads and max(counting.reads.values()) == 1, counting.reads


def test_the_memo_is_emptied_by_a_write_and_ends_with_the_request(tree: Tree) -> None:
    computed: list[int] = []

    def compute() -> int:
        computed.append(1)
        return len(computed)

    request_started.send(sender=None)
    try:
        assert subtree_cache.cached(tree.dept, "test", (), compute) == 1
        assert subtree_cache.cached(tree.dept, "test", (), compute) == 1
        assert len(computed) == 1
        # A write below the department forgets its token and the request's memo: computed again.
        subtree_cache.invalidate_paths([tree.cell.path])
        assert subtree_cache.cached(tree.dept, "test", (), compute) == 2
    finally:
        request_finished.send(sender=None)
    assert subtree_cache._memo() is None
    # Outside a request there is no memo: the cache (still holding 2 under the token) answers.
    assert subtree_cache.cached(tree.dept, "test", (), compute) == 2
    subtree_cache.invalidate_paths([tree.dept.path])
    assert subtree_cache.cached(tree.dept, "test", (), compute) == 3
