"""The time budget: customer time in the period per group against the targets.

Customer time is method.md's effort (time entries plus untracked interaction minutes).
The minutes of unplanned interactions (planned = false), tracked or not, count as
"spontaneous" instead of in their customer's group, capped at that customer's effort (a
tracked interaction's minutes are inside the time entries; the cap keeps inconsistent
data from making a group's time negative). Customers without a group (inactive, not
close to heart) are left out of A, B and C: their time goes to `ungrouped_hours` in the
result's totals, and it is 0 by construction, since an inactive customer has no time
entries or interactions in the period. actual_share is a line's hours over all customer
hours, ungrouped included (0 when there are none).
"""

from __future__ import annotations

from dataclasses import dataclass

import polars as pl

from kundenwert.analysis.metrics import CMIN_PER_HOUR
from kundenwert.analysis.settings import AnalysisSettings

BUDGET_KEYS = ("A", "B", "C", "spontaneous")
UNGROUPED = "ungrouped"


@dataclass(frozen=True)
class BudgetLine:
    target: float  # share of customer time, 0..1
    actual_hours: float
    actual_share: float


def targets(settings: AnalysisSettings) -> dict[str, float]:
    return {
        "A": settings.budget_a,
        "B": settings.budget_b,
        "C": settings.budget_c,
        "spontaneous": settings.budget_spontaneous,
    }


def time_budget(
    frame: pl.DataFrame, settings: AnalysisSettings
) -> tuple[dict[str, BudgetLine], float]:
    """The four budget lines of method.md, and the ungrouped hours."""
    per_group = frame.group_by("group").agg(
        planned=(pl.col("effort_cmin") - pl.col("spontaneous_cmin")).sum(),
        spontaneous=pl.col("spontaneous_cmin").sum(),
    )
    cmin = {key: 0 for key in (*BUDGET_KEYS, UNGROUPED)}
    for group, planned, spontaneous in per_group.iter_rows():
        cmin[group or UNGROUPED] += planned
        cmin["spontaneous"] += spontaneous
    total = sum(cmin.values())
    lines = {
        key: BudgetLine(
            target=target,
            actual_hours=cmin[key] / CMIN_PER_HOUR,
            actual_share=cmin[key] / total if total else 0.0,
        )
        for key, target in targets(settings).items()
    }
    return lines, cmin[UNGROUPED] / CMIN_PER_HOUR
