"""Small helpers for the engine tests: a portfolio from rows, standings, one call to run."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from kundenwert.followups import (
    Birthday,
    FollowupInput,
    FollowupSettings,
    Standing,
    State,
    open_followups,
)
from kundenwert.portfolio import Portfolio
from tests.analysis.builders import make_portfolio  # noqa: F401  (re-exported for tests)

DAY0 = date(2026, 3, 2)  # a Monday


def standings(**groups: str | None) -> dict[str, Standing]:
    """standings(K1="A", K2="C") -> {"K1": Standing("A"), …}."""
    return {customer_id: Standing(group) for customer_id, group in groups.items()}


def run(
    portfolio: Portfolio,
    as_of: date,
    *,
    groups: Mapping[str, Standing] | None = None,
    birthdays: tuple[Birthday, ...] = (),
    states: Mapping[str, State] | None = None,
    **settings: int | float,
):
    data = FollowupInput(portfolio, groups or {}, birthdays)
    return open_followups(data, as_of, FollowupSettings(**settings), states or {})


def kinds(items) -> list[tuple[str, date, str | None]]:
    return [(item.kind, item.due, item.ref) for item in items]
