"""The portfolio folder format (shared/docs/data-format.md) as data.

One `Table` per CSV file, one `Column` per column. The reader validates against this,
the writer writes in this column order, and the analysis core relies on the polars
dtypes given by `Column.dtype`. Changing a name here changes a public format.
"""

from __future__ import annotations

from dataclasses import dataclass

import polars as pl

MONEY = pl.Decimal(18, 2)
MINUTES = pl.Decimal(12, 2)


@dataclass(frozen=True)
class Column:
    name: str
    kind: str  # string | date | datetime | money | minutes | int | bool | enum
    required: bool = False
    default: object = None
    choices: tuple[str, ...] = ()
    minimum: float | None = None
    maximum: float | None = None
    exclusive_minimum: bool = False
    # Free text that no rule checks and the analysis never reads (notes, descriptions):
    # a reader for the analysis may leave it out (`read_folder(..., free_text=False)`).
    free_text: bool = False

    @property
    def dtype(self) -> pl.DataType:
        return {
            "string": pl.String(),
            "enum": pl.String(),
            "date": pl.Date(),
            "datetime": pl.Datetime("us"),  # naive wall-clock time in the configured zone
            "money": MONEY,
            "minutes": MINUTES,
            "int": pl.Int64(),
            "bool": pl.Boolean(),
        }[self.kind]


@dataclass(frozen=True)
class Table:
    name: str  # the file is f"{name}.csv"
    columns: tuple[Column, ...]
    key: tuple[str, ...] = ()  # natural key, unique within the file

    @property
    def filename(self) -> str:
        return f"{self.name}.csv"

    @property
    def column_names(self) -> list[str]:
        return [c.name for c in self.columns]

    def column(self, name: str) -> Column:
        return next(c for c in self.columns if c.name == name)

    @property
    def polars_schema(self) -> dict[str, pl.DataType]:
        return {c.name: c.dtype for c in self.columns}


CUSTOMERS = Table(
    "customers",
    (
        Column("id", "string", required=True),
        Column("name", "string", required=True),
        Column("status", "enum", default="active", choices=("lead", "active", "ended")),
        Column("since", "date"),
        Column("potential", "int", minimum=1, maximum=5),
        Column("useful", "bool", default=False),
        Column("heart", "bool", default=False),
        Column("group_override", "enum", choices=("A", "B", "C")),
        Column("override_reason", "string"),
        Column("email", "string", free_text=True),
        Column("phone", "string", free_text=True),
        Column("notes", "string", free_text=True),
    ),
    key=("id",),
)

INVOICES = Table(
    "invoices",
    (
        Column("number", "string", required=True),
        Column("customer_id", "string", required=True),
        Column("issue_date", "date", required=True),
        Column("due_date", "date"),
        Column("net", "money", required=True),
        Column("currency", "enum", default="EUR"),  # checked as ISO 4217 shape: three letters
        Column("paid_date", "date"),
    ),
    key=("number",),
)

TIME_ENTRIES = Table(
    "time_entries",
    (
        Column("customer_id", "string", required=True),
        Column("start", "datetime", required=True),
        Column("minutes", "minutes", required=True, minimum=0, exclusive_minimum=True),
        Column("billable", "bool", default=True),
        Column("user", "string", free_text=True),
        Column("project", "string", free_text=True),
        Column("description", "string", free_text=True),
    ),
)

INTERACTIONS = Table(
    "interactions",
    (
        Column("customer_id", "string", required=True),
        Column("at", "datetime", required=True),
        Column(
            "channel",
            "enum",
            required=True,
            choices=("phone", "email", "meeting", "visit", "chat", "letter"),
        ),
        Column("direction", "enum", default="out", choices=("in", "out")),
        Column("planned", "bool", default=True),
        Column("minutes", "minutes", default=0, minimum=0),
        Column("tracked", "bool", default=False),
        Column("out_of_scope", "bool", default=False),
        Column("price_negotiation", "bool", default=False),
        Column("complaint", "enum", default="none", choices=("none", "justified", "unjustified")),
        Column("mood", "int", minimum=-2, maximum=2),
        Column("user", "string", free_text=True),
        Column("note", "string", free_text=True),
    ),
)

OFFERS = Table(
    "offers",
    (
        Column("number", "string", required=True),
        Column("customer_id", "string", required=True),
        Column("sent_date", "date", required=True),
        Column("valid_until", "date"),
        Column("amount", "money", required=True),
        Column(
            "status", "enum", default="open", choices=("open", "accepted", "declined", "expired")
        ),
        Column("decided_date", "date"),
    ),
    key=("number",),
)

DELIVERIES = Table(
    "deliveries",
    (
        Column("customer_id", "string", required=True),
        Column("title", "string", required=True),
        Column("delivered_date", "date", required=True),
        Column("live_date", "date"),
    ),
    key=("customer_id", "title", "delivered_date"),
)

# An extension of the shared format (allowed: any file may be missing): direct costs per
# customer (travel, material, subcontractors) that reduce the margin.
DIRECT_COSTS = Table(
    "direct_costs",
    (
        Column("customer_id", "string", required=True),
        Column("date", "date", required=True),
        Column("amount", "money", required=True),
        Column("description", "string", free_text=True),
    ),
)

TABLES: tuple[Table, ...] = (
    CUSTOMERS,
    INVOICES,
    TIME_ENTRIES,
    INTERACTIONS,
    OFFERS,
    DELIVERIES,
    DIRECT_COSTS,
)
TABLES_BY_NAME = {t.name: t for t in TABLES}
