"""English for the msgids added on the `input` branch (login throttling, audit pages, uploads)."""

T = {
    "Đăng nhập sai quá %(n)s lần. Tài khoản này tạm khóa %(minutes)s phút trên máy này; "
    "vui lòng thử lại sau hoặc liên hệ quản trị viên để mở khóa.": (
        "Wrong password %(n)s times. This account is locked for %(minutes)s minutes on this computer; "
        "please try again later or ask an administrator to unlock it."
    ),
    "Tệp giải nén ra quá lớn (%(mb)s MB): tối đa %(max)s MB. Đây không phải một bảng tính thông thường.": (
        "The file unpacks to too much (%(mb)s MB): at most %(max)s MB. This is not an ordinary spreadsheet."
    ),
    # audit pages
    "Lịch sử thay đổi": "Change history",
    "Nhật ký thay đổi": "Audit log",
    "Nhật ký thay đổi của tổ chức và cấp dưới": "Audit log of this organisation and below",
    "Người thực hiện (tên đăng nhập)": "By (user name)",
    "Người thực hiện": "By",
    "Loại đối tượng": "Object type",
    "Hành động": "Action",
    "Từ ngày": "From",
    "Đến ngày": "To",
    "Đối tượng": "Object",
    "Thay đổi": "Changes",
    "Lý do": "Reason",
    "Trường": "Field",
    "Trước": "Before",
    "Sau": "After",
    "Không có thay đổi trường nào.": "No field changed.",
    "Chưa có thay đổi nào được ghi.": "No change has been recorded yet.",
    "có": "yes",
    "không": "no",
    # actions
    "Tạo mới": "Created",
    "Xóa": "Deleted",
    "Sáp nhập": "Merged",
    "Giao vai trò": "Role granted",
    "Thu hồi vai trò": "Role revoked",
    "Ghi nhận": "Recorded",
    "Điều chỉnh": "Corrected",
    "Liên kết": "Linked",
    "Tạo phiên bản mới": "New version",
    "Yêu cầu xuất": "Export requested",
    "Lỗi khi xuất": "Export failed",
    "Xếp hàng lại": "Requeued",
}
PLURAL: dict[str, tuple[str, str]] = {}
