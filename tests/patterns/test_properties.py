"""The odd-hours share against a plain Python count, on random time entries."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from kundenwert.analysis import Period
from kundenwert.patterns import period_figures
from tests.analysis.builders import make_portfolio

PERIOD = Period(date(2026, 1, 1), date(2026, 12, 31))
entries = st.lists(
    st.tuples(
        st.integers(min_value=0, max_value=364),  # day of the year
        st.integers(min_value=0, max_value=23),  # hour
        st.integers(min_value=1, max_value=600),  # minutes
    ),
    min_size=1,
    max_size=30,
)


def is_odd(start: datetime) -> bool:
    return start.isoweekday() >= 6 or start.hour >= 20 or start.hour < 6


@settings(max_examples=60, deadline=None)
@given(entries)
def test_the_odd_hours_share_matches_a_plain_count(rows):
    starts = [
        (datetime(2026, 1, 1, hour) + timedelta(days=day), minutes) for day, hour, minutes in rows
    ]
    portfolio = make_portfolio(
        customers=[{"id": "a"}],
        time_entries=[{"customer_id": "a", "start": s, "minutes": m} for s, m in starts],
    )

    row = period_figures(portfolio, PERIOD).filter(pattern="odd_hours").row(0, named=True)

    total = sum(m for _, m in starts)
    odd = sum(m for s, m in starts if is_odd(s))
    assert abs(row["value"] - odd / total) < 1e-9
    assert 0 <= row["value"] <= 1
    assert row["enough"] == (total >= 300)
