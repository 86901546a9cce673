"""The demo is dated from today: its latest half-year is the last one ended, every leader opens on figures,
the reporting cycle and the issued report agree, and the pages of one organisation open on the same time."""

from __future__ import annotations

import re
from datetime import date

import pytest
from django.contrib.auth.models import User
from django.db.models import Q
from django.test import Client
from django.urls import reverse

from committees import services as org
from committees.models import Organisation, RoleKind
from demo.loader import default_anchor
from demo.people import LOGINS
from demo.services import load_demo
from reports.models import Report
from targets import cycle, dashboard, selectors
from targets.filters import DashboardFilterSet
from targets.models import SubmissionStatus, Target

TODAY = date(2026, 12, 3)


def _client(username: str) -> Client:
    client = Client()
    client.force_login(User.objects.get(username=username))
    return client


def test_the_default_anchor_is_the_latest_ended_first_half() -> None:
    assert default_anchor(date(2026, 12, 3)) == 2026
    assert default_anchor(date(2026, 7, 1)) == 2026
    assert default_anchor(date(2026, 6, 30)) == 2025


def test_demo_dated_from_today(db) -> None:  # type: ignore[no-untyped-def]
    load_demo(today=TODAY)
    half_started = (TODAY - date(TODAY.year, 7, 1)).days

    # Seed 000's 2024-H1 is 2026-H1: its report, its meeting, its readings.
    report = Report.objects.get(organisation__code="SLDTBXH-HCM", kind="semi_annual")
    assert (report.period, report.number, report.dated) == ("2026-H1", "15-BC/ĐU", date(2026, 7, 5))
    assert report.meetings.get().held_on == date(2026, 7, 4)
    # The issued report goes with a submission of the same organisation and half-year that was sent up.
    submission = selectors.submission_of(report.organisation, cycle.parse_cycle_period(report.period))
    assert submission.status in (SubmissionStatus.SUBMITTED, SubmissionStatus.APPROVED)

    # Nothing anywhere in the cycle is later than the half-year under way allows (was: 871 days).
    for organisation in Organisation.objects.filter(valid_to__isnull=True):
        if not cycle.reports(organisation):
            continue
        period = dashboard.default_cycle_period(organisation, TODAY)
        assert period.code == "2026-H1", organisation
        due = cycle.due_of(cycle.deadlines(period), period, organisation.kind)
        status = selectors.submission_of(organisation, period).status
        assert cycle.days_late(due, TODAY, status) <= half_started, organisation

    # Every leader opens on a period with targets (was "Năm 2020" with zeros, or 0/0).
    for username, kind, code in LOGINS:
        if kind != RoleKind.LEADER:
            continue
        organisation = Organisation.objects.get(code=code)
        period = dashboard.default_period(organisation, TODAY)
        assert period.start.year == 2026, (username, period.code)
        board = dashboard.build(
            organisation,
            period,
            dashboard.default_cut_off(period, TODAY),
            filters=Q(),
            status=None,
            sort="name",
        )
        assert board.headline.total > 0, username
    # Nam Định's new term: the dashboard opens on the term, which its period picker offers by name.
    nam_dinh = Organisation.objects.get(code="SLDTBXH-ND")
    term = dashboard.default_period(nam_dinh, TODAY)
    assert term.code == "2026-2031"
    picker = DashboardFilterSet(
        {}, queryset=Target.objects.none(), organisation=nam_dinh, years=[2026], terms=[term]
    )
    assert (term.code, "nhiệm kỳ 2026-2031") in picker.filters["period"].extra["choices"]
    hcm = Organisation.objects.get(code="SLDTBXH-HCM")
    period = dashboard.default_period(hcm, TODAY)
    board = dashboard.build(hcm, period, TODAY, filters=Q(), status=None, sort="name")
    assert board.headline.no_data < board.headline.total  # 30/6/2026 readings are there


def test_loading_again_for_another_year_keeps_the_loaded_one(db) -> None:  # type: ignore[no-untyped-def]
    load_demo(year=2024)
    second = load_demo(today=TODAY)
    assert second.audit_written == 0
    assert not Report.objects.filter(period="2026-H1").exists()


@pytest.fixture
def demo(db):  # type: ignore[no-untyped-def]
    load_demo(year=2024)


def test_the_report_and_the_cycle_link_each_other(demo) -> None:  # type: ignore[no-untyped-def]
    client = _client("lanhdao")
    report = Report.objects.get(organisation__code="SLDTBXH-HCM", period="2024-H1")
    page = client.get(reverse("reports:report_detail", args=[report.pk])).content.decode()
    cycle_url = reverse("targets:cycle_detail", args=[report.organisation_id, "2024-H1"])
    assert "Đã gửi, chờ duyệt" in page and cycle_url in page
    cycle_page = client.get(cycle_url).content.decode()
    partial_url = reverse("reports:period_reports", args=[report.organisation_id, "2024-H1"])
    assert partial_url in cycle_page
    partial = client.get(partial_url).content.decode()
    assert "15-BC/ĐU" in partial and reverse("reports:report_detail", args=[report.pk]) in partial
    # Another department's leader sees neither.
    org.role_grant(
        user=User.objects.create_user("lanhdao.syt"),
        organisation=Organisation.objects.get(code="SYT-HCM"),
        kind=RoleKind.LEADER,
        acting_user=None,
    )
    assert _client("lanhdao.syt").get(partial_url).status_code == 404


def test_the_organisation_page_and_its_dashboard_open_on_one_period(demo) -> None:  # type: ignore[no-untyped-def]
    client = _client("lanhdao")
    dept = Organisation.objects.get(code="SLDTBXH-HCM")
    page = client.get(reverse("dashboard", args=[dept.pk])).content.decode()
    panel_url = reverse("targets:cycle_panel", args=[dept.pk])
    match = re.search(re.escape(panel_url) + r"\?period=([0-9H-]+)", page)
    assert match
    on_dashboard = cycle.parse_cycle_period(match.group(1))
    # The organisation page loads the panel without a period: it must choose the same one.
    assert (
        panel_url + '"'
        in client.get(reverse("committees:organisation_detail", args=[dept.pk])).content.decode()
    )
    panel = client.get(panel_url).content.decode()
    assert reverse("targets:cycle_detail", args=[dept.pk, on_dashboard.code]) in panel


def test_an_organisation_without_targets_gets_first_steps(demo) -> None:  # type: ignore[no-untyped-def]
    syt = Organisation.objects.get(code="SYT-HCM")
    page = _client("canbo.syt").get(reverse("home")).content.decode()
    assert "Bắt đầu: tổ chức chưa có chỉ tiêu nào" in page
    assert reverse("targets:target_create", args=[syt.pk]) in page and reverse("exchange:workbook") in page
    assert 'class="value">0/0<' not in page and "status-chart" not in page
    # A leader may not add targets: the panel says who does, with no link the leader could not use.
    org.role_grant(
        user=User.objects.create_user("lanhdao.syt"), organisation=syt, kind=RoleKind.LEADER, acting_user=None
    )
    page = _client("lanhdao.syt").get(reverse("home")).content.decode()
    assert "Bắt đầu: tổ chức chưa có chỉ tiêu nào" in page
    assert reverse("targets:target_create", args=[syt.pk]) not in page
    # An organisation with targets keeps its figures.
    page = _client("lanhdao").get(reverse("home")).content.decode()
    assert "Bắt đầu: tổ chức chưa có chỉ tiêu nào" not in page and "status-chart" in page
