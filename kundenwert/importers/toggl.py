"""Toggl Track: the detailed report, exported as CSV (Reports → Detailed → Export → CSV).

Columns: User (newer exports: Member), Email, Client, Project, Task, Description, Billable,
Start date, Start time, End date, End time, Duration (h:mm:ss), Tags, Amount (…). Dates are
ISO in current exports; older ones follow the user's date setting, read as the rows show.
Times are the exporting user's wall-clock time.
"""

from __future__ import annotations

from pathlib import Path

from kundenwert.importers import csv_tools
from kundenwert.importers.records import ParsedFile
from kundenwert.importers.timesheet import Layout, parse_csv_timesheet

NAME = "toggl"
LABEL = "Toggl Track detailed report (CSV)"
KIND = "time_entries"

LAYOUT = Layout(
    format=NAME,
    english={
        "user": ("User", "Member"),
        "client": ("Client",),
        "project": ("Project",),
        "task": ("Task",),
        "description": ("Description",),
        "billable": ("Billable",),
        "date": ("Start date",),
        "start_time": ("Start time",),
        "end_date": ("End date", "Stop date"),
        "end_time": ("End time", "Stop time"),
        "duration": ("Duration",),
    },
    required=(("date",), ("start_time",), ("duration", "end_time")),
)


def sniff(name: str, head: bytes) -> bool:
    header = csv_tools.header_of(head)
    return csv_tools.has_columns(header, "Client", "Project", "Start date", "Start time") and (
        csv_tools.has_columns(header, "Duration") or csv_tools.has_columns(header, "Stop time")
    )


def parse(path: Path, *, time_zone: str) -> ParsedFile:
    return parse_csv_timesheet(path, LAYOUT, time_zone)
