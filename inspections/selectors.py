"""Queries of the inspections app. Who may see what is decided by committees/access.py."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from django.db.models import Prefetch, Q, QuerySet

from committees import access
from committees.access import Action
from committees.models import Organisation
from inspections.models import Inspection, Kind, PlannedItem, Programme, Subject, TeamMember
from resolutions.models import Task
from resolutions.selectors import tasks_for_user
from resolutions.taskstatus import TaskStatus, task_status

if TYPE_CHECKING:
    from committees.access import AnyUser


def inspections_for_user(user: AnyUser) -> QuerySet[Inspection]:
    """Inspections decided by a committee in the user's scope, and those of which an organisation in the
    user's scope is a subject (the inspected organisation knows it is inspected)."""
    inspected = Subject.objects.filter(access.scope_q(user, Action.VIEW)).values("inspection_id")
    return Inspection.objects.select_related("organisation", "decision", "conclusion").filter(
        access.scope_q(user, Action.VIEW) | Q(pk__in=inspected)
    )


def inspections_to_change(user: AnyUser) -> QuerySet[Inspection]:
    """Inspections the user may edit: decided by a committee in their INSPECT scope."""
    return access.restrict(Inspection.objects.select_related("organisation"), user, Action.INSPECT)


def programmes_for_user(user: AnyUser) -> QuerySet[Programme]:
    return access.restrict(Programme.objects.select_related("organisation", "document"), user)


def inspection_detail(inspection: Inspection, *, user: AnyUser) -> dict[str, object]:
    """The rows of an inspection's page. Member subjects are personal data: shown to those who may see the
    member's organisation, or the deciding committee's."""
    sees_all = access.can(user, Action.VIEW, inspection.organisation)
    subjects = [
        s
        for s in inspection.subjects.select_related("organisation", "member")
        if sees_all or access.can(user, Action.VIEW, s.organisation)
    ]
    team = list(inspection.team.select_related("member"))
    return {
        "subjects": subjects,
        "team": team if sees_all else [t for t in team if not t.member_id],
        "documents": list(inspection.subject_documents.order_by("-issued_on", "id")),
    }


def recommendations(inspection: Inspection, *, user: AnyUser) -> QuerySet[Task]:
    """The conclusion notice's tasks the user may see (those of organisations in their scope), or, for the
    deciding committee's users, all of them."""
    if inspection.conclusion_id is None:
        return Task.objects.none()
    if access.can(user, Action.VIEW, inspection.organisation):
        tasks = Task.objects.select_related("document", "organisation")
    else:
        tasks = tasks_for_user(user)
    return tasks.filter(document_id=inspection.conclusion_id).order_by("due_on", "id")


def programme_items(programme: Programme) -> QuerySet[PlannedItem]:
    return programme.items.select_related("subject").prefetch_related(
        Prefetch("inspections", queryset=Inspection.objects.only("id", "planned_item_id", "status", "title"))
    )


def team_of(inspection: Inspection) -> QuerySet[TeamMember]:
    return inspection.team.select_related("member")


@dataclass(frozen=True)
class InspectionCounts:
    """What the inspecting committee's periodic report says of its inspections (reports.context)."""

    by_kind: list[tuple[str, str, int, int]]  # (kind code, label, inspections, supervisions)
    total: int
    subject_organisations: int
    subject_members: int
    concluded: int
    recommendations: int
    recommendations_done: int
    recommendations_done_on_time: int
    recommendations_with_deadline: int

    def phrase_vi(self) -> str:
        """ "3 cuộc (kiểm tra chuyên đề 2, giám sát thường xuyên 1) đối với 2 tổ chức đảng và 1 đảng viên;
        đã kết luận 2 cuộc; 10/11 kiến nghị đã thực hiện, trong đó 9 đúng hạn", for the report."""
        kinds = [
            f"{mode} {label.lower()} {n}"
            for _code, label, inspections, supervisions in self.by_kind
            for mode, n in (("kiểm tra", inspections), ("giám sát", supervisions))
            if n
        ]
        subjects = [f"{self.subject_organisations} tổ chức đảng"] if self.subject_organisations else []
        if self.subject_members:
            subjects.append(f"{self.subject_members} đảng viên")
        text = f"{self.total} cuộc ({', '.join(kinds)})"
        if subjects:
            text += " đối với " + " và ".join(subjects)
        text += f"; đã kết luận {self.concluded} cuộc"
        if self.recommendations:
            text += (
                f"; {self.recommendations_done}/{self.recommendations} kiến nghị đã thực hiện, trong đó "
                f"{self.recommendations_done_on_time} hoàn thành đúng hạn hoặc trước hạn"
            )
        return text


def counts_for(organisation: Organisation, start: date, end: date, cut_off: date) -> InspectionCounts:
    """Inspections decided by the organisation's committee between start and end (by decision date, up to
    the cut-off), and the recommendations of their conclusion notices at the cut-off. Three queries
    whatever the numbers: the inspections, their subjects, the recommendations."""
    inspections = Inspection.objects.filter(
        organisation=organisation, decided_on__gte=start, decided_on__lte=min(end, cut_off)
    )
    rows = list(inspections.values_list("mode", "kind", "concluded_on", "conclusion_id"))
    by: Counter[tuple[str, str]] = Counter((kind, mode) for mode, kind, _c, _d in rows)
    subjects = set(
        Subject.objects.filter(inspection__in=inspections).values_list("organisation_id", "member_id")
    )
    conclusions = [conclusion for *_x, conclusion in rows if conclusion is not None]
    tasks = (
        Task.objects.filter(document_id__in=conclusions).values_list("due_on", "done_on")
        if conclusions
        else []
    )
    statuses = [task_status(due, done, cut_off) for due, done in tasks]
    done = [s for s in statuses if s in (TaskStatus.EARLY, TaskStatus.ON_TIME, TaskStatus.LATE)]
    return InspectionCounts(
        by_kind=[
            (k.value, str(k.label), by[(k.value, "inspection")], by[(k.value, "supervision")]) for k in Kind
        ],
        total=len(rows),
        subject_organisations=len({org for org, member in subjects if member is None}),
        subject_members=len({member for _org, member in subjects if member is not None}),
        concluded=sum(1 for _m, _k, concluded, _c in rows if concluded is not None and concluded <= cut_off),
        recommendations=len(statuses),
        recommendations_done=len(done),
        recommendations_done_on_time=sum(1 for s in done if s in (TaskStatus.EARLY, TaskStatus.ON_TIME)),
        recommendations_with_deadline=sum(1 for s in statuses if s is not TaskStatus.ONGOING),
    )
