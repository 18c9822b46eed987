"""The customer page: reasons with figures, quarters, timeline, and the owner's edits."""

from __future__ import annotations

from datetime import timedelta

from django.urls import reverse

from kundenwert.accounts.models import ChangeRecord
from kundenwert.activity.services import do_log_interaction
from kundenwert.customers.analysis_service import current_analysis
from kundenwert.customers.models import Contact
from kundenwert.customers.timeline import _sort_key as sort_key
from tests.web.conftest import customer, import_rows, recent


def page_of(client, number: str, **params) -> str:
    url = reverse("customer_detail", args=[customer(number).pk])
    return client.get(url, params).content.decode()


def test_it_explains_every_reason_with_its_figure(demo, owner_client):
    page = page_of(owner_client, "K-1001")

    assert "Warum Gruppe A" in page
    assert "der umsatzstärkste Kunde; Grenze 80 %" in page  # high_revenue with its figure
    ratio = current_analysis().current.customer("K-1001").metrics["effort_ratio"]
    assert 0 < ratio < 1.5
    # proportional_effort with its figure (the demo moves with the date, so the figure does too)
    assert f"Verhältnis {ratio:.2f}; Grenze 1,5".replace(".", ",") in page


def test_it_marks_the_reason_that_decides(demo, owner_client):
    page = page_of(owner_client, "K-1001")

    assert 'class="deciding"' in page


def test_it_shows_the_quarters_as_small_charts_and_a_table(demo, owner_client):
    response = owner_client.get(reverse("customer_detail", args=[customer("K-1001").pk]))

    quarters = response.context["quarters"]
    assert len(quarters["rows"]) == 8
    assert len(quarters["metrics"]) == 4
    assert 'id="spark-revenue"' in response.content.decode()


def test_the_timeline_shows_every_kind_newest_first(demo, owner_client):
    response = owner_client.get(reverse("customer_detail", args=[customer("K-1001").pk]))

    entries = response.context["timeline"].entries
    assert {e.kind for e in entries} >= {"interaction", "time"}
    moments = [sort_key(e.when) for e in entries]
    assert moments == sorted(moments, reverse=True)


def test_the_timeline_filters_by_kind_and_pages(demo, owner_client):
    url = reverse("customer_detail", args=[customer("K-1001").pk])

    first = owner_client.get(url, {"kind": "invoice"}).context["timeline"]
    second = owner_client.get(url, {"kind": "invoice", "page": 2}).context["timeline"]

    assert {e.kind for e in first.entries} == {"invoice"}
    assert not {e.record.pk for e in first.entries} & {e.record.pk for e in second.entries}


def test_it_shows_contacts_and_insights(demo, owner, owner_client, today):
    Contact.objects.create(customer=customer("K-1001"), name="Petra Sommer", role="Inhaberin")
    owner_client.post(
        reverse("customer_insight", args=[customer("K-1001").pk]),
        {"kind": "worry", "text": "Fachkräftemangel", "noted_on": today.isoformat()},
    )

    page = page_of(owner_client, "K-1001")

    assert "Petra Sommer" in page and "Inhaberin" in page
    assert "Fachkräftemangel" in page and "Sorge" in page


def test_it_rejects_an_insight_without_text(demo, owner_client, today):
    response = owner_client.post(
        reverse("customer_insight", args=[customer("K-1001").pk]),
        {"kind": "worry", "text": "", "noted_on": today.isoformat()},
    )

    assert response.status_code == 400
    assert not customer("K-1001").insights.exists()


def test_the_owner_rates_potential_useful_and_heart(demo, owner_client):
    pk = customer("K-1030").pk

    response = owner_client.post(
        reverse("customer_ratings", args=[pk]), {"potential": "2", "heart": "on"}
    )

    assert response.status_code == 302
    saved = customer("K-1030")
    assert (saved.potential, saved.useful, saved.heart) == (2, False, True)
    assert ChangeRecord.objects.filter(model="customers.Customer", object_id=str(pk)).exists()
    assert "Warum Gruppe A" in page_of(owner_client, "K-1030")  # close to heart decides now


