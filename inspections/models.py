"""Inspection and supervision (kiểm tra, giám sát): programmes, inspections, their teams and subjects.

Điều lệ Đảng chapter VII and Quy định 22-QĐ/TW. A committee, or its inspection commission (ủy ban kiểm tra),
adopts an annual programme of planned items; each inspection or supervision it decides has a decision
(a document of the registry), a team, subjects (organisations and/or members), the documents whose
implementation is reviewed and the window reviewed. Its stages are dated; the status follows the dates.
The conclusion notice (Thông báo kết luận) is a document too, and its recommendations are ordinary
resolutions tasks assigned to the inspected organisations, tracked like every task.

Personal discipline outcomes (kỷ luật) are not stored at all (docs/inspections.md).
"""

from __future__ import annotations

from datetime import date

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from committees.models import Member, Organisation
from core.fields import CodeField, NameField, ProseField, TitleField
from resolutions.models import Document


class Body(models.TextChoices):
    COMMITTEE = "committee", _("Cấp ủy")
    STANDING = "standing", _("Ban Thường vụ")
    COMMISSION = "commission", _("Ủy ban Kiểm tra")


class Mode(models.TextChoices):
    INSPECTION = "inspection", _("Kiểm tra")
    SUPERVISION = "supervision", _("Giám sát")


class Kind(models.TextChoices):
    REGULAR = "regular", _("Thường xuyên")
    THEMATIC = "thematic", _("Chuyên đề")
    SUSPECTED = "suspected", _("Khi có dấu hiệu vi phạm")
    LOWER_LEVEL = "lower_level", _("Việc thực hiện nhiệm vụ kiểm tra của cấp dưới")
    FINANCE = "finance", _("Thu, chi tài chính đảng")


# Supervision (giám sát) is regular or thematic (Quy định 22-QĐ/TW); the other kinds are inspections.
SUPERVISION_KINDS = (Kind.REGULAR, Kind.THEMATIC)


class Status(models.TextChoices):
    """Follows the stage dates (inspections.stages.status_of); stored so that lists can filter on it."""

    PLANNED = "planned", _("Chưa ra quyết định")
    DECIDED = "decided", _("Đã có quyết định")
    NOTIFIED = "notified", _("Đã thông báo cho đối tượng")
    SELF_REPORTED = "self_reported", _("Đối tượng đã báo cáo")
    IN_SESSION = "in_session", _("Đang làm việc")
    TEAM_REPORTED = "team_reported", _("Đoàn đã báo cáo")
    CONCLUDED = "concluded", _("Đã kết luận")
    FOLLOWED_UP = "followed_up", _("Đã kiểm tra việc thực hiện kết luận")


class Programme(models.Model):
    """Chương trình kiểm tra, giám sát of one year, of a committee or of its inspection commission."""

    organisation = models.ForeignKey(
        Organisation, verbose_name=_("cấp ủy"), on_delete=models.PROTECT, related_name="inspection_programmes"
    )
    body = models.CharField(_("cơ quan"), max_length=16, choices=Body.choices, default=Body.COMMITTEE)
    year = models.PositiveSmallIntegerField(_("năm"))
    title = TitleField(_("tên chương trình"))
    document = models.ForeignKey(
        Document,
        verbose_name=_("văn bản ban hành chương trình"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = _("chương trình kiểm tra, giám sát")
        verbose_name_plural = _("chương trình kiểm tra, giám sát")
        ordering = ["-year", "organisation__path", "body"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "body", "year"], name="programme_unique_year"),
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.year})"


