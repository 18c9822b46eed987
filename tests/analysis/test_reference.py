"""The vectorised analysis agrees with a plain record-by-record reading of method.md.

The reference below walks every record in Python with Decimal and Fraction arithmetic; it
is slow and obvious on purpose. Hypothesis feeds both the same random portfolios.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date, datetime, time, timedelta
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

from hypothesis import given, settings

from kundenwert.portfolio import Portfolio
from tests.analysis.builders import AS_OF, run
from tests.analysis.test_properties import portfolios

START = AS_OF - timedelta(days=364)
CENT = Decimal("0.01")


def in_period(day: date | datetime) -> bool:
    if isinstance(day, datetime):
        return datetime.combine(START, time()) <= day < datetime.combine(AS_OF, time.max)
    return START <= day <= AS_OF


def sums(p: Portfolio) -> dict[str, dict[str, Decimal]]:
    f: dict[str, dict[str, Decimal]] = defaultdict(lambda: defaultdict(Decimal))
    for r in p.invoices.to_dicts():
        if in_period(r["issue_date"]):
            f[r["customer_id"]]["active"] += 1
            f[r["customer_id"]]["revenue"] += r["net"]
            due = r["due_date"] or r["issue_date"] + timedelta(days=14)
            late = None
            if r["net"] >= 0 and r["paid_date"]:
                late = (r["paid_date"] - due).days
            elif r["net"] >= 0 and due < AS_OF:
                late = (AS_OF - due).days
            if late is not None:
                f[r["customer_id"]]["due"] += 1
                f[r["customer_id"]]["late_days"] += max(late, 0)
                f[r["customer_id"]]["late"] += late > 14
    for r in p.time_entries.to_dicts():
        if in_period(r["start"]):
            f[r["customer_id"]]["active"] += 1
            f[r["customer_id"]]["effort"] += r["minutes"]
    for r in p.interactions.to_dicts():
        if in_period(r["at"]):
            c = f[r["customer_id"]]
            c["active"] += 1
            c["effort"] += 0 if r["tracked"] else r["minutes"]
            c["haggles"] += r["price_negotiation"]
            c["complaints"] += r["complaint"] == "unjustified"
            if not r["planned"] and r["channel"] == "phone" and r["direction"] == "in":
                c["calls"] += 1
                c["call_minutes"] += r["minutes"]
            if r["mood"] is not None:
                c["moods"] += 1
                c["mood_sum"] += r["mood"]
    for r in p.offers.to_dicts():
        if in_period(r["sent_date"]):
            f[r["customer_id"]]["active"] += 1
            f[r["customer_id"]]["offers"] += 1
            f[r["customer_id"]]["accepted"] += r["status"] == "accepted"
    for r in p.direct_costs.to_dicts():
        if in_period(r["date"]):
            f[r["customer_id"]]["direct"] += r["amount"]
    return f


def expected(p: Portfolio) -> dict[str, tuple]:
    f = sums(p)
    marks = {r["id"]: r for r in p.customers.to_dicts()}
    total_revenue = sum(f[c]["revenue"] for c in marks if f[c]["revenue"] > 0)
    total_effort = sum(f[c]["effort"] for c in marks)
    ranked = sorted((c for c in marks if f[c]["revenue"] > 0), key=lambda c: (-f[c]["revenue"], c))
    before = {c: sum(f[d]["revenue"] for d in ranked[:i]) for i, c in enumerate(ranked)}
    out = {}
    for cid, mark in marks.items():
        c = f[cid]
        cost = (c["effort"] * 60 / 60 + c["direct"]).quantize(CENT, ROUND_HALF_UP)
        high = c["revenue"] > 0 and before[cid] < Decimal("0.8") * total_revenue
        if c["revenue"] > 0:
            share = Fraction(c["effort"]) / Fraction(total_effort) if total_effort else 0
            at_limit = share / (Fraction(c["revenue"]) / Fraction(total_revenue)) >= Fraction(3, 2)
        else:
            at_limit = c["effort"] > 0
        held = {
            "high_revenue": high,
            "proportional_effort": high and not at_limit,
            "disproportionate_effort": high and at_limit and c["effort"] > 0,
            "low_revenue_high_effort": not high and at_limit and c["effort"] > 0,
            "late_payer": c["late"] >= 2,
            "haggler": c["haggles"] >= 2,
            "talker": c["calls"] >= 5 and c["call_minutes"] >= Decimal("0.2") * c["effort"],
            "empty_promises": c["offers"] >= 2 and c["accepted"] == 0,
            "unjustified_complaints": c["complaints"] >= 2,
            "rude": c["moods"] >= 3 and c["mood_sum"] <= -c["moods"],
            "potential": (mark["potential"] or 0) >= 4,
            "useful": mark["useful"],
            "heart": mark["heart"],
            "inactive": c["active"] == 0,
        }
        reasons = [code for code, holds in held.items() if holds]
        group = decide(set(reasons), mark["group_override"])
        late_exit = "late_payer" in reasons and c["due"] and c["late_days"] >= 30 * c["due"]
        exit_candidate = group == "C" or "unjustified_complaints" in reasons or bool(late_exit)
        out[cid] = (c["revenue"], cost, reasons, group, exit_candidate)
    return out


def decide(held: set[str], override: str | None) -> str | None:
    issues_b = {"disproportionate_effort", "late_payer", "haggler", "talker"}
    if override:
        return override
    if "inactive" in held and "heart" not in held:
        return None
    if "rude" in held:
        return "C"
    if "heart" in held:
        return "A"
    if "high_revenue" in held:
        if "useful" in held:
            return "A"
        return "B" if held & (issues_b | {"unjustified_complaints"}) else "A"
    if held & {"empty_promises", "talker", "unjustified_complaints"}:
        return "C"
    if "potential" in held:
        return "B"
    return "C" if "low_revenue_high_effort" in held else "B"


@settings(max_examples=80, deadline=None)
@given(portfolios())
def test_the_analysis_agrees_with_a_record_by_record_reference(portfolio):
    result = run(portfolio)
    for cid, (revenue, cost, reasons, group, exit_candidate) in expected(portfolio).items():
        customer = result.customer(cid)
        assert customer.metrics["revenue"] == revenue
        assert customer.metrics["cost"] == cost
        assert customer.reasons == reasons
        assert customer.group == group
        assert customer.exit_candidate == exit_candidate
