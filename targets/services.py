"""Every write to targets and readings goes through here, and each writes its audit row."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import ROUND_DOWN, Decimal
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from committees.audit import audit_entry, audit_record, snapshot, update_audited
from committees.models import AuditEntry, Organisation, RoleKind
from core import services as core_services
from core.people import display_name
from core.vn import fold, format_date
from resolutions.models import Document
from targets import cycle, outliers, selectors
from targets.models import (
    LOCKED_STATUSES,
    PLAN_FIELDS,
    Narrative,
    Reading,
    ReadingKind,
    ReminderKind,
    ReminderSent,
    Submission,
    SubmissionDeadline,
    SubmissionStatus,
    Target,
)
from targets.outcomes import steps
from targets.outcomes.achievement import Outcome, evaluate
from targets.outcomes.checks import check_reading
from targets.outcomes.hooks import outcomes_written
from targets.outcomes.metrics import READINGS, metric_of
from targets.outcomes.standing import plan_of
from targets.periods import Period, PeriodError, parse_period

STORED_PLACES = Decimal("0.000001")

if TYPE_CHECKING:
    from committees.access import AnyUser


@transaction.atomic
def target_create(
    *,
    code: str,
    organisation: Organisation,
    title: str,
    period: str,
    shape: str,
    unit: str = "",
    planned: Decimal | None = None,
    planned_low: Decimal | None = None,
    planned_high: Decimal | None = None,
    baseline: Decimal | None = None,
    reduction_unit: str = "points",
    strict: bool = True,
    rank_out_of: int | None = None,
    document: Document | None = None,
    parent: Target | None = None,
    position: int = 0,
    source: str = READINGS,
    acting_user: AnyUser | None,
) -> Target:
    try:
        parsed = parse_period(period)
    except PeriodError as error:
        raise ValidationError({"period": error.message}) from None
    target = Target(
        code=code,
        organisation=organisation,
        title=title,
        title_folded=fold(title),
        period=parsed.code,
        period_start=parsed.start,
        period_end=parsed.end,
        shape=shape,
        unit=unit,
        planned=planned,
        planned_low=planned_low,
        planned_high=planned_high,
        baseline=baseline,
        reduction_unit=reduction_unit,
        strict=strict,
        rank_out_of=rank_out_of,
        document=document,
        parent=parent,
        position=position,
        source=source,
    )
    target.full_clean()
    target.save()
    outcomes_written([target])
    audit_record(
        acting_user=acting_user,
        action="target.create",
        obj=target,
        organisation=organisation,
        after=snapshot(target),
    )
    return target


class ReadingConflict(ValidationError):
    """Someone else saved a newer value for the same target and cut-off since the form was shown."""

    def __init__(self, current: Reading) -> None:
        self.current = current
        shown = current.value if current.value is not None else current.done
        super().__init__(
            _("Số liệu đã được %(user)s cập nhật thành %(value)s. Vui lòng xem lại trước khi lưu.")
            % {"user": display_name(current.entered_by) or _("người khác"), "value": shown}
        )


def outcome_of(target: Target, reading: Reading) -> Outcome:
    actual: Decimal | bool | None = reading.done if target.yes_no else reading.value
    return evaluate(
        plan_of(target),
        actual,
        previous=reading.previous,
        elapsed=parse_period(target.period).elapsed(reading.cut_off),
    )


def _apply_outcome(target: Target, reading: Reading) -> None:
    outcome = outcome_of(target, reading)
    reading.measure = _stored(outcome.measure)
    reading.achievement_pct = _stored(outcome.achievement_pct)
    reading.status = str(outcome.status)


def _stored(value: Decimal | None) -> Decimal | None:
    # Six decimals cut down (never rounded up), so both half-up and truncated 2-decimal display stay exact.
    return value.quantize(STORED_PLACES, rounding=ROUND_DOWN) if value is not None else None


def _row_label(target: Target, cut_off: date) -> str:
    return _("Chỉ tiêu %(code)s, số liệu đến %(date)s: ") % {
        "code": target.code,
        "date": format_date(cut_off),
    }


def _locked_message(target: Target, period: Period, status: str) -> str:
    names = {"period": period.label(), "org": target.organisation.name}
    if status == SubmissionStatus.APPROVED:
        return (
            _(
                "Số liệu %(period)s của %(org)s đã được cấp trên duyệt nên không sửa được; "
                "cần cấp trên mở lại báo cáo kỳ."
            )
            % names
        )
    return (
        _(
            "Số liệu %(period)s của %(org)s đã gửi cấp trên và đang chờ duyệt nên không sửa được; "
            "cần cấp trên trả lại báo cáo kỳ."
        )
        % names
    )


def _ensure_open(pairs: list[tuple[Target, date]], *, each: bool = False) -> None:
    """Refuse figures of a half-year the organisation has submitted or had approved (1 query)."""
    periods = {(target.organisation_id, cycle.period_of_day(day)) for target, day in pairs}
    locked = selectors.locked_statuses({o for o, _p in periods}, {p.code for _o, p in periods})
    if not locked:
        return
    for target, day in pairs:
        period = cycle.period_of_day(day)
        status = locked.get((target.organisation_id, period.code))
        if status:
            prefix = _row_label(target, day) if each else ""
            raise ValidationError({"cut_off": prefix + _locked_message(target, period, status)})


def _flag_outlier(
    target: Target,
    cut_off: date,
    value: Decimal | None,
    note: str,
    references: dict[tuple[int, date], tuple[list[Decimal], list[Decimal]]],
    *,
    where: str = "",
) -> bool:
    """Whether the value is far from its references; without a note explaining it, it is refused."""
    if target.yes_no or value is None:
        return False
    own, siblings = references.get((target.pk, cut_off), ([], []))
    verdict = outliers.judge(value, own, siblings)
    if verdict is None:
        return False
    if not note.strip():
        raise ValidationError({"note": where + verdict.message(value)})
    return True


@transaction.atomic
def reading_record(
    *,
    target: Target,
    cut_off: date,
    value: Decimal | None = None,
    done: bool | None = None,
    previous: Decimal | None = None,
    kind: str = ReadingKind.OFFICIAL,
    note: str = "",
    reason: str = "",
    expected_current: int | None = None,
    acting_user: AnyUser | None,
    from_register: bool = False,
) -> Reading:
    """Append a reading for `target` at `cut_off`; readings are never edited.

    When a reading already exists for that cut-off this is a correction: it needs a reason (except an
    official figure replacing an estimate), and it supersedes the old one. `expected_current` is the id of
    the reading the person saw (0 for none); if another reading arrived since, ReadingConflict is raised
    and nothing is saved, so no update is ever lost.
    """
    # Serialise writers of one target: the conflict check and the insert must see the same state.
    Target.objects.select_for_update().filter(pk=target.pk).first()
    check_reading(target, cut_off=cut_off, value=value, done=done, previous=previous)
    if not from_register:
        _refuse_typed(target)
    _ensure_open([(target, cut_off)])
    references = selectors.outlier_references([(target, cut_off)])
    flagged = _flag_outlier(target, cut_off, value, note, references)
    current = Reading.objects.filter(target=target, cut_off=cut_off, is_current=True).first()
    if expected_current is not None and current is not None and current.pk != expected_current:
        raise ReadingConflict(current)
    if current is not None:
        replaces_estimate = current.kind == ReadingKind.ESTIMATE and kind == ReadingKind.OFFICIAL
        if not reason.strip() and not replaces_estimate:
            raise ValidationError({"reason": _("Số liệu đã có: vui lòng ghi lý do điều chỉnh.")})
        if previous is None:
            previous = current.previous
    user = acting_user if acting_user is not None and not acting_user.is_anonymous else None
    reading = Reading(
        target=target,
        cut_off=cut_off,
        value=None if target.yes_no else value,
        done=done if target.yes_no else None,
        previous=previous,
        kind=kind,
        note=note,
        reason=reason.strip(),
        supersedes=current,
        entered_by=user,
        flagged=flagged,
    )
    _apply_outcome(target, reading)
    if current is not None:
        before = snapshot(current)
        Reading.objects.filter(pk=current.pk).update(is_current=False)
    else:
        before = None
    # The target is locked above and the user is the one signed in: no query to check that they exist.
    reading.full_clean(exclude=["supersedes", "target", "entered_by"])
    reading.save()
    outcomes_written([target], figures_only=True)
    audit_record(
        acting_user=acting_user,
        action="reading.correct" if current else "reading.record",
        obj=reading,
        organisation=target.organisation,
        before=before,
        after=snapshot(reading),
        reason=reading.reason,
    )
    return reading


@dataclass(frozen=True)
class ReadingInput:
    target: Target
    cut_off: date
    value: Decimal | None = None
    done: bool | None = None
    previous: Decimal | None = None
    kind: str = ReadingKind.OFFICIAL
    note: str = ""
    reason: str = ""


@transaction.atomic
def _same(item: ReadingInput, currents: dict[tuple[int, date], Reading]) -> bool:
    """Whether `item` repeats the current reading of its target and cut-off."""
    current = currents.get((item.target.pk, item.cut_off))
    value, done = (None, item.done) if item.target.yes_no else (item.value, None)
    return (
        current is not None
        and current.value == value
        and current.done == done
        and current.previous == item.previous
    )


def readings_record_many(*, items: list[ReadingInput], acting_user: AnyUser | None) -> tuple[int, int]:
    """Record many readings at once (the workbook import), with the same rules and audit rows as
    reading_record, in a fixed number of queries. A reading equal to the current one is skipped.
    Returns (recorded, corrected)."""
    if not items:
        return 0, 0
    target_ids = {item.target.pk for item in items}
    list(Target.objects.select_for_update().filter(pk__in=target_ids).values_list("pk", flat=True))
    currents = {
        (r.target_id, r.cut_off): r
        for r in Reading.objects.filter(
            target_id__in=target_ids, is_current=True, cut_off__in={i.cut_off for i in items}
        )
    }
    user = acting_user if acting_user is not None and not acting_user.is_anonymous else None
    pairs = [(item.target, item.cut_off) for item in items]
    # A figure already there, unchanged, is no change to a submitted half-year: importing the same
    # workbook again after the report went up changes nothing rather than failing (issue 25).
    _ensure_open(
        [pair for item, pair in zip(items, pairs, strict=True) if not _same(item, currents)], each=True
    )
    references = selectors.outlier_references(pairs)
    new: list[Reading] = []
    superseded: list[Reading] = []
    for item in items:
        target = item.target
        _refuse_typed(target, prefix=_row_label(target, item.cut_off))
        check_reading(
            target,
            cut_off=item.cut_off,
            value=item.value,
            done=item.done,
            previous=item.previous,
            prefix=_row_label(target, item.cut_off),
        )
        current = currents.get((target.pk, item.cut_off))
        value, done = (None, item.done) if target.yes_no else (item.value, None)
        if _same(item, currents):
            continue
        if current is not None:
            replaces_estimate = current.kind == ReadingKind.ESTIMATE and item.kind == ReadingKind.OFFICIAL
            if not item.reason.strip() and not replaces_estimate:
                raise ValidationError({"reason": _("Số liệu đã có: vui lòng ghi lý do điều chỉnh.")})
            superseded.append(current)
        reading = Reading(
            target=target,
            cut_off=item.cut_off,
            value=value,
            done=done,
            previous=item.previous,
            kind=item.kind,
            note=item.note,
            reason=item.reason.strip() if current else "",
            supersedes=current,
            entered_by=user,
            flagged=_flag_outlier(
                target, item.cut_off, value, item.note, references, where=_row_label(target, item.cut_off)
            ),
        )
        _apply_outcome(target, reading)
        new.append(reading)
        currents[(target.pk, item.cut_off)] = reading
    befores = {r.pk: snapshot(r) for r in superseded}
    Reading.objects.filter(pk__in=[r.pk for r in superseded]).update(is_current=False)
    Reading.objects.bulk_create(new, batch_size=500)
    outcomes_written((r.target for r in new), figures_only=True)
    AuditEntry.objects.bulk_create(
        [
            audit_entry(
                acting_user=acting_user,
                action="reading.correct" if r.supersedes_id else "reading.record",
                obj=r,
                organisation=r.target.organisation,
                before=befores.get(r.supersedes_id) if r.supersedes_id else None,
                after=snapshot(r),
                reason=r.reason,
            )
            for r in new
        ],
        batch_size=500,
    )
    corrected = sum(1 for r in new if r.supersedes_id)
    return len(new) - corrected, corrected


def recompute_readings(target: Target, *, left: steps.Period | None = None) -> int:
    """Recompute the stored outcome of every current reading after the plan of `target` changed (and the
    steps of the period it `left`, when its period changed)."""
    readings = list(Reading.objects.filter(target=target, is_current=True))
    for reading in readings:
        _apply_outcome(target, reading)
    Reading.objects.bulk_update(readings, ["measure", "achievement_pct", "status"])
    # The target itself changed too (its period, document, title): everything cached above it goes.
    outcomes_written([target], also=[left] if left else [])
    return len(readings)


def _refuse_typed(target: Target, *, prefix: str = "") -> None:
    """A target whose actual comes from a register takes no typed reading (metric_record records it)."""
    metric = metric_of(target.source)
    if metric is not None:
        raise ValidationError(
            {
                "value": prefix
                + _("Chỉ tiêu này lấy số liệu từ sổ: %(metric)s; số liệu được tính, không nhập tay.")
                % {"metric": metric.label}
            }
        )


@transaction.atomic
def metric_record(*, target: Target, cut_off: date, acting_user: AnyUser | None) -> Reading | None:
    """Record, as the target's reading at `cut_off`, the value its register metric computes now
    (targets.outcomes.metrics); nothing when the standing reading at that day already has it."""
    metric = metric_of(target.source)
    if metric is None:
        raise ValidationError({"value": _("Chỉ tiêu này lấy số liệu nhập tay, không tính từ sổ.")})
    result = metric.compute(target.organisation, target.period_start, cut_off)
    current = Reading.objects.filter(target=target, cut_off=cut_off, is_current=True).first()
    if current is not None and current.value == result.value:
        return None
    return reading_record(
        target=target,
        cut_off=cut_off,
        value=result.value,
        note=_("Tính từ sổ: %(formula)s (%(n)s dòng).") % {"formula": metric.formula, "n": result.counted},
        reason=_("Tính lại từ sổ") if current is not None else "",
        acting_user=acting_user,
        from_register=True,
    )


_TARGET_EDITABLE = {
    "title",
    "period",
    "shape",
    *PLAN_FIELDS,
    "document",
    "parent",
    "position",
    "source",
}


@transaction.atomic
def target_update(*, target: Target, acting_user: AnyUser | None, **changes: object) -> Target:
    """Change a target's plan; the stored outcome of its readings is recomputed against the new plan."""
    left = steps.key_of(target)
    update_audited(
        target,
        changes=changes,
        editable=_TARGET_EDITABLE,
        action="target.update",
        organisation_of=lambda t: t.organisation,
        acting_user=acting_user,
        derive=_period_and_folded_title,
    )
    recompute_readings(target, left=left)
    return target


