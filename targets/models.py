"""Targets (chỉ tiêu) and their readings. How achievement is computed lives in targets/outcomes/."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from committees.models import Organisation, OrganisationKind
from core.fields import CodeField, NameField, ProseField, TitleField
from core.vn import format_date, format_number
from resolutions.models import Document
from targets.outcomes.achievement import Shape, is_yes_no
from targets.outcomes.metrics import READINGS, SOURCE_CHOICES

StrOrPromise = str | Promise


# The plan fields a target may carry; which of them each shape uses is SHAPE_FIELDS below.
PLAN_FIELDS = (
    "unit",
    "planned",
    "planned_low",
    "planned_high",
    "baseline",
    "reduction_unit",
    "strict",
    "rank_out_of",
)
# The fields of a target its keepers write (the form and target_update); the code is given once, at creation.
TARGET_EDITABLE = ("title", "period", "shape", *PLAN_FIELDS, "document", "parent", "position", "source")


@dataclass(frozen=True)
class ShapeFields:
    """What the target form asks for one shape: `required` must be given, `optional` may be, every other
    plan field must stay blank. `choice` lists groups of which exactly one is given (a reduction is a
    single planned value or a range)."""

    required: tuple[str, ...]
    optional: tuple[str, ...]
    example: StrOrPromise
    help: StrOrPromise
    choice: tuple[tuple[str, ...], ...] = ()

    @property
    def shown(self) -> tuple[str, ...]:
        grouped = tuple(name for group in self.choice for name in group)
        return tuple(f for f in PLAN_FIELDS if f in (*self.required, *self.optional, *grouped))


# One row per shape (DOMAIN.md §4). The form validates with it, the page shows and hides fields with it
# (rendered as data attributes), and without JavaScript its help is printed under the shape field.
SHAPE_FIELDS: dict[str, ShapeFields] = {
    Shape.COUNT: ShapeFields(
        required=("planned",),
        optional=("unit",),
        example=_("Trình UBND Thành phố 25 nội dung (đơn vị: nội dung; kế hoạch: 25)"),
        help=_("Nhập số nội dung kế hoạch; kết quả là số đã hoàn thành."),
    ),
    Shape.QUANTITY: ShapeFields(
        required=("planned",),
        optional=("unit",),
        example=_("Tạo việc làm mới cho 23.000 lao động (đơn vị: người; kế hoạch: 23.000)"),
        help=_("Nhập số lượng kế hoạch; vượt kế hoạch là vượt chỉ tiêu."),
    ),
    Shape.RATE_FLOOR: ShapeFields(
        required=("planned",),
        optional=("unit",),
        example=_("Tỷ lệ lao động qua đào tạo đạt 67% (đơn vị: %; kế hoạch: 67)"),
        help=_("Nhập tỷ lệ tối thiểu phải đạt."),
    ),
    Shape.RATE_CEILING: ShapeFields(
        required=("planned",),
        optional=("unit", "strict"),
        example=_("Tỷ lệ hộ nghèo không quá 1,5% (đơn vị: %; kế hoạch: 1,5; bỏ chọn «giới hạn chặt»)"),
        help=_("Nhập mức tối đa; chọn «giới hạn chặt» khi văn bản ghi «dưới», bỏ chọn khi ghi «không quá»."),
    ),
    Shape.RANGE: ShapeFields(
        required=("planned_low", "planned_high"),
        optional=("unit",),
        example=_("Có văn bằng, chứng chỉ đạt 33-35% (đơn vị: %; từ 33 đến 35)"),
        help=_("Nhập đầu dưới và đầu trên của khoảng."),
    ),
    Shape.REDUCTION: ShapeFields(
        required=(),
        optional=("unit", "baseline", "reduction_unit"),
        choice=(("planned",), ("planned_low", "planned_high")),
        example=_("Tỷ lệ hộ nghèo giảm 1-1,5% (giá trị gốc: 3,2; từ 1 đến 1,5; điểm phần trăm)"),
        help=_(
            "Nhập mức giảm kế hoạch: một giá trị hoặc một khoảng; giá trị gốc là mức đầu kỳ "
            "(bỏ trống thì dùng số cùng kỳ)."
        ),
    ),
    Shape.GROWTH: ShapeFields(
        required=(),
        optional=("unit", "planned"),
        example=_("Giải quyết việc làm tăng 2,44% so với cùng kỳ (kế hoạch: 2,44)"),
        help=_("Nhập mức tăng kế hoạch (%); bỏ trống thì chỉ cần tăng so với cùng kỳ."),
    ),
    Shape.RANK: ShapeFields(
        required=(),
        optional=("planned", "rank_out_of"),
        example=_("Chỉ số DDCI xếp hạng 9/20 (kế hoạch: 9; trên tổng số: 20)"),
        help=_("Nhập thứ hạng kế hoạch và tổng số đơn vị được xếp hạng; hạng càng nhỏ càng tốt."),
    ),
    Shape.MILESTONE: ShapeFields(
        required=(),
        optional=(),
        example=_("Thành lập Ban chỉ đạo chuyển đổi số trong quý III"),
        help=_("Không cần giá trị kế hoạch: kết quả là hoàn thành hay chưa."),
    ),
    Shape.MAINTAIN: ShapeFields(
        required=(),
        optional=("unit",),
        example=_("100% chi bộ hoàn thành tốt nhiệm vụ trở lên"),
        help=_("Không cần giá trị kế hoạch: kết quả là điều kiện có được duy trì hay không."),
    ),
}


class ReductionUnit(models.TextChoices):
    POINTS = "points", _("điểm phần trăm")
    PERCENT = "percent", _("phần trăm")


class Target(models.Model):
    code = CodeField(_("mã"), max_length=64, unique=True)
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("tổ chức"), on_delete=models.PROTECT, related_name="targets"
    )
    title = TitleField(_("chỉ tiêu"))
    title_folded = models.TextField(editable=False, default="")
    period = models.CharField(
        _("kỳ"), max_length=16, help_text=_("2024, 2024-H1, 2024-Q3, 2024-9M hoặc 2020-2025")
    )
    period_start = models.DateField(editable=False)
    period_end = models.DateField(editable=False)
    shape = models.CharField(_("dạng chỉ tiêu"), max_length=16, choices=Shape.choices)
    unit = NameField(_("đơn vị tính"), max_length=32, blank=True)
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
    # Where the actual comes from: typed readings, or a metric of the registers (targets.outcomes.metrics).
    source = models.CharField(
        _("nguồn số liệu"), max_length=32, choices=SOURCE_CHOICES, default=READINGS, db_default=READINGS
    )

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

    @property
    def yes_no(self) -> bool:
        """Read as done / not done (Reading.done) rather than a value (achievement.is_yes_no)."""
        return is_yes_no(self.shape)

    # Derived from the period by the services: the history shows the period itself.
    AUDIT_HIDDEN = ("period_start", "period_end")

    def audit_name(self) -> str:
        """How the history names this target where a row refers to it: code and title."""
        return f"{self.code} — {self.title[:80]}"


class ReadingKind(models.TextChoices):
    ESTIMATE = "estimate", _("Ước thực hiện")
    OFFICIAL = "official", _("Chính thức")


class Reading(models.Model):
    """A value of a target true at `cut_off`. Append-only: a correction is a new row with a reason."""

    target = models.ForeignKey(
        Target, verbose_name=_("chỉ tiêu"), on_delete=models.CASCADE, related_name="readings"
    )
    cut_off = models.DateField(_("tính đến ngày"))
    value = models.DecimalField(_("giá trị"), max_digits=20, decimal_places=6, null=True, blank=True)
    done = models.BooleanField(_("đạt / hoàn thành"), null=True, blank=True)
    previous = models.DecimalField(
        _("cùng kỳ / xếp hạng trước"), max_digits=20, decimal_places=6, null=True, blank=True
    )
    kind = models.CharField(
        _("loại số liệu"), max_length=8, choices=ReadingKind.choices, default=ReadingKind.OFFICIAL
    )
    note = ProseField(_("ghi chú"), blank=True)
    reason = ProseField(_("lý do điều chỉnh"), blank=True)
    supersedes = models.OneToOneField(
        "self",
        verbose_name=_("thay cho số liệu"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="superseded_by",
    )
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người nhập"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    entered_at = models.DateTimeField(_("thời điểm nhập"), auto_now_add=True)
    # Computed by targets/outcomes/achievement.py when the reading is recorded (or the plan changes), so that
    # dashboards can aggregate in SQL. `is_current` marks the newest reading of its (target, cut_off).
    is_current = models.BooleanField(default=True, editable=False)
    measure = models.DecimalField(max_digits=24, decimal_places=6, null=True, blank=True, editable=False)
    achievement_pct = models.DecimalField(
        max_digits=24, decimal_places=6, null=True, blank=True, editable=False
    )
    status = models.CharField(max_length=16, blank=True, editable=False)
    # Far from the organisation's own history or its siblings' (targets/outliers.py): saved only with a
    # note, and listed for the approver.
    flagged = models.BooleanField(_("bất thường"), default=False, editable=False)

    class Meta:
        verbose_name = _("số liệu")
        verbose_name_plural = _("số liệu")
        ordering = ["target", "cut_off", "entered_at", "id"]
        indexes = [
            models.Index(fields=["target", "cut_off", "id"]),
            models.Index(fields=["target", "is_current", "cut_off"]),
            # The API's reading list, newest first: its first page walks this index and stops (issue 24).
            models.Index(fields=["-cut_off", "-entered_at", "-id"], name="reading_newest_first"),
        ]

    # Derived when the reading is recorded, or internal links: the history shows what a person entered.
    AUDIT_HIDDEN = ("is_current", "measure", "achievement_pct", "status", "supersedes")

    def __str__(self) -> str:
        if self.value is not None:
            shown = format_number(self.value, None)
        else:
            shown = str(_("Đạt") if self.done else _("Chưa đạt")) if self.done is not None else "—"
        return f"{format_date(self.cut_off)}: {shown}"


class SubmissionStatus(models.TextChoices):
    DRAFT = "draft", _("Đang nhập")
    SUBMITTED = "submitted", _("Đã gửi, chờ duyệt")
    RETURNED = "returned", _("Trả lại để chỉnh sửa")
    APPROVED = "approved", _("Đã duyệt")


# Figures of a period cannot change while it waits for approval or once approved.
LOCKED_STATUSES = (SubmissionStatus.SUBMITTED, SubmissionStatus.APPROVED)
REPORTED_STATUSES = LOCKED_STATUSES


class Submission(models.Model):
    """An organisation's figures and narrative for one half-year, on their way up the tree.

    No row means nothing was submitted yet (draft). Every transition writes an audit row with its comment.
    """

    organisation = models.ForeignKey(
        Organisation, verbose_name=_("tổ chức"), on_delete=models.PROTECT, related_name="submissions"
    )
    period = models.CharField(_("kỳ"), max_length=16)
    status = models.CharField(
        _("trạng thái"), max_length=16, choices=SubmissionStatus.choices, default=SubmissionStatus.DRAFT
    )
    submitted_at = models.DateTimeField(_("thời điểm gửi"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người gửi"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("thời điểm duyệt / trả lại"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người duyệt / trả lại"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    comment = ProseField(_("ý kiến của cấp trên"), blank=True)
    times_submitted = models.PositiveIntegerField(_("số lần gửi"), default=0)

    class Meta:
        verbose_name = _("báo cáo kỳ")
        verbose_name_plural = _("báo cáo kỳ")
        ordering = ["organisation__path", "-period"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "period"], name="submission_unique"),
        ]
        indexes = [models.Index(fields=["period", "status"])]

    def __str__(self) -> str:
        return f"{self.organisation} {self.period}: {self.get_status_display()}"


class SubmissionDeadline(models.Model):
    """A deadline for one level in one period, when it differs from the default in settings."""

    period = models.CharField(_("kỳ"), max_length=16)
    kind = models.CharField(_("cấp"), max_length=32, choices=OrganisationKind.choices)
    due = models.DateField(_("hạn gửi"))

    class Meta:
        verbose_name = _("hạn gửi báo cáo")
        verbose_name_plural = _("hạn gửi báo cáo")
        ordering = ["-period", "due"]
        constraints = [models.UniqueConstraint(fields=["period", "kind"], name="deadline_unique")]

    def __str__(self) -> str:
        return f"{self.period} {self.get_kind_display()}: {self.due:%d/%m/%Y}"


class Narrative(models.Model):
    """What an organisation writes for a period under the four headings of a report."""

    organisation = models.ForeignKey(
        Organisation, verbose_name=_("tổ chức"), on_delete=models.PROTECT, related_name="narratives"
    )
    period = models.CharField(_("kỳ"), max_length=16)
    results = ProseField(_("Kết quả"), blank=True)
    shortcomings = ProseField(_("Hạn chế"), blank=True)
    causes = ProseField(_("Nguyên nhân"), blank=True)
    directions = ProseField(_("Phương hướng"), blank=True)
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người cập nhật"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    SECTIONS = ("results", "shortcomings", "causes", "directions")

    class Meta:
        verbose_name = _("thuyết minh kỳ")
        verbose_name_plural = _("thuyết minh kỳ")
        constraints = [models.UniqueConstraint(fields=["organisation", "period"], name="narrative_unique")]

    def __str__(self) -> str:
        return f"{self.organisation} {self.period}"


class ReminderKind(models.TextChoices):
    DUE_SOON = "due_soon", _("Sắp đến hạn")
    DUE_TODAY = "due_today", _("Đến hạn hôm nay")
    LATE_CHILDREN = "late_children", _("Cấp dưới chậm báo cáo")


class ReminderSent(models.Model):
    """One reminder about one organisation on one day: the unique key makes the job send it only once."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="+", verbose_name=_("tổ chức đảng")
    )
    period = models.CharField(max_length=16, verbose_name=_("kỳ"))
    kind = models.CharField(max_length=16, choices=ReminderKind.choices, verbose_name=_("loại"))
    day = models.DateField(verbose_name=_("ngày"))
    recipients = models.PositiveIntegerField(default=0, verbose_name=_("số người nhận"))

    class Meta:
        verbose_name = _("nhắc nhở đã gửi")
        verbose_name_plural = _("nhắc nhở đã gửi")
        constraints = [
            models.UniqueConstraint(fields=["organisation", "period", "kind", "day"], name="reminder_once")
        ]

    def __str__(self) -> str:
        return f"{self.organisation} {self.period} {self.kind} {self.day}"


