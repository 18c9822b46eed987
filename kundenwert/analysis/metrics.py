"""The metrics of method.md per customer, computed over the whole customer frame at once.

Amounts are exact integers here: money in cents and minutes in centi-minutes (1/100
minute, the resolution of the schema's minute columns), as Int128. Criteria compare these
exactly, so an effort ratio of exactly 1.5 or a cumulative revenue of exactly 80 % falls
on the side method.md says, whatever the order of the records. Floats appear only for
the shown ratios, shares, hours and averages.

Decisions where method.md is silent:

* revenue_share is 0 for a customer whose revenue is 0 or negative: the total it is a
  share of is the sum of positive revenues, which is also the total of `high_revenue`.
* cost is rounded to cents (half up) and margin = revenue - cost, so the three shown
  amounts add up; effective_hourly_rate is rounded to cents as well.
* effort_ratio is infinite (math.inf in Python, null in JSON) when revenue <= 0 and
  effort > 0, absent (None / null) when both shares are 0, and 0 when revenue > 0 and
  there is no effort.
* avg_days_late is the mean over the period's invoices that have a days_late, early
  payment counting as 0, the same definition as for exit candidates;
  late_invoices_avg_days is the mean days_late of the late invoices only, the figure
  shown in the late_payer text ("19 days on average").
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

import polars as pl

from kundenwert.analysis.settings import AnalysisSettings

CMIN_PER_HOUR = 6000  # centi-minutes in an hour
EXACT = pl.Int128

MetricValue = Decimal | float | int | None


@dataclass(frozen=True)
class MetricSpec:
    name: str
    kind: str  # money (a *_cents column) | hours | ratio | average | minutes | count
    column: str


# method.md's metrics in its order, then our extras (method.md: "at least" these).
REQUIRED_METRICS = (
    MetricSpec("revenue", "money", "revenue_cents"),
    MetricSpec("effort_hours", "hours", "effort_hours"),
    MetricSpec("cost", "money", "cost_cents"),
    MetricSpec("margin", "money", "margin_cents"),
    MetricSpec("effective_hourly_rate", "money", "hourly_rate_cents"),
    MetricSpec("revenue_share", "ratio", "revenue_share"),
    MetricSpec("effort_share", "ratio", "effort_share"),
    MetricSpec("effort_ratio", "ratio", "effort_ratio"),
    MetricSpec("late_invoices", "count", "late_invoices"),
    MetricSpec("avg_days_late", "average", "avg_days_late"),
    MetricSpec("price_negotiations", "count", "price_negotiations"),
    MetricSpec("unjustified_complaints", "count", "unjustified_complaints"),
    MetricSpec("out_of_scope_requests", "count", "out_of_scope_requests"),
    MetricSpec("unplanned_calls", "count", "unplanned_calls"),
    MetricSpec("unplanned_call_minutes", "minutes", "call_cmin"),
    MetricSpec("mood_avg", "average", "mood_avg"),
    MetricSpec("mood_count", "count", "mood_count"),
    MetricSpec("offers_sent", "count", "offers_sent"),
    MetricSpec("offers_accepted", "count", "offers_accepted"),
)
EXTRA_METRICS = (
    MetricSpec("direct_costs", "money", "direct_cost_cents"),  # dated in the period
    MetricSpec("invoices", "count", "invoices"),  # issued in the period, in the currency
    MetricSpec("invoices_due", "count", "invoices_due"),  # of them, those with a days_late
    MetricSpec("late_invoices_avg_days", "average", "late_invoices_avg_days"),
    MetricSpec("revenue_rank", "count", "revenue_rank"),  # 1 = highest; null if revenue <= 0
    MetricSpec("revenue_share_before", "ratio", "revenue_share_before"),  # ranked before it
    MetricSpec("spontaneous_hours", "hours", "spontaneous_hours"),  # see budget.py
    MetricSpec("potential", "count", "potential"),  # the owner's rating 1-5, or null
)
METRICS = REQUIRED_METRICS + EXTRA_METRICS
METRIC_KEYS = tuple(m.name for m in METRICS)
MONEY_METRICS = frozenset(m.name for m in METRICS if m.kind == "money")


@dataclass(frozen=True)
class PortfolioSums:
    """The totals that shares refer to, exact."""

    positive_revenue_cents: int
    effort_cmin: int


def with_metrics(
    facts: pl.DataFrame, settings: AnalysisSettings
) -> tuple[pl.DataFrame, PortfolioSums]:
    """The facts with exact amounts, the revenue ranking and every metric column."""
    frame = facts.with_columns(
        revenue_cents=_hundredths("revenue"),
        direct_cost_cents=_hundredths("direct_costs"),
        effort_cmin=_hundredths("time_minutes") + _hundredths("untracked_minutes"),
        unplanned_cmin=_hundredths("unplanned_minutes"),
        call_cmin=_hundredths("unplanned_call_minutes"),
    )
    sums = PortfolioSums(
        positive_revenue_cents=int(frame["revenue_cents"].clip(lower_bound=0).sum()),
        effort_cmin=int(frame["effort_cmin"].sum()),
    )
    frame = ranked_by_revenue(frame)
    frame = frame.with_columns(
        cost_cents=_cost_cents(settings),
        hourly_rate_cents=pl.when(pl.col("effort_cmin") > 0).then(
            divide_half_up(pl.col("revenue_cents") * integer(CMIN_PER_HOUR), pl.col("effort_cmin"))
        ),
        # Capped at the effort, see budget.py.
        spontaneous_cmin=pl.min_horizontal("unplanned_cmin", "effort_cmin"),
    )
    frame = frame.with_columns(margin_cents=pl.col("revenue_cents") - pl.col("cost_cents"))
    return frame.with_columns(**_shares(sums)).with_columns(**_derived()), sums


def ranked_by_revenue(frame: pl.DataFrame) -> pl.DataFrame:
    """Sorted by revenue (descending, ties by id) with rank and revenue ranked before.

    Only customers with positive revenue get a rank; they all come first, so the revenue
    before a ranked customer is the sum of the positive revenues above it.
    """
    positive = pl.col("revenue_cents") > 0
    revenue = pl.when(positive).then(pl.col("revenue_cents")).otherwise(0)
    return frame.sort(["revenue_cents", "id"], descending=[True, False]).with_columns(
        revenue_rank=pl.when(positive).then(pl.int_range(1, pl.len() + 1)),
        revenue_before_cents=revenue.cum_sum() - revenue,
    )


def exact_ratio(value: float | int | Decimal) -> tuple[int, int]:
    """A setting as the fraction it was written as: 0.8 -> (4, 5), not the binary float."""
    return Decimal(str(value)).as_integer_ratio()


def integer(value: int) -> pl.Expr:
    """An exact integer literal, wide enough for products of period sums."""
    return pl.lit(value, dtype=EXACT)


def _hundredths(column: str) -> pl.Expr:
    """A Decimal(_, 2) column as an exact integer of its hundredths."""
    return (pl.col(column) * 100).cast(EXACT)


def divide_half_up(numerator: pl.Expr, denominator: pl.Expr) -> pl.Expr:
    """numerator / denominator (> 0) rounded half away from zero, as Decimal's ROUND_HALF_UP."""
    twice = numerator * 2
    up = (twice.abs() + denominator) // (denominator * 2)
    return pl.when(numerator < 0).then(up * -1).otherwise(up)


