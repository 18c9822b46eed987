"""Deliveries that have not gone live: a check-in call four weeks after delivery."""

from __future__ import annotations

from datetime import timedelta

from tests.followups.helpers import DAY0, kinds, make_portfolio, run


def delivery(**values):
    row = {"customer_id": "K1", "title": "Website-Texte", "delivered_date": DAY0}
    return make_portfolio(customers=[{"id": "K1"}], deliveries=[row | values])


def test_a_delivery_without_live_date_is_due_28_days_after_delivery():
    portfolio = delivery()
    due = DAY0 + timedelta(days=28)

    assert run(portfolio, due - timedelta(days=1)) == []
    assert kinds(run(portfolio, due)) == [("delivery_checkin", due, "Website-Texte")]


def test_a_delivery_that_went_live_is_never_followed_up():
    portfolio = delivery(live_date=DAY0 + timedelta(days=40))

    assert run(portfolio, DAY0 + timedelta(days=60)) == []


def test_the_wait_is_a_setting():
    [item] = run(delivery(), DAY0 + timedelta(days=14), delivery_checkin_days=14)

    assert item.due == DAY0 + timedelta(days=14)


def test_the_reason_names_the_title_the_delivery_date_and_the_wait():
    [item] = run(delivery(), DAY0 + timedelta(days=45))

    assert item.reason("de") == (
        "„Website-Texte“ am 02.03.2026 geliefert und seit 45 Tagen nicht im Einsatz: "
        "anrufen und fragen, wie es läuft"
    )
    assert item.reason("en") == (
        "“Website-Texte” delivered on 2026-03-02, not in use for 45 days: "
        "call and ask how it is going"
    )
