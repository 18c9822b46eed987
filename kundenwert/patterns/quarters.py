"""Patterns per calendar quarter, and their trend.

The quarters are the `settings.quarters` calendar quarters up to the one holding the
as-of date; records after the as-of date do not count. The quarter holding the as-of date
is shown as it stands (`partial`), but a quarter that is not over never decides a trend:
counts in it are still growing.

Trend: the latest complete quarter whose figure has `enough` basis, against the mean of
up to `settings.trend_quarters` such quarters before it. It is `worse`, `better` or
`unchanged` by the pattern's own threshold (catalogue.Pattern.moved_by), and absent when
there are fewer than two such quarters.
"""

from __future__ import annotations

from datetime import date, timedelta

import polars as pl

from kundenwert.analysis.settings import AnalysisSettings
from kundenwert.patterns.catalogue import PATTERNS
from kundenwert.patterns.figures import figures, full_grid
from kundenwert.patterns.settings import PatternSettings
from kundenwert.patterns.sums import pattern_sums
from kundenwert.portfolio import Portfolio


def quarter_label(day: date) -> str:
    return f"{day.year}-Q{(day.month - 1) // 3 + 1}"


def quarter_bounds(label: str) -> tuple[date, date]:
    """First and last day of a quarter given as '2026-Q3'."""
    year, quarter = int(label[:4]), int(label[-1])
    first = date(year, 3 * quarter - 2, 1)
    after = date(year + (quarter == 4), (3 * quarter) % 12 + 1, 1)
    return first, after - timedelta(days=1)


def last_quarters(as_of: date, count: int) -> list[str]:
    """Labels of the `count` quarters up to the one holding as_of, oldest first."""
    index = as_of.year * 4 + (as_of.month - 1) // 3
    return [f"{i // 4}-Q{i % 4 + 1}" for i in range(index - count + 1, index + 1)]


def quarterly(
    portfolio: Portfolio,
    as_of: date,
    settings: PatternSettings | None = None,
    analysis: AnalysisSettings | None = None,
) -> pl.DataFrame:
    """Every customer's figures per quarter: figures.py's columns plus `partial`."""
    settings = settings or PatternSettings()
    labels = last_quarters(as_of, settings.quarters)
    first_day = quarter_bounds(labels[0])[0]

    def bucket_of(day: pl.Expr) -> pl.Expr:
        label = pl.format("{}-Q{}", day.dt.year(), day.dt.quarter())
        return pl.when(day.is_between(first_day, as_of)).then(label)

    sums = pattern_sums(portfolio, bucket_of, as_of, settings, analysis or AnalysisSettings())
    grid = full_grid(sums, portfolio.customers["id"].to_list(), labels)
    current = quarter_label(as_of)
    partial = quarter_bounds(current)[1] > as_of
    return figures(grid, settings).with_columns(
        partial=(pl.col("bucket") == current) & pl.lit(partial)
    )


def trends(quarters: pl.DataFrame, settings: PatternSettings | None = None) -> pl.DataFrame:
    """customer_id, pattern, latest_quarter, latest, baseline, direction (see above)."""
    settings = settings or PatternSettings()
    values = pl.col("value").sort_by("bucket")
    usable = quarters.filter(pl.col("enough") & ~pl.col("partial") & pl.col("value").is_not_null())
    series = usable.group_by("customer_id", "pattern").agg(
        latest_quarter=pl.col("bucket").sort().last(),
        latest=values.last(),
        baseline=values.slice(-settings.trend_quarters - 1, settings.trend_quarters).mean(),
        quarters=pl.len(),
    )
    series = series.with_columns(
        baseline=pl.when(pl.col("quarters") >= 2).then(pl.col("baseline"))
    ).drop("quarters")
    return series.join(_readings(settings), on="pattern").select(
        "customer_id",
        "pattern",
        "latest_quarter",
        "latest",
        "baseline",
        direction=_direction(pl.col("baseline"), pl.col("latest")),
    )


def _readings(settings: PatternSettings) -> pl.DataFrame:
    """How each pattern is read, as a frame to join: its threshold and its worse side."""
    return pl.DataFrame(
        {
            "pattern": [p.key for p in PATTERNS],
            "moved_by": [p.moved_by(settings) for p in PATTERNS],
            "higher_is_worse": [p.higher_is_worse for p in PATTERNS],
        }
    )


def _direction(before: pl.Expr, after: pl.Expr) -> pl.Expr:
    """catalogue.Pattern.change_direction, over columns (null when either is missing)."""
    change = after - before
    rose_is_worse = (change > 0) == pl.col("higher_is_worse")
    return (
        pl.when(before.is_null() | after.is_null())
        .then(None)
        .when(change.abs() + 1e-9 < pl.col("moved_by"))
        .then(pl.lit("unchanged"))
        .when(rose_is_worse)
        .then(pl.lit("worse"))
        .otherwise(pl.lit("better"))
    )