def _cost_cents(settings: AnalysisSettings) -> pl.Expr:
    # hours * hourly cost in cents = effort_cmin * cost / 60; cost = num/den exactly.
    num, den = exact_ratio(settings.hourly_cost)
    time_cost = divide_half_up(pl.col("effort_cmin") * integer(num), integer(60 * den))
    return time_cost + pl.col("direct_cost_cents")


def divided_by(numerator: pl.Expr, divisor: float) -> pl.Expr:
    """numerator / divisor as Float64, correctly rounded.

    polars divides by a scalar through its reciprocal, so 800 / 1000 would come out as
    0.7999999999999999 and 1005 cents / 100 as 10.049999999999999. Dividing by a column
    that holds the divisor is a true IEEE division. (The numerators here are finite.)
    """
    values = numerator.cast(pl.Float64)
    return values / (values * 0.0 + float(divisor))


def _shares(sums: PortfolioSums) -> dict[str, pl.Expr]:
    revenue, effort = pl.col("revenue_cents"), pl.col("effort_cmin")
    total_revenue, total_effort = sums.positive_revenue_cents, sums.effort_cmin
    revenue_share: pl.Expr
    if total_revenue > 0:
        revenue_share = pl.when(revenue > 0).then(divided_by(revenue, total_revenue))
        before = divided_by(pl.col("revenue_before_cents"), total_revenue)
    else:
        revenue_share = before = pl.lit(0.0)
    return {
        "revenue_share": revenue_share.fill_null(0.0),
        "effort_share": divided_by(effort, total_effort) if total_effort > 0 else pl.lit(0.0),
        "revenue_share_before": before,
    }


def _derived() -> dict[str, pl.Expr]:
    def mean(total: str, count: str) -> pl.Expr:
        return pl.when(pl.col(count) > 0).then(pl.col(total) / pl.col(count))

    return {
        "effort_hours": divided_by(pl.col("effort_cmin"), CMIN_PER_HOUR),
        "spontaneous_hours": divided_by(pl.col("spontaneous_cmin"), CMIN_PER_HOUR),
        "effort_ratio": pl.when(pl.col("revenue_share") > 0)
        .then(pl.col("effort_share") / pl.col("revenue_share"))
        .when(pl.col("effort_cmin") > 0)
        .then(float("inf")),
        "avg_days_late": mean("days_late_sum", "invoices_due"),
        "late_invoices_avg_days": mean("late_days_sum", "late_invoices"),
        "mood_avg": mean("mood_sum", "mood_count"),
    }
