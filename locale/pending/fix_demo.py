T = {
    "Dữ liệu mẫu": "Demo data",
    "Nhập tệp mẫu %(name)s: %(created)s": "Imported demo data set %(name)s: %(created)s",
}
PLURAL: dict[tuple[str, str], tuple[str, str]] = {}
