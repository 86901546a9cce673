T = {
    "Số, ký hiệu này đã được một đơn vị khác ghi nhận; bạn không có quyền xem văn bản đó.": (
        "This number has already been recorded by another organisation; you may not view that document."
    ),
    "Bạn đã gửi báo cáo này nên không thể tự duyệt hay trả lại: việc này do một người khác của cấp trên thực hiện.": (
        "You submitted this report, so you cannot approve or return it yourself: another person of the level "
        "above must do it."
    ),
}
