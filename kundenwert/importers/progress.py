"""How far the reading of a file has got, for the progress bars of long imports.

The importers' `parse(path, *, time_zone)` has no progress parameter, and most of them
never need one: only the row-by-row readers of large CSV and spreadsheet exports take long.
Those report the line they have reached every `EVERY` rows through `rows_read`, which
passes it to whoever listens in the current context (`listening`, set by
`kundenwert.importers.services` around each file's parse) and costs nothing otherwise.
A context variable keeps two imports in two threads apart.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from pathlib import Path

EVERY = 10_000  # rows between two reports

_listener: ContextVar[Callable[[int], None] | None] = ContextVar(
    "kundenwert_import_rows", default=None
)


def rows_read(line: int) -> None:
    """The reader has got to `line` (a physical line, or a spreadsheet row) of its file."""
    listener = _listener.get()
    if listener is not None:
        listener(line)


@contextmanager
def listening(listener: Callable[[int], None]) -> Iterator[None]:
    token = _listener.set(listener)
    try:
        yield
    finally:
        _listener.reset(token)


def count_lines(path: Path) -> int:
    """The physical lines of a text file (a last line without a line break counts), or 0
    for what is no plain text file (a folder, a ZIP archive, an XLSX workbook): its total
    is then unknown. Reads the file once, in large chunks: a fraction of a second for the
    160 MB of a million Toggl rows, which its importer reads three times anyway."""
    try:
        if not path.is_file():
            return 0
        lines, last = 0, b"\n"
        with path.open("rb") as stream:
            if stream.read(4) == b"PK\x03\x04":
                return 0
            stream.seek(0)
            while chunk := stream.read(1 << 22):
                lines += chunk.count(b"\n")
                last = chunk[-1:]
        return lines + (last != b"\n")
    except OSError:
        return 0
