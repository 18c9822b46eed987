"""From the portfolio's record frames to one row of sums per customer (the "facts").

Everything here is a polars filter + group_by, so the work grows with the number of
records but runs in native code; the rest of the analysis works on the one resulting
frame of customers, never on records.

Decisions where method.md is silent (kept here so they can go to the docs):

* Currency: an invoice without a currency is in EUR (the format's default). When the
  invoices in the period use several currencies and the `currency` setting is empty, the
  analysis stops with `MixedCurrenciesError` naming them. When `currency` is set, only
  invoices in that currency count for revenue and payment behaviour; the others are
  counted in `excluded_invoices`. They still make their customer active, because the
  customer did business in the period. Hourly cost and direct costs are taken to be in
  the analysis currency.
* Credit notes (net < 0) lower the revenue but have no days_late: a credit note is money
  owed to the customer, so it cannot be paid late by them.
* A paid invoice's days_late is paid date - due date as recorded, even when the payment
  was recorded after the as-of date.
* An unpaid invoice is late only once the as-of date is after its due date; on the due
  date itself and before it, it has no days_late yet.
* Records whose customer_id is not in the customers table are ignored (the folder reader
  rejects them; frames built elsewhere may hold them).
* Direct costs count by their date, like every other record.
"""

from __future__ import annotations

from datetime import date, timedelta

import polars as pl

from kundenwert.analysis.errors import MixedCurrenciesError
from kundenwert.analysis.period import Period
from kundenwert.analysis.settings import AnalysisSettings
from kundenwert.portfolio import Portfolio

DEFAULT_CURRENCY = "EUR"
ZERO_MONEY = pl.lit(0).cast(pl.Decimal(38, 2))

# Every fact column with the value a customer without records gets.
COUNT_COLUMNS = (
    "invoices_any",
    "invoices",
    "invoices_due",
    "late_invoices",
    "days_late_sum",
    "late_days_sum",
    "time_entries",
    "interactions",
    "price_negotiations",
    "unjustified_complaints",
    "out_of_scope_requests",
    "unplanned_calls",
    "mood_sum",
    "mood_count",
    "offers_sent",
    "offers_accepted",
)
DECIMAL_COLUMNS = (
    "revenue",
    "time_minutes",
    "untracked_minutes",
    "unplanned_minutes",
    "unplanned_call_minutes",
    "direct_costs",
)


def analysis_currency(invoices: pl.DataFrame, settings: AnalysisSettings) -> str:
    """The one currency the analysis adds up; raises when that choice is the owner's."""
    if settings.currency:
        return settings.currency.upper()
    used = invoices.get_column("currency").unique().to_list()
    if len(used) > 1:
        raise MixedCurrenciesError(used)
    return used[0] if used else DEFAULT_CURRENCY


def customer_facts(
    portfolio: Portfolio, settings: AnalysisSettings, as_of: date, period: Period
) -> tuple[pl.DataFrame, str, int]:
    """One row per customer with its sums over the period, the currency, excluded invoices."""
    invoices = _invoices_in(portfolio.invoices, period)
    currency = analysis_currency(invoices, settings)
    in_currency = invoices.filter(pl.col("currency") == currency)
    # One lazy query, so polars plans and runs the per-table sums together.
    parts = [
        _invoice_facts(invoices.lazy(), in_currency.lazy(), settings, as_of),
        _time_facts(portfolio.time_entries.lazy(), period),
        _interaction_facts(portfolio.interactions.lazy(), period),
        _offer_facts(portfolio.offers.lazy(), period),
        _direct_cost_facts(portfolio.direct_costs.lazy(), period),
    ]
    facts = _customers(portfolio.customers.lazy())
    for part in parts:
        facts = facts.join(part, left_on="id", right_on="customer_id", how="left")
    facts = facts.with_columns(
        *(pl.col(c).fill_null(0).cast(pl.Int64) for c in COUNT_COLUMNS),
        *(pl.col(c).fill_null(ZERO_MONEY).cast(pl.Decimal(38, 2)) for c in DECIMAL_COLUMNS),
    )
    # method.md's `inactive`: no invoice (in any currency), time entry, interaction or offer.
    records = ("invoices_any", "time_entries", "interactions", "offers_sent")
    facts = facts.with_columns(active=pl.sum_horizontal(records) > 0)
    # The streaming engine filters and sums the records in batches on every core (20 ms
    # sooner for two million time entries). Row order is free: metrics.py sorts.
    return facts.collect(engine="streaming"), currency, invoices.height - in_currency.height


