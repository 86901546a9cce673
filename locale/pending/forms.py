"""English for the msgids added by fix/forms (issue 23: forms, phones); the lead merges them."""

T = {
    # targets/models.py SHAPE_FIELDS: help and example per shape
    "Trình UBND Thành phố 25 nội dung (đơn vị: nội dung; kế hoạch: 25)": (
        "Submit 25 items to the City People's Committee (unit: nội dung; plan: 25)"
    ),
    "Nhập số nội dung kế hoạch; kết quả là số đã hoàn thành.": (
        "Enter the planned number of items; the result is the number completed."
    ),
    "Tạo việc làm mới cho 23.000 lao động (đơn vị: người; kế hoạch: 23.000)": (
        "Create new jobs for 23,000 workers (unit: người; plan: 23,000)"
    ),
    "Nhập số lượng kế hoạch; vượt kế hoạch là vượt chỉ tiêu.": (
        "Enter the planned quantity; going past it exceeds the target."
    ),
    "Tỷ lệ lao động qua đào tạo đạt 67% (đơn vị: %; kế hoạch: 67)": (
        "Share of trained workers reaches 67% (unit: %; plan: 67)"
    ),
    "Nhập tỷ lệ tối thiểu phải đạt.": "Enter the minimum rate to reach.",
    "Tỷ lệ hộ nghèo không quá 1,5% (đơn vị: %; kế hoạch: 1,5; bỏ chọn «giới hạn chặt»)": (
        "Poor-household rate at most 1.5% (unit: %; plan: 1.5; untick «strict limit»)"
    ),
    "Nhập mức tối đa; chọn «giới hạn chặt» khi văn bản ghi «dưới», bỏ chọn khi ghi «không quá».": (
        "Enter the maximum; tick «strict limit» when the document says «below», untick it when it says "
        "«at most»."
    ),
    "Có văn bằng, chứng chỉ đạt 33-35% (đơn vị: %; từ 33 đến 35)": (
        "Holding a degree or certificate: 33-35% (unit: %; from 33 to 35)"
    ),
    "Nhập đầu dưới và đầu trên của khoảng.": "Enter the lower and upper ends of the range.",
    "Tỷ lệ hộ nghèo giảm 1-1,5% (giá trị gốc: 3,2; từ 1 đến 1,5; điểm phần trăm)": (
        "Poor-household rate down by 1-1.5% (baseline: 3.2; from 1 to 1.5; percentage points)"
    ),
    "Nhập mức giảm kế hoạch: một giá trị hoặc một khoảng; giá trị gốc là mức đầu kỳ "
    "(bỏ trống thì dùng số cùng kỳ).": (
        "Enter the planned reduction: one value or a range; the baseline is the level at the start of the "
        "period (left blank, the same period last year is used)."
    ),
    "Giải quyết việc làm tăng 2,44% so với cùng kỳ (kế hoạch: 2,44)": (
        "Jobs found up 2.44% on the same period (plan: 2.44)"
    ),
    "Nhập mức tăng kế hoạch (%); bỏ trống thì chỉ cần tăng so với cùng kỳ.": (
        "Enter the planned growth (%); left blank, any growth on the same period is enough."
    ),
    "Chỉ số DDCI xếp hạng 9/20 (kế hoạch: 9; trên tổng số: 20)": "DDCI index ranked 9/20 (plan: 9; out of: 20)",
    "Nhập thứ hạng kế hoạch và tổng số đơn vị được xếp hạng; hạng càng nhỏ càng tốt.": (
        "Enter the planned rank and how many are ranked; the lower the rank the better."
    ),
    "Thành lập Ban chỉ đạo chuyển đổi số trong quý III": "Set up the digital transformation steering committee in Q3",
    "Không cần giá trị kế hoạch: kết quả là hoàn thành hay chưa.": (
        "No planned value needed: the result is done or not done."
    ),
    "100% chi bộ hoàn thành tốt nhiệm vụ trở lên": "100% of cells rated «fulfilled tasks well» or better",
    "Không cần giá trị kế hoạch: kết quả là điều kiện có được duy trì hay không.": (
        "No planned value needed: the result is whether the condition held."
    ),
    # targets/forms.py TargetForm
    "Chỉ tiêu dạng «%(shape)s» cần «%(field)s».": "A «%(shape)s» target needs «%(field)s».",
    "Chỉ tiêu dạng «%(shape)s» không dùng «%(field)s»: để trống.": (
        "A «%(shape)s» target does not use «%(field)s»: leave it blank."
    ),
    "Chỉ nhập một giá trị kế hoạch hoặc một khoảng, không nhập cả hai.": (
        "Enter either one planned value or a range, not both."
    ),
    # templates/targets/target_form.html
    "Ví dụ": "Example",
    # reports/views.py run_request and templates/reports/report_detail.html
    "Lần xuất %(n)s đang chờ hoặc đang chạy: vui lòng đợi lần này xong.": (
        "Run %(n)s is queued or running: please wait for it to finish."
    ),
    "Đang tạo tệp PDF…": "Creating the PDF…",
    "Đang chờ tạo tệp PDF…": "Waiting to create the PDF…",
    "Lần xuất %(n)s chưa xong; nút sẽ mở lại khi xong.": (
        "Run %(n)s has not finished; the button comes back when it has."
    ),
}
