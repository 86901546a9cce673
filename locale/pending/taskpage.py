"""English for the task's own page (issue 21): resolutions/task_detail.html, and the task history."""

T = {
    "Đơn vị phối hợp": "Co-implementers",
    "Ngoài hệ thống Đảng; tổ chức đảng theo dõi": "Outside the Party; followed by",
    "ngoài hệ thống Đảng": "outside the Party",
    "Tình trạng tính đến %(date)s": "Status as of %(date)s",
    "Xem hội nghị giao nhiệm vụ": "See the meeting that gave this task",
    "Quá trình thực hiện": "Progress",
    "Mọi lần giao, sửa và ghi hoàn thành nhiệm vụ: ai, khi nào, thay đổi gì.": (
        "Every time the task was given, changed or marked done: who, when, and what changed."
    ),
}
PLURAL: dict[str, tuple[str, str]] = {}
