"""The demo data: built from the seed articles, and loading it twice changes nothing."""

from __future__ import annotations

import time
from datetime import date
from decimal import Decimal as D

import pytest
from django.apps import apps
from django.contrib.auth import authenticate
from django.contrib.auth.models import User
from django.core.management import call_command
from django.test import RequestFactory

from committees.models import AuditEntry, BodyMembership, Member, Organisation, OrganisationKind
from core.vn import format_percent
from demo.people import DEMO_PASSWORD, LOGINS
from demo.services import load_demo
from demo.story_hcm import HCM_PROGRAMME
from resolutions.models import Document, DocumentLink, Task
from resolutions.taskstatus import TaskStatus, count_tasks
from targets.models import OutcomeStep, Reading, Target
from targets.outcomes.achievement import Plan, Rounding, Shape, Status, evaluate, round_pct

MID_2024 = date(2024, 6, 30)


@pytest.fixture
def demo(db):  # type: ignore[no-untyped-def]
    started = time.monotonic()
    summary = load_demo(year=2024)
    print(f"demo loaded in {time.monotonic() - started:.1f} s: {summary}")
    return summary


def _counts() -> dict[str, int]:
    return {model._meta.label: model._default_manager.count() for model in apps.get_models()}


def _reading(code: str) -> Reading:
    return Reading.objects.select_related("target").get(target__code=code, cut_off=MID_2024)


def test_loading_twice_changes_nothing(demo) -> None:  # type: ignore[no-untyped-def]
    before = _counts()
    audit = list(AuditEntry.objects.values_list("id", flat=True))
    second = load_demo(year=2024)
    assert _counts() == before
    assert list(AuditEntry.objects.values_list("id", flat=True)) == audit
    assert second.audit_written == 0 and demo.audit_written == len(audit)


def test_every_write_went_through_a_service(demo) -> None:  # type: ignore[no-untyped-def]
    """One audit row per object the demo created (users are Django's own, with no audit)."""
    audited = {
        "committees.organisation": Organisation,
        "committees.member": Member,
        "committees.bodymembership": BodyMembership,
        "resolutions.document": Document,
        "resolutions.task": Task,
        "targets.target": Target,
        "targets.reading": Reading,
    }
    for label, model in audited.items():
        assert AuditEntry.objects.filter(object_type=label).count() == model._default_manager.count(), label


def test_seed_000_tree(demo) -> None:  # type: ignore[no-untyped-def]
    dept = Organisation.objects.get(code="SLDTBXH-HCM")
    assert (
        dept.parent
        and dept.parent.name == "Đảng bộ Thành phố Hồ Chí Minh"
        and dept.parent.issuer_code == "TU"
    )
    assert (dept.committee_name, dept.issuer_code, dept.kind, dept.place_name) == (
        "Đảng ủy Sở Lao động - Thương binh và Xã hội",
        "ĐU",
        OrganisationKind.UPPER_GRASSROOTS,
        "TP. Hồ Chí Minh",
    )
    assert dept.children.filter(kind=OrganisationKind.GRASSROOTS_COMMITTEE).count() == 14
    assert dept.children.filter(kind=OrganisationKind.GRASSROOTS_CELL).count() == 24
    for name in (
        "Cai nghiện ma túy Bố Lá",
        "Điều dưỡng tâm thần Tân Định",
        "Bảo trợ trẻ em tàn tật mồ côi Thị Nghè",
        "Bảo trợ xã hội Bình Đức",
        "Bảo trợ xã hội Chánh Phú Hòa",
    ):
        grassroots = dept.children.get(name__contains=name, kind=OrganisationKind.GRASSROOTS_COMMITTEE)
        assert Member.objects.filter(organisation__path__startswith=grassroots.path).count() >= 30
    # No cell is big enough to be flagged for an upgrade it already had.
    for cell in Organisation.objects.filter(kind__in=["cell", "grassroots_cell"]):
        assert cell.members.count() < 30, cell
    members = Member.objects.filter(organisation__path__startswith=dept.path)
    assert 300 < members.count() < 800
    assert members.filter(ethnicity="Hoa").exists() and members.filter(ethnicity="Khmer").exists()
    assert members.filter(status="probationary", official_on__isnull=True).exists()
    assert members.exclude(religion="").exists()
    assert members.values("full_name").distinct().count() == members.count()


def test_seed_000_committee_and_term(demo) -> None:  # type: ignore[no-untyped-def]
    dept = Organisation.objects.get(code="SLDTBXH-HCM")
    term = dept.terms.get(start_year=2020)
    assert (term.end_year, term.congress_number) == (2025, 8)
    seats = BodyMembership.objects.filter(term=term)
    assert seats.filter(body="bch").count() == 17 and seats.filter(body="btv").count() == 5
    assert seats.filter(body="ubkt").count() == 5
    # Every seat is held by a member of the department, never by a name from the article.
    assert not seats.filter(member__isnull=True).exists()
    assert all(s.member and s.member.organisation.path.startswith(dept.path) for s in seats)
    for real in ("Lê Văn Thinh", "Võ Sĩ", "Huỳnh Lê Như Trang", "Lượng Thị Tới", "Trần Kim Yến"):
        assert not Member.objects.filter(full_name=real).exists()
    assert dept.ratings.get(year=2023).level == "htxsnv"  # Thông báo 1675-TB/TU
    meeting = dept.meetings.get()
    assert (meeting.number, meeting.extended, meeting.held_on) == (21, True, date(2024, 7, 4))


