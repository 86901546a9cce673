"""End-to-end: the product started as in production (gunicorn and a real Celery worker) with the demo
data, driven in Debian's Chromium by Playwright. Every page fails the test on a console error or a failed
request.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "artifacts" / "screenshots"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
PASSWORD = "ChiTieu@2024"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "tests/e2e/" in str(item.fspath):
            item.add_marker(pytest.mark.e2e)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="session")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    var = tmp_path_factory.mktemp("e2e-var")
    env = {
        **{
            k: v
            for k, v in os.environ.items()
            if k not in ("DATABASE_URL", "REDIS_URL", "DJANGO_SETTINGS_MODULE")
        },
        "CHITIEU_VAR_DIR": str(var),
        "STATIC_ROOT": str(var / "static"),
        "DJANGO_DEBUG": "false",
    }
    python = sys.executable
    for command in (
        ["migrate", "--no-input", "-v", "0"],
        ["load_demo", "--year", "2024"],
        ["collectstatic", "--no-input", "-v", "0"],
    ):
        subprocess.run([python, "manage.py", *command], cwd=ROOT, env=env, check=True, capture_output=True)
    port = _free_port()
    log = (var / "serve.log").open("w")
    process = subprocess.Popen(
        [python, "manage.py", "serve", "--bind", f"127.0.0.1:{port}", "--web-workers", "2"],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            urllib.request.urlopen(base + "/healthz/web", timeout=2)
            break
        except OSError:
            if time.monotonic() > deadline or process.poll() is not None:
                process.kill()
                raise RuntimeError((var / "serve.log").read_text()) from None
            time.sleep(0.3)
    yield base
    process.terminate()
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        process.kill()


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an event loop; Django refuses database calls beside one unless told.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

    executable = shutil.which("chromium") or "/usr/bin/chromium"
    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=executable, headless=True, args=CHROMIUM_ARGS)
        yield instance
        instance.close()


class Session:
    """A browser page that records console errors and failed requests, and takes named screenshots."""

    def __init__(self, page: Any, base: str, journey: str) -> None:
        self.page, self.base, self.journey = page, base, journey
        self.problems: list[str] = []
        # A download ends its navigation with ERR_ABORTED; that is how Chromium hands the file over.
        self.downloads: set[str] = set()
        page.on("download", lambda d: self.downloads.add(d.url))
        page.on(
            "console",
            lambda m: (
                self.problems.append(f"console {m.type} at {page.url}: {m.text} {m.location}")
                if m.type == "error"
                else None
            ),
        )
        page.on("pageerror", lambda e: self.problems.append(f"page error: {e}"))
        page.on("requestfailed", lambda r: self.problems.append(f"request failed: {r.url} {r.failure}"))
        page.on(
            "response",
            lambda r: self.problems.append(f"HTTP {r.status}: {r.url}") if r.status >= 500 else None,
        )

    def go(self, path: str) -> Any:
        response = self.page.goto(self.base + path)
        self.page.wait_for_load_state("networkidle")
        return response

    def login(self, username: str) -> None:
        self.go("/dang-nhap/")
        self.page.get_by_label("Tên đăng nhập").fill(username)
        self.page.get_by_label("Mật khẩu").fill(PASSWORD)
        self.page.get_by_role("button", name="Đăng nhập").click()
        self.page.wait_for_load_state("networkidle")

    def shot(self, name: str) -> Path:
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        path = ARTIFACTS / f"{self.journey}-{name}.png"
        self.page.screenshot(path=str(path), full_page=True)
        return path


@pytest.fixture
def session(browser: Any, server: str, request: pytest.FixtureRequest) -> Iterator[Session]:
    context = browser.new_context(
        viewport={"width": 1366, "height": 900}, locale="en-US", accept_downloads=True
    )
    page = context.new_page()
    page.set_default_timeout(15_000)
    current = Session(page, server, request.node.name.removeprefix("test_"))
    yield current
    context.close()
    # 404 pages that a journey asks for on purpose are expected; anything else is a failure.
    unexpected = [
        p
        for p in current.problems
        if "status of 404" not in p
        and not any(p.startswith(f"request failed: {url} ") for url in current.downloads)
    ]
    assert not unexpected, unexpected
