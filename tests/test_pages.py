"""The UI shell: login, navigation, language, security headers."""

from __future__ import annotations

from django.test import Client
from django.urls import reverse

from tests.conftest import Tree


def test_anonymous_is_sent_to_login(client: Client, tree: Tree) -> None:
    response = client.get(reverse("committees:organisation_list"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_login_page_is_vietnamese_with_csp(client: Client) -> None:
    response = client.get(reverse("login"))
    assert response.status_code == 200
    body = response.content.decode()
    assert "Đăng nhập" in body and 'lang="vi"' in body
    csp = response["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert "cdn" not in body.lower()


def test_login_then_home_opens_users_organisation(client: Client, tree: Tree, alice) -> None:  # type: ignore[no-untyped-def]
    response = client.post(reverse("login"), {"username": "alice", "password": "mật-khẩu-thử"})
    assert response.status_code == 302
    response = client.get(reverse("home"), follow=True)
    assert response.status_code == 200
    assert tree.dept.name in response.content.decode()


def test_wrong_password_message_in_vietnamese(client: Client, tree: Tree, alice) -> None:  # type: ignore[no-untyped-def]
    response = client.post(reverse("login"), {"username": "alice", "password": "sai"})
    assert response.status_code == 200
    assert "Tên đăng nhập hoặc mật khẩu không đúng" in response.content.decode()


def test_language_switch_to_english_and_back(client: Client, tree: Tree, alice) -> None:  # type: ignore[no-untyped-def]
    client.force_login(alice)
    client.post(reverse("set_language"), {"language": "en", "next": "/to-chuc/"})
    body = client.get(reverse("committees:organisation_list")).content.decode()
    assert 'lang="en"' in body and "Organisations" in body
    client.post(reverse("set_language"), {"language": "vi", "next": "/to-chuc/"})
    body = client.get(reverse("committees:organisation_list")).content.decode()
    assert 'lang="vi"' in body and "Tổ chức đảng" in body


def test_healthz_needs_no_login(client: Client, db) -> None:  # type: ignore[no-untyped-def]
    response = client.get(reverse("healthz_web"))
    assert response.status_code == 200
    assert response.json()["database"] == "ok"
    # No beat or worker runs in this test: the full check answers, and says so.
    response = client.get(reverse("healthz"))
    assert response.status_code == 503
    assert response.json()["database"] == "ok" and response.json()["beat"] == "down"


def test_every_static_asset_is_local(client: Client, tree: Tree, alice) -> None:  # type: ignore[no-untyped-def]
    client.force_login(alice)
    body = client.get(reverse("committees:organisation_list")).content.decode()
    assert "http://" not in body.replace('xmlns="http://', "") and "https://" not in body
    assert "/static/vendor/htmx/htmx.min.js" in body


def test_english_browser_still_gets_vietnamese(client: Client) -> None:
    body = client.get(reverse("login"), headers={"Accept-Language": "en-US,en;q=0.9"}).content.decode()
    assert 'lang="vi"' in body and "Đăng nhập" in body
