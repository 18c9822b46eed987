"""One customer's part of a portfolio, so per-customer figures touch only its records."""

from __future__ import annotations

import polars as pl

from kundenwert.portfolio import Portfolio
from kundenwert.portfolio.schema import TABLES


def one_customer(portfolio: Portfolio, customer_id: str) -> Portfolio:
    frames = {}
    for table in TABLES:
        frame = portfolio.frame(table)
        column = "id" if table.name == "customers" else "customer_id"
        frames[table.name] = frame.filter(pl.col(column) == customer_id)
    return Portfolio.from_frames(frames)
