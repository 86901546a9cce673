from __future__ import annotations

from typing import Any

from django.contrib.auth.models import User
from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from committees.models import Organisation, RoleKind
from core.people import display_name
from core.vn import both_languages
from demo.people import ADMIN, DEMO_PASSWORD, LOGINS


def _role(kind: str) -> str:
    return _("Quản trị hệ thống") if kind == ADMIN else str(RoleKind(kind).label)


class Command(BaseCommand):
    help = "Print how to open the demo, and one login per role: username, password, role, organisation."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--url", default="http://127.0.0.1:8000")

    def handle(self, *args: Any, url: str, **options: Any) -> None:
        codes = [code for _username, _kind, code in LOGINS if code]
        # Several departments share a name: the organisation above tells them apart.
        scopes = {
            o.code: f"{o.name} — {o.parent.name}" if o.parent else o.name
            for o in Organisation.objects.filter(code__in=codes).select_related("parent")
        }
        write = self.stdout.write
        write("")
        write(f"{both_languages(lambda: _('Mở trình duyệt tại'))}: {url}")
        write("")
        header = [
            both_languages(lambda: _("Tên đăng nhập")),
            both_languages(lambda: _("Họ và tên")),
            both_languages(lambda: _("Mật khẩu")),
            both_languages(lambda: _("Vai trò")),
            both_languages(lambda: _("Tổ chức đảng")),
        ]
        write("  " + " | ".join(header))
        logins = [username for username, _kind, _code in LOGINS]
        people = {u.username: display_name(u) for u in User.objects.filter(username__in=logins)}
        for username, kind, code in LOGINS:
            scope = scopes.get(code, code) if code else both_languages(lambda: _("toàn hệ thống"))
            person = people.get(username, "")
            role = both_languages(lambda k=kind: _role(k))  # type: ignore[misc]
            write(f"  {username} | {person} | {DEMO_PASSWORD} | {role} | {scope}")
        write("")
