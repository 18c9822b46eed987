"""German by default, formal; English per user; numbers, money and dates per language."""

from __future__ import annotations

import re
from datetime import timedelta
from decimal import Decimal

from django.conf import settings
from django.db.models import Sum
from django.urls import reverse

from kundenwert.accounts.models import User
from kundenwert.billing.models import Invoice
from kundenwert.customers.analysis_service import current_analysis
from tests.web.conftest import customer, top_customer


def test_pages_are_german_by_default(demo, owner_client):
    page = owner_client.get(reverse("dashboard")).content.decode()

    assert '<html lang="de">' in page
    assert "Übersicht" in page


def test_a_user_switches_to_english_and_it_sticks(demo, owner, owner_client):
    response = owner_client.post(
        reverse("set_language"), {"language": "en", "next": reverse("customer_list")}
    )

    assert response.url == reverse("customer_list")
    assert User.objects.get(pk=owner.pk).language == "en"
    page = owner_client.get(reverse("dashboard")).content.decode()
    assert '<html lang="en">' in page and "Overview" in page


def german(english_number: str) -> str:
    """'40,915.63' as a German writes it: '40.915,63' (spelled out, not through our helpers)."""
    return english_number.replace(",", "_").replace(".", ",").replace("_", ".")


def test_money_numbers_and_dates_follow_the_language(demo, owner, owner_client, today):
    k1001 = customer("K-1001")
    url = reverse("customer_detail", args=[k1001.pk])
    german_page = owner_client.get(url).content.decode()
    owner_client.post(reverse("set_language"), {"language": "en"})
    english_page = owner_client.get(url).content.decode()
    # The demo history ends today, so its figures move with the date: take them from the data.
    revenue = Invoice.objects.filter(
        customer=k1001, issue_date__range=(today - timedelta(days=364), today)
    ).aggregate(total=Sum("net"))["total"]
    hours = current_analysis(today).current.customer("K-1001").metrics["effort_hours"]

    assert revenue > Decimal(1000) and hours > 10
    assert f"{german(f'{revenue:,.2f}')} €" in german_page and f"€{revenue:,.2f}" in english_page
    assert f"{german(f'{hours:,.1f}')} h" in german_page and f"{hours:,.1f} h" in english_page
    assert re.search(r"Period \d{4}-\d{2}-\d{2} to \d{4}-\d{2}-\d{2}", english_page)  # ISO dates
    assert re.search(r"Zeitraum \d{2}\.\d{2}\.\d{4} bis \d{2}\.\d{2}\.\d{4}", german_page)


def test_the_reason_sentences_follow_the_language(demo, owner_client):
    url = reverse("customer_detail", args=[customer(top_customer()).pk])
    owner_client.post(reverse("set_language"), {"language": "en"})

    assert "the highest of all customers; limit 80%" in owner_client.get(url).content.decode()


def test_visitors_can_switch_before_signing_in(client, db):
    response = client.post(reverse("set_language"), {"language": "en", "next": "/login/"})

    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"
    assert "Sign in" in client.get("/login/").content.decode()


def test_an_unknown_language_is_refused(owner_client):
    assert owner_client.post(reverse("set_language"), {"language": "xx"}).status_code == 400


def test_the_switch_is_a_form_that_works_without_javascript(owner_client, db):
    page = owner_client.get(reverse("my_tasks")).content.decode()

    assert f'action="{reverse("set_language")}"' in page
    assert 'name="language" value="en"' in page and 'lang="en"' in page
