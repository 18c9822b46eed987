"""A contact logged with a customer whose relationship has ended is flagged on saving."""

from __future__ import annotations

import pytest
from django.urls import reverse

from kundenwert.accounts.models import Role, User
from kundenwert.activity.models import Interaction
from kundenwert.customers.models import Customer

pytestmark = pytest.mark.django_db


def test_logging_a_contact_with_an_ended_customer_saves_it_and_warns(client):
    owner = User.objects.create_user("inhaber", password="x", role=Role.OWNER)
    customer = Customer.objects.create(number="K1", name="Alt GmbH", status="ended")
    client.force_login(owner)

    response = client.post(
        reverse("log_interaction"),
        {
            "customer": customer.pk,
            "customer_query": customer.name,
            "channel": "email",
            "direction": "out",
            "planned": "on",
            "minutes": "5",
            "complaint": "none",
        },
        follow=True,
    )

    assert Interaction.objects.filter(customer=customer).count() == 1
    texts = [str(m) for m in response.context["messages"]]
    assert any("Alt GmbH" in t and ("beendet" in t or "ended" in t) for t in texts)
