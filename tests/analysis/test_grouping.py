"""method.md's grouping order, one test per step: the first rule that matches decides."""

from __future__ import annotations

from tests.analysis.builders import PortfolioBuilder, run


def decided(builder: PortfolioBuilder, customer_id: str = "a") -> tuple[str | None, str]:
    customer = run(builder.build()).customer(customer_id)
    return customer.group, customer.deciding


def high_revenue(**marks) -> PortfolioBuilder:
    """Customer "a", alone, so high revenue; no effort, so proportional."""
    return PortfolioBuilder().customer("a", **marks).invoice("a", net=1000)


def low_revenue(**marks) -> PortfolioBuilder:
    """Customer "a" next to a customer with 100 times its revenue: not high revenue."""
    b = PortfolioBuilder().customer("big").invoice("big", net=100_000)
    return b.customer("a", **marks).invoice("a", net=1000)


def rude(b: PortfolioBuilder) -> PortfolioBuilder:
    for _ in range(3):
        b.interaction("a", mood=-2)
    return b


def twice(b: PortfolioBuilder, **interaction) -> PortfolioBuilder:
    return b.interaction("a", **interaction).interaction("a", **interaction)


# 1. override


def test_a_group_set_by_hand_wins_and_the_reasons_are_still_listed():
    b = rude(high_revenue(group_override="A", override_reason="old friend"))
    customer = run(b.build()).customer("a")
    assert (customer.group, customer.deciding) == ("A", "override")
    assert "rude" in customer.reasons
    assert customer.override_reason == "old friend"


def test_a_group_set_by_hand_wins_over_inactivity():
    b = PortfolioBuilder().customer("a", group_override="B")
    assert decided(b) == ("B", "override")


# 2. inactive


def test_an_inactive_customer_gets_no_group():
    assert decided(PortfolioBuilder().customer("a")) == (None, "inactive")


def test_an_inactive_customer_close_to_heart_is_in_group_a():
    assert decided(PortfolioBuilder().customer("a", heart=True)) == ("A", "heart")


# 3. rude, 4. heart


def test_a_rude_customer_is_c_even_with_high_revenue_and_close_to_heart():
    assert decided(rude(high_revenue(heart=True, useful=True))) == ("C", "rude")


def test_a_customer_close_to_heart_is_a_even_with_low_revenue_and_empty_promises():
    b = low_revenue(heart=True).offer("a").offer("a")
    assert decided(b) == ("A", "heart")


# 5. high revenue


def test_high_revenue_and_useful_is_a_even_when_paying_late():
    b = high_revenue(useful=True)
    for _ in range(2):
        b.invoice("a", due_date="2026-03-01", paid_date="2026-04-01")
    assert decided(b) == ("A", "useful")


def test_high_revenue_with_disproportionate_effort_is_b():
    b = PortfolioBuilder().customer("a").customer("b")
    b.invoice("a", net=6000).invoice("b", net=4000).time_entry("a", minutes=60)
    assert decided(b) == ("B", "disproportionate_effort")


def test_high_revenue_and_late_payer_is_b():
    b = high_revenue()
    for _ in range(2):
        b.invoice("a", due_date="2026-03-01", paid_date="2026-03-20")
    assert decided(b) == ("B", "late_payer")


def test_high_revenue_and_haggler_is_b():
    assert decided(twice(high_revenue(), price_negotiation=True)) == ("B", "haggler")


def test_high_revenue_and_talker_is_b():
    b = high_revenue()
    for _ in range(5):
        b.interaction("a", channel="phone", direction="in", planned=False, minutes=5)
    assert decided(b) == ("B", "talker")


def test_high_revenue_with_unjustified_complaints_is_b():
    b = twice(high_revenue(), complaint="unjustified")
    assert decided(b) == ("B", "unjustified_complaints")


def test_the_first_listed_issue_decides_for_high_revenue():
    b = twice(twice(high_revenue(), complaint="unjustified"), price_negotiation=True)
    assert decided(b) == ("B", "haggler")


def test_high_revenue_with_proportionate_effort_and_no_issue_is_a():
    b = high_revenue().time_entry("a", minutes=60)
    assert decided(b) == ("A", "proportional_effort")


# 6. not high revenue


def test_low_revenue_with_empty_promises_is_c():
    assert decided(low_revenue().offer("a").offer("a")) == ("C", "empty_promises")


def test_low_revenue_talker_is_c():
    b = low_revenue()
    for _ in range(5):
        b.interaction("a", channel="phone", direction="in", planned=False, minutes=5)
    assert decided(b) == ("C", "talker")


def test_low_revenue_with_unjustified_complaints_is_c():
    b = twice(low_revenue(), complaint="unjustified")
    assert decided(b) == ("C", "unjustified_complaints")


def test_low_revenue_with_potential_is_b_even_with_high_effort():
    b = low_revenue(potential=5).time_entry("a", minutes=6000)
    assert decided(b) == ("B", "potential")


def test_low_revenue_with_high_effort_is_c():
    b = low_revenue().time_entry("a", minutes=6000)
    assert decided(b) == ("C", "low_revenue_high_effort")


def test_a_customer_with_no_revenue_but_effort_is_c():
    b = PortfolioBuilder().customer("a").customer("b").invoice("b", net=100)
    b.time_entry("a", minutes=30)
    assert decided(b) == ("C", "low_revenue_high_effort")


def test_a_small_customer_without_issues_is_b():
    customer = run(low_revenue().build()).customer("a")
    assert (customer.group, customer.deciding) == ("B", "small_steady")
    assert customer.reasons == []


def test_the_status_does_not_change_the_group():
    b = high_revenue(status="ended")
    assert decided(b) == ("A", "proportional_effort")
