"""Loads the database into a `Portfolio`: the same typed frames a portfolio folder gives.

Plain SQL instead of the ORM because this runs over millions of time entries: every value
is selected as text in a form polars parses in bulk (money as `12.50`, datetimes in UTC),
fetched in chunks so memory stays flat, and converted column by column.

`load_portfolio` loads everything (for the export and the pages). `load_for_analysis`
loads only what the analysis of one period reads, lets the database add up the time
entries (most of the rows), and has the database write the other rows as CSV text, which
polars reads far faster than rows fetched one by one; see there why its result is the same.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from typing import TypeVar
from zoneinfo import ZoneInfo

import polars as pl
from django.conf import settings
from django.db import connection, connections

from kundenwert.analysis.period import Period
from kundenwert.portfolio import Portfolio
from kundenwert.portfolio.schema import TABLES_BY_NAME, TIME_ENTRIES, Table

CHUNK_ROWS = 100_000
TEXT_CHUNK_ROWS = 250_000  # rows per CSV text: about 20 MB for interactions
SMALLEST_KEY = -(2**63)  # below every primary key, to start reading in key order
T = TypeVar("T")


@dataclass(frozen=True)
class Query:
    """Where a table's rows come from: one SQL expression per portfolio column.

    The aliases (`c` for the customer, one letter for the table) are used by callers'
    WHERE clauses. A record's customer_id is its customer's number, `c.number`.
    """

    columns: tuple[str, ...]  # in the order of the schema's columns
    table: str  # the model's table and its alias

    @property
    def alias(self) -> str:
        return self.table.split()[-1]

    @property
    def key(self) -> str:
        """The primary key, for reading in chunks."""
        return f"{self.alias}.id"

    @property
    def source(self) -> str:
        if self.alias == "c":
            return self.table
        return f"{self.table} JOIN customers_customer c ON c.id = {self.alias}.customer_id"


QUERIES: dict[str, Query] = {
    "customers": Query(
        (
            "c.number",
            "c.name",
            "c.status",
            "c.since",
            "c.potential",
            "c.useful",
            "c.heart",
            "c.group_override",
            "c.override_reason",
            "c.email",
            "c.phone",
            "c.notes",
        ),
        "customers_customer c",
    ),
    "invoices": Query(
        (
            "i.number",
            "c.number",
            "i.issue_date",
            "i.due_date",
            "i.net",
            "i.currency",
            "i.paid_date",
        ),
        "billing_invoice i",
    ),
    "time_entries": Query(
        (
            "c.number",
            "t.start",
            "t.minutes",
            "t.billable",
            "t.user_name",
            "t.project",
            "t.description",
        ),
        "activity_timeentry t",
    ),
    "interactions": Query(
        (
            "c.number",
            "x.at",
            "x.channel",
            "x.direction",
            "x.planned",
            "x.minutes",
            "x.tracked",
            "x.out_of_scope",
            "x.price_negotiation",
            "x.complaint",
            "x.mood",
            "x.user_name",
            "x.note",
        ),
        "activity_interaction x",
    ),
    "offers": Query(
        (
            "o.number",
            "c.number",
            "o.sent_date",
            "o.valid_until",
            "o.amount",
            "o.status",
            "o.decided_date",
        ),
        "sales_offer o",
    ),
    "deliveries": Query(
        ("c.number", "d.title", "d.delivered_date", "d.live_date"),
        "sales_delivery d",
    ),
    "direct_costs": Query(
        ("c.number", "k.date", "k.amount", "k.description"),
        "billing_directcost k",
    ),
}

# Per database vendor: how a value of a column kind becomes text, and two helpers.
VENDOR_EXPRESSIONS: dict[str, dict[str, str]] = {
    "sqlite": {
        "money": "printf('%.2f', {})",
        "minutes": "printf('%.2f', {})",
        "date": "CAST({} AS TEXT)",
        "datetime": "CAST({} AS TEXT)",  # Django keeps UTC as 'YYYY-MM-DD HH:MM:SS[.ffffff]'
        # A period holds a large share of the rows; SQLite would still pick an index
        # (on the period's column, or on the customer to group by) and look every row up
        # from it, which takes several times a plain scan. A unary + keeps it from using
        # the index (sqlite.org/optoverview.html).
        "scan": "+{}",
        "lines": "group_concat({}, char(10))",
    },
    "postgresql": {
        "money": "CAST({} AS TEXT)",
        "minutes": "CAST({} AS TEXT)",
        "date": "CAST({} AS TEXT)",
        "datetime": "to_char({} AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS.US')",
        "scan": "{}",  # PostgreSQL weighs index and scan by its statistics
        "lines": "string_agg({}, chr(10))",
    },
}

# What puts a record into the period (method.md: an invoice by its issue date, a time
# entry by its start, an interaction by its time, an offer by its sent date).
PERIOD_COLUMNS = {
    "invoices": ("i.issue_date", "date"),
    "interactions": ("x.at", "datetime"),
    "offers": ("o.sent_date", "date"),
    "direct_costs": ("k.date", "date"),
}


def load_portfolio(
    filters: dict[str, str] | None = None, tables: Sequence[str] | None = None
) -> Portfolio:
    """The whole database as a Portfolio; `filters` adds a WHERE clause per table, and
    `tables` names the only tables to load (the others are empty)."""
    frames = {
        name: _load_rows(TABLES_BY_NAME[name], _select(name, (filters or {}).get(name)))
        for name in QUERIES
        if tables is None or name in tables
    }
    return Portfolio.from_frames(frames)


def load_for_analysis(period: Period) -> Portfolio:
    """What `analyze` reads for `period`, giving the same result as `load_portfolio()`.

    * Invoices, interactions, offers and direct costs: only the rows in the period. The
      analysis looks at no other row of these tables (aggregate.py filters each by the
      same date or moment), so leaving the others out changes nothing.
    * Time entries: one row per customer that has entries in the period, holding the sum
      of their minutes and starting at the period's first moment. The analysis uses the
      time entries only as the period's minute sum per customer and whether there is
      any (`inactive`); one row with the exact sum gives both, and it lies in the period.
      Its other columns (billable, user, project, description) are not read.
    * Customers: all of them. Deliveries: none; the analysis does not read them.
    """
    moments = _utc_bounds(period)
    days = [connection.ops.adapt_datefield_value(day) for day in (period.start, period.end)]
    # The database adds up the time entries (the longest query) while this thread reads
    # the other tables.
    with _meanwhile(_time_sums, period, moments) as time_sums:
        frames = {"customers": _load_rows(TABLES_BY_NAME["customers"], _select("customers"))}
        numbers = _customer_numbers()
        for name, (column, kind) in PERIOD_COLUMNS.items():
            column = _vendor("scan", column)
            if kind == "date":
                where, params = f"{column} BETWEEN %s AND %s", days
            else:
                where, params = f"{column} >= %s AND {column} < %s", moments
            frames[name] = _load_text(TABLES_BY_NAME[name], where, params, numbers)
    frames["time_entries"] = time_sums.result()
    return Portfolio.from_frames(frames)


@contextlib.contextmanager
def _meanwhile(work: Callable[..., T], *args: object) -> Iterator[Future[T]]:
    """`work(*args)` in a thread of its own, on a database connection of its own, while
    the block runs; its future is done when the block ends.

    Inside a transaction it runs at once instead, on this connection: another connection
    would not see the transaction's rows yet (nor, in SQLite, an in-memory database).
    """
    if connection.in_atomic_block or _in_memory(connection):
        done: Future[T] = Future()
        done.set_result(work(*args))
        yield done
        return

    def on_own_connection() -> T:
        try:
            return work(*args)
        finally:
            connections.close_all()  # this thread's connections only

    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="loader") as pool:
        yield pool.submit(on_own_connection)


def _in_memory(db) -> bool:
    return db.vendor == "sqlite" and db.is_in_memory_db()


# --- the period in the database's terms ------------------------------------------------------


def _utc_bounds(period: Period) -> list[object]:
    """The period's local bounds as the instants the database compares its UTC times with.

    Datetimes are stored as instants, but the period is wall-clock days in TIME_ZONE: a
    record is in it when its local time is at or after `first_moment` and before
    `after_last_moment`. fold=0 turns each bound into the first instant whose local time
    reaches it, also when a clock change makes that local time repeat or skip, so the
    instants in between are exactly those whose local time is in the period (as long as
    no clock change moves local time back across midnight, which no zone does today).
    """
    zone = ZoneInfo(settings.TIME_ZONE)
    bounds = (period.first_moment, period.after_last_moment)
    instants = (moment.replace(tzinfo=zone, fold=0) for moment in bounds)
    return [connection.ops.adapt_datetimefield_value(instant) for instant in instants]


def _time_sums(period: Period, moments: Sequence[object]) -> pl.DataFrame:
    """One time entry per customer: the sum of its minutes in the period, at its start."""
    # Summed in hundredths of a minute: whole numbers, which every database adds up
    # exactly (SQLite keeps a decimal column as a float, and a float sum of two million
    # entries could be off by a cent).
    start, customer = _vendor("scan", "t.start"), _vendor("scan", "t.customer_id")
    sql = f"""
        SELECT c.number, s.cmin
        FROM (
            SELECT {customer} AS customer_id,
                   CAST(SUM(CAST(ROUND(t.minutes * 100) AS BIGINT)) AS BIGINT) AS cmin
            FROM activity_timeentry t
            WHERE {start} >= %s AND {start} < %s
            GROUP BY 1
        ) s JOIN customers_customer c ON c.id = s.customer_id"""
    with connection.cursor() as cursor:
        cursor.execute(sql, moments)
        rows = cursor.fetchall()
    sums = pl.DataFrame(rows, schema={"customer_id": pl.String, "cmin": pl.Int64}, orient="row")
    minutes = TIME_ENTRIES.column("minutes").dtype  # ten digits of minutes: 19,000 years
    return sums.select(
        "customer_id",
        start=pl.lit(period.first_moment, TIME_ENTRIES.column("start").dtype),
        minutes=(pl.col("cmin").cast(pl.Decimal(38, 2)) / 100).cast(minutes),
        billable=pl.lit(True),
        user=pl.lit(None, pl.String),
        project=pl.lit(None, pl.String),
        description=pl.lit(None, pl.String),
    )


# --- SQL ---------------------------------------------------------------------------------------


def _vendor(name: str, expression: str) -> str:
    return VENDOR_EXPRESSIONS[connection.vendor][name].format(expression)


def _as_text(kind: str, expression: str) -> str:
    """The column as the database gives it to polars: money, dates and datetimes as text."""
    if kind in {"money", "minutes", "date", "datetime"}:
        return _vendor(kind, expression)
    return expression


def _select(table: str, where: str | None = None) -> str:
    query = QUERIES[table]
    kinds = [column.kind for column in TABLES_BY_NAME[table].columns]
    values = ", ".join(_as_text(k, e) for k, e in zip(kinds, query.columns, strict=True))
    sql = f"SELECT {values} FROM {query.source}"
    return f"{sql} WHERE {where}" if where else sql


def _csv_line(table: Table) -> str:
    """SQL for a row of `table` as a line of CSV: NULL is empty, a string is quoted.

    Strings are quoted with " doubled, so any text (commas, quotes, line breaks) comes
    through; a string is never NULL in the database, "not given" is empty.
    """
    pairs = _line_values(table)
    if connection.vendor == "sqlite":
        # One printf writes the whole line, three times as fast as concatenating fields;
        # its %w doubles the " in a string, and %s writes NULL as nothing.
        formats = ",".join(_SQLITE_FORMATS.get(kind, "%s") for kind, _ in pairs)
        values = ", ".join(_sqlite_value(kind, e) for kind, e in pairs)
        return f"printf('{formats}', {values})"
    return " || ',' || ".join(_csv_field(kind, e) for kind, e in pairs)


def _line_values(table: Table) -> list[tuple[str, str]]:
    """(kind, SQL) per column; the customer as its key, which polars turns into the number
    (cheaper than a join and a quoted string per row)."""
    query = QUERIES[table.name]
    return [
        ("int", f"{query.alias}.customer_id") if column.name == "customer_id" else (column.kind, e)
        for column, e in zip(table.columns, query.columns, strict=True)
    ]


_SQLITE_FORMATS = {"string": '"%w"', "enum": '"%w"', "money": "%.2f", "minutes": "%.2f"}


def _sqlite_value(kind: str, expression: str) -> str:
    if kind in {"string", "enum"}:
        return f"COALESCE({expression}, '')"  # %w would write NULL as (NULL)
    if kind == "bool":
        return _bool_text(expression)
    return expression


def _csv_field(kind: str, expression: str) -> str:
    if kind in {"string", "enum"}:
        return f"""'"' || replace(COALESCE({expression}, ''), '"', '""') || '"'"""
    if kind == "bool":
        return _bool_text(expression)
    if kind == "int":
        return f"COALESCE(CAST({expression} AS TEXT), '')"
    # Any NULL would make the whole line NULL, and the row would be lost.
    return f"COALESCE({_as_text(kind, expression)}, '')"


def _bool_text(expression: str) -> str:
    return f"CASE WHEN {expression} THEN '1' WHEN NOT {expression} THEN '0' ELSE '' END"


def _lines_sql(table: Table, where: str) -> str:
    """One chunk of `table`'s rows matching `where` as CSV text, after a key, in key order.

    Parameters: those of `where`, the key to start after, the number of rows. Returns the
    text, the last key and the number of rows.
    """
    query = QUERIES[table.name]
    # A literal % (SQLite's printf) is written %% beside the placeholders of `where`.
    line = _csv_line(table).replace("%", "%%")
    return f"""
        SELECT {_vendor("lines", "line")}, MAX(row_key), COUNT(*)
        FROM (
            SELECT {line} AS line, {query.key} AS row_key
            FROM {query.table}
            WHERE {where} AND {query.key} > %s
            ORDER BY {query.key}
            LIMIT %s
        ) chunk"""


# --- fetching ----------------------------------------------------------------------------------


def _load_rows(table: Table, sql: str) -> pl.DataFrame:
    """The rows of `sql` fetched through the cursor, a chunk at a time."""
    names = table.column_names
    chunks = []
    with connection.cursor() as cursor:
        cursor.execute(sql)
        while rows := cursor.fetchmany(CHUNK_ROWS):
            raw = pl.DataFrame(rows, schema=names, orient="row", infer_schema_length=None)
            chunks.append(_typed(table, raw))
    return _concat(table, chunks)


def _load_text(
    table: Table, where: str, params: Sequence[object], numbers: pl.DataFrame
) -> pl.DataFrame:
    """The rows of `table` matching `where`, as CSV text written by the database.

    Fetching rows makes a Python object of every value, which costs several times what
    the database and polars need for them; as one text per chunk of rows, the database
    writes the values and polars parses them in bulk. `numbers`: `_customer_numbers()`.
    """
    sql, after, chunks = _lines_sql(table, where), SMALLEST_KEY, []
    with connection.cursor() as cursor:
        while True:
            cursor.execute(sql, [*params, after, TEXT_CHUNK_ROWS])
            text, after, count = cursor.fetchone()
            if count:
                chunks.append(_typed(table, _parse_lines(table, text, numbers)))
            if count < TEXT_CHUNK_ROWS:
                return _concat(table, chunks)


def _customer_numbers() -> pl.DataFrame:
    """Each customer's key and number."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT id, number FROM customers_customer")
        rows = cursor.fetchall()
    return pl.DataFrame(rows, schema={"id": pl.Int64, "number": pl.String}, orient="row")


