"""The customer list: filter, sort and page the analysis' customer frame.

The analysis already holds every customer with group, reasons and figures, so the list
never queries customers one by one: a polars filter and sort over 5,000 rows takes a few
milliseconds, and the page shows a slice of it.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import polars as pl

PAGE_SIZE = 50
# Sort key -> (frame column, descending first). Figures sort biggest first, names A to Z.
SORTS = {
    "name": ("name", False),
    "group": ("group", False),
    "revenue": ("revenue_cents", True),
    "hours": ("effort_hours", True),
    "margin": ("margin_cents", True),
    "rate": ("hourly_rate_cents", True),
}
COLUMNS = (
    "id",
    "name",
    "status",
    "group",
    "reasons",
    "deciding",
    "exit_candidate",
    "revenue_cents",
    "effort_hours",
    "margin_cents",
    "hourly_rate_cents",
)


@dataclass(frozen=True)
class ListQuery:
    text: str = ""
    group: str = ""  # "A", "B", "C", "none" or "" for all
    status: str = ""
    reason: str = ""
    exit_only: bool = False
    sort: str = "revenue"  # a key of SORTS, "-" in front reverses it
    page: int = 1


@dataclass(frozen=True)
class ListPage:
    rows: list[dict]
    total: int
    page: int
    pages: int

    @property
    def has_previous(self) -> bool:
        return self.page > 1

    @property
    def has_next(self) -> bool:
        return self.page < self.pages


def customer_page(frame: pl.DataFrame, query: ListQuery) -> ListPage:
    found = sorted_frame(filtered(frame.select(COLUMNS), query), query.sort)
    pages = max(1, math.ceil(found.height / PAGE_SIZE))
    page = min(max(query.page, 1), pages)
    rows = found.slice((page - 1) * PAGE_SIZE, PAGE_SIZE).to_dicts()
    return ListPage(rows, found.height, page, pages)


def filtered(frame: pl.DataFrame, query: ListQuery) -> pl.DataFrame:
    conditions = []
    if query.text:
        needle = query.text.strip().casefold()
        conditions.append(
            pl.col("name").str.to_lowercase().str.contains(needle, literal=True)
            | (pl.col("id").str.to_lowercase() == needle)
        )
    if query.group == "none":
        conditions.append(pl.col("group").is_null())
    elif query.group:
        conditions.append(pl.col("group") == query.group)
    if query.status:
        conditions.append(pl.col("status") == query.status)
    if query.reason:
        conditions.append(pl.col("reasons").list.contains(query.reason))
    if query.exit_only:
        conditions.append(pl.col("exit_candidate"))
    return frame.filter(*conditions) if conditions else frame


def sorted_frame(frame: pl.DataFrame, sort: str) -> pl.DataFrame:
    key = sort.lstrip("-")
    column, descending = SORTS.get(key, SORTS["revenue"])
    if sort.startswith("-"):
        descending = not descending
    # Ties by name, so paging through equal figures is stable.
    return frame.sort([column, "name"], descending=[descending, False], nulls_last=True)
