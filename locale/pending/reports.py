T = {
    "Báo cáo %(number)s đã ban hành: tệp không được sửa báo cáo này. Hãy tạo phiên bản mới trên trang báo cáo.": (
        "Report %(number)s has been issued: the file may not change it. Make a new version on the report's page."
    ),
}
PLURAL: dict[str, tuple[str, str]] = {}
