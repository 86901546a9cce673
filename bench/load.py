"""Issue 24's measures that need a real server: the home page's first view in a fresh gunicorn worker, and
50 users at once (the load test's Locust mix, `tests/faults/locustfile.py`, unchanged) on the province.

Used by `bench/province.py` (groups `http` and `load`); the servers use the same database and Redis.
"""

from __future__ import annotations

import json
import math
import subprocess
import tempfile
import time
import urllib.request
from collections.abc import Callable
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from committees import services as org_services
from committees.models import Organisation, Role, RoleKind
from targets import services as target_services
from targets.models import Reading, Target
from tests.faults.services import (
    BIN,
    ROOT,
    free_port,
    gunicorn_command,
    product_env,
    start_process,
    stop_tree,
    wait_http,
)

USERS = 50  # as tests/faults/test_load.py
SECONDS = 60


def _collected_static() -> Path:
    folder = Path(tempfile.mkdtemp(prefix="bench-static-"))
    subprocess.run(
        [str(BIN / "python"), "manage.py", "collectstatic", "--no-input", "-v", "0"],
        cwd=ROOT, env={**product_env(), "STATIC_ROOT": str(folder)}, check=True, capture_output=True,
    )  # fmt: skip
    return folder


def _session(username: str, organisation: Organisation, kind: str) -> str:
    user, _ = User.objects.get_or_create(username=username)
    if not Role.objects.filter(user=user, organisation=organisation, kind=kind).exists():
        org_services.role_grant(user=user, organisation=organisation, kind=kind, acting_user=None)
    client = Client()
    client.force_login(user)
    return client.cookies[settings.SESSION_COOKIE_NAME].value


def _env(static: Path) -> dict[str, str]:
    """The product's settings with this process's secret key, so the sessions made here are valid there."""
    return product_env(
        STATIC_ROOT=str(static), DJANGO_SECRET_KEY=settings.SECRET_KEY, DJANGO_ALLOWED_HOSTS="127.0.0.1"
    )


def home_first_view(measure: Callable[..., dict[str, Any]], root: Organisation, runs: int) -> dict[str, Any]:
    """The home page (the root's dashboard) as the first page a freshly started gunicorn worker serves
    after its health check answers, i.e. what the first user after a deploy or a worker restart waits for.
    A new gunicorn (1 worker) is started for every run."""
    session = _session("bench", root, "admin")
    static = _collected_static()
    folder = Path(tempfile.mkdtemp(prefix="bench-first-view-"))
    env = _env(static)
    servers: list[subprocess.Popen[bytes]] = []
    port = 0

    def fresh_worker(_i: int) -> None:
        nonlocal port
        for server in servers:
            stop_tree(server)
        port = free_port()
        log = folder / "gunicorn.log"
        servers.append(start_process(gunicorn_command(port, workers=1), env, log))
        wait_http(f"http://127.0.0.1:{port}/healthz/web", servers[-1], log)

    def first_view(_i: int) -> None:
        request = urllib.request.Request(
            f"http://127.0.0.1:{port}/", headers={"Cookie": f"{settings.SESSION_COOKIE_NAME}={session}"}
        )
        with urllib.request.urlopen(request, timeout=120) as response:  # not redirected to the login
            assert response.status == 200 and response.geturl() == request.full_url, response.geturl()
            response.read()

    try:
        return measure(
            "HTTP: home page, first view in a fresh gunicorn worker (root)",
            first_view,
            before=fresh_worker,
            repeat=runs,
            note="over HTTP, gunicorn",
        )
    finally:
        for server in servers:
            stop_tree(server)


def _percentile(values: list[float], pct: int) -> float:
    """Nearest-rank percentile of sorted values (as tests/faults/test_load.py)."""
    return values[max(0, math.ceil(pct / 100 * len(values)) - 1)]


