"""The customer list: search, filters, sorting and pages over the analysed customers."""

from __future__ import annotations

from django.urls import reverse

from tests.web.conftest import import_rows, recent


def names(response) -> list[str]:
    return [row["name"] for row in response.context["rows"]]


def test_it_finds_customers_by_part_of_the_name(demo, owner_client):
    response = owner_client.get(reverse("customer_list"), {"q": "bäckerei"})

    assert names(response) == ["Bäckerei Sommer GmbH"]


def test_it_finds_a_customer_by_number(demo, owner_client):
    response = owner_client.get(reverse("customer_list"), {"q": "K-1002"})

    assert names(response) == ["Kanzlei Berger & Partner"]


def test_it_filters_by_group_reason_and_exit(demo, owner_client):
    by_group = owner_client.get(reverse("customer_list"), {"group": "C"}).context["rows"]
    by_reason = owner_client.get(reverse("customer_list"), {"reason": "late_payer"}).context["rows"]
    exits = owner_client.get(reverse("customer_list"), {"exit": "on"}).context["rows"]

    assert by_group and all(row["group"] == "C" for row in by_group)
    assert by_reason and all("late_payer" in row["reasons"] for row in by_reason)
    assert exits and all(row["exit_candidate"] for row in exits)


def test_it_filters_customers_without_group(demo, owner_client):
    rows = owner_client.get(reverse("customer_list"), {"group": "none"}).context["rows"]

    assert rows and all(row["group"] is None for row in rows)


def test_it_sorts_by_a_column_and_back(demo, owner_client):
    by_margin = owner_client.get(reverse("customer_list"), {"sort": "margin"}).context["rows"]
    reverse_margin = owner_client.get(reverse("customer_list"), {"sort": "-margin"}).context["rows"]

    margins = [row["margin_cents"] for row in by_margin]
    assert margins == sorted(margins, reverse=True)
    assert reverse_margin[0]["margin_cents"] <= reverse_margin[-1]["margin_cents"]


def test_the_column_headings_say_how_the_list_is_sorted(demo, owner_client):
    page = owner_client.get(reverse("customer_list"), {"sort": "name"}).content.decode()

    assert 'aria-sort="ascending"' in page
    assert "sort=-name" in page  # the heading sorts the other way round next


def test_it_pages_through_many_customers(owner_client, today):
    import_rows(
        customers=[{"id": f"K{n:03d}", "name": f"Kunde {n:03d}"} for n in range(120)],
        invoices=[{"customer_id": f"K{n:03d}", "issue_date": recent(today)} for n in range(120)],
    )

    first = owner_client.get(reverse("customer_list"), {"sort": "name"})
    third = owner_client.get(reverse("customer_list"), {"sort": "name", "page": 3})

    assert len(first.context["rows"]) == 50
    assert names(third) == [f"Kunde {n:03d}" for n in range(100, 120)]
    assert "page=2" in third.content.decode()


def test_it_says_when_no_customer_matches(demo, owner_client):
    page = owner_client.get(reverse("customer_list"), {"q": "gibt es nicht"}).content.decode()

    assert "Kein Kunde passt zu diesen Filtern" in page


def test_an_invalid_filter_shows_everyone(demo, owner_client):
    response = owner_client.get(reverse("customer_list"), {"group": "Z", "page": "x"})

    assert response.status_code == 200
    assert response.context["page"].total == 60


def test_it_filters_by_status(owner_client, today):
    import_rows(
        customers=[
            {"id": "L1", "name": "Atelier Neu", "status": "lead"},
            {"id": "A1", "name": "Bäckerei Laufend", "status": "active"},
            {"id": "A2", "name": "Café Dauer"},  # active by default
            {"id": "E1", "name": "Druckhaus Alt", "status": "ended"},
            {"id": "E2", "name": "Eisenwaren Fort", "status": "ended"},
        ],
        invoices=[
            {"customer_id": c, "issue_date": recent(today, days)}
            for c, days in (("A1", 20), ("A2", 40), ("E1", 200), ("E2", 300))
        ],
    )

    def listed(status: str) -> list[str]:
        return names(owner_client.get(reverse("customer_list"), {"status": status, "sort": "name"}))

    assert listed("lead") == ["Atelier Neu"]
    assert listed("active") == ["Bäckerei Laufend", "Café Dauer"]
    assert listed("ended") == ["Druckhaus Alt", "Eisenwaren Fort"]
    assert listed("") == [
        "Atelier Neu",
        "Bäckerei Laufend",
        "Café Dauer",
        "Druckhaus Alt",
        "Eisenwaren Fort",
    ]


def test_the_status_filter_combines_with_the_search(owner_client, today):
    import_rows(
        customers=[
            {"id": "A1", "name": "Malerei Hoch", "status": "active"},
            {"id": "E1", "name": "Malerei Tief", "status": "ended"},
            {"id": "E2", "name": "Schreinerei Tief", "status": "ended"},
        ],
        invoices=[{"customer_id": c, "issue_date": recent(today)} for c in ("A1", "E1", "E2")],
    )

    response = owner_client.get(reverse("customer_list"), {"status": "ended", "q": "malerei"})

    assert names(response) == ["Malerei Tief"]
    assert response.context["page"].total == 1
    assert "E1 · beendet" in response.content.decode()
