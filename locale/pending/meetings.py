# English for the msgids added on branch fix/meetings (the lead merges them into locale/en).
T = {
    "Theo dõi văn bản cấp trên": "Follow a document from above",
    "Bỏ theo dõi văn bản cấp trên": "Stop following a document from above",
    "Chỉ theo dõi được văn bản do cấp trên của %(org)s quản lý.": (
        "%(org)s can only follow documents kept by a committee above it."
    ),
    "Đơn vị theo dõi": "Following organisations",
    "đơn vị theo dõi": "following organisation",
    "văn bản được theo dõi": "followed document",
    "theo dõi từ": "following since",
    "Bỏ theo dõi": "Stop following",
    "Chưa có đơn vị nào theo dõi.": "No organisation follows it yet.",
    "Theo dõi văn bản này": "Follow this document",
    "Theo dõi văn bản này (%(org)s)": "Follow this document (%(org)s)",
    "Văn bản được theo dõi có trong danh sách văn bản của đơn vị; đơn vị giao nhiệm vụ của mình theo văn bản này.": (
        "A followed document is listed among the organisation's documents; the organisation attaches its "
        "tasks to it."
    ),
    "Biên bản hội nghị (Word)": "Meeting minutes (Word)",
    "Thông báo kết luận (Word)": "Conclusion notice (Word)",
    "Từ kết luận hội nghị": "From the conclusions of the meeting",
    "Nhiệm vụ không giao từ kết luận hội nghị.": "This task was not given by a meeting's conclusion.",
}
PLURAL: dict[tuple[str, str], tuple[str, str]] = {}
