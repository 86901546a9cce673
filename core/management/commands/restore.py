"""manage.py restore FOLDER — put a backup made by `manage.py backup` into an EMPTY instance.

The configured database must have no tables yet (a new PostgreSQL database, or a SQLite file that does
not exist) and MEDIA_ROOT must hold no file: restore never overwrites anything. Every file is checked
against the SHA-256 in the backup's manifest, before and after it is put back.
"""

from __future__ import annotations

import json
import sqlite3
import subprocess
import tarfile
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection

from core.management.commands.backup import (
    MANIFEST,
    PG_FILE,
    SQLITE_FILE,
    pg_environment,
    pg_tool,
    sha256_of,
)


class Command(BaseCommand):
    help = "Khôi phục bản sao lưu (cơ sở dữ liệu và tệp đã lưu) vào một hệ thống trống."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("folder", type=Path, help="Thư mục do lệnh backup tạo ra")

    def handle(self, *args: Any, folder: Path, **options: Any) -> None:
        try:
            manifest = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
        except (OSError, ValueError) as error:
            raise CommandError(f"Không đọc được {folder / MANIFEST}: {error}") from None
        if manifest["engine"] != connection.vendor:
            raise CommandError(
                f"Bản sao lưu là của {manifest['engine']}, hệ thống này dùng {connection.vendor}."
            )
        database = folder / manifest["database"]["file"]
        media = folder / manifest["media"]["file"]
        for path, expected in (
            (database, manifest["database"]["sha256"]),
            (media, manifest["media"]["sha256"]),
        ):
            if not path.exists() or sha256_of(path) != expected:
                raise CommandError(f"Tệp {path} bị thiếu hoặc không khớp mã kiểm tra SHA-256.")

        if connection.introspection.table_names():
            raise CommandError("Cơ sở dữ liệu đích đã có bảng: chỉ khôi phục vào cơ sở dữ liệu trống.")
        media_root = Path(settings.MEDIA_ROOT)
        if media_root.exists() and any(p.is_file() for p in media_root.rglob("*")):
            raise CommandError(f"Thư mục {media_root} đã có tệp: chỉ khôi phục vào thư mục trống.")

        if connection.vendor == "sqlite":
            if database.name != SQLITE_FILE:
                raise CommandError(f"Bản sao lưu SQLite phải là {SQLITE_FILE}.")
            source = sqlite3.connect(database)
            try:
                connection.ensure_connection()
                source.backup(connection.connection)
            finally:
                source.close()
        else:
            if database.name != PG_FILE:
                raise CommandError(f"Bản sao lưu PostgreSQL phải là {PG_FILE}.")
            connection.close()  # pg_restore needs no session of ours holding the database
            connection_args, env = pg_environment(connection.settings_dict)
            result = subprocess.run(
                [
                    pg_tool("pg_restore"),
                    "--no-owner",
                    "--no-acl",
                    "--exit-on-error",
                    *connection_args,
                    str(database),
                ],
                env=env,
                capture_output=True,
                text=True,
            )
            if result.returncode != 0:
                raise CommandError(f"pg_restore thất bại: {result.stderr.strip()}")

        expected_files: dict[str, str] = manifest["media"]["files"]
        media_root.mkdir(parents=True, exist_ok=True)
        with tarfile.open(media) as tar:
            members = tar.getmembers()
            if sorted(m.name for m in members) != sorted(expected_files):
                raise CommandError("Danh sách tệp trong media.tar không khớp với manifest.json.")
            tar.extractall(media_root, filter="data")  # refuses absolute paths and ".." in names
        for name, expected in expected_files.items():
            if sha256_of(media_root / name) != expected:
                raise CommandError(f"Tệp {name} sau khi khôi phục không khớp mã kiểm tra SHA-256.")
        self.stdout.write(
            f"Đã khôi phục từ {folder}: cơ sở dữ liệu ({connection.vendor}), {len(expected_files)} tệp đã lưu."
        )
