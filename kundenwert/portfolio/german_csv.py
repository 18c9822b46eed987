"""German spreadsheet CSV as a portfolio folder file: the German CSV of the list exports
(`csv-de`, kundenwert/reports/delimited.py) and a folder file that German Excel saved.

Such a file has semicolons, decimal commas, dates `DD.MM.YYYY`, datetimes
`DD.MM.YYYY HH:MM` and maybe Windows-1252; the exports also have German or English labels
as headers and for codes (channel, direction, complaint), and an apostrophe before a text
that a spreadsheet would run as a formula (`'-1`). `folder_dialect` rewrites it into the
folder's own dialect in a temporary file, which the reader then reads as ever:

* Whether to is decided from the first line alone, so a file in the folder's dialect is
  read where it is, at no cost: a header with more fields split by ";" than by ",", or one
  that is not UTF-8 (then the file is read as Windows-1252).
* Headers: the exporters' labels (`HEADERS`) become the folder's names; others stay.
* Values are converted by the folder schema's kind of their column, and only where they
  have the German form; anything else stays as written, so the reader names a wrong value
  with its file, line, column and value as always. One row is written for each row read,
  with its line breaks, so line numbers stay those of the original file.

The labels are copied here because the exporters need Django and the reader must not;
tests/portfolio/test_german_csv.py checks them against the exporters.
"""

from __future__ import annotations

import csv
import io
import os
import re
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path

from kundenwert.lib.parsing import strip
from kundenwert.portfolio.schema import Column, Table

BOM = b"\xef\xbb\xbf"
FALLBACK_ENCODING = "cp1252"

# The list exports' headers (kundenwert/reports/lists.py): {file: {folder column: labels}},
# German and English; matched ignoring case and surrounding whitespace.
HEADERS: dict[str, dict[str, tuple[str, ...]]] = {
    "invoices": {
        "number": ("Rechnungsnummer", "Invoice Number"),
        "customer_id": ("Kundennummer", "Customer number"),
        "issue_date": ("Rechnungsdatum", "Invoice Date"),
        "due_date": ("Fälligkeit", "Due Date"),
        "net": ("Nettobetrag", "Net Amount"),
        "currency": ("Währung", "Currency"),
        "paid_date": ("Bezahlt am", "Paid Date"),
    },
    "interactions": {
        "customer_id": ("Kundennummer", "Customer number"),
        "at": ("Wann", "When"),
        "channel": ("Kanal", "Channel"),
        "direction": ("Richtung", "Direction"),
        "planned": ("Geplant", "Planned"),
        "minutes": ("Minuten", "Minutes"),
        "tracked": ("Bereits in der Zeiterfassung", "Already in time tracking"),
        "out_of_scope": ("Sonderwunsch", "Out-of-scope request"),
        "price_negotiation": ("Preisverhandlung", "Price negotiation"),
        "complaint": ("Beschwerde", "Complaint"),
        "mood": ("Stimmung", "Mood"),
        "user": ("Erfasst von", "Logged by"),
        "note": ("Notiz", "Note"),
    },
}

# The labels the exports write for codes: {file: {column: {code: labels}}}.
CHOICES: dict[str, dict[str, dict[str, tuple[str, ...]]]] = {
    "interactions": {
        "channel": {
            "phone": ("Telefon", "Phone"),
            "email": ("E-Mail", "E-mail"),
            "meeting": ("Besprechung", "Meeting"),
            "visit": ("Besuch", "Visit"),
            "chat": ("Chat",),
            "letter": ("Brief", "Letter"),
        },
        "direction": {"in": ("eingehend", "Inbound"), "out": ("ausgehend", "Outbound")},
        "complaint": {
            "none": ("keine", "None"),
            "justified": ("berechtigt", "Justified"),
            "unjustified": ("unberechtigt", "Unjustified"),
        },
    },
}

# What German Excel writes for a boolean cell.
EXCEL_BOOLS = {"wahr": "true", "falsch": "false"}
# The exports' apostrophe before a text a spreadsheet would take for a formula
# (kundenwert.reports.delimited.FORMULA_STARTS), as Excel drops it when saving.
FORMULA_ESCAPE = re.compile(r"'(?=[=+\-@\t\r])")

_DATE = re.compile(r"([0-9]{1,2})\.([0-9]{1,2})\.([0-9]{4})")
_DATETIME = re.compile(
    r"([0-9]{1,2})\.([0-9]{1,2})\.([0-9]{4})[ T]([0-9]{1,2}):([0-9]{2})(?::([0-9]{2}))?"
)
# 1234,56 or 1.234,56 (a German spreadsheet's thousands separator); at most two decimals,
# as the folder has, so that the reader names 12,345 as written
_DECIMAL = re.compile(r"([+-]?)([0-9]+|[0-9]{1,3}(?:\.[0-9]{3})+)(?:,([0-9]{1,2}))?")


