"""Read a portfolio folder (shared/docs/data-format.md) into a `Portfolio`, or say what is wrong.

How a file is read:

* First the fast way (`_read_fast`, see there): polars' CSV reader reads the file into typed
  columns and a few checks over whole columns confirm that nothing is wrong. That is nearly
  every file, and the result is the same frame the precise way gives. If anything may be
  wrong, the file is read the precise way, which finds and names every problem, as follows.
* Everything is read as text first (`infer_schema=False`) and checked column by column with
  polars expressions, so two million rows cost about as much as one column operation each.
  Only the rows that are wrong become Python objects, and only the first `MAX_ERRORS` of them.
* Line numbers are physical lines: the header is line 1, the first row line 2. A quoted
  value that spans lines moves the rows after it down accordingly, and an error in such a
  row names the line the row starts on.
* A UTF-8 byte order mark is accepted. A file that is missing holds no rows; a file that
  is present but empty, not UTF-8, or not CSV (an unbalanced quote, a row with more fields
  than the header) is one error naming the file and, where it can be found, the line.
* Header names are matched ignoring case and surrounding whitespace. An unknown column is a
  warning, a column without a name is ignored silently while it is empty, a missing
  required column is one error on line 1, a column named twice is an error.
* A row whose fields are all empty (a blank line, `,,,` from a spreadsheet) is skipped; a
  row with fewer fields than the header has empty values in the missing ones.
* A value that is empty or only whitespace is empty: a required column reports it, any
  other column takes its default. Strings are kept exactly as written otherwise; typed
  values may have surrounding whitespace.
* A column of a parsed kind (not strings or datetimes) that repeats few distinct values, as
  bools, choices, dates and round minutes do, has each distinct value checked once; its
  value and problem are then looked up for every row. The checks are the same.
* Typed values (see `kundenwert.lib.parsing` for the exact forms): dates `YYYY-MM-DD`;
  datetimes `YYYY-MM-DDTHH:MM[:SS]` (a space for `T` is fine, fractions of a second are
  dropped) as wall-clock time in `time_zone`, or with an offset (`Z`, `+01:00`, `+0100`,
  `+01`), which is converted to the wall-clock time in `time_zone` (with polars' time zone
  data, which knows no daylight saving time after 2099); decimals with a dot and at most two
  decimals; whole numbers; bools true/false, yes/no, ja/nein, 1/0.
* Enumerations are matched ignoring case and stored in the spelling of the schema, so
  `Active` is `active` and a group `b` is `B`. An enumeration without choices (`currency`)
  is any three letters, stored upper-case.
* Rules across rows: a natural key (`Table.key`) must be unique within its file (the error
  names the line of the first occurrence); a `customer_id` must be in customers.csv or in
  `known_customer_ids` (this check is skipped when customers.csv itself cannot be read, so
  one broken file does not drown the others in follow-up errors); `override_reason` is
  required when `group_override` is set.

Nothing is returned half-read: `read_folder` collects the errors of all files and raises
`PortfolioInvalid` if there is any.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from decimal import Decimal
from enum import IntEnum
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import polars as pl

from kundenwert.lib import parsing
from kundenwert.portfolio import Portfolio, empty_frame, german_csv
from kundenwert.portfolio.cache import CacheKey, FrameCache, cache_key
from kundenwert.portfolio.errors import MAX_ERRORS, PortfolioInvalid, RowError, shorten
from kundenwert.portfolio.schema import CUSTOMERS, TABLES, TABLES_BY_NAME, Column, Table

BOM = b"\xef\xbb\xbf"
NOT_BLANK = re.compile(b"[^" + re.escape(parsing.WHITESPACE.encode()) + b"]")

# Helper columns of the frame being checked; "|" cannot clash with a name from the schema.
LINE = "|line"
RAW = "|raw|"  # the field exactly as in the file, for the error message
TEXT = "|text|"  # None when blank; else stripped, but a string as written
PARTS = "|parts|"  # the regex groups of a datetime
CODE = "|code|"  # a `Problem`, None when the field is fine
FIRST = "|first|"  # the line a duplicate key was first seen on

DATETIME_FORMAT = "%Y-%m-%dT%H:%M:%S"
PLAIN_DATETIME_PATTERN = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}$"


class Problem(IntEnum):
    MISSING = 1
    INVALID = 2
    DUPLICATE = 3
    UNKNOWN_CUSTOMER = 4
    NO_REASON = 5


@dataclass
class _TableRead:
    frame: pl.DataFrame
    errors: list[RowError] = field(default_factory=list)  # the first MAX_ERRORS
    total: int = 0
    warnings: list[str] = field(default_factory=list)
    # The customer ids of customers.csv, None when they cannot be known (the file or its
    # id column is unreadable).
    ids: pl.Series | None = None


def read_folder(
    path: Path,
    *,
    known_customer_ids: Iterable[str] = (),
    time_zone: str = "Europe/Berlin",
    free_text: bool = True,
    cache: FrameCache | None = None,
) -> Portfolio:
    """Read every table of the folder; raise `PortfolioInvalid` listing all errors.

    `free_text=False` leaves the free-text columns (`Column.free_text`: notes, descriptions)
    empty instead of reading them, for callers that never show them, like the analysis.
    With a `cache` (see `kundenwert.portfolio.cache`), files unchanged since an earlier
    read come from there; it is not used with `known_customer_ids`, which it cannot know.
    """
    zone = _zone(time_zone)
    path = Path(path)
    if not path.is_dir():
        raise PortfolioInvalid([RowError(str(path), None, None, None, "is not a folder")])
    known = list(known_customer_ids)
    reading = _Reading(zone, free_text, None if known else cache, path / CUSTOMERS.filename)
    customers = reading.table(path / CUSTOMERS.filename, CUSTOMERS, None)
    customer_ids = _customer_ids(customers.ids, known)
    others = [table for table in TABLES if table is not CUSTOMERS]
    # Two files at a time: polars keeps the cores busy while a file is parsed, but not
    # while Python plans and checks between its runs (about a tenth of a large file's time).
    with ThreadPoolExecutor(max_workers=2) as pool:
        results = pool.map(
            lambda table: reading.table(path / table.filename, table, customer_ids), others
        )
        reads = {CUSTOMERS.name: customers}
        reads |= dict(zip((t.name for t in others), results, strict=True))
    total = sum(read.total for read in reads.values())
    if total:
        raise PortfolioInvalid([e for read in reads.values() for e in read.errors], total)
    warnings = _unknown_files(path) + [w for read in reads.values() for w in read.warnings]
    return Portfolio(**{name: read.frame for name, read in reads.items()}, warnings=warnings)


@dataclass(frozen=True)
class _Reading:
    """How the files of one folder are read: the cache around `_read_table`."""

    zone: ZoneInfo
    free_text: bool
    cache: FrameCache | None
    customers_file: Path

    def table(self, path: Path, table: Table, customer_ids: pl.Series | None) -> _TableRead:
        cache, key = self.cache, self._key(path, table)  # no key without a cache
        kept = cache.get(key) if cache is not None and key is not None else None
        if kept is not None:
            ids = kept["id"] if table is CUSTOMERS else None
            return _TableRead(kept, ids=ids)
        read = _read_table(path, table, self.zone, customer_ids, free_text=self.free_text)
        if cache is not None and key is not None and not read.total and not read.warnings:
            cache.put(key, read.frame)
        return read

    def _key(self, path: Path, table: Table) -> CacheKey | None:
        if self.cache is None or not path.exists():
            return None
        return cache_key(
            path,
            table.name,
            self.customers_file,
            time_zone=self.zone.key,
            free_text=self.free_text,
        )


def read_table(
    path: Path,
    table: Table,
    *,
    time_zone: str = "Europe/Berlin",
    customer_ids: Iterable[str] | None = None,
) -> tuple[pl.DataFrame, list[RowError], list[str]]:
    """Read one CSV file as `table`: (frame, errors, warnings).

    The frame is empty whenever there are errors; the errors are the first MAX_ERRORS.
    `customer_ids` None skips the customer_id check, which needs customers.csv.
    """
    ids = (
        None
        if customer_ids is None
        else _customer_ids(pl.Series([], dtype=pl.String), customer_ids)
    )
    read = _read_table(Path(path), table, _zone(time_zone), ids)
    return read.frame, read.errors, read.warnings


def _zone(name: str) -> ZoneInfo:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise ValueError(f"unknown time zone {name!r}") from None


def _customer_ids(found: pl.Series | None, known: Iterable[str]) -> pl.Series | None:
    if found is None:
        return None
    return pl.concat([found, pl.Series(list(known), dtype=pl.String)]).unique()


def _unknown_files(folder: Path) -> list[str]:
    return [
        f"{file.name}: unknown file is ignored"
        for file in sorted(folder.glob("*.csv"))
        if file.stem not in TABLES_BY_NAME
    ]


# --- one file ---------------------------------------------------------------------------


def _read_table(
    path: Path,
    table: Table,
    zone: ZoneInfo,
    customer_ids: pl.Series | None,
    *,
    free_text: bool = True,
) -> _TableRead:
    if not path.exists():
        return _TableRead(empty_frame(table), ids=pl.Series([], dtype=pl.String))
    # A German spreadsheet's file (semicolons, decimal commas) is read in the folder's dialect.
    with german_csv.folder_dialect(path, table) as readable:
        return _read_file(readable, table, zone, customer_ids, free_text=free_text)


def _read_file(
    path: Path, table: Table, zone: ZoneInfo, customer_ids: pl.Series | None, *, free_text: bool
) -> _TableRead:
    fast = _read_fast(path, table, zone, customer_ids, free_text=free_text)
    if fast is not None:
        return fast
    try:
        data = path.read_bytes()
    except OSError as error:
        return _failed(table, RowError(table.filename, None, None, None, f"unreadable: {error}"))
    raw = _parse_csv(data, table)
    if isinstance(raw, RowError):
        return _failed(table, raw)
    body = _body(raw, line_breaks=data.count(b"\n"))
    header, sources = raw.row(0), raw.columns
    filled = [s for s in _unnamed(header, sources) if body.get_column(s).is_not_null().any()]
    columns, header_errors, warnings = _match_header(header, sources, table, filled)
    if not free_text:
        columns = {name: raw for name, raw in columns.items() if not table.column(name).free_text}
    checked = _check(body, columns, table, zone, customer_ids)
    errors, total = _row_errors(checked, table, zone, limit=MAX_ERRORS - len(header_errors))
    errors, total = header_errors + errors, len(header_errors) + total
    has_ids = "id" in columns and table is CUSTOMERS
    ids = checked["id"].drop_nulls() if has_ids else None
    frame = empty_frame(table) if total else _typed_frame(checked, columns, table)
    return _TableRead(frame, errors, total, warnings, ids)


def _failed(table: Table, error: RowError) -> _TableRead:
    return _TableRead(empty_frame(table), [error], 1)


def _parse_csv(data: bytes, table: Table) -> pl.DataFrame | RowError:
    """All fields as strings, the header as the first row, or the one reason why not."""
    data = data.removeprefix(BOM)
    if not NOT_BLANK.search(data):  # not data.strip(): that copies the whole file
        columns = ", ".join(table.column_names)
        message = f"file is empty; expected a header row with the columns {columns}"
        return RowError(table.filename, None, None, None, message)
    if data[:1] in (b"\n", b"\r"):
        return RowError(table.filename, 1, None, None, "line is empty; expected the header row")
    try:
        # has_header=False: the header arrives as a row of text, exactly as written,
        # so that we (not polars) decide about duplicate and odd column names.
        return pl.read_csv(data, has_header=False, infer_schema=False, encoding="utf8")
    except pl.exceptions.PolarsError:
        return _diagnose(data, table.filename)


def _diagnose(data: bytes, filename: str) -> RowError:
    """Find the line polars stumbled over, with Python's slower but talkative tools."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        byte = data[error.start]
        return RowError(
            filename,
            line,
            None,
            None,
            f"not valid UTF-8 (byte 0x{byte:02x}); save the file as UTF-8",
        )
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    width, start = None, 1
    try:
        for row in reader:
            if width is None:
                width = len(row)
            elif len(row) > width:
                message = f"has {len(row)} fields, but the header has {width}"
                return RowError(filename, start, None, None, message)
            start = reader.line_num + 1
    except csv.Error as error:
        message = f"is not valid CSV ({error}); check the quotes"
        return RowError(filename, start, None, None, message)
    return RowError(filename, None, None, None, "is not a valid CSV file")


