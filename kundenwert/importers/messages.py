"""An import's problems in the reader's language.

The importers and the portfolio reader write their messages in English, as the JSON report
and the log keep them. The import page and the command line's report show them in the
user's language: a message the importers write as it is (`MESSAGES`) is looked up in the
catalogue; one that carries a figure, a name or a parser's own words has the shape of one
of `SHAPED`, whose parts go into the translated sentence unchanged. A message neither knows
stays English, so a new importer message is never lost, only untranslated.

An outcome keeps its errors and skipped rows as dicts (`as_dict`), so that each page
request puts them into its own language; an outcome stored by an older version holds
lines of text, shown as they are.
"""

from __future__ import annotations

import dataclasses
import re

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, gettext_noop

from kundenwert.importers.report import Skipped
from kundenwert.portfolio.errors import RowError

# What an import writes, by table (the stages of its progress, the rows of its report).
TABLE_LABELS = {
    "customers": gettext_lazy("Customers"),
    "invoices": gettext_lazy("Invoices"),
    "time_entries": gettext_lazy("Time entries"),
    "interactions": gettext_lazy("Interactions"),
    "offers": gettext_lazy("Offers"),
    "deliveries": gettext_lazy("Deliveries"),
    "direct_costs": gettext_lazy("Direct costs"),
    "payments": gettext_lazy("Payments"),
    "contacts": gettext_lazy("Contact persons"),
}

MESSAGES = frozenset(
    {
        gettext_noop("a reason is required when group_override is set"),
        gettext_noop("a value is required"),
        gettext_noop("appears more than once in the header"),
        gettext_noop("cannot be read as an MT940 field"),
        gettext_noop("column of the mapping is not in the file"),
        gettext_noop("contains no complete calendar (BEGIN:VCALENDAR … END:VCALENDAR)"),
        gettext_noop("contains no e-mail message (mbox or .eml)"),
        gettext_noop("contains no vCard (BEGIN:VCARD … END:VCARD)"),
        gettext_noop(
            "is a DATEV booking batch (Buchungsstapel), not an invoice list: it holds "
            "bookings by account, without customer names or due dates; export the list of "
            "invoices from your invoicing tool (lexoffice, sevDesk …) as CSV instead"
        ),
        gettext_noop("is empty"),
        gettext_noop("is empty; expected a header row"),
        gettext_noop("is empty; expected the header row"),
        gettext_noop("is missing"),
        gettext_noop("is neither UTF-8 nor Windows-1252 text (CSV expected); save it as UTF-8 CSV"),
        gettext_noop("is not a currency code (three letters like EUR)"),
        gettext_noop("is not a currency code (like EUR)"),
        gettext_noop("is not a date (YYYY-MM-DD)"),
        gettext_noop("is not a date (YYYYMMDD or YYYY-MM-DD)"),
        gettext_noop("is not a date (like 2026-11-23, 23.11.2026 or 11/23/2026)"),
        gettext_noop(
            "is not a date and time (YYYY-MM-DDTHH:MM or YYYY-MM-DDTHH:MM:SS, "
            "optionally with an offset like +01:00 or Z)"
        ),
        gettext_noop("is not a date and time (like 2026-11-23 14:30)"),
        gettext_noop("is not a decimal number (like 1234.56)"),
        gettext_noop("is not a decimal: use a dot as decimal separator (1.5, not 1,5)"),
        gettext_noop("is not a decimal: use no thousands separator (1234.56)"),
        gettext_noop("is not a decimal: use no thousands separator and a dot as decimal separator"),
        gettext_noop("is not a decimal: write the number without an exponent (1000, not 1e3)"),
        gettext_noop("is not a duration (like 1:30:00, 01:30 or 1.5 hours)"),
        gettext_noop("is not a folder"),
        gettext_noop("is not a number (like 1234.56 or 1.234,56)"),
        gettext_noop("is not a number of hours (like 1.5)"),
        gettext_noop("is not a text file (CSV expected)"),
        gettext_noop("is not a time of day (like 14:30, 14:30:00 or 2:30 PM)"),
        gettext_noop("is not a valid CSV file"),
        gettext_noop("is not a whole number"),
        gettext_noop("is not a yes/no value (true/false, yes/no, ja/nein or 1/0)"),
        gettext_noop("is not a yes/no value (yes/no, ja/nein, true/false, 1/0)"),
        gettext_noop("is not an ISO 20022 camt bank statement"),
        gettext_noop("is not an MT940 statement (no :20: or :61: tag)"),
        gettext_noop("is not an amount (like 1234.56)"),
        gettext_noop("is not an amount"),
        gettext_noop("is not text"),
        gettext_noop("is not the id of a customer (not in customers.csv)"),
        gettext_noop("is not valid"),
        gettext_noop("is too large for an amount"),
        gettext_noop("line is empty; expected the header row"),
        gettext_noop("missing"),
        gettext_noop("names no buyer (no name, id or e-mail address)"),
        gettext_noop("required column is missing"),
        gettext_noop("required column is missing (give a column mapping if it has another name)"),
        gettext_noop("the booking has no amount"),
        gettext_noop("the booking has no date"),
        gettext_noop("the card has no name and no e-mail address"),
        gettext_noop(
            "the statement that opens here has no closing balance (:62F:, which MT940 "
            "requires); the file looks cut off"
        ),
        # Warnings.
        gettext_noop(
            "your own e-mail address is unknown, so it may be among the addresses that name "
            "the customer; enter your addresses in the settings (own e-mail addresses and "
            "domains) to leave it out"
        ),
        gettext_noop(
            "your own e-mail address is unknown, so every message counts as incoming from "
            "its sender; enter your addresses in the settings (own e-mail addresses and "
            "domains) to tell sent mail apart"
        ),
        gettext_noop("the statement holds no bookings (:61:)"),
        gettext_noop("the file has no client column"),
        gettext_noop("unknown file is ignored"),
        # Why a row was skipped.
        gettext_noop("has no client"),
        gettext_noop("no attendees and no organizer: nothing names the customer"),
        gettext_noop("no attendees besides you: nothing names the customer"),
        gettext_noop("no sender address (From)"),
        gettext_noop("the card is incomplete (no END:VCARD)"),
        gettext_noop("has a duration of 0 minutes"),
        gettext_noop("cancelled"),
        gettext_noop("all-day event"),
        gettext_noop("in the future: not held yet"),
        gettext_noop("longer than a day: a trip or an absence, no meeting"),
        gettext_noop("no address besides your own"),
        gettext_noop("delivery report (multipart/report)"),
        gettext_noop("it repeats every second or minute, which no meeting does"),
        # Found by an audit of the importers' literal messages.
        gettext_noop("does not exist"),
        gettext_noop("holds no statement"),
        gettext_noop("is a negative duration"),
        gettext_noop("is an empty XML document"),
        gettext_noop("is neither CRDT (credit) nor DBIT (debit)"),
        gettext_noop(
            "is a Clockify project list, not time entries; export the detailed report "
            "(Reports → Detailed → Export → CSV) instead"
        ),
        gettext_noop(
            "is a PDF without an attached e-invoice (no ZUGFeRD, Factur-X or XRechnung XML "
            "inside); only such PDFs can be imported"
        ),
        gettext_noop("payments were not imported: payment matching is not installed"),
    }
)

