"""Load: 50 staff at once for 60 s against gunicorn on 127.0.0.1, driven by Locust.

They open dashboards and the entry grid and save readings. Afterwards: no request failed, every
successful save left exactly one reading (none lost, none doubled), and the 95th percentile is printed.
"""

from __future__ import annotations

import json
import math
import subprocess
from collections.abc import Callable
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth.models import User
from django.db.models import Count
from django.test import Client
from django.urls import reverse

from committees import services as committee_services
from committees.models import Organisation, RoleKind
from core.vn import parse_date
from demo.services import load_demo
from targets import services as target_services
from targets.models import Reading, Target
from tests.faults.services import (
    BIN,
    ROOT,
    free_port,
    gunicorn_command,
    product_env,
    session_database_url,
    start_process,
    stop_tree,
    wait_http,
)

pytestmark = [pytest.mark.load, pytest.mark.django_db(transaction=True)]

USERS = 50
SECONDS = 60
ORGANISATION = "SLDTBXH-HCM"  # the demo's department, where the demo staff user works


def _plan(tmp_path: Path) -> tuple[Path, list[Target]]:
    """50 staff users of the demo department, each with a session, a target of its own and its own dates."""
    organisation = Organisation.objects.get(code=ORGANISATION)
    days = [date(2025, 1, 1) + timedelta(days=n) for n in range(365)]
    plan, targets = [], []
    for n in range(1, USERS + 1):
        user = User.objects.create_user(username=f"taithu{n:02d}")
        committee_services.role_grant(
            user=user, organisation=organisation, kind=RoleKind.STAFF, acting_user=None
        )
        target = target_services.target_create(
            code=f"TAI-{n:02d}",
            organisation=organisation,
            title=f"Chỉ tiêu tải thử số {n}",
            period="2025",
            shape="count",
            unit="lượt",
            planned=Decimal(100),
            acting_user=None,
        )
        targets.append(target)
        client = Client()
        client.force_login(user)
        plan.append(
            {
                "session": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "dashboard": reverse("dashboard", args=[organisation.pk]),
                "grid": reverse("targets:entry_grid", args=[organisation.pk, "2025"]),
                "save": reverse("targets:entry_save", args=[target.pk]),
                "days": [f"{d:%d/%m/%Y}" for d in days],
            }
        )
    path = tmp_path / "plan.json"
    path.write_text(json.dumps(plan), encoding="utf-8")
    return path, targets


def _percentile(values: list[float], pct: int) -> float:
    """Nearest-rank percentile of sorted values."""
    return values[max(0, math.ceil(pct / 100 * len(values)) - 1)]


def test_fifty_users_for_a_minute(
    tmp_path: Path, static_root: Path, record_property: Callable[[str, object], None]
) -> None:
    load_demo(year=2024)
    plan, targets = _plan(tmp_path)
    before = Reading.objects.filter(target__in=targets).count()
    assert before == 0

    port = free_port()
    log = tmp_path / "gunicorn.log"
    env = product_env(
        DATABASE_URL=session_database_url(),
        REDIS_URL=settings.REDIS_URL,
        DJANGO_SECRET_KEY=settings.SECRET_KEY,
        STATIC_ROOT=str(static_root),
        CHITIEU_VAR_DIR=str(tmp_path / "var"),
    )
    web = start_process(gunicorn_command(port, workers=3, threads=4), env, log)
    base = f"http://127.0.0.1:{port}"
    try:
        wait_http(f"{base}/healthz/web", web, log)
        result = subprocess.run(
            [
                str(BIN / "locust"),
                "-f",
                str(ROOT / "tests" / "faults" / "locustfile.py"),
                "--headless",
                "--host",
                base,
                "--users",
                str(USERS),
                "--spawn-rate",
                "25",
                "--run-time",
                f"{SECONDS}s",
                # Users finish the request in hand when time is up: none is cut off half-way.
                "--stop-timeout",
                "90",
                "--only-summary",
                "--loglevel",
                "WARNING",
            ],
            cwd=ROOT,
            env={
                **env,
                "CHITIEU_LOAD_PLAN": str(plan),
                "CHITIEU_LOAD_RESULTS": str(tmp_path / "results.json"),
            },
            capture_output=True,
            text=True,
            timeout=SECONDS + 240,
        )
        assert web.poll() is None, log.read_text(errors="replace")[-3000:]
    finally:
        stop_tree(web)

    results = json.loads((tmp_path / "results.json").read_text(encoding="utf-8"))
    requests = [(name, ms, error) for name, ms, error in results["requests"]]
    errors = [(name, error) for name, _ms, error in requests if error is not None]
    assert result.returncode == 0 and not errors, (errors[:20], result.stderr[-3000:])

    # Each user saved each of its dates at most once: one reading per save, none lost, none doubled,
    # and exactly the (target, date) pairs that the users saw saved.
    by_url = {reverse("targets:entry_save", args=[t.pk]): t.pk for t in targets}
    expected = sorted((by_url[url], parse_date(day)) for url, day in results["saved"])
    saved = len(expected)
    assert saved == sum(1 for name, _ms, _e in requests if name == "save reading") > 0
    readings = Reading.objects.filter(target__in=targets)
    assert sorted(readings.values_list("target_id", "cut_off")) == expected
    assert not readings.values("target", "cut_off").annotate(n=Count("id")).filter(n__gt=1).exists()
    assert readings.filter(is_current=True).count() == saved

    times = sorted(ms for _name, ms, _e in requests)
    save_times = sorted(ms for name, ms, _e in requests if name == "save reading")
    summary = (
        f"{USERS} users, {SECONDS} s: {len(requests)} requests ({len(requests) / SECONDS:.1f}/s), "
        f"0 errors, {saved} readings saved = {readings.count()} in the database; "
        f"p50 {_percentile(times, 50):.0f} ms, p95 {_percentile(times, 95):.0f} ms, "
        f"p99 {_percentile(times, 99):.0f} ms (saves: p95 {_percentile(save_times, 95):.0f} ms)"
    )
    record_property("load_requests", len(requests))
    record_property("load_saves", saved)
    record_property("load_p95_ms", round(_percentile(times, 95)))
    print(summary)