def _body(raw: pl.DataFrame, line_breaks: int) -> pl.DataFrame:
    """The data rows with their line numbers, without rows that are entirely empty.

    `line_breaks` is the number of "\\n" in the file: when there are more than records, some
    quoted value spans lines, and the lines after it move down by its line breaks.
    """
    line = pl.int_range(1, pl.len() + 1, dtype=pl.Int64)
    if line_breaks > raw.height:
        breaks = pl.sum_horizontal(pl.all().str.count_matches("\n", literal=True).fill_null(0))
        line = line + breaks.cum_sum().shift(1, fill_value=0)
    body = raw.with_columns(line.alias(LINE)).slice(1)
    empty = pl.all_horizontal(pl.exclude(LINE).is_null())
    if body.select(empty.any()).item():
        body = body.filter(~empty)
    # One chunk per column: with the CSV's chunks beside the line numbers' single one,
    # every later select would first re-align (copy) the whole frame.
    return body.rechunk()


def _unnamed(header: tuple[str | None, ...], sources: list[str]) -> list[str]:
    """The raw columns without a name in the header."""
    return [s for title, s in zip(header, sources, strict=True) if not parsing.strip(title or "")]


def _match_header(
    header: tuple[str | None, ...], sources: list[str], table: Table, filled: Iterable[str]
) -> tuple[dict[str, str], list[RowError], list[str]]:
    """Which raw column holds which schema column: ({schema name: raw column}, errors, warnings).

    `filled`: the raw columns without a name that hold a value, which are worth a warning."""
    file = table.filename
    columns: dict[str, str] = {}
    errors: list[RowError] = []
    warnings: list[str] = []
    for position, (title, source) in enumerate(zip(header, sources, strict=True), start=1):
        name = parsing.strip(title or "").lower()
        if not name:
            if source in filled:
                warnings.append(f"{file}: column {position} has no name; its values are ignored")
        elif name not in table.column_names:
            warnings.append(f"{file}: unknown column '{title}' is ignored")
        elif name in columns:
            errors.append(RowError(file, 1, name, None, "appears more than once in the header"))
        else:
            columns[name] = source
    for column in table.columns:
        if column.required and column.name not in columns:
            errors.append(RowError(file, 1, column.name, None, "required column is missing"))
    return columns, errors, warnings