# The messages that carry a figure, a name or a parser's words: each placeholder stands
# for that part of the English text, which goes into the translation unchanged.
SHAPED = (
    gettext_noop("appears more than once (first on line %(line)s)"),
    gettext_noop("ends after %(found)s of the header's %(width)s fields: the file seems cut off"),
    gettext_noop("file is empty; expected a header row with the columns %(columns)s"),
    gettext_noop("has %(fields)s fields, but the header has %(width)s"),
    gettext_noop(
        "has more than %(count)s decimals (the dot is the decimal separator; use no "
        "thousands separator)"
    ),
    gettext_noop("is longer than %(count)s characters for a number"),
    gettext_noop("is not one of %(choices)s"),
    gettext_noop("line %(line)s of the card is not a vCard property: %(text)s"),
    gettext_noop("is not an id in %(file)s"),
    gettext_noop("mailing list (%(header)s)"),
    gettext_noop("is out of range (%(low)s to %(high)s)"),
    gettext_noop("must be at least %(limit)s"),
    gettext_noop("must be at most %(limit)s"),
    gettext_noop("must be greater than %(limit)s"),
    gettext_noop("is too large (at most %(count)s digits before the decimal point)"),
    gettext_noop("not valid UTF-8 (byte %(byte)s); save the file as UTF-8"),
    gettext_noop("repeats the %(key)s of line %(line)s"),
    gettext_noop("is not valid CSV (%(detail)s); check the quotes"),
    gettext_noop("is not well-formed XML (%(detail)s)"),
    gettext_noop("is not a readable Excel workbook (%(detail)s)"),
    gettext_noop("is not a readable PDF (%(detail)s)"),
    gettext_noop("is not a readable ZIP archive (%(detail)s)"),
    gettext_noop("is not a readable iCalendar file (%(detail)s)"),
    gettext_noop("could not be read (%(detail)s)"),
    gettext_noop("cannot be read (%(detail)s)"),
    gettext_noop("is not a saved column mapping (saved: %(names)s)"),
    gettext_noop("is not in a format Kundenwert can import; supported are: %(formats)s"),
    gettext_noop("unknown field(s) %(fields)s in the mapping; known: %(known)s"),
    # Warnings.
    gettext_noop(
        "invoice %(number)s corrects invoice %(corrected)s; if that one is imported too, "
        "check that its amount is not counted twice"
    ),
    gettext_noop("only its last %(count)s occurrences were imported"),
    gettext_noop("no net amount column; the amounts of column '%(column)s' are taken as net"),
    gettext_noop("no opening balance (:60F:) names the currency; read as %(currency)s"),
    gettext_noop("'%(value)s' is not an e-mail address"),
    gettext_noop("birthday '%(value)s' has no year; not stored"),
    gettext_noop("'%(value)s' is not a birthday date; not stored"),
    gettext_noop("%(count)s outgoing booking(s) left out (only money received counts)"),
    gettext_noop("%(count)s payment(s) match no open invoice; assign them by hand"),
    gettext_noop("column %(position)s has no name; its values are ignored"),
    gettext_noop("unknown column '%(title)s' is ignored"),
    # Why a row was skipped.
    gettext_noop("invoice %(number)s is a draft"),
    gettext_noop("invoice %(number)s is cancelled"),
    gettext_noop("invoice %(number)s is deleted"),
    gettext_noop("no readable start and end (%(detail)s)"),
    gettext_noop("its recurrence rule cannot be read (%(detail)s)"),
    gettext_noop("no occurrence up to today within the last %(count)s years"),
    gettext_noop("no readable date (%(detail)s)"),
    gettext_noop("automatic mail (%(header)s)"),
    gettext_noop("bulk mail (%(header)s)"),
    gettext_noop("automatic sender (%(address)s)"),
    gettext_noop("not booked yet (status %(status)s)"),
    gettext_noop(
        "'%(name)s' fits several customers by %(rule)s: %(numbers)s; name it in a customer map"
    ),
    gettext_noop(
        "no customer matches '%(name)s' (add it to a customer map, or create the customer first)"
    ),
)


