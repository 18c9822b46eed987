"""Reading CSV exports of other tools, and the values found in them.

Exports come from spreadsheets and web apps in every local flavour, so reading is lenient
where the meaning is clear and strict where it is not:

* Encoding: UTF-8 with or without a byte order mark; otherwise Windows-1252 (what Excel on
  a German Windows writes). A file with NUL bytes is not text, and neither is one that
  is valid in neither encoding.
* Delimiter: comma, semicolon or tab, whichever the header line holds most of (outside
  quotes). Excel's `sep=;` first line is honoured.
* Line numbers are physical lines, the header being line 1 (line 2 after a `sep=` line).
  A quoted value spanning lines moves the following rows down, and an error names the line
  its row starts on.
* Blank rows are skipped; a row shorter than the header has empty values at the end; a row
  with more non-empty fields than the header is an error.

The files are streamed, never held as text: a million-row export stays a file on disk.

The value parsers take stripped text and raise `ValueError` whose message follows the
quoted value, like those of `kundenwert.lib.parsing` (which they use for ISO forms).
"""

from __future__ import annotations

import codecs
import contextlib
import csv
import hashlib
import io
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from pathlib import Path
from typing import IO, Any, TypeVar

from kundenwert.importers import progress
from kundenwert.lib import parsing
from kundenwert.portfolio.errors import RowError, shorten

BOM = b"\xef\xbb\xbf"
DELIMITERS = (",", ";", "\t")
SNIFF_BYTES = 64 * 1024
# The csv module's field size limit (128 KiB) is left as it is: plenty for a real value,
# and a broken quote that swallows the rest of a file then fails early with a clear error.


class CsvProblem(Exception):
    """The file as a whole cannot be read (not text, not CSV); carries the one RowError."""

    def __init__(self, error: RowError) -> None:
        super().__init__(str(error))
        self.error = error


class FieldProblem(Exception):
    """One value of a row is wrong: raised by a row parser, collected as a RowError."""

    def __init__(self, column: str, value: object, message: str) -> None:
        super().__init__(message)
        self.column, self.value, self.message = column, value, message


