"""Thank-yous the invoices call for: punctual payments in a row, and a big order.

* `thanks_punctual`: a customer's invoices (net > 0) in order of due date; an invoice is
  punctual when paid on or before its due date (issue date + payment terms when it has
  none), late when paid after it or still unpaid after it; one neither paid nor yet due
  is skipped. Every `punctual_payments_in_row` punctual invoices in a row (3, 6, 9 … of an
  unbroken run) earn a thank-you, due on the day the last of them was paid; a late one
  starts the count again. ref: the invoice that completed the run.
* `thanks_big_order`: an invoice (net > 0) larger than each of the customer's other
  invoices in the same currency issued in the `big_order_lookback_days` (365) before it,
  when there is at least one (a first invoice is not "larger than usual"). Due on its issue
  date; ref: the invoice. Invoices, not accepted offers, are the orders here: every
  portfolio has them, and an accepted offer is usually followed by its invoice, which
  would thank twice for one order.

Both only for A and B customers, and only while the thank-you is fresh (rules.Context).
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta

import polars as pl

from kundenwert.followups.items import Followup
from kundenwert.followups.rules import Context


def thanks_followups(invoices: pl.DataFrame, ctx: Context) -> Iterator[Followup]:
    """Both thank-you rules over the invoices of the customers that get appreciation."""
    known = invoices.filter(
        pl.col("net") > 0,
        pl.col("issue_date") <= ctx.as_of,
        pl.col("customer_id").is_in([c for c in ctx.names if ctx.appreciates(c)]),
    )
    yield from punctual_followups(known, ctx)
    yield from big_order_followups(known, ctx)


def punctual_followups(invoices: pl.DataFrame, ctx: Context) -> Iterator[Followup]:
    every = ctx.settings.punctual_payments_in_row
    for row in _completed_runs(invoices, ctx).iter_rows(named=True):
        if ctx.in_appreciation_window(row["completed"]):
            yield Followup(
                kind="thanks_punctual",
                due=row["completed"],
                customer_id=row["customer_id"],
                customer=ctx.names[row["customer_id"]],
                ref=row["number"],
                cause_date=row["completed"],
                facts={"count": every, "paid": row["completed"]},
                group=ctx.group(row["customer_id"]),
            )


def _completed_runs(invoices: pl.DataFrame, ctx: Context) -> pl.DataFrame:
    """The invoices that complete a run of punctual payments, with the day it completed."""
    terms = timedelta(days=ctx.payment_terms_days)
    due = pl.coalesce("due_date", pl.col("issue_date") + terms)
    paid = pl.when(pl.col("paid_date") <= ctx.as_of).then(pl.col("paid_date"))  # known by then
    punctual = pl.col("paid").is_not_null() & (pl.col("paid") <= pl.col("due"))
    late = ~pl.col("punctual") & (pl.col("paid").is_not_null() | (pl.col("due") < ctx.as_of))
    every = ctx.settings.punctual_payments_in_row
    return (
        invoices.select("customer_id", "number", due=due, paid=paid)
        .with_columns(punctual=punctual)
        .with_columns(late=late)
        .filter(pl.col("punctual") | pl.col("late"))
        .sort("customer_id", "due", "number")
        .with_columns(run=pl.col("late").cast(pl.Int64).cum_sum().over("customer_id"))
        .with_columns(
            position=pl.col("punctual").cast(pl.Int64).cum_sum().over("customer_id", "run"),
            completed=pl.col("paid").cum_max().over("customer_id", "run"),
        )
        .filter(pl.col("punctual"), pl.col("position") % every == 0)
    )


def big_order_followups(invoices: pl.DataFrame, ctx: Context) -> Iterator[Followup]:
    lookback = ctx.settings.big_order_lookback_days
    recent = invoices.filter(pl.col("issue_date") >= ctx.appreciation_from)
    others = invoices.select(
        "customer_id", "currency", other="number", other_net="net", other_issued="issue_date"
    )
    previous = (
        recent.join(others, on=["customer_id", "currency"])
        .filter(
            pl.col("other") != pl.col("number"),
            pl.col("other_issued") <= pl.col("issue_date"),
            pl.col("other_issued") >= pl.col("issue_date") - timedelta(days=lookback),
        )
        .group_by("number")
        .agg(previous_max=pl.col("other_net").max())
    )
    bigger = recent.join(previous, on="number").filter(pl.col("net") > pl.col("previous_max"))
    for row in bigger.sort("issue_date", "number").iter_rows(named=True):
        yield Followup(
            kind="thanks_big_order",
            due=row["issue_date"],
            customer_id=row["customer_id"],
            customer=ctx.names[row["customer_id"]],
            ref=row["number"],
            cause_date=row["issue_date"],
            facts={
                "amount": row["net"],
                "currency": row["currency"],
                "previous_max": row["previous_max"],
                "lookback_days": lookback,
            },
            group=ctx.group(row["customer_id"]),
        )
