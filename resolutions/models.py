"""Documents (nghị quyết, chỉ thị, kế hoạch, …), the links between them, and the tasks they assign."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from committees.fields import CodeField, NameField, TitleField
from committees.models import Organisation
from committees.uploads import stored_name, validate_upload


class DocumentSystem(models.TextChoices):
    PARTY = "party", _("Văn bản của Đảng")
    STATE = "state", _("Văn bản nhà nước")


class DocumentStatus(models.TextChoices):
    DRAFT = "draft", _("Dự thảo")
    IN_FORCE = "in_force", _("Đang hiệu lực")
    REPLACED = "replaced", _("Đã được thay thế")
    EXPIRED = "expired", _("Hết hiệu lực")


def attachment_path(document: Document, filename: str) -> str:
    return stored_name(f"documents/{timezone.now():%Y}", filename)


class Document(models.Model):
    system = models.CharField(_("hệ thống"), max_length=8, choices=DocumentSystem.choices)
    type_code = models.CharField(_("loại văn bản"), max_length=16, blank=True)
    number = models.PositiveIntegerField(_("số"), null=True, blank=True)
    # Stored exactly as the code list spells it (mixed case: "53-CTrHĐ/TU"); never case-folded.
    canonical_number = models.CharField(_("số, ký hiệu"), max_length=64, blank=True, db_index=True)
    raw_number = models.CharField(_("số như đã nhập"), max_length=128, blank=True)
    issuers = models.CharField(_("ký hiệu cơ quan"), max_length=64, blank=True)
    year = models.PositiveSmallIntegerField(_("năm"), null=True, blank=True)
    term_label = NameField(_("nhiệm kỳ"), max_length=16, blank=True)
    issuer_organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("cơ quan ban hành (trong hệ thống)"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="documents_issued",
    )
    issuer_name = NameField(_("cơ quan ban hành"), max_length=255, blank=True)
    # The organisation whose users see and manage this record (the issuer, or who recorded it).
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("đơn vị quản lý"), on_delete=models.PROTECT, related_name="documents"
    )
    issued_on = models.DateField(_("ngày ban hành"), null=True, blank=True)
    title = TitleField(_("trích yếu"))
    title_folded = models.TextField(editable=False, default="")
    status = models.CharField(
        _("tình trạng"), max_length=16, choices=DocumentStatus.choices, default=DocumentStatus.IN_FORCE
    )
    # Stored under a random name (attachment_path); the name the person's file had is kept beside it for
    # the download. Served only by views.document_attachment, never under MEDIA_URL.
    attachment = models.FileField(
        _("tệp đính kèm"), upload_to=attachment_path, blank=True, max_length=255, validators=[validate_upload]
    )
    attachment_name = NameField(_("tên tệp đính kèm"), max_length=255, blank=True, default="", db_default="")

    class Meta:
        verbose_name = _("văn bản")
        verbose_name_plural = _("văn bản")
        ordering = ["-issued_on", "-id"]
        constraints = [
            # Party numbers restart each term, State legal numbers each year (DOMAIN.md §3.1).
            models.UniqueConstraint(
                fields=["system", "issuers", "type_code", "number", "term_label"],
                condition=Q(system="party", number__isnull=False),
                name="document_party_unique",
            ),
            models.UniqueConstraint(
                fields=["system", "issuers", "type_code", "number", "year"],
                condition=Q(system="state", number__isnull=False),
                name="document_state_unique",
            ),
        ]

    def __str__(self) -> str:
        return self.canonical_number or self.title[:60]


class LinkKind(models.TextChoices):
    IMPLEMENTS = "implements", _("thực hiện / cụ thể hóa")
    GUIDES = "guides", _("hướng dẫn")
    REVIEWS = "reviews", _("sơ kết / tổng kết")
    REPORTS_ON = "reports_on", _("báo cáo về")
    REPLACES = "replaces", _("thay thế")
    AMENDS = "amends", _("sửa đổi, bổ sung")
    CITES = "cites", _("dẫn chiếu")


class DocumentLink(models.Model):
    """`source` <kind> `target`: e.g. 33-CT/TU implements 28-CT/TW."""

    source = models.ForeignKey(
        Document, verbose_name=_("văn bản"), on_delete=models.CASCADE, related_name="links_out"
    )
    target = models.ForeignKey(
        Document, verbose_name=_("văn bản được liên kết"), on_delete=models.CASCADE, related_name="links_in"
    )
    kind = models.CharField(_("quan hệ"), max_length=16, choices=LinkKind.choices)

    class Meta:
        verbose_name = _("liên kết văn bản")
        verbose_name_plural = _("liên kết văn bản")
        constraints = [
            models.UniqueConstraint(fields=["source", "target", "kind"], name="document_link_unique"),
            models.CheckConstraint(condition=~Q(source=models.F("target")), name="document_link_not_self"),
        ]

    def __str__(self) -> str:
        return f"{self.source} → {self.target} ({self.get_kind_display()})"


class Task(models.Model):
    """A task a document assigns to a lead organisation, with a deadline or none ("thường xuyên")."""

    code = CodeField(_("mã"), max_length=64, blank=True)
    document = models.ForeignKey(
        Document, verbose_name=_("văn bản"), on_delete=models.CASCADE, related_name="tasks"
    )
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("đơn vị chủ trì"), on_delete=models.PROTECT, related_name="tasks"
    )
    co_organisations = models.ManyToManyField(
        Organisation, verbose_name=_("đơn vị phối hợp"), blank=True, related_name="co_tasks"
    )
    title = TitleField(_("nội dung"))
    title_folded = models.TextField(editable=False, default="")
    due_on = models.DateField(_("thời hạn"), null=True, blank=True)
    done_on = models.DateField(_("ngày hoàn thành"), null=True, blank=True)

    class Meta:
        verbose_name = _("nhiệm vụ")
        verbose_name_plural = _("nhiệm vụ")
        ordering = ["due_on", "id"]
        constraints = [
            models.UniqueConstraint(fields=["code"], condition=~Q(code=""), name="task_code_unique"),
        ]
        # The task list's first page walks this index in the list's order (issue 24).
        indexes = [models.Index(fields=["due_on", "id"], name="task_due_order")]

    def __str__(self) -> str:
        return self.title[:80]
