"""Fixtures of the fault and load tests: static files collected once for the gunicorn they start."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.faults.services import ROOT, product_env


@pytest.fixture(scope="session")
def static_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """STATIC_ROOT for gunicorn without DEBUG: WhiteNoise serves the collected, hashed files."""
    folder = tmp_path_factory.mktemp("static")
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--no-input", "-v", "0"],
        cwd=ROOT,
        env=product_env(STATIC_ROOT=str(folder), CHITIEU_VAR_DIR=str(folder / "var")),
        check=True,
        capture_output=True,
    )
    return folder


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """The load test measures the production shape: on the embedded SQLite it is not collected."""
    from django.conf import settings

    if not settings.DATABASES["default"]["ENGINE"].endswith("sqlite3"):
        return
    kept = [item for item in items if item.get_closest_marker("load") is None]
    if len(kept) != len(items):
        config.hook.pytest_deselected(items=[item for item in items if item not in kept])
        items[:] = kept
