"""Every write to committees goes through here, and each writes its audit row."""

from __future__ import annotations

import secrets
import unicodedata
from datetime import date, timedelta
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Model
from django.utils import timezone
from django.utils.translation import gettext as _

from committees import access, ratings
from committees.audit import audit_record, snapshot, update_audited
from committees.models import (
    ApiKey,
    BodyMembership,
    Member,
    Notice,
    Organisation,
    QualityRating,
    Role,
    Term,
    WorkerPing,
)
from committees.subtree_cache import invalidate_paths
from committees.vn import fold

if TYPE_CHECKING:
    from django.contrib.auth.models import User

    from committees.access import AnyUser


def _path_for(organisation: Organisation) -> tuple[str, int]:
    parent = organisation.parent
    prefix = parent.path if parent else ""
    return f"{prefix}{organisation.pk:07d}/", (parent.depth + 1 if parent else 0)


@transaction.atomic
def organisation_create(
    *,
    code: str,
    kind: str,
    name: str,
    parent: Organisation | None = None,
    committee_name: str = "",
    issuer_code: str = "",
    place_name: str = "",
    valid_from: date | None = None,
    acting_user: AnyUser | None,
) -> Organisation:
    organisation = Organisation(
        code=code,
        kind=kind,
        name=name,
        parent=parent,
        committee_name=committee_name,
        issuer_code=issuer_code,
        place_name=place_name or (parent.place_name if parent else ""),
        valid_from=valid_from,
        name_folded=fold(name),
    )
    organisation.full_clean(exclude=["path"])
    organisation.save()
    organisation.path, organisation.depth = _path_for(organisation)
    organisation.save(update_fields=["path", "depth"])
    audit_record(
        acting_user=acting_user,
        action="organisation.create",
        obj=organisation,
        organisation=organisation,
        after=snapshot(organisation),
    )
    return organisation


_ORG_EDITABLE = ("kind", "name", "committee_name", "issuer_code", "place_name", "valid_from", "valid_to")


@transaction.atomic
def organisation_update(
    *, organisation: Organisation, acting_user: AnyUser | None, **changes: Any
) -> Organisation:
    def derive(o: Organisation) -> None:
        o.name_folded = fold(o.name)

    return update_audited(
        organisation,
        changes=changes,
        editable=_ORG_EDITABLE,
        action="organisation.update",
        organisation_of=lambda o: o,
        acting_user=acting_user,
        derive=derive,
    )


@transaction.atomic
def organisation_merge(
    *, organisation: Organisation, into: Organisation, on: date, acting_user: AnyUser | None
) -> Organisation:
    """End an organisation on `on` and point it at its successor; its history stays readable."""
    if into.pk == organisation.pk or into.path.startswith(organisation.path):
        raise ValidationError(
            _("Không thể hợp nhất một tổ chức vào chính nó hoặc vào tổ chức cấp dưới của nó.")
        )
    before = snapshot(organisation)
    organisation.valid_to = on
    organisation.merged_into = into
    organisation.full_clean()
    organisation.save(update_fields=["valid_to", "merged_into"])
    audit_record(
        acting_user=acting_user,
        action="organisation.merge",
        obj=organisation,
        organisation=organisation,
        before=before,
        after=snapshot(organisation),
    )
    return organisation


@transaction.atomic
def term_create(
    *,
    organisation: Organisation,
    start_year: int,
    end_year: int,
    congress_number: int | None = None,
    khoa: int | None = None,
    acting_user: AnyUser | None,
) -> Term:
    term = Term(
        organisation=organisation,
        start_year=start_year,
        end_year=end_year,
        congress_number=congress_number,
        khoa=khoa,
    )
    term.full_clean()
    term.save()
    audit_record(
        acting_user=acting_user,
        action="term.create",
        obj=term,
        organisation=organisation,
        after=snapshot(term),
    )
    return term


def _clean_name(name: str) -> str:
    # NFC so that a name typed with combining marks matches one typed precomposed; single spaces.
    return " ".join(unicodedata.normalize("NFC", name).split())


_MEMBER_EDITABLE = (
    "organisation",
    "full_name",
    "gender",
    "birth_date",
    "ethnicity",
    "religion",
    "admitted_on",
    "official_on",
    "status",
)


@transaction.atomic
def member_create(
    *, organisation: Organisation, full_name: str, gender: str, acting_user: AnyUser | None, **fields: Any
) -> Member:
    full_name = _clean_name(full_name)
    member = Member(
        organisation=organisation,
        full_name=full_name,
        gender=gender,
        full_name_folded=fold(full_name),
        **fields,
    )
    member.full_clean()
    member.save()
    audit_record(
        acting_user=acting_user,
        action="member.create",
        obj=member,
        organisation=organisation,
        after=snapshot(member),
    )
    return member


