"""Every write of the reporting cycle (rules in targets/cycle.py): submissions and their moves, narratives,
deadlines and the daily reminders; each writes its audit row.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from committees.audit import audit_record, snapshot
from committees.models import Organisation, RoleKind
from core import services as core_services
from core.vn import format_date
from targets import cycle, selectors
from targets.models import (
    LOCKED_STATUSES,
    Narrative,
    ReminderKind,
    ReminderSent,
    Submission,
    SubmissionDeadline,
)
from targets.periods import Period, PeriodError

if TYPE_CHECKING:
    from committees.access import AnyUser


def _cycle_url(organisation: Organisation, period: Period) -> str:
    from django.urls import reverse

    return reverse("targets:cycle_detail", args=[organisation.pk, period.code])


@transaction.atomic
def submission_transition(
    *,
    organisation: Organisation,
    period: Period,
    transition: cycle.Transition,
    comment: str = "",
    acting_user: AnyUser | None,
) -> Submission:
    """Move the organisation's submission for `period` along the cycle; every move is audited.

    Refused with a ValidationError (and nothing changed) when the move does not start from the current
    status, is an approval or a return by the person who submitted (cycle.barred_as_submitter), lacks a
    comment it needs, or is an approval while a sibling has not submitted yet; with PermissionDenied when
    the user's roles do not allow it.
    """
    rule = cycle.RULES[transition]
    if acting_user is not None and not cycle.may(acting_user, transition, organisation):
        raise PermissionDenied
    submission, _created = Submission.objects.select_for_update().get_or_create(
        organisation=organisation, period=period.code
    )
    if submission.status not in rule.sources:
        raise ValidationError(
            _("Không thể «%(action)s» khi báo cáo kỳ đang ở trạng thái «%(status)s».")
            % {"action": rule.label, "status": submission.get_status_display()}
        )
    if acting_user is not None and cycle.barred_as_submitter(
        acting_user, transition, submission.submitted_by_id
    ):
        raise ValidationError(cycle.barred_message())
    comment = comment.strip()
    if rule.needs_comment and not comment:
        raise ValidationError({"comment": _("Vui lòng ghi ý kiến để tổ chức biết cần sửa gì.")})
    if transition is cycle.Transition.APPROVE and organisation.parent_id is not None:
        waiting = selectors.children_waiting(organisation.parent_id, period)
        if waiting:
            raise ValidationError(
                _(
                    "Chưa thể duyệt: cấp trên chỉ duyệt khi mọi tổ chức trực thuộc đã gửi báo cáo; "
                    "còn %(n)s tổ chức chưa gửi: %(names)s."
                )
                % {"n": len(waiting), "names": ", ".join(o.name for o in waiting[:10])}
            )
    before = snapshot(submission)
    user = acting_user if acting_user is not None and not acting_user.is_anonymous else None
    now = timezone.now()
    submission.status = rule.target
    if transition is cycle.Transition.SUBMIT:
        submission.submitted_at, submission.submitted_by = now, user
        submission.times_submitted += 1
    else:
        submission.decided_at, submission.decided_by = now, user
        submission.comment = comment
    submission.save()
    audit_record(
        acting_user=acting_user,
        action=f"submission.{transition}",
        obj=submission,
        organisation=organisation,
        before=before,
        after=snapshot(submission),
        reason=comment,
    )
    _notify_transition(submission, period, transition, comment)
    return submission


def _notify_transition(
    submission: Submission, period: Period, transition: cycle.Transition, comment: str
) -> None:
    organisation = submission.organisation
    url = _cycle_url(organisation, period)
    names = {"org": organisation.name, "period": period.label()}
    if transition is cycle.Transition.SUBMIT:
        if organisation.parent_id is None:
            return
        users = selectors.role_users({organisation.parent_id}, (RoleKind.LEADER,))[organisation.parent_id]
        subject = _("%(org)s đã gửi báo cáo %(period)s, chờ duyệt") % names
    else:
        users = [
            u
            for group in selectors.role_users(
                {organisation.pk}, (RoleKind.STAFF, RoleKind.SECRETARY)
            ).values()
            for u in group
        ]
        subject = {
            cycle.Transition.APPROVE: _("Báo cáo %(period)s của %(org)s đã được duyệt"),
            cycle.Transition.RETURN: _("Báo cáo %(period)s của %(org)s bị trả lại để chỉnh sửa"),
            cycle.Transition.REOPEN: _("Báo cáo %(period)s của %(org)s được mở lại để sửa"),
        }[transition] % names
    core_services.notices_send(users=users, subject=subject, body=comment, url=url)


@transaction.atomic
def narrative_save(
    *,
    organisation: Organisation,
    period: Period,
    acting_user: AnyUser | None,
    results: str = "",
    shortcomings: str = "",
    causes: str = "",
    directions: str = "",
) -> Narrative:
    """Write the organisation's texts for the period; refused once the period is submitted or approved."""
    status = (
        Submission.objects.filter(organisation=organisation, period=period.code)
        .values_list("status", flat=True)
        .first()
    )
    if status in LOCKED_STATUSES:
        raise ValidationError(
            _("Báo cáo %(period)s đã gửi cấp trên hoặc đã được duyệt: không sửa được phần thuyết minh.")
            % {"period": period.label()}
        )
    narrative = (
        Narrative.objects.select_for_update().filter(organisation=organisation, period=period.code).first()
    )
    before = snapshot(narrative) if narrative else None
    if narrative is None:
        narrative = Narrative(organisation=organisation, period=period.code)
    narrative.results, narrative.shortcomings = results.strip(), shortcomings.strip()
    narrative.causes, narrative.directions = causes.strip(), directions.strip()
    narrative.updated_by = acting_user if acting_user is not None and not acting_user.is_anonymous else None
    narrative.save()
    audit_record(
        acting_user=acting_user,
        action="narrative.update" if before else "narrative.create",
        obj=narrative,
        organisation=organisation,
        before=before,
        after=snapshot(narrative, exclude=("updated_at",)),
    )
    return narrative


