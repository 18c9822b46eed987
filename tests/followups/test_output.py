"""The JSON of method.md section 4, its order, and the table for people."""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta

from rich.console import Console

from kundenwert.followups.output import render_json, render_table, to_json
from tests.followups.helpers import DAY0, make_portfolio, run, standings

AS_OF = DAY0 + timedelta(days=60)


def portfolio():
    return make_portfolio(
        customers=[{"id": "K2", "name": "Kanzlei Berger"}, {"id": "K1", "name": "Bäckerei"}],
        offers=[
            {
                "number": "AN-2",
                "customer_id": "K2",
                "sent_date": DAY0,
                "amount": 100,
                "valid_until": DAY0 + timedelta(days=30),
            },
            {
                "number": "AN-1",
                "customer_id": "K1",
                "sent_date": DAY0,
                "amount": "1234.5",
                "valid_until": DAY0 + timedelta(days=30),
            },
        ],
        deliveries=[{"customer_id": "K1", "title": "Logo", "delivered_date": DAY0 + timedelta(3)}],
        interactions=[{"customer_id": "K2", "at": datetime(2026, 3, 20, 9), "channel": "email"}],
    )


def test_the_json_has_exactly_the_documented_keys_and_values():
    items = run(portfolio(), AS_OF, groups=standings(K1="C", K2="A"))

    data = json.loads(render_json(AS_OF, items, "en"))

    assert data == {
        "as_of": "2026-05-01",
        "followups": [
            {
                "due": "2026-04-02",
                "kind": "delivery_checkin",
                "customer_id": "K1",
                "customer": "Bäckerei",
                "ref": "Logo",
                "reason": "“Logo” delivered on 2026-03-05, not in use for 57 days: "
                "call and ask how it is going",
            },
            {
                "due": "2026-04-02",
                "kind": "offer_expired",
                "customer_id": "K1",
                "customer": "Bäckerei",
                "ref": "AN-1",
                "reason": "Offer AN-1 for €1,234.50 was valid until 2026-04-01 and is still open: "
                "re-quote or close?",
            },
            {
                "due": "2026-04-02",
                "kind": "offer_expired",
                "customer_id": "K2",
                "customer": "Kanzlei Berger",
                "ref": "AN-2",
                "reason": "Offer AN-2 for €100.00 was valid until 2026-04-01 and is still open: "
                "re-quote or close?",
            },
            {
                "due": "2026-05-01",
                "kind": "cadence",
                "customer_id": "K2",
                "customer": "Kanzlei Berger",
                "ref": None,
                "reason": "Last contact 42 days ago (2026-03-20, e-mail); A customers every 42 "
                "days: call and ask how it is going",
            },
        ],
    }


def test_items_are_sorted_by_due_date_then_kind_customer_and_ref():
    items = run(portfolio(), AS_OF, groups=standings(K1="C", K2="A"))

    keys = [
        (i["due"], i["kind"], i["customer_id"], i["ref"] or "")
        for i in to_json(AS_OF, items, "de")["followups"]
    ]

    assert keys == sorted(keys)


def test_the_reason_follows_the_language():
    items = run(portfolio(), AS_OF, groups=standings(K1="C", K2="A"))

    reasons = [i["reason"] for i in to_json(AS_OF, items, "de")["followups"]]

    assert reasons[1].startswith("Angebot AN-1 über 1.234,50 €")


def test_no_follow_ups_give_an_empty_list():
    assert to_json(date(2026, 1, 1), [], "de") == {"as_of": "2026-01-01", "followups": []}


def test_the_table_shows_due_date_kind_customer_and_reason():
    console = Console(record=True, width=200)
    items = run(portfolio(), AS_OF, groups=standings(K1="C", K2="A"))

    render_table(AS_OF, items, "de", console)

    text = console.export_text()
    assert "Wiedervorlagen fällig bis 01.05.2026" in text
    assert "02.04.2026" in text and "Lieferung nachfragen" in text and "Bäckerei (K1)" in text


def test_the_table_says_when_there_is_nothing_to_do():
    console = Console(record=True, width=100)

    render_table(AS_OF, [], "en", console)

    assert "No open follow-ups." in console.export_text()
