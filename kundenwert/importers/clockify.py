"""Clockify: the detailed report, exported as CSV (Reports → Detailed → Export → CSV).

English columns: Project, Client, Description, Task, User, Group, Email, Tags, Billable,
Start Date, Start Time, End Date, End Time, Duration (h), Duration (decimal), Billable Rate
(…), Billable Amount (…). A German workspace exports Projekt, Kunde, Beschreibung, Aufgabe,
Benutzer, Abrechenbar, Startdatum, Startzeit, Enddatum, Endzeit, Dauer (h), Dauer (dezimal).
Dates follow the user's setting (MM/DD/YYYY by default, DD.MM.YYYY, DD/MM/YYYY …); times are
24-hour or 12-hour with AM/PM. Some exports have no Client column: their rows are skipped.

Clockify's project list (Projects → Export) is recognised and rejected with the reason.
"""

from __future__ import annotations

from pathlib import Path

from kundenwert.importers import csv_tools
from kundenwert.importers.records import ParsedFile, UnsupportedFile
from kundenwert.importers.timesheet import Layout, parse_csv_timesheet

NAME = "clockify"
LABEL = "Clockify detailed report (CSV)"
KIND = "time_entries"

LAYOUT = Layout(
    format=NAME,
    english={
        "project": ("Project",),
        "client": ("Client",),
        "description": ("Description",),
        "task": ("Task",),
        "user": ("User",),
        "billable": ("Billable",),
        "date": ("Start Date",),
        "start_time": ("Start Time",),
        "end_date": ("End Date",),
        "end_time": ("End Time",),
        "duration": ("Duration (h)",),
        "hours": ("Duration (decimal)",),
    },
    german={
        "project": ("Projekt",),
        "client": ("Kunde",),
        "description": ("Beschreibung",),
        "task": ("Aufgabe",),
        "user": ("Benutzer",),
        "billable": ("Abrechenbar",),
        "date": ("Startdatum",),
        "start_time": ("Startzeit",),
        "end_date": ("Enddatum",),
        "end_time": ("Endzeit",),
        "duration": ("Dauer (h)",),
        "hours": ("Dauer (dezimal)",),
    },
    required=(("date",), ("start_time",), ("duration", "hours", "end_time")),
)
PROJECT_LIST_COLUMNS = ("Project", "Client", "Billability", "Tracked (h)")


def sniff(name: str, head: bytes) -> bool:
    header = csv_tools.header_of(head)
    if csv_tools.has_columns(header, *PROJECT_LIST_COLUMNS):
        return True
    positions, _ = LAYOUT.locate(header)
    return {"project", "date", "start_time"} <= positions.keys() and bool(
        {"duration", "hours"} & positions.keys()
    )


def parse(path: Path, *, time_zone: str) -> ParsedFile:
    header = csv_tools.header_of(csv_tools.read_head(path))
    if csv_tools.has_columns(header, *PROJECT_LIST_COLUMNS):
        raise UnsupportedFile(
            "is a Clockify project list, not time entries; export the detailed report "
            "(Reports → Detailed → Export → CSV) instead"
        )
    return parse_csv_timesheet(path, LAYOUT, time_zone)
