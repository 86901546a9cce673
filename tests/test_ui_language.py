"""Every page every demo role can reach speaks Vietnamese: no Django defaults, English words, raw codes or
ISO dates in the text a user reads.

One test loads the demo once (about 8 s) and crawls, for one demo login of each role with one client, every
same-origin page reachable by GET links (`href` and htmx `hx-get`) from the home page, plus the detail
page of one object of each kind. Only visible text is checked: tags, scripts, styles and attribute values
are left out. Pages of one URL shape (digits replaced) are visited at most PER_SHAPE times, so the crawl
stays a few hundred pages.
"""

from __future__ import annotations

import re
import time
from collections import defaultdict
from html.parser import HTMLParser
from urllib.parse import urldefrag, urljoin, urlsplit

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse

from demo.people import LOGINS
from demo.services import load_demo
from reports.models import Meeting, Report
from resolutions.models import Document
from targets.models import Target

PER_SHAPE = 2  # pages of one path shape; a path with a query string (sorting, filters, pages) once
MAX_PAGES_PER_ROLE = 400

# Downloads, files and actions that are not pages.
SKIP = re.compile(
    r"^/(dang-xuat|i18n|api|healthz|static|media)/?"
    r"|\.(pdf|xlsx|csv|zip)$"
    r"|/tai-ve/|/tep-dinh-kem/|/tep-excel/(mau|xuat)/|/phu-luc\.xlsx"
    r"|/quan-tri/logout/|/quan-tri/r/|/quan-tri/jsi18n/|/quan-tri/.*/(delete|history)/$"
)
# The stock admin's own view of audit rows shows them as stored (action codes, model labels, UTC): the
# product's history pages (/to-chuc/nhat-ky/, /to-chuc/lich-su/) are what people read and are checked fully.
HISTORY = re.compile(r"^/quan-tri/committees/auditentry/")

DASHES = re.compile(r"-{5,}")
SELECT_AN_OPTION = re.compile(r"Select an option", re.IGNORECASE)
ISO = re.compile(r"\b\d{4}-\d{2}-\d{2}(?:[ T]\d{2}:\d{2}(?::\d{2})?)?\b")
# English words that appeared on the Vietnamese pages (Django's defaults, field names, stock admin).
ENGLISH = re.compile(
    r"\b(Term|Terms|Meeting|Meetings|Select|None|True|False|Save|Delete|Search|Filter|Submit|Cancel|"
    r"Add|Edit|Change|History|Home|Log out|Logout|Tokens?|Access attempts?|Access logs?|Access failures?|"
    r"Django|Yes|Unknown|Show all|Clear|Action|Go|Groups?|Users?|Username|Path|Logout Time|Attempt Time|"
    r"Organisation|Organization|Member|Document|Target|Source|Report|Reading|Supersedes|Entered by|Created by)\b"
)
# Raw status, kind and audit action codes: snake_case words and dotted actions.
RAW_CODE = re.compile(r"\b[a-z]+(?:_[a-z]+)+\b|\b[a-z]+\.[a-z_]+\b")


USERNAMES = {username for username, _kind, _code in LOGINS}


