"""An import's errors and skipped rows in the reader's language: the importers write English
(the command line prints it so); the import page translates what it knows and keeps the
rest as it is."""

from __future__ import annotations

import ast
import functools
import re
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

import kundenwert
from kundenwert.importers import messages as import_messages
from kundenwert.importers.messages import (
    MESSAGES,
    PATTERNS,
    SHAPED,
    error_line,
    message,
    skipped_line,
    warning_line,
)
from kundenwert.web.importing import Outcome
from tests.conftest import SAMPLES

TOGGL = SAMPLES / "timetracking" / "solidtime_fixture__toggl_time_entries_import_test_1.csv"
PACKAGE = Path(kundenwert.__file__).parent


@functools.cache
def written_texts() -> frozenset[str]:
    """Every string constant of the importers, the folder reader and the parsers (ast
    joins the pieces of a literal written over several lines)."""
    files = [
        *(PACKAGE / "importers").glob("*.py"),
        *(PACKAGE / "portfolio").glob("*.py"),
        PACKAGE / "lib" / "parsing.py",
    ]
    return frozenset(
        node.value
        for file in files
        for node in ast.walk(ast.parse(file.read_text(encoding="utf-8")))
        if isinstance(node, ast.Constant) and isinstance(node.value, str)
    )


def test_every_known_message_is_one_the_code_writes():
    """A message reworded in an importer must be reworded here too, or it goes English.
    (A warning is the part of an f-string after the file's name.)"""
    texts = written_texts()
    assert {m for m in MESSAGES if not any(m in text for text in texts)} == set()


# The calls that carry an importer's message for a person: an error, a reason to skip.
MESSAGE_CALLS = frozenset({"RowError", "_Invalid", "UnsupportedFile", "append"})


def literal_messages() -> set[str]:
    """The literal sentences given to MESSAGE_CALLS (a `skipped.append((place, why))` too):
    a string that starts lower-case and holds a space, as the importers' messages do."""
    files = [*(PACKAGE / "importers").glob("*.py"), *(PACKAGE / "portfolio").glob("*.py")]
    found = set()
    for file in files:
        for node in ast.walk(ast.parse(file.read_text(encoding="utf-8"))):
            name = getattr(node, "func", None)
            name = getattr(name, "id", None) or getattr(name, "attr", None)
            if not isinstance(node, ast.Call) or name not in MESSAGE_CALLS:
                continue
            for argument in node.args:
                parts = argument.elts if isinstance(argument, ast.Tuple) else [argument]
                found |= {
                    p.value
                    for p in parts
                    if isinstance(p, ast.Constant)
                    and isinstance(p.value, str)
                    and p.value[:1].islower()
                    and " " in p.value
                }
    return found


def test_every_literal_message_of_the_importers_is_translated():
    """A new message written as a literal must come with its German (in MESSAGES and the
    catalogue), or the German page would show it in English."""
    found = literal_messages()

    with translation.override("de"):
        assert {text for text in found if message(text) == text} == set()
    assert len(found) > 30  # the search finds the messages at all


@pytest.mark.parametrize("msgid", SHAPED)
def test_every_shaped_message_is_one_the_code_writes(msgid):
    """Its longest fixed part is in the code (as a literal or a piece of an f-string)."""
    longest = max(re.split(r"%\(\w+\)s", msgid), key=len).strip()

    assert any(longest in text for text in written_texts())


def sample(msgid: str) -> str:
    """The msgid with a plausible value in each placeholder."""
    values = {"line": "7", "found": "2", "width": "5", "fields": "6", "count": "2"}
    values |= {"low": "-2", "high": "2", "limit": "0", "byte": "0xfc", "key": "number"}
    values |= {"currency": "EUR", "position": "3", "status": "PDNG"}
    return re.sub(r"%\((\w+)\)s", lambda m: values.get(m[1], f"<{m[1]}>"), msgid)


@pytest.mark.parametrize("msgid", [msgid for _, msgid in PATTERNS])
def test_each_pattern_matches_its_own_english_and_keeps_the_values(msgid):
    english = sample(msgid)

    with translation.override("de"):
        german = message(english)
    with translation.override("en"):
        assert message(english) == english

    assert german != english
    for value in re.findall(r"<\w+>|0xfc|-2|\b\d\b|\bnumber\b", english.removesuffix("number")):
        assert value in german


