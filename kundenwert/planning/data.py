"""The database as the planning features need it, built from the shared parts.

The portfolio comes from `kundenwert.exchange.loader`, the groups from the analysis as of
the date (its default period, with the stored analysis settings; the web pages take both
from the analysis snapshot of `kundenwert.customers.analysis_service`), the birthdays from the
contacts, and the owner's states from `FollowupState`. The pure engine
(`kundenwert.followups`) and the pure reports (budget.py, channels.py) do the rest.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from functools import cached_property

from django.db.models import Q, QuerySet

from kundenwert.analysis import AnalysisResult, Period, analyze
from kundenwert.customers.analysis_service import Snapshot
from kundenwert.customers.models import Contact
from kundenwert.exchange.loader import load_for_analysis, load_portfolio
from kundenwert.followups import (
    Birthday,
    Followup,
    FollowupInput,
    FollowupSettings,
    State,
    find_followups,
    input_from_analysis,
    open_followups,
    shows_on,
)
from kundenwert.planning.models import FollowupState, Task
from kundenwert.portfolio import Portfolio
from kundenwert.workspace.services import analysis_settings, get_settings


@dataclass(frozen=True, eq=False)
class PlanningData:
    as_of: date
    portfolio: Portfolio
    analysis: AnalysisResult  # the groups as of `as_of`

    @cached_property
    def settings(self) -> FollowupSettings:
        return get_settings().followup_settings()

    @cached_property
    def followup_input(self) -> FollowupInput:
        return input_from_analysis(self.portfolio, self.analysis, load_birthdays())

    def open_followups(self, until: date | None = None) -> list[Followup]:
        """method.md section 4: due by the date (or `until`) and still open."""
        return open_followups(
            self.followup_input, self.as_of, self.settings, load_states(), until=until
        )

    def followups_by_day(self, until: date) -> list[tuple[Followup, date]]:
        """Each follow-up that shows by `until`, with the day it shows (overdue: the as-of date)."""
        states = load_states()
        found = find_followups(self.followup_input, self.as_of, self.settings, until)
        shown = ((item, shows_on(item, states)) for item in found)
        return [(item, max(day, self.as_of)) for item, day in shown if day and day <= until]

    @cached_property
    def groups(self) -> dict[str, str | None]:
        frame = self.analysis.frame
        return dict(zip(frame["id"], frame["group"], strict=True))


# What the follow-up engine reads: no time entries, the largest table by far.
FOLLOWUP_TABLES = ("customers", "invoices", "interactions", "offers", "deliveries")


def load_planning_data(as_of: date, tables: Sequence[str] | None = None) -> PlanningData:
    """The planning data as of the date, with the `tables` given (default all).

    Raises AnalysisError when the invoices need a currency choice (see the analysis).
    """
    settings = analysis_settings()
    period = Period.ending(as_of, settings.period_days)
    analysis = analyze(load_for_analysis(period), settings, as_of, period)
    return PlanningData(as_of, load_portfolio(tables=tables), analysis)


def open_followups_on(as_of: date) -> list[Followup]:
    """method.md section 4's list as of the date, worked out afresh (commands, reports)."""
    return load_planning_data(as_of, FOLLOWUP_TABLES).open_followups()


def current_open_followups(snapshot: Snapshot) -> list[Followup]:
    """The web pages' list as of the snapshot's date, kept with its analysis.

    A done, snoozed or dismissed follow-up is written through the planning services, whose
    change record starts a new snapshot, so a kept list is never stale.
    """
    return snapshot.memo("followups", lambda: _snapshot_data(snapshot).open_followups())


def current_planning_data(snapshot: Snapshot) -> PlanningData:
    """The follow-up data of the snapshot's date, loaded once per snapshot."""
    return snapshot.memo("planning data", lambda: _snapshot_data(snapshot))


def _snapshot_data(snapshot: Snapshot) -> PlanningData:
    if snapshot.current is None:
        raise snapshot.refusal("no analysis")
    portfolio = load_portfolio(tables=FOLLOWUP_TABLES)
    return PlanningData(snapshot.as_of, portfolio, snapshot.current)


def load_states() -> dict[str, State]:
    rows = FollowupState.objects.values_list("cause", "status", "snoozed_until")
    return {cause: State(status, until) for cause, status, until in rows}


def load_birthdays() -> list[Birthday]:
    rows = Contact.objects.filter(birthday__isnull=False).values_list(
        "customer__number", "name", "birthday"
    )
    return [Birthday(number, name, day) for number, name, day in rows]


def tasks_for(user) -> QuerySet[Task]:
    """The tasks a user plans with: their own; for an owner also the unassigned ones.

    Staff never see another person's tasks, and neither do owners (a one-installation
    product still has one plan per person).
    """
    if user is None:  # the command line without an account: the unassigned tasks
        return Task.objects.filter(assigned_to__isnull=True)
    mine = Q(assigned_to=user)
    if user.is_owner:
        mine |= Q(assigned_to__isnull=True)
    return Task.objects.filter(mine)
