"""Backup and restore, as README's "Backup and restore" runs them: `manage.py backup` on a working
instance, `manage.py restore` into an empty one (a new database, an empty media folder). Afterwards the
restored instance exports the same workbook and holds the same PDFs, byte for byte.

Runs on the configured database: SQLite (online backup API) or PostgreSQL (pg_dump / pg_restore).
"""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import psycopg
import pytest
from django.db import connection
from openpyxl import load_workbook

from exchange.workbook import export_workbook
from reports import run_services
from reports.models import Report, ReportRun, RunStatus
from tests.faults.services import ROOT, product_env, session_database_url
from tests.reports.conftest import report  # noqa: F401  (the draft 2024-H1 report with its figures)

pytestmark = pytest.mark.django_db(transaction=True)


def _manage(*args: str, env: dict[str, str], check: bool = True) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True
    )
    if check:
        assert result.returncode == 0, result.stdout + result.stderr
    return result


@pytest.fixture
def empty_database(tmp_path: Path) -> Iterator[str]:
    """The DATABASE_URL of a new, empty database next to the test database."""
    if connection.vendor == "sqlite":
        yield f"sqlite:///{tmp_path / 'restored.sqlite3'}"
        return
    db = connection.settings_dict
    name = f"{db['NAME']}_restored"
    admin = psycopg.connect(
        dbname="postgres",
        host=db["HOST"] or "127.0.0.1",
        port=db["PORT"] or 5432,
        user=db["USER"],
        password=db["PASSWORD"] or None,
        autocommit=True,
    )
    admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield session_database_url().rsplit("/", 1)[0] + f"/{name}"
    finally:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.close()


def _files(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in folder.rglob("*")
        if p.is_file()
    }


def _cells(path: Path) -> dict[str, list[tuple[object, ...]]]:
    book = load_workbook(path, read_only=True)
    return {sheet.title: [tuple(row) for row in sheet.iter_rows(values_only=True)] for sheet in book}


RUNS = (
    "import json; from reports.models import ReportRun; "
    "print(json.dumps(sorted((r.pdf.name, r.sha256, r.status) for r in ReportRun.objects.all())))"
)


def test_backup_then_restore_into_an_empty_instance(
    report: Report,  # noqa: F811
    empty_database: str,
    settings,  # type: ignore[no-untyped-def]
    tmp_path: Path,
) -> None:
    media = tmp_path / "media"
    settings.MEDIA_ROOT = media
    # Two rendered PDFs: the draft, and the same report at an earlier cut-off.
    for cut_off in (None, report.cut_off.replace(day=1)):
        run = run_services.report_run_request(report=report, acting_user=None, cut_off=cut_off, enqueue=False)
        assert run_services.report_run_execute(run_id=run.pk) == "done"
    assert report.runs.filter(status=RunStatus.DONE).count() == 2

    here = product_env(
        DATABASE_URL=session_database_url(),
        DATABASE_POOL="false",
        MEDIA_ROOT=str(media),
        CHITIEU_VAR_DIR=str(tmp_path / "var"),
    )
    there = {**here, "DATABASE_URL": empty_database, "MEDIA_ROOT": str(tmp_path / "restored-media")}
    workbook_args = ("export_workbook", "--cut-off", "31/12/2024", "--out")

    (tmp_path / "before.xlsx").write_bytes(export_workbook(cut_off=date(2024, 12, 31)))
    runs_before = sorted([r.pdf.name, r.sha256, r.status] for r in ReportRun.objects.all())
    files_before = _files(media)
    assert len(files_before) == 4  # each run's PDF and its Word file (docs/word-export.md)

    backup = tmp_path / "backup"
    _manage("backup", str(backup), env=here)
    manifest = json.loads((backup / "manifest.json").read_text())
    assert manifest["media"]["files"] == files_before

    _manage("restore", str(backup), env=there)
    _manage(*workbook_args, str(tmp_path / "after.xlsx"), env=there)

    before, after = _cells(tmp_path / "before.xlsx"), _cells(tmp_path / "after.xlsx")
    assert sum(len(rows) for rows in before.values()) > 10
    assert after == before
    assert _files(tmp_path / "restored-media") == files_before
    runs_after = json.loads(_manage("shell", "--no-imports", "-c", RUNS, env=there).stdout)
    assert runs_after == runs_before
    pdfs = {sha for name, sha in files_before.items() if name.endswith(".pdf")}
    assert {sha for _name, sha, _status in runs_after} == pdfs

    # Restore never overwrites: the instance now has data, so a second restore is refused.
    again = _manage("restore", str(backup), env=there, check=False)
    assert again.returncode != 0 and "trống" in again.stderr
