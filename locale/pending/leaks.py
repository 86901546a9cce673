T = {
    "Số, ký hiệu này đã được một đơn vị khác ghi nhận; bạn không có quyền xem văn bản đó.": (
        "This number has already been recorded by another organisation; you may not view that document."
    ),
}