def test_seed_000_figures(demo) -> None:  # type: ignore[no-untyped-def]
    dept = Organisation.objects.get(code="SLDTBXH-HCM")
    # "34/34 chỉ tiêu đang triển khai thực hiện".
    assert Target.objects.filter(organisation=dept, period="2024").count() == 34

    ubnd, ctct = _reading("HCM-2024-UBND"), _reading("HCM-2024-CTCT")
    assert (ubnd.value, ubnd.target.planned) == (D(15), D(25))
    assert format_percent(ubnd.achievement_pct or D(0)) == "60%"
    assert (ctct.value, ctct.target.planned) == (D(20), D(30))
    assert format_percent(ctct.achievement_pct or D(0)) == "66,67%"
    assert format_percent(ctct.achievement_pct or D(0), "truncate") == "66,66%"

    for code, growth in (("HCM-2024-GQVL", "2.44"), ("HCM-2024-CHOVL", "1.55")):
        reading = _reading(code)
        outcome = evaluate(Plan(Shape.GROWTH), reading.value, previous=reading.previous)
        assert outcome.measure is not None
        assert round_pct(outcome.measure, Rounding.HALF_UP) == D(growth), code
        assert round_pct(outcome.measure, Rounding.TRUNCATE) == D(growth), code
        # Checked again by hand, without the product's code.
        exact = (reading.value - reading.previous) / reading.previous * 100  # type: ignore[operator]
        assert D(growth) <= exact < D(growth) + D("0.005")

    for code, rank, previous, out_of in (("HCM-2024-DDCI", 9, 20, 20), ("HCM-2024-PAR", 18, 22, 26)):
        reading = _reading(code)
        assert (reading.value, reading.previous, reading.target.rank_out_of) == (D(rank), D(previous), out_of)
        assert reading.measure == D(previous - rank)  # tăng 11 bậc, tăng 4 bậc
    assert _reading("HCM-2024-TNTT").target.strict is True
    # The growth rows and the rows against the year's plan tell the same story.
    assert _reading("HCM-2024-VLMOI").value == _reading("HCM-2024-GQVL").value
    last_year = Reading.objects.get(target__code="HCM-2023-VLMOI", cut_off=date(2023, 6, 30))
    assert last_year.value == _reading("HCM-2024-GQVL").previous
    # Grassroots units have targets of their own, so rollups have children.
    assert Target.objects.filter(organisation__parent=dept, period="2024").count() >= 10


def test_seed_000_documents(demo) -> None:  # type: ignore[no-untyped-def]
    expected = (
        "98/2023/QH15 32-CT/TU 33-CT/TU 28-CT/TW 53-CTrHĐ/TU 10/CT-UBND 1649/QĐ-UBND 1675-TB/TU 22-KH/TU"
    )
    numbers = set(Document.objects.values_list("canonical_number", flat=True))
    assert set(expected.split()) <= numbers
    d = {doc.canonical_number: doc for doc in Document.objects.all()}
    assert d["32-CT/TU"].issued_on == date(2024, 3, 21) and d["32-CT/TU"].title.startswith("về tăng cường")
    assert d["33-CT/TU"].issued_on == date(2024, 4, 26) and d["28-CT/TW"].issued_on == date(2023, 12, 25)
    assert d["10/CT-UBND"].issued_on == date(2024, 5, 23) and d["1649/QĐ-UBND"].issued_on == date(2024, 5, 15)
    assert d["1675-TB/TU"].issued_on == date(2024, 5, 4) and d["22-KH/TU"].issued_on == date(2021, 1, 27)
    links = set(
        DocumentLink.objects.values_list("source__canonical_number", "kind", "target__canonical_number")
    )
    assert ("33-CT/TU", "implements", "28-CT/TW") in links
    assert ("53-CTrHĐ/TU", "implements", "42-NQ/TW") in links
    # Everyone below the city reads its directives; the department's own programme stays the department's.
    from resolutions.selectors import documents_for_user

    canbo, syt = User.objects.get(username="canbo"), User.objects.get(username="canbo.syt")
    assert documents_for_user(canbo).filter(canonical_number="32-CT/TU").exists()
    assert documents_for_user(syt).filter(canonical_number="32-CT/TU").exists()
    assert documents_for_user(canbo).filter(canonical_number=HCM_PROGRAMME).exists()
    assert not documents_for_user(syt).filter(canonical_number=HCM_PROGRAMME).exists()


