"""What the time-tracking importers share: from a row of a tool's export to a TimeEntryRecord.

Each tool (Toggl, Clockify, Kimai, Harvest, solidtime) describes its export as a `Layout`:
which of its columns (in English and, where the tool has them, German) hold which `role`.
`read_timesheet` then does the rest the same way for all of them:

* the customer is the client column (`CustomerRef(name=client)`); a row without a client
  is skipped with that reason, and so is one of 0 minutes (a running or empty timer);
* the start is a date plus an optional time of day, or one date-and-time column; values
  with an offset (`…Z`) become wall-clock time in the installation's time zone, all others
  are taken as wall-clock time already (the exporting user's zone);
* the minutes come from a duration (`1:30:00`, `01:30`, decimal hours), decimal hours, or
  the end time (an end before the start is on the next day), rounded to two decimals;
* dates like 03/04/2024 are read day-first or month-first as the file's first rows show
  (a day above 12 decides); when none does, German headers mean day-first, English ones the
  tool's default.

Spreadsheet cells (Kimai's XLSX) arrive as Python values rather than text and are taken as
they are: dates, times, durations (timedelta) and numbers (hours).
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from pathlib import Path
from zoneinfo import ZoneInfo

from kundenwert.importers import csv_tools
from kundenwert.importers.csv_tools import FieldProblem, Skip
from kundenwert.importers.records import CustomerRef, ParsedFile, TimeEntryRecord
from kundenwert.portfolio.errors import RowError

ROLES = (
    "client",
    "project",
    "task",
    "description",
    "user",
    "first_name",
    "last_name",
    "billable",
    "date",  # the start date
    "start_time",  # a time of day, or a whole date and time
    "start",  # a whole date and time
    "end_date",
    "end_time",
    "end",
    "duration",  # 1:30:00, 01:30 or decimal hours
    "hours",  # decimal hours
)
SAMPLE_ROWS = 500  # rows looked at to tell 03/04 day-first from month-first


@dataclass(frozen=True)
class Layout:
    """A tool's export: role → the header names it uses, English first, then German."""

    format: str
    english: dict[str, tuple[str, ...]]
    german: dict[str, tuple[str, ...]] = field(default_factory=dict)
    # Each group needs one of its roles in the header, e.g. (("date", "start"), …).
    required: tuple[tuple[str, ...], ...] = ()
    english_date_order: str = "mdy"

    def locate(self, header: Sequence[str]) -> tuple[dict[str, int], bool]:
        """{role: column position} and whether the header is German."""
        keys = [csv_tools.header_key(name) for name in header]
        positions: dict[str, int] = {}
        german = False
        for role in ROLES:
            for names, is_german in ((self.english, False), (self.german, True)):
                position = _position(keys, names.get(role, ()))
                if position is not None:
                    positions[role] = position
                    german = german or is_german
                    break
        return positions, german

    def missing(self, positions: dict[str, int]) -> list[str]:
        """The header names to mention for each required group that is absent."""
        return [
            " or ".join(self.english.get(role, (role,))[0] for role in group)
            for group in self.required
            if not any(role in positions for role in group)
        ]


@dataclass(frozen=True)
class Lookups:
    """Names for the ids in an export that keeps clients, projects and people in files of
    their own (solidtime's): role → {id: name}, and each project's client id."""

    names: dict[str, dict[str, str]]
    sources: dict[str, str]  # role → the file the names come from, for error messages
    client_of_project: dict[str, str] = field(default_factory=dict)


def _position(keys: list[str], names: tuple[str, ...]) -> int | None:
    for name in names:
        key = csv_tools.header_key(name)
        if key in keys:
            return keys.index(key)
    return None


def parse_csv_timesheet(path: Path, layout: Layout, time_zone: str) -> ParsedFile:
    """The whole importer of a tool whose export is one CSV file."""
    try:
        table = csv_tools.open_csv(path)
    except csv_tools.CsvProblem as problem:
        return ParsedFile(file=path.name, format=layout.format, sha256="", errors=[problem.error])
    parsed = ParsedFile(file=path.name, format=layout.format, sha256=csv_tools.file_sha256(path))
    zone = ZoneInfo(time_zone)
    read_timesheet(parsed, layout, table.header, table.rows(), zone, table.header_line)
    return parsed


