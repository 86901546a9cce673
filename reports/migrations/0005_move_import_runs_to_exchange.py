# ImportRun now belongs to exchange (exchange 0001), which keeps its table: state only here.

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('reports', '0004_field_verbose_names_for_history'),
        ('exchange', '0001_move_import_runs_to_exchange'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.RemoveIndex(
                    model_name='importrun',
                    name='reports_imp_status_490911_idx',
                ),
                migrations.DeleteModel(
                    name='ImportRun',
                ),
            ],
        ),
    ]
