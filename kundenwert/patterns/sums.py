"""The raw sums behind every pattern, per customer and bucket, in one pass per table.

A *bucket* is what a record's date falls into: a calendar quarter ("2026-Q3"), or the
"before" and "after" windows of a kaizen step. The caller passes a function that turns a
date expression into the bucket name, null for dates outside every bucket, so the same
sums serve quarters, the analysis period and measurements alike.

Dates: a time entry by its start, an interaction by its time, an invoice by its issue
date, as in the analysis (method.md, section 2). Amounts are summed as floats: patterns
are shares and averages, shown rounded.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import polars as pl

from kundenwert.analysis.aggregate import DEFAULT_CURRENCY, days_late_expr
from kundenwert.analysis.settings import AnalysisSettings
from kundenwert.patterns.settings import PatternSettings
from kundenwert.portfolio import Portfolio

Bucketer = Callable[[pl.Expr], pl.Expr]
KEYS = ["customer_id", "bucket"]

# Every sum column; a customer without records in a bucket has 0 in each.
SUM_COLUMNS = (
    "work_minutes",
    "odd_minutes",
    "unbilled_minutes",
    "untracked_minutes",
    "out_of_scope",
    "calls",
    "call_minutes",
    "mood_sum",
    "mood_count",
    "mood_negative",
    "gross",
    "credits",
    "invoices_due",
    "late_invoices",
    "days_late_sum",
)


def pattern_sums(
    portfolio: Portfolio,
    bucket_of: Bucketer,
    as_of: date,
    settings: PatternSettings,
    analysis: AnalysisSettings,
) -> pl.DataFrame:
    """One row per customer (of the customers frame) and bucket that has any record."""
    parts = [
        _time_sums(portfolio.time_entries, bucket_of, settings),
        _interaction_sums(portfolio.interactions, bucket_of),
        _invoice_sums(portfolio.invoices, bucket_of, as_of, analysis),
    ]
    keys = pl.concat([part.select(KEYS) for part in parts]).unique()
    frame = keys.join(portfolio.customers.select(customer_id="id"), on="customer_id")
    for part in parts:
        frame = frame.join(part, on=KEYS, how="left")
    return frame.with_columns(pl.col(c).fill_null(0).cast(pl.Float64) for c in SUM_COLUMNS)


def odd_hours_expr(settings: PatternSettings) -> pl.Expr:
    """A time entry at odd hours: starts on Sat/Sun, late in the evening or in the night."""
    start = pl.col("start")
    weekend = start.dt.weekday() >= 6  # ISO weekday: Saturday 6, Sunday 7
    hour = start.dt.hour()
    return weekend | (hour >= settings.evening_from_hour) | (hour < settings.night_until_hour)


def _time_sums(entries: pl.DataFrame, bucket_of: Bucketer, settings: PatternSettings):
    minutes = pl.col("minutes").cast(pl.Float64)
    return (
        entries.with_columns(bucket=bucket_of(pl.col("start").dt.date()))
        .filter(pl.col("bucket").is_not_null())
        .group_by(KEYS)
        .agg(
            work_minutes=minutes.sum(),
            odd_minutes=minutes.filter(odd_hours_expr(settings)).sum(),
            unbilled_minutes=minutes.filter(pl.col("billable").fill_null(True).not_()).sum(),
        )
    )


def _interaction_sums(interactions: pl.DataFrame, bucket_of: Bucketer) -> pl.DataFrame:
    minutes = pl.col("minutes").cast(pl.Float64).fill_null(0)
    # The analysis's unplanned call: inbound, unplanned, by phone.
    call = (
        pl.col("planned").fill_null(True).not_()
        & (pl.col("channel") == "phone")
        & (pl.col("direction").fill_null("out") == "in")
    )
    return (
        interactions.with_columns(bucket=bucket_of(pl.col("at").dt.date()))
        .filter(pl.col("bucket").is_not_null())
        .group_by(KEYS)
        .agg(
            untracked_minutes=minutes.filter(pl.col("tracked").fill_null(False).not_()).sum(),
            out_of_scope=pl.col("out_of_scope").fill_null(False).sum(),
            calls=call.sum(),
            call_minutes=minutes.filter(call).sum(),
            mood_sum=pl.col("mood").sum(),
            mood_count=pl.col("mood").count(),
            mood_negative=(pl.col("mood") <= -1).sum(),
        )
    )


def _invoice_sums(
    invoices: pl.DataFrame, bucket_of: Bucketer, as_of: date, analysis: AnalysisSettings
) -> pl.DataFrame:
    dated = invoices.with_columns(
        bucket=bucket_of(pl.col("issue_date")),
        currency=pl.col("currency").fill_null(DEFAULT_CURRENCY).str.to_uppercase(),
        days_late=days_late_expr(analysis, as_of),
    ).filter(pl.col("bucket").is_not_null())
    days_late = pl.col("days_late")
    lateness = dated.group_by(KEYS).agg(
        invoices_due=days_late.count(),
        late_invoices=(days_late > analysis.late_after_days).sum(),
        # An early payment counts as 0 days, as for the analysis's exit candidates.
        days_late_sum=days_late.clip(lower_bound=0).sum(),
    )
    return lateness.join(_amounts(dated), on=KEYS, how="left")


def _amounts(invoices: pl.DataFrame) -> pl.DataFrame:
    """Invoiced and credited amounts in the currency each customer's bucket used most.

    Amounts in different currencies do not add up, and a customer nearly always has one.
    """
    net = pl.col("net").cast(pl.Float64)
    per_currency = invoices.group_by([*KEYS, "currency"]).agg(
        gross=net.filter(net > 0).sum(), credits=(-net).filter(net < 0).sum()
    )
    return (
        per_currency.sort(["gross", "currency"], descending=[True, False])
        .group_by(KEYS, maintain_order=True)
        .first()
        .drop("currency")
    )