@dataclass
class RemindersSent:
    reminders: int = 0  # organisations whose staff were reminded
    late_notices: int = 0  # levels above told who is late
    emails: int = 0
    notices: int = 0


def send_submission_reminders(*, today: date, base_url: str = "") -> RemindersSent:
    """The daily job: remind the staff of organisations that have not submitted, a few days before and on
    the deadline, and tell the level above who is late. Each (organisation, period, kind, day) is sent at
    most once, whatever how often the job runs: the ReminderSent row is its receipt."""
    sent = RemindersSent()
    # Only the half-year being reported on: an older one is the level above's business, not a reminder's.
    period = cycle.latest_ended_period(today)
    dues = cycle.deadlines(period)
    pending = list(selectors.unreported(period))
    if not pending:
        return sent
    staff = selectors.role_users({o.pk for o in pending}, (RoleKind.STAFF,))
    late_by_parent: dict[int, list[Organisation]] = {}
    for organisation in pending:
        due = cycle.due_of(dues, period, organisation.kind)
        left = (due - today).days
        if left in settings.CHITIEU_REMINDER_DAYS_BEFORE:
            kind = ReminderKind.DUE_TODAY if left == 0 else ReminderKind.DUE_SOON
            users = staff.get(organisation.pk, [])
            subject = (
                _("Hôm nay là hạn gửi báo cáo %(period)s của %(org)s")
                if left == 0
                else _("Còn %(n)s ngày đến hạn gửi báo cáo %(period)s của %(org)s")
            ) % {"period": period.label(), "org": organisation.name, "n": left}
            body = _(
                "%(org)s chưa gửi báo cáo %(period)s. Hạn gửi: %(due)s. "
                "Vui lòng hoàn tất số liệu, phần thuyết minh và gửi cấp trên."
            ) % {"org": organisation.name, "period": period.label(), "due": format_date(due)}
            if _send_once(organisation, period, kind, today, users, subject, body, base_url, sent):
                sent.reminders += 1
        elif left < 0 and organisation.parent_id is not None:
            late_by_parent.setdefault(organisation.parent_id, []).append(organisation)
    if not late_by_parent:
        return sent
    parents = Organisation.objects.in_bulk(list(late_by_parent))
    deciders = selectors.role_users(set(late_by_parent), (RoleKind.LEADER, RoleKind.SECRETARY))
    for parent_id, late in late_by_parent.items():
        first_late = min(cycle.due_of(dues, period, o.kind) for o in late)
        # The day after the first deadline missed, then every CHITIEU_LATE_NOTICE_EVERY_DAYS days.
        if ((today - first_late).days - 1) % settings.CHITIEU_LATE_NOTICE_EVERY_DAYS:
            continue
        subject = _("%(n)s tổ chức trực thuộc %(org)s chậm gửi báo cáo %(period)s") % {
            "n": len(late),
            "org": parents[parent_id].name,
            "period": period.label(),
        }
        body = "\n".join(f"- {o.name}" for o in late)
        if _send_once(
            parents[parent_id],
            period,
            ReminderKind.LATE_CHILDREN,
            today,
            deciders.get(parent_id, []),
            subject,
            body,
            base_url,
            sent,
        ):
            sent.late_notices += 1
    return sent


def _send_once(
    organisation: Organisation,
    period: Period,
    kind: str,
    today: date,
    users: list[Any],
    subject: str,
    body: str,
    base_url: str,
    sent: RemindersSent,
) -> bool:
    """Send one reminder unless today's receipt exists; the receipt and the sending commit together."""
    url = _cycle_url(organisation, period)
    with transaction.atomic():
        _receipt, created = ReminderSent.objects.get_or_create(
            organisation=organisation,
            period=period.code,
            kind=kind,
            day=today,
            defaults={"recipients": len(users)},
        )
        if not created:
            return False
        sent.notices += core_services.notices_send(users=users, subject=subject, body=body, url=url)
        addresses = sorted({u.email for u in users if u.email})
        if addresses:
            send_mail(
                subject=f"[{_('Chỉ tiêu')}] {subject}",
                message=f"{body}\n\n{base_url}{url}",
                from_email=None,
                recipient_list=addresses,
            )
            sent.emails += len(addresses)
    return True


@transaction.atomic
def deadline_set(
    *,
    period: str,
    kind: str,
    due: date,
    acting_user: AnyUser | None,
    instance: SubmissionDeadline | None = None,
) -> SubmissionDeadline:
    """Set the deadline of one level for one half-year (instead of the default from settings)."""
    try:
        parsed = cycle.parse_cycle_period(period)
    except PeriodError as error:
        raise ValidationError({"period": error.message}) from None
    if due < parsed.end:
        raise ValidationError(
            {"due": _("Hạn gửi phải sau ngày cuối kỳ %(end)s.") % {"end": format_date(parsed.end)}}
        )
    deadline = instance or SubmissionDeadline.objects.filter(period=parsed.code, kind=kind).first()
    before = snapshot(deadline) if deadline else None
    deadline = deadline or SubmissionDeadline()
    deadline.period, deadline.kind, deadline.due = parsed.code, kind, due
    deadline.full_clean()
    deadline.save()
    audit_record(
        acting_user=acting_user,
        action="deadline.update" if before else "deadline.create",
        obj=deadline,
        before=before,
        after=snapshot(deadline),
    )
    return deadline