def _customers(customers: pl.LazyFrame) -> pl.LazyFrame:
    return customers.select(
        "id",
        "name",
        "status",
        "potential",
        pl.col("useful").fill_null(False),
        pl.col("heart").fill_null(False),
        "group_override",
        "override_reason",
    )


def _invoices_in(invoices: pl.DataFrame, period: Period) -> pl.DataFrame:
    return invoices.filter(pl.col("issue_date").is_between(period.start, period.end)).with_columns(
        pl.col("currency").fill_null(DEFAULT_CURRENCY).str.to_uppercase()
    )


def days_late_expr(settings: AnalysisSettings, as_of: date) -> pl.Expr:
    """days_late of an invoice as method.md defines it; null while it cannot be late."""
    due = pl.coalesce(
        pl.col("due_date"),
        pl.col("issue_date") + timedelta(days=settings.payment_terms_days),
    )
    paid_late = (pl.col("paid_date") - due).dt.total_days()
    open_late = (pl.lit(as_of) - due).dt.total_days()
    return (
        pl.when(pl.col("net") < 0)
        .then(None)
        .when(pl.col("paid_date").is_not_null())
        .then(paid_late)
        .when(due < as_of)
        .then(open_late)
        .otherwise(None)
    )


def _invoice_facts(
    all_currencies: pl.LazyFrame,
    in_currency: pl.LazyFrame,
    settings: AnalysisSettings,
    as_of: date,
) -> pl.LazyFrame:
    late = pl.col("days_late") > settings.late_after_days
    sums = (
        in_currency.with_columns(days_late=days_late_expr(settings, as_of))
        .group_by("customer_id")
        .agg(
            revenue=pl.col("net").sum(),
            invoices=pl.len(),
            invoices_due=pl.col("days_late").count(),
            late_invoices=late.sum(),
            # Early payment counts as 0 days (method.md, exit candidates).
            days_late_sum=pl.col("days_late").clip(lower_bound=0).sum(),
            late_days_sum=pl.col("days_late").filter(late).sum(),
        )
    )
    activity = all_currencies.group_by("customer_id").agg(invoices_any=pl.len())
    return activity.join(sums, on="customer_id", how="left")


def _time_facts(entries: pl.LazyFrame, period: Period) -> pl.LazyFrame:
    return (
        entries.filter(_moment_in("start", period))
        .group_by("customer_id")
        .agg(time_minutes=pl.col("minutes").sum(), time_entries=pl.len())
    )


def _interaction_facts(interactions: pl.LazyFrame, period: Period) -> pl.LazyFrame:
    minutes = pl.col("minutes").fill_null(0)
    unplanned = pl.col("planned").fill_null(True).not_()
    call = (
        unplanned & (pl.col("channel") == "phone") & (pl.col("direction").fill_null("out") == "in")
    )
    return (
        interactions.filter(_moment_in("at", period))
        .group_by("customer_id")
        .agg(
            interactions=pl.len(),
            # Tracked interactions are already in the time entries: not counted twice.
            untracked_minutes=minutes.filter(pl.col("tracked").fill_null(False).not_()).sum(),
            unplanned_minutes=minutes.filter(unplanned).sum(),
            price_negotiations=pl.col("price_negotiation").fill_null(False).sum(),
            unjustified_complaints=(pl.col("complaint") == "unjustified").sum(),
            out_of_scope_requests=pl.col("out_of_scope").fill_null(False).sum(),
            unplanned_calls=call.sum(),
            unplanned_call_minutes=minutes.filter(call).sum(),
            mood_sum=pl.col("mood").sum(),
            mood_count=pl.col("mood").count(),
        )
    )


def _offer_facts(offers: pl.LazyFrame, period: Period) -> pl.LazyFrame:
    return (
        offers.filter(pl.col("sent_date").is_between(period.start, period.end))
        .group_by("customer_id")
        .agg(offers_sent=pl.len(), offers_accepted=(pl.col("status") == "accepted").sum())
    )


def _direct_cost_facts(costs: pl.LazyFrame, period: Period) -> pl.LazyFrame:
    return (
        costs.filter(pl.col("date").is_between(period.start, period.end))
        .group_by("customer_id")
        .agg(direct_costs=pl.col("amount").sum())
    )


def _moment_in(column: str, period: Period) -> pl.Expr:
    return (pl.col(column) >= period.first_moment) & (pl.col(column) < period.after_last_moment)
