from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from reports.demo import DEMO_PASSWORD, LOGINS


class Command(BaseCommand):
    help = "Print how to log in to the demo."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--url", default="http://127.0.0.1:8000")

    def handle(self, *args: Any, url: str, **options: Any) -> None:
        self.stdout.write("")
        self.stdout.write(f"Chỉ tiêu đang chạy tại / is running at: {url}")
        self.stdout.write(f"Đăng nhập / log in with (mật khẩu / password: {DEMO_PASSWORD}):")
        for username, _kind, org_code, label in LOGINS:
            scope = org_code or "toàn hệ thống / everything"
            self.stdout.write(f"  {username:<12} {label} — {scope}")
        self.stdout.write("")
