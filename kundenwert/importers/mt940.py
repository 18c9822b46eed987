"""MT940 bank statements (SWIFT, and the German banks' variant with a structured :86:).

Read with the `mt-940` package, all its opt-in fixes switched on (`Options.all()`: the
?31 IBAN is not glued to the payer's name, a reversal of a credit is negative, a BOM is
dropped). Every :61: booking becomes one PaymentRecord:
- booked_on: the entry date of :61: (the booking day), else its value date;
- amount: signed by the debit/credit mark (C and RD positive, D and RC negative); currency
  from the statement's opening balance (:60F:/:60M:);
- payer: the counterparty's name (?32 and ?33 of a structured :86:);
- reference: the purpose, i.e. the SEPA "SVWZ+" text of the German ?20-?29 fields, else the
  whole unstructured :86: text;
- end_to_end_id: the SEPA "EREF+" value (never "NOTPROVIDED");
- bank_reference: the bank's reference after "//" in :61:.

Lines in :86: are wrapped at fixed widths, so they are joined without a space (the
package does this). A space that ends such a line is part of the text, though: the bank
wrapped right after it ("?32AGENTUR BRANDT " and "57 AG" on the next line). The package
strips every line's end, which made "AGENTUR BRANDT57 AG" of the payer and "RechnungRE-1"
of the purpose, so such spaces reach it as a stand-in character and come back as spaces.
Not in a file whose tag lines (:25:, :61: …, which never end in text) end in a space, as
a Polish bank's sample does: there a line's last space is how it writes lines, not text.
The record's location is the line of its :61: tag.

A statement that opens with a balance but never closes with one (:62F:, mandatory in
MT940) is an error: that is how a file cut off in its bookings looks.

A statement without an opening balance names no currency (the Sparkasse example is a bare
:61:/:86: pair); its bookings are read as EUR, with a warning.
"""

from __future__ import annotations

import hashlib
import io
import re
from collections.abc import Iterable
from datetime import date
from decimal import Decimal, InvalidOperation
from pathlib import Path

import mt940

from kundenwert.importers.records import ParsedFile, PaymentRecord
from kundenwert.portfolio.errors import RowError, shorten

NAME = "mt940"
LABEL = "MT940 bank statement"

ASSUMED_CURRENCY = "EUR"
# The statement's reference :20: and its bookings :61:, each at the start of a line (after a
# SWIFT header block "{1:…}{4:" when the bank sends one).
_STATEMENT_TAG = re.compile(r"(?m)^[ \t]*(?:\{4:)?:(?:20|61):")
_BOOKING = re.compile(r"(?m)^:61:")
_BALANCE = re.compile(r"(?m)^:6([02])[FM]:")  # opening :60F:/:60M:, closing :62F:/:62M:
_NOT_PROVIDED = "NOTPROVIDED"
# Spaces at the end of a line that the field goes on after (not a new tag, not the end "-").
_LINE_END_SPACES = re.compile(r" +(?=\n(?!:\d{2}[A-Z]?:|-))")
# A tag's own line ending in a space: the bank pads its lines.
_PADDED_TAG_LINE = re.compile(r"(?m)^:(?!86:)\d{2}[A-Z]?:.* $")
_KEPT_SPACE = "\u2420"  # SYMBOL FOR SPACE: not whitespace, so the package keeps it
_CENT = Decimal("0.01")
_TOO_LARGE = Decimal("1e12")  # the database keeps 12 digits before the decimal point


def sniff(name: str, head: bytes) -> bool:
    return bool(_STATEMENT_TAG.search(head.decode("latin-1")))


def parse(path: Path, *, time_zone: str) -> ParsedFile:
    data = path.read_bytes()
    parsed = ParsedFile(path.name, NAME, hashlib.sha256(data).hexdigest())
    text = _decode(data)
    if not _STATEMENT_TAG.search(text):
        parsed.errors.append(
            RowError(path.name, None, None, None, "is not an MT940 statement (no :20: or :61: tag)")
        )
        return parsed
    try:
        transactions = mt940.parse(
            io.StringIO(_line_end_spaces_kept(text)), options=mt940.Options.all()
        )
    except (RuntimeError, ValueError, ArithmeticError, KeyError, IndexError) as problem:
        # The package stops at the first tag it cannot read and names it in its exception.
        parsed.errors.append(_error_from(problem, text, path.name))
        return parsed
    # The package keeps no line numbers; its bookings are the :61: tags in file order.
    lines = _lines_of(_BOOKING.finditer(text), text)
    if len(lines) != len(transactions):
        lines = []
    assumed = False
    for number, transaction in enumerate(transactions):
        line = lines[number] if lines else None
        location = f"line {line}" if line else f"booking {number + 1}"
        try:
            record, currency_missing = _record(transaction.data, location)
        except _Invalid as problem:
            message = problem.message if line else f"({location}) {problem.message}"
            parsed.errors.append(RowError(path.name, line, problem.field, problem.value, message))
            continue
        assumed = assumed or currency_missing
        parsed.payments.append(record)
    unclosed = _unclosed_statement(text)
    if unclosed is not None:
        # MT940 requires a closing balance and has no other end marker: a statement without
        # one is how a file cut off in its bookings looks, and half a statement must not be
        # imported as if it were whole.
        parsed.errors.append(
            RowError(
                path.name,
                unclosed,
                ":60F:",
                None,
                "the statement that opens here has no closing balance (:62F:, which MT940 "
                "requires); the file looks cut off",
            )
        )
    if assumed:
        parsed.warnings.append(
            f"{path.name}: no opening balance (:60F:) names the currency; "
            f"read as {ASSUMED_CURRENCY}"
        )
    if not parsed.payments and not parsed.errors:
        parsed.warnings.append(f"{path.name}: the statement holds no bookings (:61:)")
    return parsed


