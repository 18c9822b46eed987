"""The customer archetypes of the demo: who shows which part of the method.

Each demo customer is one archetype. The archetype fixes the habits that decide its
group (method.md, section 2) with a margin: the effort ratio band keeps clear of the 1.5
limit, a late payer pays 20+ days late (limit 14), a talker's unplanned calls take about
a third of its effort (limit 20 %), and so on. Random variation stays inside these bands,
so every seed gives the same groups and reasons.

Counts (`unplanned_calls` etc.) are per year and are drawn for the analysis period; an
earlier stretch of history gets them scaled to its length.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

# Where a customer's period revenue comes from: the few big customers that together make
# up the first 80 % of revenue, the many small ones, or none at all.
HIGH, LOW, LEAD, INACTIVE = "high", "low", "lead", "inactive"


@dataclass(frozen=True)
class Archetype:
    key: str
    group: str | None  # the group the analysis must arrive at with default settings
    codes: tuple[str, ...]  # reason codes this archetype exists to show
    tier: str  # HIGH | LOW | LEAD | INACTIVE
    exit_candidate: bool = False
    status: str = "active"
    effort_ratio: tuple[float, float] = (0.7, 1.05)  # planned effort share / revenue share
    invoices_per_year: tuple[int, int] = (2, 4)
    payment: str = "normal"  # normal | prompt | slow | severe
    unplanned_calls: tuple[int, int] = (0, 2)  # per year; non-talkers stay below 5
    price_negotiations: tuple[int, int] = (0, 0)
    out_of_scope: tuple[int, int] = (0, 1)
    unjustified_complaints: tuple[int, int] = (0, 0)
    rude_contacts: tuple[int, int] = (0, 0)
    contacts_per_year: tuple[int, int] = (5, 9)
    offers: str = "normal"  # normal | empty | lead | lead_empty | none
    offers_per_year: tuple[int, int] = (0, 1)
    odd_hours: float = 0.0  # share of time entries in the evening or at the weekend

    @property
    def rude(self) -> bool:
        return self.rude_contacts[1] > 0


def _big(key: str, group: str, codes: tuple[str, ...], **habits: Any) -> Archetype:
    """A big customer: invoiced almost monthly, in frequent contact, a few offers a year."""
    usual = {"invoices_per_year": (8, 12), "contacts_per_year": (22, 34), "offers_per_year": (2, 4)}
    return Archetype(key, group, codes, HIGH, **(usual | habits))


ARCHETYPES: dict[str, Archetype] = {
    a.key: a
    for a in (
        # --- the big customers (together about 83 % of revenue) ---
        _big(
            "anchor",
            "A",
            ("high_revenue", "proportional_effort"),
            unplanned_calls=(1, 4),
        ),
        _big(
            "useful_anchor",
            "A",
            ("high_revenue", "proportional_effort", "useful"),
            payment="prompt",
        ),
        _big(
            "overloaded",
            "B",
            ("high_revenue", "disproportionate_effort"),
            effort_ratio=(2.2, 2.6),
            out_of_scope=(4, 6),
            unplanned_calls=(2, 4),
            odd_hours=0.3,
        ),
        _big(
            "late_payer_severe",
            "B",
            ("high_revenue", "proportional_effort", "late_payer"),
            exit_candidate=True,  # 35-60 days late on average: beyond the 30-day exit limit
            payment="severe",
        ),
        _big(
            "late_payer",
            "B",
            ("high_revenue", "proportional_effort", "late_payer"),
            payment="slow",  # 20-28 days late: a late payer, but not an exit candidate
        ),
        _big(
            "haggler",
            "B",
            ("high_revenue", "proportional_effort", "haggler"),
            price_negotiations=(3, 5),
        ),
        _big(
            "complainer_big",
            "B",
            ("high_revenue", "proportional_effort", "unjustified_complaints"),
            exit_candidate=True,
            unjustified_complaints=(2, 3),
        ),
        # --- the many small customers (together about 17 % of revenue) ---
        Archetype("small_steady", "B", (), LOW, effort_ratio=(0.6, 1.1)),
        Archetype("useful_small", "B", ("useful",), LOW),
        Archetype("potential", "B", ("potential",), LOW, effort_ratio=(0.8, 1.15)),
        Archetype("heart", "A", ("heart",), LOW),
        Archetype(
            "drain",
            "C",
            ("low_revenue_high_effort",),
            LOW,
            exit_candidate=True,
            effort_ratio=(2.7, 3.4),
            out_of_scope=(3, 5),
            contacts_per_year=(9, 14),
        ),
        Archetype(
            "talker",
            "C",
            ("talker",),
            LOW,
            exit_candidate=True,
            effort_ratio=(1.0, 1.2),
            unplanned_calls=(13, 16),
            out_of_scope=(1, 2),
        ),
        Archetype(
            "empty_promises",
            "C",
            ("empty_promises",),
            LOW,
            exit_candidate=True,
            offers="empty",
        ),
        Archetype(
            "complainer",
            "C",
            ("unjustified_complaints",),
            LOW,
            exit_candidate=True,
            effort_ratio=(0.9, 1.2),
            unjustified_complaints=(3, 4),
        ),
        Archetype(
            "rude",
            "C",
            ("rude",),
            LOW,
            exit_candidate=True,
            effort_ratio=(0.9, 1.2),
            rude_contacts=(5, 6),
        ),
        # A hand-set group: the analysis must keep the owner's choice.
        Archetype("override_a", "A", (), LOW),
        Archetype("override_c", "C", (), LOW, exit_candidate=True, effort_ratio=(0.8, 1.1)),
        # --- leads: no revenue yet ---
        Archetype(
            "lead",
            "B",
            ("potential",),
            LEAD,
            status="lead",
            offers="lead",
            contacts_per_year=(3, 5),
            out_of_scope=(0, 0),
        ),
        Archetype(
            "lead_empty",
            "C",
            ("empty_promises",),
            LEAD,
            exit_candidate=True,
            status="lead",
            offers="lead_empty",
            contacts_per_year=(4, 6),
            out_of_scope=(0, 0),
        ),
        # --- nothing in the period ---
        Archetype("ended", None, ("inactive",), INACTIVE, status="ended"),
        Archetype("dormant", None, ("inactive",), INACTIVE),
        Archetype("heart_dormant", "A", ("inactive", "heart"), INACTIVE),
    )
}

# Both late payers pay late in every stretch of their history: it is a habit.
SLOW_LATE_DAYS = (20, 28)
SEVERE_LATE_DAYS = (35, 60)
NORMAL_PAY_DAYS = (-5, 7)  # relative to the due date; never beyond the 14-day limit
PROMPT_PAY_DAYS = (-12, 0)
