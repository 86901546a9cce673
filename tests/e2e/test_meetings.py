"""Journeys of issue 21: a meeting → its conclusion notice → tracked tasks; a resolution review report."""

from __future__ import annotations

import re
import subprocess
from io import BytesIO

from docx.api import Document as open_docx

from tests.e2e.conftest import ARTIFACTS, Session

DEPT = "Đảng bộ Sở Lao động - Thương binh và Xã hội"


def _pdf_text(pdf: bytes) -> str:
    result = subprocess.run(["pdftotext", "-layout", "-", "-"], input=pdf, capture_output=True, check=True)
    return " ".join(result.stdout.decode().split())


def _picture(pdf: bytes, name: str) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / f"{name}.pdf"
    path.write_bytes(pdf)
    subprocess.run(
        [
            "pdftoppm",
            "-png",
            "-r",
            "60",
            "-f",
            "1",
            "-l",
            "1",
            "-singlefile",
            str(path),
            str(ARTIFACTS / name),
        ],
        check=True,
    )


def test_meeting_conclusion_notice_and_tasks(session: Session) -> None:
    s = session
    s.login("thuky")
    s.go("/bao-cao/hoi-nghi/moi/")
    term = s.page.locator("#id_term")
    # Choosing the organisation fills the term list at once, before any save (htmx).
    s.page.get_by_label("Tổ chức").select_option(label=DEPT)
    s.page.locator("#id_term option:not([value=''])").first.wait_for(state="attached")
    assert term.locator("option").count() >= 2
    s.page.get_by_label("Loại hội nghị").select_option(label="Hội nghị Ban Thường vụ")
    term.select_option(index=1)
    s.page.get_by_label("Lần thứ").fill("35")
    s.page.get_by_label("Ngày họp", exact=True).fill("12/8/2024")
    s.page.get_by_label("Chủ trì").fill("Nguyễn Văn Lâm, Bí thư Đảng ủy Sở")
    s.page.get_by_label("Thư ký hội nghị").fill("Trần Thị Mai")
    s.page.get_by_label("Kết luận", exact=True).fill(
        "1. Các chi bộ rà soát hộ nghèo, hộ cận nghèo trên địa bàn.\n"
        "2. Văn phòng Đảng ủy tham mưu sơ kết Chỉ thị 32-CT/TU."
    )
    s.page.get_by_label("Số thông báo kết luận").fill("125-TB/ĐU")
    s.page.get_by_label("Ngày thông báo kết luận").fill("14/8/2024")
    s.page.locator("input[name=att-0-name]").fill("Nguyễn Văn Lâm")
    s.shot("meeting-form")
    with s.page.expect_navigation():
        s.page.get_by_role("button", name="Lưu").click()
    s.page.wait_for_load_state("networkidle")
    assert "Hội nghị Ban Thường vụ lần thứ 35" in s.page.locator("h1").inner_text()
    meeting_url = s.page.url
    # Give both conclusions as tasks.
    for i, due in ((0, "30/9/2024"), (1, "")):
        s.page.locator(f"input[name=kl-{i}-take]").check()
        s.page.locator(f"select[name=kl-{i}-organisation]").select_option(label=DEPT)
        if due:
            s.page.locator(f"input[name=kl-{i}-due_on]").fill(due)
    with s.page.expect_navigation():
        s.page.get_by_role("button", name="Tạo nhiệm vụ").click()
    s.page.wait_for_load_state("networkidle")
    assert "Đã giao 2 nhiệm vụ" in s.page.content()
    table = s.page.locator("#ket-luan + table").inner_text()
    assert "30/9/2024" in table and "Thường xuyên" in table
    s.shot("meeting-tasks")
    # The conclusion notice, as PDF, says who leads each conclusion.
    href = s.page.get_by_role("link", name="Thông báo kết luận (PDF)").get_attribute("href")
    response = s.page.request.get(s.base + (href or ""))
    assert response.status == 200 and response.headers["content-type"] == "application/pdf"
    text = _pdf_text(response.body())
    assert "THÔNG BÁO" in text and "Số 125-TB/ĐU" in text and "ngày 14 tháng 8 năm 2024" in text
    assert "Giao Đảng bộ Sở Lao động" in text and "thời hạn 30/9/2024" in text
    _picture(response.body(), "meeting-notice-page-1")
    minutes = s.page.request.get(s.base + (href or "").replace("thong-bao", "bien-ban"))
    assert "BIÊN BẢN" in _pdf_text(minutes.body()) and "Trần Thị Mai" in _pdf_text(minutes.body())
    # The same two documents as Word files, for the office to edit before signing.
    s.go(meeting_url.removeprefix(s.base))
    word_href = s.page.get_by_role("link", name="Thông báo kết luận (Word)").get_attribute("href")
    word = s.page.request.get(s.base + (word_href or ""))
    assert word.status == 200 and word.headers["content-type"].endswith("wordprocessingml.document")
    (ARTIFACTS / "meeting-notice.docx").write_bytes(word.body())
    word_text = " ".join(p.text for p in open_docx(BytesIO(word.body())).paragraphs)
    assert "THÔNG BÁO" in word_text and "Giao Đảng bộ Sở Lao động" in word_text
    minutes_href = s.page.get_by_role("link", name="Biên bản hội nghị (Word)").get_attribute("href")
    minutes_word = s.page.request.get(s.base + (minutes_href or ""))
    (ARTIFACTS / "meeting-minutes.docx").write_bytes(minutes_word.body())
    assert "BIÊN BẢN" in " ".join(p.text for p in open_docx(BytesIO(minutes_word.body())).paragraphs)
    # Each task has its page, which the secretary reads (no edit link): the notice it rests on, the
    # meeting it came from, its history.
    with s.page.expect_navigation():
        s.page.locator("#ket-luan + table a").first.click()
    s.page.wait_for_load_state("networkidle")
    assert "Các chi bộ rà soát hộ nghèo" in s.page.locator("h1").inner_text()
    origin = s.page.locator("#task-meeting")
    origin.wait_for()
    assert "kết luận thứ 1" in origin.inner_text()
    assert s.page.get_by_role("link", name="Sửa nhiệm vụ").count() == 0
    assert "Giao nhiệm vụ" in s.page.locator("table.audit").inner_text()
    s.shot("task-page")
    task_path = s.page.url.removeprefix(s.base)
    notice_href = s.page.locator("dl.facts a").first.get_attribute("href") or ""
    notice_pk = re.fullmatch(r"/van-ban/(\d+)/", notice_href)
    assert notice_pk, notice_href
    # The tasks are tracked in the task list under the notice.
    s.go(f"/van-ban/nhiem-vu/?document={notice_pk.group(1)}")
    assert "Các chi bộ rà soát hộ nghèo" in s.page.content()
    assert "Văn phòng Đảng ủy tham mưu sơ kết" in s.page.content()
    tasks_url = s.page.url
    # Starting the meeting's report from its page: prefilled and linked.
    s.go(meeting_url.removeprefix(s.base))
    with s.page.expect_navigation():
        s.page.get_by_role("link", name="Tạo báo cáo trình hội nghị").click()
    assert s.page.get_by_label("Kỳ").input_value() == "2024-H1"
    assert "Hội nghị Ban Thường vụ lần thứ 35" in s.page.content()
    # The department's staff open a task's page: it names the meeting it came from and links to it.
    s.page.context.clear_cookies()
    s.login("canbo")
    s.go(tasks_url.removeprefix(s.base))
    row = s.page.locator("tr", has_text="Các chi bộ rà soát hộ nghèo")
    with s.page.expect_navigation():
        row.get_by_role("link", name="Sửa").click()
    edit_path = s.page.url.removeprefix(s.base)
    origin = s.page.locator("#task-meeting")
    origin.wait_for()
    assert "Từ kết luận hội nghị" in origin.inner_text() and "kết luận thứ 1" in origin.inner_text()
    s.shot("task-from-meeting")
    with s.page.expect_navigation():
        origin.get_by_role("link").click()
    assert s.page.url.split("#")[0] == meeting_url.split("#")[0]
    # The staff add the units co-operating outside the Party and mark the task done; the secretary reads
    # both on the task's page, with each change in its history.
    s.go(edit_path)
    s.page.get_by_label("Đơn vị phối hợp ngoài hệ thống Đảng").fill("Công đoàn Sở; Hội Liên hiệp Phụ nữ Sở")
    s.page.get_by_label("Ngày hoàn thành").fill("20/9/2024")
    with s.page.expect_navigation():
        s.page.get_by_role("button", name="Lưu nhiệm vụ").click()
    s.page.context.clear_cookies()
    s.login("thuky")
    s.go(task_path)
    facts = s.page.locator("dl.facts").inner_text()
    assert "Công đoàn Sở" in facts and "20/9/2024" in facts and "Hoàn thành trước hạn" in facts
    history = s.page.locator("table.audit").inner_text()
    assert "Sửa nhiệm vụ" in history and "Giao nhiệm vụ" in history
    s.shot("task-page-done")


