"""The main pages of each role on a desk (1366×768) and on a phone (390×844), in Chromium (issue 23).

Each page is checked for what a person would see wrong: the page wider than the screen (sideways
scrolling), a chart's axis labels or legend outside its card, a label apart from its value, no section or
two sections marked in the navigation. A screenshot of the screen's first view is kept for each
(artifacts/screenshots/screens-*.png); a selection is copied to docs/screenshots/.
"""

from __future__ import annotations

import re
from typing import Any

import pytest

from tests.e2e.conftest import ARTIFACTS, Session

WIDTHS = {"desk": (1366, 768), "phone": (390, 844)}


def _pk(s: Session, list_path: str, link_text: str) -> str:
    s.go(list_path)
    href = s.page.get_by_role("link", name=re.compile(link_text)).first.get_attribute("href") or ""
    match = re.search(r"/(\d+)/", href)
    assert match, (list_path, link_text, href)
    return match.group(1)


def _check(s: Session, width: int, name: str, section: str | None) -> list[str]:
    page: Any = s.page
    problems = []
    scroll = page.evaluate("document.documentElement.scrollWidth")
    if scroll > width:
        problems.append(f"{name}: page {scroll} px wide on a {width} px screen")
    # Every chart inside its card: the canvas box within the figure or card around it.
    for inside in page.evaluate(
        """Array.from(document.querySelectorAll('canvas')).map(c => {
             const card = c.closest('.card').getBoundingClientRect(), box = c.getBoundingClientRect();
             return box.left >= card.left - 1 && box.right <= card.right + 1
                 && box.top >= card.top - 1 && box.bottom <= card.bottom + 1;
           })"""
    ):
        if not inside:
            problems.append(f"{name}: a chart spills out of its card")
    # Each label on the same grid cell as its value: the <dd> starts where its <dt> starts, just below it.
    for apart in page.evaluate(
        """Array.from(document.querySelectorAll('dl.facts dt')).filter(dt => {
             const dd = dt.nextElementSibling; if (!dd) return true;
             const a = dt.getBoundingClientRect(), b = dd.getBoundingClientRect();
             return Math.abs(a.left - b.left) > 1 || b.top < a.bottom - 1 || b.top > a.bottom + 20;
           }).map(dt => dt.innerText)"""
    ):
        problems.append(f"{name}: label «{apart}» apart from its value")
    marked = page.locator('header nav a[aria-current="page"]').all_inner_texts()
    if marked != ([section] if section else []):
        problems.append(f"{name}: navigation marks {marked}, expected {section}")
    return problems


@pytest.mark.parametrize("width_name", list(WIDTHS))
def test_main_pages_of_each_role_at_both_widths(session: Session, width_name: str) -> None:
    s = session
    width, height = WIDTHS[width_name]
    s.page.set_viewport_size({"width": width, "height": height})
    problems: list[str] = []

    def visit(path: str, name: str, section: str | None) -> None:
        s.go(path)
        problems.extend(_check(s, width, name, section))
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        s.page.screenshot(path=str(ARTIFACTS / f"screens-{name}-{width_name}.png"))

    s.login("lanhdao")
    dept = _pk(s, "/to-chuc/", "Đảng bộ Sở Lao động - Thương binh và Xã hội")
    visit("/", "lanhdao-tong-quan", "Tổng quan")
    visit(f"/tong-quan/{dept}/?period=2024&cut_off=31/12/2024", "lanhdao-tong-quan-ca-nam", "Tổng quan")
    visit(f"/to-chuc/{dept}/", "lanhdao-to-chuc", "Tổ chức")
    visit(f"/chi-tieu/bao-cao-ky/{dept}/2024-H1/", "lanhdao-bao-cao-ky", "Báo cáo")
    target = _pk(s, f"/chi-tieu/?organisation={dept}", "Tỷ lệ lao động qua đào tạo")
    visit(f"/chi-tieu/{target}/", "lanhdao-chi-tieu", "Chỉ tiêu")
    visit(f"/to-chuc/lich-su/targets.target/{target}/", "lanhdao-lich-su", "Chỉ tiêu")
    s.page.context.clear_cookies()

    s.login("thuky")
    visit("/bao-cao/", "thuky-bao-cao", "Báo cáo")
    report = _pk(s, "/bao-cao/", "Báo cáo kết quả")
    visit(f"/bao-cao/{report}/", "thuky-bao-cao-chi-tiet", "Báo cáo")
    meeting = _pk(s, "/bao-cao/hoi-nghi/", "Hội nghị Ban")
    visit(f"/bao-cao/hoi-nghi/{meeting}/", "thuky-hoi-nghi", "Báo cáo")
    visit("/van-ban/", "thuky-van-ban", "Văn bản")
    visit("/thong-bao/", "thuky-thong-bao", None)
    s.page.context.clear_cookies()

    s.login("canbo")
    visit(f"/chi-tieu/nhap/{dept}/2024/?cut_off=30/9/2024", "canbo-nhap", "Chỉ tiêu")
    visit("/tep-excel/", "canbo-tep-excel", "Báo cáo")
    # The person in the top bar is named, not a login.
    assert "Nguyễn Thị Thu Trang" in s.page.locator("header").inner_text()

    assert not problems, "\n".join(problems)
