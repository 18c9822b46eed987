"""Properties that hold for any portfolio (Hypothesis)."""

from __future__ import annotations

import json
import math
from datetime import date, datetime, timedelta

import polars as pl
from hypothesis import given, settings
from hypothesis import strategies as st

from kundenwert.analysis.machine import render_json
from kundenwert.portfolio import Portfolio
from kundenwert.portfolio.schema import TABLES
from tests.analysis.builders import make_portfolio, run

IDS = ["k1", "k2", "k3", "k4", "k5", "k6"]
START = date(2025, 10, 1)  # some records fall before the default period


def days(n: int) -> date:
    return START + timedelta(days=n)


customer_ids = st.sampled_from(IDS)
day_numbers = st.integers(0, 450)
money = st.decimals(min_value=-500, max_value=5000, places=2, allow_nan=False)

customers = st.lists(
    st.fixed_dictionaries(
        {
            "potential": st.none() | st.integers(1, 5),
            "useful": st.booleans(),
            "heart": st.booleans(),
            "group_override": st.none() | st.sampled_from(["A", "B", "C"]),
            "status": st.sampled_from(["lead", "active", "ended"]),
        }
    ),
    min_size=len(IDS),
    max_size=len(IDS),
)
invoices = st.lists(
    st.builds(
        lambda cid, issue, net, due, paid: {
            "customer_id": cid,
            "issue_date": days(issue),
            "net": net,
            "due_date": None if due is None else days(issue + due),
            "paid_date": None if paid is None else days(issue + paid),
        },
        customer_ids,
        day_numbers,
        money,
        st.none() | st.integers(0, 30),
        st.none() | st.integers(-5, 90),
    ),
    max_size=25,
)
time_entries = st.lists(
    st.builds(
        lambda cid, day, minute, minutes: {
            "customer_id": cid,
            "start": datetime.combine(days(day), datetime.min.time()) + timedelta(minutes=minute),
            "minutes": minutes,
        },
        customer_ids,
        day_numbers,
        st.integers(0, 1439),
        st.decimals(min_value="0.01", max_value=600, places=2),
    ),
    max_size=25,
)
interactions = st.lists(
    st.builds(
        lambda cid, day, channel, direction, planned, minutes, tracked, price, complaint, mood: {
            "customer_id": cid,
            "at": datetime.combine(days(day), datetime.min.time()),
            "channel": channel,
            "direction": direction,
            "planned": planned,
            "minutes": minutes,
            "tracked": tracked,
            "price_negotiation": price,
            "complaint": complaint,
            "mood": mood,
        },
        customer_ids,
        day_numbers,
        st.sampled_from(["phone", "email", "meeting"]),
        st.sampled_from(["in", "out"]),
        st.booleans(),
        st.integers(0, 120),
        st.booleans(),
        st.booleans(),
        st.sampled_from(["none", "justified", "unjustified"]),
        st.none() | st.integers(-2, 2),
    ),
    max_size=30,
)
offers = st.lists(
    st.builds(
        lambda cid, day, status: {"customer_id": cid, "sent_date": days(day), "status": status},
        customer_ids,
        day_numbers,
        st.sampled_from(["open", "accepted", "declined", "expired"]),
    ),
    max_size=10,
)


@st.composite
def portfolios(draw) -> Portfolio:
    marks = draw(customers)
    return make_portfolio(
        customers=[{"id": cid, **m} for cid, m in zip(IDS, marks, strict=True)],
        invoices=draw(invoices),
        time_entries=draw(time_entries),
        interactions=draw(interactions),
        offers=draw(offers),
        direct_costs=draw(
            st.lists(
                st.builds(
                    lambda cid, day, amount: {
                        "customer_id": cid,
                        "date": days(day),
                        "amount": amount,
                    },
                    customer_ids,
                    day_numbers,
                    money,
                ),
                max_size=5,
            )
        ),
    )


def shuffled(portfolio: Portfolio, seed: int) -> Portfolio:
    return Portfolio.from_frames(
        {t.name: portfolio.frame(t).sample(fraction=1.0, shuffle=True, seed=seed) for t in TABLES}
    )


@settings(max_examples=60, deadline=None)
@given(portfolios(), st.integers(0, 2**32 - 1))
def test_results_do_not_depend_on_the_order_of_the_rows(portfolio, seed):
    assert run(shuffled(portfolio, seed)).to_json() == run(portfolio).to_json()


@settings(max_examples=60, deadline=None)
@given(portfolios())
def test_only_inactive_customers_not_close_to_heart_and_not_set_by_hand_have_no_group(portfolio):
    overrides = dict(zip(*portfolio.customers.select("id", "group_override"), strict=True))
    for customer in run(portfolio).customers:
        ungrouped = "inactive" in customer.reasons and "heart" not in customer.reasons
        assert (customer.group is None) == (ungrouped and overrides[customer.id] is None)


@settings(max_examples=60, deadline=None)
@given(portfolios())
def test_revenue_shares_of_customers_with_positive_revenue_sum_to_one(portfolio):
    result = run(portfolio)
    positive = [c.metrics["revenue_share"] for c in result.customers if c.metrics["revenue"] > 0]
    if positive:
        assert math.isclose(sum(positive), 1.0, abs_tol=1e-9)
    others = [c.metrics["revenue_share"] for c in result.customers if c.metrics["revenue"] <= 0]
    assert all(share == 0.0 for share in others)


@settings(max_examples=40, deadline=None)
@given(portfolios())
def test_budget_hours_add_up_to_the_customer_time(portfolio):
    result = run(portfolio)
    hours = sum(line.actual_hours for line in result.budget.values())
    assert math.isclose(hours + result.totals.ungrouped_hours, result.totals.effort_hours)
    assert result.totals.ungrouped_hours == 0.0


@settings(max_examples=30, deadline=None)
@given(portfolios())
def test_render_json_writes_exactly_the_object_of_to_json(portfolio):
    result = run(portfolio)
    assert json.loads(render_json(result)) == result.to_json()


def test_the_shuffle_helper_really_reorders_rows():
    frame = pl.DataFrame({"x": list(range(50))})
    assert frame.sample(fraction=1.0, shuffle=True, seed=1)["x"].to_list() != list(range(50))
