"""The Party organisation tree, its terms and bodies, members, user roles and the audit trail."""

from __future__ import annotations

import hashlib
from datetime import date
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.fields import CodeField, NameField

if TYPE_CHECKING:
    from django.utils.functional import _StrOrPromise as StrOrPromise


class OrganisationKind(models.TextChoices):
    PROVINCIAL = "provincial", _("Tỉnh ủy / Thành ủy")
    BLOC = "bloc", _("Đảng ủy khối")
    UPPER_GRASSROOTS = "upper_grassroots", _("Đảng ủy cấp trên cơ sở")
    GRASSROOTS_COMMITTEE = "grassroots_committee", _("Đảng bộ cơ sở")
    GRASSROOTS_CELL = "grassroots_cell", _("Chi bộ cơ sở")
    SUB_COMMITTEE = "sub_committee", _("Đảng bộ bộ phận")
    CELL = "cell", _("Chi bộ trực thuộc")
    GROUP = "group", _("Tổ đảng")


CELL_KINDS = (OrganisationKind.GRASSROOTS_CELL, OrganisationKind.CELL)
# A cell with this many members should become a đảng bộ cơ sở (DOMAIN.md §2).
CELL_UPGRADE_THRESHOLD = 30


# Each segment of a materialised path is a 7-digit zero-padded id and a slash (committees.services).
PATH_SEGMENT = 8


def path_ids(path: str) -> list[int]:
    """The ids in a materialised path: the root first, the organisation itself last."""
    return [int(part) for part in path.split("/") if part]


class Organisation(models.Model):
    """A node of the tree. `path` is a materialised path of zero-padded ids, ending in "/".

    Subtree: path__startswith=org.path; ancestors: the ids in the path. Written only by services.
    """

    code = CodeField(_("mã"), max_length=64, unique=True)
    kind = models.CharField(_("loại"), max_length=32, choices=OrganisationKind.choices)
    name = NameField(_("tên"), max_length=255)
    committee_name = NameField(_("tên cấp ủy"), max_length=255, blank=True)
    issuer_code = CodeField(_("ký hiệu cơ quan ban hành"), max_length=32, blank=True)
    place_name = NameField(_("địa danh"), max_length=128, blank=True)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("cấp trên"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    path = models.CharField(
        max_length=255, db_index=True, editable=False, default="", verbose_name=_("đường dẫn trong cây")
    )
    depth = models.PositiveSmallIntegerField(default=0, editable=False, verbose_name=_("cấp trong cây"))
    valid_from = models.DateField(_("hiệu lực từ"), null=True, blank=True)
    valid_to = models.DateField(_("hiệu lực đến"), null=True, blank=True)
    merged_into = models.ForeignKey(
        "self",
        verbose_name=_("hợp nhất vào"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="merged_from",
    )
    name_folded = models.CharField(max_length=255, editable=False, default="")
    # Part of every cache key of the subtree (committees/subtree_cache.py): raised when the cache could not
    # be told of a write below, so that what it kept from before is never read again.
    cache_generation = models.PositiveBigIntegerField(default=0, db_default=0, editable=False)

    class Meta:
        verbose_name = _("tổ chức đảng")
        verbose_name_plural = _("tổ chức đảng")
        ordering = ["path"]
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True)
                | Q(valid_from__isnull=True)
                | Q(valid_to__gte=models.F("valid_from")),
                name="organisation_valid_range",
            )
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def ancestor_ids(self) -> list[int]:
        return path_ids(self.path)[:-1]

    @property
    def is_cell(self) -> bool:
        return self.kind in CELL_KINDS


class Term(models.Model):
    """Nhiệm kỳ: e.g. 2020–2025, Đại hội lần thứ VIII, khóa III."""

    organisation = models.ForeignKey(
        Organisation, verbose_name=_("tổ chức"), on_delete=models.CASCADE, related_name="terms"
    )
    start_year = models.PositiveSmallIntegerField(_("từ năm"))
    end_year = models.PositiveSmallIntegerField(_("đến năm"))
    congress_number = models.PositiveSmallIntegerField(_("đại hội lần thứ"), null=True, blank=True)
    khoa = models.PositiveSmallIntegerField(_("khóa"), null=True, blank=True)

    class Meta:
        verbose_name = _("nhiệm kỳ")
        verbose_name_plural = _("nhiệm kỳ")
        ordering = ["organisation", "-start_year"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "start_year"], name="term_unique_start"),
            models.CheckConstraint(
                condition=Q(end_year__gt=models.F("start_year")), name="term_end_after_start"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.start_year}–{self.end_year}"


