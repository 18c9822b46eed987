"""The answer to "what occupies them right now?" is kept as one of the customer's concerns."""

from __future__ import annotations

import pytest
from django.urls import reverse

from kundenwert.accounts.models import Role, User
from kundenwert.customers.models import Customer, Insight

pytestmark = pytest.mark.django_db


def log(client, customer, **extra):
    data = {
        "customer": customer.pk,
        "customer_query": customer.name,
        "channel": "email",
        "direction": "out",
        "planned": "on",
        "minutes": "5",
        "complaint": "none",
    }
    return client.post(reverse("log_interaction"), {**data, **extra})


def test_an_answer_becomes_a_dated_concern_of_the_customer(client):
    client.force_login(User.objects.create_user("inhaber", password="x", role=Role.OWNER))
    customer = Customer.objects.create(number="K1", name="Bäckerei Sommer GmbH")

    log(client, customer, occupies="Die zweite Filiale eröffnet im März", at="2026-11-20T09:30")

    insight = Insight.objects.get(customer=customer)
    assert (insight.kind, insight.text) == ("concern", "Die zweite Filiale eröffnet im März")
    assert insight.noted_on.isoformat() == "2026-11-20"


def test_no_answer_keeps_no_insight(client):
    client.force_login(User.objects.create_user("inhaber", password="x", role=Role.OWNER))
    customer = Customer.objects.create(number="K1", name="Bäckerei Sommer GmbH")

    log(client, customer, occupies="  ")

    assert not Insight.objects.exists()
