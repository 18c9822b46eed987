"""A later `until` previews the coming follow-ups as the data stands on the as-of date."""

from __future__ import annotations

from datetime import timedelta

from kundenwert.followups import FollowupInput, FollowupSettings, State, find_followups, shows_on
from kundenwert.followups.items import SNOOZED
from tests.followups.helpers import DAY0, make_portfolio


def data():
    return FollowupInput(
        make_portfolio(
            customers=[{"id": "K1"}],
            offers=[
                {
                    "number": "AN-1",
                    "customer_id": "K1",
                    "sent_date": DAY0,
                    "amount": 1,
                    "valid_until": DAY0 + timedelta(days=30),
                }
            ],
        ),
        standings={},
    )


def test_the_preview_lists_a_check_in_that_is_not_yet_due():
    items = find_followups(data(), DAY0, FollowupSettings(), until=DAY0 + timedelta(days=20))

    assert [(i.kind, i.due) for i in items] == [("offer_checkin", DAY0 + timedelta(days=15))]


def test_the_preview_does_not_foresee_the_expiry():
    items = find_followups(data(), DAY0, FollowupSettings(), until=DAY0 + timedelta(days=60))

    assert [i.kind for i in items] == ["offer_checkin"]


def test_a_snoozed_follow_up_shows_on_its_snooze_date_and_a_done_one_never():
    [item] = find_followups(data(), DAY0, FollowupSettings(), until=DAY0 + timedelta(days=20))
    later = DAY0 + timedelta(days=25)

    assert shows_on(item, {}) == item.due
    assert shows_on(item, {item.cause: State(SNOOZED, later)}) == later
    assert shows_on(item, {item.cause: State("done")}) is None
