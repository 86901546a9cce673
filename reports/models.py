"""Meetings (hội nghị), reports (báo cáo) and the runs that render them to PDF."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from committees.models import Organisation, Term
from core.fields import CodeField, NameField, ProseField, TitleField
from core.vn import fold, format_date
from resolutions.models import Document, Task


class MeetingKind(models.TextChoices):
    """What kind of meeting it is: decides its name, who concludes and who signs its notice."""

    BCH = "bch", _("Hội nghị Ban Chấp hành")
    BTV = "btv", _("Hội nghị Ban Thường vụ")
    STANDING = "standing", _("Họp Thường trực")
    CELL = "cell", _("Sinh hoạt chi bộ định kỳ")
    THEMATIC = "thematic", _("Sinh hoạt chuyên đề")
    INSPECTION = "inspection", _("Làm việc với đoàn kiểm tra")


# The fields of a meeting its secretary writes (the form, meeting_create and meeting_update).
MEETING_FIELDS = (
    "kind",
    "term",
    "number",
    "extended",
    "held_on",
    "place",
    "chair",
    "secretary",
    "agenda",
    "discussion",
    "conclusions",
    "notice_number",
    "notice_dated",
    "notice_signer_authority",
    "notice_signer_title",
    "notice_signer_name",
)


class Meeting(models.Model):
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("tổ chức"), on_delete=models.PROTECT, related_name="meetings"
    )
    term = models.ForeignKey(
        Term,
        verbose_name=_("nhiệm kỳ"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="meetings",
    )
    kind = models.CharField(
        _("loại hội nghị"), max_length=16, choices=MeetingKind.choices, default=MeetingKind.BCH
    )
    number = models.PositiveIntegerField(_("lần thứ"), null=True, blank=True)
    extended = models.BooleanField(_("mở rộng"), default=False)
    held_on = models.DateField(_("ngày họp"))
    place = NameField(_("địa điểm"), max_length=255, blank=True)
    chair = NameField(_("chủ trì"), max_length=255, blank=True)
    agenda = ProseField(_("chương trình"), blank=True)
    secretary = NameField(_("thư ký hội nghị"), max_length=255, blank=True)
    discussion = ProseField(_("ý kiến thảo luận"), blank=True)
    # One conclusion per line: each can become a tracked task (ConclusionTask).
    conclusions = ProseField(_("kết luận"), blank=True)
    # The conclusion notice (Thông báo kết luận …-TB/…): blank number = a draft.
    notice_number = CodeField(_("số thông báo kết luận"), max_length=64, blank=True)
    notice_dated = models.DateField(_("ngày thông báo kết luận"), null=True, blank=True)
    notice_signer_authority = NameField(_("thẩm quyền ký thông báo"), max_length=64, blank=True)
    notice_signer_title = NameField(_("chức vụ người ký thông báo"), max_length=64, blank=True)
    notice_signer_name = NameField(_("người ký thông báo"), max_length=128, blank=True)
    # The notice as a document of record, created when the first conclusion becomes a task: the tasks'
    # basis, so the task pages (resolutions) show where a task came from without importing reports.
    notice_document = models.ForeignKey(
        Document,
        verbose_name=_("văn bản thông báo kết luận"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="meeting_notices",
    )

    class Meta:
        verbose_name = _("hội nghị")
        verbose_name_plural = _("hội nghị")
        ordering = ["-held_on", "-id"]

    def __str__(self) -> str:
        return f"{self.organisation} — {format_date(self.held_on)}"


class MeetingAttendee(models.Model):
    """A person at a meeting: a member of the committee, or an invited guest with their title."""

    meeting = models.ForeignKey(
        Meeting, verbose_name=_("hội nghị"), on_delete=models.CASCADE, related_name="attendees"
    )
    name = NameField(_("họ và tên"), max_length=128)
    title = NameField(_("chức vụ"), max_length=255, blank=True)
    invited = models.BooleanField(_("khách mời"), default=False)
    position = models.PositiveSmallIntegerField(_("thứ tự"), default=0)

    class Meta:
        verbose_name = _("người dự hội nghị")
        verbose_name_plural = _("người dự hội nghị")
        ordering = ["meeting", "position", "id"]

    def __str__(self) -> str:
        return f"{self.name} — {self.title}" if self.title else self.name


class ConclusionTask(models.Model):
    """A conclusion of a meeting (its line number in `Meeting.conclusions`) turned into a tracked task.

    Kept here, on the reports side, because reports may import resolutions and not the reverse."""

    meeting = models.ForeignKey(
        Meeting, verbose_name=_("hội nghị"), on_delete=models.CASCADE, related_name="conclusion_tasks"
    )
    position = models.PositiveSmallIntegerField(_("kết luận thứ"))
    task = models.OneToOneField(
        Task, verbose_name=_("nhiệm vụ"), on_delete=models.CASCADE, related_name="meeting_conclusion"
    )

    class Meta:
        verbose_name = _("nhiệm vụ từ kết luận hội nghị")
        verbose_name_plural = _("nhiệm vụ từ kết luận hội nghị")
        ordering = ["meeting", "position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "position"], name="conclusion_task_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.meeting} — {self.position}"


class ReportKind(models.TextChoices):
    SEMI_ANNUAL = "semi_annual", _("Sơ kết 6 tháng đầu năm")
    NINE_MONTHS = "nine_months", _("9 tháng")
    ANNUAL = "annual", _("Tổng kết năm")
    TERM_REVIEW = "term_review", _("Tổng kết nhiệm kỳ")
    RESOLUTION = "resolution", _("Sơ kết, tổng kết thực hiện nghị quyết")


# The fields of a report its authors write (the form and report_update): the rest is set by the services.
REPORT_EDITABLE = (
    "title",
    "cut_off",
    "place",
    "dated",
    "signer_authority",
    "signer_title",
    "signer_name",
    "recipients",
    "results",
    "limitations",
    "directions",
    "recommendations",
    "rounding",
)


class Report(models.Model):
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("tổ chức"), on_delete=models.PROTECT, related_name="reports"
    )
    kind = models.CharField(_("loại báo cáo"), max_length=16, choices=ReportKind.choices)
    period = models.CharField(_("kỳ"), max_length=16)
    cut_off = models.DateField(_("số liệu tính đến"))
    number = CodeField(_("số, ký hiệu"), max_length=64, blank=True)
    place = NameField(_("địa danh"), max_length=128, blank=True)
    dated = models.DateField(_("ngày báo cáo"), null=True, blank=True)
    title = TitleField(_("trích yếu"))
    signer_authority = NameField(_("thẩm quyền ký"), max_length=64, default="T/M BAN THƯỜNG VỤ")
    signer_title = NameField(_("chức vụ người ký"), max_length=64, default="BÍ THƯ")
    signer_name = NameField(_("người ký"), max_length=128, blank=True)
    recipients = ProseField(_("nơi nhận"), blank=True)
    results = ProseField(_("kết quả"), blank=True)
    limitations = ProseField(_("hạn chế, nguyên nhân"), blank=True)
    directions = ProseField(_("phương hướng, nhiệm vụ"), blank=True)
    recommendations = ProseField(_("đề xuất, kiến nghị"), blank=True)
    meetings = models.ManyToManyField(Meeting, verbose_name=_("hội nghị"), blank=True, related_name="reports")
    # A review of one resolution (kind RESOLUTION): the document reviewed and the first day of the window,
    # which ends at the cut-off ("sơ kết 3 năm thực hiện Nghị quyết số 04-NQ/TU").
    document = models.ForeignKey(
        Document,
        verbose_name=_("văn bản được sơ kết, tổng kết"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="reviews",
    )
    window_start = models.DateField(_("từ ngày"), null=True, blank=True)
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)
    # Rounding of percentages for this report; blank follows settings.CHITIEU_ROUNDING.
    rounding = models.CharField(
        _("cách làm tròn"),
        max_length=8,
        blank=True,
        choices=[("half_up", _("Làm tròn")), ("truncate", _("Cắt bớt"))],
    )
    # Issued (ban hành) once it has a number: from then on it never changes; re-issuing copies it into
    # a new version that starts as a draft.
    issued_at = models.DateTimeField(_("thời điểm ban hành"), null=True, blank=True)
    version = models.PositiveIntegerField(_("phiên bản"), default=1)
    previous_version = models.OneToOneField(
        "self",
        verbose_name=_("phiên bản trước"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="next_version",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người tạo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("báo cáo")
        verbose_name_plural = _("báo cáo")
        ordering = ["-cut_off", "-id"]
        indexes = [models.Index(fields=["organisation", "period", "kind"])]

    def __str__(self) -> str:
        return self.heading

    @property
    def heading(self) -> str:
        """The report's name as written on its first page, "Báo cáo" and then its trích yếu, in full:
        "Báo cáo kết quả công tác xây dựng Đảng 6 tháng đầu năm, …". A trích yếu that already starts
        with the word keeps it once."""
        title = self.title.strip()
        if fold(title).startswith("bao cao"):
            return title[:1].upper() + title[1:]
        return f"{gettext('Báo cáo')} {title}"

    @property
    def is_issued(self) -> bool:
        return self.issued_at is not None


class RunStatus(models.TextChoices):
    QUEUED = "queued", _("Đang chờ")
    RUNNING = "running", _("Đang tạo")
    DONE = "done", _("Hoàn thành")
    FAILED = "failed", _("Lỗi")


class ReportRun(models.Model):
    """One request to render a report: the row the UI polls, claimed once by a worker."""

    report = models.ForeignKey(
        Report, verbose_name=_("báo cáo"), on_delete=models.CASCADE, related_name="runs"
    )
    status = models.CharField(
        _("trạng thái"), max_length=8, choices=RunStatus.choices, default=RunStatus.QUEUED
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người yêu cầu"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    requested_at = models.DateTimeField(_("yêu cầu lúc"), auto_now_add=True)
    started_at = models.DateTimeField(_("bắt đầu lúc"), null=True, blank=True)
    finished_at = models.DateTimeField(_("xong lúc"), null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(_("số lần chạy"), default=0)
    progress = models.PositiveSmallIntegerField(_("tiến độ (%)"), default=0)
    error = models.TextField(_("lỗi"), blank=True)
    pdf = models.FileField(_("tệp PDF"), upload_to="reports/%Y/", blank=True)
    # The same text as a Word file, built by the same run from the same context (docs/word-export.md).
    docx = models.FileField(_("tệp Word"), upload_to="reports/%Y/", blank=True)
    sha256 = models.CharField(max_length=64, blank=True)
    version = models.PositiveIntegerField(_("phiên bản"), default=1)
    # Rendered after the report was issued: its PDF is the official, immutable one.
    official = models.BooleanField(_("bản chính thức"), default=False)
    # The data date rendered, when it differs from the report's (manage.py render_report --cut-off).
    cut_off = models.DateField(_("số liệu tính đến"), null=True, blank=True)

    class Meta:
        verbose_name = _("lần xuất báo cáo")
        verbose_name_plural = _("lần xuất báo cáo")
        ordering = ["-requested_at", "-id"]
        indexes = [models.Index(fields=["status", "started_at"])]

    def __str__(self) -> str:
        return f"{self.report} v{self.version} ({self.status})"
