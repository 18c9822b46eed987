"""The contact cadence: a "how is it going?" call when an A or B customer was not in touch.

method.md section 4: due on the latest interaction's date + 42 days (A) or + 84 days (B);
with no interaction ever, on the as-of date. None for C, for customers without a group,
for inactive customers (even a close-to-heart one, whom the analysis puts in A) and for
ended ones. Any logged interaction counts, whoever started it and through whatever
channel; interactions after the as-of date are not yet known on that date.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime, time, timedelta

import polars as pl

from kundenwert.followups.items import Followup
from kundenwert.followups.rules import ONE_DAY, Context


def cadence_followups(
    customer_ids: list[str], interactions: pl.DataFrame, ctx: Context
) -> Iterator[Followup]:
    latest = latest_contacts(interactions, ctx.as_of)
    for customer_id in customer_ids:
        every = ctx.settings.cadence_days(ctx.group(customer_id))
        if every is None or _left_out(customer_id, ctx):
            continue
        yield _cadence(customer_id, every, latest.get(customer_id), ctx)


def latest_contacts(interactions: pl.DataFrame, as_of: date) -> dict[str, tuple[datetime, str]]:
    """customer id -> (time, channel) of its latest interaction up to the as-of date."""
    end_of_day = datetime.combine(as_of + ONE_DAY, time.min)
    rows = (
        interactions.filter(pl.col("at") < end_of_day)
        .group_by("customer_id")
        .agg(pl.col("at").max(), pl.col("channel").sort_by("at", "channel").last())
    )
    return {customer_id: (at, channel) for customer_id, at, channel in rows.iter_rows()}


def _left_out(customer_id: str, ctx: Context) -> bool:
    standing = ctx.standings.get(customer_id)
    return standing is None or standing.inactive or ctx.is_ended(customer_id)


def _cadence(
    customer_id: str, every: int, latest: tuple[datetime, str] | None, ctx: Context
) -> Followup:
    last_day = latest[0].date() if latest else None
    return Followup(
        kind="cadence",
        due=last_day + timedelta(days=every) if last_day else ctx.as_of,
        customer_id=customer_id,
        customer=ctx.names.get(customer_id, customer_id),
        ref=None,
        cause_date=last_day,
        facts={
            "every_days": every,
            "last_contact": last_day,
            "channel": latest[1] if latest else None,
            "days_since": (ctx.as_of - last_day).days if last_day else None,
        },
        group=ctx.group(customer_id),
    )
