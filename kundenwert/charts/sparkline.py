"""A word-sized line over a few values (a customer's quarters), to show a trend at a glance.

The numbers themselves stand in a table next to it; the line only shows their shape.
A missing value (None) breaks the line.
"""

from __future__ import annotations

from collections.abc import Sequence

from kundenwert.charts import svg
from kundenwert.charts.palette import GRID, INK

WIDTH, HEIGHT, PAD = 120, 30, 3


def sparkline(values: Sequence[float | None], title: str, chart_id: str) -> str:
    known = [v for v in values if v is not None]
    low, high = min([0.0, *known]), max([0.0, *known])
    span = (high - low) or 1.0

    def point(i: int, value: float) -> str:
        x = PAD + (WIDTH - 2 * PAD) * i / max(len(values) - 1, 1)
        y = HEIGHT - PAD - (HEIGHT - 2 * PAD) * (value - low) / span
        return f"{svg.number(x)},{svg.number(y)}"

    zero_y = HEIGHT - PAD - (HEIGHT - 2 * PAD) * (0 - low) / span
    body = [svg.element("line", x1=0.0, x2=float(WIDTH), y1=zero_y, y2=zero_y, stroke=GRID)]
    for run in _runs(values):
        points = " ".join(point(i, v) for i, v in run)
        body.append(
            svg.element("polyline", points=points, fill="none", stroke=INK, stroke_width=1.6)
        )
    if values and values[-1] is not None:
        x, y = point(len(values) - 1, values[-1]).split(",")
        body.append(svg.element("circle", cx=x, cy=y, r=2.4, fill=INK))
    return svg.document(chart_id, WIDTH, HEIGHT, title, title, body)


def _runs(values: Sequence[float | None]) -> list[list[tuple[int, float]]]:
    """Stretches of consecutive known values; a single known value still shows as a dot."""
    runs: list[list[tuple[int, float]]] = [[]]
    for i, value in enumerate(values):
        if value is None:
            runs.append([])
        else:
            runs[-1].append((i, value))
    return [run for run in runs if len(run) > 1]
