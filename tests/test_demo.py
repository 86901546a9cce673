"""The demo data: built from the seed articles, and loading it twice changes nothing."""

from __future__ import annotations

import time
from decimal import Decimal as D

import pytest
from django.apps import apps
from django.contrib.auth import authenticate

from committees.models import Member, Organisation
from committees.vn import format_percent
from reports.demo import DEMO_PASSWORD, LOGINS, load_demo
from targets.models import Reading, Target


@pytest.fixture
def demo(db):  # type: ignore[no-untyped-def]
    started = time.monotonic()
    load_demo()
    print(f"demo loaded in {time.monotonic() - started:.1f} s")


def _counts() -> dict[str, int]:
    return {model._meta.label: model._default_manager.count() for model in apps.get_models()}


def test_loading_twice_changes_nothing(demo) -> None:  # type: ignore[no-untyped-def]
    before = _counts()
    load_demo()
    assert _counts() == before


def test_seed_000_department(demo) -> None:  # type: ignore[no-untyped-def]
    dept = Organisation.objects.get(code="SLDTBXH-HCM")
    assert dept.children.filter(kind="grassroots_committee").count() == 14
    assert dept.children.filter(kind="grassroots_cell").count() == 24
    assert Target.objects.filter(organisation=dept, period="2024").count() == 34
    readings = {
        r.target.code: r
        for r in Reading.objects.filter(target__organisation=dept, target__period="2024").select_related(
            "target"
        )
    }
    assert format_percent(readings["HCM-2024-UBND"].achievement_pct or D(0)) == "60%"
    assert format_percent(readings["HCM-2024-CTCT"].achievement_pct or D(0)) == "66,67%"
    assert format_percent(readings["HCM-2024-CTCT"].achievement_pct or D(0), "truncate") == "66,66%"
    for code, growth in (("HCM-2024-GQVL", "2,44%"), ("HCM-2024-CHOVL", "1,55%")):
        assert format_percent(readings[code].measure or D(0)) == growth
        assert format_percent(readings[code].measure or D(0), "truncate") == growth
    assert (readings["HCM-2024-DDCI"].value, readings["HCM-2024-DDCI"].measure) == (D(9), D(11))
    assert (readings["HCM-2024-PAR"].value, readings["HCM-2024-PAR"].measure) == (D(18), D(4))
    for name in (
        "Cai nghiện ma túy Bố Lá",
        "Điều dưỡng tâm thần Tân Định",
        "Thị Nghè",
        "Bình Đức",
        "Chánh Phú Hòa",
    ):
        grassroots = dept.children.get(name__contains=name, kind="grassroots_committee")
        assert Member.objects.filter(organisation__path__startswith=grassroots.path).count() >= 30


def test_seed_000_tasks(demo) -> None:  # type: ignore[no-untyped-def]
    from resolutions.models import Task

    tasks = Task.objects.filter(organisation__code="SLDTBXH-HCM")
    assert tasks.count() == 55
    done = [t for t in tasks if t.done_on is not None]
    assert len(done) == 20 and all(t.due_on and t.done_on and t.done_on < t.due_on for t in done)


def test_seed_001_and_003(demo) -> None:  # type: ignore[no-untyped-def]
    nam_dinh = Organisation.objects.get(code="SLDTBXH-ND")
    assert nam_dinh.children.count() == 10
    assert Member.objects.filter(organisation__path__startswith=nam_dinh.path).count() == 49
    admitted = Reading.objects.get(target__code="ND-1520-KN")
    assert admitted.achievement_pct == D(180) and admitted.status == "exceeded"
    k = Organisation.objects.get(code="SLDTBXH-K")
    members = Member.objects.filter(organisation__path__startswith=k.path)
    assert (
        members.count(),
        members.filter(gender="female").count(),
        members.filter(ethnicity="Khmer").count(),
    ) == (137, 57, 3)
    assert k.children.count() == 7


def test_every_demo_login_works(demo) -> None:  # type: ignore[no-untyped-def]
    for username, *_ in LOGINS:
        assert authenticate(username=username, password=DEMO_PASSWORD) is not None, username
