"""What the minutes (biên bản) and the conclusion notice (thông báo kết luận) of a meeting print."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _

from committees.models import CELL_KINDS, BodyKind, BodyMembership, Organisation, Position
from core.vn import blank_date_line, format_date, format_date_line
from reports.heading import issuer_lines
from reports.models import Meeting, MeetingKind, Report
from reports.selectors import conclusion_tasks
from resolutions.models import Task


def conclusion_lines(text: str) -> list[str]:
    """The conclusions, one per non-empty line, without the bullet or number a person typed before it
    ("- ", "1. ", "a) "): line n is conclusion n, the key of its task."""
    lines = (_BULLET.sub("", raw.strip(), count=1).strip() for raw in (text or "").splitlines())
    return [line for line in lines if line]


_BULLET = re.compile(r"^(?:[-+•*–]|\(?[0-9]{1,2}[.)]|[a-zđ][.)])\s+")


def default_signer(organisation: Organisation) -> tuple[str, str]:
    """(authority, name): "T/M BAN THƯỜNG VỤ" where there is a standing committee, else the committee or
    cell; the name of the sitting secretary (Bí thư) if the tree knows it."""
    seats = list(
        BodyMembership.objects.filter(term__organisation=organisation, end_date__isnull=True)
        .select_related("member")
        .order_by("-term__start_year", "id")
    )
    if organisation.kind in CELL_KINDS:
        authority = "T/M CHI BỘ"
    elif any(seat.body == BodyKind.BTV for seat in seats):
        authority = "T/M BAN THƯỜNG VỤ"
    else:
        authority = "T/M ĐẢNG ỦY"
    secretary = next((s for s in seats if s.position == Position.BI_THU), None)
    return authority, secretary.display_name if secretary else ""


def meeting_name(meeting: Meeting, *, with_organisation: bool = False) -> str:
    """ "Hội nghị Ban Chấp hành Đảng bộ … lần thứ 21 (mở rộng), nhiệm kỳ 2020–2025", as documents name it."""
    organisation = meeting.organisation
    kind = MeetingKind(meeting.kind)
    name = str(kind.label)
    if with_organisation:
        if kind in (MeetingKind.BCH,):
            name = f"{name} {organisation.name}"
        elif kind in (MeetingKind.BTV, MeetingKind.STANDING):
            name = f"{name} {organisation.committee_name or organisation.name}"
        else:
            name = f"{name} {organisation.name}"
    if meeting.number:
        name += f" {_('lần thứ')} {meeting.number}"
    if meeting.extended:
        name += f" ({_('mở rộng')})"
    if meeting.term is not None:
        name += f", {_('nhiệm kỳ')} {meeting.term.start_year} - {meeting.term.end_year}"
    return name


def concluding_body(meeting: Meeting) -> str:
    """Who concludes: the body that met ("Ban Thường vụ Đảng ủy Sở …"), the cell, or the one who chaired a
    working session with an inspection team."""
    organisation = meeting.organisation
    committee = organisation.committee_name or organisation.name
    kind = MeetingKind(meeting.kind)
    if kind is MeetingKind.BCH:
        return f"Ban Chấp hành {organisation.name}"
    if kind is MeetingKind.BTV:
        return f"Ban Thường vụ {committee}"
    if kind is MeetingKind.STANDING:
        return f"Thường trực {committee}"
    if kind is MeetingKind.INSPECTION and meeting.chair:
        return f"đồng chí {meeting.chair}"
    if organisation.kind in CELL_KINDS:
        return organisation.name
    return committee


def notice_number_line(meeting: Meeting) -> str:
    if meeting.notice_number:
        return f"Số {meeting.notice_number}"
    issuer = meeting.organisation.issuer_code or "ĐU"
    return f"Số \u00a0\u00a0\u00a0\u00a0\u00a0\u00a0-TB/{issuer}"


def occasion(meeting: Meeting) -> str:
    """The meeting as the notice's sentences name it: "hội nghị lần thứ 21 (mở rộng)", "buổi sinh hoạt chi
    bộ định kỳ", "buổi làm việc với đoàn kiểm tra"."""
    kind = MeetingKind(meeting.kind)
    if kind in (MeetingKind.BCH, MeetingKind.BTV):
        words = _("hội nghị")
    elif kind is MeetingKind.STANDING:
        words = _("cuộc họp")
    else:
        words = _("buổi %(kind)s") % {"kind": str(kind.label).lower()}
    if meeting.number:
        words += f" {_('lần thứ')} {meeting.number}"
    if meeting.extended:
        words += f" ({_('mở rộng')})"
    return words


