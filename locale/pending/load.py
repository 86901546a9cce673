"""English for the msgids added on fix/load (issue 24: the document search field of the task list)."""

T = {
    "Tìm số hoặc tên văn bản": "Search document number or title",
    "Không có văn bản nào khớp": "No matching document",
    "… gõ thêm để thu hẹp": "… type more to narrow down",
}
PLURAL: dict[tuple[str, str], tuple[str, str]] = {}
