"""Trends over quarters, and the list of patterns across customers."""

from __future__ import annotations

from datetime import date

import pytest

from kundenwert.patterns import across_customers, quarterly, trends
from kundenwert.patterns.texts import heading
from tests.analysis.builders import PortfolioBuilder

AS_OF = date(2026, 11, 23)


def out_of_scope(builder: PortfolioBuilder, customer: str, days: list[str]) -> PortfolioBuilder:
    for day in days:
        builder.interaction(customer, at=f"{day}T10:00", out_of_scope=True)
    return builder


def test_the_trend_compares_the_latest_complete_quarter_with_the_mean_before_it():
    builder = PortfolioBuilder().customer("a")
    # Q1: 1, Q2: 1, Q3: 4 requests; Q4 (partial) would be 9 but does not count.
    out_of_scope(builder, "a", ["2026-02-01", "2026-05-01"])
    out_of_scope(builder, "a", ["2026-07-01", "2026-07-02", "2026-07-03", "2026-07-04"])
    out_of_scope(builder, "a", [f"2026-10-{d:02d}" for d in range(1, 10)])

    row = (
        trends(quarterly(builder.build(), AS_OF)).filter(pattern="out_of_scope").row(0, named=True)
    )

    assert row["latest_quarter"] == "2026-Q3"
    assert row["latest"] == 4
    # The three complete quarters before Q3 (2025-Q4, 2026-Q1, 2026-Q2): 0, 1, 1.
    assert row["baseline"] == pytest.approx(2 / 3)
    assert row["direction"] == "worse"


def test_a_falling_count_is_better_and_a_small_change_is_unchanged():
    builder = PortfolioBuilder().customer("a").customer("b")
    out_of_scope(builder, "a", ["2026-04-01", "2026-04-02", "2026-04-03"])
    out_of_scope(builder, "b", ["2026-04-01", "2026-07-01"])

    frame = trends(quarterly(builder.build(), AS_OF)).filter(pattern="out_of_scope")
    directions = dict(zip(frame["customer_id"], frame["direction"], strict=True))

    assert directions["a"] == "better"  # Q3: 0 against a mean of 1 before
    assert directions["b"] == "unchanged"  # Q3: 1 against a mean of 1/3: less than 1 apart


def test_rising_mood_is_better():
    builder = PortfolioBuilder().customer("a")
    builder.interaction("a", at="2026-04-01T10:00", mood=-2)
    builder.interaction("a", at="2026-07-01T10:00", mood=1)

    row = trends(quarterly(builder.build(), AS_OF)).filter(pattern="mood").row(0, named=True)

    assert row["direction"] == "better"


def test_without_two_usable_quarters_there_is_no_trend():
    builder = PortfolioBuilder().customer("a")
    builder.interaction("a", at="2026-07-01T10:00", mood=1)

    row = trends(quarterly(builder.build(), AS_OF)).filter(pattern="mood").row(0, named=True)

    assert row["baseline"] is None
    assert row["direction"] is None


def weekend_worker(builder: PortfolioBuilder, customer: str, weekend_minutes: int):
    builder.customer(customer)
    builder.time_entry(customer, start="2026-06-06T10:00", minutes=weekend_minutes)  # Saturday
    builder.time_entry(customer, start="2026-06-08T10:00", minutes=600 - weekend_minutes)
    return builder


def test_the_list_across_customers_names_those_at_the_limit_worst_first():
    builder = PortfolioBuilder()
    for customer, minutes in (("a", 60), ("b", 120), ("c", 59), ("d", 300)):
        weekend_worker(builder, customer, minutes)

    findings = {f.pattern: f for f in across_customers(builder.build(), AS_OF)}
    listed = [c.customer_id for c in findings["odd_hours"].customers]

    assert listed == ["d", "b", "a"]  # 10 % is the limit; 59 of 600 minutes is below
    assert heading("odd_hours", len(listed), "de").endswith(": 3 Kunden")
    assert heading("odd_hours", 1, "en").endswith(": 1 customer")


def test_leads_and_ended_customers_are_not_listed():
    builder = PortfolioBuilder()
    weekend_worker(builder, "lead", 300)
    weekend_worker(builder, "gone", 300)
    builder.customer("lead", status="lead")
    builder.customer("gone", status="ended")
    portfolio = builder.build()
    portfolio.customers = portfolio.customers.unique("id", keep="last")

    findings = {f.pattern: f for f in across_customers(portfolio, AS_OF)}

    assert findings["odd_hours"].customers == []


def test_low_mood_needs_enough_ratings_to_be_listed():
    builder = PortfolioBuilder().customer("a").customer("b")
    for day in ("2026-06-01", "2026-06-02", "2026-06-03"):
        builder.interaction("a", at=f"{day}T10:00", mood=-2)
    builder.interaction("b", at="2026-06-01T10:00", mood=-2)

    findings = {f.pattern: f for f in across_customers(builder.build(), AS_OF)}

    assert [c.customer_id for c in findings["mood"].customers] == ["a"]
