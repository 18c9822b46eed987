"""The portfolio: every record the analysis needs, as typed polars frames.

A `Portfolio` comes from a folder (`reader.read_folder`), from the database
(`kundenwert.exchange.loader`) or from the demo generator, and always has one frame per
table of `schema.TABLES`, with exactly the columns and dtypes given there. Datetimes are
naive wall-clock times in the installation's time zone (Europe/Berlin by default), so a
record's date is the date the owner saw on the calendar.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import polars as pl

from kundenwert.portfolio.schema import TABLES, Table


@dataclass
class Portfolio:
    customers: pl.DataFrame
    invoices: pl.DataFrame
    time_entries: pl.DataFrame
    interactions: pl.DataFrame
    offers: pl.DataFrame
    deliveries: pl.DataFrame
    direct_costs: pl.DataFrame
    warnings: list[str] = field(default_factory=list)

    @classmethod
    def empty(cls) -> Portfolio:
        return cls(**{t.name: empty_frame(t) for t in TABLES}, warnings=[])

    @classmethod
    def from_frames(cls, frames: dict[str, pl.DataFrame]) -> Portfolio:
        """Missing tables become empty frames; columns are put in schema order."""
        return cls(
            **{
                t.name: frames[t.name].select(t.column_names)
                if t.name in frames
                else empty_frame(t)
                for t in TABLES
            },
            warnings=[],
        )

    def frame(self, table: Table | str) -> pl.DataFrame:
        return getattr(self, table if isinstance(table, str) else table.name)

    def is_empty(self) -> bool:
        return all(self.frame(t).height == 0 for t in TABLES)


def empty_frame(table: Table) -> pl.DataFrame:
    return pl.DataFrame(schema=table.polars_schema)
