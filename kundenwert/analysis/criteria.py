"""The criteria of method.md: one boolean column `is_<code>` per reason code.

Every comparison with a threshold is exact: amounts are integers (metrics.py) and a
setting such as 0.8 is read as the fraction 4/5 it was written as. So "ranked-before
revenue exactly 80 %" is not high revenue (method.md: "< 80 %"), and an effort ratio of
exactly 1.5 is disproportionate (">= 1.5").

`disproportionate_effort` is reported as `low_revenue_high_effort` for a customer that
is not `high_revenue`, as method.md names it; each customer carries one of the two.

Read to the letter where method.md is terse: `talker` compares call minutes with 20 % of
the effort minutes as written (calls of 0 minutes by a customer without effort satisfy
it); `rude` needs at least one rating even when `rude_ratings_min` is set to 0.
"""

from __future__ import annotations

import polars as pl

from kundenwert.analysis.metrics import PortfolioSums, exact_ratio, integer
from kundenwert.analysis.settings import AnalysisSettings

# Reason codes in method.md's order; the reasons of a customer are listed in this order.
REASON_CODES = (
    "high_revenue",
    "proportional_effort",
    "disproportionate_effort",
    "low_revenue_high_effort",
    "late_payer",
    "haggler",
    "talker",
    "empty_promises",
    "unjustified_complaints",
    "rude",
    "potential",
    "useful",
    "heart",
    "inactive",
)


def holds(code: str) -> pl.Expr:
    """The boolean column of a criterion."""
    return pl.col(f"is_{code}")


def with_criteria(
    frame: pl.DataFrame, settings: AnalysisSettings, sums: PortfolioSums
) -> pl.DataFrame:
    """The frame with an `is_<code>` column per reason code and the `reasons` list."""
    frame = frame.with_columns(
        is_high_revenue=_high_revenue(settings, sums),
        effort_at_limit=_effort_ratio_at_limit(settings, sums),
        **{f"is_{code}": expr for code, expr in _simple_criteria(settings).items()},
    )
    disproportionate = (pl.col("effort_cmin") > 0) & pl.col("effort_at_limit")
    frame = frame.with_columns(
        is_proportional_effort=holds("high_revenue") & ~pl.col("effort_at_limit"),
        is_disproportionate_effort=disproportionate & holds("high_revenue"),
        is_low_revenue_high_effort=disproportionate & ~holds("high_revenue"),
    )
    return with_code_list(frame, "reasons", [(code, holds(code)) for code in REASON_CODES])


def with_code_list(
    frame: pl.DataFrame, name: str, conditions: list[tuple[str, pl.Expr]]
) -> pl.DataFrame:
    """`frame` with a list column `name`: per row, the codes whose condition holds, in order.

    Each row's conditions become the bits of one number, and the list is made once per
    distinct number: customers share few combinations, while polars' `concat_list` over
    20,000 rows costs about 50 ms.
    """
    bits = pl.sum_horizontal(
        condition.fill_null(False).cast(pl.Int64) * (1 << position)
        for position, (_, condition) in enumerate(conditions)
    )
    masks = frame.select(bits.alias(name)).get_column(name)
    distinct = masks.unique()
    lists = [
        [code for position, (code, _) in enumerate(conditions) if mask >> position & 1]
        for mask in distinct
    ]
    index = masks.replace_strict(distinct, pl.int_range(len(distinct), eager=True))
    codes = pl.Series(name, lists, dtype=pl.List(pl.String)).gather(index)
    return frame.with_columns(codes)


def _high_revenue(settings: AnalysisSettings, sums: PortfolioSums) -> pl.Expr:
    # before / total < share  <=>  before * den < num * total
    num, den = exact_ratio(settings.high_revenue_share)
    limit = integer(num * sums.positive_revenue_cents)
    return (pl.col("revenue_cents") > 0) & (pl.col("revenue_before_cents") * integer(den) < limit)


def _effort_ratio_at_limit(settings: AnalysisSettings, sums: PortfolioSums) -> pl.Expr:
    """effort_ratio >= limit, with an infinite ratio at the limit and an absent one not."""
    num, den = exact_ratio(settings.effort_ratio_limit)
    total_revenue, total_effort = sums.positive_revenue_cents, sums.effort_cmin
    if total_effort > 0:
        # (effort / E) / (revenue / R) >= num / den  <=>  effort * R * den >= revenue * E * num
        effort_side = pl.col("effort_cmin") * integer(total_revenue * den)
        finite = effort_side >= pl.col("revenue_cents") * integer(total_effort * num)
    else:
        finite = pl.lit(num <= 0)  # nobody has effort: every ratio is 0
    return (
        pl.when(pl.col("revenue_cents") > 0)
        .then(finite)
        .otherwise(pl.col("effort_cmin") > 0)  # infinite, or absent when there is no effort
    )


def _simple_criteria(s: AnalysisSettings) -> dict[str, pl.Expr]:
    talk_num, talk_den = exact_ratio(s.talker_minutes_share)
    mood_num, mood_den = exact_ratio(s.rude_mood_max)
    ratings = pl.col("mood_count")
    return {
        "late_payer": pl.col("late_invoices") >= s.late_invoices_min,
        "haggler": pl.col("price_negotiations") >= s.price_negotiations_min,
        # call minutes >= share * effort minutes
        "talker": (pl.col("unplanned_calls") >= s.talker_calls_min)
        & (pl.col("call_cmin") * integer(talk_den) >= pl.col("effort_cmin") * integer(talk_num)),
        "empty_promises": (pl.col("offers_sent") >= s.empty_promises_offers_min)
        & (pl.col("offers_accepted") == 0),
        "unjustified_complaints": pl.col("unjustified_complaints") >= s.unjustified_complaints_min,
        # mean mood <= limit  <=>  sum * den <= num * count (no rounded mean)
        "rude": (ratings >= s.rude_ratings_min)
        & (ratings > 0)
        & (pl.col("mood_sum") * mood_den <= ratings * mood_num),
        "potential": pl.col("potential").is_not_null() & (pl.col("potential") >= s.potential_min),
        "useful": pl.col("useful"),
        "heart": pl.col("heart"),
        "inactive": ~pl.col("active"),
    }
