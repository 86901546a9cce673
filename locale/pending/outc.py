# English for the msgids new on branch fix/outc. The outcomes package reuses the existing messages:
# the reading checks (targets/outcomes/checks.py) and the shapes' labels keep their msgids.
T: dict[str, str] = {}
