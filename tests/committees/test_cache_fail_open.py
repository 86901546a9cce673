"""The subtree cache fails open: with Redis down pages and saves work from the database, and what the cache
kept from before a write it missed is never served once it is back (committees/subtree_cache.py)."""

from __future__ import annotations

import logging
import socket
from collections.abc import Iterator
from datetime import date
from decimal import Decimal as D
from typing import Any

import pytest
from django.core.cache.backends.locmem import LocMemCache
from django.test import Client
from django.urls import reverse
from redis.exceptions import ConnectionError as RedisConnectionError

from committees import subtree_cache
from committees.models import AuditEntry, Organisation
from targets import services
from targets.models import Reading
from targets.outcomes import rollups
from targets.periods import parse_period
from tests.conftest import Tree
from tests.targets.conftest import make_target

END = date(2024, 12, 31)
HTMX = {"HX-Request": "true"}


class FlakyCache(LocMemCache):
    """A local-memory cache that raises like redis-py while `down`, keeping its data (a Redis that comes
    back with its append-only file); counts the calls that reached it."""

    down = False
    calls = 0

    def _maybe_fail(self) -> None:
        FlakyCache.calls += 1
        if FlakyCache.down:
            raise RedisConnectionError("Error 111 connecting to 127.0.0.1:6379. Connection refused.")

    def get(self, *args: Any, **kwargs: Any) -> Any:
        self._maybe_fail()
        return super().get(*args, **kwargs)

    def set(self, *args: Any, **kwargs: Any) -> None:
        self._maybe_fail()
        super().set(*args, **kwargs)

    def add(self, *args: Any, **kwargs: Any) -> bool:
        self._maybe_fail()
        return super().add(*args, **kwargs)

    def delete_many(self, *args: Any, **kwargs: Any) -> None:
        self._maybe_fail()
        super().delete_many(*args, **kwargs)


@pytest.fixture
def flaky(settings) -> Iterator[type[FlakyCache]]:  # type: ignore[no-untyped-def]
    settings.CACHES = {"default": {"BACKEND": f"{__name__}.FlakyCache", "LOCATION": "flaky"}}
    FlakyCache.down = False
    FlakyCache.calls = 0
    yield FlakyCache
    FlakyCache.down = False
    subtree_cache._down_until = 0.0


@pytest.fixture
def closed_redis(settings) -> Iterator[None]:  # type: ignore[no-untyped-def]
    """The real Redis backend pointed at a port nothing listens on."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": f"redis://127.0.0.1:{port}/0",
        }
    }
    yield
    subtree_cache._down_until = 0.0


@pytest.fixture
def figures(tree: Tree):  # type: ignore[no-untyped-def]
    target = make_target(tree.cell, "C1", planned="10")
    services.reading_record(target=target, cut_off=END, value=D(4), acting_user=None)
    return target


def dashboard_url(organisation: Organisation) -> str:
    return reverse("dashboard", args=[organisation.pk]) + "?period=2024&cut_off=31/12/2024"


def test_home_page_with_redis_refusing_connections(
    client: Client, tree: Tree, bob, figures, closed_redis, caplog: pytest.LogCaptureFixture
) -> None:  # type: ignore[no-untyped-def]
    client.force_login(bob)
    with caplog.at_level(logging.WARNING, logger="committees.subtree_cache"):
        response = client.get(reverse("home"))
    assert response.status_code == 200
    assert response.context["board"].headline == rollups.rollup(tree.dept, parse_period("2024"), END)
    assert "cache get failed (ConnectionError" in caplog.text


def test_dashboard_with_the_cache_down(client: Client, tree: Tree, bob, figures, flaky) -> None:  # type: ignore[no-untyped-def]
    client.force_login(bob)
    flaky.down = True
    response = client.get(dashboard_url(tree.dept))
    assert response.status_code == 200
    headline = response.context["board"].headline
    assert (headline.total, headline.mean_pct) == (1, D(40))
    # One refused call, then the cache is left alone for RETRY_SECONDS: no wait on a dead server per step.
    assert flaky.calls == 1


def test_saving_a_reading_with_the_cache_down(client: Client, tree: Tree, alice, figures, flaky) -> None:  # type: ignore[no-untyped-def]
    client.force_login(alice)
    flaky.down = True
    current = Reading.objects.get(target=figures, cut_off=END)
    response = client.post(
        reverse("targets:entry_save", args=[figures.pk]),
        {
            "value": "9",
            "kind": "official",
            "cut_off": "31/12/2024",
            "expected": str(current.pk),
            "reason": "Sửa",
        },
        headers=HTMX,
    )
    assert response.status_code == 200
    assert 'data-saved="1"' in response.content.decode()
    assert Reading.objects.get(target=figures, cut_off=END, is_current=True).value == D(9)
    assert AuditEntry.objects.filter(action="reading.correct").count() == 1


def test_no_stale_figures_once_the_cache_is_back(client: Client, tree: Tree, bob, figures, flaky) -> None:  # type: ignore[no-untyped-def]
    client.force_login(bob)
    before = client.get(dashboard_url(tree.dept)).context["board"].headline
    assert before.mean_pct == D(40)  # now kept in the cache
    flaky.down = True
    services.reading_record(target=figures, cut_off=END, value=D(10), reason="Sửa", acting_user=None)
    # The cache missed the invalidation; the generation of the subtree and all above it changed instead.
    assert set(Organisation.objects.filter(cache_generation=1).values_list("code", flat=True)) == {
        tree.city.code,
        tree.dept.code,
        tree.cell.code,
    }
    flaky.down = False
    subtree_cache._down_until = 0.0  # the retry pause is over
    after = client.get(dashboard_url(tree.dept)).context["board"].headline
    assert after.mean_pct == D(100)
    assert after == rollups.rollup(tree.dept, parse_period("2024"), END)


def test_invalidation_missed_after_the_commit_still_changes_the_keys(
    client: Client, tree: Tree, bob, figures, flaky, django_capture_on_commit_callbacks
) -> None:  # type: ignore[no-untyped-def]
    """Redis fails between the write and its commit: the second forgetting, after the commit, is missed."""
    client.force_login(bob)
    client.get(dashboard_url(tree.dept))
    with django_capture_on_commit_callbacks() as callbacks:
        services.reading_record(target=figures, cut_off=END, value=D(10), reason="Sửa", acting_user=None)
    flaky.down = True
    for callback in callbacks:
        callback()
    flaky.down = False
    subtree_cache._down_until = 0.0
    assert Organisation.objects.get(pk=tree.dept.pk).cache_generation == 1
    assert client.get(dashboard_url(tree.dept)).context["board"].headline.mean_pct == D(100)
