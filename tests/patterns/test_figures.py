"""Pattern figures on hand-made data: per quarter and over a period."""

from __future__ import annotations

from datetime import date

import pytest

from kundenwert.analysis import Period
from kundenwert.patterns import PatternSettings, period_figures, quarterly
from tests.analysis.builders import PortfolioBuilder

AS_OF = date(2026, 11, 23)
YEAR = Period(date(2026, 1, 1), date(2026, 11, 23))


def figure(portfolio, key: str, customer: str = "a", period: Period = YEAR) -> dict:
    frame = period_figures(portfolio, period)
    return frame.filter(pattern=key, customer_id=customer).row(0, named=True)


def test_three_of_ten_hours_on_a_saturday_are_thirty_percent():
    portfolio = (
        PortfolioBuilder()
        .customer("a")
        .time_entry("a", start="2026-03-02T10:00", minutes=420)  # Monday
        .time_entry("a", start="2026-03-07T10:00", minutes=180)  # Saturday
        .build()
    )

    row = figure(portfolio, "odd_hours")

    assert row["value"] == pytest.approx(0.3)
    assert (row["part"], row["basis"]) == (3, 10)
    assert row["enough"]


def test_a_sunday_counts_as_weekend_work_too():
    portfolio = (
        PortfolioBuilder()
        .customer("a")
        .time_entry("a", start="2026-03-08T10:00", minutes=300)  # Sunday
        .time_entry("a", start="2026-03-09T10:00", minutes=300)
        .build()
    )

    assert figure(portfolio, "odd_hours")["value"] == pytest.approx(0.5)


def test_an_entry_starting_at_eight_in_the_evening_counts_and_one_at_seven_fifty_nine_does_not():
    portfolio = (
        PortfolioBuilder()
        .customer("a")
        .time_entry("a", start="2026-03-03T20:00", minutes=60)
        .time_entry("a", start="2026-03-03T19:59", minutes=60)
        .time_entry("a", start="2026-03-04T09:00", minutes=180)
        .build()
    )

    row = figure(portfolio, "odd_hours")

    assert row["part"] == 1
    assert row["value"] == pytest.approx(0.2)


def test_an_entry_after_midnight_counts_as_night_work():
    portfolio = (
        PortfolioBuilder()
        .customer("a")
        .time_entry("a", start="2026-03-04T01:30", minutes=60)
        .time_entry("a", start="2026-03-04T09:00", minutes=240)
        .build()
    )

    assert figure(portfolio, "odd_hours")["value"] == pytest.approx(0.2)


def test_the_evening_hour_is_a_setting():
    portfolio = (
        PortfolioBuilder()
        .customer("a")
        .time_entry("a", start="2026-03-03T18:30", minutes=60)
        .time_entry("a", start="2026-03-04T09:00", minutes=240)
        .build()
    )
    settings = PatternSettings(evening_from_hour=18)

    row = period_figures(portfolio, YEAR, settings).filter(pattern="odd_hours").row(0, named=True)

    assert row["value"] == pytest.approx(0.2)


def test_the_unbilled_share_is_the_hours_not_billable():
    portfolio = (
        PortfolioBuilder()
        .customer("a")
        .time_entry("a", start="2026-03-02T10:00", minutes=480, billable=True)
        .time_entry("a", start="2026-03-03T10:00", minutes=120, billable=False)
        .build()
    )

    row = figure(portfolio, "unbilled")

    assert row["value"] == pytest.approx(0.2)
    assert (row["part"], row["basis"]) == (2, 10)


def test_under_five_hours_of_work_a_share_is_not_enough_to_judge():
    portfolio = (
        PortfolioBuilder()
        .customer("a")
        .time_entry("a", start="2026-03-07T10:00", minutes=120)
        .build()
    )

    row = figure(portfolio, "odd_hours")

    assert row["value"] == 1.0
    assert not row["enough"]


def test_the_discount_share_is_credit_notes_against_the_amount_invoiced():
    portfolio = (
        PortfolioBuilder()
        .customer("a")
        .invoice("a", issue_date="2026-02-01", net=3000)
        .invoice("a", issue_date="2026-03-01", net=1000)
        .invoice("a", issue_date="2026-03-15", net=-200)
        .build()
    )

    row = figure(portfolio, "discount")

    assert row["value"] == pytest.approx(0.05)
    assert (row["part"], row["basis"]) == (200, 4000)


