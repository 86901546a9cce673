"""The reporting cycle's rules: half-year periods, deadlines per level, who may move a submission where.

Writes live in targets/cycle_services.py and queries in targets/selectors.py; this module only decides.

    draft ──submit──▶ submitted ──approve──▶ approved
      ▲                  │                     │
      └──── returned ◀───┴──return    reopen───┘
               │
               └──submit──▶ submitted

Submitting is done by the organisation itself (its staff or secretary); approving, returning and reopening
by the level above (a leader or admin whose role covers the parent). The top of the tree has no level
above: its admins decide. A level approves only once all its children have submitted. The person who
submitted never approves or returns that submission, whatever other roles they hold (separation of duties).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum
from typing import TYPE_CHECKING

from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from committees import access
from committees.access import Action
from committees.models import Organisation
from targets.models import LOCKED_STATUSES, SubmissionDeadline, SubmissionStatus
from targets.periods import Period, PeriodError, PeriodKind, parse_period

if TYPE_CHECKING:
    from committees.access import AnyUser


class Transition(StrEnum):
    SUBMIT = "submit"
    APPROVE = "approve"
    RETURN = "return"
    REOPEN = "reopen"


@dataclass(frozen=True)
class Rule:
    sources: tuple[SubmissionStatus, ...]
    target: SubmissionStatus
    by_level_above: bool
    needs_comment: bool
    label: object


RULES: dict[Transition, Rule] = {
    Transition.SUBMIT: Rule(
        (SubmissionStatus.DRAFT, SubmissionStatus.RETURNED),
        SubmissionStatus.SUBMITTED,
        by_level_above=False,
        needs_comment=False,
        label=gettext_lazy("Gửi báo cáo"),
    ),
    Transition.APPROVE: Rule(
        (SubmissionStatus.SUBMITTED,),
        SubmissionStatus.APPROVED,
        by_level_above=True,
        needs_comment=False,
        label=gettext_lazy("Duyệt"),
    ),
    Transition.RETURN: Rule(
        (SubmissionStatus.SUBMITTED,),
        SubmissionStatus.RETURNED,
        by_level_above=True,
        needs_comment=True,
        label=gettext_lazy("Trả lại"),
    ),
    Transition.REOPEN: Rule(
        (SubmissionStatus.APPROVED,),
        SubmissionStatus.RETURNED,
        by_level_above=True,
        needs_comment=True,
        label=gettext_lazy("Mở lại để sửa"),
    ),
}


def parse_cycle_period(code: str) -> Period:
    """A reporting period: a half-year (2024-H1, 2024-H2)."""
    period = parse_period(code)
    if period.kind is not PeriodKind.HALF:
        raise PeriodError(_("Báo cáo kỳ tính theo 6 tháng: dùng dạng 2024-H1 hoặc 2024-H2."))
    return period


def period_of_day(day: date) -> Period:
    """The half-year a reading's cut-off falls in: the submission that locks it."""
    return parse_period(f"{day.year}-H{1 if day.month <= 6 else 2}")


def latest_ended_period(today: date) -> Period:
    """The half-year being reported on: the last one that has ended."""
    return parse_period(f"{today.year}-H1" if today.month >= 7 else f"{today.year - 1}-H2")


def period_for_cut_off(cut_off: date, today: date) -> Period:
    """The half-year whose submission goes with figures at `cut_off`, never one that has not ended yet."""
    period, latest = period_of_day(cut_off), latest_ended_period(today)
    return period if period.end <= latest.end else latest


def reports(organisation: Organisation) -> bool:
    """Whether an organisation of this kind submits figures (a tổ đảng reports through its cell)."""
    return organisation.kind in settings.CHITIEU_REPORTING_KINDS


def default_due(period: Period, kind: str) -> date:
    days = settings.CHITIEU_SUBMISSION_DEADLINE_DAYS.get(kind, 10)
    return period.end + timedelta(days=days)


def deadlines(period: Period) -> dict[str, date]:
    """The deadline of every level for `period`: the settings' defaults, overridden per period (1 query)."""
    result = {kind: default_due(period, kind) for kind in settings.CHITIEU_SUBMISSION_DEADLINE_DAYS}
    for kind, due in SubmissionDeadline.objects.filter(period=period.code).values_list("kind", "due"):
        result[kind] = due
    return result


def due_of(dues: dict[str, date], period: Period, kind: str) -> date:
    """The deadline of one level, from deadlines(period) (the settings' default for a kind it lacks)."""
    return dues.get(kind) or default_due(period, kind)


def may(user: AnyUser, transition: Transition, organisation: Organisation) -> bool:
    """Whether the user's roles allow the transition on this organisation's submission."""
    if not RULES[transition].by_level_above:
        return access.can(user, Action.ENTER, organisation) or access.can(user, Action.REPORT, organisation)
    return may_decide(user, organisation)


def may_decide(user: AnyUser, organisation: Organisation) -> bool:
    """Approve, return or reopen: a role on the level above (never on the organisation itself)."""
    if organisation.parent_id is None:
        return access.can(user, Action.ADMIN, organisation)
    parent = Organisation(pk=organisation.parent_id, path=organisation.path.rsplit("/", 2)[0] + "/")
    return access.can(user, Action.APPROVE, parent)


# Separation of duties: the one who sent a submission up does not decide on it, even when they also hold a
# leader or admin role above it; another person of the level above must.
DECIDED_BY_ANOTHER = frozenset({Transition.APPROVE, Transition.RETURN})


def barred_as_submitter(user: AnyUser, transition: Transition, submitted_by_id: int | None) -> bool:
    """Whether the user would approve or return a submission they submitted themselves."""
    return (
        transition in DECIDED_BY_ANOTHER
        and user.is_authenticated
        and submitted_by_id is not None
        and submitted_by_id == user.pk
    )


def barred_message() -> str:
    return _(
        "Bạn đã gửi báo cáo này nên không thể tự duyệt hay trả lại: việc này do một người khác của cấp trên "
        "thực hiện."
    )


def days_late(due: date, today: date, status: str) -> int:
    """Days past the deadline of a submission not yet sent up (0 once submitted or approved)."""
    if status in LOCKED_STATUSES:
        return 0
    return max((today - due).days, 0)