def read_timesheet(
    parsed: ParsedFile,
    layout: Layout,
    header: Sequence[str],
    rows: Iterator[tuple[int, Sequence[object]]],
    zone: ZoneInfo,
    header_line: int = 1,
    lookups: Lookups | None = None,
) -> None:
    """Fills `parsed` with the time entries, errors and skipped rows of `rows`."""
    positions, german = layout.locate(header)
    missing = layout.missing(positions)
    if missing:
        for name in missing:
            parsed.errors.append(
                RowError(parsed.file, header_line, name, None, "required column is missing")
            )
        return
    sample, rest = csv_tools.peek(rows, SAMPLE_ROWS)
    default = "dmy" if german else layout.english_date_order
    order = csv_tools.guess_date_order(_date_texts(sample, positions), default)
    reader = TimesheetRows(header, positions, order, zone, lookups)
    collected = csv_tools.collect_rows(
        parsed.file, itertools.chain(sample, rest), reader.record, parsed.time_entries
    )
    parsed.errors.extend(collected.errors)
    parsed.skipped.extend(collected.skipped)
    if "client" not in positions and parsed.skipped:
        parsed.warnings.append(f"{parsed.file}: the file has no client column")


def _date_texts(
    sample: list[tuple[int, Sequence[object]]], positions: dict[str, int]
) -> Iterator[str]:
    for role in ("date", "start", "start_time", "end_date"):
        if role in positions:
            for _, fields in sample:
                value = fields[positions[role]]
                if isinstance(value, str):
                    yield value.strip().split(" ")[0].split("T")[0]