class Skip(Exception):
    """A row that is fine but not for us (no client, no duration): skipped with a reason."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


# --- the file -------------------------------------------------------------------------


@dataclass
class CsvTable:
    file: str
    header: tuple[str, ...]
    delimiter: str
    encoding: str
    header_line: int
    ends_with_line_break: bool
    _reader: Any  # a csv reader: iterates lists of fields and counts lines in line_num
    _stream: IO[str]

    def rows(self) -> Iterator[tuple[int, list[str]]]:
        """(line, fields) of every non-blank row, fields padded to the header's width.

        Raises CsvProblem where the file stops being CSV (a broken quote, an overlong row),
        and for a last row that is short of fields in a file without a final line break:
        that is a file cut off in the middle of a row, not a row with empty values.
        """
        last = None
        try:
            for row in self._rows():
                if last is not None:
                    yield last[:2]
                last = row
        finally:
            self._stream.close()
        if last is not None:
            line, fields, given = last
            if given < len(self.header) and not self.ends_with_line_break:
                message = (
                    f"ends after {given} of the header's {len(self.header)} fields: "
                    "the file seems cut off"
                )
                raise CsvProblem(RowError(self.file, line, None, None, message))
            yield line, fields

    def _rows(self) -> Iterator[tuple[int, list[str], int]]:
        """(line, fields padded to the header's width, number of fields given)."""
        width = len(self.header)
        done = self._lines_read()
        try:
            for fields in self._reader:
                line, done = done + 1, self._lines_read()
                if not any(fields):
                    continue
                given = len(fields)
                if given > width:
                    if any(field.strip() for field in fields[width:]):
                        message = f"has {given} fields, but the header has {width}"
                        raise CsvProblem(RowError(self.file, line, None, None, message))
                    fields = fields[:width]
                elif given < width:
                    fields += [""] * (width - given)
                yield line, fields, given
        except csv.Error as error:
            message = f"is not valid CSV ({error}); check the quotes"
            raise CsvProblem(RowError(self.file, done + 1, None, None, message)) from None
        except UnicodeDecodeError:  # only possible where the encoding check was skipped
            raise CsvProblem(RowError(self.file, done + 1, None, None, "is not text")) from None

    def _lines_read(self) -> int:
        """Physical lines of the file read so far; the reader counts from the header."""
        return self.header_line - 1 + self._reader.line_num

    def index(self, *names: str) -> int | None:
        """The position of the first column named like any of `names` (see `header_key`)."""
        keys = [header_key(h) for h in self.header]
        for name in names:
            key = header_key(name)
            if key in keys:
                return keys.index(key)
        return None


def open_csv(path: Path, file: str | None = None) -> CsvTable:
    """Opens a CSV file for streaming; raises CsvProblem when it is empty or not text."""
    return open_csv_stream(path.open, file or path.name)


def csv_from_bytes(data: bytes, file: str) -> CsvTable:
    """The same for content already in memory."""
    return open_csv_stream(lambda mode: io.BytesIO(data), file)


def open_csv_stream(opener: Callable[[str], IO[bytes]], file: str) -> CsvTable:
    """The same for anything `opener("rb")` opens twice, e.g. a member of a ZIP archive:
    once to check the encoding over the whole content, once to read it."""
    try:
        with opener("rb") as stream:
            encoding, ends_with_line_break = _encoding(stream, file)
        text = io.TextIOWrapper(opener("rb"), encoding=encoding, newline="")
    except OSError as error:
        raise CsvProblem(RowError(file, None, None, None, f"cannot be read ({error})")) from None
    return _table(text, file, encoding, ends_with_line_break)


def read_head(path: Path, size: int = SNIFF_BYTES) -> bytes:
    """The first bytes of a file, b"" when it cannot be read (its parser will say why)."""
    try:
        with path.open("rb") as stream:
            return stream.read(size)
    except OSError:
        return b""


def header_of(head: bytes) -> tuple[str, ...]:
    """The header of a file from its first bytes, for sniffing; () when there is none."""
    if b"\x00" in head[:SNIFF_BYTES]:
        return ()
    head = head.removeprefix(BOM)
    try:
        text = head.decode("utf-8")
    except UnicodeDecodeError as error:
        # The cut at the end of `head` may split a character; anything else is not UTF-8.
        text = (
            head[: error.start].decode("utf-8")
            if error.start > len(head) - 4
            else head.decode("cp1252", errors="replace")
        )
    lines = text.splitlines()
    if lines and lines[0].lower().startswith("sep="):
        lines = lines[1:]
    if not lines:
        return ()
    delimiter = sniff_delimiter(lines[0])
    try:
        row = next(csv.reader([lines[0]], delimiter=delimiter), [])
    except csv.Error:
        return ()
    return tuple(cell.strip() for cell in row)


def header_key(name: str) -> str:
    """How header names are compared: case, surrounding space and a BOM do not count."""
    return " ".join(name.replace("\ufeff", "").split()).casefold()


def has_columns(header: Sequence[str], *names: str) -> bool:
    keys = {header_key(h) for h in header}
    return all(header_key(name) in keys for name in names)


def sniff_delimiter(line: str) -> str:
    outside = re.sub(r'"[^"]*"', "", line)
    counts = {d: outside.count(d) for d in DELIMITERS}
    best = max(DELIMITERS, key=lambda d: counts[d])  # ties go to the comma, listed first
    return best if counts[best] else ","


def _encoding(stream: IO[bytes], file: str) -> tuple[str, bool]:
    """utf-8-sig or cp1252, checked over the whole file in chunks, and whether the file
    ends with a line break; or CsvProblem."""
    first = stream.read(SNIFF_BYTES)
    if not first.removeprefix(BOM).strip(b" \t\r\n"):
        raise CsvProblem(RowError(file, None, None, None, "is empty; expected a header row"))
    if b"\x00" in first:
        raise CsvProblem(RowError(file, None, None, None, "is not a text file (CSV expected)"))
    for encoding in ("utf-8-sig", "cp1252"):
        stream.seek(0)
        last_byte = _decodes(stream, encoding)
        if last_byte is not None:
            return encoding, last_byte in b"\r\n"
    message = "is neither UTF-8 nor Windows-1252 text (CSV expected); save it as UTF-8 CSV"
    raise CsvProblem(RowError(file, None, None, None, message))


def _decodes(stream: IO[bytes], encoding: str) -> bytes | None:
    """The last byte of the stream if all of it decodes, else None."""
    decoder = codecs.getincrementaldecoder(encoding)()
    last = b""
    try:
        while chunk := stream.read(1 << 20):
            decoder.decode(chunk)
            last = chunk[-1:]
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return None
    return last


def _table(stream: IO[str], file: str, encoding: str, ends_with_line_break: bool) -> CsvTable:
    first = stream.readline()
    header_line = 1
    delimiter = sniff_delimiter(first)
    if first.lower().startswith("sep=") and len(first.strip()) == 5:
        delimiter, header_line = first.strip()[4], 2
        first = stream.readline()
    records = csv.reader(_chained(first, stream), delimiter=delimiter, strict=True)
    try:
        header = next(records, [])
    except csv.Error as error:
        stream.close()
        message = f"is not valid CSV ({error}); check the quotes"
        raise CsvProblem(RowError(file, header_line, None, None, message)) from None
    if not any(cell.strip() for cell in header):
        stream.close()
        message = "is empty; expected the header row"
        raise CsvProblem(RowError(file, header_line, None, None, message))
    cleaned = tuple(cell.replace("\ufeff", "").strip() for cell in header)
    return CsvTable(
        file, cleaned, delimiter, encoding, header_line, ends_with_line_break, records, stream
    )


def _chained(first: str, rest: Iterable[str]) -> Iterator[str]:
    yield first
    yield from rest


def file_sha256(path: Path) -> str:
    """The hash that names a file in the `source` of what is imported from it."""
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        while chunk := stream.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


# --- collecting rows into records -------------------------------------------------------

Record = TypeVar("Record")


# Enough for the first screen of errors and their count in a badly wrong file, without
# holding a million error objects for a file of the wrong format.
ERROR_LIMIT = 10_000


@dataclass
class Collected:
    errors: list[RowError]
    skipped: list[tuple[str, str]]


def peek(
    rows: Iterator[tuple[int, Sequence[object]]], count: int
) -> tuple[list[tuple[int, Sequence[object]]], Iterator[tuple[int, Sequence[object]]]]:
    """The first `count` rows, to look at before parsing (the date order), and the rows to
    parse after them. A CsvProblem among the first rows is raised when the parsing reaches
    it, like any other."""
    sample: list[tuple[int, Sequence[object]]] = []
    try:
        for row in rows:
            sample.append(row)
            if len(sample) == count:
                break
    except CsvProblem as problem:
        return sample, _raising(problem)
    return sample, rows


def _raising(problem: CsvProblem) -> Iterator[tuple[int, Sequence[object]]]:
    raise problem
    yield  # a generator, so that the problem comes when the rows are read


def collect_rows(
    file: str,
    rows: Iterable[tuple[int, Sequence[object]]],
    parse_row: Callable[[int, Sequence[object]], Record],
    into: list[Record],
) -> Collected:
    """Runs `parse_row` over every row: records go `into` the list, FieldProblems become
    RowErrors, Skips are listed with their line. A CsvProblem ends the file with its error,
    and so does reaching ERROR_LIMIT errors."""
    result = Collected([], [])
    count = 0
    try:
        for line, fields in rows:
            count += 1
            if count % progress.EVERY == 0:
                progress.rows_read(line)
            try:
                into.append(parse_row(line, fields))
            except FieldProblem as problem:
                value = None if problem.value is None else shorten(str(problem.value))
                result.errors.append(RowError(file, line, problem.column, value, problem.message))
                if len(result.errors) >= ERROR_LIMIT:
                    message = f"reading stopped after {ERROR_LIMIT} errors"
                    result.errors.append(RowError(file, None, None, None, message))
                    break
            except Skip as skip:
                result.skipped.append((f"line {line}", skip.reason))
    except CsvProblem as problem:
        result.errors.append(problem.error)
    return result


# --- values -----------------------------------------------------------------------------

DATE_ORDERS = ("ymd", "dmy", "mdy")
_DAY_FIRST_RE = re.compile(r"^([0-9]{1,2})([./-])([0-9]{1,2})\2([0-9]{4}|[0-9]{2})$")
_ISO_DATE_RE = re.compile(r"^([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})$")
_CLOCK_RE = re.compile(
    r"^([0-9]{1,2}):([0-9]{2})(?::([0-9]{2})(?:\.[0-9]+)?)?\s*([AaPp]\.?[Mm]\.?)?$"
)
_DURATION_RE = re.compile(r"^([0-9]{1,6}):([0-9]{1,2})(?::([0-9]{1,2})(?:\.[0-9]+)?)?$")
_UTC_SECONDS_RE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z$")
_NUMBER_RE = re.compile(r"^[+-]?[0-9][0-9.,' ]*$|^[+-]?[.,][0-9]+$")

DATE_MESSAGE = "is not a date (like 2026-11-23, 23.11.2026 or 11/23/2026)"
TIME_MESSAGE = "is not a time of day (like 14:30, 14:30:00 or 2:30 PM)"
DURATION_MESSAGE = "is not a duration (like 1:30:00, 01:30 or 1.5 hours)"
NUMBER_MESSAGE = "is not a number (like 1234.56 or 1.234,56)"


def parse_local_date(text: str, order: str = "ymd") -> date:
    """ISO dates always; `23.11.2026`, `23/11/2026`, `11/23/2026` (and two-digit years)
    in the given `order` of day and month ("dmy" or "mdy"; a dotted date is always dmy)."""
    if match := _ISO_DATE_RE.match(text):
        year, month, day = (int(part) for part in match.groups())
    elif match := _DAY_FIRST_RE.match(text):
        first, separator, second, year_text = match.groups()
        day, month = (int(first), int(second))
        if order == "mdy" and separator != ".":
            day, month = month, day
        year = int(year_text) + (2000 if len(year_text) == 2 else 0)
    else:
        raise ValueError(DATE_MESSAGE)
    try:
        return date(year, month, day)
    except ValueError:
        raise ValueError(DATE_MESSAGE) from None


def guess_date_order(values: Iterable[str], default: str) -> str:
    """dmy or mdy from the first date whose day is above 12; `default` if none says so."""
    for value in values:
        match = _DAY_FIRST_RE.match(value.strip())
        if not match:
            continue
        if match[2] == ".":
            return "dmy"
        if int(match[1]) > 12:
            return "dmy"
        if int(match[3]) > 12:
            return "mdy"
    return default


def parse_clock(text: str) -> time:
    """A time of day: 24-hour `14:30[:05]` or 12-hour `2:30[:05] PM`."""
    match = _CLOCK_RE.match(text)
    if not match:
        raise ValueError(TIME_MESSAGE)
    hour, minute, second = int(match[1]), int(match[2]), int(match[3] or 0)
    if meridiem := match[4]:
        if not 1 <= hour <= 12:
            raise ValueError(TIME_MESSAGE)
        hour = hour % 12 + (12 if meridiem[0] in "Pp" else 0)
    if hour > 23 or minute > 59 or second > 59:
        raise ValueError(TIME_MESSAGE)
    return time(hour, minute, second)


def parse_local_datetime(text: str, order: str, zone) -> datetime:
    """`2026-11-23T14:30:00Z` (converted to wall-clock time in `zone`), or a local date and
    time separated by a space or T (`2026-11-23 14:30`, `23.11.2026 14:30`)."""
    if _UTC_SECONDS_RE.match(text):
        # The form exports use most (solidtime's), without the general parser's regex
        # groups: a third of the time, the same value. An impossible date (02-30) falls
        # through to the general parser, which says what is wrong.
        with contextlib.suppress(ValueError):
            return datetime.fromisoformat(text).astimezone(zone).replace(tzinfo=None)
    try:
        return parsing.parse_datetime(text, zone)
    except ValueError:
        pass
    day_text, _, clock_text = text.replace("T", " ", 1).partition(" ")
    try:
        day = parse_local_date(day_text, order)
        clock = parse_clock(clock_text.strip()) if clock_text.strip() else time(0)
    except ValueError:
        raise ValueError("is not a date and time (like 2026-11-23 14:30)") from None
    return datetime.combine(day, clock)


def parse_number(text: str, *, money: bool = False) -> Decimal:
    """A number in German (`1.234,56`) or English (`1,234.56`) notation.

    With both separators, the last one is the decimal separator. With only one kind, it is
    the decimal separator, except that for `money` a single separator followed by exactly
    three digits is a thousands separator (`1.234` €, `1,234` $): money has two decimals.
    A trailing currency sign or code and spaces or apostrophes as grouping are allowed.
    """
    cleaned = re.sub(r"\s*(€|\$|£|EUR|USD|GBP|CHF)\s*$", "", text, flags=re.IGNORECASE)
    cleaned = re.sub(r"^(€|\$|£)\s*", "", cleaned).strip()
    if not _NUMBER_RE.match(cleaned):
        raise ValueError(NUMBER_MESSAGE)
    cleaned = cleaned.replace(" ", "").replace("'", "")
    comma, dot = cleaned.rfind(","), cleaned.rfind(".")
    if comma >= 0 and dot >= 0:
        decimal_mark = "," if comma > dot else "."
    elif comma >= 0 or dot >= 0:
        decimal_mark = "," if comma >= 0 else "."
        integer, _, fraction = cleaned.rpartition(decimal_mark)
        thousands = cleaned.count(decimal_mark) > 1 or (money and len(fraction) == 3)
        if thousands:
            decimal_mark = "." if decimal_mark == "," else ","
    else:
        decimal_mark = "."
    grouping = "." if decimal_mark == "," else ","
    integer, _, fraction = cleaned.partition(decimal_mark)
    if decimal_mark in fraction or grouping in fraction:
        raise ValueError(NUMBER_MESSAGE)
    if grouping in integer and not _is_grouped(integer, grouping):
        raise ValueError(NUMBER_MESSAGE)
    plain = integer.replace(grouping, "") + ("." + fraction if fraction else "")
    if plain in ("", "+", "-") or plain.endswith("."):
        raise ValueError(NUMBER_MESSAGE)
    try:
        return Decimal(plain if not plain.startswith(".") else "0" + plain)
    except InvalidOperation:
        raise ValueError(NUMBER_MESSAGE) from None


def _is_grouped(integer: str, grouping: str) -> bool:
    """Thousands separators only between groups of three digits: 1.234.567, not 12.34."""
    return (
        re.fullmatch(r"[+-]?[0-9]{1,3}(?:" + re.escape(grouping) + r"[0-9]{3})+", integer)
        is not None
    )


def parse_duration(text: str) -> Decimal:
    """Minutes (not rounded) of `1:30:00`, `01:30` (hours and minutes) or decimal hours
    (`1.5`, `1,5`); 0 or more."""
    if match := _DURATION_RE.match(text):
        hours, minutes, seconds = int(match[1]), int(match[2]), int(match[3] or 0)
        if minutes > 59 or seconds > 59:
            raise ValueError(DURATION_MESSAGE)
        return Decimal(hours * 3600 + minutes * 60 + seconds) / 60
    try:
        hours_decimal = parse_number(text)
    except ValueError:
        raise ValueError(DURATION_MESSAGE) from None
    if hours_decimal < 0:
        raise ValueError("is a negative duration")
    return hours_decimal * 60


def minutes_between(start: datetime, end: datetime) -> Decimal:
    """Minutes from start to end; an end earlier in the day is on the next day."""
    if end < start and end.date() == start.date():
        end += timedelta(days=1)
    return Decimal(int((end - start).total_seconds())) / 60


def round_minutes(minutes: Decimal) -> Decimal:
    """Two decimals, half up: what TimeEntryRecord and the database keep."""
    return minutes.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


YES_WORDS = frozenset({"yes", "ja", "true", "wahr", "1", "y", "j", "x"})
NO_WORDS = frozenset({"no", "nein", "false", "falsch", "0", "n"})


def parse_yes_no(text: str, default: bool = True) -> bool:
    """Yes/no in English and German; an empty value is the `default`."""
    word = text.strip().casefold()
    if not word:
        return default
    if word in YES_WORDS:
        return True
    if word in NO_WORDS:
        return False
    raise ValueError("is not a yes/no value (yes/no, ja/nein, true/false, 1/0)")
