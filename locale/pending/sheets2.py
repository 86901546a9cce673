# The workbook sheets of exchange/sheets_links.py add no gettext msgid: their labels and per-row messages
# are plain Vietnamese, as in the other sheet modules; the refusals of the services and of
# committees/ratings.py they show are existing msgids.
T: dict[str, str] = {}
PLURAL: dict[str, tuple[str, str]] = {}
