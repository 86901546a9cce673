"""API keys stored as digests (committees.ApiKey) instead of REST framework's authtoken, which kept them clear.

The keys of rest_framework.authtoken (no longer installed) become digests, so the systems using them go on
working; then its table is dropped, and with it every clear key: the admin's log of token changes (a token's
name and id were its key) and the app's content types and permissions go too.
"""

import hashlib
from datetime import UTC

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models


def keys_to_digests(apps, schema_editor):
    connection = schema_editor.connection
    if "authtoken_token" not in connection.introspection.table_names():
        return
    ApiKey = apps.get_model("committees", "ApiKey")
    with connection.cursor() as cursor:
        cursor.execute("SELECT key, user_id, created FROM authtoken_token")
        rows = cursor.fetchall()
    keys = []
    for key, user_id, created in rows:
        # SQLite hands back the stored UTC time without its zone.
        if created is not None and created.tzinfo is None:
            created = created.replace(tzinfo=UTC)
        # As committees.models.ApiKey.digest_of (a migration keeps its own copy of what it computes).
        digest = hashlib.sha256(key.encode()).hexdigest()
        keys.append(ApiKey(user_id=user_id, prefix=key[:8], digest=digest, created=created))
    ApiKey.objects.using(connection.alias).bulk_create(keys)
    schema_editor.execute("DROP TABLE " + schema_editor.quote_name("authtoken_token"))
    ContentType = apps.get_model("contenttypes", "ContentType")
    LogEntry = apps.get_model("admin", "LogEntry")
    types = ContentType.objects.using(connection.alias).filter(app_label="authtoken")
    LogEntry.objects.using(connection.alias).filter(content_type__in=types).delete()
    types.delete()  # and their permissions
    with connection.cursor() as cursor:
        # So that installing authtoken again would create its table again.
        cursor.execute("DELETE FROM django_migrations WHERE app = %s", ["authtoken"])


class Migration(migrations.Migration):

    dependencies = [
        ('committees', '0004_reporting_cycle'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
        ('admin', '0003_logentry_add_action_flag_choices'),
        ('contenttypes', '0002_remove_content_type_name'),
        ('auth', '0012_alter_user_first_name_max_length'),
    ]

    operations = [
        migrations.CreateModel(
            name='ApiKey',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('prefix', models.CharField(max_length=8, verbose_name='đầu khóa')),
                ('digest', models.CharField(editable=False, max_length=64, unique=True)),
                ('created', models.DateTimeField(default=django.utils.timezone.now, verbose_name='tạo lúc')),
                ('last_used', models.DateTimeField(blank=True, null=True, verbose_name='dùng lần cuối')),
                ('user', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, related_name='api_key', to=settings.AUTH_USER_MODEL, verbose_name='người dùng')),
            ],
            options={
                'verbose_name': 'khóa API',
                'verbose_name_plural': 'khóa API',
            },
        ),
        migrations.RunPython(keys_to_digests, migrations.RunPython.noop),
    ]
