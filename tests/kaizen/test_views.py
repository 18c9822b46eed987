"""The kaizen pages: owners only, and each page works end to end."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from kundenwert.billing.models import Invoice, Payment
from kundenwert.customers.models import Customer
from kundenwert.kaizen.models import Erasure, ExitPlan, IdealProfile, RelationshipTalk
from kundenwert.planning.models import KaizenStep


def urls(world) -> list[str]:
    customer = world.customer.pk
    step = KaizenStep.objects.filter(customer=world.customer).first().pk
    talk = RelationshipTalk.objects.filter(customer=world.customer).first().pk
    plan = ExitPlan.objects.filter(customer=world.customer).first().pk
    entry = world.customer.value_chain.first().pk
    return [
        "/kaizen/",
        f"/kaizen/customers/{customer}/",
        f"/kaizen/customers/{customer}/steps/",
        f"/kaizen/customers/{customer}/talks/",
        f"/kaizen/customers/{customer}/value-chain/",
        f"/kaizen/customers/{customer}/work-days/",
        f"/kaizen/customers/{customer}/exit/",
        f"/kaizen/customers/{customer}/export.json",
        f"/kaizen/customers/{customer}/erase/",
        f"/kaizen/steps/{step}/",
        f"/kaizen/steps/{step}/review/",
        f"/kaizen/talks/{talk}/",
        f"/kaizen/value-chain/{entry}/remove/",
        f"/kaizen/exits/{plan}/letter/",
        f"/kaizen/exits/{plan}/letter.txt",
        f"/kaizen/exits/{plan}/confirm/",
        "/kaizen/ideal/",
        "/kaizen/privacy/",
        f"/kaizen/erasures/{customer}/purge/",
        "/kaizen/settings/",
    ]


def test_staff_are_refused_every_kaizen_page_and_action(world, staff_client):
    for url in urls(world):
        assert staff_client.get(url).status_code == 403, url
        assert staff_client.post(url, {"confirm_number": "K-1001"}).status_code == 403, url
    assert Customer.objects.get(pk=world.customer.pk).name == "Tischlerei Schmitz"


def test_visitors_are_sent_to_the_login_page(world, client):
    response = client.get("/kaizen/")

    assert response.status_code == 302 and "/login/" in response["Location"]


@pytest.mark.parametrize("language", ["de", "en"])
def test_the_owner_sees_every_page(world, owner_client, language):
    owner_client.cookies["django_language"] = language
    pages = [url for url in urls(world) if not url.endswith(("/steps/", "/talks/", "/remove/"))]
    pages = [url for url in pages if not url.endswith(("/review/", "/confirm/", "/purge/"))]
    pages = [url for url in pages if not url.endswith(("/value-chain/", "/work-days/", "/letter/"))]

    for url in pages:
        assert owner_client.get(url).status_code == 200, url


def test_the_customer_page_shows_the_patterns_and_the_steps(world, owner_client):
    page = owner_client.get(f"/kaizen/customers/{world.customer.pk}/").content.decode()

    assert "Sonderwünsche außerhalb des Auftrags" in page
    assert "Jeden Sonderwunsch schriftlich anbieten" in page
    assert "Hotelgäste (Schmitz)" in page


def test_the_overview_lists_patterns_across_customers(world, owner_client):
    page = owner_client.get("/kaizen/").content.decode()

    assert "Muster über alle Kunden" in page or "Patterns across customers" in page
    assert "Tischlerei Schmitz" in page


def test_the_owner_notes_a_step_and_its_reaction_through_the_pages(world, owner_client, today):
    response = owner_client.post(
        f"/kaizen/customers/{world.customer.pk}/steps/",
        {
            "pattern": "odd_hours",
            "area": "",
            "observed": "Abends wird gearbeitet",
            "step": "Nach 20 Uhr nur mit Zuschlag",
            "started_on": today.isoformat(),
            "review_on": (today + timedelta(weeks=12)).isoformat(),
        },
    )
    step = KaizenStep.objects.get(step="Nach 20 Uhr nur mit Zuschlag")

    assert response.status_code == 302
    assert step.tracking.pattern == "odd_hours"
    assert step.area == "Arbeit am Wochenende und spätabends"
    owner_client.post(f"/kaizen/steps/{step.pk}/", {"reaction": "negotiated", "notes": "20 %"})
    step.refresh_from_db()
    assert step.reaction == "negotiated"


def test_an_invalid_step_comes_back_with_its_errors(world, owner_client):
    response = owner_client.post(f"/kaizen/customers/{world.customer.pk}/steps/", {"step": "x"})

    assert response.status_code == 400


def test_the_owner_prepares_a_talk_and_records_the_agreements(world, owner_client, today):
    response = owner_client.post(
        f"/kaizen/customers/{world.customer.pk}/talks/", {"held_on": today.isoformat()}
    )
    talk = RelationshipTalk.objects.filter(customer=world.customer).latest("id")
    page = owner_client.get(response["Location"]).content.decode()

    assert "3 im Zeitraum" in page  # the three out-of-scope requests of the fixture
    owner_client.post(
        f"/kaizen/talks/{talk.pk}/",
        {
            "agreements": "Extras nur schriftlich",
            "watch_until": (today + timedelta(days=90)).isoformat(),
        },
    )
    talk.refresh_from_db()
    assert talk.agreements == "Extras nur schriftlich"


def test_the_owner_writes_the_ideal_profile_as_a_new_version(world, owner_client, today):
    data = {
        "description": "Handwerksbetriebe, die pünktlich zahlen",
        "written_on": today.isoformat(),
        "reflection": "Ich zahle meine Druckerei manchmal spät.",
    }
    data |= {f"weight_{key}": 0 for key in ("revenue", "hourly_rate", "proportionate_effort")}
    data |= {
        f"weight_{key}": 2
        for key in (
            "pays_on_time",
            "fair_prices",
            "in_scope",
            "few_interruptions",
            "friendly",
            "no_complaints",
            "keeps_promises",
            "potential",
            "useful",
            "heart",
        )
    }

    owner_client.post("/kaizen/ideal/", data)
    owner_client.post("/kaizen/ideal/", {**data, "weight_heart": 5})

    assert list(IdealProfile.objects.values_list("version", flat=True)) == [2, 1]
    assert IdealProfile.objects.get(version=1).weights["heart"] == 2
    page = owner_client.get("/kaizen/ideal/").content.decode()
    assert "Ich zahle meine Druckerei manchmal spät." in page
    assert "Bäckerei Sommer GmbH" in page


def test_the_owner_writes_and_confirms_an_exit(world, owner_client, today):
    owner_client.post(
        f"/kaizen/customers/{world.customer.pk}/exit/",
        {
            "voice": "de_du",
            "end_date": (today + timedelta(days=40)).isoformat(),
            "greeting_name": "Peter",
            "sender": "Olga",
        },
    )
    plan = ExitPlan.objects.get(customer=world.customer)
    assert plan.letter.startswith(f"{today.day}. ")
    assert "Hallo Peter," in plan.letter

    owner_client.post(f"/kaizen/exits/{plan.pk}/confirm/")

    assert Customer.objects.get(pk=world.customer.pk).status == "ended"


def test_erasure_asks_for_the_customer_number_first(world, owner_client, today):
    # The books at fixed dates: the latest booking is a payment on 5 January 2026, so the
    # records stay until the end of 2026 + 8 years, whatever day the test runs.
    invoices = Invoice.objects.filter(customer=world.customer)
    invoices.update(issue_date=date(2025, 11, 20), due_date=None, paid_date=date(2025, 12, 30))
    Payment.objects.filter(invoice__in=invoices).update(booked_on=date(2026, 1, 5))
    url = f"/kaizen/customers/{world.customer.pk}/erase/"
    page = owner_client.get(url).content.decode()
    assert "RE-" not in page and "31.12.2034" in page

    wrong = owner_client.post(url, {"requested_on": today.isoformat(), "confirm_number": "K-2002"})
    assert wrong.status_code == 400
    assert not Erasure.objects.exists()

    right = owner_client.post(url, {"requested_on": today.isoformat(), "confirm_number": "K-1001"})
    assert right.status_code == 302
    assert Customer.objects.get(pk=world.customer.pk).name == "K-1001 (gelöscht)"


def test_the_privacy_page_lists_what_is_due(world, owner_client):
    Customer.objects.filter(pk=world.other.pk).update(status="ended")
    Customer.objects.create(number="K-3003", name="Alter Lead", status="lead")
    Customer.objects.filter(number="K-3003").update(created_at="2019-01-01T00:00:00Z")

    page = owner_client.get("/kaizen/privacy/").content.decode()

    assert "Alter Lead" in page
    assert "Bäckerei Sommer GmbH" not in page  # ended, but active until recently


def test_the_settings_page_saves_the_retention_years(db, owner_client):
    form = owner_client.get("/kaizen/settings/").context["form"]
    data = {name: value for name, value in form.initial.items()}
    data["invoice_retention_years"] = 10

    response = owner_client.post("/kaizen/settings/", data)

    assert response.status_code == 302
    assert (
        owner_client.get("/kaizen/settings/").context["form"].initial["invoice_retention_years"]
        == 10
    )
