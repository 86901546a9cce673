"""Reads on PostgreSQL streaming replicas, writes on the primary (DATABASE_REPLICA_URLS, issue 24).

Replicas are used only where a stale read cannot hurt: the GET and HEAD requests of a user who has not
written anything for REPLICA_STICKY_SECONDS. Everything else reads from the primary:

- a request that writes (any other method), all of it: a service reads what it is about to change;
- the requests of a user for a few seconds after one that wrote, told by a cookie stamped on that
  response, so that the page a form redirects to shows the saved figure although the replica may not
  have received it yet (streaming replication is asynchronous: usually milliseconds, seconds under load);
- anything outside a request (Celery tasks, management commands, the shell): the router sends reads to
  the primary unless the middleware allowed a replica for the request being served.

Writes always go to the primary; locking reads (select_for_update) too, as Django sends them through
db_for_write. Migrations run on the primary only; the replicas receive them by replication.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from contextvars import ContextVar
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse

PRIMARY = "default"
COOKIE = "chitieu_primary_until"
_replica_allowed: ContextVar[bool] = ContextVar("replica_allowed", default=False)


def replica_aliases() -> list[str]:
    return [alias for alias in settings.DATABASES if alias.startswith("replica")]


class ReplicaRouter:
    def db_for_read(self, model: Any, **hints: Any) -> str:
        replicas = replica_aliases()
        if replicas and _replica_allowed.get():
            return random.choice(replicas)
        return PRIMARY

    def db_for_write(self, model: Any, **hints: Any) -> str:
        return PRIMARY

    def allow_relation(self, obj1: Any, obj2: Any, **hints: Any) -> bool:
        # Every alias holds the same data: objects read from a replica may be related to the primary's.
        return True

    def allow_migrate(self, db: str, app_label: str, **hints: Any) -> bool:
        return db == PRIMARY


def _stamped_until(request: HttpRequest) -> float:
    try:
        return float(request.COOKIES.get(COOKIE, "0"))
    except ValueError:
        return 0.0


class ReplicaMiddleware:
    """Allows the router to read from a replica for this request, or keeps it on the primary (above)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        now = time.time()
        safe = request.method in ("GET", "HEAD", "OPTIONS")
        token = _replica_allowed.set(safe and _stamped_until(request) <= now and bool(replica_aliases()))
        try:
            response = self.get_response(request)
        finally:
            _replica_allowed.reset(token)
        if not safe and replica_aliases():
            seconds = settings.REPLICA_STICKY_SECONDS
            response.set_cookie(
                COOKIE,
                f"{now + seconds:.3f}",
                max_age=seconds,
                httponly=True,
                samesite="Lax",
                secure=request.is_secure(),
            )
        return response
