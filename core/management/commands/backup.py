"""manage.py backup FOLDER — the database and the stored files (MEDIA_ROOT: report PDFs) into FOLDER.

FOLDER gets:
- database.sqlite3 (SQLite, copied with SQLite's online backup API, safe while the product runs), or
  database.dump (PostgreSQL, `pg_dump --format=custom`, a consistent snapshot while the product runs);
- media.tar, the whole MEDIA_ROOT;
- manifest.json: what was backed up, when, and the SHA-256 of each file, checked again by `restore`.

README, "Backup and restore", gives the command sequence; tests/test_backup.py proves it.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone

MANIFEST = "manifest.json"
SQLITE_FILE = "database.sqlite3"
PG_FILE = "database.dump"
MEDIA_FILE = "media.tar"


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def pg_environment(db: dict[str, Any]) -> tuple[list[str], dict[str, str]]:
    """Connection arguments for pg_dump/pg_restore, and the environment with the password."""
    args = ["--dbname", db["NAME"]]
    if db.get("HOST"):
        args += ["--host", db["HOST"]]
    if db.get("PORT"):
        args += ["--port", str(db["PORT"])]
    if db.get("USER"):
        args += ["--username", db["USER"]]
    env = {**os.environ}
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = db["PASSWORD"]
    return args, env


def pg_tool(name: str) -> str:
    """pg_dump/pg_restore from PATH, or from PostgreSQL's own folder on Debian."""
    found = shutil.which(name)
    if found:
        return found
    for folder in sorted(Path("/usr/lib/postgresql").glob("*/bin"), reverse=True):
        if (folder / name).exists():
            return str(folder / name)
    raise CommandError(f"Không tìm thấy {name} (cài gói postgresql-client).")


class Command(BaseCommand):
    help = "Sao lưu cơ sở dữ liệu và các tệp đã lưu (báo cáo PDF) vào một thư mục."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("folder", type=Path, help="Thư mục sao lưu (mới hoặc trống)")

    def handle(self, *args: Any, folder: Path, **options: Any) -> None:
        if folder.exists() and any(folder.iterdir()):
            raise CommandError(f"Thư mục {folder} đã có dữ liệu; hãy chọn thư mục mới.")
        folder.mkdir(parents=True, exist_ok=True)
        db = connection.settings_dict
        if connection.vendor == "sqlite":
            database = folder / SQLITE_FILE
            connection.ensure_connection()
            target = sqlite3.connect(database)
            try:
                connection.connection.backup(target)
            finally:
                target.close()
        elif connection.vendor == "postgresql":
            database = folder / PG_FILE
            connection_args, env = pg_environment(db)
            result = subprocess.run(
                [
                    pg_tool("pg_dump"),
                    "--format=custom",
                    "--no-owner",
                    "--no-acl",
                    "--file",
                    str(database),
                    *connection_args,
                ],
                env=env,
                capture_output=True,
                text=True,
            )
            if result.returncode != 0:
                raise CommandError(f"pg_dump thất bại: {result.stderr.strip()}")
        else:  # pragma: no cover - the product runs on SQLite or PostgreSQL only
            raise CommandError(f"Không hỗ trợ sao lưu {connection.vendor}.")

        media_root = Path(settings.MEDIA_ROOT)
        media = folder / MEDIA_FILE
        stored: dict[str, str] = {}
        with tarfile.open(media, "w") as tar:
            if media_root.exists():
                for path in sorted(p for p in media_root.rglob("*") if p.is_file()):
                    name = path.relative_to(media_root).as_posix()
                    stored[name] = sha256_of(path)
                    tar.add(path, arcname=name)

        manifest = {
            "created_at": timezone.now().isoformat(),
            "engine": connection.vendor,
            "database": {"file": database.name, "sha256": sha256_of(database)},
            "media": {"file": media.name, "sha256": sha256_of(media), "files": stored},
            "migrations": MigrationRecorder(connection).migration_qs.count(),
        }
        (folder / MANIFEST).write_text(json.dumps(manifest, indent=2, ensure_ascii=False), encoding="utf-8")
        self.stdout.write(
            f"Đã sao lưu vào {folder}: cơ sở dữ liệu ({connection.vendor}), {len(stored)} tệp đã lưu."
        )
