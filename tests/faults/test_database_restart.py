"""The database restarted under a running web process: the web process recovers by itself.

gunicorn serves from a private PostgreSQL cluster; the cluster is restarted (pg_ctl restart -m fast,
which ends every connection of the pool); the next requests succeed, without restarting gunicorn.
"""

from __future__ import annotations

import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import requests

from tests.faults.services import (
    ROOT,
    PostgresServer,
    free_port,
    gunicorn_command,
    product_env,
    start_process,
    stop_tree,
    wait_http,
)

pytestmark = [pytest.mark.faults]
PASSWORD = "Khoi-dong-lai-2024"


@pytest.fixture
def postgres() -> Iterator[PostgresServer]:
    server = PostgresServer()
    server.init()
    server.start()
    yield server
    server.destroy()


def _login(session: requests.Session, base: str) -> None:
    session.get(f"{base}/dang-nhap/", timeout=30).raise_for_status()
    response = session.post(
        f"{base}/dang-nhap/",
        data={
            "username": "quantri",
            "password": PASSWORD,
            "csrfmiddlewaretoken": session.cookies["csrftoken"],
        },
        timeout=30,
    )
    response.raise_for_status()
    assert "sessionid" in session.cookies, response.text[:500]


def _pages_answer(session: requests.Session, base: str) -> list[int]:
    """Pages that each read the database: the health check, the dashboard, the organisation list."""
    return [
        session.get(f"{base}{path}", timeout=30, allow_redirects=False).status_code
        for path in ("/healthz/web", "/", "/to-chuc/")
    ]


def test_web_process_recovers_after_the_database_restarts(
    postgres: PostgresServer,
    tmp_path: Path,
    static_root: Path,
    record_property: Callable[[str, object], None],
) -> None:
    postgres.createdb("chitieu")
    env = product_env(
        DATABASE_URL=postgres.url("chitieu"),
        REDIS_URL="",
        CHITIEU_VAR_DIR=str(tmp_path / "var"),
        STATIC_ROOT=str(static_root),
        DJANGO_SUPERUSER_PASSWORD=PASSWORD,
    )
    python = sys.executable
    for command in (
        ["migrate", "--no-input", "-v", "0"],
        ["createsuperuser", "--no-input", "--username", "quantri", "--email", "quantri@example.vn"],
    ):
        subprocess.run([python, "manage.py", *command], cwd=ROOT, env=env, check=True)
    port = free_port()
    log = tmp_path / "gunicorn.log"
    web = start_process(gunicorn_command(port, workers=2), env, log)
    base = f"http://127.0.0.1:{port}"
    try:
        wait_http(f"{base}/healthz/web", web, log)
        session = requests.Session()
        _login(session, base)
        assert _pages_answer(session, base) == [200, 200, 200]

        started = time.monotonic()
        postgres.restart()
        restarted_in = time.monotonic() - started

        # The very first requests after the restart, then a few more: all served by the same gunicorn.
        statuses = [_pages_answer(session, base) for _ in range(5)]
        recovered_in = time.monotonic() - started
        assert web.poll() is None, "gunicorn died"
        assert statuses == [[200, 200, 200]] * 5, (statuses, log.read_text(errors="replace")[-3000:])
        record_property("pg_restart_seconds", round(restarted_in, 2))
        record_property("recovered_seconds", round(recovered_in, 2))
        print(f"PostgreSQL restarted in {restarted_in:.2f} s; all pages served {recovered_in:.2f} s after")
    finally:
        stop_tree(web)
