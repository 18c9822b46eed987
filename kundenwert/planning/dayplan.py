"""The daily plan: one list of tasks and follow-ups by importance, and the day's capacity.

The method keeps 30–50 % of the working day free for the unforeseen. So the capacity bar
compares the planned minutes (the open tasks due today or earlier, and the open follow-ups
due today or earlier, each with its estimate) with the working day: up to 50 % planned is
fine; past 50 % a notice (the buffer is shrinking); past 70 % a warning (less than 30 % is
left for the unforeseen). Both shares are settings. Work already done is off the plan.

In the last ten minutes of the working day (a setting, like the day's end) and after it,
until midnight, the page asks to plan tomorrow. Pure: no Django.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from typing import Any

from kundenwert.followups import Followup, FollowupSettings

OK, NOTICE, WARNING = "ok", "notice", "warning"


@dataclass(frozen=True)
class PlanItem:
    importance: int  # 1 = most important … 3
    due: date | None
    title: str
    minutes: int
    task: Any = None  # a planning.models.Task
    followup: Followup | None = None

    def sort_key(self) -> tuple[int, date, str]:
        return (self.importance, self.due or date.max, self.title)


def plan_items(tasks: Iterable[Any], followups: Iterable[Followup]) -> list[PlanItem]:
    """Tasks (anything with title, importance, due_date, estimate_minutes) and follow-ups,
    the most important first, then the earliest due."""
    items = [PlanItem(t.importance, t.due_date, t.title, t.estimate_minutes, task=t) for t in tasks]
    items += [PlanItem(f.importance, f.due, f.customer, f.minutes, followup=f) for f in followups]
    return sorted(items, key=PlanItem.sort_key)


@dataclass(frozen=True)
class Capacity:
    planned_minutes: int
    day_minutes: int
    notice_share: float
    warning_share: float

    @property
    def share(self) -> float:
        return self.planned_minutes / self.day_minutes if self.day_minutes else 1.0

    @property
    def level(self) -> str:
        if self.share > self.warning_share:
            return WARNING
        return NOTICE if self.share > self.notice_share else OK

    @property
    def free_minutes(self) -> int:
        return max(0, self.day_minutes - self.planned_minutes)

    @property
    def notice_minutes(self) -> int:
        return round(self.day_minutes * self.notice_share)

    @property
    def warning_minutes(self) -> int:
        return round(self.day_minutes * self.warning_share)


def capacity(items: Iterable[PlanItem], day_hours: Decimal, settings: FollowupSettings) -> Capacity:
    return Capacity(
        planned_minutes=sum(item.minutes for item in items),
        day_minutes=int(Decimal(day_hours) * 60),
        notice_share=settings.capacity_notice_share,
        warning_share=settings.capacity_warning_share,
    )


def time_to_plan_tomorrow(now: datetime, day_end: time, settings: FollowupSettings) -> bool:
    """From `plan_tomorrow_minutes` before the day's end until midnight (local times)."""
    end = datetime.combine(now.date(), day_end)
    start = end - timedelta(minutes=settings.plan_tomorrow_minutes)
    return now.replace(tzinfo=None) >= start
