"""English for the msgids of the Word export (branch fix/docx)."""

T = {
    "Tải bản Word (.docx)": "Download as Word (.docx)",
    "Bản Word": "Word file",
    "tệp Word": "Word file",
    "Báo cáo có %(n)s dòng phụ lục, quá lớn để tạo bản Word ngay: bản Word được tạo cùng tệp PDF ở tiến "
    "trình nền; tải về ở bảng Tệp PDF khi xong.": "The report has %(n)s appendix rows, too many to build the "
    "Word file at once: it is built with the PDF in the background; download it from the PDF files table "
    "once done.",
}
