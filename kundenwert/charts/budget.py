"""The time budget: the share of customer time each group got, against its target
(method.md: A 50 %, B 20 %, C 10 %, 20 % kept free for spontaneous contacts).

One bar per line for the actual share, a black tick for the target; the caption beside it
says both in words, so the chart never depends on telling colours apart.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from kundenwert.charts import svg
from kundenwert.charts.palette import GRID, GROUP_COLOURS, INK, MUTED, SPONTANEOUS_COLOUR

WIDTH, ROW, TOP = 520, 52, 6
LABEL_WIDTH, BAR_WIDTH = 110, 400


@dataclass(frozen=True)
class BudgetBar:
    key: str  # "A", "B", "C", "spontaneous"
    label: str  # "Gruppe A"
    target: float  # share 0..1
    actual: float  # share 0..1
    hours: float


@dataclass(frozen=True)
class BudgetLabels:
    title: str
    desc: str
    caption: str  # "{actual} ({hours}) · Ziel {target}", filled in per bar


Format = Callable[[float], str]


def budget_chart(
    bars: Sequence[BudgetBar],
    labels: BudgetLabels,
    percent: Format,
    hours: Format,
    chart_id: str = "budget-chart",
) -> str:
    high = max([0.5, *(max(b.actual, b.target) for b in bars)])
    height = TOP * 2 + ROW * len(bars)
    body = [_row(i, bar, high, labels, percent, hours) for i, bar in enumerate(bars)]
    return svg.document(chart_id, WIDTH, height, labels.title, labels.desc, body)


def _row(i: int, bar: BudgetBar, high: float, labels: BudgetLabels, percent, hours) -> str:
    top = TOP + ROW * i
    colour = SPONTANEOUS_COLOUR if bar.key == "spontaneous" else GROUP_COLOURS.get(bar.key)
    width = BAR_WIDTH * min(bar.actual / high, 1.0)
    target_x = LABEL_WIDTH + BAR_WIDTH * min(bar.target / high, 1.0)
    caption = labels.caption.format(
        actual=percent(bar.actual), hours=hours(bar.hours), target=percent(bar.target)
    )
    return "".join(
        [
            svg.label(0, top + 19.0, bar.label, font_weight="600"),
            svg.element(
                "rect",
                x=float(LABEL_WIDTH),
                y=top + 6.0,
                width=float(BAR_WIDTH),
                height=18.0,
                fill=GRID,
                rx=3,
            ),
            svg.titled(
                "rect",
                f"{bar.label}: {caption}",
                x=float(LABEL_WIDTH),
                y=top + 6.0,
                width=width,
                height=18.0,
                fill=colour,
                rx=3,
            ),
            svg.element(
                "line",
                x1=target_x,
                x2=target_x,
                y1=top + 2.0,
                y2=top + 28.0,
                stroke=INK,
                stroke_width=2.5,
            ),
            # The caption goes under the bar: half a page is too narrow beside it.
            svg.label(float(LABEL_WIDTH), top + 42.0, caption, fill=MUTED),
        ]
    )