def _period_and_folded_title(target: Target) -> None:
    """What target_update derives before saving: the period's dates, refused if readings fall outside."""
    try:
        parsed = parse_period(target.period)
    except PeriodError as error:
        raise ValidationError({"period": error.message}) from None
    outside = target.readings.exclude(cut_off__range=(parsed.start, parsed.end))
    if outside.exists():
        raise ValidationError({"period": _("Đã có số liệu nằm ngoài kỳ mới: không thể đổi kỳ như vậy.")})
    target.period, target.period_start, target.period_end = parsed.code, parsed.start, parsed.end
    target.title_folded = fold(target.title)


@transaction.atomic
def target_split(
    *, target: Target, shares: dict[Organisation, Decimal], acting_user: AnyUser | None
) -> list[Target]:
    """Split a target among child organisations: one child target each, with `target` as its parent."""
    created = []
    for organisation, planned in shares.items():
        if organisation.parent_id != target.organisation_id:
            raise ValidationError(_("Chỉ phân bổ cho tổ chức trực thuộc."))
        code = f"{target.code}/{organisation.code}"
        if Target.objects.filter(code=code).exists():
            raise ValidationError(_("Chỉ tiêu đã được phân bổ cho %(org)s.") % {"org": organisation.name})
        created.append(
            target_create(
                code=code,
                organisation=organisation,
                title=target.title,
                period=target.period,
                shape=target.shape,
                unit=target.unit,
                planned=planned,
                baseline=target.baseline,
                reduction_unit=target.reduction_unit,
                strict=target.strict,
                rank_out_of=target.rank_out_of,
                document=target.document,
                parent=target,
                position=target.position,
                acting_user=acting_user,
            )
        )
    return created


# --- the reporting cycle (rules in targets/cycle.py) ----------------------------------------------
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
