"""Load: 50 staff at once for 60 s against gunicorn on 127.0.0.1, driven by Locust.

They open dashboards and the entry grid and save readings. Afterwards: no request failed, every
successful save left exactly one reading (none lost, none doubled), and the 95th percentile is printed.
"""

from __future__ import annotations

import csv
import json
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
from committees.vn import parse_date
from reports.demo import load_demo
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


def _stats(prefix: Path) -> dict[str, dict[str, str]]:
    with open(f"{prefix}_stats.csv", encoding="utf-8") as f:
        return {row["Name"]: row for row in csv.DictReader(f)}


def test_fifty_users_for_a_minute(
    tmp_path: Path, static_root: Path, record_property: Callable[[str, object], None]
) -> None:
    load_demo()
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
        wait_http(f"{base}/healthz", web, log)
        prefix = tmp_path / "locust"
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
                "--csv",
                str(prefix),
                "--only-summary",
                "--loglevel",
                "WARNING",
            ],
            cwd=ROOT,
            env={**env, "CHITIEU_LOAD_PLAN": str(plan), "CHITIEU_LOAD_SAVED": str(tmp_path / "saved.json")},
            capture_output=True,
            text=True,
            timeout=SECONDS + 240,
        )
        assert web.poll() is None, log.read_text(errors="replace")[-3000:]
    finally:
        stop_tree(web)

    stats = _stats(prefix)
    total = stats["Aggregated"]
    failures = Path(f"{prefix}_failures.csv").read_text(encoding="utf-8")
    assert result.returncode == 0 and int(total["Failure Count"]) == 0, (failures, result.stderr[-3000:])

    saves = stats["save reading"]
    saved = int(saves["Request Count"]) - int(saves["Failure Count"])
    # Each user saved each of its dates at most once: one reading per save, none lost, none doubled,
    # and the very (target, date) pairs that the users saw saved.
    by_url = {reverse("targets:entry_save", args=[t.pk]): t.pk for t in targets}
    seen = json.loads((tmp_path / "saved.json").read_text(encoding="utf-8"))
    assert len(seen) == saved > 0
    expected = sorted((by_url[url], parse_date(day)) for url, day in seen)
    readings = Reading.objects.filter(target__in=targets)
    assert sorted(readings.values_list("target_id", "cut_off")) == expected
    assert not readings.values("target", "cut_off").annotate(n=Count("id")).filter(n__gt=1).exists()
    assert readings.filter(is_current=True).count() == saved

    summary = (
        f"{USERS} users, {SECONDS} s: {total['Request Count']} requests "
        f"({float(total['Requests/s']):.1f}/s), 0 errors, {saved} readings saved and counted; "
        f"p50 {total['50%']} ms, p95 {total['95%']} ms, p99 {total['99%']} ms "
        f"(saves p95 {saves['95%']} ms)"
    )
    for key in ("Request Count", "Requests/s", "50%", "95%", "99%"):
        record_property(f"load {key}", total[key])
    record_property("load saves", saved)
    print(summary)
