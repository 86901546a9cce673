"""API keys are stored as digests: the key is shown once, never kept, and works until replaced or revoked."""

from __future__ import annotations

import importlib
from datetime import UTC, datetime, timedelta
from io import StringIO
from typing import Any

from django.apps import apps
from django.contrib.admin.models import ADDITION, LogEntry
from django.contrib.auth.models import Permission, User
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.db import connection
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from committees import services
from committees.models import ApiKey


def api_with(key: str) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    return client


def test_the_database_holds_no_clear_key(alice: User) -> None:
    key = services.api_token_issue(user=alice, acting_user=alice)
    assert api_with(key).get(reverse("api:target-list")).status_code == 200
    dump = StringIO()
    call_command("dumpdata", stdout=dump)
    assert key not in dump.getvalue()
    assert ApiKey.objects.get(user=alice).digest in dump.getvalue()


def test_only_the_shown_key_authenticates(alice: User) -> None:
    key = services.api_token_issue(user=alice, acting_user=None)
    stored = ApiKey.objects.get(user=alice)
    assert api_with(key).get(reverse("api:target-list")).status_code == 200
    wrong = key[:-1] + ("A" if key[-1] != "A" else "B")
    for attempt in (wrong, stored.digest, stored.prefix, key.upper()):
        response = api_with(attempt).get(reverse("api:target-list"))
        assert response.status_code == 401, attempt
        assert response.json()["detail"] == "Khóa API không hợp lệ hoặc đã bị thu hồi."


def test_a_new_key_replaces_the_old_and_an_inactive_users_key_stops(alice: User) -> None:
    old = services.api_token_issue(user=alice, acting_user=None)
    new = services.api_token_issue(user=alice, acting_user=None)
    assert ApiKey.objects.filter(user=alice).count() == 1
    assert api_with(old).get(reverse("api:target-list")).status_code == 401
    assert api_with(new).get(reverse("api:target-list")).status_code == 200
    alice.is_active = False
    alice.save()
    assert api_with(new).get(reverse("api:target-list")).status_code == 401


def test_last_use_is_stamped_at_most_once_a_minute(alice: User, django_assert_num_queries: Any) -> None:
    key = services.api_token_issue(user=alice, acting_user=None)
    assert ApiKey.objects.get(user=alice).last_used is None
    api = api_with(key)
    api.get(reverse("api:organisation-list"))
    first = ApiKey.objects.get(user=alice).last_used
    assert first is not None and timezone.now() - first < timedelta(seconds=5)
    api.get(reverse("api:organisation-list"))
    assert ApiKey.objects.get(user=alice).last_used == first
    ApiKey.objects.filter(user=alice).update(last_used=first - services.API_KEY_USED_EVERY)
    api.get(reverse("api:organisation-list"))
    assert ApiKey.objects.get(user=alice).last_used > first  # type: ignore[operator]


def test_authtoken_keys_become_digests_and_every_clear_copy_goes(alice: User) -> None:
    """Migration committees 0005 on a database that had REST framework's authtoken: the systems using the
    old key go on working, and the key is nowhere in clear (its table, the admin's log, content types)."""
    old_key = "0123456789abcdef0123456789abcdef01234567"
    made = datetime(2025, 3, 1, 8, 30, tzinfo=UTC)
    postgresql = connection.vendor == "postgresql"
    with connection.cursor() as cursor:
        cursor.execute(
            "CREATE TABLE authtoken_token (key varchar(40) PRIMARY KEY, created "
            + ("timestamp with time zone" if postgresql else "datetime")
            + " NOT NULL, user_id integer NOT NULL)"
        )
        # As Django stores it: SQLite gets the UTC time as text, without its zone.
        cursor.execute(
            "INSERT INTO authtoken_token (key, created, user_id) VALUES (%s, %s, %s)",
            [old_key, made if postgresql else "2025-03-01 08:30:00", alice.pk],
        )
        cursor.execute(
            "INSERT INTO django_migrations (app, name, applied) VALUES (%s, %s, %s)",
            ["authtoken", "0001_initial", timezone.now()],
        )
    token_type = ContentType.objects.create(app_label="authtoken", model="token")
    Permission.objects.create(content_type=token_type, codename="view_token", name="Can view token")
    LogEntry.objects.create(
        user=alice,
        content_type=token_type,
        object_id=old_key,
        object_repr=old_key,
        action_flag=ADDITION,
    )

    migration = importlib.import_module("committees.migrations.0005_api_keys_hashed")
    # Not entered: SQLite's schema editor refuses to start inside the test's transaction, and the step
    # needs only its execute and quote_name.
    migration.keys_to_digests(apps, connection.schema_editor())

    stored = ApiKey.objects.get(user=alice)
    assert (stored.prefix, stored.digest, stored.created) == (old_key[:8], ApiKey.digest_of(old_key), made)
    assert api_with(old_key).get(reverse("api:target-list")).status_code == 200
    assert "authtoken_token" not in connection.introspection.table_names()
    assert not ContentType.objects.filter(app_label="authtoken").exists()
    assert not LogEntry.objects.filter(object_repr=old_key).exists()
    with connection.cursor() as cursor:
        cursor.execute("SELECT COUNT(*) FROM django_migrations WHERE app = %s", ["authtoken"])
        assert cursor.fetchone()[0] == 0
    dump = StringIO()
    call_command("dumpdata", stdout=dump)
    assert old_key not in dump.getvalue()
