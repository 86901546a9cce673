"""English for the msgids of branch fix/docs (issue 21: documents and tasks). Merged into
locale/en/LC_MESSAGES/django.po by the lead."""

T = {
    "Bộ Chính trị, Ban Bí thư, Chính phủ, Quốc hội, UBND…; để trống nếu đơn vị quản lý ban hành.": (
        "Politburo, Secretariat, Government, National Assembly, People's Committee…; "
        "leave empty if the managing organisation issued it."
    ),
    "Chưa có số, ký hiệu: có thể bổ sung sau, các liên kết và nhiệm vụ được giữ nguyên.": (
        "No number yet: it can be added later; links and tasks are kept."
    ),
    "Cách trích dẫn (khi chưa biết đủ số, ký hiệu)": "Citation (when the full number is not known)",
    "Có thể là": "May be",
    "Cơ quan Nhà nước Trung ương": "Central State body",
    "Cơ quan Nhà nước địa phương": "Local State body",
    "Cơ quan Trung ương Đảng": "Central Party body",
    "Cơ quan ban hành (ghi bằng chữ)": "Issuing body (as written)",
    "Cơ quan ban hành ngoài hệ thống tổ chức": "Issuing body outside the organisation tree",
    "Cơ quan Đảng địa phương": "Local Party body",
    "Ghi cách nhau bằng dấu chấm phẩy.": "Separate them with semicolons.",
    "Khác": "Other",
    "Lưu nhiệm vụ": "Save task",
    "Mã nhiệm vụ": "Task code",
    "Nhập số, ký hiệu hoặc cách trích dẫn văn bản (ví dụ: Nghị quyết Đại hội XIII).": (
        "Enter the document's number or its citation (e.g. Resolution of the 13th Congress)."
    ),
    "Nội dung nhiệm vụ": "Task",
    "Phó Bí thư Thường trực": "Standing Deputy Secretary",
    "Số, ký hiệu %(number)s đã được ghi nhận.": "Number %(number)s is already recorded.",
    "Số, ký hiệu này đã được một đơn vị khác ghi nhận; bạn không có quyền xem văn bản đó. "
    "Hãy liên hệ cấp ủy cấp trên.": (
        "This number is already recorded by another organisation; you may not see that document. "
        "Please contact the committee above."
    ),
    "Sửa nhiệm vụ": "Edit task",
    "Sửa văn bản, bổ sung số, ký hiệu": "Edit the document, complete its number",
    "Thêm nhiệm vụ": "Add task",
    "Thêm cơ quan ban hành": "Add issuing body",
    "Thêm nhiệm vụ theo văn bản này": "Add a task under this document",
    "Thêm văn bản theo cách trích dẫn này": "Add a document with this citation",
    "Thường trực cấp ủy": "Standing office of the committee",
    "Ví dụ: 32-CT/TU, 10/CT-UBND, 30/2020/NĐ-CP. Để trống nếu chưa biết số: nhập cách trích dẫn.": (
        "For example: 32-CT/TU, 10/CT-UBND, 30/2020/NĐ-CP. Leave empty if the number is unknown: enter the "
        "citation."
    ),
    "Ví dụ: Công đoàn Sở, Báo Người Lao Động, Sở Nội vụ": (
        "For example: the Department's trade union, Người Lao Động newspaper, Department of Home Affairs"
    ),
    "Ví dụ: Nghị quyết Đại hội XIII, Kết luận Hội nghị Trung ương 4 khóa XII, Chỉ thị 18 của UBND": (
        "For example: Nghị quyết Đại hội XIII, Kết luận Hội nghị Trung ương 4 khóa XII, Chỉ thị 18 của UBND"
    ),
    "Văn bản chưa có số cần có cách trích dẫn.": "A document without a number needs a citation.",
    "Văn bản căn cứ khác": "Other documents it rests on",
    "Văn bản này đã có trong hệ thống; hãy dùng văn bản đã có (liên kết, theo dõi, giao nhiệm vụ) thay vì "
    "nhập lại:": (
        "This document is already recorded; use the existing record (link, follow, assign tasks) instead of "
        "entering it again:"
    ),
    "Văn bản được nhắc đến chưa đủ số, ký hiệu (gợi ý)": "Documents cited without a full number (suggestions)",
    "chức vụ kiêm nhiệm": "concurrent post",
    "cách trích dẫn": "citation",
    "cơ quan ban hành (ngoài hệ thống)": "issuing body (outside the tree)",
    "tên cơ quan": "name of the body",
    "văn bản căn cứ khác": "other documents it rests on",
    "Ý kiến chỉ đạo": "Leader's instruction",
    "Đã lưu nhiệm vụ.": "Task saved.",
    "Đơn vị chủ trì ngoài hệ thống Đảng": "Unit in charge outside the Party tree",
    "Đơn vị phối hợp ngoài hệ thống Đảng": "Co-operating units outside the Party tree",
    "Đơn vị phối hợp trong hệ thống Đảng": "Co-operating organisations in the Party tree",
    "Đơn vị theo dõi (chủ trì trong hệ thống Đảng)": "Following organisation (in charge within the Party tree)",
    "Để trống nếu là ý kiến chỉ đạo của lãnh đạo tại cuộc họp.": (
        "Leave empty for a leader's instruction at a meeting."
    ),
    "Để trống nếu thường xuyên.": "Leave empty if ongoing.",
    "đơn vị chủ trì ngoài hệ thống Đảng": "unit in charge outside the Party tree",
    "đơn vị phối hợp ngoài hệ thống Đảng": "co-operating units outside the Party tree",
}