@contextmanager
def folder_dialect(path: Path, table: Table) -> Iterator[Path]:
    """`path` itself when it is in the folder's dialect (or cannot be converted), else a
    temporary copy in that dialect, which is removed afterwards."""
    dialect = _detect(path)
    if dialect is None:
        yield path
        return
    converted = _convert(path, table, *dialect)
    if converted is None:
        yield path
        return
    try:
        yield converted
    finally:
        converted.unlink(missing_ok=True)


def folder_name(table: Table, header: str) -> str:
    """The folder's name of a column headed `header`, or `header` when it has none."""
    wanted = strip(header).lower()
    for name, labels in HEADERS.get(table.name, {}).items():
        if wanted in (label.lower() for label in labels):
            return name
    return header


def _detect(path: Path) -> tuple[str, str] | None:
    """(delimiter, encoding) of a file to convert, or None for one to read as it is."""
    try:
        with path.open("rb") as file:
            first = file.readline()
    except OSError:
        return None
    try:
        header = first.removeprefix(BOM).decode("utf-8")
        encoding = "utf-8-sig"
    except UnicodeDecodeError:
        header = first.decode(FALLBACK_ENCODING, errors="replace")
        encoding = FALLBACK_ENCODING
    semicolon = _fields(header, ";") > _fields(header, ",")
    if not semicolon and encoding != FALLBACK_ENCODING:
        return None
    return (";" if semicolon else ","), encoding


def _fields(line: str, delimiter: str) -> int:
    try:
        return len(next(csv.reader([line.rstrip("\r\n")], delimiter=delimiter), []))
    except csv.Error:
        return 0


def _convert(path: Path, table: Table, delimiter: str, encoding: str) -> Path | None:
    """The file in the folder's dialect in a temporary file; None if it cannot be read."""
    for attempt in dict.fromkeys((encoding, FALLBACK_ENCODING)):  # UTF-8 in the header only
        handle, name = tempfile.mkstemp(prefix=f"kundenwert-{table.name}-", suffix=".csv")
        target = Path(name)
        try:
            with (
                os.fdopen(handle, "w", encoding="utf-8", newline="") as out,
                path.open(encoding=attempt, newline="") as source,
            ):
                _rewrite(source, out, table, delimiter)
            return target
        except (OSError, UnicodeDecodeError, csv.Error):
            target.unlink(missing_ok=True)
    return None


def _rewrite(source: io.TextIOBase, out: io.TextIOBase, table: Table, delimiter: str) -> None:
    reader = csv.reader(source, delimiter=delimiter)
    writer = csv.writer(out, lineterminator="\n")
    header = next(reader, None)
    if header is None:
        return
    names = [folder_name(table, title) for title in header]
    writer.writerow(names)
    columns = [_column(table, name) for name in names]
    choices = [_choice_codes(table, column) if column is not None else {} for column in columns]
    for row in reader:
        writer.writerow(
            _value(value, columns[i], choices[i]) if i < len(columns) else value
            for i, value in enumerate(row)
        )


def _column(table: Table, name: str) -> Column | None:
    wanted = strip(name).lower()
    return next((c for c in table.columns if c.name == wanted), None)


def _choice_codes(table: Table, column: Column) -> dict[str, str]:
    labels = CHOICES.get(table.name, {}).get(column.name, {})
    return {label.lower(): code for code, names in labels.items() for label in names}


def _value(text: str, column: Column | None, choices: dict[str, str]) -> str:
    """One field in the folder's form where it has the German one; else as written."""
    text = FORMULA_ESCAPE.sub("", text, count=1) if text.startswith("'") else text
    if column is None:
        return text
    value = strip(text)
    match column.kind:
        case "date":
            return _date(value) or text
        case "datetime":
            return _datetime(value) or text
        case "money" | "minutes":
            return _decimal(value) or text
        case "bool":
            return EXCEL_BOOLS.get(value.lower(), text)
        case "enum":
            return choices.get(value.lower(), text)
    return text


def _date(text: str) -> str | None:
    found = _DATE.fullmatch(text)
    if not found:
        return None
    day, month, year = (int(part) for part in found.groups())
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None  # 30.02.2026: the reader says what is wrong with it


def _datetime(text: str) -> str | None:
    found = _DATETIME.fullmatch(text)
    if not found:
        return None
    day, month, year, hour, minute = (int(part) for part in found.groups()[:5])
    second = int(found.group(6) or 0)
    try:
        day_text = date(year, month, day).isoformat()
    except ValueError:
        return None
    if hour > 23 or minute > 59 or second > 59:
        return None
    return f"{day_text}T{hour:02d}:{minute:02d}:{second:02d}"


def _decimal(text: str) -> str | None:
    found = _DECIMAL.fullmatch(text)
    if not found or "," not in text:
        return None  # 12 needs nothing; 1.234 may be 1234 or 1.234: the reader asks
    sign, whole, fraction = found.groups()
    number = sign + whole.replace(".", "")
    return f"{number}.{fraction}" if fraction else number
