# English for the new msgids of the fix/perf branch (issue 24): the page number of a list too long to count
# (templates/pagination_uncounted.html, the target list).
T = {
    "Trang %(n)s": "Page %(n)s",
}
