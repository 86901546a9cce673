"""The demo's data files go through the exchange importer as an upload would, with no problem at all, and
everything the workbook can carry comes from them, not from code (issue 25)."""

from __future__ import annotations

import io
from datetime import date

from django.contrib.auth.models import User

from committees.models import AuditEntry, BodyMembership, Organisation, Term
from demo.data import SETS, read_set, to_workbook
from demo.services import load_demo
from exchange.workbook import import_workbook
from reports.models import Meeting, Report
from targets.models import Narrative

ANCHOR = 2026  # not a story year: every set is moved

# What the demo shows (docs/demo.md, "Before and after"); the code demo of before issue 25 gave the same.
KEY_COUNTS = {
    "organisations": 101,
    "members": 902,
    "seats": 55,
    "documents": 15,
    "targets": 101,
    "readings": 95,
    "tasks": 59,
    "meetings": 1,
    "ratings": 51,
    "users": 8,
}


def test_every_data_file_imports_with_no_problem_and_twice_changes_nothing(db) -> None:  # type: ignore[no-untyped-def]
    admin = User.objects.create_superuser(username="admin", password="x", email="")
    sets = [read_set(data_set, ANCHOR - data_set.story_year) for data_set in SETS]
    # The sheets the workbook has for terms, seats, meetings, reports and narratives are used, not left to
    # code.
    assert {"terms", "seats", "meetings", "reports", "narratives"} <= set(sets[0])
    for data_set, sheets in zip(SETS, sets, strict=True):
        result = import_workbook(io.BytesIO(to_workbook(sheets)), acting_user=admin)
        assert result.problems == [], (data_set.folder, [str(p) for p in result.problems[:5]])
        created = {name: n for name, n in result.created.items() if n}
        assert set(created) == set(sheets), data_set.folder
    for data_set, sheets in zip(SETS, sets, strict=True):
        again = import_workbook(io.BytesIO(to_workbook(sheets)), acting_user=admin)
        assert (again.problems, again.created, again.updated) == ([], {}, {}), data_set.folder
    assert Term.objects.count() == 4 and BodyMembership.objects.count() == 55
    meeting = Meeting.objects.get(organisation__code="SLDTBXH-HCM", number=21)
    assert meeting.held_on.year == ANCHOR and meeting.term and meeting.term.start_year == ANCHOR - 4
    assert meeting.chair == meeting.term.seats.get(body="btv", position="bi_thu").display_name
    # The report 15-BC/ĐU: issued, presented at the meeting, signed by the secretary, every date moved.
    report = Report.objects.get()
    assert (report.number, report.period, report.is_issued) == ("15-BC/ĐU", f"{ANCHOR}-H1", True)
    assert (report.cut_off, report.dated) == (date(ANCHOR, 6, 30), date(ANCHOR, 7, 5))
    assert list(report.meetings.all()) == [meeting] and report.signer_name == meeting.chair
    assert Narrative.objects.filter(period=f"{ANCHOR}-H1").count() == 74
    assert Organisation.objects.count() == KEY_COUNTS["organisations"]


def test_the_demos_key_counts_and_what_came_through_the_importer(db) -> None:  # type: ignore[no-untyped-def]
    summary = load_demo(year=ANCHOR)
    assert {key: getattr(summary, key) for key in KEY_COUNTS} == KEY_COUNTS
    assert Term.objects.count() == 4
    admin = User.objects.get(username="admin")
    # Terms, seats, the meeting, the report and the narratives were written by the import, as the
    # administrator; the code parts (ratings, the submissions of the reporting cycle) write as the system.
    for object_type in (
        "committees.term",
        "committees.bodymembership",
        "reports.meeting",
        "reports.report",
        "targets.narrative",
    ):
        entries = AuditEntry.objects.filter(object_type=object_type)
        assert entries.exists() and not entries.exclude(user=admin).exists(), object_type
    report = Meeting.objects.get(number=21).reports.get()
    assert (report.number, report.period) == ("15-BC/ĐU", f"{ANCHOR}-H1")
