"""The whale curve: cumulative margin over the customers sorted by margin, best first.

It rises while customers earn money and falls where they cost more than they bring; its
peak above the total shows how much profit the unprofitable customers eat up. The y axis
is money (not a share of the total), so the chart stays right when the total is zero or
negative. Long portfolios are thinned to MAX_POINTS vertices, always keeping the peak.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from kundenwert.charts import svg
from kundenwert.charts.palette import GRID, GROUP_COLOURS, MUTED
from kundenwert.charts.scale import nice_ceiling

WIDTH, HEIGHT = 520, 300
LEFT, RIGHT, TOP, BOTTOM = 84, 28, 20, 48
MAX_POINTS = 400


@dataclass(frozen=True)
class WhaleLabels:
    title: str
    desc: str
    x_axis: str  # "Kunden, nach Gewinn sortiert"
    y_axis: str  # "Gewinn kumuliert"
    peak: str  # "Höchstpunkt: {money} nach {customers} Kunden" (filled in here)
    total: str  # "Gesamtgewinn {money}"


Format = Callable[[float], str]


def whale_chart(
    cumulative: Sequence[float],
    labels: WhaleLabels,
    money: Format,
    percent: Format,
    chart_id: str = "whale-chart",
) -> str:
    """`cumulative[i]`: the summed margin of the best i+1 customers."""
    values = [0.0, *cumulative]
    # Round grid steps, as many below zero as a loss-making portfolio needs.
    step = nice_ceiling(max(max(values), -min(values)) * 1.08) / 4
    top = step * max(1, math.ceil(max(values) * 1.08 / step))
    bottom = -step * math.ceil(-min(values) / step) if min(values) < 0 else 0.0

    def px(i: int) -> float:
        return LEFT + (WIDTH - LEFT - RIGHT) * i / max(len(values) - 1, 1)

    def py(value: float) -> float:
        return TOP + (HEIGHT - TOP - BOTTOM) * (top - value) / (top - bottom)

    peak = max(range(len(values)), key=values.__getitem__)
    body = [
        *_grid(bottom, top, step, px, py, len(values) - 1, money, percent),
        _line(values, peak, px, py),
        _total(values[-1], px, py, labels, money),
        _peak(peak, values[peak], px, py, labels, money),
        svg.label((LEFT + WIDTH - RIGHT) / 2, HEIGHT - 8.0, labels.x_axis, text_anchor="middle"),
        svg.label(
            14,
            HEIGHT / 2,
            labels.y_axis,
            text_anchor="middle",
            transform=f"rotate(-90 14 {HEIGHT / 2})",
        ),
    ]
    return svg.document(chart_id, WIDTH, HEIGHT, labels.title, labels.desc, body)


def thinned(count: int, keep: int) -> list[int]:
    """Indexes 0..count-1, at most MAX_POINTS of them, always with the ends and `keep`."""
    if count <= MAX_POINTS:
        return list(range(count))
    step = (count - 1) / (MAX_POINTS - 1)
    chosen = {round(i * step) for i in range(MAX_POINTS)} | {0, count - 1, keep}
    return sorted(chosen)


def _line(values: list[float], peak: int, px, py) -> str:
    coordinates = " ".join(
        f"{svg.number(px(i))},{svg.number(py(values[i]))}" for i in thinned(len(values), peak)
    )
    return svg.element(
        "polyline", points=coordinates, fill="none", stroke=GROUP_COLOURS["A"], stroke_width=2.2
    )


def _grid(bottom, top, step, px, py, customers: int, money: Format, percent: Format) -> list[str]:
    parts = []
    for i in range(round((top - bottom) / step) + 1):
        y = py(bottom + step * i)
        value = bottom + step * i
        parts.append(
            svg.element("line", x1=float(LEFT), x2=float(WIDTH - RIGHT), y1=y, y2=y, stroke=GRID)
        )
        parts.append(svg.label(LEFT - 6.0, y + 4, money(value), text_anchor="end", fill=MUTED))
    for i in range(5):
        x = px(round(customers * i / 4))
        y = HEIGHT - BOTTOM + 16.0
        parts.append(svg.label(x, y, percent(i / 4), text_anchor="middle", fill=MUTED))
    return parts


def _total(total: float, px, py, labels: WhaleLabels, money: Format) -> str:
    y = py(total)
    caption = labels.total.format(money=money(total))
    line = svg.element(
        "line",
        x1=float(LEFT),
        x2=float(WIDTH - RIGHT),
        y1=y,
        y2=y,
        stroke=MUTED,
        stroke_dasharray="5 4",
    )
    return line + svg.label(WIDTH - RIGHT - 4.0, y - 6, caption, text_anchor="end", fill=MUTED)


def _peak(index: int, value: float, px, py, labels: WhaleLabels, money: Format) -> str:
    caption = labels.peak.format(money=money(value), customers=index)
    x, y = px(index), py(value)
    anchor = "start" if x < WIDTH / 2 else "end"
    offset = 8 if anchor == "start" else -8
    dot = svg.titled("circle", caption, cx=x, cy=y, r=4.5, fill=GROUP_COLOURS["A"])
    return dot + svg.label(x + offset, y - 8, caption, text_anchor=anchor)