class BodyKind(models.TextChoices):
    BCH = "bch", _("Ban Chấp hành")
    BTV = "btv", _("Ban Thường vụ")
    UBKT = "ubkt", _("Ủy ban Kiểm tra")
    CHI_UY = "chi_uy", _("Chi ủy")
    THUONG_TRUC = "thuong_truc", _("Thường trực cấp ủy")


class Position(models.TextChoices):
    BI_THU = "bi_thu", _("Bí thư")
    PHO_BI_THU = "pho_bi_thu", _("Phó Bí thư")
    PHO_BI_THU_THUONG_TRUC = "pho_bi_thu_tt", _("Phó Bí thư Thường trực")
    UY_VIEN_BTV = "uy_vien_btv", _("Ủy viên BTV")
    UY_VIEN_BCH = "uy_vien_bch", _("Ủy viên BCH")
    CHU_NHIEM_UBKT = "chu_nhiem_ubkt", _("Chủ nhiệm UBKT")
    PHO_CHU_NHIEM_UBKT = "pho_chu_nhiem_ubkt", _("Phó Chủ nhiệm UBKT")
    UY_VIEN_UBKT = "uy_vien_ubkt", _("Ủy viên UBKT")
    CHI_UY_VIEN = "chi_uy_vien", _("Chi ủy viên")


class Gender(models.TextChoices):
    MALE = "male", _("Nam")
    FEMALE = "female", _("Nữ")


class MemberStatus(models.TextChoices):
    OFFICIAL = "official", _("Chính thức")
    PROBATIONARY = "probationary", _("Dự bị")
    TRANSFERRED_OUT = "transferred_out", _("Chuyển đi")
    DECEASED = "deceased", _("Từ trần")
    REMOVED = "removed", _("Ra khỏi Đảng")


ACTIVE_MEMBER_STATUSES = (MemberStatus.OFFICIAL, MemberStatus.PROBATIONARY)
# Statistics count everyone not of this ethnicity as an ethnic minority (dân tộc thiểu số).
MAJORITY_ETHNICITY = "Kinh"
# The 54 ethnic groups of Viet Nam, in the order of the official list (Kinh first).
ETHNICITIES = (
    "Kinh", "Tày", "Thái", "Mường", "Khmer", "Hoa", "Nùng", "Mông", "Dao", "Gia Rai", "Ê Đê", "Ba Na",
    "Xơ Đăng", "Sán Chay", "Cơ Ho", "Chăm", "Sán Dìu", "Hrê", "Mnông", "Raglai", "Xtiêng", "Bru-Vân Kiều",
    "Thổ", "Giáy", "Cơ Tu", "Giẻ Triêng", "Mạ", "Khơ Mú", "Co", "Tà Ôi", "Chơ Ro", "Kháng", "Xinh Mun",
    "Hà Nhì", "Chu Ru", "Lào", "La Chí", "La Ha", "Phù Lá", "La Hủ", "Lự", "Lô Lô", "Chứt", "Mảng",
    "Pà Thẻn", "Cờ Lao", "Cống", "Bố Y", "Si La", "Pu Péo", "Brâu", "Ơ Đu", "Rơ Măm", "Ngái",
)  # fmt: skip
# Probation (dự bị) lasts 12 months; 365 days so that a leap day never rejects a correct date.
PROBATION_DAYS = 365
MINIMUM_ADMISSION_AGE = 18


