"""The dashboard: key figures with their change, the three charts, exit candidates."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kundenwert.customers import analysis_service
from kundenwert.workspace.services import get_settings
from tests.web.conftest import import_rows, recent


def portfolio_of(size: int, today) -> None:
    """`size` customers, each with an invoice and an hour of work in the period."""
    day = recent(today)
    import_rows(
        customers=[{"id": f"K{n}", "name": f"Kunde {n}"} for n in range(size)],
        invoices=[
            {"customer_id": f"K{n}", "net": 100 * (n + 1), "issue_date": day} for n in range(size)
        ],
        time_entries=[{"customer_id": f"K{n}", "start": day, "minutes": 60} for n in range(size)],
    )


def test_it_shows_what_to_do_without_customers(owner_client):
    page = owner_client.get(reverse("dashboard")).content.decode()

    assert "Noch keine Kunden" in page
    assert reverse("import_upload") in page
    assert "kundenwert demo" in page


def test_it_shows_the_key_figures_in_german(demo, owner_client):
    page = owner_client.get(reverse("dashboard")).content.decode()

    assert "Umsatz" in page and "Effektiver Stundensatz" in page
    assert "60 Kunden" in page
    # German money: thousands with dots, decimals with a comma, the sign after.
    assert " €" in page and ",00 €" not in page.split("kpi-value")[1][:5]


def test_it_shows_the_three_charts_with_their_tables(demo, owner_client):
    page = owner_client.get(reverse("dashboard")).content.decode()

    for chart in ("portfolio-chart", "whale-chart", "budget-chart"):
        assert f'<svg xmlns="http://www.w3.org/2000/svg" id="{chart}"' in page
    chart = page.split('id="portfolio-chart"')[1].split("</svg>")[0]
    assert chart.count("<circle cx=") >= 50  # one mark per active customer
    assert page.count("<details>") == 3  # each chart has a table alternative


def test_each_mark_names_its_customer_and_reasons(demo, owner_client):
    page = owner_client.get(reverse("dashboard")).content.decode()

    assert "<title>Bäckerei Sommer GmbH · Gruppe A\n" in page


def test_it_lists_exit_candidates_with_their_causes(demo, owner_client):
    page = owner_client.get(reverse("dashboard")).content.decode()

    exit_section = page.split('id="exit-title"')[1]
    assert "Gruppe C" in exit_section
    assert reverse("customer_list") + "?exit=on" in exit_section


def test_it_compares_with_the_period_before(demo, owner_client):
    response = owner_client.get(reverse("dashboard"))

    figures = response.context["key_figures"]
    assert [f.label for f in figures] == [
        "Umsatz",
        "Stunden",
        "Effektiver Stundensatz",
        "Verspätet bezahlte Rechnungen",
    ]
    assert all(f.previous != "–" for f in figures)
    assert figures[0].change.endswith("%")


def test_it_says_when_the_analysis_needs_a_currency(owner_client, today):
    day = recent(today)
    import_rows(
        customers=[{"id": "a"}],
        invoices=[
            {"customer_id": "a", "net": 100, "issue_date": day, "currency": "EUR"},
            {"customer_id": "a", "net": 100, "issue_date": day, "currency": "CHF"},
        ],
    )

    response = owner_client.get(reverse("dashboard"))

    assert response.status_code == 200
    assert "CHF" in response.content.decode()


@pytest.mark.parametrize("page", ["dashboard", "customer_list"])
def test_the_number_of_queries_does_not_grow_with_the_customers(page, owner_client, today):
    counts = []
    for size in (5, 60):
        portfolio_of(size, today)
        owner_client.get(reverse(page))  # computes and keeps the analysis
        with CaptureQueriesContext(connection) as queries:
            assert owner_client.get(reverse(page)).status_code == 200
        counts.append(len(queries))
        analysis_service.forget()
    assert counts[0] == counts[1]


def test_computing_the_analysis_takes_a_fixed_number_of_queries(owner_client, today):
    get_settings()  # created once, on the first page ever
    counts = []
    for size in (5, 60):
        portfolio_of(size, today)
        analysis_service.forget()
        with CaptureQueriesContext(connection) as queries:
            owner_client.get(reverse("dashboard"))
        counts.append(len(queries))
    assert counts[0] == counts[1]
