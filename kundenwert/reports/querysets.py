"""The records of a list, filtered by customer and date range: one definition for the
exports and the API, so a download and an API page of the same filter hold the same rows.

Both ends of a date range are included. A record belongs to a day as method.md says:
an invoice by its issue date, a time entry by its start, an interaction by its time, the
times taken as local wall-clock days (Europe/Berlin unless set otherwise).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.db.models import QuerySet
from django.utils import timezone

from kundenwert.activity.models import Interaction, TimeEntry
from kundenwert.billing.models import Invoice
from kundenwert.lib import parsing

# The days a filter, a query or a new record may name. Beyond them, date arithmetic (a
# period ending on a day, a due date 14 days on) leaves Python's calendar, and no real
# record lies there.
EARLIEST, LATEST = date(1900, 1, 1), date(2999, 12, 31)
DAY_RANGE_MESSAGE = "lies outside the years 1900 to 2999"


def check_day(day: date) -> date:
    """The day, or ValueError when it is outside EARLIEST … LATEST."""
    if not EARLIEST <= day <= LATEST:
        raise ValueError(DAY_RANGE_MESSAGE)
    return day


@dataclass(frozen=True)
class ListFilter:
    customer: int | None = None  # the customer's primary key
    start: date | None = None
    end: date | None = None


class FilterInvalid(ValueError):
    """Query parameters that are not a filter; `errors` maps each parameter to its problem."""

    def __init__(self, errors: dict[str, str]) -> None:
        super().__init__("; ".join(f"{name}: {message}" for name, message in errors.items()))
        self.errors = errors


def parse_list_filter(params: Mapping[str, str]) -> ListFilter:
    """`customer` (a customer's id), `from` and `to` (YYYY-MM-DD) from query parameters,
    as the web downloads and the API take them; raises FilterInvalid."""
    errors: dict[str, str] = {}
    customer = _parsed(params, "customer", _customer_id, errors)
    start = _parsed(params, "from", _day, errors)
    end = _parsed(params, "to", _day, errors)
    if start and end and start > end:
        errors["to"] = "is before 'from'"
    if errors:
        raise FilterInvalid(errors)
    return ListFilter(customer, start, end)


def _parsed(params: Mapping[str, str], name: str, parse, errors: dict[str, str]):
    text = parsing.strip(params.get(name) or "")
    if not text:
        return None
    try:
        return parse(text)
    except ValueError as error:
        errors[name] = f"'{text[:40]}' {error}"
        return None


def _day(text: str) -> date:
    return check_day(parsing.parse_date(text))


def _customer_id(text: str) -> int:
    number = parsing.parse_int(text)
    if number < 1:
        raise ValueError("is not a customer id (a whole number from 1)")
    return number


def interactions(found: ListFilter) -> QuerySet[Interaction]:
    rows = Interaction.objects.select_related("customer").order_by("-at", "-id")
    return _by_moment(_by_customer(rows, found), "at", found)


def time_entries(found: ListFilter) -> QuerySet[TimeEntry]:
    rows = TimeEntry.objects.select_related("customer").order_by("-start", "-id")
    return _by_moment(_by_customer(rows, found), "start", found)


def invoices(found: ListFilter) -> QuerySet[Invoice]:
    rows = Invoice.objects.select_related("customer").order_by("-issue_date", "-number")
    rows = _by_customer(rows, found)
    if found.start:
        rows = rows.filter(issue_date__gte=found.start)
    if found.end:
        rows = rows.filter(issue_date__lte=found.end)
    return rows


def _by_customer(rows: QuerySet, found: ListFilter) -> QuerySet:
    return rows if found.customer is None else rows.filter(customer_id=found.customer)


def _by_moment(rows: QuerySet, field: str, found: ListFilter) -> QuerySet:
    if found.start:
        rows = rows.filter(**{f"{field}__gte": local_midnight(found.start)})
    if found.end:
        rows = rows.filter(**{f"{field}__lt": local_midnight(found.end + timedelta(days=1))})
    return rows


def local_midnight(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))
