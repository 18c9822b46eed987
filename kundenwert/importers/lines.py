"""Where an entry of a file of entries (iCalendar events, mbox messages) starts, as a line.

The libraries that read those files give the entries without their lines; the lines are
found again in the bytes, so that a skipped entry can be named as "line 57, event 3" and
found in a text editor.
"""

from __future__ import annotations

import re


def start_lines(data: bytes, start: re.Pattern[bytes], entries: int) -> list[int] | None:
    """The line (from 1) on which each entry starts: the lines matching `start`, in order.
    None when their number is not `entries` (the library saw the file differently)."""
    lines, line, position = [], 1, 0
    for found in start.finditer(data):
        line += data.count(b"\n", position, found.start())
        position = found.start()
        lines.append(line)
    return lines if len(lines) == entries else None


def located(location: str, lines: list[int] | None, number: int) -> str:
    """`location` ("event 3") with the line of entry `number` in front, when known."""
    return location if lines is None else f"line {lines[number - 1]}, {location}"
