# ImportRun moves from reports to exchange with its table (reports_importrun): only Django's state
# changes, the database keeps the table and its rows.

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
        ('reports', '0004_field_verbose_names_for_history'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.CreateModel(
                    name='ImportRun',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('status', models.CharField(choices=[('queued', 'Đang chờ'), ('running', 'Đang nhập'), ('done', 'Đã nhập xong'), ('failed', 'Không nhập được')], default='queued', max_length=8, verbose_name='trạng thái')),
                        ('file', models.FileField(blank=True, upload_to='imports/', verbose_name='tệp')),
                        ('file_name', models.CharField(max_length=255, verbose_name='tên tệp')),
                        ('size', models.PositiveIntegerField(default=0, verbose_name='dung lượng (byte)')),
                        ('requested_at', models.DateTimeField(auto_now_add=True, verbose_name='yêu cầu lúc')),
                        ('started_at', models.DateTimeField(blank=True, null=True, verbose_name='bắt đầu lúc')),
                        ('finished_at', models.DateTimeField(blank=True, null=True, verbose_name='xong lúc')),
                        ('attempts', models.PositiveSmallIntegerField(default=0, verbose_name='số lần chạy')),
                        ('rows_done', models.PositiveIntegerField(default=0, verbose_name='số dòng đã kiểm tra')),
                        ('rows_total', models.PositiveIntegerField(default=0, verbose_name='tổng số dòng')),
                        ('created', models.JSONField(blank=True, default=dict, verbose_name='dòng thêm mới')),
                        ('updated', models.JSONField(blank=True, default=dict, verbose_name='dòng cập nhật')),
                        ('problems', models.JSONField(blank=True, default=list, verbose_name='lỗi theo dòng')),
                        ('error', models.TextField(blank=True, verbose_name='lỗi')),
                        ('uploaded_by', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='người tải lên')),
                    ],
                    options={
                        'verbose_name': 'lần nhập tệp Excel',
                        'verbose_name_plural': 'lần nhập tệp Excel',
                        'db_table': 'reports_importrun',
                        'ordering': ['-requested_at', '-id'],
                        'indexes': [models.Index(fields=['status', 'started_at'], name='reports_imp_status_490911_idx')],
                    },
                ),
            ],
        ),
    ]
