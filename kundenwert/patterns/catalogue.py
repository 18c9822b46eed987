"""The seven patterns, each with how it is read: which way is worse, and by how much a
figure must change to count as moved.

| key             | figure                                                   | kind  |
| --------------- | -------------------------------------------------------- | ----- |
| odd_hours       | share of time-entry hours at weekends or late evenings   | share |
| unbilled        | share of time-entry hours not billable                   | share |
| discount        | credit notes / amount invoiced before them               | share |
| out_of_scope    | interactions marked out of scope                         | count |
| days_late       | mean days late of the invoices issued (early = 0)        | days  |
| unplanned_calls | minutes of unplanned inbound calls / effort minutes      | share |
| mood            | mean mood rating, -2 to +2                               | mood  |

For every pattern but mood a higher figure is worse.
"""

from __future__ import annotations

from dataclasses import dataclass

from kundenwert.patterns.settings import PatternSettings

SHARE, COUNT, DAYS, MOOD = "share", "count", "days", "mood"


@dataclass(frozen=True)
class Pattern:
    key: str
    kind: str
    limit_setting: str  # the PatternSettings field of the cross-customer limit

    @property
    def higher_is_worse(self) -> bool:
        return self.kind != MOOD

    def limit(self, settings: PatternSettings) -> float:
        return float(getattr(settings, self.limit_setting))

    def moved_by(self, settings: PatternSettings) -> float:
        return {
            SHARE: settings.share_moved_by,
            COUNT: float(settings.count_moved_by),
            DAYS: settings.days_moved_by,
            MOOD: settings.mood_moved_by,
        }[self.kind]

    def at_limit(self, value: float | None, settings: PatternSettings) -> bool:
        """Whether a figure has reached the cross-customer limit (mood: fallen to it)."""
        if value is None:
            return False
        limit = self.limit(settings)
        return value >= limit if self.higher_is_worse else value <= limit

    def change_direction(self, before: float, after: float, settings: PatternSettings) -> str:
        """'better', 'worse' or 'unchanged': unchanged when it moved less than moved_by.

        The 1e-9 keeps a change of exactly the threshold (0.35 - 0.30) on the moved side
        despite binary floats.
        """
        change = after - before
        if abs(change) + 1e-9 < self.moved_by(settings):
            return "unchanged"
        rose = change > 0
        return "worse" if rose == self.higher_is_worse else "better"


PATTERNS: tuple[Pattern, ...] = (
    Pattern("odd_hours", SHARE, "odd_hours_share_min"),
    Pattern("unbilled", SHARE, "unbilled_share_min"),
    Pattern("discount", SHARE, "discount_share_min"),
    Pattern("out_of_scope", COUNT, "out_of_scope_min"),
    Pattern("days_late", DAYS, "days_late_min"),
    Pattern("unplanned_calls", SHARE, "unplanned_call_share_min"),
    Pattern("mood", MOOD, "mood_max"),
)
PATTERN_KEYS = tuple(p.key for p in PATTERNS)
BY_KEY = {p.key: p for p in PATTERNS}


def pattern(key: str) -> Pattern:
    if key not in BY_KEY:
        raise KeyError(f"no pattern {key!r}: use one of {', '.join(PATTERN_KEYS)}")
    return BY_KEY[key]
