"""The calendar feed: parses with `icalendar`, holds the follow-ups and that user's tasks
only, and answers 404 to a revoked or unknown address."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.urls import reverse
from icalendar import Calendar

from kundenwert.planning import services
from kundenwert.planning.data import load_planning_data
from kundenwert.planning.models import FeedToken
from tests.planning.conftest import TODAY


def feed_url(secret: str) -> str:
    return reverse("planning:feed", kwargs={"secret": secret})


def read_feed(client, user) -> Calendar:
    _, secret = services.do_create_feed_token(user)
    response = client.get(feed_url(secret))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return Calendar.from_ical(response.content)


def events(calendar: Calendar) -> dict[str, object]:
    return {str(e["summary"]): e for e in calendar.walk("VEVENT")}


def todos(calendar: Calendar) -> dict[str, object]:
    return {str(t["summary"]): t for t in calendar.walk("VTODO")}


@pytest.fixture
def tasks(owner, staff, second_owner):
    services.do_create_task(owner, "Angebot für Sommer", assigned_to=owner, due_date=TODAY)
    services.do_create_task(owner, "Ablage", due_date=TODAY + timedelta(days=2))  # unassigned
    services.do_create_task(owner, "Sven ruft Berger an", assigned_to=staff, due_date=TODAY)
    services.do_create_task(second_owner, "Ottos Steuer", assigned_to=second_owner)


def test_the_owners_feed_parses_and_holds_the_follow_ups_as_events(client, owner, portfolio, clock):
    calendar = read_feed(client, owner)

    found = events(calendar)
    assert set(found) == {
        "Kontakt halten: Bäckerei Sommer",
        "Lieferung nachfragen: Bäckerei Sommer",
        "Angebot nachfassen: Bäckerei Sommer",
    }
    offer = found["Angebot nachfassen: Bäckerei Sommer"]
    assert "4.800,00 €" in str(offer["description"])
    # Overdue follow-ups show on today, so the calendar app keeps showing them.
    assert {e["dtstart"].dt for e in found.values()} == {TODAY}


def test_the_feed_looks_four_weeks_ahead(client, owner, portfolio, clock):
    clock(day=date(2026, 2, 20))

    found = events(read_feed(client, owner))

    # The delivery's check-in on 10 March is 18 days ahead; the offer is not sent yet.
    assert found["Lieferung nachfragen: Bäckerei Sommer"]["dtstart"].dt == date(2026, 3, 10)
    assert "Angebot nachfassen: Bäckerei Sommer" not in found


def test_the_owners_feed_holds_their_own_and_unassigned_tasks_only(
    client, owner, tasks, portfolio, clock
):
    found = todos(read_feed(client, owner))

    assert set(found) == {"Angebot für Sommer", "Ablage"}
    assert found["Angebot für Sommer"]["due"].dt == TODAY


def test_a_staff_feed_holds_only_their_tasks_and_no_amounts(client, staff, tasks, portfolio, clock):
    calendar = read_feed(client, staff)

    assert set(todos(calendar)) == {"Sven ruft Berger an"}
    assert len(events(calendar)) == 3
    assert "€" not in calendar.to_ical().decode()


def test_another_owners_feed_holds_only_that_owners_tasks(
    client, second_owner, tasks, portfolio, clock
):
    calendar = read_feed(client, second_owner)

    assert set(todos(calendar)) == {"Ottos Steuer", "Ablage"}
    assert "Offer check-in: Bäckerei Sommer" in events(calendar)  # in Otto's language


def test_done_and_dismissed_follow_ups_leave_the_feed(client, owner, portfolio, clock):
    cadence, delivery, _ = load_planning_data(TODAY).open_followups()
    services.do_mark_followup_done(owner, cadence.cause)
    services.do_dismiss_followup(owner, delivery.cause, "läuft schon")

    assert set(events(read_feed(client, owner))) == {"Angebot nachfassen: Bäckerei Sommer"}


def test_a_snoozed_follow_up_shows_on_its_new_date(client, owner, portfolio, clock):
    offer = load_planning_data(TODAY).open_followups()[2]
    services.do_snooze_followup(owner, offer.cause, TODAY + timedelta(days=3))

    found = events(read_feed(client, owner))

    assert found["Angebot nachfassen: Bäckerei Sommer"]["dtstart"].dt == TODAY + timedelta(days=3)


def test_a_revoked_token_gets_404(client, owner, portfolio, clock):
    token, secret = services.do_create_feed_token(owner)
    before = client.get(feed_url(secret))
    assert before.status_code == 200
    assert "Angebot nachfassen: Bäckerei Sommer" in events(Calendar.from_ical(before.content))

    services.do_revoke_feed_token(owner, token)

    assert client.get(feed_url(secret)).status_code == 404


def test_an_unknown_token_gets_404(client, db):
    assert client.get(feed_url("not-a-real-secret")).status_code == 404


def test_the_calendar_page_shows_a_new_address_once(owner_client, owner, db, clock):
    owner_client.post(reverse("planning:calendar_new"), {"label": "Telefon"})

    first = owner_client.get(reverse("planning:calendar")).content.decode()
    again = owner_client.get(reverse("planning:calendar")).content.decode()

    token = FeedToken.objects.get()
    assert "/planning/calendar/feed/" in first and token.hint in first
    assert "/planning/calendar/feed/" not in again and "Telefon" in again


def test_the_calendar_page_revokes_only_the_users_own_tokens(staff_client, owner, staff, db):
    mine, _ = services.do_create_feed_token(staff)
    theirs, _ = services.do_create_feed_token(owner)

    assert (
        staff_client.post(reverse("planning:calendar_revoke", args=[theirs.pk])).status_code == 404
    )
    staff_client.post(reverse("planning:calendar_revoke", args=[mine.pk]))

    mine.refresh_from_db(), theirs.refresh_from_db()
    assert mine.revoked_at is not None and theirs.revoked_at is None
