"""Every write to programmes and inspections goes through here, and each writes its audit row."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from committees.audit import audit_record, snapshot, update_audited
from committees.models import Member, Organisation
from core.vn import fold
from inspections.models import (
    STAGE_FIELDS,
    Inspection,
    PlannedItem,
    Programme,
    Subject,
    TeamMember,
)
from inspections.stages import order_problems, status_of
from resolutions import services as doc_services
from resolutions.models import Document
from resolutions.numbering import parse_number

if TYPE_CHECKING:
    from committees.access import AnyUser

INSPECTION_FIELDS = (
    "code",
    "body",
    "mode",
    "kind",
    "title",
    "planned_item",
    "decision",
    "window_from",
    "window_to",
    *STAGE_FIELDS,
    "follow_up_notes",
    # Set by inspection_conclude in the pages; the workbook carries them with the notice's number.
    "conclusion",
    "results",
    "shortcomings",
    "violations",
)


@dataclass(frozen=True)
class TeamData:
    role: str
    member: Member | None = None
    person_name: str = ""
    title: str = ""


@dataclass(frozen=True)
class SubjectData:
    organisation: Organisation
    member: Member | None = None


@dataclass(frozen=True)
class RecommendationData:
    organisation: Organisation
    title: str
    due_on: date | None = None


def _inside(organisation: Organisation, below: Organisation) -> bool:
    return below.path.startswith(organisation.path)


@transaction.atomic
def programme_create(
    *,
    organisation: Organisation,
    year: int,
    title: str,
    body: str = "committee",
    document: Document | None = None,
    acting_user: AnyUser | None,
) -> Programme:
    programme = Programme(organisation=organisation, year=year, title=title, body=body, document=document)
    _check_programme(programme)
    programme.full_clean()
    programme.save()
    audit_record(
        acting_user=acting_user,
        action="programme.create",
        obj=programme,
        organisation=organisation,
        after=snapshot(programme),
    )
    return programme


def _check_programme(programme: Programme) -> None:
    if programme.document is not None and programme.document.organisation_id != programme.organisation_id:
        raise ValidationError({"document": _("Văn bản ban hành chương trình phải của chính cấp ủy này.")})


@transaction.atomic
def programme_update(*, programme: Programme, acting_user: AnyUser | None, **changes: Any) -> Programme:
    if "document" in changes:
        _check_programme(Programme(organisation=programme.organisation, document=changes["document"]))
    return update_audited(
        programme,
        changes=changes,
        editable={"title", "body", "document"},
        action="programme.update",
        organisation_of=lambda p: p.organisation,
        acting_user=acting_user,
    )


@transaction.atomic
def planned_item_create(
    *,
    programme: Programme,
    kind: str,
    title: str,
    mode: str = "inspection",
    subject: Organisation | None = None,
    planned_month: int | None = None,
    acting_user: AnyUser | None,
) -> PlannedItem:
    if subject is not None and not _inside(programme.organisation, subject):
        raise ValidationError({"subject": _("Đối tượng phải là tổ chức thuộc cấp ủy lập chương trình.")})
    item = PlannedItem(
        programme=programme,
        kind=kind,
        title=title,
        mode=mode,
        subject=subject,
        planned_month=planned_month,
        position=programme.items.count() + 1,
    )
    _check_kind(item.mode, item.kind)
    item.full_clean()
    item.save()
    audit_record(
        acting_user=acting_user,
        action="planned_item.create",
        obj=item,
        organisation=programme.organisation,
        after=snapshot(item),
    )
    return item


@transaction.atomic
def planned_item_update(*, item: PlannedItem, acting_user: AnyUser | None, **changes: Any) -> PlannedItem:
    """Change a line of the programme; its place in the programme stays (the workbook matches it by it)."""
    subject = changes.get("subject")
    if subject is not None and not _inside(item.programme.organisation, subject):
        raise ValidationError({"subject": _("Đối tượng phải là tổ chức thuộc cấp ủy lập chương trình.")})
    return update_audited(
        item,
        changes=changes,
        editable={"mode", "kind", "title", "subject", "planned_month"},
        action="planned_item.update",
        organisation_of=lambda i: i.programme.organisation,
        acting_user=acting_user,
        derive=lambda i: _check_kind(i.mode, i.kind),
    )


def _check_kind(mode: str, kind: str) -> None:
    if mode == "supervision" and kind not in ("regular", "thematic"):
        raise ValidationError({"kind": _("Giám sát chỉ có hai loại: thường xuyên và chuyên đề.")})


def _check_inspection(inspection: Inspection) -> None:
    _check_kind(inspection.mode, inspection.kind)
    errors: dict[str, str] = {}
    if inspection.decision is not None and inspection.decision.organisation_id != inspection.organisation_id:
        errors["decision"] = _("Quyết định phải là văn bản của chính cấp ủy quyết định kiểm tra.")
    notice = inspection.conclusion
    if notice is not None and notice.organisation_id != inspection.organisation_id:
        errors["conclusion"] = _("Thông báo kết luận phải là văn bản của chính cấp ủy quyết định kiểm tra.")
    item = inspection.planned_item
    if item is not None and item.programme.organisation_id != inspection.organisation_id:
        errors["planned_item"] = _("Nội dung này thuộc chương trình của cấp ủy khác.")
    dates = {name: getattr(inspection, name) for name in (*STAGE_FIELDS, "sessions_to")}
    errors.update(order_problems(dates))
    today = timezone.localdate()
    for name in STAGE_FIELDS:
        value = getattr(inspection, name)
        if value is not None and value > today and name in ("concluded_on", "follow_up_on"):
            errors[name] = _("Ngày này không được ở tương lai.")
    if inspection.follow_up_on is not None and inspection.conclusion_id is None:
        errors["follow_up_on"] = _("Chỉ kiểm tra việc thực hiện sau khi đã có thông báo kết luận.")
    if inspection.concluded_on is not None and inspection.conclusion_id is None:
        errors["concluded_on"] = _("Ngày kết luận là ngày của thông báo kết luận: hãy ban hành thông báo.")
    if errors:
        raise ValidationError(errors)


def _derive(inspection: Inspection) -> None:
    inspection.title_folded = fold(inspection.title)
    inspection.status = status_of({name: getattr(inspection, name) for name in STAGE_FIELDS})


def _save_people(
    inspection: Inspection,
    team: list[TeamData] | None,
    subjects: list[SubjectData] | None,
    documents: list[Document] | None,
) -> None:
    organisation = inspection.organisation
    if subjects is not None:
        for subject in subjects:
            if not _inside(organisation, subject.organisation):
                raise ValidationError(
                    {
                        "subject_organisations": _(
                            "Đối tượng phải là tổ chức thuộc cấp ủy quyết định kiểm tra."
                        )
                    }
                )
            if subject.member is not None and subject.member.organisation_id != subject.organisation.pk:
                raise ValidationError({"subject_members": _("Đảng viên không sinh hoạt tại tổ chức này.")})
        inspection.subjects.all().delete()
        seen: set[tuple[int, int | None]] = set()
        rows = []
        for subject in subjects:
            key = (subject.organisation.pk, subject.member.pk if subject.member else None)
            if key not in seen:
                seen.add(key)
                rows.append(
                    Subject(inspection=inspection, organisation=subject.organisation, member=subject.member)
                )
        Subject.objects.bulk_create(rows)
    if team is not None:
        if sum(1 for t in team if t.role == "lead") > 1:
            raise ValidationError({"team": _("Đoàn chỉ có một Trưởng đoàn.")})
        for seat in team:
            if seat.member is None and not seat.person_name.strip():
                raise ValidationError({"team": _("Mỗi thành viên đoàn cần họ và tên hoặc là một đảng viên.")})
            if seat.member is not None and not _inside(organisation, seat.member.organisation):
                raise ValidationError(
                    {
                        "team": _(
                            "Thành viên đoàn là đảng viên phải thuộc cấp ủy quyết định kiểm tra; người ngoài "
                            "ghi họ và tên."
                        )
                    }
                )
        inspection.team.all().delete()
        TeamMember.objects.bulk_create(
            TeamMember(
                inspection=inspection,
                role=seat.role,
                member=seat.member,
                person_name=seat.person_name.strip(),
                title=seat.title.strip(),
                position=i,
            )
            for i, seat in enumerate(team)
        )
    if documents is not None:
        inspection.subject_documents.set(documents)


# The history page shows a list of strings as one line (committees.audit._shown) and an unknown key as it
# is: the team and subjects are kept as readable lines under Vietnamese keys.
TEAM_KEY, SUBJECTS_KEY = "Đoàn kiểm tra, giám sát", "Đối tượng"


def _people_snapshot(inspection: Inspection) -> dict[str, Any]:
    team = [
        f"{t.get_role_display()}: {t.display_name}" + (f" ({t.title})" if t.title else "")
        for t in inspection.team.select_related("member")
    ]
    subjects = [
        f"{s.member.full_name} ({s.organisation.name})" if s.member else s.organisation.name
        for s in inspection.subjects.select_related("organisation", "member")
    ]
    return {
        TEAM_KEY: team,
        SUBJECTS_KEY: subjects,
        "subject_documents": sorted(
            d.canonical_number or d.title[:60] for d in inspection.subject_documents.all()
        ),
    }


@transaction.atomic
def inspection_create(
    *,
    organisation: Organisation,
    kind: str,
    title: str,
    acting_user: AnyUser | None,
    team: list[TeamData] | None = None,
    subjects: list[SubjectData] | None = None,
    subject_documents: list[Document] | None = None,
    **fields: Any,
) -> Inspection:
    unknown = set(fields) - set(INSPECTION_FIELDS)
    if unknown:
        raise TypeError(f"inspection_create cannot set {sorted(unknown)}")
    inspection = Inspection(organisation=organisation, kind=kind, title=title, **fields)
    _derive(inspection)
    _check_inspection(inspection)
    inspection.code = inspection.code or None
    inspection.full_clean()
    inspection.save()
    if not inspection.code:
        inspection.code = f"KT-{inspection.pk}"
        inspection.save(update_fields=["code"])
    _save_people(inspection, team or [], subjects or [], subject_documents or [])
    audit_record(
        acting_user=acting_user,
        action="inspection.create",
        obj=inspection,
        organisation=organisation,
        after={**snapshot(inspection), **_people_snapshot(inspection)},
    )
    return inspection


@transaction.atomic
def inspection_update(
    *,
    inspection: Inspection,
    acting_user: AnyUser | None,
    team: list[TeamData] | None = None,
    subjects: list[SubjectData] | None = None,
    subject_documents: list[Document] | None = None,
    **changes: Any,
) -> Inspection:
    unknown = set(changes) - set(INSPECTION_FIELDS)
    if unknown:
        raise TypeError(f"inspection_update cannot change {sorted(unknown)}")
    before = {**snapshot(inspection), **_people_snapshot(inspection)}
    for name, value in changes.items():
        setattr(inspection, name, value)
    _derive(inspection)
    _check_inspection(inspection)
    inspection.full_clean()
    inspection.save()
    _save_people(inspection, team, subjects, subject_documents)
    audit_record(
        acting_user=acting_user,
        action="inspection.update",
        obj=inspection,
        organisation=inspection.organisation,
        before=before,
        after={**snapshot(inspection), **_people_snapshot(inspection)},
    )
    return inspection


@transaction.atomic
def inspection_conclude(
    *,
    inspection: Inspection,
    raw_number: str,
    issued_on: date,
    title: str = "",
    results: str = "",
    shortcomings: str = "",
    violations: str = "",
    recommendations: list[RecommendationData] | None = None,
    acting_user: AnyUser | None,
) -> Inspection:
    """Issue the conclusion notice (Thông báo kết luận): a document of the deciding committee, its
    findings on the inspection, and each recommendation a task of the inspected organisation."""
    if inspection.conclusion_id is not None:
        raise ValidationError({"raw_number": _("Cuộc kiểm tra, giám sát này đã có thông báo kết luận.")})
    if issued_on > timezone.localdate():
        raise ValidationError({"issued_on": _("Ngày ban hành không được ở tương lai.")})
    parsed = parse_number(raw_number)
    if parsed.type_code and parsed.type_code != "TB":
        raise ValidationError({"raw_number": _("Thông báo kết luận có ký hiệu TB, ví dụ 125-TB/TU.")})
    subject_orgs = set(inspection.subjects.values_list("organisation_id", flat=True))
    for item in recommendations or []:
        if item.organisation.pk not in subject_orgs:
            raise ValidationError(
                {"recommendations": _("Kiến nghị chỉ giao cho tổ chức là đối tượng kiểm tra, giám sát.")}
            )
        if item.due_on is not None and item.due_on < issued_on:
            raise ValidationError(
                {"recommendations": _("Thời hạn của kiến nghị không được trước ngày kết luận.")}
            )
    before = snapshot(inspection)
    organisation = inspection.organisation
    notice = doc_services.document_create(
        raw_number=raw_number,
        title=title or _("Kết luận %(title)s") % {"title": inspection.title},
        organisation=organisation,
        issued_on=issued_on,
        issuer_organisation=organisation if parsed.system == "party" else None,
        issuer_name=organisation.committee_name,
        acting_user=acting_user,
    )
    for item in recommendations or []:
        doc_services.task_create(
            document=notice,
            organisation=item.organisation,
            title=item.title,
            due_on=item.due_on,
            acting_user=acting_user,
        )
    _attach_conclusion(inspection, notice, issued_on)
    inspection.results = results
    inspection.shortcomings = shortcomings
    inspection.violations = violations
    _derive(inspection)
    _check_inspection(inspection)
    inspection.full_clean()
    inspection.save()
    audit_record(
        acting_user=acting_user,
        action="inspection.conclude",
        obj=inspection,
        organisation=organisation,
        before=before,
        after=snapshot(inspection),
    )
    return inspection


@transaction.atomic
def inspection_follow_up(
    *, inspection: Inspection, on: date, notes: str, acting_user: AnyUser | None
) -> Inspection:
    """The check of how the conclusion's recommendations were carried out."""
    if on > timezone.localdate():
        raise ValidationError({"follow_up_on": _("Ngày này không được ở tương lai.")})
    return update_audited(
        inspection,
        changes={"follow_up_on": on, "follow_up_notes": notes},
        editable={"follow_up_on", "follow_up_notes"},
        action="inspection.follow_up",
        organisation_of=lambda i: i.organisation,
        acting_user=acting_user,
        derive=_check_and_derive,
    )


def _attach_conclusion(inspection: Inspection, notice: Document, issued_on: date) -> None:
    inspection.conclusion = notice
    inspection.concluded_on = issued_on


def _check_and_derive(inspection: Inspection) -> None:
    _derive(inspection)
    _check_inspection(inspection)
