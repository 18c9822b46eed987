"""One customer's patterns for its page: each pattern's quarters and its trend."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from kundenwert.analysis.settings import AnalysisSettings
from kundenwert.patterns.catalogue import PATTERN_KEYS
from kundenwert.patterns.measure import Figure
from kundenwert.patterns.quarters import quarterly, trends
from kundenwert.patterns.settings import PatternSettings
from kundenwert.patterns.subset import one_customer
from kundenwert.portfolio import Portfolio


@dataclass(frozen=True)
class QuarterFigure:
    quarter: str  # "2026-Q3"
    figure: Figure
    partial: bool  # the quarter holding the as-of date, not over yet


@dataclass(frozen=True)
class PatternSeries:
    pattern: str
    quarters: list[QuarterFigure]  # oldest first
    latest: float | None  # the trend's latest complete quarter, see quarters.py
    baseline: float | None
    direction: str | None  # better | worse | unchanged; None without a trend


def customer_series(
    portfolio: Portfolio,
    customer_id: str,
    as_of: date,
    settings: PatternSettings | None = None,
    analysis: AnalysisSettings | None = None,
) -> list[PatternSeries]:
    settings = settings or PatternSettings()
    frame = quarterly(one_customer(portfolio, customer_id), as_of, settings, analysis)
    trend = {row["pattern"]: row for row in trends(frame, settings).to_dicts()}
    rows = frame.sort("bucket").to_dicts()
    return [
        PatternSeries(
            pattern=key,
            quarters=[_quarter(row) for row in rows if row["pattern"] == key],
            latest=trend.get(key, {}).get("latest"),
            baseline=trend.get(key, {}).get("baseline"),
            direction=trend.get(key, {}).get("direction"),
        )
        for key in PATTERN_KEYS
    ]


def _quarter(row: dict) -> QuarterFigure:
    figure = Figure(row["value"], row["part"], row["basis"], row["count"], bool(row["enough"]))
    return QuarterFigure(row["bucket"], figure, bool(row["partial"]))