def test_a_customer_without_credit_notes_has_no_discount():
    portfolio = PortfolioBuilder().customer("a").invoice("a", net=1000).build()

    assert figure(portfolio, "discount")["value"] == 0


def test_days_late_is_the_mean_with_early_payment_counted_as_zero():
    portfolio = (
        PortfolioBuilder()
        .customer("a")
        .invoice("a", issue_date="2026-02-01", due_date="2026-02-15", paid_date="2026-03-17")
        .invoice("a", issue_date="2026-03-01", due_date="2026-03-15", paid_date="2026-03-10")
        .build()
    )

    row = figure(portfolio, "days_late")

    assert row["value"] == pytest.approx(15)  # (30 + 0) / 2
    assert row["basis"] == 2
    assert row["count"] == 1  # more than 14 days late


def test_out_of_scope_requests_are_counted():
    portfolio = (
        PortfolioBuilder()
        .customer("a")
        .interaction("a", at="2026-03-02T10:00", out_of_scope=True)
        .interaction("a", at="2026-04-02T10:00", out_of_scope=True)
        .interaction("a", at="2026-04-03T10:00")
        .build()
    )

    assert figure(portfolio, "out_of_scope")["value"] == 2


def test_unplanned_calls_are_a_share_of_the_effort():
    portfolio = (
        PortfolioBuilder()
        .customer("a")
        .time_entry("a", start="2026-03-02T10:00", minutes=480)
        .interaction(
            "a", at="2026-03-03T10:00", channel="phone", direction="in", planned=False, minutes=120
        )
        .interaction("a", at="2026-03-04T10:00", channel="phone", direction="out", minutes=60)
        .build()
    )

    row = figure(portfolio, "unplanned_calls")

    # 2 h of unplanned inbound calls in 8 h of time entries + 3 h of untracked contacts.
    assert row["value"] == pytest.approx(2 / 11)
    assert row["count"] == 1


def test_mood_is_the_mean_rating_with_the_negative_ones_counted():
    portfolio = (
        PortfolioBuilder()
        .customer("a")
        .interaction("a", at="2026-03-02T10:00", mood=-2)
        .interaction("a", at="2026-03-03T10:00", mood=-1)
        .interaction("a", at="2026-03-04T10:00", mood=0)
        .interaction("a", at="2026-03-05T10:00")
        .build()
    )

    row = figure(portfolio, "mood")

    assert row["value"] == pytest.approx(-1)
    assert (row["basis"], row["count"]) == (3, 2)


def test_records_outside_the_period_do_not_count():
    portfolio = (
        PortfolioBuilder()
        .customer("a")
        .interaction("a", at="2025-12-31T10:00", out_of_scope=True)
        .interaction("a", at="2026-11-24T10:00", out_of_scope=True)
        .build()
    )

    assert figure(portfolio, "out_of_scope")["value"] == 0


def test_quarters_split_the_figures_by_calendar_quarter():
    portfolio = (
        PortfolioBuilder()
        .customer("a")
        .time_entry("a", start="2026-03-07T10:00", minutes=180)  # Q1, Saturday
        .time_entry("a", start="2026-03-09T10:00", minutes=420)  # Q1, Monday
        .time_entry("a", start="2026-04-06T10:00", minutes=600)  # Q2, Monday
        .build()
    )

    frame = quarterly(portfolio, AS_OF).filter(pattern="odd_hours")
    by_quarter = dict(zip(frame["bucket"], frame["value"], strict=True))

    assert by_quarter["2026-Q1"] == pytest.approx(0.3)
    assert by_quarter["2026-Q2"] == 0
    assert by_quarter["2026-Q3"] is None  # no work at all: no share
    assert frame.height == 8  # two years of quarters, the latest holding the as-of date


def test_only_the_quarter_holding_the_as_of_date_is_partial():
    portfolio = PortfolioBuilder().customer("a").build()

    frame = quarterly(portfolio, AS_OF).filter(pattern="mood")
    partial = frame.filter("partial")["bucket"].to_list()

    assert partial == ["2026-Q4"]


def test_a_quarter_that_ends_on_the_as_of_date_is_complete():
    portfolio = PortfolioBuilder().customer("a").build()

    frame = quarterly(portfolio, date(2026, 9, 30)).filter(pattern="mood")

    assert not frame["partial"].any()
