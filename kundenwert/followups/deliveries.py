"""Deliveries not yet in use: a check-in call some weeks after they were handed over.

method.md section 4: a delivery without live date is due on delivered date + 28 days. One
delivered after the as-of date is not known on that date, so it is left out.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta

import polars as pl

from kundenwert.followups.items import Followup
from kundenwert.followups.rules import Context


def delivery_followups(deliveries: pl.DataFrame, ctx: Context) -> Iterator[Followup]:
    waiting = deliveries.filter(
        pl.col("live_date").is_null(), pl.col("delivered_date") <= ctx.as_of
    )
    wait = timedelta(days=ctx.settings.delivery_checkin_days)
    for customer_id, title, delivered in waiting.select(
        "customer_id", "title", "delivered_date"
    ).iter_rows():
        yield Followup(
            kind="delivery_checkin",
            due=delivered + wait,
            customer_id=customer_id,
            customer=ctx.names.get(customer_id, customer_id),
            ref=title,
            cause_date=delivered,
            facts={"delivered": delivered, "days_waiting": (ctx.as_of - delivered).days},
            group=ctx.group(customer_id),
        )
