"""Shared set-up of the web tests: an owner, a staff member, their clients, portfolios."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.test import Client
from django.utils import timezone

from kundenwert.accounts.models import Role
from kundenwert.accounts.services import do_create_user
from kundenwert.customers import analysis_service
from kundenwert.customers.models import Customer
from kundenwert.demo import generate_demo
from kundenwert.exchange.services import do_import_portfolio
from tests.analysis.builders import make_portfolio

PASSWORD = "a-long-test-password-4711"


@pytest.fixture(autouse=True)
def fresh_analysis():
    """Each test starts without a kept analysis: test databases reuse ids."""
    analysis_service.forget()
    yield
    analysis_service.forget()


@pytest.fixture
def today() -> date:
    return timezone.localdate()


@pytest.fixture
def owner(db):
    return do_create_user("olga", PASSWORD, role=Role.OWNER)


@pytest.fixture
def staff(db):
    return do_create_user("stefan", PASSWORD, role=Role.STAFF)


@pytest.fixture
def owner_client(owner) -> Client:
    client = Client()
    client.force_login(owner)
    return client


@pytest.fixture
def staff_client(staff) -> Client:
    client = Client()
    client.force_login(staff)
    return client


@pytest.fixture
def demo(db, today):
    """The demo portfolio, history ending today."""
    return do_import_portfolio(generate_demo(today), source="demo portfolio")


def import_rows(**tables) -> None:
    """Rows (see tests.analysis.builders) into the database, as an import would bring them."""
    do_import_portfolio(make_portfolio(**tables), source="test")


def recent(today: date, days_ago: int = 30) -> date:
    """A day inside the default analysis period ending today."""
    return today - timedelta(days=days_ago)


def import_invoices_in_two_currencies(today: date) -> None:
    """A customer invoiced in EUR and in CHF in the period: the analysis refuses to add
    them up until a currency is set."""
    day = recent(today)
    import_rows(
        customers=[{"id": "a"}],
        invoices=[
            {"customer_id": "a", "net": 100, "issue_date": day, "currency": currency}
            for currency in ("EUR", "CHF")
        ],
    )


def customer(number: str) -> Customer:
    return Customer.objects.get(number=number)


def top_customer() -> str:
    """The number of the customer with the highest revenue today. In the demo portfolio,
    whose history ends today, which customer that is moves with the date."""
    result = analysis_service.current_analysis().current
    return max(result.customers, key=lambda c: c.metrics["revenue"]).id