def test_a_department_follows_a_central_document(session: Session) -> None:
    s = session
    s.login("canbo")
    s.go("/van-ban/?q=28-CT/TW")
    with s.page.expect_navigation():
        s.page.get_by_role("link", name="28-CT/TW").first.click()
    panel = s.page.locator("#theo-doi")
    assert "Chưa có đơn vị nào theo dõi" in panel.inner_text()
    s.page.locator("#follow-organisation").select_option(label=DEPT)
    panel.get_by_role("button", name="Theo dõi văn bản này").click()
    s.page.get_by_role("button", name="Bỏ theo dõi").wait_for()
    assert DEPT in s.page.locator("#theo-doi").inner_text()
    s.shot("document-followed")
    document_url = s.page.url
    # The department's own list now holds it.
    organisation = s.page.locator("#follow-organisation option", has_text=DEPT)
    assert organisation.count() == 0  # followed already: no longer offered
    s.go("/van-ban/")
    s.page.get_by_label("Tổ chức (cả cấp dưới)").select_option(label=DEPT)
    with s.page.expect_navigation():
        s.page.get_by_role("button", name=re.compile("Lọc|Tìm")).first.click()
    assert "28-CT/TW" in s.page.content()
    s.go(document_url.removeprefix(s.base))
    s.page.get_by_role("button", name="Bỏ theo dõi").click()
    s.page.get_by_text("Chưa có đơn vị nào theo dõi").wait_for()


