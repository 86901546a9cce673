# English for the msgids new on branch fix/outc (register metrics, targets/outcomes/metrics.py and the
# target page). The outcomes package's reading checks and the shapes' labels keep their existing msgids.
T = {
    "nguồn số liệu": "source of figures",
    "Số liệu nhập": "Typed readings",
    "Kết nạp đảng viên mới": "New members admitted",
    "Tổng số đảng viên": "Total members",
    "Tỷ lệ kết nạp so với tổng số đảng viên đầu năm (%)": "Admissions against members at the start of the year (%)",
    "Chi bộ xếp loại hoàn thành tốt nhiệm vụ trở lên (%)": "Cells rated good or better (%)",
    "Nhiệm vụ hoàn thành đúng hạn (%)": "Tasks done on time (%)",
    "Chi bộ có đủ 30 đảng viên trở lên": "Cells with 30 members or more",
    "số đảng viên có ngày vào Đảng trong kỳ, đến ngày tính số liệu (sổ đảng viên, cả cấp dưới)": (
        "members whose admission date falls in the period, up to the cut-off (members register, subtree)"
    ),
    "số đảng viên chính thức và dự bị vào Đảng đến ngày tính số liệu (sổ đảng viên, cả cấp dưới)": (
        "full and probationary members admitted by the cut-off (members register, subtree)"
    ),
    "số kết nạp trong kỳ × 100 / số đảng viên chính thức và dự bị vào Đảng trước ngày 1/1": (
        "admissions in the period × 100 / full and probationary members admitted before 1/1"
    ),
    "số chi bộ được xếp loại hoàn thành tốt nhiệm vụ trở lên trong năm × 100 / số chi bộ": (
        "cells rated good or better in the year × 100 / cells"
    ),
    "số nhiệm vụ có thời hạn trong kỳ hoàn thành không muộn hơn thời hạn × 100 / số nhiệm vụ đó": (
        "tasks due in the period done by their deadline × 100 / those tasks"
    ),
    "số chi bộ cơ sở có từ 30 đảng viên chính thức và dự bị trở lên": (
        "grassroots cells with 30 or more full and probationary members"
    ),
    "Chỉ tiêu này lấy số liệu từ sổ: %(metric)s; số liệu được tính, không nhập tay.": (
        "This target takes its figures from the register: %(metric)s; they are computed, not typed."
    ),
    "Chỉ tiêu này lấy số liệu nhập tay, không tính từ sổ.": (
        "This target takes typed figures; it is not computed from a register."
    ),
    "Tính từ sổ: %(formula)s (%(n)s dòng).": "Computed from the register: %(formula)s (%(n)s rows).",
    "Tính lại từ sổ": "Recomputed from the register",
    "Đã cập nhật số liệu từ sổ.": "Figures updated from the register.",
    "Số liệu từ sổ không thay đổi.": "The register's figure has not changed.",
    "Nguồn số liệu": "Source of figures",
    "công thức": "formula",
    "Tính từ sổ đến %(date)s: %(value)s (%(n)s dòng được đếm).": (
        "Computed from the register up to %(date)s: %(value)s (%(n)s rows counted)."
    ),
    "Xem các dòng được đếm": "See the rows counted",
    "Cập nhật số liệu từ sổ": "Update figures from the register",
}
