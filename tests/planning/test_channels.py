"""The report of contacts that broke the channel rules of their customer's group."""

from __future__ import annotations

from datetime import date, datetime

from django.urls import reverse

from kundenwert.analysis import Period
from kundenwert.planning.channels import channel_breaches, group_counts
from kundenwert.workspace.models import DEFAULT_CHANNEL_RULES
from kundenwert.workspace.services import get_settings
from tests.analysis.builders import make_portfolio

MARCH = Period(date(2026, 3, 1), date(2026, 3, 31))


def contact(customer_id: str, channel: str, day: int = 10) -> dict:
    return {"customer_id": customer_id, "at": datetime(2026, 3, day, 10), "channel": channel}


def portfolio():
    return make_portfolio(
        customers=[{"id": "KA", "name": "Anna"}, {"id": "KC", "name": "Carl"}, {"id": "KX"}],
        interactions=[
            contact("KA", "phone"),
            contact("KC", "phone", 12),
            contact("KC", "email"),
            contact("KC", "visit", 12),
            contact("KX", "visit"),
            {"customer_id": "KC", "at": datetime(2026, 2, 27, 10), "channel": "phone"},
        ],
    )


GROUPS = {"KA": "A", "KC": "C", "KX": None}


def test_a_phone_call_to_a_c_customer_breaks_the_rules():
    breaches = channel_breaches(portfolio(), GROUPS, DEFAULT_CHANNEL_RULES, MARCH)

    assert [(b.customer_id, b.channel, b.at.day) for b in breaches] == [
        ("KC", "phone", 12),
        ("KC", "visit", 12),
    ]
    assert breaches[0].customer == "Carl" and breaches[0].group == "C"


def test_writing_to_a_c_customer_and_calling_an_a_customer_are_fine():
    breaches = channel_breaches(portfolio(), GROUPS, DEFAULT_CHANNEL_RULES, MARCH)

    assert ("KC", "email") not in [(b.customer_id, b.channel) for b in breaches]
    assert all(b.customer_id != "KA" for b in breaches)


def test_customers_without_a_group_have_no_rules():
    breaches = channel_breaches(portfolio(), GROUPS, DEFAULT_CHANNEL_RULES, MARCH)

    assert all(b.customer_id != "KX" for b in breaches)


def test_the_rules_are_the_settings():
    rules = DEFAULT_CHANNEL_RULES | {"A": ["email"]}

    breaches = channel_breaches(portfolio(), GROUPS, rules, MARCH)

    assert ("KA", "phone") in [(b.customer_id, b.channel) for b in breaches]


def test_the_counts_per_group_set_breaches_against_all_contacts():
    breaches = channel_breaches(portfolio(), GROUPS, DEFAULT_CHANNEL_RULES, MARCH)

    counts = group_counts(portfolio(), GROUPS, breaches, MARCH)

    assert [(c.group, c.contacts, c.breaches) for c in counts] == [
        ("A", 1, 0),
        ("B", 0, 0),
        ("C", 3, 2),
    ]


def test_the_page_lists_the_phone_call_with_the_c_customer(owner_client, portfolio, clock):
    # In the small portfolio Kanzlei Berger (C by hand) was called on 10 March.
    html = owner_client.get(reverse("planning:channels")).content.decode()

    assert "Kanzlei Berger" in html and "10.03.2026 11:00" in html
    assert "Telefon" in html


def test_the_page_follows_the_stored_channel_rules(owner_client, portfolio, clock):
    settings = get_settings()
    settings.channel_rules = {"C": ["phone", "email"]}
    settings.save()

    html = owner_client.get(reverse("planning:channels")).content.decode()

    assert "Kanzlei Berger" not in html


def test_staff_do_not_see_the_channel_report(staff_client, db, clock):
    assert staff_client.get(reverse("planning:channels")).status_code == 403
