"""The dashboard: key figures with their change, the three charts, exit candidates,
today's follow-ups."""

from __future__ import annotations

from datetime import datetime, time, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kundenwert.customers import analysis_service
from kundenwert.lib.formatting import format_date
from kundenwert.planning import services as planning_services
from kundenwert.planning.data import current_open_followups
from kundenwert.workspace.services import get_settings
from tests.web.conftest import customer, import_invoices_in_two_currencies, import_rows, recent


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
    import_invoices_in_two_currencies(today)

    response = owner_client.get(reverse("dashboard"))

    assert response.status_code == 200
    german = "Die Rechnungen des Zeitraums lauten auf mehrere Währungen (CHF, EUR)."
    assert german in response.content.decode()
    # The same kept analysis, in the language of whoever reads it.
    owner_client.post(reverse("set_language"), {"language": "en"})
    english = "Invoices in the period use several currencies (CHF, EUR)."
    assert english in owner_client.get(reverse("customer_list")).content.decode()


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


def followup_rows(today) -> None:
    """Two customers with one known follow-up each as of today, and one with none.

    Druckerei Adler (B by hand): last contact 90 days ago, so the B cadence (84 days) fell due
    6 days ago. Gärtnerei Birke (C by hand, no cadence): offer AN-2042 sent 20 days ago, valid
    for 30, so its check-in fell due after 15 days. Optik Celik (C): nothing due. Hand-set
    groups keep A's December present and the thank-you rules out, whatever today is.
    """
    sent = today - timedelta(days=20)
    import_rows(
        customers=[
            {"id": "K1", "name": "Druckerei Adler", "group_override": "B", "override_reason": "x"},
            {"id": "K2", "name": "Gärtnerei Birke", "group_override": "C", "override_reason": "y"},
            {"id": "K3", "name": "Optik Celik", "group_override": "C", "override_reason": "z"},
        ],
        invoices=[
            {"customer_id": c, "net": 1000, "issue_date": recent(today)} for c in ("K1", "K2", "K3")
        ],
        interactions=[
            {"customer_id": "K1", "at": datetime.combine(today - timedelta(days=90), time(10))},
            {"customer_id": "K3", "at": datetime.combine(today - timedelta(days=2), time(10))},
        ],
        offers=[
            {
                "number": "AN-2042",
                "customer_id": "K2",
                "sent_date": sent,
                "valid_until": sent + timedelta(days=30),
                "amount": "1500.00",
            }
        ],
    )


def followups_section(client) -> str:
    page = client.get(reverse("dashboard")).content.decode()
    return page.split('aria-labelledby="followups-title"')[1].split("</section>")[0]


def test_it_lists_the_follow_ups_due_today(owner_client, today):
    followup_rows(today)

    response = owner_client.get(reverse("dashboard"))
    section = followups_section(owner_client)

    rows = [(f.customer, f.kind, f.due) for f in response.context["followups"]]
    assert rows == [
        ("Druckerei Adler", "Kontakt halten", today - timedelta(days=6)),
        ("Gärtnerei Birke", "Angebot nachfassen", today - timedelta(days=5)),
    ]
    assert response.context["followup_count"] == 2
    assert "Heute fällig" in section
    valid_until = format_date(today + timedelta(days=10), "de")
    assert f"Angebot AN-2042 über 1.500,00 € ist seit 20 Tagen offen, gültig bis {valid_until}" in (
        section
    )
    assert f"fällig am {format_date(today - timedelta(days=5), 'de')}" in section
    last_contact = format_date(today - timedelta(days=90), "de")
    assert f"Letzter Kontakt vor 90 Tagen ({last_contact}, E-Mail); B-Kunden alle 84 Tage" in (
        section
    )
    assert f'href="{reverse("customer_detail", args=[customer("K2").pk])}"' in section
    assert "Optik Celik" not in section


def test_a_follow_up_done_or_dismissed_leaves_the_dashboard(owner, owner_client, today):
    followup_rows(today)
    causes = {f.kind: f.cause for f in current_open_followups(analysis_service.current_analysis())}

    owner_client.post(reverse("planning:followup_done"), {"cause": causes["offer_checkin"]})
    after_done = followups_section(owner_client)
    planning_services.do_dismiss_followup(owner, causes["cadence"], "Kunde ruft selbst an")
    after_dismiss = followups_section(owner_client)

    assert "AN-2042" not in after_done and "Gärtnerei Birke" not in after_done
    assert "Druckerei Adler" in after_done
    assert "Druckerei Adler" not in after_dismiss
    assert "Heute ist nichts nachzufassen." in after_dismiss
