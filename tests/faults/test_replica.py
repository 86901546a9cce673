"""Reads from a real streaming replica, and back on the primary after a write (config/db_router.py).

A private primary (initdb) and a replica cloned from it with `pg_basebackup -R` (streaming replication),
both on free ports. Replay on the replica is paused, so that whatever is written next exists on the
primary only: a page read from the replica cannot show it. The product runs in a separate process with
DATABASE_URL and DATABASE_REPLICA_URLS pointing at them, through django.test.Client.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.faults.services import PG_BIN, ROOT, PostgresServer, product_env

pytestmark = [pytest.mark.faults]

SCRIPT = r"""
import json, time
import django
django.setup()
from datetime import date
from django.db import connections
from django.test import Client
from django.urls import reverse
from committees import services
from tests.conftest import make_user

# Waits until the replica has replayed everything the primary has committed so far. By position in the
# write-ahead log, not by looking for a row: a row can be on the replica in an older version (the login's
# session is created empty, then saved with the user in a second commit: seen as a 302 to the login page).
# The insert position, not the write position: with synchronous_commit off, a commit can be inserted in
# the log and not yet written when the query runs (seen as a member missing on the replica after it).
def caught_up():
    with connections["default"].cursor() as cursor:
        cursor.execute("SELECT pg_current_wal_insert_lsn()")
        target = cursor.fetchone()[0]
    deadline = time.monotonic() + 60
    while True:
        with connections["replica1"].cursor() as cursor:
            cursor.execute("SELECT pg_last_wal_replay_lsn() >= %s::pg_lsn", [target])
            if cursor.fetchone()[0]:
                return
        assert time.monotonic() < deadline, "the replica did not catch up"
        time.sleep(0.2)

root = services.organisation_create(code="TU-R", kind="provincial", name="Tỉnh ủy Bản sao", acting_user=None)
cell = services.organisation_create(code="CB-R", kind="cell", parent=root, name="Chi bộ Bản sao",
                                    acting_user=None)
user = make_user("olga", root, "admin")
client = Client()
client.force_login(user)
caught_up()
with connections["replica1"].cursor() as cursor:
    cursor.execute("SELECT pg_wal_replay_pause()")
out = {}
# Written after the pause: on the primary only.
services.organisation_create(code="CB-MOI", kind="cell", parent=root, name="Chi bộ Mới Lập", acting_user=None)
out["list_from_replica_shows_new"] = "Chi bộ Mới Lập" in client.get(reverse("committees:organisation_list")).text
response = client.post(reverse("committees:member_create"), {
    "full_name": "Đặng Thị Mới", "gender": "female", "birth_date": "2/4/1990", "ethnicity": "Tày",
    "religion": "", "organisation": cell.pk, "status": "official", "admitted_on": "1/2/2015",
    "official_on": "1/2/2016",
})
out["post_status"] = response.status_code
out["stamped"] = "chitieu_primary_until" in response.cookies
detail = response.headers.get("Location", "")
out["detail_after_write"] = client.get(detail).status_code
out["list_after_write_shows_new"] = "Chi bộ Mới Lập" in client.get(reverse("committees:organisation_list")).text
client.cookies.pop("chitieu_primary_until")
out["detail_from_replica"] = client.get(detail).status_code
with connections["replica1"].cursor() as cursor:
    cursor.execute("SELECT pg_wal_replay_resume()")
caught_up()
out["detail_once_replayed"] = client.get(detail).status_code
print(json.dumps(out))
"""


def test_pages_read_a_streaming_replica_and_the_primary_after_a_write(static_root: Path) -> None:
    primary = PostgresServer()
    replica = PostgresServer()
    try:
        primary.init()
        primary.start()
        primary.createdb("chitieu")
        replica._run(
            str(PG_BIN / "pg_basebackup"), "-h", "127.0.0.1", "-p", str(primary.port), "-U", "postgres",
            "-D", str(replica.data), "-R", "-X", "stream", "--no-sync",
        )  # fmt: skip
        # The copy names the primary's port and socket folder: the replica's own come after, and win.
        with (replica.data / "postgresql.auto.conf").open("a") as conf:
            conf.write(f"port = {replica.port}\nunix_socket_directories = '{replica.folder}'\n")
        (replica.data / "postmaster.pid").unlink(missing_ok=True)
        replica.start()
        env = product_env(
            DATABASE_URL=primary.url("chitieu"),
            DATABASE_REPLICA_URLS=replica.url("chitieu"),
            DATABASE_POOL="false",
            DJANGO_SETTINGS_MODULE="config.settings",
            DJANGO_ALLOWED_HOSTS="testserver",
            STATIC_ROOT=str(static_root),
            CHITIEU_VAR_DIR=str(primary.folder / "var"),
            REDIS_URL="",
        )
        subprocess.run([sys.executable, "manage.py", "migrate", "-v", "0"], cwd=ROOT, env=env, check=True)
        run = subprocess.run(
            [sys.executable, "-c", SCRIPT], cwd=ROOT, env=env, capture_output=True, text=True, timeout=300
        )
        assert run.returncode == 0, run.stderr[-3000:]
        seen = json.loads(run.stdout.strip().splitlines()[-1])
        assert seen == {
            "list_from_replica_shows_new": False,  # read from the replica, where replay is paused
            "post_status": 302,
            "stamped": True,
            "detail_after_write": 200,  # the saved member, read from the primary
            "list_after_write_shows_new": True,
            "detail_from_replica": 404,  # without the stamp: the replica, which has not got it yet
            "detail_once_replayed": 200,
        }
    finally:
        replica.destroy()
        primary.destroy()