def _plan(folder: Path, year: int) -> tuple[Path, list[Target]]:
    """50 staff users, each of a different grassroots committee of the province, each with a session, a
    new target of its own and its own cut-off dates (this year's days up to today)."""
    today = timezone.localdate()
    committees = list(Organisation.objects.filter(depth=2).order_by("id")[:USERS])
    committees = [committees[n % len(committees)] for n in range(USERS)]  # a tiny province has fewer
    first = date(year, 1, 1)
    days = [first + timedelta(days=n) for n in range(min(365, (today - first).days + 1))]
    plan, targets = [], []
    stamp = time.time_ns()
    for n, organisation in enumerate(committees):
        session = _session(f"bench-load{n:02d}", organisation, RoleKind.STAFF)
        target = target_services.target_create(
            code=f"BENCH-LOAD-{stamp}-{n:02d}", organisation=organisation, title=f"Chỉ tiêu tải thử số {n}",
            period=str(year), shape="count", unit="lượt", planned=Decimal(100), acting_user=None,
        )  # fmt: skip
        targets.append(target)
        plan.append(
            {
                "session": session,
                "dashboard": reverse("dashboard", args=[organisation.pk]),
                "grid": reverse("targets:entry_grid", args=[organisation.pk, str(year)]),
                "save": reverse("targets:entry_save", args=[target.pk]),
                "days": [f"{d:%d/%m/%Y}" for d in days],
            }
        )
    path = folder / "plan.json"
    path.write_text(json.dumps(plan), encoding="utf-8")
    return path, targets


def fifty_users(year: int) -> dict[str, Any]:
    """Locust with the load test's users and mix (home dashboard 3, own dashboard 1, entry grid 1, save a
    reading 3; 0,5-1,5 s apart) for 60 s against gunicorn (3 workers × 4 threads, as the load test), each
    user a staff member of a different grassroots committee. Returns the figures; every save is checked
    against the database as the load test does."""
    folder = Path(tempfile.mkdtemp(prefix="bench-load-"))
    plan, targets = _plan(folder, year)
    static = _collected_static()
    port = free_port()
    log = folder / "gunicorn.log"
    web = start_process(gunicorn_command(port, workers=3, threads=4), _env(static), log)
    base = f"http://127.0.0.1:{port}"
    try:
        wait_http(f"{base}/healthz/web", web, log)
        result = subprocess.run(
            [str(BIN / "locust"), "-f", str(ROOT / "tests" / "faults" / "locustfile.py"), "--headless",
             "--host", base, "--users", str(USERS), "--spawn-rate", "25", "--run-time", f"{SECONDS}s",
             "--stop-timeout", "90", "--only-summary", "--loglevel", "WARNING"],
            cwd=ROOT,
            env={**_env(static), "CHITIEU_LOAD_PLAN": str(plan),
                 "CHITIEU_LOAD_RESULTS": str(folder / "results.json")},
            capture_output=True, text=True, timeout=SECONDS + 240,
        )  # fmt: skip
        assert web.poll() is None, log.read_text(errors="replace")[-3000:]
    finally:
        stop_tree(web)
    results = json.loads((folder / "results.json").read_text(encoding="utf-8"))
    requests = [(name, ms, error) for name, ms, error in results["requests"]]
    errors = [(name, error) for name, _ms, error in requests if error is not None]
    assert result.returncode == 0 and not errors, (errors[:5], result.stderr[-2000:])
    saved = sum(1 for name, _ms, _e in requests if name == "save reading")
    stored = Reading.objects.filter(target__in=targets, is_current=True).count()
    assert saved == len(results["saved"]) == stored, (saved, len(results["saved"]), stored)
    times = sorted(ms for _name, ms, _e in requests)
    save_times = sorted(ms for name, ms, _e in requests if name == "save reading") or [0.0]
    return {
        "users": USERS,
        "seconds": SECONDS,
        "requests": len(requests),
        "requests_per_second": round(len(requests) / SECONDS, 1),
        "errors": len(errors),
        "saved": saved,
        "p50_ms": round(_percentile(times, 50)),
        "p95_ms": round(_percentile(times, 95)),
        "p99_ms": round(_percentile(times, 99)),
        "save_p95_ms": round(_percentile(save_times, 95)),
    }
