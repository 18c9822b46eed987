"""One test per criterion of method.md and its edges; thresholds are the defaults."""

from __future__ import annotations

from tests.analysis.builders import PortfolioBuilder, run


def reasons_of(builder: PortfolioBuilder, customer_id: str = "a", **settings) -> list[str]:
    return run(builder.build(), **settings).customer(customer_id).reasons


def with_customers(*ids: str) -> PortfolioBuilder:
    b = PortfolioBuilder()
    for customer_id in ids:
        b.customer(customer_id)
    return b


def big_customer_and(b: PortfolioBuilder) -> PortfolioBuilder:
    """Adds customer "big" with 100 times the revenue, so the others are not high revenue."""
    return b.customer("big").invoice("big", net=100_000)


# high_revenue


def test_a_customer_whose_predecessors_have_exactly_80_percent_is_not_high_revenue():
    b = with_customers("a", "b", "c")
    b.invoice("a", net=800).invoice("b", net=100).invoice("c", net=100)
    result = run(b.build())
    assert "high_revenue" in result.customer("a").reasons
    assert "high_revenue" not in result.customer("b").reasons  # 800 before: exactly 80 %
    assert "high_revenue" not in result.customer("c").reasons


def test_a_customer_whose_predecessors_have_just_under_80_percent_is_high_revenue():
    b = with_customers("a", "b", "c")
    b.invoice("a", net="799.99").invoice("b", net="100.01").invoice("c", net=100)
    assert "high_revenue" in reasons_of(b, "b")


def test_customers_with_equal_revenue_are_ranked_by_id():
    b = with_customers("b", "a", "c")
    b.invoice("a", net=400).invoice("b", net=400).invoice("c", net=200)
    result = run(b.build())
    assert "high_revenue" in result.customer("b").reasons  # 400 before: 40 %
    assert "high_revenue" not in result.customer("c").reasons  # 800 before: 80 %


def test_a_customer_without_positive_revenue_is_never_high_revenue():
    b = with_customers("a").invoice("a", net=-10)
    assert "high_revenue" not in reasons_of(b)


# effort


def test_high_revenue_with_an_effort_ratio_below_the_limit_is_proportional_effort():
    b = with_customers("a").invoice("a", net=100).time_entry("a", minutes=60)
    assert reasons_of(b) == ["high_revenue", "proportional_effort"]  # ratio 1


def test_an_effort_ratio_of_exactly_1_5_is_disproportionate():
    b = with_customers("a", "b")
    b.invoice("a", net=600).invoice("b", net=400)  # revenue shares 0.6 and 0.4
    b.time_entry("a", minutes=90).time_entry("b", minutes=10)  # effort shares 0.9 and 0.1
    result = run(b.build())
    assert result.customer("a").reasons == ["high_revenue", "disproportionate_effort"]
    assert result.customer("b").reasons == ["high_revenue", "proportional_effort"]


def test_an_effort_ratio_of_exactly_1_5_where_floats_give_less_is_still_disproportionate():
    # 0.3 / 0.2 is 1.4999999999999998 in binary floating point; the analysis is exact.
    b = with_customers("a", "b")
    b.invoice("a", net=200).invoice("b", net=800)
    b.time_entry("a", minutes=30).time_entry("b", minutes=70)
    assert reasons_of(b) == ["low_revenue_high_effort"]


def test_disproportionate_effort_without_high_revenue_is_low_revenue_high_effort():
    b = big_customer_and(with_customers("a")).invoice("a", net=100).time_entry("a", minutes=600)
    assert reasons_of(b) == ["low_revenue_high_effort"]


def test_a_customer_with_effort_but_no_revenue_is_low_revenue_high_effort():
    b = with_customers("a", "b").invoice("b", net=1000).time_entry("a", minutes=30)
    result = run(b.build())
    assert result.customer("a").reasons == ["low_revenue_high_effort"]
    assert result.to_json()["customers"][1]["metrics"]["effort_ratio"] is None


def test_no_effort_is_never_disproportionate():
    b = with_customers("a", "b").invoice("b", net=1000).offer("a")
    assert reasons_of(b) == []


# payment, haggling, calls, offers, complaints, mood


def test_two_late_invoices_make_a_late_payer_and_one_does_not():
    b = with_customers("a", "b")
    for customer_id, count in (("a", 2), ("b", 1)):
        for _ in range(count):
            b.invoice(customer_id, due_date="2026-03-01", paid_date="2026-03-16")  # 15 days
    result = run(b.build())
    assert "late_payer" in result.customer("a").reasons
    assert "late_payer" not in result.customer("b").reasons


