"""The metrics of method.md, with values computed by hand (as of 2026-11-23, so the
default period is 2025-11-24 .. 2026-11-23)."""

from __future__ import annotations

import math
from decimal import Decimal

from kundenwert.analysis import Period
from tests.analysis.builders import AS_OF, PortfolioBuilder, make_portfolio, run


def metrics_of(builder: PortfolioBuilder, customer_id: str = "a", **settings):
    return run(builder.build(), **settings).customer(customer_id).metrics


def test_the_default_period_is_the_365_days_ending_on_the_as_of_date():
    result = run(make_portfolio())
    assert result.period == Period(AS_OF.replace(year=2025, day=24), AS_OF)
    assert result.period.days == 365


def test_an_invoice_on_the_first_and_on_the_last_day_counts_and_one_day_outside_does_not():
    b = PortfolioBuilder().customer("a")
    b.invoice("a", issue_date="2025-11-23", net=400)  # the day before the period
    b.invoice("a", issue_date="2025-11-24", net=100)  # the first day
    b.invoice("a", issue_date="2026-11-23", net=200)  # the last day
    b.invoice("a", issue_date="2026-11-24", net=800)  # the day after
    m = metrics_of(b)
    assert m["revenue"] == Decimal("300.00")
    assert m["invoices"] == 2


def test_a_time_entry_belongs_to_the_period_by_its_start():
    b = PortfolioBuilder().customer("a")
    b.time_entry("a", start="2025-11-23T23:59", minutes=1000)
    b.time_entry("a", start="2025-11-24T00:00", minutes=30)
    b.time_entry("a", start="2026-11-23T23:59", minutes=30)
    b.time_entry("a", start="2026-11-24T00:00", minutes=1000)
    assert metrics_of(b)["effort_hours"] == 1.0


def test_interactions_offers_and_direct_costs_belong_to_the_period_by_their_date():
    b = PortfolioBuilder().customer("a")
    b.interaction("a", at="2025-11-23T12:00", minutes=60, price_negotiation=True)
    b.interaction("a", at="2025-11-24T08:00", minutes=30, price_negotiation=True)
    b.offer("a", sent_date="2026-11-24").offer("a", sent_date="2026-11-23")
    b.direct_cost("a", date="2025-11-23", amount=99).direct_cost("a", date="2026-11-23", amount=5)
    m = metrics_of(b)
    assert m["effort_hours"] == 0.5
    assert m["price_negotiations"] == 1
    assert m["offers_sent"] == 1
    assert m["direct_costs"] == Decimal("5.00")


def test_a_credit_note_lowers_the_revenue():
    b = PortfolioBuilder().customer("a")
    b.invoice("a", net="1000.00").invoice("a", net="-250.50")
    assert metrics_of(b)["revenue"] == Decimal("749.50")


def test_effort_adds_untracked_interaction_minutes_to_the_time_entries():
    b = PortfolioBuilder().customer("a")
    b.time_entry("a", minutes=90).time_entry("a", minutes=30)
    b.interaction("a", minutes=15)  # not in time tracking: counts
    b.interaction("a", minutes=45, tracked=True)  # already in the time entries: does not
    assert metrics_of(b)["effort_hours"] == 2.25


def test_cost_is_effort_at_the_hourly_cost_plus_direct_costs_and_margin_is_what_remains():
    b = PortfolioBuilder().customer("a")
    b.invoice("a", net=750).time_entry("a", minutes=135).direct_cost("a", amount=50)
    m = metrics_of(b)
    assert m["cost"] == Decimal("185.00")  # 2.25 h * 60 + 50
    assert m["margin"] == Decimal("565.00")
    assert m["effective_hourly_rate"] == Decimal("333.33")  # 750 / 2.25


def test_cost_is_rounded_half_up_to_cents():
    b = PortfolioBuilder().customer("a").time_entry("a", minutes=1)
    assert metrics_of(b, hourly_cost=Decimal("0.30"))["cost"] == Decimal("0.01")  # 0.005
    assert metrics_of(b, hourly_cost=Decimal("100"))["cost"] == Decimal("1.67")  # 1.666…


def test_a_negative_hourly_rate_is_rounded_half_away_from_zero():
    b = PortfolioBuilder().customer("a").invoice("a", net="-0.01").time_entry("a", minutes=120)
    assert metrics_of(b)["effective_hourly_rate"] == Decimal("-0.01")  # -0.005 per hour


def test_the_effective_hourly_rate_is_absent_without_effort():
    b = PortfolioBuilder().customer("a").invoice("a", net=100)
    assert metrics_of(b)["effective_hourly_rate"] is None


def test_shares_refer_to_positive_revenue_and_to_all_effort():
    b = PortfolioBuilder().customer("a").customer("b").customer("c")
    b.invoice("a", net=300).invoice("b", net=100).invoice("c", net=-50)
    b.time_entry("a", minutes=60).time_entry("b", minutes=180)
    result = run(b.build())
    a, b_, c = (result.customer(i).metrics for i in "abc")
    assert (a["revenue_share"], b_["revenue_share"], c["revenue_share"]) == (0.75, 0.25, 0.0)
    assert (a["effort_share"], b_["effort_share"]) == (0.25, 0.75)
    assert a["effort_ratio"] == 1 / 3
    assert b_["effort_ratio"] == 3.0