def organiser(meeting: Meeting) -> str:
    """Who held the meeting: the concluding body, or for a working session the committee itself."""
    if MeetingKind(meeting.kind) is MeetingKind.INSPECTION:
        organisation = meeting.organisation
        return organisation.committee_name or organisation.name
    return concluding_body(meeting)


def notice_title(meeting: Meeting) -> str:
    """The notice's subject line: "kết luận của Ban Thường vụ Đảng ủy … tại hội nghị lần thứ 21 ngày
    4/7/2024"."""
    return _("kết luận của %(body)s tại %(occasion)s ngày %(day)s") % {
        "body": concluding_body(meeting),
        "occasion": occasion(meeting),
        "day": format_date(meeting.held_on),
    }


@dataclass(frozen=True)
class ConclusionRow:
    stt: int
    text: str
    task: Task | None


@dataclass
class MeetingDocContext:
    """What the minutes and the conclusion notice print."""

    meeting: Meeting
    issuer_upper: str
    issuer_lower: str
    name: str
    body: str
    organiser: str
    occasion: str
    subject: str
    number_line: str
    date_line: str
    minutes_date_line: str
    members: list[Any]
    guests: list[Any]
    conclusions: list[ConclusionRow]
    reports: list[Report]
    signer_authority: str
    signer_title: str
    signer_name: str
    recipients: list[str]
    draft: bool


def meeting_doc_context(meeting: Meeting) -> MeetingDocContext:
    """The minutes' and the notice's context, in a fixed number of queries."""
    organisation = meeting.organisation
    upper, lower = issuer_lines(organisation)
    attendees = list(meeting.attendees.all())
    tasks = conclusion_tasks(meeting)
    authority, secretary = default_signer(organisation)
    place = organisation.place_name
    if meeting.notice_dated is not None:
        date_line_text = format_date_line(meeting.notice_dated, place)
    else:
        date_line_text = blank_date_line(meeting.held_on.year, place)
    recipients = []
    if organisation.parent is not None:
        parent = organisation.parent
        recipients.append(f"{parent.committee_name or parent.name} (để báo cáo),")
    if organisation.kind in CELL_KINDS:
        recipients += ["Các đảng viên trong chi bộ,", "Lưu Chi bộ."]
    else:
        recipients += ["Các đồng chí dự hội nghị,", "Các cấp ủy trực thuộc,", "Lưu Văn phòng Đảng ủy."]
    return MeetingDocContext(
        meeting=meeting,
        issuer_upper=upper,
        issuer_lower=lower,
        name=meeting_name(meeting, with_organisation=True),
        body=concluding_body(meeting),
        organiser=organiser(meeting),
        occasion=occasion(meeting),
        subject=notice_title(meeting),
        number_line=notice_number_line(meeting),
        date_line=date_line_text,
        minutes_date_line=format_date_line(meeting.held_on, place),
        members=[a for a in attendees if not a.invited],
        guests=[a for a in attendees if a.invited],
        conclusions=[
            ConclusionRow(n, text, tasks.get(n))
            for n, text in enumerate(conclusion_lines(meeting.conclusions), start=1)
        ],
        reports=list(meeting.reports.order_by("cut_off", "id")),
        signer_authority=meeting.notice_signer_authority or authority,
        signer_title=meeting.notice_signer_title or "BÍ THƯ",
        signer_name=meeting.notice_signer_name or secretary,
        recipients=recipients,
        draft=not meeting.notice_number,
    )
