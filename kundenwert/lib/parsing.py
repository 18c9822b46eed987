"""Parsers for the value types of the portfolio folder (shared/docs/data-format.md), one value
at a time.

The folder reader validates whole columns at once with polars expressions built from the same
patterns and word lists defined here, and uses these functions only to explain a value it has
already found to be wrong. Forms and other single-value inputs can use them directly.

Every parser takes text that is already stripped of surrounding whitespace (see `strip`) and
raises `ValueError` whose message is written to follow the quoted value, e.g.
"'1,5' is not a decimal: use a dot as decimal separator (1.5)".
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta, timezone
from decimal import Decimal
from zoneinfo import ZoneInfo

# Only these count as surrounding whitespace, so that the vectorised reader (polars
# `strip_chars(WHITESPACE)`) and these parsers agree on every input.
WHITESPACE = " \t\r\n"

# `[0-9]` rather than `\d`: both Python and polars (Rust) treat `\d` as any Unicode digit,
# which would let '２０２６' through the shape check.
DATE_PATTERN = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"
DATETIME_PATTERN = (
    r"^(?P<date>[0-9]{4}-[0-9]{2}-[0-9]{2})[T ]"
    r"(?P<hour>[0-9]{2}):(?P<minute>[0-9]{2})"
    r"(?::(?P<second>[0-9]{2})(?:\.[0-9]{1,9})?)?"
    r"(?P<offset>Z|[+-][0-9]{2}(?::?[0-9]{2})?)?$"
)
INT_PATTERN = r"^-?[0-9]{1,18}$"
CURRENCY_PATTERN = r"^[A-Za-z]{3}$"
DECIMAL_PLACES = 2

TRUE_WORDS = ("true", "yes", "ja", "1")
FALSE_WORDS = ("false", "no", "nein", "0")
BOOL_WORDS = {**dict.fromkeys(TRUE_WORDS, True), **dict.fromkeys(FALSE_WORDS, False)}

DATE_MESSAGE = "is not a date (YYYY-MM-DD)"
DATETIME_MESSAGE = (
    "is not a date and time (YYYY-MM-DDTHH:MM or YYYY-MM-DDTHH:MM:SS, "
    "optionally with an offset like +01:00 or Z)"
)
BOOL_MESSAGE = "is not a yes/no value (true/false, yes/no, ja/nein or 1/0)"
INT_MESSAGE = "is not a whole number"
CURRENCY_MESSAGE = "is not a currency code (three letters like EUR)"

_DATE_RE = re.compile(DATE_PATTERN)
_DATETIME_RE = re.compile(DATETIME_PATTERN)
_INT_RE = re.compile(INT_PATTERN)
_CURRENCY_RE = re.compile(CURRENCY_PATTERN)


def decimal_pattern(integer_digits: int) -> str:
    """A plain decimal: optional minus, digits, optionally a dot and one or two decimals."""
    return rf"^-?[0-9]{{1,{integer_digits}}}(?:\.[0-9]{{1,{DECIMAL_PLACES}}})?$"


def strip(text: str) -> str:
    return text.strip(WHITESPACE)


def parse_date(text: str) -> date:
    if not _DATE_RE.fullmatch(text):
        raise ValueError(DATE_MESSAGE)
    year, month, day = (int(part) for part in text.split("-"))
    try:
        return date(year, month, day)
    except ValueError:
        raise ValueError(DATE_MESSAGE) from None


def parse_datetime(text: str, zone: ZoneInfo) -> datetime:
    """A naive wall-clock datetime in `zone`, whole seconds.

    A value with an offset (`+01:00`, `+0100`, `+01`, `Z`) is converted to the wall-clock
    time in `zone`; a value without one already is wall-clock time there. Fractions of a
    second are dropped, not rounded, so a value never moves to another minute or day.
    """
    match = _DATETIME_RE.fullmatch(text)
    if not match:
        raise ValueError(DATETIME_MESSAGE)
    try:
        day = parse_date(match["date"])
        local = datetime(
            day.year,
            day.month,
            day.day,
            int(match["hour"]),
            int(match["minute"]),
            int(match["second"] or 0),
        )
        offset = match["offset"]
        if offset is None:
            return local
        aware = local.replace(tzinfo=timezone(_offset(offset)))
        return aware.astimezone(zone).replace(tzinfo=None)
    except (ValueError, OverflowError):
        raise ValueError(DATETIME_MESSAGE) from None


def _offset(text: str) -> timedelta:
    if text == "Z":
        return timedelta(0)
    digits = text[1:].replace(":", "")
    hours, minutes = int(digits[:2]), int(digits[2:] or 0)
    if hours > 23 or minutes > 59:
        raise ValueError(DATETIME_MESSAGE)
    sign = -1 if text[0] == "-" else 1
    return sign * timedelta(hours=hours, minutes=minutes)


def parse_decimal(text: str, integer_digits: int = 16) -> Decimal:
    """A decimal with a dot, no thousands separator, at most two decimals.

    The message says what to change, because the usual mistake is a German spreadsheet's
    `1.234,56`.
    """
    if re.fullmatch(decimal_pattern(integer_digits), text):
        return Decimal(text)
    raise ValueError(_decimal_problem(text, integer_digits))


def _decimal_problem(text: str, integer_digits: int) -> str:
    number = text.removeprefix("-")
    if re.fullmatch(r"[0-9]+(?:\.[0-9]+)?", number):
        if len(number.partition(".")[2]) > DECIMAL_PLACES:
            return (
                f"has more than {DECIMAL_PLACES} decimals (the dot is the decimal separator; "
                "use no thousands separator)"
            )
        return f"is too large (at most {integer_digits} digits before the decimal point)"
    if re.fullmatch(r"[0-9.,]*[0-9][0-9.,]*", number):
        if "," in number and "." in number:
            return "is not a decimal: use no thousands separator and a dot as decimal separator"
        if "," in number:
            return "is not a decimal: use a dot as decimal separator (1.5, not 1,5)"
        if number.count(".") > 1:
            return "is not a decimal: use no thousands separator (1234.56)"
    if re.fullmatch(r"[0-9.]*[0-9][eE][+-]?[0-9]+", number):
        return "is not a decimal: write the number without an exponent (1000, not 1e3)"
    return "is not a decimal number (like 1234.56)"


def parse_int(text: str) -> int:
    if not _INT_RE.fullmatch(text):
        raise ValueError(INT_MESSAGE)
    return int(text)


def parse_bool(text: str) -> bool:
    try:
        return BOOL_WORDS[text.lower()]
    except KeyError:
        raise ValueError(BOOL_MESSAGE) from None


def parse_choice(text: str, choices: tuple[str, ...]) -> str:
    """One of `choices`, matched ignoring case and returned in its canonical spelling."""
    by_lower = {choice.lower(): choice for choice in choices}
    try:
        return by_lower[text.lower()]
    except KeyError:
        raise ValueError(f"is not one of {', '.join(choices)}") from None


def parse_currency(text: str) -> str:
    """An ISO 4217 shaped code: three letters, returned upper-case."""
    if not _CURRENCY_RE.fullmatch(text):
        raise ValueError(CURRENCY_MESSAGE)
    return text.upper()
