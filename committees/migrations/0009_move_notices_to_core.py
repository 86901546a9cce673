# Notice and WorkerPing now belong to core (core 0001), which keeps their tables: state only here.

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('committees', '0008_vietnamese_field_labels'),
        ('core', '0001_move_notices_to_core'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.RemoveIndex(
                    model_name='notice',
                    name='committees__user_id_12f318_idx',
                ),
                migrations.DeleteModel(
                    name='WorkerPing',
                ),
                migrations.DeleteModel(
                    name='Notice',
                ),
            ],
        ),
    ]
