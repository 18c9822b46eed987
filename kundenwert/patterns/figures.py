"""From the sums to one row per customer, bucket and pattern: the figure and what it rests on.

Columns: customer_id, bucket, pattern, value (the figure; null when it cannot be formed),
part and basis (the figure's numerator and denominator in their own units, e.g. 3 of 10
hours), count (a count worth naming next to it, e.g. the number of calls) and enough
(whether the basis carries a judgement: a share of hours needs `min_hours` hours).
"""

from __future__ import annotations

import polars as pl

from kundenwert.patterns.catalogue import PATTERN_KEYS
from kundenwert.patterns.settings import PatternSettings
from kundenwert.patterns.sums import KEYS, SUM_COLUMNS

FIGURE_COLUMNS = ("value", "part", "basis", "count", "enough")
NONE = pl.lit(None, dtype=pl.Float64)


def full_grid(sums: pl.DataFrame, customer_ids: list[str], buckets: list[str]) -> pl.DataFrame:
    """The sums for every customer and bucket; a bucket without records has zeros."""
    grid = pl.DataFrame({"customer_id": customer_ids}, schema={"customer_id": pl.String}).join(
        pl.DataFrame({"bucket": buckets}, schema={"bucket": pl.String}), how="cross"
    )
    return grid.join(sums, on=KEYS, how="left").with_columns(
        pl.col(c).fill_null(0.0) for c in SUM_COLUMNS
    )


def figures(sums: pl.DataFrame, settings: PatternSettings) -> pl.DataFrame:
    """The long frame of every pattern's figure per customer and bucket."""
    definitions = _definitions(settings)
    return pl.concat(
        [
            sums.select(
                *KEYS,
                pattern=pl.lit(key),
                **{name: expr for name, expr in zip(FIGURE_COLUMNS, definitions[key], strict=True)},
            )
            for key in PATTERN_KEYS
        ],
        how="vertical",
    )


def _ratio(part: pl.Expr, basis: pl.Expr) -> pl.Expr:
    return pl.when(basis > 0).then(part / basis)


def _definitions(settings: PatternSettings) -> dict[str, tuple[pl.Expr, ...]]:
    """(value, part, basis, count, enough) per pattern, all Float64 but `enough`."""
    hours = pl.col("work_minutes") / 60
    effort = (pl.col("work_minutes") + pl.col("untracked_minutes")) / 60
    odd, unbilled = pl.col("odd_minutes") / 60, pl.col("unbilled_minutes") / 60
    calls = pl.col("call_minutes") / 60
    enough_hours = hours >= settings.min_hours
    return {
        "odd_hours": (_ratio(odd, hours), odd, hours, NONE, enough_hours),
        "unbilled": (_ratio(unbilled, hours), unbilled, hours, NONE, enough_hours),
        "discount": (
            _ratio(pl.col("credits"), pl.col("gross")),
            pl.col("credits"),
            pl.col("gross"),
            NONE,
            pl.col("gross") > 0,
        ),
        "out_of_scope": (pl.col("out_of_scope"), NONE, NONE, pl.col("out_of_scope"), pl.lit(True)),
        "days_late": (
            _ratio(pl.col("days_late_sum"), pl.col("invoices_due")),
            NONE,
            pl.col("invoices_due"),
            pl.col("late_invoices"),
            pl.col("invoices_due") > 0,
        ),
        "unplanned_calls": (
            _ratio(calls, effort),
            calls,
            effort,
            pl.col("calls"),
            effort >= settings.min_hours,
        ),
        "mood": (
            _ratio(pl.col("mood_sum"), pl.col("mood_count")),
            NONE,
            pl.col("mood_count"),
            pl.col("mood_negative"),
            pl.col("mood_count") > 0,
        ),
    }
