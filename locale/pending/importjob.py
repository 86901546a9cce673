T = {
    "Trang «%(sheet)s» có quá nhiều dòng: tối đa %(max)s dòng dữ liệu mỗi trang.": (
        "Sheet «%(sheet)s» has too many rows: at most %(max)s rows of data per sheet."
    ),
}
