# Notice and WorkerPing move from committees to core with their tables (committees_notice,
# committees_workerping): only Django's state changes, the database keeps the tables and rows.

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
        ('committees', '0008_vietnamese_field_labels'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.CreateModel(
                    name='WorkerPing',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('requested_at', models.DateTimeField(auto_now_add=True, verbose_name='thời điểm hỏi')),
                        ('answered_at', models.DateTimeField(blank=True, null=True, verbose_name='thời điểm trả lời')),
                        ('answered_by', models.CharField(blank=True, max_length=255, verbose_name='tiến trình trả lời')),
                    ],
                    options={
                        'verbose_name': 'kiểm tra tiến trình nền',
                        'verbose_name_plural': 'kiểm tra tiến trình nền',
                        'db_table': 'committees_workerping',
                    },
                ),
                migrations.CreateModel(
                    name='Notice',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='thời điểm')),
                        ('subject', models.CharField(max_length=255, verbose_name='tiêu đề')),
                        ('body', models.TextField(blank=True, verbose_name='nội dung')),
                        ('url', models.CharField(blank=True, max_length=255, verbose_name='đường dẫn')),
                        ('read_at', models.DateTimeField(blank=True, null=True, verbose_name='đã đọc lúc')),
                        ('user', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='notices', to=settings.AUTH_USER_MODEL, verbose_name='người dùng')),
                    ],
                    options={
                        'verbose_name': 'thông báo',
                        'verbose_name_plural': 'thông báo',
                        'db_table': 'committees_notice',
                        'ordering': ['-created_at', '-id'],
                        'indexes': [models.Index(fields=['user', 'read_at'], name='committees__user_id_12f318_idx')],
                    },
                ),
            ],
        ),
    ]
