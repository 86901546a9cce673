"""The record of a background import of the exchange workbook."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ImportStatus(models.TextChoices):
    QUEUED = "queued", _("Đang chờ")
    RUNNING = "running", _("Đang nhập")
    DONE = "done", _("Đã nhập xong")
    FAILED = "failed", _("Không nhập được")


class ImportRun(models.Model):
    """One uploaded exchange workbook, imported by a worker: the row its page polls.

    Imported as the uploader, so their scope applies; all or nothing, as in the page before. The file is
    kept only until the run ends: a workbook can hold members' personal data."""

    status = models.CharField(
        _("trạng thái"), max_length=8, choices=ImportStatus.choices, default=ImportStatus.QUEUED
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người tải lên"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    file = models.FileField(_("tệp"), upload_to="imports/", blank=True)
    file_name = models.CharField(_("tên tệp"), max_length=255)
    size = models.PositiveIntegerField(_("dung lượng (byte)"), default=0)
    requested_at = models.DateTimeField(_("yêu cầu lúc"), auto_now_add=True)
    started_at = models.DateTimeField(_("bắt đầu lúc"), null=True, blank=True)
    finished_at = models.DateTimeField(_("xong lúc"), null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(_("số lần chạy"), default=0)
    # Rows of data checked so far, of all the workbook's sheets.
    rows_done = models.PositiveIntegerField(_("số dòng đã kiểm tra"), default=0)
    rows_total = models.PositiveIntegerField(_("tổng số dòng"), default=0)
    created = models.JSONField(_("dòng thêm mới"), default=dict, blank=True)  # sheet → rows added
    updated = models.JSONField(_("dòng cập nhật"), default=dict, blank=True)  # sheet → rows changed
    problems = models.JSONField(
        _("lỗi theo dòng"), default=list, blank=True
    )  # [{sheet, row, column, message}]
    error = models.TextField(_("lỗi"), blank=True)  # the file itself could not be read, or the run broke

    class Meta:
        db_table = "reports_importrun"  # made by reports before exchange existed
        verbose_name = _("lần nhập tệp Excel")
        verbose_name_plural = _("lần nhập tệp Excel")
        ordering = ["-requested_at", "-id"]
        indexes = [models.Index(fields=["status", "started_at"])]

    def __str__(self) -> str:
        return f"{self.file_name} ({self.status})"

    @property
    def percent(self) -> int:
        return 100 * self.rows_done // self.rows_total if self.rows_total else 0

    @property
    def saving(self) -> bool:
        """Every row checked and the run still going: it is writing, in one transaction."""
        return (
            self.status == ImportStatus.RUNNING and self.rows_total > 0 and self.rows_done >= self.rows_total
        )