class Member(models.Model):
    """Đảng viên. Personal data: visible only to users with a role on the organisation or above."""

    organisation = models.ForeignKey(
        Organisation, verbose_name=_("sinh hoạt tại"), on_delete=models.PROTECT, related_name="members"
    )
    full_name = NameField(_("họ và tên"), max_length=128)
    full_name_folded = models.CharField(max_length=128, editable=False, default="", db_index=True)
    gender = models.CharField(_("giới tính"), max_length=8, choices=Gender.choices)
    birth_date = models.DateField(_("ngày sinh"), null=True, blank=True)
    ethnicity = NameField(_("dân tộc"), max_length=32, default="Kinh")
    religion = NameField(_("tôn giáo"), max_length=64, blank=True)
    admitted_on = models.DateField(_("ngày vào Đảng"), null=True, blank=True)
    official_on = models.DateField(_("ngày chính thức"), null=True, blank=True)
    status = models.CharField(
        _("tình trạng"), max_length=16, choices=MemberStatus.choices, default=MemberStatus.OFFICIAL
    )

    class Meta:
        verbose_name = _("đảng viên")
        verbose_name_plural = _("đảng viên")
        ordering = ["full_name_folded", "id"]
        indexes = [models.Index(fields=["organisation", "status"])]

    def __str__(self) -> str:
        return self.full_name

    def clean(self) -> None:
        today = timezone.localdate()
        errors: dict[str, StrOrPromise] = {}
        if self.birth_date and self.birth_date > today:
            errors["birth_date"] = _("Ngày sinh không được sau ngày hôm nay.")
        if self.admitted_on and self.admitted_on > today:
            errors["admitted_on"] = _("Ngày vào Đảng không được sau ngày hôm nay.")
        elif (
            self.admitted_on
            and self.birth_date
            and _age_on(self.birth_date, self.admitted_on) < MINIMUM_ADMISSION_AGE
        ):
            errors["admitted_on"] = _("Người vào Đảng phải đủ 18 tuổi tại ngày vào Đảng.")
        if self.official_on:
            if self.status == MemberStatus.PROBATIONARY:
                errors["official_on"] = _("Đảng viên dự bị chưa có ngày chính thức.")
            elif not self.admitted_on:
                errors["admitted_on"] = _("Cần nhập ngày vào Đảng khi đã có ngày chính thức.")
            elif (self.official_on - self.admitted_on).days < PROBATION_DAYS:
                errors["official_on"] = _(
                    "Ngày chính thức phải sau ngày vào Đảng ít nhất 12 tháng (thời gian dự bị)."
                )
        if self.ethnicity and self.ethnicity not in ETHNICITIES:
            errors["ethnicity"] = _("Dân tộc không có trong danh mục 54 dân tộc.")
        if errors:
            raise ValidationError(errors)


def _age_on(birth: date, day: date) -> int:
    return day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day))


