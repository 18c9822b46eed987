"""`analyze`: method.md's customer base analysis over a portfolio.

The steps, each over the whole customer frame at once: sum the period's records per
customer (aggregate.py), derive the exact amounts and metrics (metrics.py), test the
criteria (criteria.py), apply the grouping order (grouping.py), then sum the time budget
(budget.py) and the totals. No step loops over records or customers in Python.
"""

from __future__ import annotations

from datetime import date

import polars as pl

from kundenwert.analysis.aggregate import customer_facts
from kundenwert.analysis.budget import time_budget
from kundenwert.analysis.criteria import with_criteria
from kundenwert.analysis.grouping import with_groups
from kundenwert.analysis.metrics import CMIN_PER_HOUR, PortfolioSums, with_metrics
from kundenwert.analysis.period import Period
from kundenwert.analysis.result import AnalysisResult, Totals, cents
from kundenwert.analysis.settings import AnalysisSettings
from kundenwert.portfolio import Portfolio


def analyze(
    portfolio: Portfolio,
    settings: AnalysisSettings,
    as_of: date,
    period: Period | None = None,
) -> AnalysisResult:
    """Group every customer of `portfolio` by its figures over `period`.

    The period defaults to the `settings.period_days` days ending on `as_of`.
    Raises `AnalysisError` when the invoices need a currency choice (see aggregate.py).
    """
    period = period or Period.ending(as_of, settings.period_days)
    facts, currency, excluded = customer_facts(portfolio, settings, as_of, period)
    frame, sums = with_metrics(facts, settings)
    frame = with_groups(with_criteria(frame, settings, sums), settings)
    budget, ungrouped_hours = time_budget(frame, settings)
    return AnalysisResult(
        as_of=as_of,
        period=period,
        settings=settings,
        frame=frame,
        budget=budget,
        totals=_totals(frame, sums, currency, excluded, ungrouped_hours),
    )


def _totals(
    frame: pl.DataFrame, sums: PortfolioSums, currency: str, excluded: int, ungrouped_hours: float
) -> Totals:
    row = frame.select(
        customers=pl.len(),
        active_customers=pl.col("active").sum(),
        revenue=pl.col("revenue_cents").sum(),
        cost=pl.col("cost_cents").sum(),
        margin=pl.col("margin_cents").sum(),
        exit_candidates=pl.col("exit_candidate").sum(),
    ).row(0, named=True)
    counts = dict(frame.group_by("group").len().iter_rows())  # None: no group
    return Totals(
        customers=row["customers"],
        active_customers=row["active_customers"] or 0,
        revenue=cents(row["revenue"] or 0),  # type: ignore[arg-type]
        positive_revenue=cents(sums.positive_revenue_cents),  # type: ignore[arg-type]
        effort_hours=sums.effort_cmin / CMIN_PER_HOUR,
        cost=cents(row["cost"] or 0),  # type: ignore[arg-type]
        margin=cents(row["margin"] or 0),  # type: ignore[arg-type]
        currency=currency,
        excluded_invoices=excluded,
        ungrouped_hours=ungrouped_hours,
        groups={"A": 0, "B": 0, "C": 0} | {g or "none": n for g, n in counts.items()},
        exit_candidates=row["exit_candidates"] or 0,
    )
