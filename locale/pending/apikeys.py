T = {
    "Cơ sở dữ liệu chỉ lưu chính xác được {digits} chữ số có nghĩa; hãy làm tròn số trước khi gửi.": (
        "The database stores only {digits} significant digits exactly; round the number before sending it."
    ),
}
