"""A customer's figures per calendar quarter, for the small charts on the customer page.

Revenue by invoice date (in the analysis currency), effort as method.md counts it (time
entries plus untracked interaction minutes), the effective hourly rate from both, and the
number of contacts. One query per table over one customer's records, each quarter a sum
between two local midnights: the database reads index ranges and never converts a time
zone row by row (SQLite would do that in Python). Plain SQL, because the ORM takes longer
to compile thirty-two filtered aggregates than the database takes to run them, and this
runs on every customer page.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time
from decimal import Decimal

from django.db import connection
from django.utils import timezone

from kundenwert.activity.models import Interaction, TimeEntry
from kundenwert.billing.models import Invoice
from kundenwert.customers.models import Customer

QUARTERS = 8  # two years: enough to see a trend and a season


@dataclass(frozen=True)
class Quarter:
    year: int
    number: int  # 1..4
    revenue: Decimal
    hours: float
    contacts: int

    @property
    def label(self) -> str:
        return f"Q{self.number} {self.year}"

    @property
    def hourly_rate(self) -> Decimal | None:
        return self.revenue / Decimal(str(self.hours)) if self.hours else None


def quarter_starts(as_of: date, count: int = QUARTERS) -> list[date]:
    """The first days of the `count` quarters up to the one holding as_of, oldest first,
    and the first day after the last of them."""
    current = as_of.year * 4 + (as_of.month - 1) // 3  # quarters since year 0
    return [date(i // 4, i % 4 * 3 + 1, 1) for i in range(current - count + 1, current + 2)]


def quarterly_figures(customer: Customer, as_of: date, currency: str = "EUR") -> list[Quarter]:
    days = quarter_starts(as_of)
    ops = connection.ops
    dates = [ops.adapt_datefield_value(day) for day in days]
    moments = [
        ops.adapt_datetimefield_value(timezone.make_aware(datetime.combine(day, time.min)))
        for day in days
    ]
    count = len(days) - 1
    revenue = _sums(Invoice, "issue_date", dates, ["net"], customer, "currency = %s", [currency])
    minutes = _sums(TimeEntry, "start", moments, ["minutes"], customer)
    untracked_and_contacts = _sums(
        Interaction, "at", moments, ["CASE WHEN tracked THEN 0 ELSE minutes END", "1"], customer
    )
    untracked, contacts = untracked_and_contacts[:count], untracked_and_contacts[count:]
    return [
        Quarter(
            day.year,
            (day.month - 1) // 3 + 1,
            _decimal(revenue[i]),
            float(_decimal(minutes[i]) + _decimal(untracked[i])) / 60,
            int(contacts[i] or 0),
        )
        for i, day in enumerate(days[:-1])
    ]


def _sums(
    model,
    moment: str,
    bounds: list,
    values: list[str],
    customer: Customer,
    condition: str = "",
    condition_params: list | None = None,
) -> list:
    """For each of `values`, its sum in each quarter (None for none), in one query.

    One scalar subquery per quarter and value: each reads only its own slice of the
    (customer, moment) index, instead of testing every row against every quarter.
    """
    table = model._meta.db_table
    where = f"customer_id = %s AND {moment} >= %s AND {moment} < %s"
    if condition:
        where += f" AND {condition}"
    quarters = list(zip(bounds, bounds[1:], strict=False))
    columns = [
        f"(SELECT SUM({value}) FROM {table} WHERE {where})" for value in values for _ in quarters
    ]
    params = [
        p
        for _ in values
        for start, end in quarters
        for p in (customer.pk, start, end, *(condition_params or []))
    ]
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {', '.join(columns)}", params)
        return list(cursor.fetchone())


def _decimal(value) -> Decimal:
    """A database sum as a Decimal: SQLite adds decimal columns as floats."""
    if value is None:
        return Decimal(0)
    return value if isinstance(value, Decimal) else Decimal(str(round(value, 2)))
