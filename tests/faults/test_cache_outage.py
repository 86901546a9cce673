"""Redis (the cache) down under a running web process: pages and saves work from the database, and once
Redis is back the pages show the figures saved during the outage, never what it kept from before.

Two outages of a private redis-server: first frozen (SIGSTOP: connections hang, its data kept, as after a
network blip), then killed and started again empty. Between them a staff member saves readings through the
entry grid and a leader opens the home page and the dashboard.
"""

from __future__ import annotations

import os
import re
import signal
import time
from collections.abc import Callable, Iterator
from datetime import date
from decimal import Decimal as D
from pathlib import Path

import pytest
import redis as redis_client
import requests
from django.conf import settings
from django.test import Client
from django.urls import reverse

from committees.models import RoleKind
from targets import services as target_services
from targets.models import Reading, Target
from tests.conftest import Tree, make_tree, make_user
from tests.faults.services import (
    RedisServer,
    free_port,
    gunicorn_command,
    product_env,
    session_database_url,
    start_process,
    stop_tree,
    wait_http,
)
from tests.targets.conftest import make_target

pytestmark = [pytest.mark.faults, pytest.mark.django_db(transaction=True)]
END = date(2024, 12, 31)
HEADLINE = re.compile(r'<div class="value">([^<]*)</div><div class="label">mức đạt bình quân')


@pytest.fixture
def redis(tmp_path: Path) -> Iterator[RedisServer]:
    server = RedisServer(tmp_path)
    server.start()
    yield server
    if server.process is not None and server.process.poll() is None:
        os.kill(server.process.pid, signal.SIGCONT)
    server.stop()


def _session(user) -> requests.Session:  # type: ignore[no-untyped-def]
    """A requests session carrying a session made by a test client in the shared database."""
    client = Client()
    client.force_login(user)
    session = requests.Session()
    session.cookies.set("sessionid", client.cookies["sessionid"].value)
    return session


class Product:
    def __init__(
        self, base: str, leader: requests.Session, staff: requests.Session, tree: Tree, target: Target
    ):
        self.base, self.leader, self.staff, self.tree, self.target = base, leader, staff, tree, target

    def headline(self) -> str:
        """The dashboard's mean achievement, after checking that the home page answers too."""
        home = self.leader.get(f"{self.base}/", timeout=30)
        assert home.status_code == 200, home.text[-2000:]
        page = self.leader.get(
            f"{self.base}{reverse('dashboard', args=[self.tree.dept.pk])}?period=2024&cut_off=31/12/2024",
            timeout=30,
        )
        assert page.status_code == 200, page.text[-2000:]
        found = HEADLINE.search(page.text)
        assert found, page.text[:2000]
        return found.group(1).strip()

    def save(self, value: str) -> float:
        """Save a corrected reading through the entry grid as htmx does; returns the seconds it took."""
        grid = self.staff.get(
            f"{self.base}{reverse('targets:entry_grid', args=[self.tree.dept.pk, '2024'])}?cut_off=31/12/2024",
            timeout=30,
        )
        assert grid.status_code == 200, grid.text[-2000:]
        current = Reading.objects.get(target=self.target, cut_off=END, is_current=True)
        started = time.monotonic()
        response = self.staff.post(
            f"{self.base}{reverse('targets:entry_save', args=[self.target.pk])}",
            data={
                "value": value,
                "kind": "official",
                "cut_off": "31/12/2024",
                "expected": str(current.pk),
                "reason": "Số liệu chính thức",
            },
            headers={"HX-Request": "true", "X-CSRFToken": self.staff.cookies["csrftoken"] or ""},
            timeout=30,
        )
        took = time.monotonic() - started
        assert response.status_code == 200, response.text[-2000:]
        assert 'data-saved="1"' in response.text, response.text[-2000:]
        return took


def test_pages_and_saves_work_with_redis_down_and_figures_are_fresh_after(
    redis: RedisServer,
    tmp_path: Path,
    static_root: Path,
    record_property: Callable[[str, object], None],
) -> None:
    tree = make_tree()
    leader = make_user("lanhdao", tree.dept, RoleKind.LEADER)
    staff = make_user("canbo", tree.dept, RoleKind.STAFF)
    target = make_target(tree.cell, "C1", planned="10")
    target_services.reading_record(target=target, cut_off=END, value=D(4), acting_user=None)
    env = product_env(
        DATABASE_URL=session_database_url(),
        DATABASE_POOL="false",
        REDIS_URL=redis.url,
        DJANGO_SECRET_KEY=settings.SECRET_KEY,
        CHITIEU_VAR_DIR=str(tmp_path / "var"),
        STATIC_ROOT=str(static_root),
    )
    port = free_port()
    log = tmp_path / "gunicorn.log"
    web = start_process(gunicorn_command(port, workers=2), env, log)
    base = f"http://127.0.0.1:{port}"
    product = Product(base, _session(leader), _session(staff), tree, target)
    keys = redis_client.Redis.from_url(redis.url)
    try:
        wait_http(f"{base}/dang-nhap/", web, log)
        assert product.headline() == "40%"
        assert keys.keys(":1:rollups:*"), "the dashboard's figures are kept in Redis"

        # 1. Frozen: connections hang; its data (the figures at 40%) stays.
        os.kill(redis.process.pid, signal.SIGSTOP)  # type: ignore[union-attr]
        frozen_save = product.save("7")
        assert product.headline() == "70%"
        os.kill(redis.process.pid, signal.SIGCONT)  # type: ignore[union-attr]
        # Back with the 40% still stored under the keys of before: never shown again. Over 12 s each web
        # process both skips the cache (10 s after its failure) and uses it again.
        deadline = time.monotonic() + 12
        while time.monotonic() < deadline:
            assert product.headline() == "70%"
            time.sleep(1)

        # 2. Killed: connections refused.
        redis.stop()
        killed_save = product.save("9")
        assert product.headline() == "90%"
        redis.start()
        assert product.headline() == "90%"
        assert web.poll() is None, "gunicorn died"
        warnings = log.read_text(errors="replace").count("using the database for")
        assert warnings >= 2, log.read_text(errors="replace")[-3000:]
        record_property("save_seconds_redis_frozen", round(frozen_save, 2))
        record_property("save_seconds_redis_killed", round(killed_save, 2))
        print(f"save with Redis frozen {frozen_save:.2f} s, killed {killed_save:.2f} s")
    finally:
        keys.close()
        stop_tree(web)
