T = {
    "Sửa nội dung trong chương trình kiểm tra, giám sát": "Edit an item of the inspection and supervision programme",
}
PLURAL: dict[str, tuple[str, str]] = {}
