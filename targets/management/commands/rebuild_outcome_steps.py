"""manage.py rebuild_outcome_steps — recompute the dashboards' outcome steps from targets and readings.

The services keep the steps true on every write (targets/outcomes/steps.py); this is for data written around them:
a bulk load, or a fix made in the database shell.
"""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand
from django.db import transaction

from targets.outcomes import steps


class Command(BaseCommand):
    help = "Tính lại bảng tổng hợp của bảng điều khiển từ chỉ tiêu và số liệu."

    def handle(self, *args: Any, **options: Any) -> None:
        started = time.perf_counter()
        with transaction.atomic():
            count = steps.rebuild_all()
        self.stdout.write(f"{count} bước tổng hợp, {time.perf_counter() - started:.1f} s".replace(".", ","))
