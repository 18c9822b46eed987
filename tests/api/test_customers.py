"""Customers through the API: list, read, create, update, with the model's rules and clear
errors that name the field."""

from __future__ import annotations

from kundenwert.accounts.models import ChangeRecord
from kundenwert.customers.models import Customer
from tests.web.conftest import customer

CUSTOMERS = "/api/v1/customers/"


def errors_of(response) -> dict[str, str]:
    return {error["field"]: error["message"] for error in response.json()["errors"]}


def test_the_list_comes_in_pages(demo, owner_api):
    first = owner_api.get(CUSTOMERS, {"page_size": 25}).json()
    last = owner_api.get(CUSTOMERS, {"page_size": 25, "page": 3}).json()

    assert first["count"] == 60 and len(first["results"]) == 25 and first["previous"] is None
    assert len(last["results"]) == 10 and last["next"] is None


def test_the_list_filters_by_number_status_and_name(demo, owner_api):
    by_number = owner_api.get(CUSTOMERS, {"number": "K-1001"}).json()["results"]
    by_name = owner_api.get(CUSTOMERS, {"q": "bäckerei"}).json()["results"]

    assert [c["name"] for c in by_number] == ["Bäckerei Sommer GmbH"]
    assert "Bäckerei Sommer GmbH" in [c["name"] for c in by_name]


def test_an_owner_creates_a_customer_through_the_service(owner_api, owner):
    response = owner_api.post(
        CUSTOMERS,
        {"number": "K-9000", "name": "  Neue Kundin GmbH ", "potential": 4, "useful": True},
        format="json",
    )

    assert response.status_code == 201
    created = Customer.objects.get(number="K-9000")
    assert created.name == "Neue Kundin GmbH" and created.potential == 4
    assert response.json()["id"] == created.pk
    record = ChangeRecord.objects.get(action="create", model="customers.Customer")
    assert record.user == owner


def test_a_duplicate_number_names_the_field(demo, owner_api):
    response = owner_api.post(CUSTOMERS, {"number": "K-1001", "name": "Doppelt"}, format="json")

    assert response.status_code == 400
    assert "number" in errors_of(response)


def test_a_potential_outside_one_to_five_names_the_field(owner_api):
    response = owner_api.post(
        CUSTOMERS, {"number": "K-1", "name": "X", "potential": 7}, format="json"
    )

    assert response.status_code == 400 and "potential" in errors_of(response)


def test_a_hand_set_group_needs_a_reason(owner_api):
    response = owner_api.post(
        CUSTOMERS, {"number": "K-1", "name": "X", "group_override": "C"}, format="json"
    )

    assert response.status_code == 400
    assert "override_reason" in errors_of(response)
    assert not Customer.objects.exists()


def test_an_owner_updates_part_of_a_customer(demo, owner_api):
    pk = customer("K-1001").pk

    response = owner_api.patch(
        f"{CUSTOMERS}{pk}/",
        {"group_override": "B", "override_reason": "Zahlt neuerdings spät"},
        format="json",
    )

    assert response.status_code == 200
    assert (customer("K-1001").group_override, response.json()["group_override"]) == ("B", "B")
    record = ChangeRecord.objects.filter(action="update", model="customers.Customer").get()
    assert record.changes["group_override"] == ["", "B"]


def test_an_update_is_checked_by_the_same_rules(demo, owner_api):
    pk = customer("K-1001").pk

    response = owner_api.put(f"{CUSTOMERS}{pk}/", {"number": "", "name": "X"}, format="json")

    assert response.status_code == 400 and "number" in errors_of(response)


def test_an_unknown_customer_is_404_with_the_error_body(owner_api):
    response = owner_api.get(f"{CUSTOMERS}999999/")

    assert response.status_code == 404
    assert response.json()["errors"][0]["field"] is None


def test_the_figures_of_a_customer_are_its_entry_of_the_analysis(demo, owner_api):
    pk = customer("K-1001").pk

    figures = owner_api.get(f"{CUSTOMERS}{pk}/figures/").json()
    analysis = owner_api.get("/api/v1/analysis/").json()

    entry = next(c for c in analysis["customers"] if c["id"] == "K-1001")
    assert {k: figures[k] for k in entry} == entry
    assert figures["explanations"]["high_revenue"].startswith("Umsatz ")