def _decode(data: bytes) -> str:
    """UTF-8 if it is; German banks otherwise write ISO 8859-1 / Windows-1252."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _line_end_spaces_kept(text: str) -> str:
    """`text` with the spaces that end a line inside a field as `_KEPT_SPACE` (see above)."""
    if _PADDED_TAG_LINE.search(text):
        return text
    return _LINE_END_SPACES.sub(lambda spaces: _KEPT_SPACE * len(spaces[0]), text)


def _lines_of(matches: Iterable[re.Match[str]], text: str) -> list[int]:
    """The line of each match, counted on from the previous one: counting from the start
    of the text for each of 50,000 bookings took minutes."""
    lines, line, position = [], 1, 0
    for match in matches:
        line += text.count("\n", position, match.start())
        position = match.start()
        lines.append(line)
    return lines


def _unclosed_statement(text: str) -> int | None:
    """The line of an opening balance not followed by a closing one before the next opening
    or the end of the file; None when every statement that opens also closes."""
    opened_at = None
    for match in _BALANCE.finditer(text):
        if opened_at is not None and match.group(1) == "0":
            break
        opened_at = text.count("\n", 0, match.start()) + 1 if match.group(1) == "0" else None
    return opened_at


class _Invalid(ValueError):
    """A booking field the package read but the database cannot take."""

    def __init__(self, field: str, value: str | None, message: str) -> None:
        super().__init__(message)
        self.field, self.value, self.message = field, value, message


def _record(data: dict, location: str) -> tuple[PaymentRecord, bool]:
    amount = data.get("amount")
    if amount is None:
        raise _Invalid("amount", None, "the booking has no amount")
    try:
        value = Decimal(amount.amount).quantize(_CENT)
    except (InvalidOperation, TypeError):
        raise _Invalid("amount", str(amount.amount), "is not an amount") from None
    if abs(value) >= _TOO_LARGE:
        raise _Invalid("amount", str(value), "is too large for an amount")
    currency = (amount.currency or data.get("currency") or "").strip().upper()
    if currency and not re.fullmatch(r"[A-Z]{3}", currency):
        raise _Invalid("currency", currency, "is not a currency code (three letters like EUR)")
    record = PaymentRecord(
        location=location,
        booked_on=_booking_day(data),
        amount=value,
        currency=currency or ASSUMED_CURRENCY,
        payer=_clean(data.get("applicant_name")),
        reference=_clean(data.get("purpose")) or _clean(data.get("transaction_details")),
        end_to_end_id=_end_to_end(data.get("end_to_end_reference")),
        bank_reference=_clean(data.get("bank_reference")),
    )
    return record, not currency


def _booking_day(data: dict) -> date:
    for key in ("guessed_entry_date", "entry_date", "date"):
        day = data.get(key)
        if isinstance(day, date):
            return date(day.year, day.month, day.day)
    raise _Invalid("date", None, "the booking has no date")


def _end_to_end(value: str | None) -> str | None:
    text = _clean(value)
    return None if text is None or text.upper() == _NOT_PROVIDED else text


def _clean(value: object) -> str | None:
    """Whitespace collapsed; None for nothing. Banks pad names ("KARL        KAUFMANN")."""
    if value is None:
        return None
    text = " ".join(str(value).replace(_KEPT_SPACE, " ").split())
    return text[:500] or None


def _error_from(problem: Exception, text: str, file: str) -> RowError:
    """The package's exception as an error at the line of the tag it could not read."""
    tag, value = None, None
    if isinstance(problem, RuntimeError) and len(problem.args) >= 3:
        tag, value = getattr(problem.args[1], "id", None), str(problem.args[2])
    line = None
    if tag is not None and value is not None:
        found = text.find(f":{tag}:{value.splitlines()[0] if value else ''}")
        line = text.count("\n", 0, found) + 1 if found >= 0 else None
    column = f":{tag}:" if tag is not None else None
    message = "cannot be read as an MT940 field" if tag else f"cannot be read as MT940 ({problem})"
    return RowError(file, line, column, shorten(value), message)
