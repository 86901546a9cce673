"""Access hardening: login throttling, session lifetime, password rules."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse
from django.utils import timezone

PASSWORD = "mật-khẩu-thử"


@pytest.fixture
def user(db) -> User:  # type: ignore[no-untyped-def]
    return get_user_model().objects.create_user(username="an", password=PASSWORD)


def _login(client: Client, password: str, username: str = "an") -> Any:
    return client.post(reverse("login"), {"username": username, "password": password})


def test_wrong_password_says_so_in_vietnamese(client: Client, user: User) -> None:
    response = _login(client, "sai")
    assert response.status_code == 200
    assert "Tên đăng nhập hoặc mật khẩu không đúng" in response.content.decode()


def test_login_is_locked_after_the_failure_limit(client: Client, user: User) -> None:
    limit = settings.AXES_FAILURE_LIMIT
    assert limit == 5  # CHITIEU_LOGIN_FAILURES' default
    for _ in range(limit - 1):
        assert _login(client, "sai").status_code == 200
    locked = _login(client, "sai")
    assert locked.status_code == 429
    page = locked.content.decode()
    assert "Đăng nhập sai quá 5 lần" in page and "15 phút" in page
    assert 'value="an"' in page  # the login form again, with the name kept
    # Even the right password is refused while locked, and no session is opened.
    refused = _login(client, PASSWORD)
    assert refused.status_code == 429
    assert "_auth_user_id" not in client.session
    # Another user name from the same address is not affected.
    get_user_model().objects.create_user(username="binh", password=PASSWORD)
    assert _login(client, PASSWORD, username="binh").status_code == 302


def test_lock_ends_after_the_cool_off(client: Client, user: User) -> None:
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _login(client, "sai")
    assert _login(client, PASSWORD).status_code == 429
    AccessAttempt.objects.update(attempt_time=timezone.now() - timedelta(minutes=16))
    assert _login(client, PASSWORD).status_code == 302


def test_admin_unlocks_by_deleting_the_attempt(client: Client, user: User) -> None:
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _login(client, "sai")
    root = get_user_model().objects.create_superuser("root", "root@example.vn", PASSWORD)
    admin = Client()
    admin.force_login(root)
    attempt = AccessAttempt.objects.get(username="an")
    assert admin.get(reverse("admin:axes_accessattempt_changelist")).status_code == 200
    response = admin.post(reverse("admin:axes_accessattempt_delete", args=[attempt.pk]), {"post": "yes"})
    assert response.status_code == 302
    assert _login(client, PASSWORD).status_code == 302


def test_a_successful_login_resets_the_count(client: Client, user: User) -> None:
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        _login(client, "sai")
    assert _login(client, PASSWORD).status_code == 302
    client.logout()
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert _login(client, "sai").status_code == 200


def test_sessions_expire(client: Client, user: User) -> None:
    assert settings.SESSION_COOKIE_AGE == 8 * 3600
    assert settings.SESSION_EXPIRE_AT_BROWSER_CLOSE is True
    assert _login(client, PASSWORD).status_code == 302
    assert client.session.get_expiry_age() == 8 * 3600
    assert client.get(reverse("home")).status_code == 200
    # Eight hours later the session is gone and the next page asks for the login again.
    from django.contrib.sessions.models import Session

    Session.objects.update(expire_date=timezone.now() - timedelta(seconds=1))
    response = client.get(reverse("home"))
    assert response.status_code == 302 and "/dang-nhap/" in response["Location"]


def test_session_age_comes_from_the_environment(monkeypatch: pytest.MonkeyPatch, tmp_path) -> None:  # type: ignore[no-untyped-def]
    import os
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent
    env = {
        **os.environ,
        "SESSION_COOKIE_AGE": "3600",
        "CHITIEU_LOGIN_FAILURES": "3",
        "CHITIEU_LOGIN_COOLOFF_MINUTES": "30",
        "CHITIEU_VAR_DIR": str(tmp_path),
    }
    code = (
        "import django; django.setup(); from django.conf import settings as s; "
        "print(s.SESSION_COOKIE_AGE, s.AXES_FAILURE_LIMIT, int(s.AXES_COOLOFF_TIME.total_seconds()))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=root,
        env={**env, "DJANGO_SETTINGS_MODULE": "config.settings"},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.stdout.split() == ["3600", "3", "1800"], result.stderr
    env["CHITIEU_LOGIN_FAILURES"] = "0"
    bad = subprocess.run(
        [sys.executable, "-c", code],
        cwd=root,
        env={**env, "DJANGO_SETTINGS_MODULE": "config.settings"},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert bad.returncode != 0 and "CHITIEU_LOGIN_FAILURES" in bad.stderr


@pytest.fixture
def root_client(db) -> Client:  # type: ignore[no-untyped-def]
    client = Client()
    client.force_login(get_user_model().objects.create_superuser("root", "root@example.vn", PASSWORD))
    return client


@pytest.mark.parametrize("weak", ["12345678", "password", "abc", "nguyenvanan"])
def test_admin_refuses_a_weak_password_for_a_new_user(root_client: Client, weak: str) -> None:
    response = root_client.post(
        reverse("admin:auth_user_add"),
        {"username": "nguyenvanan", "password1": weak, "password2": weak, "usable_password": "true"},
    )
    assert response.status_code == 200
    assert not get_user_model().objects.filter(username="nguyenvanan").exists()
    assert response.context["adminform"].form.errors["password2"]


def test_admin_refuses_a_weak_password_change(root_client: Client, user: User) -> None:
    url = reverse("admin:auth_user_password_change", args=[user.pk])
    response = root_client.post(url, {"password1": "123456", "password2": "123456"})
    assert response.status_code == 200
    user.refresh_from_db()
    assert user.check_password(PASSWORD)
    strong = "Cây-đa-đầu-làng-2024"
    assert root_client.post(url, {"password1": strong, "password2": strong}).status_code == 302
    user.refresh_from_db()
    assert user.check_password(strong)


def test_server_side_logins_are_not_throttled(client: Client, user: User) -> None:
    """The test client's login() authenticates without a request: it works, and counts no failure."""
    assert client.login(username="an", password=PASSWORD)
    client.logout()
    assert not client.login(username="an", password="sai")
    assert not AccessAttempt.objects.exists()
