"""English for the msgids added on branch fix/ui (issue 23, layout, counts, PDF details)."""

T = {
    "%(period)s, cùng kỳ": "%(period)s, same time",
    "cùng kỳ năm trước (đến %(day)s)": "same time last year (to %(day)s)",
    "%(n)s chi bộ theo mức xếp loại:": "%(n)s cells by rating:",
    "Mọi tổ chức đảng": "All Party organisations",
}