@transaction.atomic
def member_update(*, member: Member, acting_user: AnyUser | None, **changes: Any) -> Member:
    def derive(m: Member) -> None:
        m.full_name = _clean_name(m.full_name)
        m.full_name_folded = fold(m.full_name)

    moved_from = member.organisation if "organisation" in changes else None
    updated = update_audited(
        member,
        changes=changes,
        editable=_MEMBER_EDITABLE,
        action="member.update",
        organisation_of=lambda m: m.organisation,
        acting_user=acting_user,
        derive=derive,
    )
    if moved_from is not None and moved_from.pk != updated.organisation_id:
        # The audit row forgets the subtrees of the cell moved to; those of the cell left change too.
        invalidate_paths([moved_from.path])
    return updated


@transaction.atomic
def role_grant(*, user: User, organisation: Organisation, kind: str, acting_user: AnyUser | None) -> Role:
    role, created = Role.objects.get_or_create(user=user, organisation=organisation, kind=kind)
    if created:
        audit_record(
            acting_user=acting_user,
            action="role.grant",
            obj=role,
            organisation=organisation,
            after=snapshot(role),
        )
    access.forget(user)
    return role


@transaction.atomic
def role_revoke(*, role: Role, acting_user: AnyUser | None) -> None:
    before = snapshot(role)
    audit_record(
        acting_user=acting_user, action="role.revoke", obj=role, organisation=role.organisation, before=before
    )
    role.delete()


PINGS_KEPT = timedelta(days=1)


def worker_ping_request() -> WorkerPing:
    """Queue a ping for a worker to answer; the message is sent once the row is committed. Beat sends one
    every CHITIEU_HEARTBEAT_EVERY seconds (config/beat.py); those older than a day are deleted."""
    from committees.tasks import worker_ping_answer

    with transaction.atomic():
        WorkerPing.objects.filter(requested_at__lt=timezone.now() - PINGS_KEPT).delete()
        ping = WorkerPing.objects.create()
        transaction.on_commit(lambda: worker_ping_answer.delay(ping.pk))
    return ping


def worker_ping_answer(*, ping_id: int, worker: str) -> bool:
    """Answer a ping once: a redelivered message finds it answered and does nothing."""
    claimed = WorkerPing.objects.filter(pk=ping_id, answered_at__isnull=True).update(
        answered_at=timezone.now(), answered_by=worker[:255]
    )
    return claimed == 1


@transaction.atomic
def seat_create(
    *,
    term: Term,
    body: str,
    position: str,
    member: Member | None = None,
    person_name: str = "",
    start_date: date | None = None,
    acting_user: AnyUser | None,
) -> BodyMembership:
    """Give a person a seat (and position) in a committee body of a term."""
    seat = BodyMembership(
        term=term, body=body, position=position, member=member, person_name=person_name, start_date=start_date
    )
    seat.full_clean()
    seat.save()
    audit_record(
        acting_user=acting_user,
        action="seat.create",
        obj=seat,
        organisation=term.organisation,
        after=snapshot(seat),
    )
    return seat


@transaction.atomic
def seat_update(*, seat: BodyMembership, acting_user: AnyUser | None, **changes: Any) -> BodyMembership:
    """Change a seat: its position, its holder, or the date it ended (end_date)."""
    return update_audited(
        seat,
        changes=changes,
        editable={"body", "position", "member", "person_name", "start_date", "end_date"},
        action="seat.update",
        organisation_of=lambda s: s.term.organisation,
        acting_user=acting_user,
    )


@transaction.atomic
def term_update(*, term: Term, acting_user: AnyUser | None, **changes: Any) -> Term:
    return update_audited(
        term,
        changes=changes,
        editable={"start_year", "end_year", "congress_number", "khoa"},
        action="term.update",
        organisation_of=lambda t: t.organisation,
        acting_user=acting_user,
    )


