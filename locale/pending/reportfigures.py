T = {
    "Chưa có số liệu về kết quả thực hiện các chỉ tiêu, nhiệm vụ trong kỳ.": "No figures yet on the targets and tasks of the period.",
    "Số lượng đảng viên: chưa có số liệu": "Number of Party members: no data yet",
    "số đảng viên mới kết nạp trong kỳ: chưa có số liệu": "members newly admitted in the period: no data yet",
    "tăng %(n)s bậc": "up %(n)s places",
    "giảm %(n)s bậc": "down %(n)s places",
    "giữ nguyên thứ hạng": "rank unchanged",
    "tăng %(pct)s so với cùng kỳ": "up %(pct)s on the same period last year",
    "giảm %(pct)s so với cùng kỳ": "down %(pct)s on the same period last year",
    "điểm %": "percentage points",
}
