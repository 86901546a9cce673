"""No module of the apps grows past 600 lines: a longer one is split by concern (issue 25)."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
APPS = (
    "core",
    "committees",
    "resolutions",
    "targets",
    "inspections",
    "reports",
    "exchange",
    "demo",
    "config",
)
MAX_LINES = 600


def modules() -> list[Path]:
    return sorted(
        path
        for app in APPS
        for path in (ROOT / app).rglob("*.py")
        if "migrations" not in path.relative_to(ROOT).parts
    )


def line_count(path: Path) -> int:
    return len(path.read_text(encoding="utf-8").splitlines())


def test_the_apps_have_modules_to_check() -> None:
    found = {path.relative_to(ROOT).parts[0] for path in modules()}
    assert found == set(APPS)


def test_no_app_module_is_over_600_lines() -> None:
    over = {
        str(path.relative_to(ROOT)): lines for path in modules() if (lines := line_count(path)) > MAX_LINES
    }
    listed = ", ".join(f"{name} has {lines} lines" for name, lines in sorted(over.items()))
    assert not over, f"split by concern, at most {MAX_LINES} lines a module: {listed}"