class Steps(models.Model):
    """How the outcomes of some targets of one period change on one day. A target enters with a step on
    FIRST_DAY (total and "no data" +1); each current reading moves it from the status of the reading
    before it to its own, and its capped % into the mean. The rollup at a cut-off is the sum of the steps
    up to that day."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    period_start = models.DateField()
    period_end = models.DateField()
    day = models.DateField()
    # Per shape too, so that a dashboard narrowed by shape reads the stored steps like the unfiltered one.
    shape = models.CharField(max_length=16, default="")
    total = models.IntegerField(default=0)
    exceeded = models.IntegerField(default=0)
    met = models.IntegerField(default=0)
    not_met = models.IntegerField(default=0)
    on_track = models.IntegerField(default=0)
    behind = models.IntegerField(default=0)
    no_data = models.IntegerField(default=0)
    pct_sum = models.DecimalField(max_digits=30, decimal_places=6, default=0)
    pct_n = models.IntegerField(default=0)

    # The statuses counted in a column of their own (targets/outcomes/achievement.py: Status); any other status
    # counts in `total` only.
    COUNTS = ("exceeded", "met", "not_met", "on_track", "behind", "no_data")
    SUMS = ("total", *COUNTS, "pct_sum", "pct_n")
    # The day a target enters the totals: before any cut-off a dashboard can ask for.
    FIRST_DAY = date(1, 1, 1)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return f"{self.organisation_id} {self.period_start}–{self.period_end} @{self.day} {self.shape}"


class OutcomeStep(Steps):
    """The steps of one organisation's own targets: derived from its targets and readings, rebuilt by
    targets/outcomes/steps.py for every organisation a service writes targets or readings of, in the same
    transaction."""

    class Meta:
        verbose_name = _("bước tổng hợp")
        verbose_name_plural = _("bước tổng hợp")
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "period_start", "period_end", "day", "shape"],
                name="outcome_step_unique",
            )
        ]


class SubtreeStep(Steps):
    """The steps of every target in an organisation's subtree (its own and all below): the sum of the
    OutcomeSteps of the subtree, kept by adding to each ancestor what a rebuild of an organisation's own
    steps changed. A dashboard's rollup reads a few rows of one organisation, whatever the tree's size."""

    class Meta:
        verbose_name = _("bước tổng hợp cả cấp dưới")
        verbose_name_plural = _("bước tổng hợp cả cấp dưới")
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "period_start", "period_end", "day", "shape"],
                name="subtree_step_unique",
            )
        ]
