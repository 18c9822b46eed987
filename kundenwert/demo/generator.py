"""The demo portfolio: about 60 invented German small-business customers with two to
three years of history, built so that the analysis shows every group, every reason code
and some exit candidates (see archetypes.py for who shows what).

Deterministic: the same as-of date and seed give the same frames, row for row.
"""

from __future__ import annotations

from datetime import date
from random import Random

from kundenwert.demo.builders import CustomerBuilder
from kundenwert.demo.catalogue import CATALOGUE, phone_numbers
from kundenwert.demo.plan import Calendar, plan_customers
from kundenwert.demo.records import Records
from kundenwert.portfolio import Portfolio
from kundenwert.portfolio.schema import INVOICES, OFFERS

DEMO_SEED = 2026

# Which archetype each demo customer stands for, by id (for docs and tests).
ARCHETYPE_BY_ID: dict[str, str] = {spec.id: spec.archetype for spec in CATALOGUE}


def generate_demo(as_of: date, seed: int = DEMO_SEED) -> Portfolio:
    calendar = Calendar.ending(as_of)
    plans = plan_customers(calendar, _rng(seed, as_of, "plan"))
    phones = phone_numbers(_rng(seed, as_of, "phones"))
    records = Records()
    for plan in plans:
        # One generator per customer, so each customer's records depend only on its own
        # draws and stay the same when another customer's archetype is tuned.
        rng = _rng(seed, as_of, plan.spec.id)
        CustomerBuilder(plan, calendar, rng, records, phones[plan.spec.id]).build()
    records.number(INVOICES, "issue_date", "RE")
    records.number(OFFERS, "sent_date", "AN")
    return Portfolio.from_frames(records.frames())


def _rng(seed: int, as_of: date, purpose: str) -> Random:
    # String seeds are hashed with SHA-512 by `random`, independent of PYTHONHASHSEED.
    return Random(f"kundenwert-demo/{seed}/{as_of.isoformat()}/{purpose}")
