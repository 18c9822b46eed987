"""Portfolio frames from short Python rows, for tests.

Each row is a dict with only the columns a test cares about; every other column gets the
format's default (schema.py) or a builder default below, and values are converted to the
schema's dtypes (money and minutes may be given as int, float, str or Decimal; dates as
date or "YYYY-MM-DD"; datetimes as datetime, date or "YYYY-MM-DDTHH:MM").

    p = make_portfolio(
        customers=[{"id": "a"}, {"id": "b", "heart": True}],
        invoices=[{"customer_id": "a", "net": 1000}],
        time_entries=[{"customer_id": "a", "minutes": 90}],
    )

The fluent `PortfolioBuilder` does the same with one call per record:

    p = PortfolioBuilder().customer("a").invoice("a", net=1000).build()

Default dates lie inside the default period ending on AS_OF. `run(portfolio, **settings)`
analyses as of AS_OF with the given settings changed.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Mapping
from datetime import date, datetime, time
from decimal import Decimal
from typing import Any

import polars as pl

from kundenwert.analysis import AnalysisResult, AnalysisSettings, Period, analyze
from kundenwert.portfolio import Portfolio
from kundenwert.portfolio.schema import TABLES_BY_NAME, Table

AS_OF = date(2026, 11, 23)
IN_PERIOD = date(2026, 6, 15)  # a day well inside the 365 days ending on AS_OF

Row = Mapping[str, Any]

_numbers = itertools.count(1)

# Defaults for required columns, so rows can leave them out; callables get the row.
BUILDER_DEFAULTS: dict[str, dict[str, Any]] = {
    "customers": {
        "id": lambda row: f"c{next(_numbers)}",
        "name": lambda row: f"Customer {row['id']}",
    },
    "invoices": {
        "number": lambda row: f"INV-{next(_numbers)}",
        "customer_id": "c1",
        "issue_date": IN_PERIOD,
        "net": 100,
    },
    "time_entries": {
        "customer_id": "c1",
        "start": datetime.combine(IN_PERIOD, time(9)),
        "minutes": 60,
    },
    "interactions": {
        "customer_id": "c1",
        "at": datetime.combine(IN_PERIOD, time(10)),
        "channel": "email",
    },
    "offers": {
        "number": lambda row: f"OFF-{next(_numbers)}",
        "customer_id": "c1",
        "sent_date": IN_PERIOD,
        "amount": 1000,
    },
    "deliveries": {"customer_id": "c1", "title": "Delivery", "delivered_date": IN_PERIOD},
    "direct_costs": {"customer_id": "c1", "date": IN_PERIOD, "amount": 0},
}


def make_frame(table: str | Table, rows: Iterable[Row] = ()) -> pl.DataFrame:
    """A frame of `table` with the schema's columns and dtypes, defaults filled in."""
    table = TABLES_BY_NAME[table] if isinstance(table, str) else table
    full = [_complete(table, row) for row in rows]
    columns = {c.name: [_convert(c.kind, row[c.name]) for row in full] for c in table.columns}
    return pl.DataFrame(columns, schema=table.polars_schema)


def make_portfolio(**tables: Iterable[Row]) -> Portfolio:
    """A Portfolio from rows per table name; tables not given are empty."""
    unknown = set(tables) - set(TABLES_BY_NAME)
    if unknown:
        raise KeyError(f"unknown tables: {sorted(unknown)}")
    return Portfolio.from_frames({name: make_frame(name, rows) for name, rows in tables.items()})


class PortfolioBuilder:
    """Collects rows one record at a time; `build()` makes the Portfolio."""

    def __init__(self) -> None:
        self.rows: dict[str, list[dict[str, Any]]] = {name: [] for name in TABLES_BY_NAME}

    def add(self, table: str, **values: Any) -> PortfolioBuilder:
        self.rows[table].append(values)
        return self

    def customer(self, id: str, **values: Any) -> PortfolioBuilder:
        return self.add("customers", id=id, **values)

    def invoice(self, customer_id: str, **values: Any) -> PortfolioBuilder:
        return self.add("invoices", customer_id=customer_id, **values)

    def time_entry(self, customer_id: str, **values: Any) -> PortfolioBuilder:
        return self.add("time_entries", customer_id=customer_id, **values)

    def interaction(self, customer_id: str, **values: Any) -> PortfolioBuilder:
        return self.add("interactions", customer_id=customer_id, **values)

    def offer(self, customer_id: str, **values: Any) -> PortfolioBuilder:
        return self.add("offers", customer_id=customer_id, **values)

    def delivery(self, customer_id: str, **values: Any) -> PortfolioBuilder:
        return self.add("deliveries", customer_id=customer_id, **values)

    def direct_cost(self, customer_id: str, **values: Any) -> PortfolioBuilder:
        return self.add("direct_costs", customer_id=customer_id, **values)

    def build(self) -> Portfolio:
        return make_portfolio(**self.rows)


def run(
    portfolio: Portfolio,
    *,
    as_of: date = AS_OF,
    period: Period | None = None,
    **settings: Any,
) -> AnalysisResult:
    """analyze() as of AS_OF with default settings, except those given."""
    return analyze(portfolio, AnalysisSettings(**settings), as_of, period)


def _complete(table: Table, row: Row) -> dict[str, Any]:
    unknown = set(row) - set(table.column_names)
    if unknown:
        raise KeyError(f"{table.name}: unknown columns {sorted(unknown)}")
    full = dict(row)
    for column in table.columns:
        if column.name in full:
            continue
        default = BUILDER_DEFAULTS[table.name].get(column.name, column.default)
        full[column.name] = default(full) if callable(default) else default
    return full


def _convert(kind: str, value: Any) -> Any:
    if value is None:
        return None
    if kind in ("money", "minutes"):
        return value if isinstance(value, Decimal) else Decimal(str(value))
    if kind == "date" and isinstance(value, str):
        return date.fromisoformat(value)
    if kind == "datetime":
        if isinstance(value, str):
            return datetime.fromisoformat(value)
        if not isinstance(value, datetime):
            return datetime.combine(value, time())
    return value
