"""Scales from data values to pixels: linear with round ticks, or logarithmic for the long
tail of a real portfolio, where a few customers are a hundred times bigger than the rest.

A logarithmic axis has no place for zero: it starts at a power of ten at most MAX_DECADES
below the highest value (or at the lowest value's decade, if that is higher), and smaller
values, zero included, sit on the axis line. Their tooltips still say the true figure.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

# A logarithmic axis once the biggest value is this many times the typical one: a linear
# axis would then squeeze most customers into its first tenth.
LOG_WHEN_SPREAD = 40
MAX_DECADES = 5


@dataclass(frozen=True)
class Scale:
    low: float  # the value at `start`
    high: float  # the value at `end`
    start: float  # pixels
    end: float
    log: bool = False

    def __call__(self, value: float) -> float:
        clamped = min(max(value, self.low), self.high)
        share = (self._position(clamped) - self._position(self.low)) / (
            self._position(self.high) - self._position(self.low)
        )
        return self.start + (self.end - self.start) * share

    def _position(self, value: float) -> float:
        return math.log10(value) if self.log else value

    def ticks(self) -> list[float]:
        if self.log:
            first, last = round(math.log10(self.low)), round(math.log10(self.high))
            return [10.0**k for k in range(first, last + 1)]
        step = (self.high - self.low) / 4
        return [self.low + step * i for i in range(5)]


def nice_ceiling(value: float) -> float:
    """The round number (1, 2, 2.5 or 5 times a power of ten, times 4 ticks) at or above value."""
    if value <= 0:
        return 1.0
    step = value / 4
    power = 10 ** math.floor(math.log10(step))
    for factor in (1, 2, 2.5, 5, 10):
        if factor * power >= step:
            return factor * power * 4
    return 10 * power * 4  # pragma: no cover (the loop always returns)


def spreads_widely(values: Sequence[float]) -> bool:
    """Whether a linear axis would squeeze most values into its first few pixels."""
    positive = sorted(v for v in values if v > 0)
    if not positive:
        return False
    highest, typical = positive[-1], positive[len(positive) // 2]
    return highest > LOG_WHEN_SPREAD * typical and highest >= 10


def scale_for(values: Sequence[float], start: float, end: float, log: bool = False) -> Scale:
    """A linear scale from 0 up to a round number, or with `log` a logarithmic one between
    powers of ten."""
    positive = [v for v in values if v > 0]
    if not positive:
        return Scale(0.0, 1.0, start, end)
    if log:
        top = math.ceil(math.log10(max(positive)))
        bottom = max(math.floor(math.log10(min(positive))), top - MAX_DECADES)
        return Scale(10.0**bottom, 10.0 ** max(top, bottom + 1), start, end, log=True)
    return Scale(0.0, nice_ceiling(max(positive)), start, end)
