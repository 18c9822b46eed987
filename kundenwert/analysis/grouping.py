"""The grouping order of method.md as data: the first rule that matches decides.

Each rule is (condition, group, deciding code). For method.md's "any of" rules there is
one rule per criterion in method.md's order, so the deciding code is the first of them
that holds. The customer's status (lead, active, ended) does not change the grouping: the
group says how the customer was over the period, and an ended relationship is still
worth looking back on (follow-ups leave ended customers out, not the analysis).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import polars as pl

from kundenwert.analysis.criteria import holds, with_code_list
from kundenwert.analysis.metrics import exact_ratio
from kundenwert.analysis.settings import AnalysisSettings

if TYPE_CHECKING:
    from polars.expr.whenthen import ChainedThen, Then

GROUPS = ("A", "B", "C")
OVERRIDE = "override"  # deciding code of a group set by hand
SMALL_STEADY = "small_steady"  # deciding code of a small customer without issues
EXIT_CODES = ("group_c", "unjustified_complaints", "late_payer")

Rule = tuple[pl.Expr, pl.Expr, str]


def grouping_rules() -> list[Rule]:
    """method.md's grouping order, step by step."""
    high = holds("high_revenue")
    override = pl.col("group_override")

    def to(group: str | None) -> pl.Expr:
        return pl.lit(group, dtype=pl.String)

    return [
        (override.is_in(GROUPS), override, OVERRIDE),  # 1
        (holds("inactive") & ~holds("heart"), to(None), "inactive"),  # 2
        (holds("rude"), to("C"), "rude"),  # 3
        (holds("heart"), to("A"), "heart"),  # 4
        (high & holds("useful"), to("A"), "useful"),  # 5.1
        *(
            (high & holds(code), to("B"), code)  # 5.2
            for code in (
                "disproportionate_effort",
                "late_payer",
                "haggler",
                "talker",
                "unjustified_complaints",
            )
        ),
        (high, to("A"), "proportional_effort"),  # 5.3
        *(
            (holds(code), to("C"), code)  # 6.1
            for code in ("empty_promises", "talker", "unjustified_complaints")
        ),
        (holds("potential"), to("B"), "potential"),  # 6.2
        (holds("low_revenue_high_effort"), to("C"), "low_revenue_high_effort"),  # 6.3
        (pl.lit(True), to("B"), SMALL_STEADY),  # 6.4
    ]


def with_groups(frame: pl.DataFrame, settings: AnalysisSettings) -> pl.DataFrame:
    """The frame with `group`, `deciding`, `exit_reasons` and `exit_candidate`."""
    rules = grouping_rules()
    frame = frame.with_columns(
        group=_first_match([(when, group) for when, group, _ in rules]),
        deciding=_first_match([(when, pl.lit(code)) for when, _, code in rules]),
    )
    exits = _exit_conditions(settings)
    listed = [(code, exits[code]) for code in EXIT_CODES]
    return with_code_list(frame, "exit_reasons", listed).with_columns(
        exit_candidate=pl.col("exit_reasons").list.len() > 0
    )


def _first_match(branches: list[tuple[pl.Expr, pl.Expr]]) -> pl.Expr:
    (first_when, first_then), *rest = branches
    chain: Then | ChainedThen = pl.when(first_when).then(first_then)
    for when, then in rest:
        chain = chain.when(when).then(then)
    return chain


def _exit_conditions(settings: AnalysisSettings) -> dict[str, pl.Expr]:
    """Exit candidates (Trennungskandidaten) by cause, see method.md.

    late_payer: a late payer whose invoices were on average `exit_avg_days_late` days
    late or more (mean over invoices with a days_late, early payment counting as 0).
    """
    num, den = exact_ratio(settings.exit_avg_days_late)
    late_on_average = (pl.col("invoices_due") > 0) & (
        pl.col("days_late_sum") * den >= pl.col("invoices_due") * num
    )
    return {
        "group_c": pl.col("group") == "C",
        "unjustified_complaints": holds("unjustified_complaints"),
        "late_payer": holds("late_payer") & late_on_average,
    }
