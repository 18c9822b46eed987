"""Open offers: a check-in at half the validity, then "expired: re-quote or close?"."""

from __future__ import annotations

from datetime import date, timedelta

from tests.followups.helpers import DAY0, kinds, make_portfolio, run


def day(n: int) -> date:
    return DAY0 + timedelta(days=n)


def offer(**values):
    row = {"number": "AN-1", "customer_id": "K1", "sent_date": DAY0, "amount": 4800}
    return make_portfolio(customers=[{"id": "K1", "name": "Sommer"}], offers=[row | values])


def test_an_offer_sent_on_day_0_valid_for_30_days_is_due_for_a_check_in_on_day_15():
    portfolio = offer(valid_until=day(30))

    assert kinds(run(portfolio, day(15))) == [("offer_checkin", day(15), "AN-1")]


def test_the_check_in_is_not_listed_before_it_is_due():
    assert run(offer(valid_until=day(30)), day(14)) == []


def test_half_the_validity_is_rounded_down():
    assert kinds(run(offer(valid_until=day(31)), day(15))) == [("offer_checkin", day(15), "AN-1")]


def test_an_offer_without_valid_until_uses_30_days_and_says_so():
    [item] = run(offer(valid_until=None), day(15))

    assert item.kind == "offer_checkin" and item.due == day(15)
    assert item.reason("de") == (
        "Angebot AN-1 über 4.800,00 € ist seit 15 Tagen offen; es hat kein Gültigkeitsdatum, "
        "angenommen sind 30 Tage bis 01.04.2026: nachfassen und eine Frist nennen"
    )
    assert "no validity date, 30 days assumed" in item.reason("en")


def test_the_default_validity_is_a_setting():
    [item] = run(offer(valid_until=None), day(10), offer_default_validity_days=20)

    assert item.due == day(10)


def test_an_expired_open_offer_becomes_offer_expired_the_day_after_valid_until():
    portfolio = offer(valid_until=day(30))

    assert kinds(run(portfolio, day(30))) == [("offer_checkin", day(15), "AN-1")]
    assert kinds(run(portfolio, day(31))) == [("offer_expired", day(31), "AN-1")]
    assert kinds(run(portfolio, day(90))) == [("offer_expired", day(31), "AN-1")]


def test_an_offer_without_valid_until_expires_after_the_default_validity():
    assert kinds(run(offer(valid_until=None), day(31))) == [("offer_expired", day(31), "AN-1")]


def test_accepted_declined_and_expired_offers_never_appear():
    for status in ("accepted", "declined", "expired"):
        portfolio = offer(valid_until=day(30), status=status)
        for n in (15, 31, 400):
            assert run(portfolio, day(n)) == [], (status, n)


def test_the_check_in_reason_names_number_amount_days_open_and_validity():
    portfolio = make_portfolio(
        customers=[{"id": "K1"}],
        offers=[
            {
                "number": "AN-2026-0012",
                "customer_id": "K1",
                "sent_date": date(2026, 10, 31),
                "valid_until": date(2026, 11, 30),
                "amount": "4800.00",
            }
        ],
    )

    [item] = run(portfolio, date(2026, 11, 15))

    assert item.reason("de") == (
        "Angebot AN-2026-0012 über 4.800,00 € ist seit 15 Tagen offen, gültig bis 30.11.2026: "
        "nachfassen"
    )
    assert item.reason("en") == (
        "Offer AN-2026-0012 for €4,800.00 has been open for 15 days, valid until 2026-11-30: "
        "check in"
    )


def test_the_reason_for_staff_leaves_out_the_amount():
    [item] = run(offer(valid_until=day(30)), day(15))

    assert item.reason("de", money=False) == (
        "Angebot AN-1 ist seit 15 Tagen offen, gültig bis 01.04.2026: nachfassen"
    )


def test_the_expired_reason_asks_to_re_quote_or_close():
    [item] = run(offer(valid_until=day(30)), day(31))

    assert item.reason("de") == (
        "Angebot AN-1 über 4.800,00 € war gültig bis 01.04.2026 und ist noch offen: "
        "neu anbieten oder abschließen?"
    )
    assert item.reason("en").endswith("and is still open: re-quote or close?")


def test_an_offer_follow_up_counts_as_most_important_with_a_check_in_estimate():
    [item] = run(offer(valid_until=day(30)), day(15), minutes_checkin=12)

    assert item.importance == 1 and item.minutes == 12


def test_an_offer_sent_after_the_as_of_date_is_not_known_yet():
    assert run(offer(sent_date=day(20), valid_until=day(21)), day(15)) == []