class BodyMembership(models.Model):
    """A seat in a committee body for a term: who holds which position, from when to when."""

    term = models.ForeignKey(Term, verbose_name=_("nhiệm kỳ"), on_delete=models.CASCADE, related_name="seats")
    body = models.CharField(_("cơ quan"), max_length=16, choices=BodyKind.choices)
    position = models.CharField(_("chức vụ"), max_length=24, choices=Position.choices)
    member = models.ForeignKey(
        Member,
        verbose_name=_("đảng viên"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="seats",
    )
    person_name = NameField(_("họ và tên"), max_length=128, blank=True)
    # A State post held at the same time ("Chủ tịch HĐND thành phố"), printed after the Party position.
    concurrent_post = NameField(
        _("chức vụ kiêm nhiệm"), max_length=255, blank=True, default="", db_default=""
    )
    start_date = models.DateField(_("từ ngày"), null=True, blank=True)
    end_date = models.DateField(_("đến ngày"), null=True, blank=True)

    class Meta:
        verbose_name = _("thành viên cấp ủy")
        verbose_name_plural = _("thành viên cấp ủy")
        ordering = ["term", "body", "position", "id"]

    def __str__(self) -> str:
        return f"{self.get_position_display()}: {self.display_name}"

    @property
    def display_name(self) -> str:
        return self.member.full_name if self.member else self.person_name


class RatingLevel(models.TextChoices):
    EXCELLENT = "htxsnv", _("Hoàn thành xuất sắc nhiệm vụ")
    GOOD = "httnv", _("Hoàn thành tốt nhiệm vụ")
    DONE = "htnv", _("Hoàn thành nhiệm vụ")
    FAILED = "khtnv", _("Không hoàn thành nhiệm vụ")
    # Before 2018 organisations were rated by these categories instead.
    TSVM_MODEL = "tsvm_tieu_bieu", _("Trong sạch vững mạnh tiêu biểu")
    TSVM = "tsvm", _("Trong sạch vững mạnh")


class QualityRating(models.Model):
    """Xếp loại chất lượng of an organisation or a member for one year."""

    year = models.PositiveSmallIntegerField(_("năm"))
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("tổ chức"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="ratings",
    )
    member = models.ForeignKey(
        Member,
        verbose_name=_("đảng viên"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="ratings",
    )
    level = models.CharField(_("mức xếp loại"), max_length=16, choices=RatingLevel.choices)
    score = models.DecimalField(_("điểm"), max_digits=5, decimal_places=2, null=True, blank=True)

    class Meta:
        verbose_name = _("xếp loại chất lượng")
        verbose_name_plural = _("xếp loại chất lượng")
        constraints = [
            models.CheckConstraint(
                condition=(Q(organisation__isnull=False) & Q(member__isnull=True))
                | (Q(organisation__isnull=True) & Q(member__isnull=False)),
                name="rating_one_subject",
            ),
            models.UniqueConstraint(fields=["year", "organisation"], name="rating_unique_org_year"),
            models.UniqueConstraint(fields=["year", "member"], name="rating_unique_member_year"),
            models.CheckConstraint(
                condition=Q(score__isnull=True) | (Q(score__gte=0) & Q(score__lte=100)),
                name="rating_score_0_100",
                violation_error_message=_("Điểm xếp loại phải từ 0 đến 100."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.year}: {self.organisation or self.member} — {self.get_level_display()}"

    def clean(self) -> None:
        # The rules live in committees.ratings (which imports this module); checked here too so that
        # every form of the model, the admin's included, shows them as form errors.
        from committees.ratings import resolve_level

        if self.year and self.level:
            resolve_level(
                year=self.year, level=self.level, score=self.score, for_member=self.member_id is not None
            )


class RoleKind(models.TextChoices):
    STAFF = "staff", _("Cán bộ nhập liệu")
    LEADER = "leader", _("Lãnh đạo")
    SECRETARY = "secretary", _("Thư ký / Văn phòng")
    ADMIN = "admin", _("Quản trị")
    # A member of the inspection commission (ủy ban kiểm tra) of the committee the role is held on: reads
    # the subtree it inspects, writes only its inspections (committees/access.py, Action.INSPECT).
    INSPECTOR = "inspector", _("Ủy viên Ủy ban Kiểm tra")


class Role(models.Model):
    """A user's role on one organisation; it holds for everything below it, never sideways."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người dùng"),
        on_delete=models.CASCADE,
        related_name="chitieu_roles",
    )
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("tổ chức"), on_delete=models.CASCADE, related_name="roles"
    )
    kind = models.CharField(_("vai trò"), max_length=16, choices=RoleKind.choices)

    class Meta:
        verbose_name = _("vai trò")
        verbose_name_plural = _("vai trò")
        constraints = [models.UniqueConstraint(fields=["user", "organisation", "kind"], name="role_unique")]

    def __str__(self) -> str:
        return f"{self.user} — {self.get_kind_display()} — {self.organisation}"


class AuditEntry(models.Model):
    """One change to one object: who, when, what it was before and after. Written by services only."""

    at = models.DateTimeField(_("thời điểm"), auto_now_add=True, db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("người dùng"),
    )
    action = models.CharField(_("hành động"), max_length=64)
    object_type = models.CharField(_("loại đối tượng"), max_length=64)
    object_id = models.CharField(max_length=64, verbose_name=_("mã đối tượng"))
    object_repr = models.CharField(_("đối tượng"), max_length=255)
    organisation = models.ForeignKey(
        Organisation,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("tổ chức đảng"),
    )
    before = models.JSONField(null=True, blank=True, verbose_name=_("trước"))
    after = models.JSONField(null=True, blank=True, verbose_name=_("sau"))
    reason = models.TextField(_("lý do"), blank=True)

    class Meta:
        verbose_name = _("nhật ký thay đổi")
        verbose_name_plural = _("nhật ký thay đổi")
        ordering = ["-at", "-id"]
        indexes = [
            models.Index(fields=["object_type", "object_id"]),
            # The audit trail's order: a page walks this index instead of sorting the whole log.
            models.Index(fields=["-at", "-id"], name="audit_newest_first"),
        ]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.action} {self.object_repr}"


class ApiKey(models.Model):
    """A user's key for the API (`Authorization: Token <key>`), kept only as its SHA-256 digest.

    The key is shown once, to the person who made it; the prefix (its first characters) is what the page and
    the admin show to tell keys apart. A key of 256 random bits needs no salt or slow hash: nobody can guess
    it from its digest, and the digest is what the request's key is looked up by.
    """

    PREFIX_LENGTH = 8

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="api_key",
        verbose_name=_("người dùng"),
    )
    prefix = models.CharField(_("đầu khóa"), max_length=PREFIX_LENGTH)
    digest = models.CharField(max_length=64, unique=True, editable=False)
    created = models.DateTimeField(_("tạo lúc"), default=timezone.now)
    last_used = models.DateTimeField(_("dùng lần cuối"), null=True, blank=True)

    class Meta:
        verbose_name = _("khóa API")
        verbose_name_plural = _("khóa API")

    def __str__(self) -> str:
        return f"{self.prefix}…"

    @staticmethod
    def digest_of(key: str) -> str:
        return hashlib.sha256(key.encode()).hexdigest()
