"""Targets (chỉ tiêu) and their readings. How achievement is computed lives in targets/achievement.py."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from committees.models import Organisation
from resolutions.models import Document


class Shape(models.TextChoices):
    COUNT = "count", _("Số lượng nội dung (x/y)")
    QUANTITY = "quantity", _("Số lượng, càng cao càng tốt")
    RATE_FLOOR = "rate_floor", _("Tỷ lệ tối thiểu")
    RATE_CEILING = "rate_ceiling", _("Tỷ lệ tối đa (dưới / không quá)")
    RANGE = "range", _("Khoảng")
    REDUCTION = "reduction", _("Giảm")
    GROWTH = "growth", _("Tăng so với cùng kỳ")
    RANK = "rank", _("Xếp hạng")
    MILESTONE = "milestone", _("Mốc hoàn thành")
    MAINTAIN = "maintain", _("Duy trì")


class ReductionUnit(models.TextChoices):
    POINTS = "points", _("điểm phần trăm")
    PERCENT = "percent", _("phần trăm")


class Target(models.Model):
    code = models.CharField(_("mã"), max_length=64, unique=True)
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("tổ chức"), on_delete=models.PROTECT, related_name="targets"
    )
    title = models.TextField(_("chỉ tiêu"))
    title_folded = models.TextField(editable=False, default="")
    period = models.CharField(
        _("kỳ"), max_length=16, help_text=_("2024, 2024-H1, 2024-Q3, 2024-9M hoặc 2020-2025")
    )
    period_start = models.DateField(editable=False)
    period_end = models.DateField(editable=False)
    shape = models.CharField(_("dạng chỉ tiêu"), max_length=16, choices=Shape.choices)
    unit = models.CharField(_("đơn vị tính"), max_length=32, blank=True)
    planned = models.DecimalField(_("kế hoạch"), max_digits=20, decimal_places=6, null=True, blank=True)
    planned_low = models.DecimalField(
        _("kế hoạch từ"), max_digits=20, decimal_places=6, null=True, blank=True
    )
    planned_high = models.DecimalField(
        _("kế hoạch đến"), max_digits=20, decimal_places=6, null=True, blank=True
    )
    baseline = models.DecimalField(_("giá trị gốc"), max_digits=20, decimal_places=6, null=True, blank=True)
    reduction_unit = models.CharField(
        _("đơn vị giảm"), max_length=8, choices=ReductionUnit.choices, default=ReductionUnit.POINTS
    )
    strict = models.BooleanField(_("giới hạn chặt (dưới)"), default=True)
    rank_out_of = models.PositiveIntegerField(_("trên tổng số"), null=True, blank=True)
    document = models.ForeignKey(
        Document,
        verbose_name=_("văn bản giao"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("chỉ tiêu cha"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    position = models.PositiveIntegerField(_("thứ tự"), default=0)

    class Meta:
        verbose_name = _("chỉ tiêu")
        verbose_name_plural = _("chỉ tiêu")
        ordering = ["organisation", "period_start", "position", "id"]
        indexes = [models.Index(fields=["organisation", "period_start", "period_end"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(planned_low__isnull=True)
                | Q(planned_high__isnull=True)
                | Q(planned_high__gte=models.F("planned_low")),
                name="target_range_ordered",
            ),
        ]

    def __str__(self) -> str:
        return self.title[:80]


class ReadingKind(models.TextChoices):
    ESTIMATE = "estimate", _("Ước thực hiện")
    OFFICIAL = "official", _("Chính thức")


class Reading(models.Model):
    """A value of a target true at `cut_off`. Append-only: a correction is a new row with a reason."""

    target = models.ForeignKey(Target, on_delete=models.CASCADE, related_name="readings")
    cut_off = models.DateField(_("tính đến ngày"))
    value = models.DecimalField(_("giá trị"), max_digits=20, decimal_places=6, null=True, blank=True)
    done = models.BooleanField(_("đạt / hoàn thành"), null=True, blank=True)
    previous = models.DecimalField(
        _("cùng kỳ / xếp hạng trước"), max_digits=20, decimal_places=6, null=True, blank=True
    )
    kind = models.CharField(
        _("loại số liệu"), max_length=8, choices=ReadingKind.choices, default=ReadingKind.OFFICIAL
    )
    note = models.TextField(_("ghi chú"), blank=True)
    reason = models.TextField(_("lý do điều chỉnh"), blank=True)
    supersedes = models.OneToOneField(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="superseded_by"
    )
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    entered_at = models.DateTimeField(_("thời điểm nhập"), auto_now_add=True)
    # Computed by targets/achievement.py when the reading is recorded (or the plan changes), so that
    # dashboards can aggregate in SQL. `is_current` marks the newest reading of its (target, cut_off).
    is_current = models.BooleanField(default=True, editable=False)
    measure = models.DecimalField(max_digits=24, decimal_places=6, null=True, blank=True, editable=False)
    achievement_pct = models.DecimalField(
        max_digits=24, decimal_places=6, null=True, blank=True, editable=False
    )
    status = models.CharField(max_length=16, blank=True, editable=False)

    class Meta:
        verbose_name = _("số liệu")
        verbose_name_plural = _("số liệu")
        ordering = ["target", "cut_off", "entered_at", "id"]
        indexes = [
            models.Index(fields=["target", "cut_off", "id"]),
            models.Index(fields=["target", "is_current", "cut_off"]),
        ]

    def __str__(self) -> str:
        return f"{self.target_id}@{self.cut_off}: {self.value if self.value is not None else self.done}"
