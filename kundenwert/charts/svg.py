"""A very small SVG writer. Attribute values and text are always escaped here, so the chart
modules never build markup from data by hand."""

from __future__ import annotations

from html import escape

from kundenwert.charts.palette import FONT, INK

Attr = str | int | float | None


def text(value: str) -> str:
    """Data as SVG text content: `<`, `>` and `&` escaped."""
    return escape(value, quote=False)


def number(value: float) -> str:
    """A coordinate with at most one decimal: enough on screen and in print, and short."""
    rounded = round(value, 1)
    return str(int(rounded)) if rounded == int(rounded) else str(rounded)


def attrs(values: dict[str, Attr]) -> str:
    """` name="value"` pairs; underscores become hyphens (stroke_width -> stroke-width),
    None leaves the attribute out."""
    parts = []
    for name, value in values.items():
        if value is None:
            continue
        shown = number(value) if isinstance(value, float) else str(value)
        parts.append(f' {name.rstrip("_").replace("_", "-")}="{escape(shown, quote=True)}"')
    return "".join(parts)


def element(tag: str, content: str = "", **values: Attr) -> str:
    """One element; `content` must already be markup (use `text()` for data)."""
    if not content:
        return f"<{tag}{attrs(values)}/>"
    return f"<{tag}{attrs(values)}>{content}</{tag}>"


def titled(tag: str, tooltip: str, **values: Attr) -> str:
    """An element with a `<title>` child: browsers show it on hover."""
    return element(tag, element("title", text(tooltip)), **values)


def label(x: float, y: float, value: str, **values: Attr) -> str:
    return element("text", text(value), x=float(x), y=float(y), **values)


def document(chart_id: str, width: int, height: int, title: str, desc: str, body: list[str]) -> str:
    """A standalone <svg> that names itself by its <title> and <desc>."""
    head = element("title", text(title), id=f"{chart_id}-title") + element(
        "desc", text(desc), id=f"{chart_id}-desc"
    )
    return element(
        "svg",
        head + "".join(body),
        xmlns="http://www.w3.org/2000/svg",
        id=chart_id,
        class_="chart",
        viewBox=f"0 0 {width} {height}",
        width=width,
        height=height,
        role="img",
        aria_labelledby=f"{chart_id}-title",
        aria_describedby=f"{chart_id}-desc",
        font_family=FONT,
        font_size=12,
        fill=INK,
    )