# --- checking, vectorised -----------------------------------------------------------------


def _check(
    body: pl.DataFrame,
    columns: dict[str, str],
    table: Table,
    zone: ZoneInfo,
    customer_ids: pl.Series | None,
) -> pl.DataFrame:
    """Per present column: the raw text, the parsed value (None if blank or wrong) and a
    `Problem` code. Lazy, so that polars shares common subexpressions and runs columns in
    parallel."""
    present = [c for c in table.columns if c.name in columns]
    frame = body.lazy().select(
        pl.col(LINE), *(pl.col(columns[c.name]).alias(RAW + c.name) for c in present)
    )
    few = {
        c.name: values
        for c in present
        if (values := _few_values(body.get_column(columns[c.name]), c)) is not None
    }
    frame = _checked(frame, [c for c in present if c.name not in few], zone)
    frame = frame.with_columns(
        expression
        for c in present
        if c.name in few
        for expression in _looked_up(c, few[c.name], zone)
    )
    for rule in _row_rules(table, columns, customer_ids):
        frame = frame.with_columns(rule)
    return frame.collect()


# Kinds whose values are parsed. A column of them often repeats a few values (bools,
# choices, dates, round minutes); then each distinct value is checked once and the result
# mapped back to the rows, which costs a hash lookup per row instead of parsing.
PARSED_KINDS = frozenset({"date", "money", "minutes", "int", "bool", "enum"})


