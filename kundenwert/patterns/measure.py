"""Did a pattern move? Its figure over a window before a date against one after it.

Kaizen step (`measure_step`): the windows are equally long, W = `measure_window_days`
(default 90) or, while the step is younger than that, the days from its start to the
as-of date. Before: the W days up to the day before the step started. After: the W days
from the start date on, the start date included (the step is in force from that day).

Relationship talk (`watch_after_talk`): before is the W days up to and including the
talk day; after is the latest W days up to the as-of date, from the day after the talk
on, so a pattern that faded after the talk and came back later shows in the latest
window. W = `watch_window_days` (default 90) or the days since the talk.

A figure moved when it changed by at least the pattern's threshold (catalogue.py); the
direction says whether that is better or worse. Without `enough` basis on either side
(e.g. under 5 hours of work for a share of hours) nothing is judged: direction is None.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import date, timedelta

import polars as pl

from kundenwert.analysis.period import Period
from kundenwert.analysis.settings import AnalysisSettings
from kundenwert.patterns.catalogue import COUNT, pattern
from kundenwert.patterns.figures import figures, full_grid
from kundenwert.patterns.settings import PatternSettings
from kundenwert.patterns.subset import one_customer
from kundenwert.patterns.sums import pattern_sums
from kundenwert.portfolio import Portfolio


@dataclass(frozen=True)
class Figure:
    value: float | None
    part: float | None
    basis: float | None
    count: float | None
    enough: bool


@dataclass(frozen=True)
class Measurement:
    pattern: str
    before: Period
    after: Period
    before_figure: Figure
    after_figure: Figure
    direction: str | None  # better | worse | unchanged; None when it cannot be judged

    @property
    def moved(self) -> bool:
        return self.direction in ("better", "worse")

    @property
    def change(self) -> float | None:
        before, after = self.before_figure.value, self.after_figure.value
        return None if before is None or after is None else after - before

    def to_json(self) -> dict[str, object]:
        return {
            "pattern": self.pattern,
            "before": {"from": self.before.start.isoformat(), "to": self.before.end.isoformat()},
            "after": {"from": self.after.start.isoformat(), "to": self.after.end.isoformat()},
            "before_figure": asdict(self.before_figure),
            "after_figure": asdict(self.after_figure),
            "direction": self.direction,
            "moved": self.moved,
        }

    @classmethod
    def from_json(cls, data: dict) -> Measurement:
        def period(part: dict) -> Period:
            return Period(date.fromisoformat(part["from"]), date.fromisoformat(part["to"]))

        return cls(
            data["pattern"],
            period(data["before"]),
            period(data["after"]),
            Figure(**data["before_figure"]),
            Figure(**data["after_figure"]),
            data["direction"],
        )


@dataclass(frozen=True)
class Watch:
    measurement: Measurement
    returned: bool  # the old pattern is there again and has not improved


def measure_step(
    portfolio: Portfolio,
    customer_id: str,
    pattern_key: str,
    started_on: date,
    as_of: date,
    settings: PatternSettings | None = None,
    analysis: AnalysisSettings | None = None,
) -> Measurement | None:
    """None while the step has not started by the as-of date."""
    settings = settings or PatternSettings()
    days = min(settings.measure_window_days, (as_of - started_on).days + 1)
    if days < 1:
        return None
    before = Period(started_on - timedelta(days=days), started_on - timedelta(days=1))
    after = Period(started_on, started_on + timedelta(days=days - 1))
    return measure_between(
        portfolio, customer_id, pattern_key, before, after, as_of, settings, analysis
    )


def watch_after_talk(
    portfolio: Portfolio,
    customer_id: str,
    pattern_key: str,
    held_on: date,
    as_of: date,
    settings: PatternSettings | None = None,
    analysis: AnalysisSettings | None = None,
) -> Watch | None:
    """None until the day after the talk."""
    settings = settings or PatternSettings()
    days = min(settings.watch_window_days, (as_of - held_on).days)
    if days < 1:
        return None
    before = Period(held_on - timedelta(days=days - 1), held_on)
    after = Period(as_of - timedelta(days=days - 1), as_of)
    result = measure_between(
        portfolio, customer_id, pattern_key, before, after, as_of, settings, analysis
    )
    return Watch(result, _returned(result, settings))


def measure_between(
    portfolio: Portfolio,
    customer_id: str,
    pattern_key: str,
    before: Period,
    after: Period,
    as_of: date,
    settings: PatternSettings,
    analysis: AnalysisSettings | None = None,
) -> Measurement:
    readings = pattern(pattern_key)

    def bucket_of(day: pl.Expr) -> pl.Expr:
        return (
            pl.when(day.is_between(before.start, before.end))
            .then(pl.lit("before"))
            .when(day.is_between(after.start, after.end) & (day <= as_of))
            .then(pl.lit("after"))
        )

    mine = one_customer(portfolio, customer_id)
    sums = pattern_sums(mine, bucket_of, as_of, settings, analysis or AnalysisSettings())
    rows = figures(full_grid(sums, [customer_id], ["before", "after"]), settings)
    found = {row["bucket"]: _figure(row) for row in rows.filter(pattern=pattern_key).to_dicts()}
    first, second = found["before"], found["after"]
    direction = None
    if first.enough and second.enough and first.value is not None and second.value is not None:
        direction = readings.change_direction(first.value, second.value, settings)
    return Measurement(pattern_key, before, after, first, second, direction)


def _figure(row: dict) -> Figure:
    return Figure(row["value"], row["part"], row["basis"], row["count"], bool(row["enough"]))


def _returned(result: Measurement, settings: PatternSettings) -> bool:
    """The pattern is present after the talk and did not get better than before it.

    Present: a count above zero, any other figure at its cross-customer limit.
    """
    readings = pattern(result.pattern)
    after = result.after_figure
    if result.direction not in ("worse", "unchanged"):
        return False
    if readings.kind == COUNT:
        return (after.value or 0) > 0
    return readings.at_limit(after.value, settings)
