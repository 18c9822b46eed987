"""Kimai: the timesheet export as CSV or Excel (Export → CSV / XLSX, the default template).

English columns: Date, Begin (older: From), End (To), Duration, Currency, Price, …, User,
Name, E-mail, Customer, Project, Activity, Description, Billable, Tags, …; a German export
has Datum, Beginn (Von), Ende (Bis), Dauer, …, Benutzer, Kunde, Projekt, Tätigkeit,
Beschreibung, Abrechenbar, Schlagworte. Dates follow the user's locale (23.11.2026,
11/23/2026, 2026-11-23); Begin and End are a time of day or a whole date and time; the
duration is hours and minutes (1:30) or decimal hours (1.5 or 1,5).

The Excel file is read with openpyxl in read-only mode, so a large workbook streams like a
CSV file; its cells arrive typed (dates, times, durations) and are taken as they are. The
header is the first row that names at least the date, customer and duration columns (Kimai
may put a title above it); errors name the row number as the line.
"""

from __future__ import annotations

import itertools
import logging
from collections.abc import Iterator, Sequence
from pathlib import Path
from zoneinfo import ZoneInfo

from kundenwert.importers import csv_tools
from kundenwert.importers.records import ParsedFile
from kundenwert.importers.timesheet import Layout, parse_csv_timesheet, read_timesheet
from kundenwert.portfolio.errors import RowError

NAME = "kimai"
LABEL = "Kimai timesheet export (CSV or Excel)"
KIND = "time_entries"
HEADER_SEARCH_ROWS = 10

LAYOUT = Layout(
    format=NAME,
    english={
        "date": ("Date",),
        "start_time": ("Begin", "From", "Start"),
        "end_time": ("End", "To"),
        "duration": ("Duration",),
        "user": ("User", "Username", "Name", "Alias"),
        "client": ("Customer",),
        "project": ("Project",),
        "task": ("Activity",),
        "description": ("Description",),
        "billable": ("Billable",),
    },
    german={
        "date": ("Datum",),
        "start_time": ("Beginn", "Von", "Start"),
        "end_time": ("Ende", "Bis"),
        "duration": ("Dauer",),
        "user": ("Benutzer", "Benutzername", "Name", "Alias"),
        "client": ("Kunde",),
        "project": ("Projekt",),
        "task": ("Tätigkeit", "Aktivität"),
        "description": ("Beschreibung",),
        "billable": ("Abrechenbar",),
    },
    required=(("date",), ("client",), ("duration", "end_time")),
)
ZIP_MAGIC = b"PK\x03\x04"

logger = logging.getLogger(__name__)


def sniff(name: str, head: bytes) -> bool:
    if head.startswith(ZIP_MAGIC):
        return name.lower().endswith(".xlsx")
    positions, _ = LAYOUT.locate(csv_tools.header_of(head))
    return {"date", "client", "task", "duration"} <= positions.keys()


def parse(path: Path, *, time_zone: str) -> ParsedFile:
    if csv_tools.read_head(path, len(ZIP_MAGIC)) != ZIP_MAGIC:
        return parse_csv_timesheet(path, LAYOUT, time_zone)
    parsed = ParsedFile(file=path.name, format=NAME, sha256=csv_tools.file_sha256(path))
    try:
        header_line, header, rows = _workbook_rows(path)
    except csv_tools.CsvProblem as problem:
        parsed.errors.append(problem.error)
        return parsed
    read_timesheet(parsed, LAYOUT, header, rows, ZoneInfo(time_zone), header_line)
    return parsed


def _workbook_rows(
    path: Path,
) -> tuple[int, tuple[str, ...], Iterator[tuple[int, Sequence[object]]]]:
    """(header row number, header, rows as (row number, cell values)) of the first sheet."""
    rows = _cells(path)
    for number, values in itertools.islice(rows, HEADER_SEARCH_ROWS):
        header = tuple("" if v is None else str(v).strip() for v in values)
        if {"date", "client", "duration"} <= LAYOUT.locate(header)[0].keys():
            return number, header, _padded(rows, len(header))
    message = "has no Kimai header row (Date, Customer, Duration …) in its first rows"
    raise csv_tools.CsvProblem(RowError(path.name, None, None, None, message))


def _cells(path: Path) -> Iterator[tuple[int, Sequence[object]]]:
    # openpyxl raises a zoo of exception types for damaged workbooks (zip, XML, key and
    # value errors); whichever it is, the user needs to hear that the file is damaged.
    import openpyxl

    def failed(error: Exception, row: int | None) -> csv_tools.CsvProblem:
        logger.info("unreadable workbook %s: %r", path, error)
        message = f"is not a readable Excel workbook ({type(error).__name__})"
        return csv_tools.CsvProblem(RowError(path.name, row, None, None, message))

    try:
        workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
        sheet = workbook.worksheets[0]
    except Exception as error:
        raise failed(error, None) from None
    number = 0
    try:
        for number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
            yield number, values
    except Exception as error:
        raise failed(error, number + 1) from None
    finally:
        workbook.close()


def _padded(
    rows: Iterator[tuple[int, Sequence[object]]], width: int
) -> Iterator[tuple[int, Sequence[object]]]:
    for number, values in rows:
        if any(v is not None and str(v).strip() for v in values):
            yield number, (tuple(values) + (None,) * width)[:width]
