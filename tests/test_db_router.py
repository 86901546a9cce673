"""Reads on replicas, writes and the reads after them on the primary (config/db_router.py, issue 24)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.http import HttpRequest, HttpResponse
from django.test import RequestFactory

from committees.models import Organisation
from config import db_router
from config.db_router import COOKIE, ReplicaMiddleware, ReplicaRouter
from tests.test_settings import ROOT

router = ReplicaRouter()


@pytest.fixture
def one_replica(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(db_router, "replica_aliases", lambda: ["replica1"])


def serve(request: HttpRequest) -> tuple[str, HttpResponse]:
    """Where the view's reads go, and the response."""
    seen: list[str] = []

    def view(request: HttpRequest) -> HttpResponse:
        seen.append(router.db_for_read(Organisation))
        return HttpResponse("ok")

    response = ReplicaMiddleware(view)(request)
    return seen[0], response


def test_pages_read_from_a_replica_until_the_user_writes(one_replica: None, rf: RequestFactory) -> None:
    where, response = serve(rf.get("/to-chuc/"))
    assert where == "replica1" and COOKIE not in response.cookies
    # A request that writes reads from the primary all along, and stamps the response ...
    where, response = serve(rf.post("/to-chuc/dang-vien/them/"))
    assert where == "default"
    stamp = response.cookies[COOKIE]
    assert time.time() + 4 < float(stamp.value) <= time.time() + 5.001  # the stamp is rounded to ms
    assert stamp["max-age"] == 5 and stamp["httponly"]
    # ... so that its next pages, the one it redirects to first, read from the primary too.
    after = rf.get("/to-chuc/dang-vien/1/")
    after.COOKIES[COOKIE] = stamp.value
    assert serve(after)[0] == "default"
    # Once the stamp is past, or when it is not a number, a replica again.
    late = rf.get("/to-chuc/")
    late.COOKIES[COOKIE] = f"{time.time() - 1:.3f}"
    assert serve(late)[0] == "replica1"
    garbled = rf.get("/to-chuc/")
    garbled.COOKIES[COOKIE] = "mai"
    assert serve(garbled)[0] == "replica1"


@pytest.mark.parametrize("method", ["put", "patch", "delete"])
def test_every_writing_method_stays_on_the_primary(
    one_replica: None, rf: RequestFactory, method: str
) -> None:
    assert serve(getattr(rf, method)("/api/v1/readings/1/"))[0] == "default"


def test_outside_a_request_everything_reads_from_the_primary(one_replica: None) -> None:
    # Celery tasks, management commands and the shell: a service reads what it is about to change.
    assert router.db_for_read(Organisation) == "default"
    assert router.db_for_write(Organisation) == "default"


def test_writes_and_migrations_go_to_the_primary_only(one_replica: None) -> None:
    assert router.allow_migrate("default", "committees") and not router.allow_migrate(
        "replica1", "committees"
    )
    assert router.allow_relation(Organisation(), User())


def test_without_replicas_nothing_changes(rf: RequestFactory) -> None:
    assert serve(rf.get("/"))[0] == "default"
    assert COOKIE not in serve(rf.post("/dang-xuat/"))[1].cookies


def test_replica_urls_become_mirrored_aliases_with_the_primarys_options() -> None:
    code = (
        "import django, json; from django.conf import settings; django.setup();"
        "print(json.dumps({a: [d['HOST'], d['PORT'], d['NAME'], d.get('TEST', {}).get('MIRROR'),"
        " d['OPTIONS'].get('options')] for a, d in settings.DATABASES.items()}))"
    )
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "DATABASE_URL": "postgres://u:p@primary:5432/chitieu",
        "DATABASE_REPLICA_URLS": "postgres://u:p@replica-a:5433/chitieu,postgres://u:p@replica-b/chitieu",
    }
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    aliases: dict[str, Any] = json.loads(result.stdout)
    assert aliases == {
        "default": ["primary", "5432", "chitieu", None, "-c jit=off"],
        "replica1": ["replica-a", "5433", "chitieu", "default", "-c jit=off"],
        "replica2": ["replica-b", "", "chitieu", "default", "-c jit=off"],
    }
