"""English for the msgids of the Word export (branch fix/docx)."""

T = {
    "Tải bản Word (.docx)": "Download as Word (.docx)",
}
