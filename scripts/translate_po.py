"""Fill the English catalogue from a mapping file and report what is still untranslated.

Usage: python scripts/translate_po.py MAPPING.py   (MAPPING defines T = {msgid: msgstr} and PLURAL = {msgid: (one, many)})
Needs polib (not a project dependency; a maintainer tool).
"""

import runpy
import sys

import polib

mapping = runpy.run_path(sys.argv[1])
po = polib.pofile("locale/en/LC_MESSAGES/django.po")
missing = []
for entry in po:
    if "fuzzy" in entry.flags:
        # msgmerge's guesses are often wrong: only the mapping may fill such an entry.
        entry.flags.remove("fuzzy")
        entry.msgstr = ""
        entry.msgstr_plural = {0: "", 1: ""} if entry.msgid_plural else {}
        entry.previous_msgid = None
        entry.previous_msgid_plural = None
    if entry.msgid_plural:
        pair = mapping.get("PLURAL", {}).get(entry.msgid)
        if pair:
            entry.msgstr_plural = {0: pair[0], 1: pair[1]}
        elif not entry.msgstr_plural.get(0):
            missing.append(entry.msgid)
    elif entry.msgid in mapping["T"]:
        entry.msgstr = mapping["T"][entry.msgid]
    elif not entry.msgstr:
        missing.append(entry.msgid)
po.metadata["Language"] = "en"
po.metadata["Plural-Forms"] = "nplurals=2; plural=(n != 1);"
po.save()
print(f"{len(po) - len(missing)} translated, {len(missing)} missing")
for msgid in missing:
    print("MISSING:", msgid)
