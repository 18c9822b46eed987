"""Interactions, time entries and invoices through the API: created by the services, listed
by customer and date range."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest

from kundenwert.accounts.models import ChangeRecord
from kundenwert.activity.models import Interaction, TimeEntry
from kundenwert.billing.models import Invoice
from tests.web.conftest import customer, import_rows


@pytest.fixture
def two_customers(db, today):
    import_rows(
        customers=[{"id": "K1", "name": "Bäckerei Sommer"}, {"id": "K2", "name": "Kanzlei Berger"}],
        invoices=[
            {"customer_id": "K1", "number": "RE-1", "issue_date": today - timedelta(days=40)},
            {"customer_id": "K2", "number": "RE-2", "issue_date": today - timedelta(days=5)},
        ],
        interactions=[
            {"customer_id": "K1", "at": today - timedelta(days=40)},
            {"customer_id": "K1", "at": today - timedelta(days=2)},
            {"customer_id": "K2", "at": today - timedelta(days=2)},
        ],
    )
    return customer("K1"), customer("K2")


def errors_of(response) -> dict[str, str]:
    return {error["field"]: error["message"] for error in response.json()["errors"]}


def test_an_interaction_is_logged_through_the_service(owner_api, two_customers, owner):
    sommer, _ = two_customers

    response = owner_api.post(
        "/api/v1/interactions/",
        {
            "customer": sommer.pk,
            "at": "2026-11-20T10:15:00+01:00",
            "channel": "phone",
            "direction": "in",
            "planned": False,
            "minutes": "12.5",
            "price_negotiation": True,
            "mood": -1,
            "note": " Rückruf ",
        },
        format="json",
    )

    assert response.status_code == 201, response.json()
    saved = Interaction.objects.get(pk=response.json()["id"])
    assert (saved.minutes, saved.note, saved.logged_by) == (Decimal("12.5"), "Rückruf", owner)
    assert response.json()["customer_number"] == "K1"
    assert ChangeRecord.objects.filter(model="activity.Interaction", action="create").exists()


def test_an_interaction_with_a_wrong_channel_or_mood_names_the_fields(owner_api, two_customers):
    sommer, _ = two_customers

    response = owner_api.post(
        "/api/v1/interactions/",
        {"customer": sommer.pk, "channel": "fax", "mood": 5},
        format="json",
    )

    assert response.status_code == 400
    assert {"channel", "mood"} <= set(errors_of(response))


def test_interactions_are_listed_by_customer_and_date_range(owner_api, two_customers, today):
    sommer, _ = two_customers
    since = (today - timedelta(days=7)).isoformat()

    everything = owner_api.get("/api/v1/interactions/").json()
    recent = owner_api.get("/api/v1/interactions/", {"customer": sommer.pk, "from": since}).json()

    assert everything["count"] == 3
    assert recent["count"] == 1 and recent["results"][0]["customer_number"] == "K1"


def test_a_wrong_filter_names_the_parameter(owner_api, two_customers):
    response = owner_api.get("/api/v1/interactions/", {"from": "2026-02-30", "customer": "x"})

    assert response.status_code == 400
    assert set(errors_of(response)) == {"from", "customer"}


def test_from_after_to_is_refused(owner_api, two_customers):
    response = owner_api.get("/api/v1/invoices/", {"from": "2026-02-01", "to": "2026-01-01"})

    assert response.status_code == 400 and "to" in errors_of(response)


def test_a_time_entry_needs_more_than_zero_minutes(owner_api, two_customers):
    sommer, _ = two_customers
    body = {"customer": sommer.pk, "start": "2026-11-20T09:00:00", "minutes": 0}

    refused = owner_api.post("/api/v1/time-entries/", body, format="json")
    created = owner_api.post("/api/v1/time-entries/", {**body, "minutes": 90}, format="json")

    assert refused.status_code == 400 and "minutes" in errors_of(refused)
    assert created.status_code == 201
    assert TimeEntry.objects.get().minutes == 90


def test_an_invoice_is_created_and_listed_newest_first(owner_api, two_customers, today):
    _, berger = two_customers

    response = owner_api.post(
        "/api/v1/invoices/",
        {
            "number": "RE-3",
            "customer": berger.pk,
            "issue_date": (today - timedelta(days=1)).isoformat(),  # RE-2 is 5 days old
            "net": 1234.56,
            "currency": "eur",
        },
        format="json",
    )

    assert response.status_code == 201, response.json()
    assert Invoice.objects.get(number="RE-3").currency == "EUR"
    listed = owner_api.get("/api/v1/invoices/", {"customer": berger.pk}).json()["results"]
    assert [i["number"] for i in listed] == ["RE-3", "RE-2"]
    assert listed[0]["net"] == 1234.56


def test_an_invoice_number_is_unique_and_a_currency_is_three_letters(owner_api, two_customers):
    sommer, _ = two_customers
    body = {"number": "RE-1", "customer": sommer.pk, "issue_date": "2026-11-22", "net": 1}

    twice = owner_api.post("/api/v1/invoices/", body, format="json")
    odd_money = owner_api.post(
        "/api/v1/invoices/", {**body, "number": "RE-9", "currency": "E1"}, format="json"
    )

    assert twice.status_code == 400 and "number" in errors_of(twice)
    assert odd_money.status_code == 400 and "currency" in errors_of(odd_money)


def test_a_body_that_is_not_json_is_a_clear_400(owner_api, two_customers):
    response = owner_api.post("/api/v1/invoices/", "{not json", content_type="application/json")

    assert response.status_code == 400
    assert response.json()["errors"][0]["code"] == "parse_error"