def _few_values(raw: pl.Series, column: Column) -> pl.Series | None:
    """The distinct raw values of a parsed column, if there are few enough to be worth it."""
    if column.kind not in PARSED_KINDS:
        return None
    values = raw.unique()
    return values if len(values) * 4 <= len(raw) else None


def _looked_up(column: Column, values: pl.Series, zone: ZoneInfo) -> list[pl.Expr]:
    """The value and problem code of each row, from those of the distinct `values`.

    A value and its problem depend on the raw text alone (rules across rows come later),
    so this gives every row exactly what checking it by itself would.
    """
    raw = pl.col(RAW + column.name)
    checked = _checked(pl.LazyFrame({RAW + column.name: values}), [column], zone).collect()
    given = checked.filter(pl.col(RAW + column.name).is_not_null())
    missing = checked.filter(pl.col(RAW + column.name).is_null())  # the row had no field

    def mapped(name: str, dtype: pl.DataType | type[pl.DataType]) -> pl.Expr:
        keys, results = given.get_column(RAW + column.name), given.get_column(name)
        looked = raw.replace_strict(keys, results, default=None, return_dtype=dtype)
        if missing.is_empty():
            return looked
        return pl.when(raw.is_null()).then(pl.lit(missing.item(0, name), dtype)).otherwise(looked)

    return [
        mapped(column.name, column.dtype).alias(column.name),
        mapped(CODE + column.name, pl.UInt8).alias(CODE + column.name),
    ]


def _checked(frame: pl.LazyFrame, present: list[Column], zone: ZoneInfo) -> pl.LazyFrame:
    """`frame` with, per column of `present`, its text, value and problem code."""
    frame = frame.with_columns(_text(c, pl.col(RAW + c.name)).alias(TEXT + c.name) for c in present)
    frame = frame.with_columns(
        _datetime_parts(pl.col(TEXT + c.name)).alias(PARTS + c.name)
        for c in present
        if c.kind == "datetime"
    )
    frame = frame.with_columns(_parsed(c, zone).alias(c.name) for c in present)
    return frame.with_columns(_value_problem(c).alias(CODE + c.name) for c in present)


def _text(column: Column, raw: pl.Expr) -> pl.Expr:
    stripped = raw.str.strip_chars(parsing.WHITESPACE)
    # A string keeps its whitespace; only a blank one becomes None.
    return pl.when(stripped != "").then(raw if column.kind == "string" else stripped)


def _datetime_parts(text: pl.Expr) -> pl.Expr:
    # Only for the uncommon forms: the regex groups cost more than the parsing itself.
    return (
        pl.when(~_is_plain_datetime(text)).then(text).str.extract_groups(parsing.DATETIME_PATTERN)
    )


def _parsed(column: Column, zone: ZoneInfo, text: pl.Expr | None = None) -> pl.Expr:
    """The value of `column` from its stripped text (by default its `TEXT` column), null
    where the text is not valid."""
    text = pl.col(TEXT + column.name) if text is None else text
    match column.kind:
        case "date":
            value = _date(text)
        case "datetime":
            value = _datetime(text, pl.col(PARTS + column.name), zone)
        case "money" | "minutes":
            pattern = parsing.decimal_pattern(_integer_digits(column))
            value = pl.when(text.str.contains(pattern)).then(text.cast(column.dtype, strict=False))
        case "int":
            value = pl.when(text.str.contains(parsing.INT_PATTERN)).then(
                text.cast(pl.Int64, strict=False)
            )
        case "bool":
            value = _lookup(text, parsing.BOOL_WORDS, pl.Boolean)
        case "enum" if column.choices:
            value = _lookup(text, {c.lower(): c for c in column.choices}, pl.String)
        case "enum":
            value = pl.when(text.str.contains(parsing.CURRENCY_PATTERN)).then(
                text.str.to_uppercase()
            )
        case _:
            value = text
    in_range = _in_range(column, value)
    return value if in_range is None else pl.when(in_range).then(value)


def _date(text: pl.Expr) -> pl.Expr:
    value = pl.when(text.str.contains(parsing.DATE_PATTERN)).then(
        text.str.to_date("%Y-%m-%d", strict=False)
    )
    return pl.when(value.dt.year() >= 1).then(value)  # polars knows a year 0, Python does not


