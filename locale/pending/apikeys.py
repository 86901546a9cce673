T = {
    "người dùng": "user",
    "đầu khóa": "key prefix",
    "tạo lúc": "created",
    "dùng lần cuối": "last used",
    "khóa API": "API key",
    "Khóa bắt đầu bằng <code>%(prefix)s</code>; máy chủ chỉ lưu dấu băm của khóa nên không xem lại được khóa.": (
        "The key starts with <code>%(prefix)s</code>; the server keeps only a hash of it, so it cannot be shown "
        "again."
    ),
    "Dùng lần cuối lúc %(used)s.": "Last used at %(used)s.",
    "Khóa chưa được dùng lần nào.": "The key has not been used yet.",
    "Cơ sở dữ liệu chỉ lưu chính xác được %(n)s chữ số có nghĩa; hãy làm tròn số.": (
        "The database stores only %(n)s significant digits exactly; round the number."
    ),
}
