"""Rows collected per table, numbered and sorted once at the end, then turned into frames."""

from __future__ import annotations

from collections import Counter
from decimal import Decimal
from typing import Any

import polars as pl

from kundenwert.portfolio.schema import TABLES, Table

Row = dict[str, Any]

# The order rows come out in: documents by number, everything else by time, then customer.
SORT_KEYS: dict[str, tuple[str, ...]] = {
    "customers": ("id",),
    "invoices": ("number",),
    "time_entries": ("start", "customer_id"),
    "interactions": ("at", "customer_id"),
    "offers": ("number",),
    "deliveries": ("delivered_date", "customer_id", "title"),
    "direct_costs": ("date", "customer_id", "description"),
}


class Records:
    def __init__(self) -> None:
        self.rows: dict[str, list[Row]] = {t.name: [] for t in TABLES}

    def add(self, table: Table, **values: Any) -> Row:
        """A row with every column of `table`; columns not given get their default."""
        unknown = set(values) - set(table.column_names)
        if unknown:
            raise KeyError(f"{table.name}: unknown columns {sorted(unknown)}")
        row = {c.name: _typed(c.kind, values.get(c.name, c.default)) for c in table.columns}
        self.rows[table.name].append(row)
        return row

    def number(self, table: Table, date_column: str, prefix: str) -> None:
        """Gives documents numbers like RE-2025-0001, counting up per year by date.

        Python's sort is stable, so same-day documents keep the order they were built in
        and the numbering is the same on every run.
        """
        rows = sorted(self.rows[table.name], key=lambda r: (r[date_column], r["customer_id"]))
        per_year: Counter[int] = Counter()
        for row in rows:
            year = row[date_column].year
            per_year[year] += 1
            row["number"] = f"{prefix}-{year}-{per_year[year]:04d}"

    def frames(self) -> dict[str, pl.DataFrame]:
        frames = {}
        for table in TABLES:
            keys = SORT_KEYS[table.name]
            rows = sorted(self.rows[table.name], key=lambda r, k=keys: tuple(r[c] for c in k))
            frames[table.name] = pl.DataFrame(rows, schema=table.polars_schema)
        return frames


def _typed(kind: str, value: Any) -> Any:
    if value is not None and kind in ("money", "minutes"):
        return Decimal(value).quantize(Decimal("0.01"))
    return value
