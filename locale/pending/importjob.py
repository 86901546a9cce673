T = {
    "Trang «%(sheet)s» có quá nhiều dòng: tối đa %(max)s dòng dữ liệu mỗi trang.": (
        "Sheet «%(sheet)s» has too many rows: at most %(max)s rows of data per sheet."
    ),
    "Đang nhập": "Importing",
    "Không nhập được": "Not imported",
    "tên tệp": "file name",
    "lần nhập tệp Excel": "workbook import",
    "Cần đăng nhập để nhập tệp.": "You must be signed in to import a file.",
    "Tài khoản đã tải tệp lên không còn hoạt động.": "The account that uploaded the file is no longer active.",
    "Quá thời gian cho phép khi nhập tệp; chưa có dữ liệu nào được lưu.": (
        "The import took longer than allowed; nothing has been saved."
    ),
    "Lỗi khi nhập tệp (%(error)s); chưa có dữ liệu nào được lưu.": (
        "Error while importing the file (%(error)s); nothing has been saved."
    ),
    "Tiến trình nhập bị dừng quá số lần cho phép; chưa có dữ liệu nào được lưu.": (
        "The import was stopped too many times; nothing has been saved."
    ),
    "Các lần nhập gần đây": "Recent imports",
    "Nhập tệp Excel": "Import an Excel file",
    "Tệp đã được tải lên và đang chờ xử lý. Trang này tự cập nhật.": (
        "The file has been uploaded and is waiting to be processed. This page updates itself."
    ),
    "Tiến độ nhập tệp": "Import progress",
    "Đã kiểm tra xong %(total)s dòng; đang lưu vào cơ sở dữ liệu…": (
        "All %(total)s rows checked; saving to the database…"
    ),
    "Đã kiểm tra %(done)s/%(total)s dòng.": "%(done)s/%(total)s rows checked.",
    "Mọi dòng được kiểm tra trước; không có gì được lưu nếu còn lỗi.": (
        "Every row is checked first; nothing is saved while any error remains."
    ),
    "Nhập tệp khác": "Import another file",
    "Đang đọc tệp…": "Reading the file…",
}
