"""English for the msgids added by fix/uploads (issue 19, findings 7 and 8); the lead merges them."""

T = {
    "tên tệp đính kèm": "attachment file name",
    "Tệp «%(name)s» quá lớn: tối đa %(limit)s MB.": "The file «%(name)s» is too big: at most %(limit)s MB.",
    "Không nhận tệp «%(name)s»: chỉ nhận %(kinds)s.": "The file «%(name)s» is not accepted: only %(kinds)s.",
    "Nội dung tệp «%(name)s» không đúng loại %(ext)s: tệp có thể đã bị đổi tên.": (
        "The content of «%(name)s» is not a %(ext)s file: it may have been renamed."
    ),
    "PDF, Word, Excel, OpenDocument, JPG hoặc PNG; tối đa %(limit)s MB.": (
        "PDF, Word, Excel, OpenDocument, JPG or PNG; at most %(limit)s MB."
    ),
    "Mã «%(code)s» có ký tự ẩn %(char)s: hãy xóa mã và gõ lại.": (
        "The code «%(code)s» holds an invisible character %(char)s: delete the code and type it again."
    ),
    (
        "Mã «%(code)s» có chữ «%(shown)s» (%(char)s) trông giống chữ Latinh nhưng là chữ khác: "
        "hãy gõ lại mã bằng bàn phím tiếng Việt."
    ): (
        "The code «%(code)s» holds the letter «%(shown)s» (%(char)s), which looks like a Latin letter but is "
        "another one: type the code again with a Vietnamese keyboard."
    ),
    (
        "Mã «%(code)s» có ký tự «%(shown)s» (%(char)s) không dùng được: mã chỉ gồm chữ cái, chữ số "
        "và các dấu - / . _"
    ): (
        "The code «%(code)s» holds the character «%(shown)s» (%(char)s), which codes cannot use: only "
        "letters, digits and - / . _"
    ),
}