@transaction.atomic
def rating_record(
    *,
    year: int,
    level: str = "",
    organisation: Organisation | None = None,
    member: Member | None = None,
    score: Decimal | None = None,
    acting_user: AnyUser | None,
) -> QualityRating:
    """Record (or replace) the quality rating of an organisation or a member for a year.

    With a score (2025 and later) the level follows from it; a level that contradicts the score is refused.
    """
    if (organisation is None) == (member is None):
        raise ValidationError(_("Xếp loại phải dành cho đúng một tổ chức đảng hoặc một đảng viên."))
    level = ratings.resolve_level(year=year, level=level, score=score, for_member=member is not None)
    existing = QualityRating.objects.filter(year=year, organisation=organisation, member=member).first()
    before = snapshot(existing) if existing else None
    rating = existing or QualityRating(year=year, organisation=organisation, member=member)
    rating.level, rating.score = level, score
    rating.full_clean()
    rating.save()
    subject = organisation if organisation is not None else member.organisation if member else None
    audit_record(
        acting_user=acting_user,
        action="rating.record",
        obj=rating,
        organisation=subject,
        before=before,
        after=snapshot(rating),
    )
    return rating


def _organisation_of(obj: Model) -> Organisation | None:
    if isinstance(obj, Organisation):
        return obj
    if isinstance(obj, BodyMembership):
        return obj.term.organisation
    subject = getattr(obj, "organisation", None)
    if subject is None and isinstance(obj, QualityRating) and obj.member is not None:
        subject = obj.member.organisation
    return subject if isinstance(subject, Organisation) else None


@transaction.atomic
def object_delete(*, obj: Model, acting_user: AnyUser | None, reason: str = "") -> None:
    """Delete one object of this app (from the admin), keeping what it was in the audit row."""
    audit_record(
        acting_user=acting_user,
        action=f"{obj._meta.model_name}.delete",
        obj=obj,
        organisation=_organisation_of(obj),
        before=snapshot(obj),
        reason=reason,
    )
    obj.delete()


def notices_send(*, users: list[Any], subject: str, body: str = "", url: str = "") -> int:
    """A notice in the app for each user (the reminders and the reporting cycle's decisions)."""
    notices = [
        Notice(user=user, subject=subject[:255], body=body, url=url[:255])
        for user in {u.pk: u for u in users}.values()
    ]
    Notice.objects.bulk_create(notices)
    return len(notices)


def notices_mark_read(*, user: AnyUser) -> int:
    """Mark every unread notice of the user as read."""
    if not user.is_authenticated:
        return 0
    return Notice.objects.filter(user_id=user.pk, read_at__isnull=True).update(read_at=timezone.now())


# --- API keys -------------------------------------------------------------------------------------

# How often a key's "last used" is written: a stamp per request would make every API read a write.
API_KEY_USED_EVERY = timedelta(minutes=1)


def _api_key_audit(user: User, action: str, acting_user: AnyUser | None, before: Any, after: Any) -> None:
    # The key itself never goes into the audit trail: only its prefix and when it was made.
    audit_record(acting_user=acting_user, action=action, obj=user, before=before, after=after)


def _api_key_state(api_key: ApiKey) -> dict[str, str]:
    return {"prefix": api_key.prefix, "token_created": api_key.created.isoformat()}


@transaction.atomic
def api_token_issue(*, user: User, acting_user: AnyUser | None) -> str:
    """A new API key for `user`, replacing any earlier one (which stops working at once).

    Returns the key: the only time it exists outside the caller's hands, as only its digest is stored.
    """
    # The user's row is locked so that two clicks at once replace the key twice instead of colliding.
    get_user_model().objects.select_for_update().filter(pk=user.pk).first()
    old = ApiKey.objects.filter(user_id=user.pk).first()
    before = _api_key_state(old) if old is not None else None
    if old is not None:
        old.delete()
    key = secrets.token_urlsafe(32)
    api_key = ApiKey.objects.create(
        user=user, prefix=key[: ApiKey.PREFIX_LENGTH], digest=ApiKey.digest_of(key)
    )
    action = "api_token.replace" if old is not None else "api_token.create"
    _api_key_audit(user, action, acting_user, before, _api_key_state(api_key))
    return key


@transaction.atomic
def api_token_revoke(*, user: User, acting_user: AnyUser | None) -> bool:
    """Delete the user's API key; False when there was none."""
    old = ApiKey.objects.filter(user_id=user.pk).first()
    if old is None:
        return False
    before = _api_key_state(old)
    old.delete()
    _api_key_audit(user, "api_token.revoke", acting_user, before, None)
    return True


def api_key_mark_used(*, api_key: ApiKey) -> None:
    """Stamp the key's last use, at most once every API_KEY_USED_EVERY (for the admin and the key's page)."""
    now = timezone.now()
    if api_key.last_used is None or now - api_key.last_used >= API_KEY_USED_EVERY:
        ApiKey.objects.filter(pk=api_key.pk).update(last_used=now)
        api_key.last_used = now