def test_secretary_writes_a_resolution_review(session: Session) -> None:
    s = session
    s.login("thuky")
    s.go("/bao-cao/")
    with s.page.expect_navigation():
        s.page.get_by_role("link", name="Sơ kết, tổng kết nghị quyết").click()
    s.page.get_by_label("Tổ chức báo cáo").select_option(label=DEPT)
    s.page.get_by_label("Số, ký hiệu văn bản được sơ kết, tổng kết").fill("32-CT/TU")
    s.page.get_by_label("Số liệu tính đến ngày").fill("30/6/2024")
    with s.page.expect_navigation():
        s.page.get_by_role("button", name="Tạo dự thảo").click()
    s.page.wait_for_load_state("networkidle")
    title = s.page.locator("textarea[name=title]").input_value()
    assert title.startswith("sơ kết 3 tháng thực hiện Chỉ thị số 32-CT/TU ngày 21/3/2024")
    s.page.locator("textarea[name=results]").fill("Các chi bộ đã quán triệt Chỉ thị đến toàn thể đảng viên.")
    with s.page.expect_navigation():
        s.page.get_by_role("button", name=re.compile("^Lưu")).click()
    s.page.wait_for_load_state("networkidle")
    assert "từ 21/3/2024 đến 30/6/2024" in s.page.content()
    s.page.get_by_role("button", name="Xuất PDF dự thảo").click()
    s.page.get_by_role("link", name="Tải về").first.wait_for(timeout=120_000)
    s.shot("review-done")
    href = s.page.get_by_role("link", name="Tải về").first.get_attribute("href")
    pdf = s.page.request.get(s.base + (href or "")).body()
    text = _pdf_text(pdf)
    assert "sơ kết 3 tháng thực hiện Chỉ thị số 32-CT/TU" in text
    assert "từ ngày 21/3/2024 đến ngày 30/6/2024" in text
    assert "Công tác lãnh đạo, chỉ đạo, quán triệt, triển khai thực hiện Chỉ thị số 32-CT/TU" in text
    assert "nội dung đầu việc hoàn thành trước hạn" in text and "PHỤ LỤC 2" in text
    assert "nhiệm kỳ" not in text.split("PHỤ LỤC 1")[0]
    _picture(pdf, "review-page-1")
