"""Write a `Portfolio` as a portfolio folder (shared/docs/data-format.md).

The bytes depend only on the frames: UTF-8 without a byte order mark, `\\n` line endings,
the header in schema order, rows in frame order (callers sort), and every value in the one
form the reader reads back unchanged, so that write -> read -> write gives identical files:
dates `YYYY-MM-DD`, datetimes `YYYY-MM-DDTHH:MM:SS` (fractions of a second are dropped, as
the reader does), decimals with exactly two decimals, bools `true`/`false`, None empty.
A blank string is written as an empty field, because the reader reads it as None anyway.
"""

from __future__ import annotations

import os
from pathlib import Path

import polars as pl

from kundenwert.lib.parsing import WHITESPACE
from kundenwert.portfolio import Portfolio
from kundenwert.portfolio.schema import TABLES, Column, Table


def write_folder(portfolio: Portfolio, path: Path) -> list[Path]:
    """Write one file per table (a header only when it has no rows); return their paths."""
    path = Path(path)
    path.mkdir(parents=True, exist_ok=True)
    return [
        _write_file(path / table.filename, csv_bytes(table, portfolio.frame(table)))
        for table in TABLES
    ]


def csv_bytes(table: Table, frame: pl.DataFrame) -> bytes:
    return (
        format_frame(table, frame).write_csv(line_terminator="\n", quote_style="necessary").encode()
    )


def format_frame(table: Table, frame: pl.DataFrame) -> pl.DataFrame:
    """The frame as the text of its CSV file: one string column per schema column."""
    typed = frame.select(table.column_names).cast(pl.Schema(table.polars_schema))
    return typed.select(_formatted(column) for column in table.columns)


def _formatted(column: Column) -> pl.Expr:
    value = pl.col(column.name)
    match column.kind:
        case "date":
            text = value.dt.strftime("%Y-%m-%d")
        case "datetime":
            text = value.dt.strftime("%Y-%m-%dT%H:%M:%S")
        case "bool":
            text = pl.when(value).then(pl.lit("true")).when(~value).then(pl.lit("false"))
        case "string" | "enum":
            text = pl.when(value.str.strip_chars(WHITESPACE) != "").then(value)
        case _:  # money, minutes (their scale gives the two decimals), int
            text = value.cast(pl.String)
    return text.alias(column.name)


def _write_file(target: Path, data: bytes) -> Path:
    # Write beside the target and rename, so that a reader never sees half a file.
    partial = target.with_name(f".{target.name}.partial")
    partial.write_bytes(data)
    os.replace(partial, target)
    return target
