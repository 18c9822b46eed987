"""Any Table as CSV, in two dialects.

* `render_csv`, for programs: UTF-8 without a byte order mark, comma, header of stable
  column keys, decimal point without thousands separators, ISO dates (2026-11-23) and
  local date-times (2026-11-23T09:30:00), true/false, codes rather than labels. Where the
  columns match the portfolio folder (invoices, interactions), the folder reader reads it.
* `render_csv_de`, for German spreadsheets: semicolon, header of the labels, decimal comma
  without thousands separators (Excel reads 1234,56 as a number; 1.234,56 it may not),
  dates dd.mm.yyyy and dd.mm.yyyy hh:mm, ja/nein, labels rather than codes; a text that
  a spreadsheet would run as a formula (=, +, -, @ first) gets a leading apostrophe. UTF-8 with a
  byte order mark by default (without one, Excel takes the file for Windows-1252 and
  garbles every umlaut), or Windows-1252 on request for older programs.

Windows-1252 cannot hold every character (emoji, Polish ł, Czech č, the minus sign −).
Rather than fail a whole export for one emoji in a note, such a character is replaced: by
its base letter where it has one (č → c), by a plain equivalent for a few typographic signs
(− → -), else by "?". Every replacement is reported with row, column and character, so the
CLI can warn and name them; the web download says in its link that characters may be
replaced.

Both dialects end lines with CRLF, as RFC 4180 and Excel do, and quote only where needed.
"""

from __future__ import annotations

import csv
import io
import math
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal

from django.utils import timezone

from kundenwert.reports import table as t

ENCODINGS = ("utf-8", "cp1252")
CONTENT_TYPE = "text/csv; charset={charset}"
# Signs without a base letter that have a plain equivalent: minus, less or greater than or
# equal, the thin and the narrow no-break space.
PLAIN_SIGNS = {"\u2212": "-", "\u2264": "<=", "\u2265": ">=", "\u2009": " ", "\u202f": " "}


@dataclass(frozen=True)
class Replacement:
    row: int  # the line in the file: the header is line 1
    column: str
    character: str


@dataclass
class Encoded:
    content: bytes
    encoding: str
    replacements: list[Replacement] = field(default_factory=list)


def render_csv(table: t.Table) -> Encoded:
    writer, out = _writer(",")
    writer.writerow(column.key for column in table.columns)
    for row in table.rows:
        writer.writerow(_cells(table, row, _plain))
    return Encoded(out.getvalue().encode("utf-8"), "utf-8")


def render_csv_de(table: t.Table, encoding: str = "utf-8") -> Encoded:
    if encoding not in ENCODINGS:
        raise ValueError(f"unknown encoding {encoding!r}: use one of {', '.join(ENCODINGS)}")
    writer, out = _writer(";")
    fit = _Cp1252Fit() if encoding == "cp1252" else None
    labels = [column.label for column in table.columns]
    lines = enumerate(table.rows, start=2)
    writer.writerow(fit.row(labels, 1, labels) if fit else labels)
    for line, row in lines:
        cells = _cells(table, row, _german)
        writer.writerow(fit.row(cells, line, labels) if fit else cells)
    if fit:
        return Encoded(out.getvalue().encode("cp1252"), "cp1252", fit.replacements)
    return Encoded(("\ufeff" + out.getvalue()).encode("utf-8"), "utf-8")


def _cells(table: t.Table, row, write: Callable[[t.Column, object], str]) -> list[str]:
    return [write(column, value) for column, value in zip(table.columns, row, strict=True)]


def _writer(delimiter: str):
    out = io.StringIO(newline="")
    return csv.writer(out, delimiter=delimiter, lineterminator="\r\n"), out


def _plain(column: t.Column, value: object) -> str:
    if value is None or _not_finite(value):
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if column.kind == t.CODES:
        return " ".join(value)  # type: ignore[arg-type]
    if column.kind == t.LINES:
        return " | ".join(value)  # type: ignore[arg-type]
    if isinstance(value, datetime):
        return _local(value).isoformat(timespec="seconds")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal | float):
        return _decimal_text(column, value)
    return str(value)


def _german(column: t.Column, value: object) -> str:
    if value is None or _not_finite(value):
        return ""
    if isinstance(value, bool):
        return "ja" if value else "nein"
    if column.kind == t.CODES:
        return ", ".join(column.shown(code) for code in value)  # type: ignore[attr-defined]
    if column.kind == t.LINES:
        return " | ".join(value)  # type: ignore[arg-type]
    if isinstance(value, datetime):
        return f"{_local(value):%d.%m.%Y %H:%M}"
    if isinstance(value, date):
        return f"{value:%d.%m.%Y}"
    if isinstance(value, Decimal | float):
        return _decimal_text(column, value).replace(".", ",")
    if column.choices:
        return column.shown(str(value))
    return _inert(str(value))


# A spreadsheet takes a cell starting with one of these for a formula (OWASP's "CSV
# injection"): a note "=HYPERLINK(...)" would become a live link in the owner's workbook.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _inert(text: str) -> str:
    """Free text for a spreadsheet: a leading apostrophe keeps a formula-like text as text,
    as Excel itself does when one types it so."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def _decimal_text(column: t.Column, value: Decimal | float) -> str:
    """Exact amounts as they are (money with two places), floats rounded to the column's
    decimals (a percent column's ratio keeps two more: 12.3 % is 0.123), trailing zeros
    dropped, never in scientific notation."""
    if isinstance(value, Decimal):
        places = 2 if column.kind == t.MONEY else None
        number = value.quantize(Decimal("0.01"), ROUND_HALF_UP) if places else value
        return format(number, "f")
    decimals = column.decimals + (2 if column.kind == t.PERCENT else 0)
    # Half up, as kundenwert.lib.formatting rounds for the pages: 12.25 is 12.3.
    unit = Decimal(1).scaleb(-decimals)
    text = format(Decimal(repr(value)).quantize(unit, ROUND_HALF_UP), "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def _not_finite(value: object) -> bool:
    return isinstance(value, float) and not math.isfinite(value)


def _local(moment: datetime) -> datetime:
    return timezone.localtime(moment).replace(tzinfo=None) if moment.tzinfo else moment


class _Cp1252Fit:
    """Makes text fit Windows-1252, noting each character it had to replace."""

    def __init__(self) -> None:
        self.replacements: list[Replacement] = []

    def row(self, cells: list[str], line: int, labels: list[str]) -> list[str]:
        return [self.text(cell, line, label) for cell, label in zip(cells, labels, strict=True)]

    def text(self, value: str, row: int, column: str) -> str:
        try:
            value.encode("cp1252")
            return value
        except UnicodeEncodeError:
            return "".join(self._char(c, lambda c: self._note(row, column, c)) for c in value)

    def _note(self, row: int, column: str, character: str) -> None:
        self.replacements.append(Replacement(row, column, character))

    @staticmethod
    def _char(character: str, note: Callable[[str], None]) -> str:
        try:
            character.encode("cp1252")
            return character
        except UnicodeEncodeError:
            note(character)
        if character in PLAIN_SIGNS:
            return PLAIN_SIGNS[character]
        decomposed = unicodedata.normalize("NFKD", character)
        base = "".join(c for c in decomposed if not unicodedata.combining(c))
        try:
            base.encode("cp1252")
        except UnicodeEncodeError:
            return "?"
        return base or "?"
