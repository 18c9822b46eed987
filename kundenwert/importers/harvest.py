"""Harvest: the detailed time report, exported as CSV (Reports → Detailed time → Export).

Columns: Date, Client, Project, Project Code, Task, Notes, Hours, Billable?, Invoiced?,
Approved?, First Name, Last Name, Roles, Employee?, Billable Rate, Billable Amount, Cost
Rate, Cost Amount, Currency, External Reference URL. Dates are ISO; hours are decimal in the
account's number format (`1.5` or `1,5`). Harvest keeps no times of day in this report, so
an entry starts at midnight of its day.

Harvest's client and project lists are recognised and rejected with the reason.
"""

from __future__ import annotations

from pathlib import Path

from kundenwert.importers import csv_tools
from kundenwert.importers.records import ParsedFile, UnsupportedFile
from kundenwert.importers.timesheet import Layout, parse_csv_timesheet

NAME = "harvest"
LABEL = "Harvest detailed time report (CSV)"
KIND = "time_entries"

LAYOUT = Layout(
    format=NAME,
    english={
        "date": ("Date", "Spent Date"),
        "client": ("Client",),
        "project": ("Project",),
        "task": ("Task",),
        "description": ("Notes",),
        "hours": ("Hours",),
        "billable": ("Billable?", "Billable"),
        "first_name": ("First Name",),
        "last_name": ("Last Name",),
        "start_time": ("Started At", "Start Time"),
        "end_time": ("Ended At", "End Time"),
    },
    required=(("date",), ("client",), ("hours",)),
)
ENTRY_COLUMNS = ("Date", "Client", "Project", "Hours", "First Name", "Last Name")
CLIENT_LIST_COLUMNS = ("Client Name", "Address")
PROJECT_LIST_COLUMNS = ("Client", "Project", "Project Code", "Budget By", "Total Hours")


def sniff(name: str, head: bytes) -> bool:
    header = csv_tools.header_of(head)
    return _list_kind(header) is not None or csv_tools.has_columns(header, *ENTRY_COLUMNS)


def parse(path: Path, *, time_zone: str) -> ParsedFile:
    header = csv_tools.header_of(csv_tools.read_head(path))
    kind = _list_kind(header)
    if kind is not None:
        raise UnsupportedFile(
            f"is a Harvest {kind} list, not time entries; export the detailed time report "
            "(Reports → Detailed time → Export → CSV) instead"
        )
    return parse_csv_timesheet(path, LAYOUT, time_zone)


def _list_kind(header: tuple[str, ...]) -> str | None:
    if tuple(csv_tools.header_key(h) for h in header) == tuple(
        csv_tools.header_key(h) for h in CLIENT_LIST_COLUMNS
    ):
        return "client"
    if csv_tools.has_columns(header, *PROJECT_LIST_COLUMNS):
        return "project"
    return None
