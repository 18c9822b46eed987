"""Logging a contact: by owners and staff, with and without JavaScript, with channel rules."""

from __future__ import annotations

from decimal import Decimal

from django.urls import reverse

from kundenwert.accounts.models import ChangeRecord
from kundenwert.activity.models import Interaction
from kundenwert.customers.analysis_service import current_analysis
from tests.web.conftest import customer

FORM = {"channel": "email", "direction": "in", "minutes": "12", "complaint": "none", "mood": ""}


def log(client, **fields):
    return client.post(reverse("log_interaction"), {**FORM, **fields})


def test_the_form_has_a_label_for_every_field(demo, owner_client):
    page = owner_client.get(reverse("log_interaction")).content.decode()

    for field in ("customer_query", "channel", "minutes", "note", "at", "planned", "out_of_scope"):
        assert f'for="id_{field}"' in page


def test_the_owner_logs_a_contact_and_sees_it_in_the_timeline(demo, owner_client):
    pk = customer("K-1001").pk

    response = log(owner_client, customer=pk, note="Rückruf wegen Speisekarte", mood="1")

    assert response.status_code == 302
    assert response.url == reverse("customer_detail", args=[pk]) + "#timeline"
    saved = Interaction.objects.get(note="Rückruf wegen Speisekarte")
    assert (saved.channel, saved.direction, saved.minutes, saved.mood) == (
        "email",
        "in",
        Decimal(12),
        1,
    )
    assert saved.logged_by.username == "olga" and saved.user_name == "olga"
    assert ChangeRecord.objects.filter(model="activity.Interaction").exists()
    assert "Rückruf wegen Speisekarte" in owner_client.get(response.url).content.decode()


def test_every_flag_of_a_contact_is_saved(demo, owner_client):
    log(
        owner_client,
        customer=customer("K-1001").pk,
        planned="",
        out_of_scope="on",
        price_negotiation="on",
        complaint="unjustified",
        tracked="on",
        note="alles",
    )

    saved = Interaction.objects.get(note="alles")
    assert not saved.planned and saved.out_of_scope and saved.price_negotiation and saved.tracked
    assert saved.complaint == "unjustified"


def test_without_javascript_a_typed_name_finds_the_customer(demo, owner_client):
    log(owner_client, customer_query="bäckerei sommer", note="per Name")

    assert Interaction.objects.get(note="per Name").customer.number == "K-1001"


def test_an_ambiguous_name_offers_a_choice(demo, owner_client):
    response = log(owner_client, customer_query="GmbH", note="mehrdeutig")

    page = response.content.decode()
    assert response.status_code == 200
    assert "Mehrere Kunden passen" in page
    assert '<select name="customer"' in page
    assert not Interaction.objects.filter(note="mehrdeutig").exists()


def test_choosing_from_the_offered_customers_saves(demo, owner_client):
    log(owner_client, customer_query="GmbH", customer=customer("K-1005").pk, note="gewählt")

    assert Interaction.objects.get(note="gewählt").customer.number == "K-1005"


def test_an_unknown_name_is_an_error(demo, owner_client):
    response = log(owner_client, customer_query="Niemand & Co", note="x")

    assert "Kein Kunde passt" in response.content.decode()


def test_a_phone_call_to_a_c_customer_asks_first(demo, owner_client):
    current_analysis()  # the groups the channel rules go by
    pk = customer("K-1028").pk  # group C (unfriendly manner)

    asked = log(owner_client, customer=pk, channel="phone", note="Anruf bei C")

    page = asked.content.decode()
    assert asked.status_code == 200
    assert "Gruppe C" in page and "E-Mail, Brief" in page
    assert 'name="confirm_channel"' in page
    assert not Interaction.objects.filter(note="Anruf bei C").exists()

    confirmed = log(
        owner_client, customer=pk, channel="phone", note="Anruf bei C", confirm_channel="1"
    )

    assert confirmed.status_code == 302
    assert Interaction.objects.filter(note="Anruf bei C").exists()


def test_writing_to_a_c_customer_needs_no_question(demo, owner_client):
    current_analysis()

    response = log(owner_client, customer=customer("K-1028").pk, channel="letter", note="Brief")

    assert response.status_code == 302


def test_staff_log_contacts_and_go_back_to_their_tasks(demo, staff_client):
    response = log(staff_client, customer=customer("K-1001").pk, note="vom Team", mood="-1")

    assert response.url == reverse("my_tasks")
    assert Interaction.objects.get(note="vom Team").logged_by.username == "stefan"


def test_it_returns_to_the_page_it_was_opened_from(demo, owner_client):
    response = log(owner_client, customer=customer("K-1001").pk, next="/customers/?group=A")

    assert response.url == "/customers/?group=A"


def test_it_never_returns_to_another_site(demo, owner_client):
    response = log(owner_client, customer=customer("K-1001").pk, next="https://evil.example/")

    assert "evil" not in response.url


def test_it_rejects_negative_minutes_and_a_mood_out_of_range(demo, owner_client):
    response = log(owner_client, customer=customer("K-1001").pk, minutes="-5", mood="7")

    assert response.status_code == 200
    assert Interaction.objects.filter(logged_by__username="olga").count() == 0


def test_the_customer_is_chosen_already_when_opened_from_its_page(demo, owner_client):
    page = owner_client.get(
        reverse("log_interaction"), {"customer": customer("K-1001").pk}
    ).content.decode()

    assert 'value="Bäckerei Sommer GmbH"' in page
    assert f'value="{customer("K-1001").pk}"' in page


def test_every_page_has_the_quick_log_dialog(demo, owner_client):
    page = owner_client.get(reverse("customer_list")).content.decode()

    assert '<dialog id="quick-log"' in page
    assert 'aria-keyshortcuts="Alt+L"' in page
