"""Property-based fuzzing of the CSV reading and a CSV importer: whatever the bytes, the
result is records or clean errors (RowError-based), never another exception."""

from __future__ import annotations

import contextlib
from zoneinfo import ZoneInfo

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kundenwert.activity.models import TimeEntry
from kundenwert.importers import csv_tools, toggl
from kundenwert.importers.services import ImportInvalid, do_import_files

FIELD_TEXT = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=12)
CSV_TEXT = st.text(alphabet="abc01:.,;/\t \"'\r\n-+AMP€äß\x00", max_size=300)
VALUE_PARSERS = [
    lambda t: csv_tools.parse_number(t, money=True),
    lambda t: csv_tools.parse_number(t, money=False),
    csv_tools.parse_duration,
    lambda t: csv_tools.parse_local_date(t, "dmy"),
    lambda t: csv_tools.parse_local_date(t, "mdy"),
    csv_tools.parse_clock,
    csv_tools.parse_yes_no,
    lambda t: csv_tools.parse_local_datetime(t, "dmy", ZoneInfo("Europe/Berlin")),
]
TOGGL_HEADER = (
    "User,Email,Client,Project,Task,Description,Billable,Start date,Start time,"
    "End date,End time,Duration,Tags\n"
)
TOGGL_VALUES = st.sampled_from(
    ["", "Anna", "Big Company", "Yes", "No", "ja", "2024-03-04", "04.03.2024", "13/04/2024",
     "31/02/2024", "10:23:00", "10:23 PM", "25:00", "01:00:01", "1,5", "-1", '"', '""', "\n",
     "€", "x" * 50]
)  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(text=st.one_of(FIELD_TEXT, CSV_TEXT), parser=st.sampled_from(VALUE_PARSERS))
def test_the_value_parsers_raise_nothing_but_value_errors(text, parser):
    with contextlib.suppress(ValueError):
        parser(text)


@settings(max_examples=300, deadline=None)
@given(data=st.one_of(st.binary(max_size=400), CSV_TEXT.map(lambda t: t.encode("utf-8"))))
def test_reading_any_bytes_gives_rows_or_one_csv_problem(data):
    try:
        table = csv_tools.csv_from_bytes(data, "fuzz.csv")
        rows = list(table.rows())
    except csv_tools.CsvProblem as problem:
        assert problem.error.file == "fuzz.csv"
        return
    assert all(len(fields) == len(table.header) for _, fields in rows)


def toggl_text(rows: list[list[str]]) -> str:
    def quoted(value: str) -> str:
        return '"' + value.replace('"', '""') + '"' if any(c in value for c in ',"\n') else value

    return TOGGL_HEADER + "".join(",".join(map(quoted, row)) + "\n" for row in rows)


TOGGL_ROWS = st.lists(st.lists(TOGGL_VALUES, min_size=0, max_size=15), max_size=6)


@settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(rows=TOGGL_ROWS, cut=st.integers(min_value=0, max_value=40), garbage=st.binary(max_size=20))
def test_the_toggl_importer_gives_records_or_row_errors(tmp_path, rows, cut, garbage):
    data = toggl_text(rows).encode("utf-8")
    data = data[: len(data) - cut] + garbage
    path = tmp_path / "toggl.csv"
    path.write_bytes(data)

    parsed = toggl.parse(path, time_zone="Europe/Berlin")

    assert all(entry.minutes > 0 and entry.customer.name for entry in parsed.time_entries)
    assert all(error.file == "toggl.csv" and str(error) for error in parsed.errors)


@pytest.mark.django_db
@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(rows=TOGGL_ROWS, cut=st.integers(min_value=0, max_value=40))
def test_importing_fuzzed_toggl_files_writes_all_or_nothing(tmp_path, rows, cut):
    data = toggl_text(rows).encode("utf-8")
    path = tmp_path / "toggl.csv"
    path.write_bytes(data[: len(data) - cut])
    before = TimeEntry.objects.count()

    try:
        report = do_import_files([path], format="toggl", dry_run=True)
    except ImportInvalid as invalid:
        assert invalid.errors and all(str(error) for error in invalid.errors)
        assert TimeEntry.objects.count() == before
        return
    assert report.dry_run and TimeEntry.objects.count() == before