def test_two_price_negotiations_make_a_haggler():
    b = with_customers("a", "b")
    b.interaction("a", price_negotiation=True).interaction("a", price_negotiation=True)
    b.interaction("b", price_negotiation=True)
    result = run(b.build())
    assert "haggler" in result.customer("a").reasons
    assert "haggler" not in result.customer("b").reasons


def calls(b: PortfolioBuilder, customer_id: str, count: int, minutes: int, **values):
    values = {"channel": "phone", "direction": "in", "planned": False} | values
    for _ in range(count):
        b.interaction(customer_id, minutes=minutes, **values)
    return b


def test_five_unplanned_calls_taking_exactly_20_percent_of_the_effort_make_a_talker():
    b = calls(with_customers("a"), "a", 5, 10).time_entry("a", minutes=200)  # 50 of 250
    assert "talker" in reasons_of(b)


def test_unplanned_calls_under_20_percent_of_the_effort_do_not_make_a_talker():
    b = calls(with_customers("a"), "a", 5, 10).time_entry("a", minutes=201)
    assert "talker" not in reasons_of(b)


def test_four_unplanned_calls_do_not_make_a_talker():
    assert "talker" not in reasons_of(calls(with_customers("a"), "a", 4, 60))


def test_unplanned_outbound_calls_do_not_make_a_talker():
    assert "talker" not in reasons_of(calls(with_customers("a"), "a", 5, 60, direction="out"))


def test_tracked_calls_count_for_a_talker_with_their_minutes_inside_the_time_entries():
    b = calls(with_customers("a"), "a", 5, 12, tracked=True).time_entry("a", minutes=300)
    assert "talker" in reasons_of(b)  # 60 of 300 minutes


def test_two_offers_sent_and_none_accepted_are_empty_promises():
    b = with_customers("a", "b", "c")
    b.offer("a").offer("a", status="declined")
    b.offer("b").offer("b", status="accepted")
    b.offer("c")
    result = run(b.build())
    assert "empty_promises" in result.customer("a").reasons
    assert "empty_promises" not in result.customer("b").reasons
    assert "empty_promises" not in result.customer("c").reasons


def test_two_unjustified_complaints_count_and_justified_ones_do_not():
    b = with_customers("a", "b")
    b.interaction("a", complaint="unjustified").interaction("a", complaint="unjustified")
    b.interaction("b", complaint="unjustified").interaction("b", complaint="justified")
    result = run(b.build())
    assert "unjustified_complaints" in result.customer("a").reasons
    assert "unjustified_complaints" not in result.customer("b").reasons


def test_three_ratings_averaging_exactly_minus_one_are_rude():
    b = with_customers("a").interaction("a", mood=-2).interaction("a", mood=-1)
    b.interaction("a", mood=0)
    assert "rude" in reasons_of(b)


def test_ratings_averaging_above_minus_one_are_not_rude():
    b = with_customers("a").interaction("a", mood=-1).interaction("a", mood=-1)
    b.interaction("a", mood=0)
    assert "rude" not in reasons_of(b)


def test_two_bad_ratings_are_not_enough_to_be_rude():
    b = with_customers("a").interaction("a", mood=-2).interaction("a", mood=-2)
    b.interaction("a")  # no rating
    assert "rude" not in reasons_of(b)


# the owner's marks


def test_potential_of_four_or_more_counts():
    b = PortfolioBuilder().customer("a", potential=4).customer("b", potential=3).customer("c")
    for customer_id in "abc":
        b.invoice(customer_id)
    result = run(b.build())
    assert "potential" in result.customer("a").reasons
    assert "potential" not in result.customer("b").reasons
    assert "potential" not in result.customer("c").reasons


def test_useful_and_heart_are_the_owners_marks():
    b = PortfolioBuilder().customer("a", useful=True, heart=True).invoice("a")
    assert reasons_of(b) == ["high_revenue", "proportional_effort", "useful", "heart"]


def test_a_customer_without_invoice_time_interaction_or_offer_in_the_period_is_inactive():
    b = with_customers("a", "b", "c")
    b.invoice("a", issue_date="2025-01-01").delivery("a").direct_cost("a", amount=10)
    b.offer("b")
    b.invoice("c", net=0)
    result = run(b.build())
    assert result.customer("a").reasons == ["inactive"]
    assert "inactive" not in result.customer("b").reasons
    assert "inactive" not in result.customer("c").reasons


def test_thresholds_come_from_the_settings():
    b = with_customers("a").interaction("a", price_negotiation=True)
    assert "haggler" in reasons_of(b, price_negotiations_min=1)
