"""English for the msgids of the fix/meet branch (issue 21: meetings and resolution reviews)."""

T = {
    "loại hội nghị": "meeting type",
    "Loại hội nghị": "Meeting type",
    "Hội nghị Ban Chấp hành": "Executive Committee meeting",
    "Hội nghị Ban Thường vụ": "Standing Committee meeting",
    "Họp Thường trực": "Standing office meeting",
    "Sinh hoạt chi bộ định kỳ": "Regular cell meeting",
    "Sinh hoạt chuyên đề": "Thematic meeting",
    "Làm việc với đoàn kiểm tra": "Working session with an inspection team",
    "thư ký hội nghị": "meeting secretary",
    "ý kiến thảo luận": "discussion",
    "Ý kiến thảo luận": "Discussion",
    "số thông báo kết luận": "conclusion notice number",
    "ngày thông báo kết luận": "conclusion notice date",
    "Ngày thông báo kết luận": "Conclusion notice date",
    "thẩm quyền ký thông báo": "notice signing authority",
    "chức vụ người ký thông báo": "notice signer's title",
    "người ký thông báo": "notice signer",
    "văn bản thông báo kết luận": "conclusion notice document",
    "kết luận thứ": "conclusion no.",
    "nhiệm vụ": "task",
    "nhiệm vụ từ kết luận hội nghị": "task from a meeting conclusion",
    "Sơ kết, tổng kết thực hiện nghị quyết": "Review of the implementation of a resolution",
    "văn bản được sơ kết, tổng kết": "document reviewed",
    "Văn bản được sơ kết, tổng kết": "Document reviewed",
    "từ ngày": "from",
    "Báo cáo trình hội nghị phải của tổ chức đã họp.": (
        "A report submitted to a meeting must belong to the organisation that met."
    ),
    "Mỗi dòng một kết luận; từng kết luận có thể giao thành nhiệm vụ ở trang hội nghị.": (
        "One conclusion per line; each can be assigned as a task on the meeting page."
    ),
    "Ví dụ: 125-TB/TU. Để trống khi thông báo còn là dự thảo.": (
        "For example 125-TB/TU. Leave empty while the notice is a draft."
    ),
    "Để trống: theo tổ chức (T/M BAN THƯỜNG VỤ, T/M CHI BỘ…).": (
        "Empty: by organisation (T/M BAN THƯỜNG VỤ, T/M CHI BỘ…)."
    ),
    "Để trống: BÍ THƯ.": "Empty: BÍ THƯ.",
    "Giao thành nhiệm vụ": "Assign as a task",
    "Nội dung nhiệm vụ": "Task",
    "Thời hạn": "Deadline",
    "Để trống: thường xuyên": "Empty: ongoing",
    "Chọn đơn vị chủ trì.": "Choose the lead unit.",
    "Tổ chức báo cáo": "Reporting organisation",
    "Số, ký hiệu văn bản được sơ kết, tổng kết": "Number of the document reviewed",
    "Năm ban hành": "Year issued",
    "Chỉ cần khi có nhiều văn bản cùng số (số đảng bắt đầu lại mỗi nhiệm kỳ).": (
        "Needed only when several documents share the number (Party numbers restart every term)."
    ),
    "Loại": "Type",
    "Sơ kết": "Mid-term review",
    "Tổng kết": "Final review",
    "Từ ngày": "From",
    "Để trống: ngày ban hành văn bản": "Empty: the document's date of issue",
    "Không tìm thấy văn bản số %(n)s.": "No document numbered %(n)s was found.",
    "Có nhiều văn bản số %(n)s; hãy nhập năm ban hành.": (
        "Several documents are numbered %(n)s; enter the year of issue."
    ),
    "Nhập số, ký hiệu văn bản được sơ kết, tổng kết.": "Enter the number of the document reviewed.",
    "Văn bản chưa có ngày ban hành: hãy nhập ngày bắt đầu.": (
        "The document has no date of issue: enter the start date."
    ),
    "Tổ chức này chưa có nhiệm kỳ nào.": "This organisation has no term yet.",
    "từ ngày %(a)s đến ngày %(b)s": "from %(a)s to %(b)s",
    "Trình %(meeting)s ngày %(day)s": "Submitted to the %(meeting)s of %(day)s",
    "hội nghị": "the meeting",
    "cuộc họp": "the meeting",
    "buổi %(kind)s": "the %(kind)s",
    "kết luận của %(body)s tại %(occasion)s ngày %(day)s": (
        "conclusions of the %(body)s at %(occasion)s of %(day)s"
    ),
    "%(stage)s %(span)s thực hiện %(document)s": "%(stage)s of %(span)s of implementing %(document)s",
    "Chỉ báo cáo sơ kết, tổng kết nghị quyết mới gắn với một văn bản.": (
        "Only a resolution review is tied to a document."
    ),
    "Ngày số liệu phải sau ngày bắt đầu sơ kết, tổng kết.": "The data date must follow the review's start.",
    "Số thông báo kết luận phải có dạng 125-TB/TU.": "The notice number must read like 125-TB/TU.",
    "Số thông báo %(n)s đã được dùng cho một văn bản khác; hãy kiểm tra lại số thông báo.": (
        "Notice number %(n)s is already used by another document; check the notice number."
    ),
    "Hội nghị không có kết luận thứ %(n)s.": "The meeting has no conclusion %(n)s.",
    "Kết luận thứ %(n)s đã được giao thành nhiệm vụ.": "Conclusion %(n)s is already a task.",
    "%(org)s không thuộc %(owner)s.": "%(org)s is not part of %(owner)s.",
    "Thời hạn của kết luận thứ %(n)s trước ngày họp.": "The deadline of conclusion %(n)s is before the meeting.",
    "Chưa chọn kết luận nào để giao nhiệm vụ.": "No conclusion was chosen to assign.",
    "Ngày bắt đầu phải trước ngày số liệu.": "The start date must precede the data date.",
    "Ngày số liệu phải sau ngày ban hành văn bản.": "The data date must follow the document's date of issue.",
    "Chọn sơ kết hoặc tổng kết.": "Choose a mid-term or a final review.",
    "Đã giao %(n)s nhiệm vụ từ kết luận hội nghị.": "%(n)s tasks assigned from the meeting's conclusions.",
    "Đã tạo dự thảo báo cáo sơ kết, tổng kết.": "Draft review report created.",
    "Sơ kết, tổng kết nghị quyết": "Resolution review",
    "Báo cáo trình hội nghị:": "Report submitted to the meeting:",
    "Thư ký": "Secretary",
    "Thông báo kết luận": "Conclusion notice",
    "văn bản": "document",
    "Biên bản hội nghị (PDF)": "Minutes (PDF)",
    "Thông báo kết luận (PDF)": "Conclusion notice (PDF)",
    "Tạo báo cáo trình hội nghị": "Start the meeting's report",
    "Kết luận và nhiệm vụ được giao": "Conclusions and tasks assigned",
    "Chưa giao": "Not assigned",
    "hoàn thành": "done",
    "thời hạn": "deadline",
    "Chưa ghi kết luận.": "No conclusions recorded.",
    "Giao kết luận thành nhiệm vụ": "Assign conclusions as tasks",
    "Mỗi kết luận được chọn trở thành một nhiệm vụ theo dõi, căn cứ là thông báo kết luận của hội nghị.": (
        "Each conclusion chosen becomes a tracked task, based on the meeting's conclusion notice."
    ),
    "Giao": "Assign",
    "Tạo nhiệm vụ": "Create tasks",
    "từ %(a)s đến %(b)s": "from %(a)s to %(b)s",
    "Báo cáo sơ kết, tổng kết thực hiện nghị quyết": "Resolution review report",
    "Báo cáo gắn với một văn bản: các văn bản cụ thể hóa, các nhiệm vụ có thời hạn trong khoảng thời gian "
    "sơ kết (mọi năm, không chỉ năm cuối) và các chỉ tiêu của văn bản được lấy từ dữ liệu.": (
        "A report tied to one document: the documents implementing it, the tasks due within the window "
        "(every year, not only the last) and its targets come from the data."
    ),
    # PDF wording (official documents print in Vietnamese; English for completeness)
    "Hôm nay, %(day)s, tại %(place)s, %(name)s được tổ chức với thành phần và nội dung như sau:": (
        "Today, %(day)s, at %(place)s, the %(name)s was held as follows:"
    ),
    "Có mặt %(n)s đồng chí:": "%(n)s present:",
    "Khách mời:": "Guests:",
    "Đồng chí": "Comrade",
    "Chủ trì:": "Chair:",
    "Thư ký:": "Secretary:",
    "Nội dung hội nghị": "Business of the meeting",
    "Hội nghị thảo luận các báo cáo:": "The meeting discussed the reports:",
    "Báo cáo": "Report",
    "số": "no.",
    "Kết luận của chủ trì hội nghị": "Conclusions of the chair",
    "Biên bản đã được thông qua tại hội nghị, các đồng chí dự hội nghị nhất trí với nội dung biên bản.": (
        "These minutes were adopted at the meeting; those present agreed with them."
    ),
    "THƯ KÝ": "SECRETARY",
    "CHỦ TRÌ HỘI NGHỊ": "CHAIR",
    "%(day)s, %(who)s tổ chức %(what)s.": "%(day)s, the %(who)s held %(what)s.",
    "Đồng chí %(chair)s chủ trì hội nghị.": "Comrade %(chair)s chaired the meeting.",
    "Hội nghị đã nghe và thảo luận:": "The meeting heard and discussed:",
    "Sau khi thảo luận, %(body)s kết luận như sau:": "After discussion, the %(body)s concluded:",
    "chủ trì": "leading",
    "thực hiện thường xuyên": "ongoing",
    "Trên đây là kết luận của %(body)s; đề nghị các cấp ủy, tổ chức đảng và đơn vị liên quan nghiêm túc thực "
    "hiện.": "These are the conclusions of the %(body)s; the committees and units concerned are to carry them out.",
    "Thực hiện %(document)s, báo cáo kết quả thực hiện %(window)s như sau:": (
        "Pursuant to %(document)s, the results of its implementation %(window)s are reported as follows:"
    ),
    "Tình hình, kết quả thực hiện": "Implementation and results",
    "Công tác lãnh đạo, chỉ đạo, quán triệt, triển khai thực hiện %(document)s": (
        "Leadership, dissemination and implementation of %(document)s"
    ),
    "Để cụ thể hóa %(document)s, %(committee)s và các cấp ủy trực thuộc đã ban hành các văn bản lãnh đạo, "
    "chỉ đạo, gồm:": "To implement %(document)s, the %(committee)s and the committees under it issued:",
    "Chưa ghi nhận văn bản cụ thể hóa, triển khai thực hiện.": "No implementing document recorded.",
    "Kết quả thực hiện các mục tiêu, chỉ tiêu": "Results against the objectives and targets",
    "Có %(n)s chỉ tiêu thuộc phạm vi thực hiện; kết quả: %(phrase)s.": "%(n)s targets in scope; results: %(phrase)s.",
    "Văn bản không giao chỉ tiêu định lượng cho đơn vị, hoặc chưa được nhập.": (
        "The document sets no quantified target for the unit, or none has been entered."
    ),
    "(Số liệu tính đến ngày %(cut_off)s; chi tiết tại Phụ lục 1.)": "(Figures as of %(cut_off)s; see Appendix 1.)",
    "Kết quả thực hiện các nhiệm vụ, giải pháp": "Results of the tasks and measures",
    "Các nhiệm vụ được giao có thời hạn %(window)s: %(phrase)s": "Tasks due %(window)s: %(phrase)s",
    "%(n)s nhiệm vụ thực hiện thường xuyên": "%(n)s ongoing tasks",
    "(chi tiết tại Phụ lục 2).": "(see Appendix 2).",
    "Chưa có nhiệm vụ được giao trong thời gian sơ kết, tổng kết.": "No task was due within the review window.",
    "Đánh giá chung": "Overall assessment",
    "Hạn chế, nguyên nhân và bài học kinh nghiệm:": "Shortcomings, causes and lessons:",
    "Phương hướng, nhiệm vụ, giải pháp thời gian tới": "Directions, tasks and measures ahead",
    "Kết quả thực hiện các chỉ tiêu của %(document)s": "Results against the targets of %(document)s",
    "Đơn vị": "Unit",
    "Kế hoạch": "Plan",
    "So kế hoạch": "Against plan",
    "Không có chỉ tiêu.": "No targets.",
    "Tình hình thực hiện nhiệm vụ (%(window)s)": "Tasks (%(window)s)",
    "Không có nhiệm vụ.": "No tasks.",
}
