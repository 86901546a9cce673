T = {
    "Văn bản đã chọn không có hoặc nằm ngoài phạm vi của bạn.": (
        "The chosen document does not exist or is outside your scope."
    ),
}
PLURAL: dict[str, tuple[str, str]] = {}