def _datetime(text: pl.Expr, parts: pl.Expr, zone: ZoneInfo) -> pl.Expr:
    """The common `YYYY-MM-DDTHH:MM:SS` directly, any other form from its regex `parts`."""
    seconds_ok = text.str.slice(17, 2) < "60"  # see _any_datetime
    plain = pl.when(_is_plain_datetime(text) & seconds_ok).then(
        text.str.to_datetime(DATETIME_FORMAT, time_unit="us", strict=False)
    )
    value = pl.coalesce(plain, _any_datetime(parts, zone))
    # The years Python's datetime (and so everyone downstream) can hold.
    return pl.when(value.dt.year().is_between(1, 9999)).then(value)


def _is_plain_datetime(text: pl.Expr) -> pl.Expr:
    return text.str.contains(PLAIN_DATETIME_PATTERN)


def _any_datetime(parts: pl.Expr, zone: ZoneInfo) -> pl.Expr:
    second = parts.struct.field("second").fill_null("00")
    text = pl.concat_str(
        parts.struct.field("date"),
        pl.lit("T"),
        parts.struct.field("hour"),
        pl.lit(":"),
        parts.struct.field("minute"),
        pl.lit(":"),
        second,
    )
    # Second 60 would be read as a leap second into the next minute.
    local = pl.when(second < "60").then(
        text.str.to_datetime(DATETIME_FORMAT, time_unit="us", strict=False)
    )
    offset = parts.struct.field("offset")
    return pl.when(offset.is_null()).then(local).otherwise(_wall_clock(local, offset, zone))


def _wall_clock(local: pl.Expr, offset: pl.Expr, zone: ZoneInfo) -> pl.Expr:
    """`local` at `offset` (Z, +HH, +HHMM, +HH:MM) as naive wall-clock time in `zone`."""
    digits = offset.str.replace(":", "", literal=True).str.slice(1)
    hours = digits.str.slice(0, 2).cast(pl.Int64, strict=False)
    minutes = digits.str.slice(2, 2).cast(pl.Int64, strict=False).fill_null(0)
    sign = pl.when(offset.str.starts_with("-")).then(-1).otherwise(1)
    shift = (
        pl.when(offset == "Z")
        .then(0)
        .when((hours <= 23) & (minutes <= 59))
        .then(sign * (hours * 60 + minutes))
    )
    utc = (local - pl.duration(minutes=shift)).dt.replace_time_zone("UTC")
    return utc.dt.convert_time_zone(zone.key).dt.replace_time_zone(None)


def _lookup(
    text: pl.Expr, words: Mapping[str, object], dtype: pl.DataType | type[pl.DataType]
) -> pl.Expr:
    return text.str.to_lowercase().replace_strict(words, default=None, return_dtype=dtype)


def _integer_digits(column: Column) -> int:
    dtype = column.dtype
    assert isinstance(dtype, pl.Decimal)
    return dtype.precision - dtype.scale


def _in_range(column: Column, value: pl.Expr) -> pl.Expr | None:
    conditions = []
    if column.minimum is not None:
        low = pl.lit(column.minimum)
        conditions.append(value > low if column.exclusive_minimum else value >= low)
    if column.maximum is not None:
        conditions.append(value <= pl.lit(column.maximum))
    return pl.all_horizontal(conditions) if conditions else None


def _value_problem(column: Column) -> pl.Expr:
    text, value = pl.col(TEXT + column.name), pl.col(column.name)
    code: pl.Expr = pl.when(text.is_not_null() & value.is_null()).then(
        pl.lit(Problem.INVALID, pl.UInt8)
    )
    if column.required:
        code = pl.when(text.is_null()).then(pl.lit(Problem.MISSING, pl.UInt8)).otherwise(code)
    return code


def _row_rules(
    table: Table, columns: dict[str, str], customer_ids: pl.Series | None
) -> list[list[pl.Expr]]:
    """Rules that look beyond one field, one stage each, as two may flag the same column
    (a delivery's customer_id); each flags only a field that is fine by itself."""
    return [
        _duplicate_rule(table, columns),
        _customer_rule(columns, customer_ids),
        _reason_rule(columns),
    ]


def _duplicate_rule(table: Table, columns: dict[str, str]) -> list[pl.Expr]:
    if not table.key or not all(k in columns for k in table.key):
        return []
    first = pl.col(LINE).min().over(table.key)
    duplicate = pl.all_horizontal(pl.col(table.key).is_not_null()) & (pl.col(LINE) != first)
    return [first.alias(FIRST + table.key[0]), _flag(table.key[0], duplicate, Problem.DUPLICATE)]


def _customer_rule(columns: dict[str, str], customer_ids: pl.Series | None) -> list[pl.Expr]:
    if customer_ids is None or "customer_id" not in columns:
        return []
    customer = pl.col("customer_id")
    unknown = customer.is_not_null() & ~customer.is_in(customer_ids.implode())
    return [_flag("customer_id", unknown, Problem.UNKNOWN_CUSTOMER)]


def _reason_rule(columns: dict[str, str]) -> list[pl.Expr]:
    if "group_override" not in columns:
        return []
    if "override_reason" in columns:
        no_reason = pl.col("override_reason").is_null()
        code = pl.col(CODE + "override_reason")
    else:  # the column is missing, so every group set by hand lacks its reason
        no_reason, code = pl.lit(True), pl.lit(None, pl.UInt8)
    missing = pl.col("group_override").is_not_null() & no_reason
    problem = pl.lit(Problem.NO_REASON, pl.UInt8)
    return [pl.when(missing).then(problem).otherwise(code).alias(CODE + "override_reason")]


