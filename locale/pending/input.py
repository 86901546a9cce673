"""English for the msgids added on the `input` branch (security, audit pages, bad input)."""

T = {
    "Đăng nhập sai quá %(n)s lần. Tài khoản này tạm khóa %(minutes)s phút trên máy này; "
    "vui lòng thử lại sau hoặc liên hệ quản trị viên để mở khóa.": (
        "Wrong password %(n)s times. This account is locked for %(minutes)s minutes on this computer; "
        "please try again later or ask an administrator to unlock it."
    ),
}
PLURAL: dict[str, tuple[str, str]] = {}
