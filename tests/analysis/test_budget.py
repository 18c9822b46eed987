"""The time budget: customer time per group against 50/20/10, unplanned time as spontaneous."""

from __future__ import annotations

from pytest import approx

from tests.analysis.builders import PortfolioBuilder, make_portfolio, run


def portfolio() -> PortfolioBuilder:
    b = PortfolioBuilder()
    # a: high revenue, proportional effort -> A; 210 minutes, 60 of them unplanned
    b.customer("a").invoice("a", net=10_000).time_entry("a", minutes=120)
    b.interaction("a", minutes=30).interaction("a", minutes=60, planned=False)
    # b: potential -> B; 60 minutes of time entries, 30 of them an unplanned tracked call
    b.customer("b", potential=5).invoice("b", net=500).time_entry("b", minutes=60)
    b.interaction("b", minutes=30, planned=False, tracked=True, channel="phone")
    # c: effort without revenue -> C; 300 minutes
    b.customer("c").time_entry("c", minutes=300)
    # d: inactive, no group
    return b.customer("d")


def test_the_groups_come_out_as_the_budget_example_needs():
    result = run(portfolio().build())
    assert [result.customer(i).group for i in "abcd"] == ["A", "B", "C", None]


def test_customer_time_is_summed_per_group_with_unplanned_time_as_spontaneous():
    budget = run(portfolio().build()).budget
    hours = {key: line.actual_hours for key, line in budget.items()}
    assert hours == {"A": 2.5, "B": 0.5, "C": 5.0, "spontaneous": 1.5}


def test_shares_are_of_all_customer_time():
    budget = run(portfolio().build()).budget
    assert budget["A"].actual_share == approx(150 / 570)
    assert budget["B"].actual_share == approx(30 / 570)
    assert budget["C"].actual_share == approx(300 / 570)
    assert budget["spontaneous"].actual_share == approx(90 / 570)
    assert sum(line.actual_share for line in budget.values()) == approx(1.0)


def test_targets_come_from_the_settings():
    budget = run(portfolio().build(), budget_a=0.6, budget_c=0.0).budget
    targets = {key: line.target for key, line in budget.items()}
    assert targets == {"A": 0.6, "B": 0.2, "C": 0.0, "spontaneous": 0.2}


def test_customers_without_group_have_no_time_and_are_reported_apart():
    result = run(portfolio().build())
    assert result.totals.ungrouped_hours == 0.0
    assert result.totals.effort_hours == 9.5


def test_an_empty_portfolio_has_an_empty_budget():
    budget = run(make_portfolio()).budget
    assert {k: (v.actual_hours, v.actual_share) for k, v in budget.items()} == {
        "A": (0.0, 0.0),
        "B": (0.0, 0.0),
        "C": (0.0, 0.0),
        "spontaneous": (0.0, 0.0),
    }
