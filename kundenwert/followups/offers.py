"""Open offers: a check-in at half their validity, and "expired: re-quote or close?" after.

method.md section 4. An offer without valid_until counts as valid for the default
validity (30 days) and says so in its reason. Only the status decides whether an offer
is open: accepted, declined and expired offers are never followed up, whatever their dates.
An offer sent after the as-of date is not known on that date, so it is left out.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from typing import Any

import polars as pl

from kundenwert.followups.items import Followup
from kundenwert.followups.rules import ONE_DAY, Context


def offer_followups(offers: pl.DataFrame, ctx: Context) -> Iterator[Followup]:
    sent = offers.filter(pl.col("status") == "open", pl.col("sent_date") <= ctx.as_of)
    for row in sent.iter_rows(named=True):
        yield offer_followup(row, ctx)


def offer_followup(row: dict[str, Any], ctx: Context) -> Followup:
    """The check-in while the offer is valid on the as-of date, the expiry once it is not."""
    sent = row["sent_date"]
    assumed = row["valid_until"] is None
    valid_until = row["valid_until"] or sent + timedelta(
        days=ctx.settings.offer_default_validity_days
    )
    expired = ctx.as_of > valid_until
    if expired:
        kind, due = "offer_expired", valid_until + ONE_DAY
    else:
        # Half the validity in whole days, rounded down (method.md).
        kind, due = "offer_checkin", sent + timedelta(days=(valid_until - sent).days // 2)
    return Followup(
        kind=kind,
        due=due,
        customer_id=row["customer_id"],
        customer=ctx.names.get(row["customer_id"], row["customer_id"]),
        ref=row["number"],
        cause_date=sent,
        facts={
            "amount": row["amount"],
            "sent": sent,
            "valid_until": valid_until,
            "assumed_validity": assumed,
            "validity_days": (valid_until - sent).days,
            "days_open": (ctx.as_of - sent).days,
        },
        group=ctx.group(row["customer_id"]),
    )
