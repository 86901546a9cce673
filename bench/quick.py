"""Quick figures until the full province benchmark exists: import of 10.000 readings and reading saves.

Run: CHITIEU_VAR_DIR=$(mktemp -d) uv run python bench/quick.py   (uses a fresh SQLite database)
"""

from __future__ import annotations

import io
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ.setdefault("DJANGO_ALLOWED_HOSTS", "testserver,127.0.0.1")

import django

django.setup()

from django.core.management import call_command  # noqa: E402
from django.test import Client  # noqa: E402
from openpyxl import Workbook  # noqa: E402

call_command("migrate", verbosity=0)

from django.contrib.auth.models import User  # noqa: E402

from committees import services as org  # noqa: E402
from exchange.workbook import import_workbook  # noqa: E402
from targets import services as tgt  # noqa: E402


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


root = org.organisation_create(code="B-ROOT", kind="upper_grassroots", name="Đảng bộ thử", acting_user=None)
user = User.objects.create_user("bench", password="x")
org.role_grant(user=user, organisation=root, kind="staff", acting_user=None)


# 1. 10.000 readings through the workbook: 2.500 targets (imported first) × 4 cut-offs.
def save(book: Workbook) -> bytes:
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


targets_book = Workbook()
targets = targets_book.active
targets.title = "targets"
targets.append(["code", "organisation_code", "title", "shape", "period", "unit", "planned"])
for n in range(2500):
    targets.append([f"B{n}", "B-ROOT", f"Chỉ tiêu {n}", "quantity", "2024", "người", 1000 + n])
readings_book = Workbook()
readings = readings_book.active
readings.title = "readings"
readings.append(["target_code", "cut_off", "value"])
for n in range(2500):
    for cut_off in ("31/3/2024", "30/6/2024", "30/9/2024", "31/12/2024"):
        readings.append([f"B{n}", cut_off, f"{n * 3}"])
for label, data in (("2.500 targets", save(targets_book)), ("10.000 readings", save(readings_book))):
    started = time.perf_counter()
    result = import_workbook(io.BytesIO(data), acting_user=user)
    assert result.ok, result.problems[:3]
    print(f"import {label} (SQLite): {time.perf_counter() - started:.1f} s")
started = time.perf_counter()
again = import_workbook(io.BytesIO(save(readings_book)), acting_user=user)
print(
    f"import the 10.000 readings again (nothing changes): {time.perf_counter() - started:.1f} s, created={again.created}"
)

# 2. Saving a reading through the entry grid's endpoint, 50 rows one after another.
client = Client()
client.force_login(user)
target_ids = list(tgt.Target.objects.order_by("id").values_list("id", flat=True)[:50])
timings = []
for pk in target_ids:
    started = time.perf_counter()
    response = client.post(
        f"/chi-tieu/nhap/luu/{pk}/",
        {"value": "1.234", "kind": "official", "cut_off": "15/7/2024", "expected": "0"},
        headers={"HX-Request": "true"},
    )
    timings.append((time.perf_counter() - started) * 1000)
    assert response.status_code == 200 and b'data-saved="1"' in response.content
print(
    f"save one reading via htmx (50 saves): median {statistics.median(timings):.1f} ms, p95 {percentile(timings, 95):.1f} ms"
)
