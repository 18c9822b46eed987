"""Loads the database into a `Portfolio`: the same typed frames a portfolio folder gives.

Plain SQL instead of the ORM because this runs over millions of time entries: every value
is selected as text in a form polars parses in bulk (money as `12.50`, datetimes in UTC),
fetched in chunks so memory stays flat, and converted column by column.
"""

from __future__ import annotations

from collections.abc import Callable

import polars as pl
from django.conf import settings
from django.db import connection

from kundenwert.portfolio import Portfolio
from kundenwert.portfolio.schema import TABLES_BY_NAME, Table

CHUNK_ROWS = 100_000

# For each table: (SQL table, alias.column or expression per portfolio column, joins).
# `{money:x}`, `{dt:x}`, `{date:x}` are replaced per database vendor below.
QUERIES: dict[str, str] = {
    "customers": """
        SELECT c.number, c.name, c.status, {date:c.since}, c.potential, c.useful, c.heart,
               c.group_override, c.override_reason, c.email, c.phone, c.notes
        FROM customers_customer c""",
    "invoices": """
        SELECT i.number, c.number, {date:i.issue_date}, {date:i.due_date}, {money:i.net},
               i.currency, {date:i.paid_date}
        FROM billing_invoice i JOIN customers_customer c ON c.id = i.customer_id""",
    "time_entries": """
        SELECT c.number, {dt:t.start}, {money:t.minutes}, t.billable, t.user_name, t.project,
               t.description
        FROM activity_timeentry t JOIN customers_customer c ON c.id = t.customer_id""",
    "interactions": """
        SELECT c.number, {dt:x.at}, x.channel, x.direction, x.planned, {money:x.minutes},
               x.tracked, x.out_of_scope, x.price_negotiation, x.complaint, x.mood,
               x.user_name, x.note
        FROM activity_interaction x JOIN customers_customer c ON c.id = x.customer_id""",
    "offers": """
        SELECT o.number, c.number, {date:o.sent_date}, {date:o.valid_until}, {money:o.amount},
               o.status, {date:o.decided_date}
        FROM sales_offer o JOIN customers_customer c ON c.id = o.customer_id""",
    "deliveries": """
        SELECT c.number, d.title, {date:d.delivered_date}, {date:d.live_date}
        FROM sales_delivery d JOIN customers_customer c ON c.id = d.customer_id""",
    "direct_costs": """
        SELECT c.number, {date:k.date}, {money:k.amount}, k.description
        FROM billing_directcost k JOIN customers_customer c ON c.id = k.customer_id""",
}

VENDOR_EXPRESSIONS: dict[str, dict[str, str]] = {
    "sqlite": {
        "money": "printf('%.2f', {})",
        "date": "CAST({} AS TEXT)",
        "dt": "CAST({} AS TEXT)",  # Django keeps UTC as 'YYYY-MM-DD HH:MM:SS[.ffffff]'
    },
    "postgresql": {
        "money": "CAST({} AS TEXT)",
        "date": "CAST({} AS TEXT)",
        "dt": "to_char({} AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS.US')",
    },
}


def load_portfolio(filters: dict[str, str] | None = None) -> Portfolio:
    """The whole database as a Portfolio; `filters` adds a WHERE clause per table."""
    frames = {
        name: _load_table(TABLES_BY_NAME[name], _sql(name, (filters or {}).get(name)))
        for name in QUERIES
    }
    return Portfolio.from_frames(frames)


def _sql(table: str, where: str | None) -> str:
    expressions = VENDOR_EXPRESSIONS[connection.vendor]
    sql = QUERIES[table]
    for kind, template in expressions.items():
        sql = _replace_markers(sql, kind, template.format)
    return f"{sql} WHERE {where}" if where else sql


def _replace_markers(sql: str, kind: str, render: Callable[[str], str]) -> str:
    marker = "{" + kind + ":"
    while marker in sql:
        start = sql.index(marker)
        end = sql.index("}", start)
        sql = sql[:start] + render(sql[start + len(marker) : end]) + sql[end + 1 :]
    return sql


def _load_table(table: Table, sql: str) -> pl.DataFrame:
    names = table.column_names
    chunks = []
    with connection.cursor() as cursor:
        cursor.execute(sql)
        while rows := cursor.fetchmany(CHUNK_ROWS):
            raw = pl.DataFrame(rows, schema=names, orient="row", infer_schema_length=None)
            chunks.append(_typed(table, raw))
    if not chunks:
        return pl.DataFrame(schema=table.polars_schema)
    return pl.concat(chunks)


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
