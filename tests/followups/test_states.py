"""Done, snoozed and dismissed follow-ups, and the cause keys they are stored under."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from kundenwert.followups import DISMISSED, DONE, SNOOZED, State, cause_key, parse_cause
from tests.followups.helpers import DAY0, make_portfolio, run

CHECKIN = DAY0 + timedelta(days=15)


def offer_portfolio():
    row = {"number": "AN-1", "customer_id": "K1", "sent_date": DAY0, "amount": 900}
    return make_portfolio(
        customers=[{"id": "K1"}], offers=[row | {"valid_until": DAY0 + timedelta(days=30)}]
    )


def the_cause():
    [item] = run(offer_portfolio(), CHECKIN)
    return item.cause


def test_a_snoozed_follow_up_returns_on_its_date():
    states = {the_cause(): State(SNOOZED, CHECKIN + timedelta(days=5))}

    assert run(offer_portfolio(), CHECKIN + timedelta(days=4), states=states) == []
    [item] = run(offer_portfolio(), CHECKIN + timedelta(days=5), states=states)
    assert item.due == CHECKIN  # still due since the check-in day


def test_a_dismissed_follow_up_never_returns():
    states = {the_cause(): State(DISMISSED)}

    for days in (0, 1, 14):
        assert run(offer_portfolio(), CHECKIN + timedelta(days=days), states=states) == []


def test_a_dismissed_follow_up_stays_away_after_the_same_data_is_read_again():
    states = {the_cause(): State(DISMISSED)}

    assert run(offer_portfolio(), CHECKIN, states=states) == []


def test_a_done_follow_up_disappears():
    assert run(offer_portfolio(), CHECKIN, states={the_cause(): State(DONE)}) == []


def test_the_expiry_is_a_new_cause_after_the_check_in_was_done():
    states = {the_cause(): State(DONE)}

    [item] = run(offer_portfolio(), DAY0 + timedelta(days=31), states=states)

    assert item.kind == "offer_expired"


def test_a_new_offer_is_a_new_cause():
    portfolio = make_portfolio(
        customers=[{"id": "K1"}],
        offers=[
            {"number": n, "customer_id": "K1", "sent_date": DAY0, "amount": 1} for n in ("A", "B")
        ],
    )
    first, second = run(portfolio, CHECKIN)

    [left] = run(portfolio, CHECKIN, states={first.cause: State(DISMISSED)})

    assert left.ref == second.ref == "B"


def test_the_cause_key_is_kind_customer_ref_and_date():
    assert the_cause() == '["offer_checkin","K1","AN-1","2026-03-02"]'


def test_a_cause_key_parses_back_into_its_parts():
    key = cause_key("delivery_checkin", "K:1", 'Texte "neu"', date(2026, 1, 2))

    cause = parse_cause(key)

    assert (cause.kind, cause.customer_id, cause.ref, cause.cause_date) == (
        "delivery_checkin",
        "K:1",
        'Texte "neu"',
        date(2026, 1, 2),
    )


@pytest.mark.parametrize(
    "key",
    [
        "",
        "nonsense",
        '["nope","K1",null,null]',
        '["cadence","K1"]',
        '["cadence",1,null,null]',
        '[ "cadence","K1",null,null]',
        '["cadence","K1",null,"2026-13-01"]',
    ],
)
def test_anything_else_is_not_a_cause(key):
    with pytest.raises(ValueError):
        parse_cause(key)
