"""Contacts that broke the channel rules: a phone call with a C customer, say.

The rules say which channels each group gets (WorkspaceSettings.channel_rules_or_default;
C in writing only). A contact breaks them when its channel is not among its customer's
group's channels, the group being the one as of the as-of date. Both directions count: a
C customer's call that was taken is a concession too, and the report shows who started
it. Customers without a group have no rules. Pure: no Django.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

import polars as pl

from kundenwert.analysis import Period
from kundenwert.portfolio import Portfolio


@dataclass(frozen=True)
class Breach:
    customer_id: str
    customer: str
    group: str
    at: datetime
    channel: str
    direction: str
    planned: bool
    minutes: Decimal
    user: str | None
    note: str | None


@dataclass(frozen=True)
class GroupCount:
    group: str
    contacts: int  # all contacts of the group in the period
    breaches: int


def channel_breaches(
    portfolio: Portfolio,
    groups: Mapping[str, str | None],
    rules: Mapping[str, Sequence[str]],
    period: Period,
) -> list[Breach]:
    """The period's contacts whose channel their group does not get, by group then time."""
    allowed = pl.DataFrame(
        [(group, channel) for group, channels in rules.items() for channel in channels],
        schema={"group": pl.String, "channel": pl.String},
        orient="row",
    )
    breaking = (
        _grouped_contacts(portfolio, groups, period)
        .join(allowed, on=["group", "channel"], how="anti")
        .filter(pl.col("group").is_in(list(rules)))
        .sort("group", "at", "customer_id")
    )
    columns = [f for f in Breach.__dataclass_fields__]
    return [Breach(*row) for row in breaking.select(columns).iter_rows()]


def group_counts(
    portfolio: Portfolio, groups: Mapping[str, str | None], breaches: list[Breach], period: Period
) -> list[GroupCount]:
    contacts = _grouped_contacts(portfolio, groups, period)["group"].value_counts()
    counts = dict(contacts.iter_rows())
    return [
        GroupCount(group, counts.get(group, 0), sum(1 for b in breaches if b.group == group))
        for group in ("A", "B", "C")
    ]


def _grouped_contacts(
    portfolio: Portfolio, groups: Mapping[str, str | None], period: Period
) -> pl.DataFrame:
    group_frame = pl.DataFrame(
        {"customer_id": list(groups), "group": list(groups.values())},
        schema={"customer_id": pl.String, "group": pl.String},
    )
    names = portfolio.customers.select(customer_id="id", customer="name")
    return (
        portfolio.interactions.filter(
            pl.col("at") >= period.first_moment, pl.col("at") < period.after_last_moment
        )
        .join(group_frame.filter(pl.col("group").is_not_null()), on="customer_id")
        .join(names, on="customer_id", how="left")
    )
