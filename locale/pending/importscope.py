T = {
    "Không có «%(value)s» trong phạm vi của bạn.": "«%(value)s» does not exist within your scope.",
    "Không có người dùng «%(name)s» đang hoạt động.": "There is no active user «%(name)s».",
}
