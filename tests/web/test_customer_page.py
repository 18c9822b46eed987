"""The customer page: reasons with figures, quarters, timeline, and the owner's edits."""

from __future__ import annotations

from datetime import datetime, time, timedelta
from decimal import Decimal

from django.urls import reverse

from kundenwert.accounts.models import ChangeRecord
from kundenwert.activity.services import do_log_interaction
from kundenwert.billing.payments import do_record_payments
from kundenwert.customers.analysis_service import current_analysis
from kundenwert.customers.models import Contact
from kundenwert.customers.timeline import _sort_key as sort_key
from kundenwert.importers.records import PaymentRecord
from kundenwert.lib.formatting import format_date
from tests.web.conftest import customer, import_rows, recent, top_customer


def page_of(client, number: str, **params) -> str:
    url = reverse("customer_detail", args=[customer(number).pk])
    return client.get(url, params).content.decode()


def test_it_explains_every_reason_with_its_figure(demo, owner_client):
    top = current_analysis().current.customer(top_customer())
    page = page_of(owner_client, top.id)

    assert top.group == "A" and "proportional_effort" in top.reasons
    assert "Warum Gruppe A" in page
    assert "der umsatzstärkste Kunde; Grenze 80 %" in page  # high_revenue with its figure
    # proportional_effort with its figure (the demo moves with the date, so the figure does too)
    ratio = top.metrics["effort_ratio"]
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


def timeline_rows(today) -> None:
    """One customer with a record of every kind, each on its own day, newest to oldest:
    interaction (2 days ago), payment (10), delivery (12), offer (25), time (35), invoice (40).
    """
    import_rows(
        customers=[{"id": "T1", "name": "Tischlerei Vogt"}],
        invoices=[
            {"number": "RE-501", "customer_id": "T1", "issue_date": recent(today, 40), "net": 1000}
        ],
        time_entries=[
            {
                "customer_id": "T1",
                "start": datetime.combine(recent(today, 35), time(9)),
                "minutes": 90,
                "project": "Werkstattplanung",
            }
        ],
        interactions=[
            {
                "customer_id": "T1",
                "at": datetime.combine(recent(today, 2), time(11)),
                "channel": "phone",
                "note": "Rückruf wegen Lieferung",
            }
        ],
        offers=[
            {
                "number": "AN-7731",
                "customer_id": "T1",
                "sent_date": recent(today, 25),
                "valid_until": recent(today, -5),
                "amount": "2400.00",
            }
        ],
        deliveries=[
            {
                "customer_id": "T1",
                "title": "Schrankwand Eiche",
                "delivered_date": recent(today, 12),
                "live_date": recent(today, 8),
            }
        ],
    )
    # The bank statement's booking, matched to RE-501 by the number in its reference.
    record = PaymentRecord(
        location="test",
        booked_on=recent(today, 10),
        amount=Decimal("1190.00"),
        payer="Tischlerei Vogt",
        reference="RE-501",
    )
    report = do_record_payments([record], source="test statement")
    assert [m.invoice_number for m in report.matched] == ["RE-501"]


def test_the_timeline_shows_payments_offers_and_deliveries_with_their_figures(owner_client, today):
    timeline_rows(today)

    response = owner_client.get(reverse("customer_detail", args=[customer("T1").pk]))
    entries = response.context["timeline"].entries
    html = response.content.decode().split('id="timeline"')[1].split("</section>")[0]

    assert [(e.kind, sort_key(e.when).date()) for e in entries] == [
        ("interaction", recent(today, 2)),
        ("payment", recent(today, 10)),
        ("delivery", recent(today, 12)),
        ("offer", recent(today, 25)),
        ("time", recent(today, 35)),
        ("invoice", recent(today, 40)),
    ]
    day = {n: format_date(recent(today, n), "de") for n in (8, 10, 12, 25, 40, -5)}
    assert "<strong>Zahlung</strong> · 1.190,00 € · für Rechnung RE-501 · Tischlerei Vogt" in html
    assert f"Angebot AN-7731</strong> · 2.400,00 € · offen · gültig bis {day[-5]}" in html
    assert f"<strong>Lieferung</strong> · Schrankwand Eiche · live seit {day[8]}" in html
    assert "Rechnung RE-501</strong> · 1.000,00 €" in html and f"bezahlt am {day[10]}" in html
    for n in (10, 12, 25, 40):
        assert f'<p class="when">{day[n]}</p>' in html


def test_the_timeline_filters_payments_offers_and_deliveries(owner_client, today):
    timeline_rows(today)
    url = reverse("customer_detail", args=[customer("T1").pk])

    def shown(kind: str) -> list[tuple[str, object]]:
        response = owner_client.get(url, {"kind": kind})
        assert response.context["timeline"].kind == kind
        assert f'href="?kind={kind}#timeline" aria-current="true"' in response.content.decode()
        return [(e.kind, e.when) for e in response.context["timeline"].entries]

    assert shown("payment") == [("payment", recent(today, 10))]
    assert shown("offer") == [("offer", recent(today, 25))]
    assert shown("delivery") == [("delivery", recent(today, 12))]
    offers_only = owner_client.get(url, {"kind": "offer"}).content.decode()
    assert "AN-7731" in offers_only and "Schrankwand Eiche" not in offers_only
    assert "für Rechnung RE-501" not in offers_only