class PlannedItem(models.Model):
    """A line of the programme: what is to be inspected or supervised, whom, and in which month."""

    programme = models.ForeignKey(
        Programme, verbose_name=_("chương trình"), on_delete=models.CASCADE, related_name="items"
    )
    mode = models.CharField(_("hình thức"), max_length=16, choices=Mode.choices, default=Mode.INSPECTION)
    kind = models.CharField(_("loại"), max_length=16, choices=Kind.choices)
    title = TitleField(_("nội dung"))
    subject = models.ForeignKey(
        Organisation,
        verbose_name=_("đối tượng"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    planned_month = models.PositiveSmallIntegerField(_("tháng dự kiến"), null=True, blank=True)
    position = models.PositiveSmallIntegerField(_("thứ tự"), default=0)

    class Meta:
        verbose_name = _("nội dung trong chương trình")
        verbose_name_plural = _("nội dung trong chương trình")
        ordering = ["programme", "position", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(planned_month__isnull=True) | Q(planned_month__gte=1, planned_month__lte=12),
                name="planned_item_month_1_12",
            ),
        ]

    def __str__(self) -> str:
        return self.title[:80]


class Inspection(models.Model):
    """One inspection or supervision decided by a committee (or its standing committee, or commission)."""

    # The key of the workbook's rows (reports/sheets_inspections.py): given, or "KT-<id>" once saved.
    code = CodeField(_("mã"), max_length=64, unique=True, null=True, blank=True)
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("cấp ủy quyết định"),
        on_delete=models.PROTECT,
        related_name="inspections",
    )
    body = models.CharField(_("cơ quan"), max_length=16, choices=Body.choices, default=Body.COMMITTEE)
    mode = models.CharField(_("hình thức"), max_length=16, choices=Mode.choices, default=Mode.INSPECTION)
    kind = models.CharField(_("loại"), max_length=16, choices=Kind.choices)
    title = TitleField(_("nội dung"))
    title_folded = models.TextField(editable=False, default="")
    planned_item = models.ForeignKey(
        PlannedItem,
        verbose_name=_("theo chương trình"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="inspections",
    )
    decision = models.ForeignKey(
        Document,
        verbose_name=_("quyết định"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="inspections_decided",
    )
    subject_documents = models.ManyToManyField(
        Document,
        verbose_name=_("văn bản được kiểm tra việc thực hiện"),
        blank=True,
        related_name="inspections",
    )
    window_from = models.DateField(_("thời kỳ kiểm tra từ"), null=True, blank=True)
    window_to = models.DateField(_("thời kỳ kiểm tra đến"), null=True, blank=True)
    # The stages, in the order of Quy định 22-QĐ/TW's procedure.
    decided_on = models.DateField(_("ngày quyết định"), null=True, blank=True)
    notified_on = models.DateField(_("ngày thông báo cho đối tượng"), null=True, blank=True)
    self_report_on = models.DateField(_("ngày đối tượng báo cáo"), null=True, blank=True)
    sessions_from = models.DateField(_("làm việc từ ngày"), null=True, blank=True)
    sessions_to = models.DateField(_("làm việc đến ngày"), null=True, blank=True)
    team_report_on = models.DateField(_("ngày đoàn báo cáo"), null=True, blank=True)
    concluded_on = models.DateField(_("ngày kết luận"), null=True, blank=True)
    status = models.CharField(
        _("tình trạng"), max_length=16, choices=Status.choices, default=Status.PLANNED, editable=False
    )
    # The conclusion notice (Thông báo kết luận), a document of the registry, and its findings.
    conclusion = models.OneToOneField(
        Document,
        verbose_name=_("thông báo kết luận"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="inspection_concluded",
    )
    results = ProseField(_("ưu điểm, kết quả"), blank=True)
    shortcomings = ProseField(_("hạn chế, khuyết điểm"), blank=True)
    violations = ProseField(_("vi phạm (của tổ chức)"), blank=True)
    # The check of how the recommendations were carried out.
    follow_up_on = models.DateField(_("ngày kiểm tra việc thực hiện kết luận"), null=True, blank=True)
    follow_up_notes = ProseField(_("kết quả kiểm tra việc thực hiện kết luận"), blank=True)

    class Meta:
        verbose_name = _("cuộc kiểm tra, giám sát")
        verbose_name_plural = _("cuộc kiểm tra, giám sát")
        ordering = ["-decided_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(window_from__isnull=True)
                | Q(window_to__isnull=True)
                | Q(window_to__gte=models.F("window_from")),
                name="inspection_window_range",
            ),
            models.CheckConstraint(
                condition=Q(mode="inspection") | Q(kind__in=["regular", "thematic"]),
                name="inspection_supervision_kinds",
            ),
        ]
        indexes = [
            models.Index(fields=["-decided_on", "-id"], name="inspection_newest_first")
        ]  # the list's order

    def __str__(self) -> str:
        return f"{self.get_mode_display()} {self.title[:70]}"

    @property
    def stage_dates(self) -> list[tuple[str, date | None]]:
        fields = {f.name: f for f in self._meta.concrete_fields}
        return [(str(fields[name].verbose_name), getattr(self, name)) for name in STAGE_FIELDS]


STAGE_FIELDS = (
    "decided_on",
    "notified_on",
    "self_report_on",
    "sessions_from",
    "sessions_to",
    "team_report_on",
    "concluded_on",
    "follow_up_on",
)


class TeamRole(models.TextChoices):
    LEAD = "lead", _("Trưởng đoàn")
    DEPUTY = "deputy", _("Phó Trưởng đoàn")
    MEMBER = "member", _("Thành viên")
    SECRETARY = "secretary", _("Thư ký đoàn")


class TeamMember(models.Model):
    """A seat on the team: a member of the tree, or a named person (a guest from another body)."""

    inspection = models.ForeignKey(
        Inspection, verbose_name=_("cuộc kiểm tra, giám sát"), on_delete=models.CASCADE, related_name="team"
    )
    role = models.CharField(_("nhiệm vụ trong đoàn"), max_length=16, choices=TeamRole.choices)
    member = models.ForeignKey(
        Member, verbose_name=_("đảng viên"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    person_name = NameField(_("họ và tên"), max_length=128, blank=True)
    title = NameField(_("chức vụ"), max_length=255, blank=True)
    position = models.PositiveSmallIntegerField(_("thứ tự"), default=0)

    class Meta:
        verbose_name = _("thành viên đoàn")
        verbose_name_plural = _("thành viên đoàn")
        ordering = ["inspection", "position", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(member__isnull=False) | ~Q(person_name=""), name="team_member_named"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_role_display()}: {self.display_name}"

    @property
    def display_name(self) -> str:
        return self.member.full_name if self.member_id and self.member else self.person_name


class Subject(models.Model):
    """Who is inspected: an organisation, or a member (then with the organisation they belong to)."""

    inspection = models.ForeignKey(
        Inspection,
        verbose_name=_("cuộc kiểm tra, giám sát"),
        on_delete=models.CASCADE,
        related_name="subjects",
    )
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("tổ chức đảng"), on_delete=models.PROTECT, related_name="inspected_in"
    )
    member = models.ForeignKey(
        Member, verbose_name=_("đảng viên"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("đối tượng kiểm tra, giám sát")
        verbose_name_plural = _("đối tượng kiểm tra, giám sát")
        ordering = ["inspection", "organisation__path", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["inspection", "organisation"],
                condition=Q(member__isnull=True),
                name="subject_org_once",
            ),
            models.UniqueConstraint(
                fields=["inspection", "member"], condition=Q(member__isnull=False), name="subject_member_once"
            ),
        ]

    def __str__(self) -> str:
        return self.member.full_name if self.member_id and self.member else self.organisation.name