def _flag(name: str, condition: pl.Expr, problem: Problem) -> pl.Expr:
    code = pl.col(CODE + name)
    return (
        pl.when(code.is_null() & condition)
        .then(pl.lit(problem, pl.UInt8))
        .otherwise(code)
        .alias(CODE + name)
    )


def _typed_frame(checked: pl.DataFrame, columns: dict[str, str], table: Table) -> pl.DataFrame:
    """The frame of the schema: parsed values, defaults for blanks and missing columns.

    Made from the columns themselves, not by a `select`: that would first cut every column
    into the same chunks, copying two million strings for nothing."""
    return pl.DataFrame([_with_default(checked, c, c.name in columns) for c in table.columns])


def _with_default(checked: pl.DataFrame, column: Column, present: bool) -> pl.Series:
    if not present:
        default = pl.repeat(column.default, checked.height, dtype=column.dtype, eager=True)
        return default.alias(column.name)
    value = checked.get_column(column.name)
    # Nothing to fill: spare the copy of a long column (strings above all).
    if column.default is None or not value.null_count():
        return value
    return value.fill_null(pl.lit(column.default, column.dtype))


# --- the fast path: a file without problems ------------------------------------------------
#
# Nearly every file is fine. For those, `_read_fast` gets the same frame as the precise path
# above with much less work; for any other it gives up (None), and the precise path reads
# the file and reports its problems exactly as ever. It may give up on a file that is fine
# (then only time is lost), but never accepts one that the precise path rejects, and never
# gives a frame that differs from the precise path's:
#
# * polars reads the file in one streaming pass with the same tokenising. Every column is
#   read, because the filter of blank rows refers to them all (so a row with more fields
#   than the header fails the same way), but only the columns of the schema leave the pass,
#   each with a flag per row saying whether its value is fine: free text the caller does
#   not want and unknown columns are never held whole (a third less memory for two million
#   time entries).
# * The columns of parsed kinds that repeat a few values (dates, minutes, whole numbers,
#   bools, choices) are read as categoricals: the reader collects each column's distinct
#   values as it parses, these are checked once with the precise path's own expressions
#   (`_checked`), and each row's value is looked up by its category's number.
# * Strings are taken as written unless blank; a customer_id is looked up in the customer
#   ids, which are never blank.
# * Datetimes in the common form `YYYY-MM-DDTHH:MM:SS` are parsed with that one format and
#   amounts with the precise path's pattern (`_parsed`), without stripping whitespace first,
#   which a value in the common form has none of; where any value is not in that form, the
#   column is read again and checked by `_checked` as a whole.
# * Then the rules across rows: required values present, unique keys, a reason for every
#   group set by hand.

# Kinds read as categoricals (see above); amounts seldom repeat, datetimes hardly ever.
REPEATING_KINDS = frozenset({"date", "minutes", "int", "bool", "enum"})
# Any character that is not whitespace, as a polars (Rust) regex.
NOT_BLANK_PATTERN = "[^" + "".join(f"\\x{ord(c):02x}" for c in parsing.WHITESPACE) + "]"
# The common datetime form with a second below 60 (see `_datetime`).
COMMON_DATETIME_PATTERN = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-5][0-9]$"
OK = "|ok|"  # per column and row: whether the value is fine
FILLED = "|filled|"  # per column without a name and row: whether it holds a value
FIRST_MICROSECOND = -62_135_596_800_000_000  # 0001-01-01T00:00:00 in microseconds since 1970


def _read_fast(
    path: Path,
    table: Table,
    zone: ZoneInfo,
    customer_ids: pl.Series | None,
    *,
    free_text: bool,
) -> _TableRead | None:
    """The read of a file in which nothing is wrong, or None when something may be."""
    header = _header_row(path)
    if header is None:
        return None
    sources = [f"|{position}|" for position in range(len(header))]
    columns, header_errors, _ = _match_header(header, sources, table, filled=())
    if header_errors:
        return None
    if not free_text:
        columns = {name: raw for name, raw in columns.items() if not table.column(name).free_text}
    present = [c for c in table.columns if c.name in columns]
    if not present:
        return None
    repeating = [c for c in present if c.kind in REPEATING_KINDS]
    rows = _scan(path, sources, categorical={columns[c.name] for c in repeating})
    ids = None if customer_ids is None else customer_ids.filter(_has_text_series(customer_ids))
    unnamed = _unnamed(header, sources)
    outputs = [pl.col(source).is_not_null().alias(FILLED + source) for source in unnamed]
    for column in present:
        text = pl.col(columns[column.name])
        if column in repeating:
            outputs.append(text.alias(TEXT + column.name))
            continue
        value, ok = _fast_column(text, column, zone, ids)
        outputs += [value.alias(column.name), ok.alias(OK + column.name)]
    try:
        read = rows.select(outputs).collect(engine="streaming")
    except (OSError, pl.exceptions.PolarsError):
        return None
    values = _fast_values(read, rows, present, repeating, columns, zone)
    if values is None:
        return None
    checked = pl.DataFrame(values)
    if not _rules_hold(checked, table, columns):
        return None
    filled = [source for source in unnamed if read.get_column(FILLED + source).any()]
    warnings = _match_header(header, sources, table, filled)[2]
    customers = checked.get_column("id") if table is CUSTOMERS else None
    return _TableRead(_typed_frame(checked, columns, table), warnings=warnings, ids=customers)


