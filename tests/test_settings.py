from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from config.env import (
    ImproperlyConfiguredValue,
    env_bool,
    env_choice,
    env_int,
    env_list,
    env_str,
    parse_database_url,
)

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize("raw", ["yes", "no", "True!", "2", "enabled"])
def test_env_bool_rejects_anything_but_its_spellings(monkeypatch: pytest.MonkeyPatch, raw: str) -> None:
    monkeypatch.setenv("X_FLAG", raw)
    with pytest.raises(ImproperlyConfiguredValue, match="X_FLAG"):
        env_bool("X_FLAG", False)


@pytest.mark.parametrize(
    ("raw", "expected"), [("true", True), ("ON", True), ("1", True), ("false", False), ("0", False)]
)
def test_env_bool_reads_its_spellings(monkeypatch: pytest.MonkeyPatch, raw: str, expected: bool) -> None:
    monkeypatch.setenv("X_FLAG", raw)
    assert env_bool("X_FLAG", not expected) is expected


def test_env_bool_default_when_unset(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("X_FLAG", raising=False)
    assert env_bool("X_FLAG", True) is True


def test_env_int_rejects_text_and_out_of_range(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("X_INT", "12a")
    with pytest.raises(ImproperlyConfiguredValue, match="integer"):
        env_int("X_INT", 1)
    monkeypatch.setenv("X_INT", "5")
    with pytest.raises(ImproperlyConfiguredValue, match="at least 10"):
        env_int("X_INT", 20, minimum=10)
    monkeypatch.setenv("X_INT", "50")
    assert env_int("X_INT", 20, minimum=10) == 50


def test_env_list_and_choice(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("X_LIST", "a.example, b.example")
    assert env_list("X_LIST", []) == ["a.example", "b.example"]
    monkeypatch.setenv("X_LIST", "a,,b")
    with pytest.raises(ImproperlyConfiguredValue, match="empty item"):
        env_list("X_LIST", [])
    monkeypatch.setenv("X_CHOICE", "round")
    with pytest.raises(ImproperlyConfiguredValue, match="half_up"):
        env_choice("X_CHOICE", "half_up", ("half_up", "truncate"))


def test_env_str_required(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("X_REQUIRED", raising=False)
    with pytest.raises(ImproperlyConfiguredValue, match="must be set"):
        env_str("X_REQUIRED")


def test_database_url_postgres_and_sqlite(tmp_path: Path) -> None:
    pg = parse_database_url(
        "postgres://app:p%40ss@db.internal:6543/chitieu?sslmode=require", base_dir=tmp_path
    )
    assert pg["ENGINE"] == "django.db.backends.postgresql"
    assert (pg["NAME"], pg["USER"], pg["PASSWORD"], pg["HOST"], pg["PORT"]) == (
        "chitieu",
        "app",
        "p@ss",
        "db.internal",
        "6543",
    )
    assert pg["OPTIONS"] == {"sslmode": "require"}
    assert parse_database_url("sqlite:///var/x.sqlite3", base_dir=tmp_path)["NAME"] == str(
        tmp_path / "var/x.sqlite3"
    )
    assert parse_database_url("sqlite:////abs/x.sqlite3", base_dir=tmp_path)["NAME"] == "/abs/x.sqlite3"


@pytest.mark.parametrize(
    "url", ["mysql://u@h/db", "postgres://u@h/", "sqlite://", "postgres://u@h:notaport/db"]
)
def test_database_url_rejects(url: str, tmp_path: Path) -> None:
    with pytest.raises(ImproperlyConfiguredValue):
        parse_database_url(url, base_dir=tmp_path)


def _manage(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )


def test_bad_setting_stops_start_up() -> None:
    env = {**os.environ, "DJANGO_DEBUG": "yes"}
    result = _manage("check", env=env)
    assert result.returncode != 0
    assert "DJANGO_DEBUG" in result.stderr


def test_check_deploy_is_clean_with_production_settings(tmp_path: Path) -> None:
    env = {
        **{k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"},
        "DJANGO_DEBUG": "false",
        "DJANGO_SECRET_KEY": "x" * 20 + "-production-like-secret-key-with-enough-entropy-0123456789",
        "DJANGO_ALLOWED_HOSTS": "chitieu.example.vn",
        "DJANGO_HTTPS": "true",
        "EMAIL_HOST": "mail.example.vn",
        "CHITIEU_VAR_DIR": str(tmp_path),
    }
    result = _manage("check", "--deploy", "--fail-level", "WARNING", env=env)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout
