"""The main navigation marks the section a page belongs to, on every page.

Every page of the permission matrix is opened as the city's admin (who may open them all) and the marked
item of the bar is compared with the section this test expects for it, written out below: a new page must
be placed here, deliberately, or the test fails.
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.conf import settings
from django.contrib.auth.models import User
from django.test import Client
from django.urls import get_resolver, reverse

from tests.test_permission_matrix import MATRIX, PUBLIC, _names, objects  # noqa: F401 (fixture)

OVERVIEW, ORGANISATIONS, TARGETS, DOCUMENTS, INSPECTIONS, REPORTS = (
    "Tổng quan",
    "Tổ chức",
    "Chỉ tiêu",
    "Văn bản",
    "Kiểm tra, giám sát",
    "Báo cáo",
)
NONE = None  # the user's own pages: no section marked

EXPECTED: dict[str, str | None] = {
    "home": OVERVIEW,
    "dashboard": OVERVIEW,
    "committees:organisation_list": ORGANISATIONS,
    "committees:organisation_detail": ORGANISATIONS,
    "committees:organisation_ratings": ORGANISATIONS,
    "committees:cells_to_upgrade": ORGANISATIONS,
    "committees:member_list": ORGANISATIONS,
    "committees:member_detail": ORGANISATIONS,
    "committees:member_create": ORGANISATIONS,
    "committees:member_update": ORGANISATIONS,
    "committees:audit_list": ORGANISATIONS,
    "committees:object_history": TARGETS,  # the history of a target (see the test below for the others)
    "core:notice_list": NONE,
    "committees:api_token": NONE,
    "resolutions:document_list": DOCUMENTS,
    "resolutions:document_detail": DOCUMENTS,
    "resolutions:document_create": DOCUMENTS,
    "resolutions:paste_find": DOCUMENTS,
    "resolutions:task_list": DOCUMENTS,
    "resolutions:document_edit": DOCUMENTS,
    "resolutions:task_create": DOCUMENTS,
    "resolutions:task_detail": DOCUMENTS,
    "resolutions:task_edit": DOCUMENTS,
    "targets:target_list": TARGETS,
    "targets:target_detail": TARGETS,
    "targets:target_edit": TARGETS,
    "targets:target_split": TARGETS,
    "targets:target_create": TARGETS,
    "targets:entry_grid": TARGETS,
    "targets:cycle_detail": REPORTS,
    "targets:narrative_edit": REPORTS,
    "inspections:inspection_list": INSPECTIONS,
    "inspections:inspection_detail": INSPECTIONS,
    "inspections:inspection_create": INSPECTIONS,
    "inspections:inspection_edit": INSPECTIONS,
    "inspections:programme_list": INSPECTIONS,
    "inspections:programme_create": INSPECTIONS,
    "inspections:programme_detail": INSPECTIONS,
    "reports:report_list": REPORTS,
    "exchange:workbook": REPORTS,
    "reports:report_create": REPORTS,
    "reports:report_detail": REPORTS,
    "reports:report_edit": REPORTS,
    "reports:meeting_list": REPORTS,
    "reports:meeting_create": REPORTS,
    "reports:meeting_detail": REPORTS,
    "reports:meeting_edit": REPORTS,
    "reports:review_create": REPORTS,
}
# Pages that are not HTML pages with the bar (files, redirects, JSON, actions).
NOT_PAGES = {
    "resolutions:document_attachment",
    "exchange:workbook_template",
    "exchange:workbook_export",
    "reports:report_appendix",
    "reports:run_download",
    "reports:report_docx",
    "reports:inspection_conclusion_pdf",
    "reports:inspection_conclusion_docx",
    "inspections:inspection_conclude",  # concluded already in the matrix: a redirect
    "reports:meeting_pdf",
    "reports:meeting_docx",
    "reports:meeting_terms",  # the term list the meeting form reloads
    "reports:run_docx",
    "reports:report_runs",
    "exchange:import_run",  # its uploader's alone; checked below as alice
    "targets:cycle_current",  # a redirect to cycle_detail
    # Parts of other pages, loaded by htmx into them.
    "resolutions:number_check",
    "resolutions:document_options",  # the documents a search box offers
    "targets:cycle_panel",
    "targets:document_targets",
    "reports:period_reports",
    "reports:task_meeting",  # the meeting a task came from, on the task's page
}

ACTIVE = re.compile(r'<a href="[^"]*" aria-current="page">([^<]+)</a>')


def _marked(html: str) -> list[str]:
    bar = html[html.index('aria-label="Điều hướng chính"') : html.index("</nav>")]
    return ACTIVE.findall(bar)


def test_every_url_has_a_section() -> None:
    """A page added to any app is placed in a section (or deliberately in none) by the navigation."""
    names = set(_names(get_resolver())) - PUBLIC
    unplaced = {
        name
        for name in names
        if not name.startswith("api:")
        and name not in settings.NAVIGATION_SECTIONS
        and name.partition(":")[0] not in settings.NAVIGATION_SECTIONS
    }
    assert not unplaced, f"place these pages in settings.NAVIGATION_SECTIONS: {sorted(unplaced)}"
    pages = {name for name, (method, _kwargs, _expected) in MATRIX.items() if method == "get"}
    pages -= {name for name in pages if name.startswith("api:")} | NOT_PAGES
    assert pages == set(EXPECTED), (sorted(pages - set(EXPECTED)), sorted(set(EXPECTED) - pages))


@pytest.mark.django_db
def test_each_page_marks_its_own_section(client: Client, objects: dict[str, Any]) -> None:  # noqa: F811
    client.force_login(User.objects.get(username="erin"))
    wrong: list[tuple[str, object, str | None]] = []
    for name, section in EXPECTED.items():
        _method, kwargs, _expected = MATRIX[name]
        response = client.get(reverse(name, kwargs=kwargs(objects)))
        assert response.status_code == 200, (name, response.status_code)
        html = response.content.decode()
        if 'aria-label="Điều hướng chính"' not in html:
            wrong.append((name, "no navigation bar", section))
            continue
        marked = _marked(html)
        if marked != ([section] if section else []):
            wrong.append((name, marked, section))
    client.force_login(User.objects.get(username="alice"))
    run = objects["import_run"]
    marked = _marked(client.get(reverse("exchange:import_run", args=[run.pk])).content.decode())
    if marked != [REPORTS]:
        wrong.append(("exchange:import_run", marked, REPORTS))
    assert not wrong, wrong


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("label", "key", "section"),
    [
        ("committees.organisation", "dept", ORGANISATIONS),
        ("committees.member", "member", ORGANISATIONS),
        ("resolutions.document", "document", DOCUMENTS),
        ("resolutions.task", "task", DOCUMENTS),
        ("targets.target", "target", TARGETS),
        ("reports.report", "report", REPORTS),
        ("reports.meeting", "meeting", REPORTS),
    ],
)
def test_a_history_page_marks_the_section_of_its_object(
    client: Client,
    objects: dict[str, Any],  # noqa: F811
    label: str,
    key: str,
    section: str,
) -> None:
    client.force_login(User.objects.get(username="erin"))
    response = client.get(reverse("committees:object_history", args=[label, objects[key].pk]))
    assert response.status_code == 200
    assert _marked(response.content.decode()) == [section]
