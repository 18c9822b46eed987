"""The German interface is complete, compiled and formal (Sie, never du)."""

from __future__ import annotations

import gettext
import json
import re
from pathlib import Path

LOCALE = Path(__file__).resolve().parent.parent / "kundenwert" / "locale" / "de" / "LC_MESSAGES"
INFORMAL = re.compile(r"\b(du|dich|dir|dein\w*)\b", re.IGNORECASE)


def po_entries(path: Path) -> dict[str, list[str]]:
    """{msgid: [msgstr …]} of a .po file, with continuation lines joined."""
    entries: dict[str, list[str]] = {}
    msgid, target, fuzzy = None, None, False
    for line in path.read_text(encoding="utf-8").splitlines() + [""]:
        if line.startswith("#,") and "fuzzy" in line:
            fuzzy = True
        elif line.startswith("msgid "):
            msgid, target = json.loads(line[6:]), "id"
            entries[msgid] = []
            assert not fuzzy, f"fuzzy translation for {msgid!r}"
        elif line.startswith("msgid_plural"):
            target = "plural"
        elif line.startswith("msgstr"):
            entries[msgid].append(json.loads(line.split(" ", 1)[1]))
            target = "str"
        elif line.startswith('"') and msgid is not None:
            text = json.loads(line)
            if target == "id":
                entries[msgid + text] = entries.pop(msgid)
                msgid += text
            elif target == "str":
                entries[msgid][-1] += text
        elif not line:
            fuzzy = False
    entries.pop("", None)
    return entries


def test_every_message_has_a_german_translation():
    untranslated = [m for m, strs in po_entries(LOCALE / "django.po").items() if not all(strs)]
    assert untranslated == []


def test_the_compiled_catalogue_matches_the_po_file():
    with (LOCALE / "django.mo").open("rb") as mo:
        catalogue = gettext.GNUTranslations(mo)
    for msgid, strs in po_entries(LOCALE / "django.po").items():
        if len(strs) == 1:
            assert catalogue.gettext(msgid) == strs[0], msgid


def test_the_german_interface_addresses_users_formally():
    informal = [
        s for strs in po_entries(LOCALE / "django.po").values() for s in strs if INFORMAL.search(s)
    ]
    assert informal == []
