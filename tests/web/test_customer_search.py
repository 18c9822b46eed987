"""The type-ahead behind the interaction form: names and channels, nothing about money."""

from __future__ import annotations

from django.urls import reverse

from kundenwert.customers.analysis_service import current_analysis


def test_it_finds_customers_names_starting_with_the_text_first(demo, owner_client):
    results = owner_client.get(reverse("customer_search"), {"q": "ka"}).json()["results"]

    assert results[0]["name"].lower().startswith("ka")
    assert len(results) <= 10


def test_it_tells_the_channels_of_the_customers_group(demo, staff_client):
    current_analysis()

    results = staff_client.get(reverse("customer_search"), {"q": "K-1028"}).json()["results"]

    assert results == [
        {
            "id": results[0]["id"],
            "name": "Dachdeckerei Krämer GmbH",
            "number": "K-1028",
            "channels": ["email", "letter"],
        }
    ]


def test_an_empty_query_finds_nobody(demo, owner_client):
    assert owner_client.get(reverse("customer_search"), {"q": " "}).json() == {"results": []}


def test_the_number_of_queries_does_not_grow_with_the_results(demo, staff_client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    staff_client.get(reverse("customer_search"), {"q": "x"})  # creates the settings row
    counts = []
    for query in ("Bäckerei Sommer", "e"):  # one result, then ten
        with CaptureQueriesContext(connection) as queries:
            staff_client.get(reverse("customer_search"), {"q": query})
        counts.append(len(queries))
    assert counts[0] == counts[1]
