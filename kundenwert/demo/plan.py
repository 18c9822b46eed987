"""The money-and-hours plan of the demo, fixed before any record is drawn.

Groups depend on shares of revenue and effort, so they cannot be left to chance: each
customer first gets an exact net revenue and an effort budget per stretch of time
(`Window`), and the record builders then realise these figures exactly (invoices sum to
the revenue to the cent, time entries fill the effort budget in 15-minute steps).

The big customers share 83 % of the period's revenue and the smallest of them still has
over 5 %, so the 80 % line of `high_revenue` always falls inside the big tier with a margin
of a few percent either side.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from random import Random

from kundenwert.demo.archetypes import ARCHETYPES, HIGH, INACTIVE, LEAD, LOW, Archetype
from kundenwert.demo.catalogue import CATALOGUE, CustomerSpec

TOTAL_REVENUE = 380_000  # EUR net in the analysis period, before a ±5 % wobble
HIGH_TIER_SHARE = 0.83
TIER_SPREAD = {HIGH: 0.08, LOW: 0.25}  # random spread of each customer's weight
AVERAGE_RATE = 105  # EUR of revenue per effort hour across the portfolio
PERIOD_DAYS = 365  # the default analysis period (settings.period_days)


@dataclass(frozen=True)
class Calendar:
    as_of: date
    period_from: date  # first day of the default analysis period
    history_start: date  # 1 January, 2-3 years back: invoice numbers restart per year

    @classmethod
    def ending(cls, as_of: date) -> Calendar:
        period_from = as_of - timedelta(days=PERIOD_DAYS - 1)
        history_start = date((as_of - timedelta(days=800)).year, 1, 1)
        return cls(as_of, period_from, history_start)


@dataclass(frozen=True)
class Window:
    """A stretch of a customer's history with its planned net revenue and effort."""

    start: date
    end: date
    in_period: bool
    revenue: Decimal  # net invoiced in the window, credit notes included
    effort_minutes: int  # time entries plus untracked contact minutes

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    @property
    def years(self) -> float:
        return self.days / 365


@dataclass(frozen=True)
class CustomerPlan:
    spec: CustomerSpec
    archetype: Archetype
    since: date | None
    effort_ratio: float
    yearly_revenue: Decimal  # the customer's usual size, also used for offer amounts
    windows: tuple[Window, ...]  # in time order


def plan_customers(calendar: Calendar, rng: Random) -> list[CustomerPlan]:
    total = TOTAL_REVENUE * rng.uniform(0.95, 1.05)
    shares = tier_shares(rng)
    low_weight = sum(s.weight for s in CATALOGUE if ARCHETYPES[s.archetype].tier == LOW)
    plans = []
    for position, spec in enumerate(CATALOGUE):
        archetype = ARCHETYPES[spec.archetype]
        # Inactive customers have no share of the period; size them like small customers.
        share = shares.get(spec.id, (1 - HIGH_TIER_SHARE) * spec.weight / low_weight)
        yearly = money(total * share)
        since = None if archetype.tier == LEAD else since_date(position, calendar, rng)
        ratio = rng.uniform(*archetype.effort_ratio)
        windows = plan_windows(archetype, since, yearly, ratio, calendar, rng)
        plans.append(CustomerPlan(spec, archetype, since, ratio, yearly, windows))
    return plans


def tier_shares(rng: Random) -> dict[str, float]:
    """Each paying customer's share of the period revenue; tiers sum to fixed totals."""
    shares: dict[str, float] = {}
    for tier, tier_share in ((HIGH, HIGH_TIER_SHARE), (LOW, 1 - HIGH_TIER_SHARE)):
        spread = TIER_SPREAD[tier]
        weights = {
            s.id: s.weight * rng.uniform(1 - spread, 1 + spread)
            for s in CATALOGUE
            if ARCHETYPES[s.archetype].tier == tier
        }
        norm = sum(weights.values())
        shares.update({cid: tier_share * w / norm for cid, w in weights.items()})
    return shares


def since_date(position: int, calendar: Calendar, rng: Random) -> date:
    """Older ids are older customers: K-1001 about ten years, the newest a few months."""
    days = round((10.5 - 0.18 * position) * 365) + rng.randint(-25, 25)
    return calendar.as_of - timedelta(days=days)


def plan_windows(
    archetype: Archetype,
    since: date | None,
    yearly: Decimal,
    ratio: float,
    calendar: Calendar,
    rng: Random,
) -> tuple[Window, ...]:
    if archetype.tier == LEAD:
        # A lead's few contacts and offers fall into the last months, all inside the period.
        days_back = 330 if archetype.offers == "lead_empty" else rng.randint(90, 200)
        start = calendar.as_of - timedelta(days=days_back)
        return (Window(start, calendar.as_of, True, Decimal(0), 0),)
    assert since is not None
    first = max(since, calendar.history_start)
    if archetype.tier == INACTIVE:
        # Nothing in the period: the last record lies one to eight months before it.
        gap = rng.randint(30, 240)
        end = calendar.period_from - timedelta(days=gap)
        return (history_window(first, end, yearly, ratio, rng),)
    windows = []
    if first < calendar.period_from:
        end = calendar.period_from - timedelta(days=1)
        windows.append(history_window(first, end, yearly, ratio, rng))
    start = max(since, calendar.period_from)
    windows.append(Window(start, calendar.as_of, True, yearly, effort_for(yearly, ratio)))
    return tuple(windows)


def history_window(start: date, end: date, yearly: Decimal, ratio: float, rng: Random) -> Window:
    """Earlier years: the same habits at 70-100 % of today's volume (the business grew)."""
    years = ((end - start).days + 1) / 365
    revenue = money(float(yearly) * years * rng.uniform(0.7, 1.0))
    return Window(start, end, False, revenue, effort_for(revenue, ratio))


def effort_for(revenue: Decimal, ratio: float) -> int:
    """Minutes of effort, in 15-minute steps, that give `ratio` against the average rate."""
    minutes = ratio * float(revenue) / AVERAGE_RATE * 60
    return int(minutes // 15) * 15


def money(value: float | Decimal) -> Decimal:
    return Decimal(str(value)).quantize(Decimal("0.01"))
