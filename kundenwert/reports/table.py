"""The exporter mechanism: a table of typed columns and rows of plain values.

An exporter only says what the rows are; the renderers (xlsx.py, delimited.py) decide how
each kind of value is written in each format. Values are Python values, never formatted
text: `Decimal` for money and exact amounts, `float` for hours, shares and averages, `date`
and aware `datetime`, `bool`, `str`, and `None` for a missing figure (an infinite ratio is
missing too, as in the analysis JSON).

A column's `key` is its stable name: the header of the plain CSV, which programs read, and
where a list matches the portfolio folder (invoices, interactions), the folder's own column
name. Its `label` is the header people read (XLSX and German CSV), in the language the table
was built in. `choices` turns stored codes (a channel, a group, a reason code) into labels
for people; programs get the codes.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

TEXT = "text"
INT = "int"
MONEY = "money"  # Decimal with two places
DECIMAL = "decimal"  # another exact amount, e.g. minutes
NUMBER = "number"  # a float: hours, averages
PERCENT = "percent"  # a share as a ratio, 0.25 for 25 %
DATE = "date"
DATETIME = "datetime"  # aware; written as local wall-clock time
BOOL = "bool"
CODES = "codes"  # a list of codes, e.g. reason codes
LINES = "lines"  # a list of sentences, e.g. explained reasons

KINDS = (TEXT, INT, MONEY, DECIMAL, NUMBER, PERCENT, DATE, DATETIME, BOOL, CODES, LINES)

# Column widths in characters for XLSX, by kind, when a column does not set its own.
WIDTHS = {
    TEXT: 24,
    INT: 10,
    MONEY: 14,
    DECIMAL: 12,
    NUMBER: 12,
    PERCENT: 10,
    DATE: 12,
    DATETIME: 17,
    BOOL: 9,
    CODES: 30,
    LINES: 70,
}


@dataclass(frozen=True)
class Column:
    key: str
    label: str
    kind: str = TEXT
    decimals: int = 2  # for NUMBER and PERCENT (of the percentage: 1 shows 12.5 %)
    width: int | None = None
    choices: Mapping[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"unknown column kind {self.kind!r}")

    @property
    def xlsx_width(self) -> int:
        return self.width or max(WIDTHS[self.kind], len(self.label) + 2)

    def shown(self, code: str) -> str:
        """A code as people read it: its label, or the code when it has none."""
        return self.choices.get(code, code)


@dataclass(frozen=True)
class Table:
    name: str  # the file name's stem, e.g. "kunden-2026-11-23"
    title: str  # the sheet's title
    columns: Sequence[Column]
    rows: Iterable[Sequence[object]]  # one value per column; may be a generator, read once