def _parse_lines(table: Table, text: str, numbers: pl.DataFrame) -> pl.DataFrame:
    raw = pl.read_csv(
        text.encode(), has_header=False, infer_schema=False, new_columns=table.column_names
    )
    number = (
        pl.col("customer_id")
        .cast(pl.Int64)
        .replace_strict(numbers["id"], numbers["number"], default=None, return_dtype=pl.String)
    )
    return raw.with_columns(
        number.alias("customer_id"),
        *((pl.col(c.name) == "1").alias(c.name) for c in table.columns if c.kind == "bool"),
    )


def _concat(table: Table, chunks: list[pl.DataFrame]) -> pl.DataFrame:
    return pl.concat(chunks) if chunks else pl.DataFrame(schema=table.polars_schema)


# --- conversion --------------------------------------------------------------------------------


def _typed(table: Table, raw: pl.DataFrame) -> pl.DataFrame:
    return raw.select(_convert(column.kind, column.name, column.dtype) for column in table.columns)


def _convert(kind: str, name: str, dtype: pl.DataType) -> pl.Expr:
    col = pl.col(name)
    if kind in {"string", "enum"}:
        # The database keeps "not given" as an empty string; the portfolio as null.
        text = col.cast(pl.String)
        return pl.when(text == "").then(None).otherwise(text).alias(name)
    if kind == "date":
        return col.cast(pl.String).str.to_date("%Y-%m-%d").alias(name)
    if kind == "datetime":
        return (
            col.cast(pl.String)
            .str.to_datetime("%Y-%m-%d %H:%M:%S%.f", time_unit="us", time_zone="UTC")
            .dt.convert_time_zone(settings.TIME_ZONE)
            .dt.replace_time_zone(None)
            .alias(name)
        )
    return (
        col.cast(pl.String).cast(dtype).alias(name)
        if kind in {"money", "minutes"}
        else (col.cast(dtype).alias(name))
    )
