"""The contact cadence: A every 42 days, B every 84, none for C; any contact resets it."""

from __future__ import annotations

from datetime import datetime, timedelta

from kundenwert.followups import Standing
from tests.followups.helpers import DAY0, kinds, make_portfolio, run, standings


def at(day: int, hour: int = 10) -> datetime:
    return datetime.combine(DAY0 + timedelta(days=day), datetime.min.time()).replace(hour=hour)


def portfolio_with_contacts(*days: int, channel: str = "phone", **customer):
    return make_portfolio(
        customers=[{"id": "K1", "name": "Sommer"} | customer],
        interactions=[{"customer_id": "K1", "at": at(d), "channel": channel} for d in days],
    )


def test_a_contact_logged_on_day_10_pushes_the_cadence_of_an_a_customer_by_42_days():
    before = portfolio_with_contacts(0)
    after = portfolio_with_contacts(0, 10)
    groups = standings(K1="A")

    assert kinds(run(before, DAY0 + timedelta(days=42), groups=groups)) == [
        ("cadence", DAY0 + timedelta(days=42), None)
    ]
    assert run(after, DAY0 + timedelta(days=42), groups=groups) == []
    assert kinds(run(after, DAY0 + timedelta(days=52), groups=groups)) == [
        ("cadence", DAY0 + timedelta(days=52), None)
    ]


def test_a_contact_logged_on_day_10_pushes_the_cadence_of_a_b_customer_by_84_days():
    portfolio = portfolio_with_contacts(0, 10)
    groups = standings(K1="B")

    assert run(portfolio, DAY0 + timedelta(days=93), groups=groups) == []
    [item] = run(portfolio, DAY0 + timedelta(days=94), groups=groups)
    assert item.due == DAY0 + timedelta(days=94)


def test_any_channel_and_direction_resets_the_clock():
    portfolio = make_portfolio(
        customers=[{"id": "K1"}],
        interactions=[
            {"customer_id": "K1", "at": at(0), "channel": "visit"},
            {"customer_id": "K1", "at": at(30), "channel": "email", "direction": "in"},
        ],
    )

    [item] = run(portfolio, DAY0 + timedelta(days=80), groups=standings(K1="A"))

    assert item.due == DAY0 + timedelta(days=72)


def test_there_is_no_cadence_for_c_customers_nor_customers_without_a_group():
    portfolio = portfolio_with_contacts(0)
    later = DAY0 + timedelta(days=400)

    assert run(portfolio, later, groups=standings(K1="C")) == []
    assert run(portfolio, later, groups=standings(K1=None)) == []
    assert run(portfolio, later, groups={}) == []


def test_there_is_no_cadence_for_an_inactive_customer_even_in_group_a():
    portfolio = portfolio_with_contacts(0)

    later = DAY0 + timedelta(days=400)
    assert run(portfolio, later, groups={"K1": Standing("A", inactive=True)}) == []


def test_there_is_no_cadence_for_an_ended_customer():
    portfolio = portfolio_with_contacts(0, status="ended")

    assert run(portfolio, DAY0 + timedelta(days=100), groups=standings(K1="A")) == []


def test_a_customer_with_no_interaction_ever_is_due_on_the_as_of_date():
    portfolio = make_portfolio(customers=[{"id": "K1"}])
    as_of = DAY0 + timedelta(days=5)

    [item] = run(portfolio, as_of, groups=standings(K1="B"))

    assert (item.kind, item.due, item.cause_date) == ("cadence", as_of, None)
    assert item.reason("de") == (
        "Noch kein Kontakt erfasst; B-Kunden alle 84 Tage: anrufen und fragen, wie es läuft"
    )


def test_an_overdue_customer_is_told_how_long_since_the_last_contact_and_through_what():
    portfolio = portfolio_with_contacts(0)

    [item] = run(portfolio, DAY0 + timedelta(days=50), groups=standings(K1="A"))

    assert item.reason("de") == (
        "Letzter Kontakt vor 50 Tagen (02.03.2026, Telefon); A-Kunden alle 42 Tage: "
        "anrufen und fragen, wie es läuft"
    )
    assert item.reason("en") == (
        "Last contact 50 days ago (2026-03-02, phone); A customers every 42 days: "
        "call and ask how it is going"
    )


def test_contacts_after_the_as_of_date_are_not_yet_known():
    portfolio = portfolio_with_contacts(0, 60)

    [item] = run(portfolio, DAY0 + timedelta(days=45), groups=standings(K1="A"))

    assert item.due == DAY0 + timedelta(days=42)


def test_a_new_contact_makes_a_new_cause():
    groups = standings(K1="A")
    [first] = run(portfolio_with_contacts(0), DAY0 + timedelta(days=50), groups=groups)
    [second] = run(portfolio_with_contacts(0, 45), DAY0 + timedelta(days=90), groups=groups)

    assert first.cause != second.cause


def test_the_cadences_are_settings():
    portfolio = portfolio_with_contacts(0)

    [item] = run(portfolio, DAY0 + timedelta(days=30), groups=standings(K1="A"), cadence_a_days=30)

    assert item.due == DAY0 + timedelta(days=30)