def test_seed_000_tasks(demo) -> None:  # type: ignore[no-untyped-def]
    tasks = Task.objects.filter(document__canonical_number=HCM_PROGRAMME)
    counts = count_tasks(tasks.values_list("due_on", "done_on"), MID_2024)
    assert tasks.count() == 55
    assert counts.counts[TaskStatus.EARLY] == 20 and counts.late == 0
    assert counts.counts[TaskStatus.IN_PROGRESS] == 35
    assert counts.phrase_vi() == "20/55 nội dung đầu việc hoàn thành trước hạn, không có nội dung trễ hạn"
    ongoing = Task.objects.filter(organisation__code="SLDTBXH-HCM", due_on__isnull=True)
    assert ongoing.exists() and not ongoing.filter(document__canonical_number=HCM_PROGRAMME).exists()


def test_seed_001_nam_dinh(demo) -> None:  # type: ignore[no-untyped-def]
    nam_dinh = Organisation.objects.get(code="SLDTBXH-ND")
    assert nam_dinh.children.count() == 10
    assert Member.objects.filter(organisation__path__startswith=nam_dinh.path).count() == 49
    admitted = Reading.objects.get(target__code="ND-1520-KN")
    assert (admitted.value, admitted.target.planned) == (D(18), D(10))
    assert admitted.achievement_pct == D(180) and admitted.status == Status.EXCEEDED  # vượt 80%
    assert D(18) / D(10) * 100 == D(180)
    # The article's 2020 is the anchor year (2024 here): its new term 2020-2025 reads 2024-2029.
    term_targets = Target.objects.filter(organisation=nam_dinh, period="2024-2029")
    assert {t.planned for t in term_targets if t.planned} >= {
        D(30000),
        D(2000),
        D(35000),
        D(51),
        D(80),
        D("0.15"),
    }


def test_seed_003(demo) -> None:  # type: ignore[no-untyped-def]
    k = Organisation.objects.get(code="SLDTBXH-K")
    assert k.children.count() == 7
    members = Member.objects.filter(organisation__path__startswith=k.path)
    assert (
        members.count(),
        members.filter(gender="female").count(),
        members.filter(ethnicity="Khmer").count(),
    ) == (137, 57, 3)
    # The article's congress of 2020 is moved to the anchor year (2024 here).
    seats = BodyMembership.objects.filter(term__organisation=k, term__start_year=2024)
    assert seats.filter(body="bch").count() == 13
    assert seats.filter(body="btv").count() == 3 and seats.filter(body="ubkt").count() == 5
    # The Ủy viên BTV who chairs the UBKT is one person with three seats.
    chair = seats.get(position="chu_nhiem_ubkt").member
    assert chair is not None and seats.filter(member=chair).count() == 3
    assert k.terms.get().congress_number == 9
    targets = Target.objects.filter(organisation=k, period="2024", document__canonical_number="20-CTr/ĐU")
    assert targets.count() == 14
    jobs = targets.get(code="K-2024-VL")
    assert jobs.planned == D(23000)


def test_every_demo_login_works(demo) -> None:  # type: ignore[no-untyped-def]
    for username, *_ in LOGINS:
        # The login throttle (django-axes) needs the request to know who is trying.
        request = RequestFactory().post("/dang-nhap/")
        assert authenticate(request, username=username, password=DEMO_PASSWORD) is not None, username
    assert User.objects.get(username="admin").is_superuser
    kinds = {role.kind for role in User.objects.get(username="canbo").chitieu_roles.all()}
    assert kinds == {"staff"}


def test_every_demo_login_is_a_person_with_a_full_vietnamese_name(demo, client) -> None:  # type: ignore[no-untyped-def]
    """Pages show people by name (core.people.display_name): a demo login must have one, in
    Vietnamese order, and the top bar shows it rather than the login name."""
    from core.people import display_name

    for username, *_ in LOGINS:
        user = User.objects.get(username=username)
        name = display_name(user)
        assert name != username and len(name.split()) >= 3, (username, name)
        assert name.split()[0] in {"Đỗ", "Nguyễn", "Trần", "Lê", "Phạm", "Vũ", "Thạch", "Hoàng"}, name
        client.force_login(user)
        bar = client.get("/to-chuc/").content.decode().split("</header>")[0]
        assert f"<span>{name}</span>" in bar and f"<span>{username}</span>" not in bar
    assert display_name(User.objects.get(username="canbo")) == "Nguyễn Thị Thu Trang"


def test_commands_print_logins_in_both_languages(demo, capsys) -> None:  # type: ignore[no-untyped-def]
    call_command("load_demo")
    out = capsys.readouterr().out
    assert "dòng nhật ký mới: 0" in out and "new audit row: 0" in out
    call_command("demo_logins")
    out = capsys.readouterr().out
    assert "http://127.0.0.1:8000" in out and DEMO_PASSWORD in out
    assert "Lãnh đạo (Leader)" in out and "Thư ký / Văn phòng (Secretary / office)" in out
    assert "Đảng bộ Sở Y tế — Đảng bộ Thành phố Hồ Chí Minh" in out
    assert "canbo | Nguyễn Thị Thu Trang | " in out


def test_the_dashboards_outcome_steps_are_those_of_the_readings(demo) -> None:  # type: ignore[no-untyped-def]
    from tests.targets.test_steps import assert_steps_true

    assert OutcomeStep.objects.count() > 0
    assert_steps_true()
