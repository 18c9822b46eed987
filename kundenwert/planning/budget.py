"""The time budget of a week or a month: the analysis' budget over a shorter period.

`kundenwert.analysis.budget.time_budget` sums customer time per group against the targets
(time entries and untracked interaction minutes; unplanned contacts as spontaneous time).
Here it runs over the period's figures, but with each customer's group as of the as-of date
from the yearly analysis: a customer's group says who it is, not what one week looked like.
Pure: no Django.

Deviation is the actual share minus the target share (in points), and in hours the actual
hours minus the target share of all customer hours in the period. C "takes more than its
share" when its actual share is above its target.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, timedelta

import polars as pl

from kundenwert.analysis import AnalysisResult, Period, analyze
from kundenwert.analysis.budget import BUDGET_KEYS, time_budget
from kundenwert.portfolio import Portfolio


@dataclass(frozen=True)
class BudgetRow:
    key: str  # "A" | "B" | "C" | "spontaneous"
    target: float  # share, 0..1
    actual_hours: float
    actual_share: float
    target_hours: float

    @property
    def deviation(self) -> float:
        return self.actual_share - self.target

    @property
    def deviation_hours(self) -> float:
        return self.actual_hours - self.target_hours


@dataclass(frozen=True)
class PeriodBudget:
    period: Period
    rows: tuple[BudgetRow, ...]
    total_hours: float  # all customer time in the period, ungrouped included
    ungrouped_hours: float

    def row(self, key: str) -> BudgetRow:
        return next(r for r in self.rows if r.key == key)

    @property
    def c(self) -> BudgetRow:
        return self.row("C")

    @property
    def c_over_share(self) -> bool:
        return self.c.actual_share > self.c.target


def week_of(day: date) -> Period:
    """Monday to Sunday."""
    monday = day - timedelta(days=day.weekday())
    return Period(monday, monday + timedelta(days=6))


def month_of(day: date) -> Period:
    last = calendar.monthrange(day.year, day.month)[1]
    return Period(day.replace(day=1), day.replace(day=last))


def period_budget(portfolio: Portfolio, yearly: AnalysisResult, period: Period) -> PeriodBudget:
    """The budget lines of `period`, the customers grouped as in `yearly`."""
    in_period = analyze(portfolio, yearly.settings, period.end, period)
    # An ended relationship stays out of the budget: its hours count as ungrouped.
    ended = pl.col("status") == "ended"
    groups = yearly.frame.select("id", pl.when(ended).then(None).otherwise("group").alias("group"))
    frame = in_period.frame.drop("group").join(groups, on="id", how="left")
    lines, ungrouped = time_budget(frame, yearly.settings)
    total = sum(line.actual_hours for line in lines.values()) + ungrouped
    rows = tuple(
        BudgetRow(
            key=key,
            target=lines[key].target,
            actual_hours=lines[key].actual_hours,
            actual_share=lines[key].actual_share,
            target_hours=lines[key].target * total,
        )
        for key in BUDGET_KEYS
    )
    return PeriodBudget(period, rows, total, ungrouped)
