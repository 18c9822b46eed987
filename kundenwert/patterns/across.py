"""The patterns across customers: "work at weekends and late evenings: 4 customers".

Each pattern's figure over one period (the analysis period by default: the 365 days
ending on the as-of date) for every active customer; a customer is listed under a pattern
when its figure reaches the pattern's limit (settings.py; mood: falls to it) with enough
basis (mood: at least `mood_ratings_min` ratings). Leads and ended customers are left out:
there is no working relationship to change. Worst first, ties by customer id.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import polars as pl

from kundenwert.analysis.period import Period
from kundenwert.analysis.settings import AnalysisSettings
from kundenwert.patterns.catalogue import MOOD, PATTERNS
from kundenwert.patterns.figures import figures, full_grid
from kundenwert.patterns.settings import PatternSettings
from kundenwert.patterns.sums import pattern_sums
from kundenwert.portfolio import Portfolio

PERIOD = "period"


@dataclass(frozen=True)
class Listed:
    customer_id: str
    name: str
    value: float
    part: float | None
    basis: float | None
    count: float | None


@dataclass(frozen=True)
class Finding:
    pattern: str
    customers: list[Listed]


def period_figures(
    portfolio: Portfolio,
    period: Period,
    settings: PatternSettings | None = None,
    analysis: AnalysisSettings | None = None,
) -> pl.DataFrame:
    """Every customer's figure per pattern over `period` (figures.py's columns)."""
    settings = settings or PatternSettings()

    def bucket_of(day: pl.Expr) -> pl.Expr:
        return pl.when(day.is_between(period.start, period.end)).then(pl.lit(PERIOD))

    sums = pattern_sums(portfolio, bucket_of, period.end, settings, analysis or AnalysisSettings())
    return figures(full_grid(sums, portfolio.customers["id"].to_list(), [PERIOD]), settings)


def across_customers(
    portfolio: Portfolio,
    as_of: date,
    settings: PatternSettings | None = None,
    analysis: AnalysisSettings | None = None,
    period: Period | None = None,
) -> list[Finding]:
    """One finding per pattern, in the catalogue's order, empty ones included."""
    settings = settings or PatternSettings()
    analysis = analysis or AnalysisSettings()
    period = period or Period.ending(as_of, analysis.period_days)
    frame = period_figures(portfolio, period, settings, analysis)
    listed = listed_frame(frame, portfolio.customers, settings)
    return [
        Finding(
            p.key,
            [Listed(**row) for row in listed.filter(pattern=p.key).drop("pattern").to_dicts()],
        )
        for p in PATTERNS
    ]


def listed_frame(
    frame: pl.DataFrame, customers: pl.DataFrame, settings: PatternSettings
) -> pl.DataFrame:
    limits = pl.DataFrame(
        {
            "pattern": [p.key for p in PATTERNS],
            "limit": [p.limit(settings) for p in PATTERNS],
            "worse_high": [p.higher_is_worse for p in PATTERNS],
            "min_basis": [settings.mood_ratings_min if p.kind == MOOD else 0 for p in PATTERNS],
        }
    )
    active = customers.filter(pl.col("status").fill_null("active") == "active")
    reached = (
        pl.when(pl.col("worse_high"))
        .then(pl.col("value") >= pl.col("limit"))
        .otherwise(pl.col("value") <= pl.col("limit"))
    )
    badness = pl.when(pl.col("worse_high")).then(pl.col("value")).otherwise(-pl.col("value"))
    return (
        frame.join(limits, on="pattern")
        .join(active.select(customer_id="id", name="name"), on="customer_id")
        .filter(pl.col("enough") & reached & (pl.col("basis").fill_null(0) >= pl.col("min_basis")))
        .sort([badness, "customer_id"], descending=[True, False])
        .select("pattern", "customer_id", "name", "value", "part", "basis", "count")
    )
