from django.db import migrations


def create_unaccent(apps, schema_editor):
    # Diacritic-insensitive search on PostgreSQL; SQLite searches a folded column instead.
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("CREATE EXTENSION IF NOT EXISTS unaccent")


class Migration(migrations.Migration):
    dependencies = [("committees", "0001_initial")]
    operations = [migrations.RunPython(create_unaccent, migrations.RunPython.noop)]
