T = {
    "Không có «%(value)s» trong phạm vi của bạn.": "«%(value)s» does not exist within your scope.",
}
