"""The shared records: a user's notices and the worker's heartbeat."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class WorkerPing(models.Model):
    """A round trip through the broker: the web side asks, a worker answers. Shows the worker is alive."""

    requested_at = models.DateTimeField(auto_now_add=True, verbose_name=_("thời điểm hỏi"))
    answered_at = models.DateTimeField(null=True, blank=True, verbose_name=_("thời điểm trả lời"))
    answered_by = models.CharField(max_length=255, blank=True, verbose_name=_("tiến trình trả lời"))

    class Meta:
        db_table = "committees_workerping"  # made by committees before core existed
        verbose_name = _("kiểm tra tiến trình nền")
        verbose_name_plural = _("kiểm tra tiến trình nền")

    def __str__(self) -> str:
        return f"ping {self.pk}"


class Notice(models.Model):
    """A message for one user shown in the app (reminders of the reporting cycle, for instance)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notices",
        verbose_name=_("người dùng"),
    )
    created_at = models.DateTimeField(_("thời điểm"), auto_now_add=True)
    subject = models.CharField(_("tiêu đề"), max_length=255)
    body = models.TextField(_("nội dung"), blank=True)
    url = models.CharField(_("đường dẫn"), max_length=255, blank=True)
    read_at = models.DateTimeField(_("đã đọc lúc"), null=True, blank=True)

    class Meta:
        db_table = "committees_notice"  # made by committees before core existed
        verbose_name = _("thông báo")
        verbose_name_plural = _("thông báo")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["user", "read_at"])]

    def __str__(self) -> str:
        return self.subject