class TimesheetRows:
    """Turns one row into a TimeEntryRecord. The parsed forms of repeated values (dates,
    times, durations, clients) are cached, and repeated texts (people, projects, usual
    descriptions) kept once: a long export is mostly repetition, and a million records
    have to fit in memory together."""

    def __init__(
        self,
        header: Sequence[str],
        positions: dict[str, int],
        date_order: str,
        zone: ZoneInfo,
        lookups: Lookups | None = None,
    ) -> None:
        self.header = header
        self.lookups = lookups
        self.positions = positions
        self.date_order = date_order
        self.zone = zone
        self.customers: dict[str, CustomerRef] = {}
        self.dates: dict[str, date] = {}
        self.clocks: dict[str, time] = {}
        self.durations: dict[str, Decimal] = {}
        self.rounded: dict[Decimal, Decimal] = {}
        self.flags: dict[str, bool] = {}
        self.texts: dict[str, str] = {}
        self.duration_roles = [r for r in ("duration", "hours") if r in positions]

    def record(self, line: int, fields: Sequence[object]) -> TimeEntryRecord:
        client = self.client(fields)
        if not client:
            raise Skip("has no client")
        start = self.start(fields)
        minutes = self.round(self.minutes(fields, start))
        if minutes <= 0:
            raise Skip("has a duration of 0 minutes")
        customer = self.customers.get(client)
        if customer is None:
            customer = self.customers[client] = CustomerRef(name=client)
        description = self.text(fields, "description") or self.text(fields, "task")
        return TimeEntryRecord(
            location=f"line {line}",
            customer=customer,
            start=start,
            minutes=minutes,
            billable=self.billable(fields),
            user=self.kept(self.user(fields)),
            project=self.kept(self.text(fields, "project")),
            description=self.kept(description),
        )

    def round(self, minutes: Decimal) -> Decimal:
        rounded = self.rounded.get(minutes)
        if rounded is None:
            rounded = self.rounded[minutes] = csv_tools.round_minutes(minutes)
        return rounded

    def kept(self, text: str) -> str | None:
        return self.texts.setdefault(text, text) if text else None

    # --- the columns ------------------------------------------------------------------

    def value(self, fields: Sequence[object], role: str) -> object:
        position = self.positions.get(role)
        return None if position is None else fields[position]

    def text(self, fields: Sequence[object], role: str) -> str:
        # Called about ten times per row: kept to the few steps a CSV field needs.
        position = self.positions.get(role)
        if position is None:
            return ""
        value = fields[position]
        if value is None:
            return ""
        text = value.strip() if type(value) is str else str(value)
        if self.lookups is not None and text and role in self.lookups.names:
            return self.looked_up(role, text)
        return text

    def looked_up(self, role: str, key: str) -> str:
        """The name for an id; an unknown client is an error, any other unknown id is
        only a missing detail (the entry keeps its customer and minutes)."""
        assert self.lookups is not None
        name = self.lookups.names[role].get(key)
        if name is not None:
            return name
        if role != "client":
            return ""
        message = f"is not an id in {self.lookups.sources[role]}"
        raise self.problem(role, key, message)

    def client(self, fields: Sequence[object]) -> str:
        """The client, or with lookups where the entry has none, its project's client."""
        client = self.text(fields, "client")
        if client or not self.lookups:
            return client
        project = self.value(fields, "project")
        client_id = self.lookups.client_of_project.get(str(project or "").strip())
        return self.looked_up("client", client_id) if client_id else ""

    def problem(self, role: str, value: object, message: str) -> FieldProblem:
        return FieldProblem(self.header[self.positions[role]], value, message)

    def start(self, fields: Sequence[object]) -> datetime:
        if "start" in self.positions:
            return self.moment(fields, "start")
        day = self.day(fields, "date")
        clock = self.value(fields, "start_time")
        if isinstance(clock, datetime):
            return clock.replace(tzinfo=None)  # a spreadsheet cell with date and time
        if type(clock) is str and len(clock) > 10 and len(clock.strip()) > 10:
            return self.moment(fields, "start_time")  # Kimai: "2026-11-23 14:30"
        return datetime.combine(day, self.clock(fields, "start_time"))

    def end(self, fields: Sequence[object], start: datetime) -> datetime | None:
        if "end" in self.positions:
            return self.moment(fields, "end")
        clock = self.value(fields, "end_time")
        if isinstance(clock, datetime):
            return clock.replace(tzinfo=None)
        if isinstance(clock, str) and len(clock.strip()) > 10:
            return self.moment(fields, "end_time")
        if not self.text(fields, "end_time"):
            return None
        day = self.day(fields, "end_date") if self.text(fields, "end_date") else start.date()
        return datetime.combine(day, self.clock(fields, "end_time"))

    def minutes(self, fields: Sequence[object], start: datetime) -> Decimal:
        for role in self.duration_roles:
            if self.text(fields, role):
                return self.duration(fields, role)
        end = self.end(fields, start)
        if end is None:
            role = next(r for r in ("duration", "hours", "end_time", "end") if r in self.positions)
            raise self.problem(role, None, "a value is required (the duration or the end time)")
        return csv_tools.minutes_between(start, end)

    def billable(self, fields: Sequence[object]) -> bool:
        value = self.value(fields, "billable")
        if isinstance(value, bool):
            return value
        text = self.text(fields, "billable")
        found = self.flags.get(text)
        if found is None:
            try:
                found = self.flags[text] = csv_tools.parse_yes_no(text)
            except ValueError as error:
                raise self.problem("billable", text, str(error)) from None
        return found

    def user(self, fields: Sequence[object]) -> str:
        name = self.text(fields, "user")
        if not name:
            name = f"{self.text(fields, 'first_name')} {self.text(fields, 'last_name')}".strip()
        return name

    # --- values -------------------------------------------------------------------------

    def day(self, fields: Sequence[object], role: str) -> date:
        value = self.value(fields, role)
        if type(value) is not str:
            if isinstance(value, datetime):
                return value.date()
            if isinstance(value, date):
                return value
        text = self.text(fields, role)
        if not text:
            raise self.problem(role, None, "a value is required")
        found = self.dates.get(text)
        if found is None:
            try:
                found = self.dates[text] = csv_tools.parse_local_date(text, self.date_order)
            except ValueError as error:
                raise self.problem(role, text, str(error)) from None
        return found

    def clock(self, fields: Sequence[object], role: str) -> time:
        value = self.value(fields, role)
        if type(value) is not str and isinstance(value, time):
            return value
        text = self.text(fields, role)
        if not text:
            return time(0)  # a tool without times of day (Harvest): the start of the day
        found = self.clocks.get(text)
        if found is None:
            try:
                found = self.clocks[text] = csv_tools.parse_clock(text)
            except ValueError as error:
                raise self.problem(role, text, str(error)) from None
        return found

    def moment(self, fields: Sequence[object], role: str) -> datetime:
        value = self.value(fields, role)
        if isinstance(value, datetime):
            return value.replace(tzinfo=None)
        text = self.text(fields, role)
        if not text:
            raise self.problem(role, None, "a value is required")
        try:
            return csv_tools.parse_local_datetime(text, self.date_order, self.zone)
        except ValueError as error:
            raise self.problem(role, text, str(error)) from None

    def duration(self, fields: Sequence[object], role: str) -> Decimal:
        value = self.value(fields, role)
        if type(value) is not str:
            if isinstance(value, timedelta):
                return Decimal(int(value.total_seconds())) / 60
            if isinstance(value, time):
                return Decimal(value.hour * 3600 + value.minute * 60 + value.second) / 60
            if isinstance(value, int | float) and not isinstance(value, bool):
                return Decimal(str(value)) * 60  # a spreadsheet number: hours
        text = self.text(fields, role)
        found = self.durations.get(text)
        if found is None:
            try:
                found = csv_tools.parse_duration(text)
                if role == "hours" and ":" in text:
                    raise ValueError("is not a number of hours (like 1.5)")
            except ValueError as error:
                raise self.problem(role, text, str(error)) from None
            self.durations[text] = found
        return found
