"""The engine: every rule over one portfolio, then the owner's states, then the order.

    data = FollowupInput(portfolio, standings_from_analysis(result), birthdays)
    items = open_followups(data, as_of, FollowupSettings(), states)

`find_followups` gives what the rules say as of the as-of date; `open_followups` leaves out
what is done, dismissed or snoozed past the as-of date (method.md section 4). Both list
follow-ups due on or before `until` (default: the as-of date), sorted by due date, then
kind, customer id and ref. A later `until` previews the coming ones (the calendar feed)
as the data stands on the as-of date.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date

from kundenwert.analysis import AnalysisResult, AnalysisSettings, analyze
from kundenwert.followups.cadence import cadence_followups
from kundenwert.followups.deliveries import delivery_followups
from kundenwert.followups.items import APPRECIATION_KINDS, Birthday, Followup, Standing, State
from kundenwert.followups.occasions import (
    anniversary_followups,
    birthday_followups,
    present_followups,
)
from kundenwert.followups.offers import offer_followups
from kundenwert.followups.rules import Context
from kundenwert.followups.settings import FollowupSettings
from kundenwert.followups.thanks import thanks_followups
from kundenwert.portfolio import Portfolio

# How much a kind weighs on the daily plan: 1 = most important. Money on the table first,
# then keeping relationships alive, then the gestures; an A customer's one step up.
KIND_IMPORTANCE = {"offer_checkin": 1, "offer_expired": 1, "delivery_checkin": 2, "cadence": 2}
APPRECIATION_IMPORTANCE = 3


@dataclass(frozen=True)
class FollowupInput:
    portfolio: Portfolio
    standings: Mapping[str, Standing]  # customer id -> group and inactivity as of the date
    birthdays: Sequence[Birthday] = ()
    payment_terms_days: int = 14  # the analysis setting, for invoices without due date


def find_followups(
    data: FollowupInput, as_of: date, settings: FollowupSettings, until: date | None = None
) -> list[Followup]:
    ctx = _context(data, as_of, settings, until or as_of)
    items = [_weighed(item, settings) for item in _all_rules(data, ctx) if item.due <= ctx.until]
    return sorted(items, key=Followup.sort_key)


def open_followups(
    data: FollowupInput,
    as_of: date,
    settings: FollowupSettings,
    states: Mapping[str, State],
    until: date | None = None,
) -> list[Followup]:
    """The follow-ups still open on `until` (default the as-of date): not done, not dismissed,
    and not snoozed past it."""
    end = until or as_of
    return [
        item
        for item in find_followups(data, as_of, settings, end)
        if (shown := shows_on(item, states)) is not None and shown <= end
    ]


def shows_on(item: Followup, states: Mapping[str, State]) -> date | None:
    """The day a follow-up shows: its due date, a snoozed one's date, None when it is over."""
    state = states.get(item.cause)
    return item.due if state is None else state.shows_on(item.due)


def standings_from_analysis(result: AnalysisResult) -> dict[str, Standing]:
    frame = result.frame.select("id", "group", "reasons")
    return {
        customer_id: Standing(group, "inactive" in reasons)
        for customer_id, group, reasons in frame.iter_rows()
    }


def input_from_portfolio(
    portfolio: Portfolio,
    analysis_settings: AnalysisSettings,
    as_of: date,
    birthdays: Iterable[Birthday] = (),
) -> FollowupInput:
    """The engine's input with the groups of the analysis as of `as_of` (its default period).

    Raises the analysis' errors (AnalysisError) when the portfolio cannot be analysed.
    """
    return input_from_analysis(portfolio, analyze(portfolio, analysis_settings, as_of), birthdays)


def input_from_analysis(
    portfolio: Portfolio, result: AnalysisResult, birthdays: Iterable[Birthday] = ()
) -> FollowupInput:
    """The engine's input from an analysis of `portfolio` that was already run."""
    return FollowupInput(
        portfolio=portfolio,
        standings=standings_from_analysis(result),
        birthdays=tuple(birthdays),
        payment_terms_days=result.settings.payment_terms_days,
    )


def _context(data: FollowupInput, as_of: date, settings: FollowupSettings, until: date) -> Context:
    customers = data.portfolio.customers
    return Context(
        as_of=as_of,
        until=max(until, as_of),
        settings=settings,
        names=dict(zip(customers["id"], customers["name"], strict=True)),
        statuses=dict(zip(customers["id"], customers["status"], strict=True)),
        standings=data.standings,
        payment_terms_days=data.payment_terms_days,
    )


def _all_rules(data: FollowupInput, ctx: Context) -> Iterable[Followup]:
    portfolio = data.portfolio
    yield from offer_followups(portfolio.offers, ctx)
    yield from delivery_followups(portfolio.deliveries, ctx)
    yield from cadence_followups(list(ctx.names), portfolio.interactions, ctx)
    yield from thanks_followups(portfolio.invoices, ctx)
    yield from anniversary_followups(portfolio.customers, ctx)
    yield from birthday_followups(data.birthdays, ctx)
    yield from present_followups(ctx)


def _weighed(item: Followup, settings: FollowupSettings) -> Followup:
    importance = KIND_IMPORTANCE.get(item.kind, APPRECIATION_IMPORTANCE)
    if item.group == "A":
        importance = max(1, importance - 1)
    return replace(item, importance=importance, minutes=estimate_minutes(item.kind, settings))


def estimate_minutes(kind: str, settings: FollowupSettings) -> int:
    if kind == "cadence":
        return settings.minutes_cadence
    if kind == "present":
        return settings.minutes_present
    if kind in APPRECIATION_KINDS:
        return settings.minutes_thanks
    return settings.minutes_checkin
