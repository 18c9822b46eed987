"""What every rule module receives, and small date helpers they share."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta

from kundenwert.followups.items import Standing
from kundenwert.followups.settings import FollowupSettings

ONE_DAY = timedelta(days=1)


@dataclass(frozen=True)
class Context:
    """The as-of date, the window of due dates to report, and each customer's facts."""

    as_of: date
    until: date  # the last due date to report (the as-of date, or later for the calendar)
    settings: FollowupSettings
    names: Mapping[str, str]  # customer id -> name
    statuses: Mapping[str, str]  # customer id -> lead | active | ended
    standings: Mapping[str, Standing]
    payment_terms_days: int = 14  # the analysis setting: due date of an invoice without one

    def group(self, customer_id: str) -> str | None:
        standing = self.standings.get(customer_id)
        return standing.group if standing else None

    def is_ended(self, customer_id: str) -> bool:
        return self.statuses.get(customer_id) == "ended"

    def appreciates(self, customer_id: str) -> bool:
        """Appreciation goes to A and B customers that have not ended (docs/followups.md)."""
        return self.group(customer_id) in ("A", "B") and not self.is_ended(customer_id)

    @property
    def appreciation_from(self) -> date:
        """The earliest due date of a thank-you still worth saying."""
        return self.as_of - timedelta(days=self.settings.appreciation_open_days)

    def in_appreciation_window(self, day: date) -> bool:
        return self.appreciation_from <= day <= self.until


def same_day_in(year: int, day: date) -> date:
    """`day`'s day and month in `year`; 29 February becomes 28 February in other years."""
    try:
        return day.replace(year=year)
    except ValueError:
        return date(year, 2, 28)


def yearly_dates(day: date, start: date, end: date) -> list[date]:
    """Every yearly recurrence of `day`'s day and month from `start` to `end`."""
    candidates = (same_day_in(year, day) for year in range(start.year, end.year + 1))
    return [d for d in candidates if start <= d <= end]
