from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand

from reports.demo import load_demo


class Command(BaseCommand):
    help = "Load the demo data built from the shared seed articles. Running it again changes nothing."

    def handle(self, *args: Any, **options: Any) -> None:
        started = time.monotonic()
        summary = load_demo()
        self.stdout.write(
            f"Dữ liệu mẫu / demo data: {summary.organisations} tổ chức, {summary.members} đảng viên, "
            f"{summary.documents} văn bản, {summary.targets} chỉ tiêu, {summary.readings} số liệu, "
            f"{summary.tasks} nhiệm vụ, {summary.users} tài khoản ({time.monotonic() - started:.1f} s)."
        )