def test_shares_are_correctly_rounded_floats():
    b = PortfolioBuilder().customer("a").customer("b")
    b.invoice("a", net=800).invoice("b", net=200)
    assert metrics_of(b)["revenue_share"] == 0.8  # not 0.7999999999999999


def test_effort_ratio_is_infinite_without_revenue_and_absent_when_both_shares_are_zero():
    b = PortfolioBuilder().customer("a").customer("b").customer("c")
    b.invoice("a", net=100).time_entry("b", minutes=60).offer("c")
    result = run(b.build())
    assert result.customer("a").metrics["effort_ratio"] == 0.0
    assert math.isinf(result.customer("b").metrics["effort_ratio"])
    assert result.customer("c").metrics["effort_ratio"] is None


def test_every_effort_share_is_zero_when_nobody_has_effort():
    b = PortfolioBuilder().customer("a").customer("b").invoice("a").invoice("b")
    result = run(b.build())
    assert [c.metrics["effort_share"] for c in result.customers] == [0.0, 0.0]


def test_days_late_for_paid_unpaid_early_and_not_yet_due_invoices():
    b = PortfolioBuilder().customer("a")
    b.invoice("a", issue_date="2026-01-01", due_date="2026-01-15", paid_date="2026-02-04")  # 20
    b.invoice("a", issue_date="2026-03-01", paid_date="2026-03-10")  # due 03-15: early, 0
    b.invoice("a", issue_date="2026-10-01", due_date="2026-10-15")  # unpaid: 39 as of 11-23
    b.invoice("a", issue_date="2026-11-20", due_date="2026-12-04")  # not yet due: none
    m = metrics_of(b)
    assert m["invoices"] == 4
    assert m["invoices_due"] == 3
    assert m["late_invoices"] == 2
    assert m["avg_days_late"] == (20 + 0 + 39) / 3
    assert m["late_invoices_avg_days"] == 29.5


def test_a_missing_due_date_is_the_issue_date_plus_the_payment_terms():
    b = PortfolioBuilder().customer("a")
    b.invoice("a", issue_date="2026-03-01", paid_date="2026-03-31")  # due 03-15: 16 days
    assert metrics_of(b)["avg_days_late"] == 16
    assert metrics_of(b, payment_terms_days=30)["avg_days_late"] == 0  # due 03-31


def test_an_invoice_exactly_fourteen_days_late_is_not_late():
    b = PortfolioBuilder().customer("a")
    b.invoice("a", due_date="2026-06-29", paid_date="2026-07-13")  # 14
    b.invoice("a", due_date="2026-06-29", paid_date="2026-07-14")  # 15
    assert metrics_of(b)["late_invoices"] == 1


def test_an_unpaid_invoice_on_its_due_date_is_not_late_yet():
    b = PortfolioBuilder().customer("a").invoice("a", issue_date="2026-11-09", due_date=AS_OF)
    assert metrics_of(b)["avg_days_late"] is None


def test_a_credit_note_is_never_late():
    b = PortfolioBuilder().customer("a").invoice("a", issue_date="2026-01-01", net=-100)
    m = metrics_of(b)
    assert (m["invoices"], m["invoices_due"], m["late_invoices"]) == (1, 0, 0)


def test_interaction_counts():
    b = PortfolioBuilder().customer("a")
    b.interaction("a", price_negotiation=True).interaction("a", price_negotiation=True)
    b.interaction("a", complaint="unjustified").interaction("a", complaint="justified")
    b.interaction("a", out_of_scope=True)
    b.interaction("a", mood=-2).interaction("a", mood=1)
    m = metrics_of(b)
    assert m["price_negotiations"] == 2
    assert m["unjustified_complaints"] == 1
    assert m["out_of_scope_requests"] == 1
    assert (m["mood_avg"], m["mood_count"]) == (-0.5, 2)


def test_unplanned_calls_are_inbound_unplanned_phone_calls_only():
    b = PortfolioBuilder().customer("a")
    call = {"channel": "phone", "direction": "in", "planned": False}
    b.interaction("a", **call, minutes=10)
    b.interaction("a", **call, minutes=5, tracked=True)  # tracked calls are still calls
    b.interaction("a", **(call | {"direction": "out"}), minutes=60)  # outbound
    b.interaction("a", **(call | {"planned": True}), minutes=60)  # planned
    b.interaction("a", **(call | {"channel": "email"}), minutes=60)  # not a call
    m = metrics_of(b)
    assert (m["unplanned_calls"], m["unplanned_call_minutes"]) == (2, 15.0)


def test_offers_sent_and_accepted():
    b = PortfolioBuilder().customer("a")
    b.offer("a", status="accepted").offer("a", status="declined").offer("a")
    m = metrics_of(b)
    assert (m["offers_sent"], m["offers_accepted"]) == (3, 1)


def test_customers_are_listed_by_revenue_with_ties_by_id():
    b = PortfolioBuilder().customer("c").customer("b").customer("a").customer("d")
    b.invoice("a", net=100).invoice("b", net=300).invoice("c", net=100)
    result = run(b.build())
    assert [c.id for c in result.customers] == ["b", "a", "c", "d"]
    assert [c.metrics["revenue_rank"] for c in result.customers] == [1, 2, 3, None]


def test_records_of_unknown_customers_are_ignored():
    b = PortfolioBuilder().customer("a").invoice("a", net=100).invoice("ghost", net=900)
    result = run(b.build())
    assert [c.id for c in result.customers] == ["a"]
    assert result.customer("a").metrics["revenue_share"] == 1.0
