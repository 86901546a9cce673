"""The common central issuing bodies, so that a Politburo conclusion is attributed to the Politburo from
the first day. Local bodies (a province's People's Committee) are added by the administrators. Existing
documents are left as they were: their numbers and issuers do not change."""

from django.db import migrations

CENTRAL = [
    ("BCT", "Bộ Chính trị", "central_party"),
    ("BCHTW", "Ban Chấp hành Trung ương Đảng", "central_party"),
    ("BBT", "Ban Bí thư", "central_party"),
    ("UBKTTW", "Ủy ban Kiểm tra Trung ương", "central_party"),
    ("BTCTW", "Ban Tổ chức Trung ương", "central_party"),
    ("BTGDVTW", "Ban Tuyên giáo và Dân vận Trung ương", "central_party"),
    ("VPTW", "Văn phòng Trung ương Đảng", "central_party"),
    ("DUCP", "Đảng ủy Chính phủ", "central_party"),
    ("QH", "Quốc hội", "central_state"),
    ("UBTVQH", "Ủy ban Thường vụ Quốc hội", "central_state"),
    ("CTN", "Chủ tịch nước", "central_state"),
    ("CP", "Chính phủ", "central_state"),
    ("TTG", "Thủ tướng Chính phủ", "central_state"),
]


def seed(apps, schema_editor):  # type: ignore[no-untyped-def]
    IssuingBody = apps.get_model("resolutions", "IssuingBody")
    for code, name, level in CENTRAL:
        IssuingBody.objects.get_or_create(code=code, defaults={"name": name, "level": level})


def unseed(apps, schema_editor):  # type: ignore[no-untyped-def]
    IssuingBody = apps.get_model("resolutions", "IssuingBody")
    IssuingBody.objects.filter(code__in=[c for c, _n, _l in CENTRAL], documents__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [("resolutions", "0005_issuing_bodies_citations_task_bases")]
    operations = [migrations.RunPython(seed, unseed)]
