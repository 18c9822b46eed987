"""The portfolio chart: revenue against effort hours, one mark per customer.

Colour says the group, the area says the margin (a hollow mark: negative margin), the
hover title says name, group and reasons. A dashed line marks the portfolio's average
hourly rate: customers above it earn more per hour than the average, those below less.
Marks are drawn biggest first so that small customers stay visible on top. When either
figure spreads widely (a few customers a hundred times bigger than the rest), both axes
are logarithmic: then the rate line stays straight, and no one reads a curve into it.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from kundenwert.charts import svg
from kundenwert.charts.palette import GRID, GROUP_COLOURS, MUTED
from kundenwert.charts.scale import Scale, scale_for, spreads_widely

WIDTH, PLOT_HEIGHT, LEGEND_HEIGHT = 880, 420, 44
LEFT, RIGHT, TOP, BOTTOM = 84, 28, 14, 44
MIN_RADIUS, MAX_RADIUS = 3.0, 13.0


@dataclass(frozen=True)
class PortfolioPoint:
    name: str
    group: str | None
    revenue: float
    hours: float
    margin: float
    reasons: str  # translated and joined, e.g. "hoher Umsatz, angemessener Aufwand"
    href: str | None = None  # where a click on the mark leads


@dataclass(frozen=True)
class PortfolioLabels:
    title: str
    desc: str
    x_axis: str  # "Aufwand" (the ticks carry the unit)
    y_axis: str  # "Umsatz"
    margin: str  # "Gewinn"
    log_note: str  # "logarithmisch"
    groups: dict[str | None, str]  # {"A": "Gruppe A", …, None: "ohne Gruppe"}
    size_note: str  # "Fläche: Gewinn; hohl: Verlust"
    rate_line: str  # "Ø Stundensatz 115 €"


Format = Callable[[float], str]


def portfolio_chart(
    points: Sequence[PortfolioPoint],
    labels: PortfolioLabels,
    money: Format,
    hours: Format,
    chart_id: str = "portfolio-chart",
) -> str:
    hours_, revenues = [p.hours for p in points], [p.revenue for p in points]
    log = spreads_widely(hours_) or spreads_widely(revenues)
    x = scale_for(hours_, LEFT, WIDTH - RIGHT, log)
    y = scale_for(revenues, PLOT_HEIGHT - BOTTOM, TOP, log)
    biggest = max((abs(p.margin) for p in points), default=0.0) or 1.0
    body = [
        *_axes(x, y, labels, money, hours),
        _rate_line(points, x, y, labels.rate_line),
        *_marks(points, x, y, biggest, labels, money, hours),
        *_legend(labels),
    ]
    height = PLOT_HEIGHT + LEGEND_HEIGHT
    return svg.document(chart_id, WIDTH, height, labels.title, labels.desc, body)


def _marks(points, x: Scale, y: Scale, biggest: float, labels, money, hours) -> list[str]:
    """One <g> per group carries the colours, so that each of thousands of marks carries
    only its place, size and title. The group with the most margin goes first (below), and
    within a group the biggest marks go first, so small marks stay visible on top."""
    by_group: dict[str | None, list[PortfolioPoint]] = {}
    for point in points:
        by_group.setdefault(point.group, []).append(point)
    order = sorted(by_group, key=lambda g: -sum(abs(p.margin) for p in by_group[g]))
    return [
        svg.element(
            "g",
            "".join(
                _mark(p, x, y, biggest, labels, money, hours) for p in _biggest_first(by_group[g])
            ),
            class_=f"marks group-{(g or 'none').lower()}",
            fill=GROUP_COLOURS.get(g, GROUP_COLOURS[None]),
            fill_opacity=0.72,
            stroke=GROUP_COLOURS.get(g, GROUP_COLOURS[None]),
            stroke_width=0.8,
        )
        for g in order
    ]


def _biggest_first(points: Sequence[PortfolioPoint]) -> list[PortfolioPoint]:
    return sorted(points, key=lambda p: -abs(p.margin))


def _radius(margin: float, biggest: float) -> float:
    # Area, not radius, proportional to the margin: the eye compares areas.
    return MIN_RADIUS + (MAX_RADIUS - MIN_RADIUS) * math.sqrt(abs(margin) / biggest)


def _mark(
    p: PortfolioPoint,
    x: Scale,
    y: Scale,
    biggest: float,
    labels: PortfolioLabels,
    money: Format,
    hours: Format,
) -> str:
    tooltip = (
        f"{p.name} · {labels.groups.get(p.group, labels.groups[None])}\n{p.reasons}\n"
        f"{labels.y_axis} {money(p.revenue)} · {labels.x_axis} {hours(p.hours)} · "
        f"{labels.margin} {money(p.margin)}"
    )
    hollow = p.margin < 0  # a loss: drawn as a ring
    circle = svg.titled(
        "circle",
        tooltip,
        cx=round(x(p.hours)),
        cy=round(y(max(p.revenue, 0.0))),
        r=_radius(p.margin, biggest),
        fill="#ffffff" if hollow else None,
        fill_opacity=1 if hollow else None,
        stroke_width=1.5 if hollow else None,
    )
    if not p.href:
        return circle
    # Out of the tab order: keyboard users have the table of the same customers.
    return svg.element("a", circle, href=p.href, tabindex=-1)


def _axes(x: Scale, y: Scale, labels: PortfolioLabels, money: Format, hours: Format) -> list[str]:
    parts = []
    for tick in x.ticks():
        px = x(tick)
        parts.append(svg.element("line", x1=px, x2=px, y1=float(TOP), y2=y.start, stroke=GRID))
        parts.append(svg.label(px, y.start + 16, hours(tick), text_anchor="middle", fill=MUTED))
    for tick in y.ticks():
        py = y(tick)
        parts.append(svg.element("line", x1=x.start, x2=x.end, y1=py, y2=py, stroke=GRID))
        parts.append(svg.label(x.start - 6, py + 4, money(tick), text_anchor="end", fill=MUTED))
    x_title = labels.x_axis + (f" ({labels.log_note})" if x.log else "")
    y_title = labels.y_axis + (f" ({labels.log_note})" if y.log else "")
    parts.append(svg.label((x.start + x.end) / 2, y.start + 34, x_title, text_anchor="middle"))
    middle = (y.start + y.end) / 2
    rotate = f"rotate(-90 14 {svg.number(middle)})"
    parts.append(svg.label(14, middle, y_title, text_anchor="middle", transform=rotate))
    return parts


def _rate_line(points: Sequence[PortfolioPoint], x: Scale, y: Scale, caption: str) -> str:
    """revenue = average rate × hours, drawn where it stays inside the plot."""
    total_hours = sum(p.hours for p in points)
    if total_hours <= 0:
        return ""
    rate = sum(max(p.revenue, 0.0) for p in points) / total_hours
    coordinates = []
    for value in _samples(x):
        if rate * value > y.high:
            break
        if rate * value < y.low:  # below a logarithmic axis' start
            continue
        coordinates.append(f"{svg.number(x(value))},{svg.number(y(rate * value))}")
    if len(coordinates) < 2:
        return ""
    line = svg.element(
        "polyline",
        svg.element("title", svg.text(caption)),
        points=" ".join(coordinates),
        fill="none",
        stroke=MUTED,
        stroke_width=1.2,
        stroke_dasharray="5 4",
    )
    last_x, last_y = (float(v) for v in coordinates[-1].split(","))
    return line + svg.label(last_x - 4, last_y - 6, caption, text_anchor="end", fill=MUTED)


def _samples(x: Scale, steps: int = 80) -> list[float]:
    """Hours to draw the rate line through: evenly spread on the axis as drawn."""
    if not x.log:
        return [x.high * i / steps for i in range(steps + 1)]
    low, high = math.log10(x.low), math.log10(x.high)
    return [10 ** (low + (high - low) * i / steps) for i in range(steps + 1)]


def _legend(labels: PortfolioLabels) -> list[str]:
    top = PLOT_HEIGHT + 14
    parts, left = [], float(LEFT)
    for group in ("A", "B", "C", None):
        dot = svg.element(
            "circle",
            cx=left + 6,
            cy=float(top),
            r=6.0,
            fill=GROUP_COLOURS[group],
            fill_opacity=0.72,
        )
        parts.append(dot)
        parts.append(svg.label(left + 16, top + 4, labels.groups[group]))
        left += 28 + 7 * len(labels.groups[group])
    parts.append(svg.label(float(LEFT), top + 24, labels.size_note, fill=MUTED))
    return parts
