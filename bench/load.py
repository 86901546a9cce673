"""Load: 50 staff at once against a real gunicorn, the mix of tests/faults/test_load.py, on the province.

Called by bench/province.py (`--only load`); Django is set up by then. Each run makes 50 staff users of a
grassroots committee, each with a target of its own (new ones each run, so every date is free), and
drives them with Locust (tests/faults/locustfile.py: the home dashboard 3, the committee's dashboard 1,
the entry grid 1, a reading saved through the htmx entry row 3, 0,5-1,5 s apart) for `seconds`. gunicorn
runs with the product's own configuration (gunicorn.conf.py) unless workers or threads are given.

What it reports per run: requests, requests/s, errors, p50/p95/p99 over every request, the saves' p95,
the machine's load average before and after (the machine is shared: the figures are only comparable
with the load and the calibration loop beside them).
"""

from __future__ import annotations

import json
import math
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse

from committees import services as org_services
from committees.models import Organisation, RoleKind
from targets import services as target_services
from targets.models import Reading, Target

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
GOAL_P95_MS = 500


def percentile(values: list[float], pct: float) -> float:
    """Nearest-rank percentile, as tests/faults/test_load.py."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(pct / 100 * len(ordered)) - 1)]


def plan(organisation: Organisation, users: int, year: int, folder: Path) -> Path:
    """`users` staff of the organisation, each logged in, with a target of its own (the same ones in every
    run, so that every run shows the same pages) and the dates of the year it has no reading for yet."""
    days = [date(year, 1, 1) + timedelta(days=n) for n in range(365)]
    rows = []
    for n in range(1, users + 1):
        user, created = User.objects.get_or_create(username=f"taithu{n:02d}")
        if created:
            org_services.role_grant(
                user=user, organisation=organisation, kind=RoleKind.STAFF, acting_user=None
            )
        code = f"TAI-{organisation.pk}-{year}-{n:02d}"
        target = Target.objects.filter(code=code).first() or target_services.target_create(
            code=code,
            organisation=organisation,
            title=f"Chỉ tiêu tải thử số {n}",
            period=str(year),
            shape="count",
            unit="lượt",
            planned=Decimal(100),
            acting_user=None,
        )
        used = set(Reading.objects.filter(target=target).values_list("cut_off", flat=True))
        client = Client()
        client.force_login(user)
        rows.append(
            {
                "session": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "dashboard": reverse("dashboard", args=[organisation.pk]),
                "grid": reverse("targets:entry_grid", args=[organisation.pk, str(year)]),
                "save": reverse("targets:entry_save", args=[target.pk]),
                "days": [f"{d:%d/%m/%Y}" for d in days if d not in used],
            }
        )
    path = folder / "plan.json"
    path.write_text(json.dumps(rows), encoding="utf-8")
    return path


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _start_gunicorn(env: dict[str, str], workers: int | None, threads: int | None) -> tuple[Any, int]:
    port = _free_port()
    command = [str(BIN / "gunicorn"), "config.wsgi", "--bind", f"127.0.0.1:{port}", "--no-control-socket",
               "--log-level", "warning"]  # fmt: skip
    if workers:
        command += ["--workers", str(workers)]
    if threads:
        command += ["--threads", str(threads)]
    server = subprocess.Popen(command, cwd=ROOT, env=env)
    deadline = time.monotonic() + 90
    while True:
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz/web", timeout=2).read()
            return server, port
        except OSError:
            if time.monotonic() > deadline or server.poll() is not None:
                server.kill()
                raise AssertionError("gunicorn did not start") from None
            time.sleep(0.3)


def run_once(
    organisation: Organisation,
    year: int,
    *,
    users: int = 50,
    seconds: int = 60,
    workers: int | None = None,
    threads: int | None = None,
) -> dict[str, Any]:
    folder = Path(tempfile.mkdtemp(prefix="bench-load-"))
    plan_path = plan(organisation, users, year, folder)
    env = {**os.environ, "STATIC_ROOT": str(folder / "static"), "DJANGO_ALLOWED_HOSTS": "127.0.0.1"}
    subprocess.run([sys.executable, "manage.py", "collectstatic", "--no-input", "-v", "0"], cwd=ROOT, env=env,
                   check=True, capture_output=True)  # fmt: skip
    load_before = os.getloadavg()[0]
    server, port = _start_gunicorn(env, workers, threads)
    results = folder / "results.json"
    try:
        finished = subprocess.run(
            [str(BIN / "locust"), "-f", str(ROOT / "tests" / "faults" / "locustfile.py"), "--headless",
             "--host", f"http://127.0.0.1:{port}", "--users", str(users), "--spawn-rate", "25",
             "--run-time", f"{seconds}s", "--stop-timeout", "90", "--only-summary", "--loglevel", "WARNING"],
            cwd=ROOT, env={**env, "CHITIEU_LOAD_PLAN": str(plan_path), "CHITIEU_LOAD_RESULTS": str(results)},
            capture_output=True, text=True, timeout=seconds + 240,
        )  # fmt: skip
        assert server.poll() is None, "gunicorn died under the load"
    finally:
        server.terminate()
        server.wait(timeout=30)
    load_after = os.getloadavg()[0]
    data = json.loads(results.read_text(encoding="utf-8"))
    requests = data["requests"]
    errors = [(name, error) for name, _ms, error in requests if error is not None]
    assert finished.returncode == 0 and not errors, (errors[:5], finished.stderr[-2000:])
    times = [ms for _name, ms, _e in requests]
    saves = [ms for name, ms, _e in requests if name == "save reading"]
    by_name: dict[str, list[float]] = {}
    for name, ms, _e in requests:
        by_name.setdefault(name, []).append(ms)
    return {
        "requests": len(requests),
        "per_second": round(len(requests) / seconds, 1),
        "errors": len(errors),
        "saved": len(data["saved"]),
        "p50_ms": round(percentile(times, 50)),
        "p95_ms": round(percentile(times, 95)),
        "p99_ms": round(percentile(times, 99)),
        "save_p95_ms": round(percentile(saves, 95)) if saves else None,
        "p95_by_request_ms": {name: round(percentile(ms, 95)) for name, ms in sorted(by_name.items())},
        "load_average_before": round(load_before, 2),
        "load_average_after": round(load_after, 2),
    }


def measure(
    organisation: Organisation,
    year: int,
    *,
    runs: int = 3,
    users: int = 50,
    seconds: int = 60,
    workers: int | None = None,
    threads: int | None = None,
) -> dict[str, Any]:
    """`runs` load runs; prints each and returns them with the median p95 and requests/s."""
    server = f"gunicorn {workers or 'configured'} workers x {threads or 'configured'} threads"
    print(
        f"load: {users} users for {seconds} s, {runs} runs, {server}, staff of {organisation.code}",
        flush=True,
    )
    rows = []
    for run in range(runs):
        row = run_once(organisation, year, users=users, seconds=seconds, workers=workers, threads=threads)
        rows.append(row)
        print(
            f"  run {run + 1}: {row['requests']} requests ({row['per_second']}/s), {row['errors']} errors, "
            f"p50 {row['p50_ms']} ms, p95 {row['p95_ms']} ms, p99 {row['p99_ms']} ms "
            f"(saves p95 {row['save_p95_ms']} ms; load average {row['load_average_before']} -> "
            f"{row['load_average_after']}); p95 by request {row['p95_by_request_ms']}",
            flush=True,
        )
    return {
        "users": users,
        "seconds": seconds,
        "server": server,
        "runs": rows,
        "p95_ms_median": statistics.median(r["p95_ms"] for r in rows),
        "per_second_median": statistics.median(r["per_second"] for r in rows),
        "goal": f"p95 <= {GOAL_P95_MS} ms at {users} users",
    }
