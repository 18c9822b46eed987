"""The database as a Portfolio for the patterns: one customer's records, or everyone's since
a date. The loader takes WHERE clauses; every value put into them is made here (an integer
key, an ISO date), never user input."""

from __future__ import annotations

from datetime import date, timedelta

from django.db.models import Sum

from kundenwert.billing.models import Invoice
from kundenwert.customers.models import Customer
from kundenwert.exchange.loader import load_portfolio
from kundenwert.portfolio import Portfolio

# A time entry's stored UTC moment can lie a day before its local date.
MARGIN_DAYS = 2
DATED = {
    "invoices": "i.issue_date",
    "time_entries": "t.start",
    "interactions": "x.at",
    "offers": "o.sent_date",
    "direct_costs": "k.date",
}
TABLES = ("customers", "invoices", "time_entries", "interactions", "offers", "deliveries")


def customer_portfolio(customer: Customer, since: date | None = None) -> Portfolio:
    """The customer's records, from `since` on when given (a little earlier, see above)."""
    own = f"c.id = {int(customer.pk)}"
    filters = {table: own for table in (*TABLES, "direct_costs")}
    if since is not None:
        for table, clause in _since(since).items():
            filters[table] = f"{own} AND {clause}"
    return load_portfolio(filters)


def customer_currency(customer_id: int) -> str:
    """The currency the customer is invoiced in most (by amount), for its figures in money;
    EUR for a customer without invoices."""
    largest = (
        Invoice.objects.filter(customer_id=customer_id, net__gt=0)
        .values("currency")
        .annotate(total=Sum("net"))
        .order_by("-total", "currency")
        .first()
    )
    return largest["currency"] if largest else "EUR"


def portfolio_since(since: date) -> Portfolio:
    return load_portfolio(_since(since))


def _since(day: date) -> dict[str, str]:
    literal = f"'{(day - timedelta(days=MARGIN_DAYS)).isoformat()}'"
    return {table: f"{column} >= {literal}" for table, column in DATED.items()}
