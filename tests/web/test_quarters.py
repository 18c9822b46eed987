"""The customer page's figures per quarter: local quarters, effort as method.md counts it."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from kundenwert.customers.quarters import quarter_starts, quarterly_figures
from tests.web.conftest import customer, import_rows


def test_the_quarters_end_with_the_one_holding_the_as_of_date():
    starts = quarter_starts(date(2026, 11, 23))

    assert starts[0] == date(2025, 1, 1)
    assert starts[-2:] == [date(2026, 10, 1), date(2027, 1, 1)]


def test_it_adds_up_revenue_effort_and_contacts_per_quarter(db):
    import_rows(
        customers=[{"id": "Q1", "name": "Quartal GmbH"}],
        invoices=[
            {"customer_id": "Q1", "issue_date": date(2026, 2, 1), "net": "1000.50"},
            {"customer_id": "Q1", "issue_date": date(2026, 3, 31), "net": 500},
            {"customer_id": "Q1", "issue_date": date(2026, 4, 1), "net": 200, "currency": "CHF"},
        ],
        time_entries=[
            # 00:30 on 1 January in Berlin is still 31 December in UTC: it is a Q1 hour.
            {"customer_id": "Q1", "start": datetime(2026, 1, 1, 0, 30), "minutes": 60},
            {"customer_id": "Q1", "start": datetime(2026, 5, 5, 9, 0), "minutes": 90},
        ],
        interactions=[
            {
                "customer_id": "Q1",
                "at": datetime(2026, 2, 2, 10),
                "channel": "phone",
                "minutes": 30,
            },
            {
                "customer_id": "Q1",
                "at": datetime(2026, 2, 3, 10),
                "channel": "phone",
                "minutes": 45,
                "tracked": True,
            },
        ],
    )

    quarters = {q.label: q for q in quarterly_figures(customer("Q1"), date(2026, 6, 30))}

    assert list(quarters)[-1] == "Q2 2026"
    first = quarters["Q1 2026"]
    assert first.revenue == Decimal("1500.50")
    assert first.hours == 1.5  # 60 minutes of time, 30 untracked minutes of calls
    assert first.contacts == 2
    second = quarters["Q2 2026"]
    assert (second.revenue, second.hours, second.contacts) == (Decimal(0), 1.5, 0)
    assert quarters["Q4 2025"].hours == 0
