"""Documents (nghị quyết, chỉ thị, kế hoạch, …), the links between them, and the tasks they assign."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from committees.models import Organisation
from core.fields import CodeField, NameField, TitleField
from core.uploads import stored_name, validate_upload


class DocumentSystem(models.TextChoices):
    PARTY = "party", _("Văn bản của Đảng")
    STATE = "state", _("Văn bản nhà nước")


class DocumentStatus(models.TextChoices):
    DRAFT = "draft", _("Dự thảo")
    IN_FORCE = "in_force", _("Đang hiệu lực")
    REPLACED = "replaced", _("Đã được thay thế")
    EXPIRED = "expired", _("Hết hiệu lực")


class IssuingBodyLevel(models.TextChoices):
    CENTRAL_PARTY = "central_party", _("Cơ quan Trung ương Đảng")
    CENTRAL_STATE = "central_state", _("Cơ quan Nhà nước Trung ương")
    LOCAL_PARTY = "local_party", _("Cơ quan Đảng địa phương")
    LOCAL_STATE = "local_state", _("Cơ quan Nhà nước địa phương")
    OTHER = "other", _("Khác")


class IssuingBody(models.Model):
    """Who issued a document, when that is not an organisation of the tree: Bộ Chính trị, Ban Bí thư,
    Chính phủ, Quốc hội, a People's Committee. Kept apart from the tree so that recording a Politburo
    conclusion never makes the city committee its author."""

    code = CodeField(_("mã"), max_length=32, unique=True)
    name = NameField(_("tên cơ quan"), max_length=255)
    level = models.CharField(_("cấp"), max_length=16, choices=IssuingBodyLevel.choices)

    class Meta:
        verbose_name = _("cơ quan ban hành")
        verbose_name_plural = _("cơ quan ban hành")
        ordering = ["level", "name"]

    def __str__(self) -> str:
        return self.name


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
    issuing_body = models.ForeignKey(
        IssuingBody,
        verbose_name=_("cơ quan ban hành (ngoài hệ thống)"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="documents",
    )
    issuer_name = NameField(_("cơ quan ban hành"), max_length=255, blank=True)
    # How the document is cited when its number is unknown or partly known ("Nghị quyết Đại hội XIII",
    # "Chỉ thị 18 của UBND"): the record can be linked and searched now and its number added later.
    citation = NameField(_("cách trích dẫn"), max_length=255, blank=True, default="", db_default="")
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
        # The lists' order (pages, API, pickers): a page is a walk down this index, not a sort of all.
        indexes = [models.Index(fields=["-issued_on", "-id"], name="document_newest_first")]

    def __str__(self) -> str:
        return self.reference or self.title[:60]

    @property
    def has_number(self) -> bool:
        return self.number is not None and bool(self.canonical_number)

    @property
    def reference(self) -> str:
        """How other rows point at this document: its full number, else its citation, else the draft
        number ("…-NQ/ĐU")."""
        if self.has_number:
            return self.canonical_number
        return self.citation or self.canonical_number

    @property
    def issuer_display(self) -> str:
        if self.issuing_body_id:
            return self.issuing_body.name  # type: ignore[union-attr]
        if self.issuer_name:
            return self.issuer_name
        return (
            str(self.issuer_organisation.committee_name or self.issuer_organisation)
            if self.issuer_organisation
            else ""
        )

    @property
    def status_display(self) -> str:
        """A document without its number yet is a draft, whatever was left in the status."""
        if self.status == DocumentStatus.IN_FORCE and self.canonical_number.startswith("…"):
            return str(DocumentStatus.DRAFT.label)
        return str(self.get_status_display())  # type: ignore[attr-defined]


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
    """A task, with a deadline or none ("thường xuyên"), followed by an organisation of the tree.

    Its bases are the document that assigns it (`document`) and any others it rests on (`bases`); a task
    may have none, as a leader's instruction at a meeting. The unit in charge and those co-operating may be
    outside the Party tree (a trade union, a newspaper, a State department): then they are named in
    `lead_unit` / `co_units`, and `organisation` is who follows the task and marks it done."""

    code = CodeField(_("mã"), max_length=64, blank=True)
    document = models.ForeignKey(
        Document,
        verbose_name=_("văn bản giao"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="tasks",
    )
    bases = models.ManyToManyField(
        Document, verbose_name=_("văn bản căn cứ khác"), blank=True, related_name="based_tasks"
    )
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("đơn vị chủ trì"), on_delete=models.PROTECT, related_name="tasks"
    )
    lead_unit = NameField(
        _("đơn vị chủ trì ngoài hệ thống Đảng"), max_length=255, blank=True, default="", db_default=""
    )
    co_organisations = models.ManyToManyField(
        Organisation, verbose_name=_("đơn vị phối hợp"), blank=True, related_name="co_tasks"
    )
    co_units = NameField(
        _("đơn vị phối hợp ngoài hệ thống Đảng"), max_length=500, blank=True, default="", db_default=""
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

    @property
    def lead_display(self) -> str:
        return self.lead_unit or self.organisation.name


class DocumentFollow(models.Model):
    """An organisation below a document's keeper follows it (theo dõi): the central or upper document is
    listed among the organisation's own documents and found by its filters, and it attaches its tasks to it.
    The record stays the keeper's, one for the whole tree."""

    document = models.ForeignKey(
        Document, verbose_name=_("văn bản"), on_delete=models.CASCADE, related_name="follows"
    )
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("đơn vị theo dõi"), on_delete=models.CASCADE, related_name="followed"
    )
    since = models.DateTimeField(_("theo dõi từ"), auto_now_add=True)

    class Meta:
        verbose_name = _("văn bản được theo dõi")
        verbose_name_plural = _("văn bản được theo dõi")
        ordering = ["organisation", "document"]
        constraints = [
            models.UniqueConstraint(fields=["document", "organisation"], name="document_follow_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.organisation} → {self.document}"