class _Page(HTMLParser):
    """Visible text and GET links of one page."""

    # Scripts and styles are not read; <code> holds literal technical text ("Authorization: Token …").
    HIDDEN = {"script", "style", "template", "code"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.text: list[str] = []
        self.links: list[str] = []
        self._hidden = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.HIDDEN:
            self._hidden += 1
        found = dict(attrs)
        for name in ("href", "hx-get"):
            if found.get(name) and tag != "link":
                self.links.append(found[name] or "")

    def handle_endtag(self, tag: str) -> None:
        if tag in self.HIDDEN and self._hidden:
            self._hidden -= 1

    def handle_data(self, data: str) -> None:
        if not self._hidden and data.strip():
            self.text.append(data.strip())


def _shape(url: str) -> str:
    parts = urlsplit(url)
    return re.sub(r"\d+", "#", parts.path) + ("?" if parts.query else "")


def _problems(url: str, text: str) -> list[str]:
    found = []
    checks = [(DASHES, "Django empty choice"), (SELECT_AN_OPTION, "Django empty choice")]
    if not HISTORY.search(urlsplit(url).path):
        checks += [(ISO, "ISO date"), (ENGLISH, "English"), (RAW_CODE, "raw code")]
    for pattern, what in checks:
        for match in pattern.finditer(text):
            if match.group(0) in USERNAMES:
                continue  # a login such as "canbo.syt" is data, not a code
            start = max(match.start() - 40, 0)
            found.append(f"{url}: {what} {match.group(0)!r} in …{text[start : match.end() + 40]}…")
    return found


def _crawl(client: Client, start: list[str]) -> tuple[int, list[str]]:
    seen: set[str] = set()
    per_shape: dict[str, int] = defaultdict(int)
    queue = list(start)
    problems: list[str] = []
    pages = 0
    while queue and pages < MAX_PAGES_PER_ROLE:
        url = queue.pop(0)
        if url in seen:
            continue
        seen.add(url)
        shape = _shape(url)
        # The stock admin has a list, an add and a change page per model: one of each is enough.
        if per_shape[shape] >= (1 if shape.endswith("?") or shape.startswith("/quan-tri/") else PER_SHAPE):
            continue
        per_shape[shape] += 1
        response = client.get(url)
        if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
            continue
        pages += 1
        page = _Page()
        page.feed(response.content.decode())
        problems += _problems(url, " ".join(page.text))
        for link in page.links:
            target, _fragment = urldefrag(urljoin(url, link))
            parts = urlsplit(target)
            if parts.scheme not in ("", "http") or parts.netloc not in ("", "testserver"):
                continue
            path = parts.path + (f"?{parts.query}" if parts.query else "")
            if parts.query and parts.path.startswith("/quan-tri/"):
                continue  # the admin's sorted, filtered and "changelist filters" variants of one page
            if not SKIP.search(parts.path) and path not in seen:
                queue.append(path)
    return pages, problems


def _details() -> list[str]:
    """The detail page of one object of each kind, whether or not a link reaches it."""
    urls = [reverse("home")]
    for model, name in (
        (Document, "resolutions:document_detail"),
        (Target, "targets:target_detail"),
        (Report, "reports:report_detail"),
        (Meeting, "reports:meeting_detail"),
    ):
        first = model._default_manager.order_by("pk").first()
        if first is not None:
            urls.append(reverse(name, args=[first.pk]))
    return urls


@pytest.mark.django_db
def test_every_page_of_every_demo_role_speaks_vietnamese() -> None:
    load_demo()
    started = time.monotonic()
    problems: list[str] = []
    visited = {}
    # One login per role (the superuser, staff, leader, secretary): logins of one role in other subtrees
    # see the same pages with other rows, and crawling them doubled the time without finding anything more.
    logins = {kind: username for username, kind, _code in reversed(LOGINS)}
    for username in reversed(list(logins.values())):
        client = Client()
        client.force_login(User.objects.get(username=username))
        pages, found = _crawl(client, _details())
        visited[username] = pages
        problems += [f"[{username}] {p}" for p in found]
    seconds = time.monotonic() - started
    print(f"crawled {visited} in {seconds:.1f} s")
    assert all(pages > 10 for pages in visited.values()), visited
    assert not problems, f"{len(problems)} problems:\n" + "\n".join(sorted(set(problems))[:300])


# --- the roots, one fast test each ----------------------------------------------------------------------


def test_an_optional_choice_in_a_form_offers_chon_not_select_an_option(tree) -> None:  # type: ignore[no-untyped-def]
    """Django 6's "- Select an option -" (untranslated in its Vietnamese catalogue) and "Term" label."""
    from reports.forms import MeetingForm

    html = str(MeetingForm(organisation=tree.dept)["term"]) + str(
        MeetingForm(organisation=tree.dept)["term"].label
    )
    assert "— Chọn —" in html and "Nhiệm kỳ" in html
    assert "Select an option" not in html and "---------" not in html and "Term" not in html


def test_an_empty_filter_choice_says_tat_ca(tree) -> None:  # type: ignore[no-untyped-def]
    """django-filter's "---------" on every choice filter (dashboard, target list)."""
    from targets.filters import TargetFilterSet

    html = str(TargetFilterSet(data={}).form["shape"])
    assert '<option value="" selected>Tất cả</option>' in html and "---------" not in html


def test_the_admin_names_itself_and_axes_in_vietnamese(erin) -> None:  # type: ignore[no-untyped-def]
    client = Client()
    client.force_login(erin)
    erin.is_staff = erin.is_superuser = True
    erin.save()
    text = " ".join(_visible(client.get(reverse("admin:index")).content.decode()))
    assert "Chỉ tiêu — Quản trị hệ thống" in text and "Khóa đăng nhập" in text and "Lần đăng nhập sai" in text
    for english in ("Django", "Access attempts", "Axes", "Model name", "Add link"):
        assert english not in text, english


def test_workbook_problems_name_sheets_and_columns_as_the_file_does() -> None:
    from exchange.workbook import Problem

    problem = Problem("targets", 3, "planned", "Giá trị «mười» không phải là số.")
    assert str(problem) == "Chỉ tiêu, dòng 3, cột Kế hoạch: Giá trị «mười» không phải là số."


def test_admin_rows_show_dates_as_vietnamese_write_them(tree) -> None:  # type: ignore[no-untyped-def]
    from datetime import date

    from reports.models import Meeting

    meeting = Meeting(organisation=tree.dept, held_on=date(2024, 7, 4))
    assert str(meeting).endswith("— 4/7/2024")


def _visible(html: str) -> list[str]:
    page = _Page()
    page.feed(html)
    return page.text