def test_it_rejects_a_potential_outside_one_to_five(demo, owner_client):
    before = customer("K-1030").potential

    response = owner_client.post(
        reverse("customer_ratings", args=[customer("K-1030").pk]), {"potential": "9"}
    )

    assert response.status_code == 400
    assert customer("K-1030").potential == before


def test_a_hand_set_group_needs_a_reason(demo, owner_client):
    response = owner_client.post(
        reverse("customer_group", args=[customer("K-1001").pk]), {"group": "C"}
    )

    assert response.status_code == 400
    assert "Bitte sagen Sie, warum" in response.content.decode()
    assert customer("K-1001").group_override == ""


def test_the_owner_sets_a_group_by_hand_and_the_page_explains_it(demo, owner_client):
    url = reverse("customer_group", args=[customer("K-1001").pk])

    owner_client.post(url, {"group": "C", "reason": "Zahlt nur unter Druck"})

    page = page_of(owner_client, "K-1001")
    assert "Warum Gruppe C" in page
    assert "Gruppe C von Hand gesetzt: Zahlt nur unter Druck" in page
    assert ChangeRecord.objects.filter(summary__contains="set to C").exists()


def test_clearing_the_hand_set_group_lets_the_analysis_decide(demo, owner_client):
    url = reverse("customer_group", args=[customer("K-1001").pk])
    owner_client.post(url, {"group": "C", "reason": "Test"})

    owner_client.post(url, {"group": "", "reason": "ignored"})

    saved = customer("K-1001")
    assert (saved.group_override, saved.override_reason) == ("", "")
    assert "Warum Gruppe A" in page_of(owner_client, "K-1001")


def test_the_group_history_shows_moves(demo, owner_client, today):
    url = reverse("customer_group", args=[customer("K-1001").pk])
    from kundenwert.customers.analysis_service import current_analysis

    current_analysis(today - timedelta(days=1))
    owner_client.post(url, {"group": "C", "reason": "Test"})

    history = owner_client.get(reverse("customer_detail", args=[customer("K-1001").pk])).context[
        "history"
    ]
    assert [record.group for record in history] == ["C", "A"]


def test_a_new_interaction_appears_in_the_timeline(demo, owner, owner_client):
    do_log_interaction(
        owner, customer("K-1001"), at=recent_moment(), channel="visit", note="Kaffee"
    )

    page = page_of(owner_client, "K-1001")

    assert "Kaffee" in page


def test_an_unknown_customer_is_404(owner_client, db):
    assert owner_client.get(reverse("customer_detail", args=[999])).status_code == 404


def test_a_customer_without_records_has_an_empty_timeline(owner_client, today):
    import_rows(customers=[{"id": "X1", "name": "Ruhig GmbH"}])

    page = page_of(owner_client, "X1")

    assert "Noch nichts erfasst" in page
    assert "Warum keine Gruppe" in page


def recent_moment():
    from django.utils import timezone

    return timezone.now() - timedelta(hours=1)


def test_the_number_of_queries_does_not_grow_with_the_customers(owner_client, today):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from kundenwert.customers import analysis_service

    counts = []
    for size in (5, 60):
        day = recent(today)
        import_rows(
            customers=[{"id": f"S{size}-{n}", "name": f"Kunde {n}"} for n in range(size)],
            invoices=[{"customer_id": f"S{size}-{n}", "issue_date": day} for n in range(size)],
            time_entries=[{"customer_id": f"S{size}-{n}", "start": day} for n in range(size)],
        )
        url = reverse("customer_detail", args=[customer(f"S{size}-0").pk])
        owner_client.get(url)
        with CaptureQueriesContext(connection) as queries:
            owner_client.get(url)
        counts.append(len(queries))
        analysis_service.forget()
    assert counts[0] == counts[1]
