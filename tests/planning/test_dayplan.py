"""The daily plan's pure parts: order, capacity levels, the evening prompt."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time
from decimal import Decimal

from kundenwert.followups import Followup, FollowupSettings
from kundenwert.planning.dayplan import (
    NOTICE,
    OK,
    WARNING,
    capacity,
    plan_items,
    time_to_plan_tomorrow,
)

SETTINGS = FollowupSettings()


@dataclass
class FakeTask:
    title: str
    importance: int
    due_date: date | None
    estimate_minutes: int


def followup(importance: int, due: date, minutes: int = 15) -> Followup:
    return Followup(
        "cadence", due, "K1", "Sommer", None, None, importance=importance, minutes=minutes
    )


def test_items_come_by_importance_then_due_date_and_undated_tasks_last():
    items = plan_items(
        [FakeTask("undated", 1, None, 30), FakeTask("later", 2, date(2026, 3, 2), 30)],
        [followup(1, date(2026, 3, 5)), followup(2, date(2026, 3, 1))],
    )

    assert [(i.importance, i.due) for i in items] == [
        (1, date(2026, 3, 5)),
        (1, None),
        (2, date(2026, 3, 1)),
        (2, date(2026, 3, 2)),
    ]


def test_up_to_half_the_day_is_fine_past_half_a_notice_past_70_percent_a_warning():
    def level(minutes: int) -> str:
        items = plan_items([FakeTask("t", 2, None, minutes)], [])
        return capacity(items, Decimal("8"), SETTINGS).level

    assert [level(m) for m in (0, 240, 241, 336, 337)] == [OK, OK, NOTICE, NOTICE, WARNING]


def test_the_evening_prompt_starts_ten_minutes_before_the_day_ends():
    def at(hour: int, minute: int) -> bool:
        return time_to_plan_tomorrow(datetime(2026, 3, 17, hour, minute), time(17), SETTINGS)

    assert [at(16, 49), at(16, 50), at(17, 0), at(22, 0)] == [False, True, True, True]