def test_an_error_names_file_line_column_and_value_in_german():
    error = {
        "file": "toggl.csv",
        "line": 3,
        "column": "Duration",
        "value": "eine Stunde",
        "message": "is not a duration (like 1:30:00, 01:30 or 1.5 hours)",
        "element": None,
    }

    with translation.override("de"):
        assert error_line(error) == (
            "toggl.csv, Zeile 3, Spalte Duration: "
            "'eine Stunde' ist keine Dauer (wie 1:30:00, 01:30 oder 1.5 Stunden)"
        )
    with translation.override("en"):
        assert error_line(error) == (
            "toggl.csv, line 3, column Duration: "
            "'eine Stunde' is not a duration (like 1:30:00, 01:30 or 1.5 hours)"
        )


def test_an_unknown_message_and_a_line_of_an_older_outcome_stay_as_they_are():
    error = {"file": "a.xml", "line": None, "column": None, "value": None, "message": "odd"}
    error["element"] = "Invoice/ID"

    with translation.override("de"):
        assert error_line(error) == "a.xml, Element Invoice/ID: odd"
        assert error_line("toggl.csv, line 3: kept as text") == "toggl.csv, line 3: kept as text"
        assert skipped_line({"file": "a.ics", "location": "event 4", "reason": "has no client"})
    outcome = Outcome.from_json({"errors": ["old text"], "skipped": ["old skip"]})
    assert (outcome.error_lines, outcome.skipped_lines) == (["old text"], ["old skip"])


def test_a_skipped_row_says_where_and_why_in_german():
    skipped = {"file": "kontakte.vcf", "location": "line 7, card 2", "reason": "cancelled"}
    unmatched = (
        "no customer matches 'x@neu.de' (add it to a customer map, or create the customer first)"
    )

    with translation.override("de"):
        assert skipped_line(skipped) == "kontakte.vcf, Zeile 7, Karte 2: abgesagt"
        assert import_messages.message(unmatched) == (
            "kein Kunde passt zu 'x@neu.de' "
            "(tragen Sie ihn in eine Kundenzuordnung ein oder legen Sie den Kunden zuerst an)"
        )


@pytest.fixture(autouse=True)
def jobs_in_the_request(settings):
    settings.KUNDENWERT_IMPORT_JOBS_INLINE = True


def upload(client, name: str, content: bytes):
    files = {"files": [SimpleUploadedFile(name, content, "text/csv")]}
    return client.post(reverse("import_upload"), files, follow=True)


def test_the_german_page_shows_a_bad_file_s_errors_in_german(owner_client):
    bad = TOGGL.read_text(encoding="utf-8-sig").replace("01:00:01", "eine Stunde")

    page = upload(owner_client, "toggl.csv", bad.encode()).content.decode()

    assert (
        "toggl.csv, Zeile 3, Spalte Duration: &#x27;eine Stunde&#x27; ist keine Dauer "
        "(wie 1:30:00, 01:30 oder 1.5 Stunden)"
    ) in page


def test_the_german_page_shows_why_rows_were_skipped_in_german(owner_client):
    page = upload(owner_client, TOGGL.name, TOGGL.read_bytes()).content.decode()

    assert f"{TOGGL.name}, Zeile 2: nennt keinen Kunden" in page


def test_an_english_user_reads_them_in_english(owner_client, owner):
    owner.language = "en"
    owner.save(update_fields=["language"])

    page = upload(owner_client, TOGGL.name, TOGGL.read_bytes()).content.decode()

    assert f"{TOGGL.name}, line 2: has no client" in page


def test_a_warning_keeps_its_file_and_place_and_reads_german():
    warning = "kontakte.vcf, card 2: 'info@' is not an e-mail address"

    with translation.override("de"):
        assert warning_line(warning) == "kontakte.vcf, Karte 2: 'info@' ist keine E-Mail-Adresse"
        assert warning_line("no colon here") == "no colon here"


def test_the_german_page_warns_of_unmatched_payments_in_german(owner_client):
    statement = SAMPLES / "bank" / "mt940" / "betterplace_sepa_snippet.sta"

    page = upload(owner_client, statement.name, statement.read_bytes()).content.decode()

    assert (
        f"{statement.name}: 8 Zahlung(en) passen zu keiner offenen Rechnung; "
        "ordnen Sie sie von Hand zu"
    ) in page


def test_a_matching_rule_named_in_a_message_is_translated_too():
    english = "'Sommer' fits several customers by normalised name: K1 (Sommer), K2 (Sommer); "
    english += "name it in a customer map"

    with translation.override("de"):
        assert message(english) == (
            "'Sommer' passt nach bereinigtem Namen zu mehreren Kunden: K1 (Sommer), K2 (Sommer); "
            "nennen Sie den Kunden in einer Kundenzuordnung"
        )