def _scan(path: Path, sources: list[str], categorical: set[str]) -> pl.LazyFrame:
    """The rows of the file but blank ones, every field as text or (`categorical`) as a
    categorical; the filter refers to every column, so that polars reads them all."""
    dtypes = {
        s: pl.Categorical(pl.Categories.random()) if s in categorical else pl.String()
        for s in sources
    }
    rows = pl.scan_csv(
        path.absolute(),  # polars would read a name starting with "~" as a home folder
        has_header=True,
        new_columns=sources,
        schema_overrides=dtypes,
        infer_schema=False,
        encoding="utf8",
        glob=False,  # a folder may be called "data[1]"
    )
    return rows.filter(~pl.all_horizontal(pl.all().is_null()))


def _header_row(path: Path) -> tuple[str | None, ...] | None:
    """The header's fields as the precise path reads them, None if the header looks odd."""
    try:
        with path.open("rb") as file:
            line = file.readline().removeprefix(BOM)
    except OSError:
        return None
    if not NOT_BLANK.search(line) or line.count(b'"') % 2:
        return None  # blank, or a quoted name spanning lines
    try:
        return pl.read_csv(line, has_header=False, infer_schema=False, encoding="utf8").row(0)
    except pl.exceptions.PolarsError:
        return None


def _fast_column(
    text: pl.Expr, column: Column, zone: ZoneInfo, customer_ids: pl.Series | None
) -> tuple[pl.Expr, pl.Expr]:
    """(value, whether it is fine) per row, for a column not read as a categorical.

    A datetime is fine in the common form only (`_fine` looks at its year afterwards)."""
    blank_is_fine = text.is_null() if not column.required else pl.lit(False)
    match column.kind:
        case "datetime":
            value = text.str.to_datetime(DATETIME_FORMAT, time_unit="us", strict=False, cache=False)
            parsed = text.str.contains(COMMON_DATETIME_PATTERN) & value.is_not_null()
        case "money":
            # Null where the pattern or the range rejects the value (see `_parsed`).
            value = _parsed(column, zone, text)
            parsed = value.is_not_null()
        case "string" if column.name == "customer_id" and customer_ids is not None:
            value, parsed = text, text.is_in(customer_ids.implode())
        case _:  # a string, kept as written unless blank (then None, fine unless required)
            has_text = _has_text(text)
            value, parsed = pl.when(has_text).then(text), has_text | (not column.required)
    # `all` skips nulls: a row is fine only where this is true, never null.
    return value, (blank_is_fine | parsed.fill_null(False)).fill_null(False)


def _fast_values(
    read: pl.DataFrame,
    rows: pl.LazyFrame,
    present: list[Column],
    repeating: list[Column],
    columns: dict[str, str],
    zone: ZoneInfo,
) -> list[pl.Series] | None:
    """The value of every present column, or None if some value may be wrong."""
    looked_up = _fast_repeating(read, repeating, zone)
    if looked_up is None:
        return None
    values = []
    for column in present:
        value: pl.Series | None = None
        if column in repeating:
            value = looked_up.get_column(column.name)
        elif _fine(read, column):
            value = read.get_column(column.name)
        elif column.kind in ("datetime", "money"):
            # Not all in the common form: the precise path's check, for this column.
            value = _checked_again(rows, columns[column.name], column, zone)
        if value is None:
            return None
        values.append(value)
    return values


def _fine(read: pl.DataFrame, column: Column) -> bool:
    """Whether every value of `column` that `_fast_column` parsed is fine."""
    if not read.get_column(OK + column.name).all():
        return False
    if column.kind != "datetime":
        return True
    # The years Python can hold (see `_datetime`); polars can hold a year 0. Compared as
    # microseconds since 1970, which polars need not turn into a datetime of Python's.
    earliest = read.get_column(column.name).to_physical().min()
    return earliest is None or (isinstance(earliest, int) and earliest >= FIRST_MICROSECOND)


def _checked_again(
    rows: pl.LazyFrame, source: str, column: Column, zone: ZoneInfo
) -> pl.Series | None:
    """A column checked by the precise path's expressions, read again from the file; None
    if any value is wrong."""
    raw = rows.select(pl.col(source).alias(RAW + column.name)).collect(engine="streaming")
    value = _checked(raw.lazy(), [column], zone).collect()
    if value.get_column(CODE + column.name).is_not_null().any():
        return None
    return value.get_column(column.name)


