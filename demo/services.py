"""Loading the whole demo: the data files through the workbook importer, as the administrator; then what
the data files do not hold (ratings, the submissions of the reporting cycle, the logins); and what a
loaded demo is anchored to."""

from __future__ import annotations

import io
from datetime import date

from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from committees import services as org
from committees.models import (
    AuditEntry,
    BodyMembership,
    Member,
    Organisation,
    QualityRating,
)
from demo.data import SETS, read_set, to_workbook
from demo.loader import DemoSummary, Loader, Writer, default_anchor
from demo.people import ADMIN, DEMO_PASSWORD, LOGIN_NAMES, LOGINS
from demo.story_2020 import load_nam_dinh
from demo.story_hcm import load_hcm
from exchange.workbook import import_workbook
from reports.models import Meeting
from resolutions.models import Document, Task
from targets import cycle_services
from targets.cycle import Transition
from targets.models import Reading, Submission, Target
from targets.periods import parse_period


def _login(username: str, kind: str) -> User:
    first, last = LOGIN_NAMES[username]
    user = User.objects.filter(username=username).first()
    if user is None:
        if kind == ADMIN:
            return User.objects.create_superuser(
                username=username, password=DEMO_PASSWORD, email="", first_name=first, last_name=last
            )
        return User.objects.create_user(
            username=username, password=DEMO_PASSWORD, first_name=first, last_name=last
        )
    if not user.get_full_name().strip():
        # A demo loaded before the logins had names: name them now, keeping any name an admin gave.
        User.objects.filter(pk=user.pk).update(first_name=first, last_name=last)
    return user


def _admin() -> User:
    return _login(*next((username, kind) for username, kind, _code in LOGINS if kind == ADMIN))


def _load_users(L: Loader) -> None:
    for username, kind, org_code in LOGINS:
        user = _login(username, kind)
        if org_code is not None:
            org.role_grant(user=user, organisation=L.orgs[org_code], kind=kind, acting_user=None)


def _load_cycle(L: Loader) -> None:
    """The anchor's first half-year (2024-H1 in the article) under the HCM department: most
    organisations have submitted the narrative the data files give them (narratives.csv), one was
    returned with a comment, one is late; nothing is approved yet (the department approves once every
    organisation directly under it has submitted). The department itself has sent up its figures with the
    report 15-BC/ĐU it issued (reports.csv), so the cycle and the report tell the same story."""
    period = parse_period(f"{L.anchor}-H1")
    dept = L.orgs["SLDTBXH-HCM"]
    if Submission.objects.filter(period=period.code, organisation__path__startswith=dept.path).exists():
        return
    L.say(_("Kỳ báo cáo %(period)s: nộp, trả lại, quá hạn") % {"period": period.label()})
    children = list(dept.children.filter(valid_to__isnull=True).order_by("path"))
    for child in children[:-1]:
        for grandchild in child.children.filter(valid_to__isnull=True).order_by("path"):
            cycle_services.submission_transition(
                organisation=grandchild, period=period, transition=Transition.SUBMIT, acting_user=None
            )
        cycle_services.submission_transition(
            organisation=child, period=period, transition=Transition.SUBMIT, acting_user=None
        )
    if len(children) > 2:
        cycle_services.submission_transition(
            organisation=children[-2],
            period=period,
            transition=Transition.RETURN,
            comment="Bổ sung số liệu kết nạp đảng viên và phần nguyên nhân hạn chế.",
            acting_user=None,
        )
    cycle_services.submission_transition(
        organisation=dept, period=period, transition=Transition.SUBMIT, acting_user=None
    )


def _import_set(name: str, sheets: dict[str, list[list[str]]], admin: User, stdout: Writer | None) -> None:
    """One data set through the importer a user's upload goes through, as the administrator."""
    result = import_workbook(io.BytesIO(to_workbook(sheets)), acting_user=admin)
    if not result.ok:
        # The data files and the importer disagree: a bug of the demo, never a partial load.
        raise ValueError(f"demo/data/{name}: " + "; ".join(str(p) for p in result.problems[:20]))
    if stdout is not None and result.created:
        created = ", ".join(f"{sheet} {n}" for sheet, n in result.created.items())
        stdout.write(_("Nhập tệp mẫu %(name)s: %(created)s") % {"name": name, "created": created} + "\n")


def loaded_anchor() -> int | None:
    """The anchor year of the demo already in the database, if one is: from seed 000's report."""
    from reports.models import Report

    period = (
        Report.objects.filter(organisation__code="SLDTBXH-HCM", kind="semi_annual")
        .order_by("period")
        .values_list("period", flat=True)
        .first()
    )
    return int(period[:4]) if period else None


@transaction.atomic
def load_demo(
    *, year: int | None = None, today: date | None = None, stdout: Writer | None = None
) -> DemoSummary:
    """Load the demo with its story set in the first half of `year` (by default the latest first
    half-year that has ended before `today`); a second run finds everything in place and writes nothing.

    A demo already loaded keeps its own year: loading again for another year would build a second story
    beside the first.
    """
    audit_before = AuditEntry.objects.count()
    anchor = year if year is not None else default_anchor(today or timezone.localdate())
    existing = loaded_anchor()
    if existing is not None and existing != anchor:
        if stdout is not None:
            stdout.write(
                _("Dữ liệu mẫu đã được nạp cho năm %(year)s: giữ nguyên.") % {"year": existing} + "\n"
            )
        anchor = existing
    admin = _admin()
    for data_set in SETS:
        _import_set(data_set.folder, read_set(data_set, anchor - data_set.story_year), admin, stdout)
    loader = Loader(stdout, anchor, acting_user=None)
    load_hcm(loader)
    load_nam_dinh(loader)
    _load_cycle(loader)
    _load_users(loader)
    return DemoSummary(
        organisations=Organisation.objects.count(),
        members=Member.objects.count(),
        seats=BodyMembership.objects.count(),
        documents=Document.objects.count(),
        targets=Target.objects.count(),
        readings=Reading.objects.count(),
        tasks=Task.objects.count(),
        meetings=Meeting.objects.count(),
        ratings=QualityRating.objects.count(),
        users=User.objects.count(),
        audit_written=AuditEntry.objects.count() - audit_before,
    )
