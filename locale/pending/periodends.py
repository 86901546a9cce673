T = {
    "số liệu đến %(date)s": "figure as of %(date)s",
    "Đánh giá tính đến %(date)s": "Assessment as of %(date)s",
}
