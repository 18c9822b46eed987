"""The analysis period: calendar days, both ends included."""

from __future__ import annotations

from datetime import date

import pytest

from kundenwert.analysis import AnalysisError, Period
from tests.analysis.builders import PortfolioBuilder, run


def test_a_calendar_year_runs_from_the_first_of_january_to_the_last_of_december():
    assert Period.year(2026) == Period(date(2026, 1, 1), date(2026, 12, 31))
    assert Period.year(2024).days == 366


def test_a_period_ending_on_a_day_includes_that_day():
    period = Period.ending(date(2026, 11, 23), 365)
    assert period == Period(date(2025, 11, 24), date(2026, 11, 23))
    assert date(2025, 11, 24) in period and date(2025, 11, 23) not in period


def test_a_period_cannot_end_before_it_starts_or_be_empty():
    with pytest.raises(AnalysisError):
        Period(date(2026, 2, 1), date(2026, 1, 31))
    with pytest.raises(AnalysisError):
        Period.ending(date(2026, 1, 1), 0)


def test_the_period_days_setting_sets_the_default_period():
    result = run(PortfolioBuilder().build(), period_days=30)
    assert result.period == Period(date(2026, 10, 25), date(2026, 11, 23))


def test_a_given_period_replaces_the_default():
    b = PortfolioBuilder().customer("a").invoice("a", issue_date="2025-03-01", net=50)
    b.invoice("a", issue_date="2026-03-01", net=70)
    result = run(b.build(), period=Period.year(2025))
    assert result.customer("a").metrics["revenue"] == 50
    assert result.to_json()["period"] == {"from": "2025-01-01", "to": "2025-12-31"}
