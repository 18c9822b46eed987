"""Exit candidates (Trennungskandidaten): every C customer, unjustified complaints, and
late payers whose invoices were 30 days late or more on average."""

from __future__ import annotations

from datetime import date, timedelta

from tests.analysis.builders import PortfolioBuilder, run


def exit_reasons(b: PortfolioBuilder, customer_id: str = "a") -> list[str]:
    customer = run(b.build()).customer(customer_id)
    assert customer.exit_candidate == bool(customer.exit_reasons)
    return customer.exit_reasons


def paid_late(b: PortfolioBuilder, *days: int) -> PortfolioBuilder:
    """Invoices of "a" due on 2026-03-01 and paid `days` later (negative: early)."""
    due = date(2026, 3, 1)
    for n in days:
        b.invoice("a", due_date=due, paid_date=due + timedelta(days=n))
    return b


def test_every_c_customer_is_an_exit_candidate():
    b = PortfolioBuilder().customer("a").customer("b").invoice("b").time_entry("a", minutes=60)
    assert exit_reasons(b) == ["group_c"]


def test_a_c_customer_by_hand_is_an_exit_candidate():
    b = PortfolioBuilder().customer("a", group_override="C").invoice("a")
    assert exit_reasons(b) == ["group_c"]


def test_unjustified_complaints_make_an_exit_candidate_in_any_group():
    b = PortfolioBuilder().customer("a", heart=True)
    b.interaction("a", complaint="unjustified").interaction("a", complaint="unjustified")
    customer = run(b.build()).customer("a")
    assert customer.group == "A"
    assert customer.exit_reasons == ["unjustified_complaints"]


def test_a_late_payer_thirty_days_late_on_average_is_an_exit_candidate():
    b = paid_late(PortfolioBuilder().customer("a"), 40, 20)
    customer = run(b.build()).customer("a")
    assert (customer.group, customer.exit_reasons) == ("B", ["late_payer"])


def test_a_late_payer_under_thirty_days_on_average_is_not_an_exit_candidate():
    assert exit_reasons(paid_late(PortfolioBuilder().customer("a"), 39, 20)) == []


def test_an_early_payment_counts_as_zero_days_in_the_average():
    # (45 + 45 + 0) / 3 = 30; counting the early payment as -27 would give 21.
    assert exit_reasons(paid_late(PortfolioBuilder().customer("a"), 45, 45, -27)) == ["late_payer"]


def test_a_long_average_without_being_a_late_payer_is_not_an_exit_candidate():
    assert exit_reasons(paid_late(PortfolioBuilder().customer("a"), 90)) == []


def test_causes_are_listed_together():
    b = PortfolioBuilder().customer("a").customer("big").invoice("big", net=100_000)
    paid_late(b, 40, 40)
    b.interaction("a", complaint="unjustified").interaction("a", complaint="unjustified")
    assert exit_reasons(b) == ["group_c", "unjustified_complaints", "late_payer"]


def test_a_steady_a_customer_is_not_an_exit_candidate():
    assert exit_reasons(PortfolioBuilder().customer("a").invoice("a")) == []
