"""Every number the patterns work with, with its default (docs/kaizen-and-exits.md).

The same dataclass validates the values the owner stores (kaizen.KaizenSettings.patterns),
so a default is written once, here.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, fields, replace


class PatternSettingsError(ValueError):
    """A pattern setting that cannot be used; the message names the key and the value."""


@dataclass(frozen=True)
class PatternSettings:
    # What counts as work at odd hours: a time entry that starts on a Saturday or Sunday,
    # at or after `evening_from_hour`, or before `night_until_hour` (past midnight).
    evening_from_hour: int = 20
    night_until_hour: int = 6
    # The customer page shows this many calendar quarters, the latest one holding as-of.
    quarters: int = 8
    # A trend compares the latest complete quarter with the mean of up to this many
    # complete quarters before it.
    trend_quarters: int = 3
    # A share of hours rests on at least this many hours, or it is "too little data".
    min_hours: float = 5.0
    # The cross-customer list: a customer is listed when its figure over the analysis
    # period reaches the limit (mood: falls to it, with at least `mood_ratings_min`).
    odd_hours_share_min: float = 0.10
    unbilled_share_min: float = 0.15
    discount_share_min: float = 0.03
    out_of_scope_min: int = 4
    days_late_min: float = 14.0
    unplanned_call_share_min: float = 0.20
    mood_max: float = -1.0
    mood_ratings_min: int = 3
    # A figure moved when it changed by at least this much (shares in fractions: 0.05 is
    # five percentage points).
    share_moved_by: float = 0.05
    count_moved_by: int = 1
    days_moved_by: float = 3.0
    mood_moved_by: float = 0.5
    # Before/after windows of a kaizen step, and the watch after a relationship talk.
    measure_window_days: int = 90
    watch_window_days: int = 90
    talk_watch_days: int = 180

    def __post_init__(self) -> None:
        if not 0 <= self.night_until_hour <= self.evening_from_hour <= 24:
            raise PatternSettingsError(
                "night_until_hour must not be after evening_from_hour (both 0-24)"
            )
        for name in ("quarters", "trend_quarters", "measure_window_days", "watch_window_days"):
            if getattr(self, name) < 1:
                raise PatternSettingsError(f"{name} must be at least 1")

    def as_json(self) -> dict[str, int | float]:
        return asdict(self)

    def updated(self, values: dict[str, object]) -> PatternSettings:
        """A copy with `values` applied, each converted to the field's type or rejected."""
        changes = {key: _coerce(key, value) for key, value in values.items()}
        # _coerce gives each field its type (int or float), which mypy cannot tell by key.
        return replace(self, **changes)  # type: ignore[arg-type]


FIELD_TYPES = {f.name: f.type for f in fields(PatternSettings)}


def _coerce(key: str, value: object) -> int | float:
    if key not in FIELD_TYPES:
        raise PatternSettingsError(f"unknown pattern setting '{key}'")
    try:
        if isinstance(value, bool):
            raise ValueError
        number = float(value)  # type: ignore[arg-type]
        if FIELD_TYPES[key] == "int":
            if number != int(number):
                raise ValueError
            result: int | float = int(number)
        else:
            result = number
    except (TypeError, ValueError):
        raise PatternSettingsError(f"{key}: '{value}' is not a valid {FIELD_TYPES[key]}") from None
    if result < 0 and key != "mood_max":
        raise PatternSettingsError(f"{key}: '{value}' must not be negative")
    return result
