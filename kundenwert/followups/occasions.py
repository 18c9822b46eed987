"""Yearly occasions: the anniversary of becoming a customer, a contact's birthday, and a
small present for A customers.

* `anniversary`: every year on the day and month of `since` (1 year and more). ref: None.
* `birthday`: every year on a contact's birthday (contacts live in the database only; a
  portfolio folder has none). ref: the contact's name, so two contacts are two causes.
* `present`: once a year for each A customer, on `present_month`/`present_day` (default
  1 December: early enough to choose and send something before the holidays). ref: None.

29 February falls on 28 February in other years. Anniversary and birthday go to A and B
customers that have not ended, the present to A customers that have not ended; each only
while it is fresh (`appreciation_open_days` after its date, rules.Context).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date

import polars as pl

from kundenwert.followups.items import Birthday, Followup
from kundenwert.followups.rules import Context, yearly_dates


def anniversary_followups(customers: pl.DataFrame, ctx: Context) -> Iterator[Followup]:
    dated = customers.filter(pl.col("since").is_not_null()).select("id", "since")
    for customer_id, since in dated.iter_rows():
        if not ctx.appreciates(customer_id):
            continue
        for day in yearly_dates(since, ctx.appreciation_from, ctx.until):
            if day.year > since.year:
                facts = {"years": day.year - since.year, "since": since}
                yield _occasion("anniversary", customer_id, None, day, facts, ctx)


def birthday_followups(birthdays: Iterable[Birthday], ctx: Context) -> Iterator[Followup]:
    for birthday in birthdays:
        if not ctx.appreciates(birthday.customer_id):
            continue
        for day in yearly_dates(birthday.day, ctx.appreciation_from, ctx.until):
            facts = {"contact": birthday.contact, "day": day}
            yield _occasion("birthday", birthday.customer_id, birthday.contact, day, facts, ctx)


def present_followups(ctx: Context) -> Iterator[Followup]:
    settings = ctx.settings
    day_of_year = date(2001, settings.present_month, settings.present_day)
    days = yearly_dates(day_of_year, ctx.appreciation_from, ctx.until)
    for customer_id in ctx.names:
        if ctx.group(customer_id) == "A" and not ctx.is_ended(customer_id):
            for day in days:
                yield _occasion("present", customer_id, None, day, {"year": day.year}, ctx)


def _occasion(
    kind: str, customer_id: str, ref: str | None, day: date, facts: dict, ctx: Context
) -> Followup:
    return Followup(
        kind=kind,
        due=day,
        customer_id=customer_id,
        customer=ctx.names.get(customer_id, customer_id),
        ref=ref,
        cause_date=day,
        facts=facts,
        group=ctx.group(customer_id),
    )
