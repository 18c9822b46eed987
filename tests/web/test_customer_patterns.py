"""The patterns on the customer page: the kaizen page's pattern table, for owners only (its
figures include money: credit notes), with a link to the details."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone

from kundenwert.customers.views import detail_context
from tests.web.conftest import customer, import_rows

# A fixed clock, so the quarters on the page are the same on any day the test runs.
NOW = datetime(2026, 11, 23, 10, tzinfo=ZoneInfo("Europe/Berlin"))
ODD_HOURS = "2 von 5,0 h am Wochenende oder spätabends (40 %)"


@pytest.fixture
def weekend_customer(db, monkeypatch):
    """Q3 2026: 2 hours on Saturday 1 August, 3 hours on Tuesday 4 August (9:00 both)."""
    monkeypatch.setattr(timezone, "now", lambda: NOW)
    import_rows(
        customers=[{"id": "W1", "name": "Gärtnerei Wochenende"}],
        invoices=[{"customer_id": "W1", "issue_date": date(2026, 8, 31), "net": 1500}],
        time_entries=[
            {"customer_id": "W1", "start": datetime(2026, 8, 1, 9), "minutes": 120},
            {"customer_id": "W1", "start": datetime(2026, 8, 4, 9), "minutes": 180},
        ],
    )
    return customer("W1")


def test_the_owner_sees_the_patterns_with_their_figures(owner_client, weekend_customer):
    page = owner_client.get(reverse("customer_detail", args=[weekend_customer.pk]))

    assert page.status_code == 200
    html = page.content.decode()
    section = html[html.index('id="patterns"') :]
    section = section[: section.index("</section>")]
    assert "Q3 2026" in section
    assert ODD_HOURS in section  # the figure and what it rests on
    assert ">40 %<" in section.replace("\xa0", " ")  # the Q3 cell
    assert f'href="/kaizen/customers/{weekend_customer.pk}/"' in section  # the details


def test_staff_do_not_see_the_patterns(staff_client, staff, weekend_customer):
    page = staff_client.get(reverse("customer_detail", args=[weekend_customer.pk]))

    assert page.status_code == 403
    assert "Wochenende oder spätabends" not in page.content.decode()
    # The context leaves the table out for anyone who is not an owner.
    request = RequestFactory().get("/")
    request.user = staff
    assert "pattern_rows" not in detail_context(request, weekend_customer)


def test_credit_notes_show_in_the_currency_the_customer_is_invoiced_in(
    owner_client, db, monkeypatch
):
    monkeypatch.setattr(timezone, "now", lambda: NOW)
    import_rows(
        customers=[{"id": "Z1", "name": "Uhren Zürich AG"}],
        invoices=[
            {"customer_id": "Z1", "issue_date": date(2026, 8, 3), "net": 2000, "currency": "CHF"},
            {"customer_id": "Z1", "issue_date": date(2026, 8, 20), "net": -200, "currency": "CHF"},
        ],
    )
    page = owner_client.get(reverse("customer_detail", args=[customer("Z1").pk]))

    html = page.content.decode().replace("\xa0", " ")
    assert "Gutschriften über 200,00 CHF auf 2.000,00 CHF Rechnungsbetrag (10 %)" in html
    assert "200,00 €" not in html
