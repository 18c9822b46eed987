"""The analysis period: a range of calendar days, both ends included.

A record belongs to the period by its date (method.md, section 2). Datetimes (time entry
start, interaction time) are naive wall-clock times, so the period's datetime bounds are
midnight at the start day and midnight after the end day, the end excluded.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from kundenwert.analysis.errors import AnalysisError


@dataclass(frozen=True)
class Period:
    start: date
    end: date

    def __post_init__(self) -> None:
        if self.start > self.end:
            raise AnalysisError(
                f"The period starts on {self.start.isoformat()}, after its end on "
                f"{self.end.isoformat()}."
            )

    @classmethod
    def year(cls, year: int) -> Period:
        """The calendar year, 1 January to 31 December."""
        return cls(date(year, 1, 1), date(year, 12, 31))

    @classmethod
    def ending(cls, as_of: date, days: int = 365) -> Period:
        """The `days` days ending on `as_of`: the default is as_of - 364 .. as_of."""
        if days < 1:
            raise AnalysisError(f"A period needs at least one day, not {days}.")
        return cls(as_of - timedelta(days=days - 1), as_of)

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    @property
    def first_moment(self) -> datetime:
        return datetime.combine(self.start, time.min)

    @property
    def after_last_moment(self) -> datetime:
        """Midnight after the last day: datetimes in the period are strictly before it."""
        return datetime.combine(self.end + timedelta(days=1), time.min)

    def __contains__(self, day: date) -> bool:
        return self.start <= day <= self.end