def _shape(msgid: str) -> re.Pattern[str]:
    """The English texts `msgid` stands for: its placeholders as named groups."""
    parts = re.split(r"%\((\w+)\)s", msgid)  # text, name, text, name, …, text
    groups = (re.escape(part) if i % 2 == 0 else f"(?P<{part}>.*?)" for i, part in enumerate(parts))
    return re.compile("".join(groups), re.DOTALL)


PATTERNS = [(_shape(msgid), msgid) for msgid in SHAPED]

# The matching rules a message may name (kundenwert.importers.matching), translated in it.
RULES = frozenset(
    {
        gettext_noop("map"),
        gettext_noop("id"),
        gettext_noop("name"),
        gettext_noop("normalised name"),
        gettext_noop("e-mail"),
        gettext_noop("domain"),
    }
)

# Where in a file, as the importers write it: "line 3", "card 2", "event 4", "message 1".
PLACES = {
    "line": gettext_noop("line %(number)s"),
    "card": gettext_noop("card %(number)s"),
    "event": gettext_noop("event %(number)s"),
    "message": gettext_noop("message %(number)s"),
}
PLACE = re.compile(r"(?P<kind>line|card|event|message) (?P<number>\d+)")


def message(text: str) -> str:
    """An importer's message in the active language, or as it is when it is not known."""
    if text in MESSAGES:
        return _(text)
    for pattern, msgid in PATTERNS:
        if found := pattern.fullmatch(text):
            parts = {k: _(v) if v in RULES else v for k, v in found.groupdict().items()}
            return _(msgid) % parts
    return text


def place(location: str) -> str:
    """A skipped row's location ("line 3", "line 13, card 3") in the active language."""
    return ", ".join(map(_one_place, location.split(", ")))


def _one_place(location: str) -> str:
    found = PLACE.fullmatch(location)
    if found is None:
        return location  # an XML element's path, say: the same in every language
    return _(PLACES[found["kind"]]) % {"number": found["number"]}


def as_dict(problem: RowError | Skipped) -> dict:
    return dataclasses.asdict(problem)


def problem(error: RowError) -> str:
    """A RowError as one line in the active language."""
    return error_line(as_dict(error))


def error_line(error: dict | str) -> str:
    """A RowError kept by `as_dict`, as one line in the active language."""
    if isinstance(error, str):
        return error
    where = [error["file"]]
    if error.get("line") is not None:
        where.append(_("line %(number)s") % {"number": error["line"]})
    if error.get("element") is not None:
        where.append(_("element %(name)s") % {"name": error["element"]})
    if error.get("column") is not None:
        where.append(_("column %(name)s") % {"name": error["column"]})
    what = message(error["message"])
    if error.get("value") is not None:
        what = f"'{error['value']}' {what}"
    return f"{', '.join(where)}: {what}"


def warning_line(warning: str) -> str:
    """A warning ("file, card 2: what") in the active language, as far as it is known."""
    where, colon, what = warning.partition(": ")
    if not colon:
        return message(warning)
    file, *places = where.split(", ")
    return ", ".join([file, *map(_one_place, places)]) + ": " + message(what)


def skipped_line(skipped: dict | str) -> str:
    """A Skipped kept by `as_dict`, as one line in the active language."""
    if isinstance(skipped, str):
        return skipped
    return f"{skipped['file']}, {place(skipped['location'])}: {message(skipped['reason'])}"