def _fast_repeating(
    read: pl.DataFrame, repeating: list[Column], zone: ZoneInfo
) -> pl.DataFrame | None:
    """The columns read as categoricals: each distinct value checked once by `_checked`,
    then looked up by the row's category number; None if any value is wrong.

    The columns' checks run together in one run of polars (one by one, planning cost more
    than checking), and so do their look-ups."""
    plans = []
    for column in repeating:
        dtype = read.schema[TEXT + column.name]
        assert isinstance(dtype, pl.Categorical)
        distinct = dtype.categories.to_series().cast(pl.String).alias(RAW + column.name)
        plans.append(_checked(pl.LazyFrame([distinct]), [column], zone))
    look_ups = []
    for column, checked in zip(repeating, pl.collect_all(plans), strict=True):
        text = read.get_column(TEXT + column.name)
        if column.required and text.null_count():
            return None
        if checked.get_column(CODE + column.name).is_not_null().any():
            return None
        number = pl.col(TEXT + column.name).to_physical()
        look_ups.append(pl.lit(checked.get_column(column.name)).gather(number).alias(column.name))
    return read.select(look_ups)


def _has_text(text: pl.Expr) -> pl.Expr:
    return text.str.contains(NOT_BLANK_PATTERN)


def _has_text_series(text: pl.Series) -> pl.Series:
    return text.str.contains(NOT_BLANK_PATTERN)


def _rules_hold(checked: pl.DataFrame, table: Table, columns: dict[str, str]) -> bool:
    """The rules across rows (see `_row_rules`); the customer ids are checked already."""
    if table.key and all(k in columns for k in table.key):
        key = checked.select(table.key).drop_nulls()
        if key.is_duplicated().any():
            return False
    if "group_override" in columns:
        reason = pl.col("override_reason") if "override_reason" in columns else pl.lit(None)
        missing = pl.col("group_override").is_not_null() & reason.is_null()
        if checked.select(missing.any()).item():
            return False
    return True


# --- errors, for the few rows that have them ------------------------------------------------


def _row_errors(
    checked: pl.DataFrame, table: Table, zone: ZoneInfo, limit: int
) -> tuple[list[RowError], int]:
    codes = [c.name for c in table.columns if CODE + c.name in checked.columns]
    limit = max(limit, 0)
    if not codes:
        return [], 0
    flagged = [pl.col(CODE + name).is_not_null() for name in codes]
    total = checked.select(pl.sum_horizontal(f.sum() for f in flagged)).item()
    if not total:
        return [], 0
    # Every flagged row has at least one error, so the first `limit` rows hold the first
    # `limit` errors.
    rows = checked.lazy().filter(pl.any_horizontal(flagged)).head(limit).collect()
    errors = [
        _row_error(table, table.column(name), row, zone)
        for row in rows.iter_rows(named=True)
        for name in codes
        if row[CODE + name] is not None
    ]
    return errors[:limit], total


def _row_error(table: Table, column: Column, row: dict, zone: ZoneInfo) -> RowError:
    name = column.name
    problem = Problem(row[CODE + name])
    raw = shorten(row.get(RAW + name))
    line = row[LINE]
    match problem:
        case Problem.MISSING:
            return RowError(table.filename, line, name, None, "a value is required")
        case Problem.INVALID:
            message = _explain(column, parsing.strip(row[RAW + name]), zone)
            return RowError(table.filename, line, name, raw, message)
        case Problem.DUPLICATE:
            return _duplicate_error(table, line, row[FIRST + name], raw)
        case Problem.UNKNOWN_CUSTOMER:
            message = "is not the id of a customer (not in customers.csv)"
            return RowError(table.filename, line, name, raw, message)
        case Problem.NO_REASON:
            message = "a reason is required when group_override is set"
            return RowError(table.filename, line, name, None, message)


def _duplicate_error(table: Table, line: int, first: int, value: str | None) -> RowError:
    if len(table.key) == 1:
        message = f"appears more than once (first on line {first})"
        return RowError(table.filename, line, table.key[0], value, message)
    key = ", ".join(table.key[:-1]) + f" and {table.key[-1]}"
    message = f"repeats the {key} of line {first}"
    return RowError(table.filename, line, table.key[0], None, message)


def _explain(column: Column, text: str, zone: ZoneInfo) -> str:
    """Why a value the vectorised check rejected is wrong, in words."""
    try:
        value = _parse_one(column, text, zone)
    except ValueError as error:
        return str(error)
    return _range_message(column, value) or "is not valid"


def _parse_one(column: Column, text: str, zone: ZoneInfo) -> object:
    match column.kind:
        case "date":
            return parsing.parse_date(text)
        case "datetime":
            return parsing.parse_datetime(text, zone)
        case "money" | "minutes":
            return parsing.parse_decimal(text, _integer_digits(column))
        case "int":
            return parsing.parse_int(text)
        case "bool":
            return parsing.parse_bool(text)
        case "enum" if column.choices:
            return parsing.parse_choice(text, column.choices)
        case "enum":
            return parsing.parse_currency(text)
    return text


def _range_message(column: Column, value: object) -> str | None:
    if not isinstance(value, int | float | Decimal):
        return None  # only number columns (int, money, minutes) have a range
    low, high = column.minimum, column.maximum
    too_low = low is not None and (value <= low if column.exclusive_minimum else value < low)
    too_high = high is not None and value > high
    if not (too_low or too_high):
        return None
    if low is not None and high is not None:
        return f"is out of range ({low:g} to {high:g})"
    if too_high:
        return f"must be at most {high:g}"
    return (
        f"must be greater than {low:g}" if column.exclusive_minimum else f"must be at least {low:g}"
    )
