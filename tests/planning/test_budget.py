"""The time budget of a week and a month, on hand-made figures, and its page."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from django.urls import reverse

from kundenwert.analysis import AnalysisSettings, Period, analyze
from kundenwert.exchange.services import do_import_portfolio
from kundenwert.planning.budget import month_of, period_budget, week_of
from tests.analysis.builders import make_portfolio
from tests.planning.conftest import TODAY


def override(customer_id: str, group: str) -> dict:
    return {"id": customer_id, "group_override": group, "override_reason": "by hand"}


def entry(customer_id: str, day: int, minutes: int) -> dict:
    return {"customer_id": customer_id, "start": datetime(2026, 3, day, 9), "minutes": minutes}


# Week of Monday 16 March: A 5 h, B 2 h, C 3 h, and B's unplanned 1-hour call = 11 h.
# On 10 March (the week before, same month) A has 10 h more.
ROWS = {
    "customers": [override("KA", "A"), override("KB", "B"), override("KC", "C")],
    "time_entries": [
        entry("KA", 16, 300),
        entry("KB", 17, 120),
        entry("KC", 17, 180),
        entry("KA", 10, 600),
    ],
    "interactions": [
        {
            "customer_id": "KB",
            "at": datetime(2026, 3, 17, 14),
            "channel": "phone",
            "direction": "in",
            "planned": False,
            "minutes": 60,
        }
    ],
}


def budget_of(period: Period):
    portfolio = make_portfolio(**ROWS)
    return period_budget(portfolio, analyze(portfolio, AnalysisSettings(), TODAY), period)


def test_a_week_runs_from_monday_to_sunday_and_a_month_over_its_days():
    assert week_of(date(2026, 3, 17)) == Period(date(2026, 3, 16), date(2026, 3, 22))
    assert month_of(date(2024, 2, 10)) == Period(date(2024, 2, 1), date(2024, 2, 29))


def test_the_week_sums_each_groups_hours_against_its_target():
    budget = budget_of(week_of(TODAY))

    hours = {row.key: row.actual_hours for row in budget.rows}
    assert hours == {"A": 5, "B": 2, "C": 3, "spontaneous": 1}
    assert budget.total_hours == 11
    a = budget.row("A")
    assert a.target == 0.5 and a.target_hours == 5.5
    assert a.actual_share == pytest.approx(5 / 11)
    assert a.deviation == pytest.approx(5 / 11 - 0.5)
    assert a.deviation_hours == pytest.approx(-0.5)


def test_c_taking_more_than_its_share_is_flagged():
    budget = budget_of(week_of(TODAY))

    assert budget.row("C").actual_share == pytest.approx(3 / 11)
    assert budget.c_over_share


def test_the_month_holds_the_weeks_before_as_well():
    budget = budget_of(month_of(TODAY))

    assert budget.row("A").actual_hours == 15
    assert budget.total_hours == 21
    assert budget.row("spontaneous").actual_share == pytest.approx(1 / 21)


def test_a_period_without_customer_time_has_zero_shares():
    budget = budget_of(week_of(date(2026, 1, 5)))

    assert budget.total_hours == 0
    assert all(row.actual_share == 0 for row in budget.rows)
    assert not budget.c_over_share


@pytest.fixture
def budget_data(db):
    do_import_portfolio(make_portfolio(**ROWS), source="test")


def test_the_page_shows_the_weeks_figures_and_the_c_warning(owner_client, budget_data, clock):
    html = owner_client.get(reverse("planning:budget")).content.decode()

    assert "16.03.2026 – 22.03.2026" in html
    assert "5,0 h" in html and "11,0 h" in html and "27,3 %" in html
    assert "budget-warning" in html


def test_the_page_shows_a_chosen_month(owner_client, budget_data, clock):
    url = reverse("planning:budget") + "?period=month&date=2026-03-01"

    html = owner_client.get(url).content.decode()

    assert "01.03.2026 – 31.03.2026" in html and "15,0 h" in html and "21,0 h" in html


def test_staff_do_not_see_the_budget(staff_client, db, clock):
    assert staff_client.get(reverse("planning:budget")).status_code == 403


def test_an_ended_customer_stays_out_of_the_group_budgets():
    rows = {
        **ROWS,
        "customers": [
            override("KA", "A"),
            override("KB", "B"),
            {**override("KC", "C"), "status": "ended"},
        ],
    }
    portfolio = make_portfolio(**rows)
    budget = period_budget(portfolio, analyze(portfolio, AnalysisSettings(), TODAY), week_of(TODAY))

    hours = {row.key: row.actual_hours for row in budget.rows}
    assert hours == {"A": 5, "B": 2, "C": 0, "spontaneous": 1}
    assert budget.ungrouped_hours == 3
